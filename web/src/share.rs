//! Share links: the whole scenario in the URL fragment.
//!
//! `#s=` + base64url without padding (RFC 4648 §5) of the raw-DEFLATE-compressed (RFC 1951, no zlib
//! header) scenario v1 JSON. `docs/sharing.md` has two-line Python and Node scripts that make such links.
//! The fragment may also hold `embed=1`, separated by `&`.
//!
//! The codec itself is the browser's (`CompressionStream("deflate-raw")`, in `web/js/share.js`), so
//! [`encode`] and [`decode`] are async and work only in the browser; their tests are in
//! `web/tests/browser.rs`. What is pure (the fragment, the query, the errors' words) is here.

/// Links larger than this after inflating are refused (a guard against decompression bombs).
pub const MAX_INFLATED: usize = 2 * 1024 * 1024;

/// The longest link "Copy link" makes (characters). Browsers accept far longer addresses, but chat
/// tools, mail clients and web servers cut them well before; a longer link would fail for whoever
/// receives it, so the page says so and points to "Export" instead (docs/sharing.md).
pub const LONG_LINK: usize = 32_000;

/// Why a link could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    Base64,
    Deflate,
    TooLarge,
    Utf8,
}

impl DecodeError {
    /// The error `web/js/share.js` rejects with (its message).
    pub fn from_code(code: &str) -> DecodeError {
        match code {
            "base64" => DecodeError::Base64,
            "too-large" => DecodeError::TooLarge,
            "utf8" => DecodeError::Utf8,
            _ => DecodeError::Deflate,
        }
    }
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DecodeError::Base64 => {
                "the link's `s=` part is not valid base64url (was the link cut short or changed?)"
            }
            DecodeError::Deflate => {
                "the link's `s=` part is not DEFLATE-compressed data (was the link cut short?)"
            }
            DecodeError::TooLarge => "the scenario in the link is larger than 2 MiB",
            DecodeError::Utf8 => "the scenario in the link is not UTF-8 text",
        })
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    // `web/js/share.js`, bundled (minified) into the page bundle (`web/js/page.js`).
    #[wasm_bindgen(module = "/js/dist/page.bundle.js")]
    extern "C" {
        #[wasm_bindgen(js_name = deflateLink, catch)]
        async fn deflate_link(text: &str) -> Result<JsValue, JsValue>;
        #[wasm_bindgen(js_name = inflateLink, catch)]
        async fn inflate_link(payload: &str, max_bytes: f64) -> Result<JsValue, JsValue>;
    }

    pub async fn encode(json: &str) -> Option<String> {
        deflate_link(json).await.ok()?.as_string()
    }

    pub async fn decode(payload: &str) -> Result<String, super::DecodeError> {
        match inflate_link(payload, super::MAX_INFLATED as f64).await {
            Ok(text) => text.as_string().ok_or(super::DecodeError::Utf8),
            Err(e) => {
                let code = e
                    .dyn_ref::<js_sys::Error>()
                    .and_then(|e| e.message().as_string())
                    .unwrap_or_default();
                Err(super::DecodeError::from_code(&code))
            }
        }
    }
}

/// Outside a browser (the host build that runs the unit tests) there is no codec: nothing is
/// encoded and every payload is refused. Nothing in the host tests calls these.
#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub async fn encode(_json: &str) -> Option<String> {
        None
    }
    pub async fn decode(_payload: &str) -> Result<String, super::DecodeError> {
        Err(super::DecodeError::Deflate)
    }
}

/// The `s=` payload for a scenario's JSON text (`None` if the browser cannot compress).
pub async fn encode(json: &str) -> Option<String> {
    imp::encode(json).await
}

/// The scenario JSON text in an `s=` payload.
pub async fn decode(payload: &str) -> Result<String, DecodeError> {
    imp::decode(payload).await
}

/// What the URL fragment asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fragment {
    /// The `s=` payload, still encoded.
    pub scenario: Option<String>,
    /// `embed=1` (or a bare `embed`).
    pub embed: bool,
}

/// Read `#s=…&embed=1` (with or without the leading `#`).
pub fn parse_fragment(hash: &str) -> Fragment {
    let mut out = Fragment::default();
    for part in hash.trim_start_matches('#').split('&') {
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        match key {
            "s" if !value.is_empty() => out.scenario = Some(value.to_string()),
            "embed" => out.embed = !matches!(value, "0" | "false"),
            _ => {}
        }
    }
    out
}

/// Whether a query string (`?embed`, `?embed=1`, `?x=1&embed`) asks for embed mode.
pub fn query_wants_embed(search: &str) -> bool {
    query_flag(search, "embed")
}

/// Whether the query (`location.search`) turns `flag` on: `?flag`, `?flag=1`, not `?flag=0`.
pub fn query_flag(search: &str, flag: &str) -> bool {
    search.trim_start_matches('?').split('&').any(|part| {
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        key == flag && !matches!(value, "0" | "false")
    })
}

/// The fragment for an encoded scenario ([`encode`]): `#s=…`, plus `&embed=1` when asked.
pub fn fragment_for(payload: &str, embed: bool) -> String {
    let mut out = format!("#s={payload}");
    if embed {
        out.push_str("&embed=1");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_fragments_and_queries() {
        assert_eq!(parse_fragment(""), Fragment::default());
        assert_eq!(
            parse_fragment("#s=abc"),
            Fragment {
                scenario: Some("abc".into()),
                embed: false
            }
        );
        assert_eq!(
            parse_fragment("#s=abc&embed=1"),
            Fragment {
                scenario: Some("abc".into()),
                embed: true
            }
        );
        assert_eq!(
            parse_fragment("embed&s=x"),
            Fragment {
                scenario: Some("x".into()),
                embed: true
            }
        );
        assert_eq!(parse_fragment("#s=&embed=0"), Fragment::default());
        assert!(query_wants_embed("?embed"));
        assert!(query_wants_embed("?a=b&embed=1"));
        assert!(!query_wants_embed("?embed=0"));
        assert!(!query_wants_embed(""));
        assert_eq!(
            fragment_for("q1ZKVLJSMKwFAA", true),
            "#s=q1ZKVLJSMKwFAA&embed=1"
        );
        assert_eq!(fragment_for("abc", false), "#s=abc");
    }

    #[test]
    fn errors_come_back_from_the_codes_share_js_throws() {
        for (code, error) in [
            ("base64", DecodeError::Base64),
            ("deflate", DecodeError::Deflate),
            ("too-large", DecodeError::TooLarge),
            ("utf8", DecodeError::Utf8),
            ("anything else", DecodeError::Deflate),
        ] {
            assert_eq!(DecodeError::from_code(code), error);
        }
    }
}
