//! Base64 values for the `BinaryEquals` condition operator, whose policy
//! values are base64-encoded binary data.
//!
//! Follows <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_BinaryEquals>
//! and the standard alphabet of RFC 4648 section 4
//! (<https://www.rfc-editor.org/rfc/rfc4648#section-4>).
//!
//! `=` padding is optional but, when present, must complete the last group
//! of four characters. Whitespace and the URL-safe alphabet (`-`, `_`) are
//! rejected. Unused bits in the last character are ignored rather than
//! required to be zero (RFC 4648 section 3.5 allows either).

use super::quote;

fn sextet(b: u8) -> Option<u32> {
    let v = match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

/// Decodes standard base64, with or without `=` padding.
pub(crate) fn decode_base64(s: &str) -> Result<Vec<u8>, String> {
    let invalid = |reason: String| format!("{} is not valid base64: {reason}", quote(s));
    let bytes = s.as_bytes();
    let body = bytes
        .iter()
        .rposition(|b| *b != b'=')
        .and_then(|last| bytes.get(..=last))
        .unwrap_or_default();
    let mut out = Vec::with_capacity(body.len() / 4 * 3 + 2);
    let mut acc = 0u32;
    let mut bits = 0u32;
    for (at, &b) in body.iter().enumerate() {
        let Some(v) = sextet(b) else {
            let shown = s
                .get(at..)
                .and_then(|rest| rest.chars().next())
                .map_or_else(|| format!("byte {b:#04x}"), |c| format!("{c:?}"));
            return Err(invalid(format!(
                "{shown} at position {at} is not a base64 character"
            )));
        };
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.extend(u8::try_from((acc >> bits) & 0xff).ok());
            acc &= (1 << bits) - 1;
        }
    }
    let padding = bytes.len() - body.len();
    if padding > 2 {
        return Err(invalid(
            "it has more than two `=` padding characters".into(),
        ));
    }
    if padding > 0 && !bytes.len().is_multiple_of(4) {
        return Err(invalid(
            "`=` padding must bring the length to a multiple of 4".into(),
        ));
    }
    if body.len() % 4 == 1 {
        return Err(invalid(
            "its length leaves a single character in the last group".into(),
        ));
    }

    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A straightforward encoder, for round-trip tests.
    fn encode(data: &[u8], pad: bool) -> String {
        const ALPHABET: &[u8; 64] =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in data.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |acc, (i, b)| acc | u32::from(*b) << (16 - 8 * i));
            let chars = chunk.len() + 1;
            for i in 0..4 {
                if i < chars {
                    out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
                } else if pad {
                    out.push('=');
                }
            }
        }
        out
    }

    #[test]
    fn rfc4648_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(
                decode_base64(encoded).unwrap(),
                plain.as_bytes(),
                "{encoded}"
            );
            let unpadded = encoded.trim_end_matches('=');
            assert_eq!(
                decode_base64(unpadded).unwrap(),
                plain.as_bytes(),
                "{unpadded}"
            );
            assert_eq!(encode(plain.as_bytes(), true), encoded);
        }
    }

    #[test]
    fn binary_bytes() {
        assert_eq!(decode_base64("+/8=").unwrap(), [0xfb, 0xff]);
        assert_eq!(decode_base64("AAEC").unwrap(), [0, 1, 2]);
        assert_eq!(decode_base64("////").unwrap(), [0xff, 0xff, 0xff]);
        // Non-zero unused bits are tolerated.
        assert_eq!(decode_base64("Zh==").unwrap(), b"f");
        assert_eq!(decode_base64("Zm9=").unwrap(), b"fo");
    }

    #[test]
    fn errors() {
        assert_eq!(
            decode_base64("Zm9v!").unwrap_err(),
            "`Zm9v!` is not valid base64: '!' at position 4 is not a base64 character"
        );
        assert_eq!(
            decode_base64("Zm9vY").unwrap_err(),
            "`Zm9vY` is not valid base64: its length leaves a single character in the last group"
        );
        assert_eq!(
            decode_base64("Zg===").unwrap_err(),
            "`Zg===` is not valid base64: it has more than two `=` padding characters"
        );
        assert_eq!(
            decode_base64("Zm8==").unwrap_err(),
            "`Zm8==` is not valid base64: `=` padding must bring the length to a multiple of 4"
        );
        assert_eq!(
            decode_base64("Zé==").unwrap_err(),
            "`Zé==` is not valid base64: 'é' at position 1 is not a base64 character"
        );
        for bad in [
            "=",
            "==",
            "Z===",
            "Zg=",
            "Zg=a",
            "Zg==Zg==",
            "Z",
            "Zm9v Zg==",
            " Zm9v",
            "Zm9v\n",
            "Zm-v",
            "Zm_v",
            "Zm9v=",
        ] {
            assert!(decode_base64(bad).is_err(), "{bad:?} decoded");
        }
    }

    proptest! {
        #[test]
        fn round_trip(data in proptest::collection::vec(any::<u8>(), 0..64)) {
            prop_assert_eq!(decode_base64(&encode(&data, true)).unwrap(), data.clone());
            prop_assert_eq!(decode_base64(&encode(&data, false)).unwrap(), data);
        }

        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = decode_base64(&s);
        }

        #[test]
        fn never_panics_near_valid(s in "[A-Za-z0-9+/=]{0,16}") {
            let _ = decode_base64(&s);
        }
    }
}
