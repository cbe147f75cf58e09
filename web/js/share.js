// The share-link codec (docs/sharing.md): base64url without padding of the raw-DEFLATE (RFC 1951)
// bytes of the scenario's UTF-8 JSON. The browser's own CompressionStream / DecompressionStream
// do the DEFLATE work, so no compressor is compiled into the wasm (BENCHMARKS.md, first load).
// Bundled into editor.bundle.js (editor.js re-exports it); `web/src/share.rs` imports it from there.
//
// `inflateLink` rejects with an Error whose message is one of `base64`, `deflate`, `too-large`,
// `utf8`; share.rs turns it into its `DecodeError`.

async function drain(readable, maxBytes) {
  const reader = readable.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (maxBytes > 0 && total > maxBytes) {
      // A decompression bomb (or just too large): stop reading.
      reader.cancel().catch(() => {});
      throw new Error("too-large");
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function pipe(bytes, transform) {
  const writer = transform.writable.getWriter();
  // Errors surface on the readable side; keep the writer's own rejections quiet.
  writer.write(bytes).catch(() => {});
  writer.close().catch(() => {});
  return transform.readable;
}

/** The `s=` payload for a scenario's JSON text. */
export async function deflateLink(text) {
  const bytes = new TextEncoder().encode(text);
  const packed = await drain(pipe(bytes, new CompressionStream("deflate-raw")), 0);
  let binary = "";
  for (let i = 0; i < packed.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, packed.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The scenario JSON text of an `s=` payload (at most `maxBytes` once inflated). Tolerates
 *  padding, whitespace and the standard base64 alphabet (`+`, `/`), which some tools produce. */
export async function inflateLink(payload, maxBytes) {
  const cleaned = payload.replace(/[\s=]/g, "").replace(/-/g, "+").replace(/_/g, "/");
  let binary;
  try {
    if (cleaned.length === 0 || !/^[A-Za-z0-9+/]*$/.test(cleaned)) throw new Error();
    binary = atob(cleaned);
  } catch (_) {
    throw new Error("base64");
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  let inflated;
  try {
    inflated = await drain(pipe(bytes, new DecompressionStream("deflate-raw")), maxBytes);
  } catch (e) {
    throw new Error(e && e.message === "too-large" ? "too-large" : "deflate");
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(inflated);
  } catch (_) {
    throw new Error("utf8");
  }
}
