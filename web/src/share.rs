//! Share links: the whole scenario in the URL fragment.
//!
//! `#s=` + base64url without padding (RFC 4648 §5) of the raw-DEFLATE-compressed (RFC 1951, no zlib
//! header) scenario v1 JSON. `docs/sharing.md` has two-line Python and Node scripts that make such links.
//! The fragment may also hold `embed=1`, separated by `&`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

/// Links larger than this after inflating are refused (a guard against decompression bombs).
const MAX_INFLATED: usize = 2 * 1024 * 1024;

/// The `s=` payload for a scenario's JSON text.
pub fn encode(json: &str) -> String {
    let compressed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    URL_SAFE_NO_PAD.encode(compressed)
}

/// Why a link could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    Base64,
    Deflate,
    TooLarge,
    Utf8,
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

/// The scenario JSON text in an `s=` payload. Tolerates padding and the standard base64 alphabet
/// (`+`, `/`), which some tools produce.
pub fn decode(payload: &str) -> Result<String, DecodeError> {
    let cleaned: String = payload
        .trim()
        .chars()
        .filter(|c| *c != '=' && !c.is_whitespace())
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            other => other,
        })
        .collect();
    let bytes = URL_SAFE_NO_PAD
        .decode(cleaned.as_bytes())
        .map_err(|_| DecodeError::Base64)?;
    let inflated = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_INFLATED)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => DecodeError::TooLarge,
            _ => DecodeError::Deflate,
        })?;
    String::from_utf8(inflated).map_err(|_| DecodeError::Utf8)
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
    search.trim_start_matches('?').split('&').any(|part| {
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        key == "embed" && !matches!(value, "0" | "false")
    })
}

/// The fragment for a scenario: `#s=…`, plus `&embed=1` when asked.
pub fn fragment_for(json: &str, embed: bool) -> String {
    let mut out = format!("#s={}", encode(json));
    if embed {
        out.push_str("&embed=1");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCENARIO: &str = r#"{"request":{"principal":"arn:aws:iam::111122223333:user/alice","action":"s3:GetObject","resource":"arn:aws:s3:::b/k"},"policies":[]}"#;

    #[test]
    fn round_trips() {
        let payload = encode(SCENARIO);
        assert!(
            payload
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
            "URL-safe, no padding: {payload}"
        );
        assert_eq!(decode(&payload).unwrap(), SCENARIO);
        let unicode = "{\"note\": \"día 🌍\"}";
        assert_eq!(decode(&encode(unicode)).unwrap(), unicode);
    }

    #[test]
    fn reads_what_python_zlib_writes() {
        // python3 -c 'import zlib,base64;c=zlib.compressobj(9,zlib.DEFLATED,-15);d=c.compress(b"{\"a\": 1}")+c.flush();print(base64.urlsafe_b64encode(d).decode().rstrip("="))'
        assert_eq!(decode("q1ZKVLJSMKwFAA").unwrap(), "{\"a\": 1}");
        assert_eq!(
            decode("q1ZKVLJSMKwFAA==").unwrap(),
            "{\"a\": 1}",
            "padding is tolerated"
        );
    }

    #[test]
    fn reads_links_made_by_the_documented_scripts() {
        // docs/sharing.md: the Python (zlib, wbits=-15) and Node (deflateRawSync) one-liners, run on
        // the same small scenario file; the two compressors write different bytes.
        let python = "dVCxasMwFNz9FUZjiZvYHgraAmnXQgNd4gyq_AIKsuRKMsEY_3tPVkozuG8w1t27e-_dlOU5c_Q9kA-M5xOeAHqnjFS90ICYcIaLm-dKdJyXqApVo_jgyW2FVpLYJgmFDMqaqPI1P5CmQO9fV5Lht8GRt4OD4MEYrZz3zrZFK4LYWteS889XDyOI5qhkvcUYRR660-KUNgVjRLe4Heu3Qeu9lOT9fRrYMPYLq1oyQYXxj2mtHDqAkZ0ak-cN-8RcrN8Aali1K6ui3BXlS8M2iT8GEShqYscpYtgD-OvlghOTbK-1vUERf5cwEowbnxL6cU8g4QBx4brVgcy46vQY7JrpP8Eus-Koc2NmtuQw43vO5uwH";
        let node = "dZAxa8MwEIV3_4rjxuA0kTUUbgskXQsNdIkyqPIFFBTJlWRCMP7vRXZKM6SbeHfve6c3VAAY-bvnlJFgqAAAsIvWG9tphwSooyd9TWT1hUgIIZqmaaSUkvrEcaWdNYz1bNQm2-CLK0nasuPM719nNvl3IXIKfTT8CE6SiLoY2mWrs16F2HJML-cUPFYAY3FiF5w1lhMSHCbSfCkAen2ZaHv51ju3MYZTuqcBYL5109S27LPNt79JG0x_YV9-jYPyAAo_OSYbvEIChc1aNEuxXopXhfU832eduXjKxqFoAAMo3J1ObPJs2zgXrgrr8pzKmOUkaTGrH_cGZn2hEMb6OWrL_vaU9FjsM-g_xU5ZJeqo_IhTD2MFcKzG6gc";
        let a = decode(python).unwrap();
        assert_eq!(a, decode(node).unwrap());
        let scenario = iam_core::parse_scenario(&a).unwrap();
        assert_eq!(scenario.request.action, "s3:DeleteObject");
        assert_eq!(
            iam_core::analyze(&scenario).decision(),
            Some(iam_core::Decision::ExplicitDeny)
        );
    }

    #[test]
    fn refuses_broken_payloads() {
        assert_eq!(decode("!!!"), Err(DecodeError::Base64));
        assert_eq!(decode("AAAA"), Err(DecodeError::Deflate));
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; MAX_INFLATED + 10], 9);
        assert_eq!(
            decode(&URL_SAFE_NO_PAD.encode(bomb)),
            Err(DecodeError::TooLarge)
        );
        let latin1 = miniz_oxide::deflate::compress_to_vec(&[0xff, 0xfe], 9);
        assert_eq!(
            decode(&URL_SAFE_NO_PAD.encode(latin1)),
            Err(DecodeError::Utf8)
        );
        let payload = encode(SCENARIO);
        let cut = payload.get(..payload.len() / 2).unwrap();
        assert!(decode(cut).is_err());
    }

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
            fragment_for("{}", true),
            format!("#s={}&embed=1", encode("{}"))
        );
    }
}
