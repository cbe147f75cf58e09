//! Bytes that should be UTF-8 text: the text, or where it stops being UTF-8.

use std::fmt;

use crate::{LineCol, LineIndex, Span};

/// Where bytes stop being UTF-8 ([`decode_utf8`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Utf8Error {
    /// The bytes that do not form a character: from the end of the valid prefix, the invalid
    /// sequence (to the end of the input when it is a truncated character).
    pub span: Span,
    /// The line and column of `span.start`, counted in the valid prefix (so in the text an editor
    /// shows up to that point).
    pub position: LineCol,
    /// The invalid bytes, at most four.
    pub bytes: Vec<u8>,
}

impl fmt::Display for Utf8Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bytes: Vec<String> = self.bytes.iter().map(|b| format!("0x{b:02X}")).collect();
        write!(
            f,
            "not UTF-8 text: {} at line {}, column {} (byte offset {}) is not a character",
            bytes.join(" "),
            self.position.line,
            self.position.column,
            self.span.start,
        )
    }
}

impl std::error::Error for Utf8Error {}

/// The text, or the first place where `bytes` are not UTF-8, with its line and column (the valid
/// prefix's length, placed with [`LineIndex`]). Linear in the input.
pub fn decode_utf8(bytes: &[u8]) -> Result<&str, Utf8Error> {
    let error = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(text),
        Err(error) => error,
    };
    let valid = error.valid_up_to();
    let prefix = bytes
        .get(..valid)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or("");
    let end = match error.error_len() {
        Some(len) => valid + len,
        None => bytes.len(),
    };
    Err(Utf8Error {
        span: Span::new(valid, end),
        position: LineIndex::new(prefix).line_col(u32::try_from(valid).unwrap_or(u32::MAX)),
        bytes: bytes
            .get(valid..end)
            .unwrap_or_default()
            .iter()
            .take(4)
            .copied()
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_text_passes() {
        assert_eq!(decode_utf8("é😀\nx".as_bytes()), Ok("é😀\nx"));
        assert_eq!(decode_utf8(b""), Ok(""));
    }

    #[test]
    fn invalid_byte_has_a_position() {
        let bytes = b"{\n  \"a\": \"\xC3\xA9\xFF\"\n}";
        let e = decode_utf8(bytes).unwrap_err();
        assert_eq!(e.span, Span::new(12, 13));
        assert_eq!((e.position.line, e.position.column), (2, 10));
        assert_eq!(e.bytes, vec![0xFF]);
        assert_eq!(
            e.to_string(),
            "not UTF-8 text: 0xFF at line 2, column 10 (byte offset 12) is not a character"
        );
    }

    #[test]
    fn truncated_character_at_the_end() {
        // The first two bytes of the three of `日`.
        let e = decode_utf8(b"ab\r\xE6\x97").unwrap_err();
        assert_eq!(e.span, Span::new(3, 5));
        assert_eq!((e.position.line, e.position.column), (2, 1));
        assert_eq!(e.bytes, vec![0xE6, 0x97]);
    }
}
