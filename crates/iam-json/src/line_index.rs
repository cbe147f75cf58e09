//! Byte offsets to human line/column positions.

/// A 1-based position in the text for a byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LineCol {
    /// 1-based line number. `\n`, `\r\n` and a lone `\r` each end a line.
    pub line: u32,
    /// 1-based column counted in Unicode scalar values.
    pub column: u32,
    /// 1-based column counted in UTF-16 code units (what browsers and
    /// CodeMirror use).
    pub column_utf16: u32,
}

/// Maps byte offsets to [`LineCol`] positions.
///
/// Keeps an owned copy of the text (columns are counted in characters, so the
/// text is needed) plus the byte offset where each line starts. Building is
/// linear; a lookup is a binary search plus a count over one line.
#[derive(Clone, Debug)]
pub struct LineIndex {
    text: String,
    line_starts: Vec<usize>,
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'\n' => line_starts.push(i + 1),
                // `\r\n` is one break: the `\n` records it.
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => line_starts.push(i + 1),
                _ => {}
            }
        }
        LineIndex {
            text: text.to_owned(),
            line_starts,
        }
    }

    /// The position of byte `offset`. Offsets past the end clamp to the end;
    /// an offset inside a multi-byte character counts as that character.
    pub fn line_col(&self, offset: u32) -> LineCol {
        let mut off = (offset as usize).min(self.text.len());
        while off > 0 && !self.text.is_char_boundary(off) {
            off -= 1;
        }
        let line = self
            .line_starts
            .partition_point(|&start| start <= off)
            .saturating_sub(1);
        let line_start = self.line_starts.get(line).copied().unwrap_or(0);
        let before = self.text.get(line_start..off).unwrap_or("");
        let (chars, units) = before
            .chars()
            .fold((0usize, 0usize), |(c, u), ch| (c + 1, u + ch.len_utf16()));
        LineCol {
            line: to_u32(line + 1),
            column: to_u32(chars + 1),
            column_utf16: to_u32(units + 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lc(line: u32, column: u32, column_utf16: u32) -> LineCol {
        LineCol {
            line,
            column,
            column_utf16,
        }
    }

    #[test]
    fn ascii() {
        let idx = LineIndex::new("ab\ncd\n");
        assert_eq!(idx.line_col(0), lc(1, 1, 1));
        assert_eq!(idx.line_col(1), lc(1, 2, 2));
        assert_eq!(idx.line_col(2), lc(1, 3, 3)); // the \n itself
        assert_eq!(idx.line_col(3), lc(2, 1, 1));
        assert_eq!(idx.line_col(4), lc(2, 2, 2));
        assert_eq!(idx.line_col(6), lc(3, 1, 1)); // end of text
        assert_eq!(idx.line_col(1000), lc(3, 1, 1)); // clamped
    }

    #[test]
    fn empty_text() {
        let idx = LineIndex::new("");
        assert_eq!(idx.line_col(0), lc(1, 1, 1));
        assert_eq!(idx.line_col(u32::MAX), lc(1, 1, 1));
    }

    #[test]
    fn multibyte() {
        // é is 2 bytes / 1 UTF-16 unit; 😀 is 4 bytes / 2 UTF-16 units.
        let text = "é😀x\n😀é";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(0), lc(1, 1, 1));
        assert_eq!(idx.line_col(2), lc(1, 2, 2)); // 😀
        assert_eq!(idx.line_col(6), lc(1, 3, 4)); // x
        assert_eq!(idx.line_col(7), lc(1, 4, 5)); // \n
        assert_eq!(idx.line_col(8), lc(2, 1, 1)); // 😀
        assert_eq!(idx.line_col(12), lc(2, 2, 3)); // é
        assert_eq!(idx.line_col(14), lc(2, 3, 4)); // end
                                                   // Inside a multi-byte char counts as that char.
        assert_eq!(idx.line_col(1), lc(1, 1, 1));
        assert_eq!(idx.line_col(3), lc(1, 2, 2));
        assert_eq!(idx.line_col(5), lc(1, 2, 2));
        assert_eq!(idx.line_col(9), lc(2, 1, 1));
        assert_eq!(idx.line_col(13), lc(2, 2, 3));
    }

    #[test]
    fn crlf_and_lone_cr() {
        let text = "a\r\nb\rc\n\r\nd";
        // a=0 \r=1 \n=2 b=3 \r=4 c=5 \n=6 \r=7 \n=8 d=9
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(0), lc(1, 1, 1));
        assert_eq!(idx.line_col(1), lc(1, 2, 2));
        assert_eq!(idx.line_col(2), lc(1, 3, 3));
        assert_eq!(idx.line_col(3), lc(2, 1, 1));
        assert_eq!(idx.line_col(4), lc(2, 2, 2));
        assert_eq!(idx.line_col(5), lc(3, 1, 1));
        assert_eq!(idx.line_col(6), lc(3, 2, 2));
        assert_eq!(idx.line_col(7), lc(4, 1, 1));
        assert_eq!(idx.line_col(9), lc(5, 1, 1));
        assert_eq!(idx.line_col(10), lc(5, 2, 2));
    }

    #[test]
    fn trailing_cr() {
        let idx = LineIndex::new("x\r");
        assert_eq!(idx.line_col(2), lc(2, 1, 1));
    }

    #[test]
    fn serializes() {
        let json = serde_json::to_string(&lc(1, 2, 3)).unwrap();
        assert_eq!(json, r#"{"line":1,"column":2,"columnUtf16":3}"#);
    }
}
