//! Byte spans into the parsed text.

/// Byte range into the parsed text, end exclusive.
///
/// Offsets are `u32` to keep trees small; texts longer than 4 GiB get
/// saturated offsets (and [`Span::text`] then returns `""` rather than
/// panicking).
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Span {
    /// First byte of the range.
    pub start: u32,
    /// One past the last byte of the range.
    pub end: u32,
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Span {
    /// A span from byte offsets, each saturated to `u32::MAX`.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: to_u32(start),
            end: to_u32(end),
        }
    }

    /// The text this span covers in `src`, or `""` when the span is out of
    /// range, reversed, or not on char boundaries.
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        src.get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }

    /// Length in bytes (0 for a reversed span).
    pub fn len(&self) -> u32 {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The span moved right by `by` bytes (saturating), e.g. to map a span in
    /// an embedded document back to the enclosing text.
    pub fn shifted(self, by: u32) -> Span {
        Span {
            start: self.start.saturating_add(by),
            end: self.end.saturating_add(by),
        }
    }

    /// The smallest span containing both `self` and `other`.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_saturates() {
        let s = Span::new(usize::MAX, usize::MAX);
        assert_eq!(
            s,
            Span {
                start: u32::MAX,
                end: u32::MAX
            }
        );
        assert_eq!(Span::new(3, 7), Span { start: 3, end: 7 });
    }

    #[test]
    fn text_is_total() {
        let src = "aé😀b";
        assert_eq!(Span::new(0, 1).text(src), "a");
        assert_eq!(Span::new(1, 3).text(src), "é");
        assert_eq!(Span::new(3, 7).text(src), "😀");
        assert_eq!(Span::new(2, 3).text(src), ""); // inside é
        assert_eq!(Span::new(0, 100).text(src), "");
        assert_eq!(Span::new(5, 2).text(src), "");
        assert_eq!(Span::new(8, 8).text(src), "");
        assert_eq!(Span::new(9, 9).text(src), "");
    }

    #[test]
    fn len_empty_shift_cover() {
        assert_eq!(Span::new(2, 5).len(), 3);
        assert_eq!(Span::new(5, 2).len(), 0);
        assert!(Span::new(4, 4).is_empty());
        assert!(!Span::new(4, 5).is_empty());
        assert_eq!(Span::new(2, 5).shifted(10), Span::new(12, 15));
        assert_eq!(
            Span::new(2, 5).shifted(u32::MAX),
            Span {
                start: u32::MAX,
                end: u32::MAX
            }
        );
        assert_eq!(Span::new(2, 5).cover(Span::new(8, 9)), Span::new(2, 9));
        assert_eq!(Span::new(8, 9).cover(Span::new(2, 5)), Span::new(2, 9));
        assert_eq!(Span::new(1, 9).cover(Span::new(2, 5)), Span::new(1, 9));
    }

    #[test]
    fn serde_round_trip() {
        let s = Span::new(3, 9);
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, r#"{"start":3,"end":9}"#);
        let back: Span = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
    }
}
