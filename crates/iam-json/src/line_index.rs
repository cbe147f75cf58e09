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
/// Keeps an owned copy of the text, the byte offset where each line starts, and, for every
/// block of `BLOCK` (256) bytes, how many characters and UTF-16 code units come before it. Building
/// is linear; a lookup is a binary search over the lines plus a count over at most two blocks,
/// however long the line (a minified policy is one line of any length).
#[derive(Clone, Debug)]
pub struct LineIndex {
    text: String,
    line_starts: Vec<usize>,
    /// `blocks[k]`: characters and extra UTF-16 units (one per character outside the Basic
    /// Multilingual Plane) in `text[..k * BLOCK]`.
    blocks: Vec<Counts>,
}

/// Bytes per checkpoint of [`LineIndex`]: a lookup counts at most this many bytes twice.
const BLOCK: usize = 256;

/// Characters, and characters that take two UTF-16 units, in some text.
#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    chars: usize,
    astral: usize,
}

impl Counts {
    /// Counted over whole characters: a byte that is not a continuation byte starts one, and a
    /// lead byte from `0xF0` up starts a four-byte character (two UTF-16 units).
    fn of(bytes: &[u8]) -> Counts {
        bytes.iter().fold(Counts::default(), |c, &b| Counts {
            chars: c.chars + usize::from(b & 0xC0 != 0x80),
            astral: c.astral + usize::from(b >= 0xF0),
        })
    }
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
        let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut total = Counts::default();
        blocks.push(total);
        for chunk in bytes.chunks_exact(BLOCK) {
            let c = Counts::of(chunk);
            total.chars += c.chars;
            total.astral += c.astral;
            blocks.push(total);
        }
        LineIndex {
            text: text.to_owned(),
            line_starts,
            blocks,
        }
    }

    /// Characters and astral characters in `text[..offset]` (`offset` on a character boundary).
    fn before(&self, offset: usize) -> Counts {
        let block = offset / BLOCK;
        let base = self.blocks.get(block).copied().unwrap_or_default();
        let rest = self
            .text
            .as_bytes()
            .get(block * BLOCK..offset)
            .map(Counts::of)
            .unwrap_or_default();
        Counts {
            chars: base.chars + rest.chars,
            astral: base.astral + rest.astral,
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
        let (at, start) = (self.before(off), self.before(line_start));
        let chars = at.chars.saturating_sub(start.chars);
        let units = chars + at.astral.saturating_sub(start.astral);
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

    /// The position by counting from the line's start (what `line_col` computed before it kept
    /// block counts).
    fn naive(text: &str, offset: usize) -> LineCol {
        let mut off = offset.min(text.len());
        while !text.is_char_boundary(off) {
            off -= 1;
        }
        let before = text.get(..off).unwrap();
        let line_start = before
            .char_indices()
            .filter(|(i, c)| {
                *c == '\n' || (*c == '\r' && text.as_bytes().get(i + 1) != Some(&b'\n'))
            })
            .map(|(i, _)| i + 1)
            .next_back()
            .unwrap_or(0);
        let line = 1 + before
            .char_indices()
            .filter(|(i, c)| {
                *c == '\n' || (*c == '\r' && text.as_bytes().get(i + 1) != Some(&b'\n'))
            })
            .count();
        let rest = text.get(line_start..off).unwrap();
        lc(
            line as u32,
            rest.chars().count() as u32 + 1,
            rest.encode_utf16().count() as u32 + 1,
        )
    }

    #[test]
    fn long_lines_across_blocks() {
        // Lines much longer than a block, with 1- to 4-byte characters straddling block edges.
        let mut text = String::new();
        for i in 0..1500 {
            text.push(['a', 'é', '日', '😀', 'b'][i % 5]);
            if i % 701 == 700 {
                text.push_str(if i % 2 == 0 { "\r\n" } else { "\n" });
            }
        }
        let idx = LineIndex::new(&text);
        for offset in 0..=text.len() + 1 {
            assert_eq!(
                idx.line_col(offset as u32),
                naive(&text, offset),
                "offset {offset}"
            );
        }
    }

    #[test]
    fn serializes() {
        let json = serde_json::to_string(&lc(1, 2, 3)).unwrap();
        assert_eq!(json, r#"{"line":1,"column":2,"columnUtf16":3}"#);
    }
}
