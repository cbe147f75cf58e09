// <iam-playground>: the playground as an element of a documentation page, no iframe (docs/embedding.md).
//
//   <script type="module" src="https://docs.example.com/iamplay/embed.js"></script>
//   <iam-playground scenario='{"request": …, "policies": […]}'></iam-playground>
//   <iam-playground src="scenarios/deny.json" readonly theme="dark"></iam-playground>
//   <iam-playground><script type="application/json">{ … }</script></iam-playground>
//
// The scenario (v1) or workspace (v2) comes from the `scenario` attribute, a `src` URL (relative to
// the page), or inline JSON in a <script type="application/json"> child. `readonly`: the policies and
// the request cannot be edited. `theme="light|dark"`: otherwise the reader's system setting.
// Every element on the page shares one WebAssembly instance and one catalog worker; each renders in
// its own shadow root, with the playground's stylesheet, and grows with its content.
//
// This file sits next to index.html in the built site; it reads index.html to find the app's files
// (their names carry a content hash), so it needs no build step of its own.

const base = new URL("./", import.meta.url);
let ready = null;

function load() {
  if (ready) return ready;
  ready = (async () => {
    const html = await (await fetch(new URL("index.html", base))).text();
    const find = (re, what) => {
      const m = html.match(re);
      if (!m) throw new Error(`iamplay: ${what} not found in ${new URL("index.html", base)}`);
      return new URL(m[1], base);
    };
    const glue = find(/from\s*['"]\.\/(iam-web-[0-9a-f]+\.js)['"]/, "the app's module");
    const wasm = find(/['"]\.\/(iam-web-[0-9a-f]+_bg\.wasm)['"]/, "the app's WebAssembly");
    const css = find(/href=["']?\.\/(style-[0-9a-f]+\.css)/, "the stylesheet");
    // The wasm's start function mounts a full playground unless told the page only has elements.
    globalThis.__iamplayEmbed = true;
    const [module, cssText] = await Promise.all([
      import(glue.href),
      fetch(css).then((r) => r.text()),
    ]);
    await module.default({ module_or_path: wasm });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(forShadow(cssText));
    return { module, sheet };
  })();
  return ready;
}

// The page's stylesheet, for a shadow root: document-level selectors become the host, and the dark
// colours follow the element's `theme` attribute when it has one.
export function forShadow(css) {
  const dark = css.match(/@media\s*\(prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{([^}]*)\}/);
  let out = css
    .replace(/@media\s*\(prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{/, "@media (prefers-color-scheme: dark){:host(:not([theme=light])){")
    .replace(/:root/g, ":host")
    .replace(/(^|[}\s,])html,\s*body\s*\{/g, "$1:host{")
    .replace(/(^|[}\s,])body\s*\{/g, "$1:host{");
  if (dark) out += `\n:host([theme=dark]){${dark[1]}}`;
  return out + "\n:host{display:block;color:var(--fg);background:var(--bg);font-family:var(--sans)}";
}

class IamPlayground extends HTMLElement {
  async connectedCallback() {
    if (this.shadowRoot) return;
    const shadow = this.attachShadow({ mode: "open" });
    const text = await this.scenarioText();
    const { module, sheet } = await load();
    shadow.adoptedStyleSheets = [sheet];
    const root = document.createElement("div");
    shadow.appendChild(root);
    module.mountEmbed(root, text, this.hasAttribute("readonly"));
  }

  async scenarioText() {
    if (this.hasAttribute("scenario")) return this.getAttribute("scenario");
    if (this.hasAttribute("src")) {
      const response = await fetch(new URL(this.getAttribute("src"), document.baseURI));
      return response.ok ? response.text() : `{"error": "HTTP ${response.status} for ${this.getAttribute("src")}"}`;
    }
    const inline = this.querySelector('script[type="application/json"]');
    return inline ? inline.textContent : "";
  }
}

if (!customElements.get("iam-playground")) customElements.define("iam-playground", IamPlayground);
