//! UTF-8 byte offsets (what the core's spans count) to UTF-16 offsets (what CodeMirror and the DOM
//! count). The conversion happens here, at the edge, and nowhere else.

/// Converts byte offsets into one text to UTF-16 offsets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Utf16Index {
    /// For every non-ASCII character: its byte start, byte length, UTF-16 offset at its start and
    /// UTF-16 length. Between two entries every character is ASCII (1 byte = 1 unit).
    wide: Vec<(u32, u32, u32, u32)>,
    len_bytes: u32,
    /// The byte offset where the first line ends (its newline, or the end of the text).
    first_line_end: u32,
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Utf16Index {
    pub fn new(text: &str) -> Utf16Index {
        let mut wide = Vec::new();
        let mut units = 0u32;
        let mut last_byte = 0u32;
        for (byte, c) in text.char_indices() {
            let byte = to_u32(byte);
            units = units.saturating_add(byte - last_byte);
            last_byte = byte;
            if !c.is_ascii() {
                let bytes = to_u32(c.len_utf8());
                let width = to_u32(c.len_utf16());
                wide.push((byte, bytes, units, width));
                units = units.saturating_add(width);
                last_byte = byte.saturating_add(bytes);
            }
        }
        Utf16Index {
            wide,
            len_bytes: to_u32(text.len()),
            first_line_end: to_u32(text.find('\n').unwrap_or(text.len())),
        }
    }

    /// The text's length in bytes.
    pub fn len_bytes(&self) -> usize {
        self.len_bytes as usize
    }

    /// The byte offset where the first line ends.
    pub fn first_line_end(&self) -> u32 {
        self.first_line_end
    }

    /// The UTF-16 offset of a byte offset. An offset inside a character counts as that character's
    /// start; an offset past the end counts as the end.
    pub fn utf16(&self, byte: u32) -> u32 {
        let byte = byte.min(self.len_bytes);
        // The last wide character starting at or before `byte`.
        let after = self.wide.partition_point(|(start, ..)| *start <= byte);
        match after.checked_sub(1).and_then(|i| self.wide.get(i)) {
            None => byte,
            Some(&(start, bytes, units, width)) => {
                let end = start + bytes;
                if byte < end {
                    units
                } else {
                    units + width + (byte - end)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference: count UTF-16 units of the prefix (rounding down to a char boundary).
    fn slow(text: &str, byte: usize) -> u32 {
        let mut b = byte.min(text.len());
        while !text.is_char_boundary(b) {
            b -= 1;
        }
        text.get(..b).unwrap().encode_utf16().count() as u32
    }

    #[test]
    fn matches_the_reference_on_every_offset() {
        for text in [
            "",
            "plain ascii",
            "é",
            "a€b",
            "𝄞x𝄞",
            "{\"Sid\": \"día 🌍 ok\"}\n\"x\"",
            "ééé\r\n🌍🌍a",
        ] {
            let index = Utf16Index::new(text);
            for byte in 0..=text.len() + 2 {
                assert_eq!(
                    index.utf16(byte as u32),
                    slow(text, byte),
                    "{text:?} at byte {byte}"
                );
            }
        }
    }

    #[test]
    fn astral_characters_count_twice() {
        let text = "🌍\"Resource\"";
        let index = Utf16Index::new(text);
        assert_eq!(index.utf16(4), 2);
        assert_eq!(index.utf16(text.len() as u32), 12);
    }
}
