//! IAM wildcard matching for action names, with iam-core's semantics (`matching/glob.rs`): `*`
//! matches any run of characters (none included), `?` exactly one, everything else itself;
//! case-insensitive.
//!
//! Catalog names are ASCII, so the text is folded byte by byte; the pattern is folded once, per
//! character, the way iam-core folds (a character whose lowercase form is one character becomes
//! that character), so that a pattern matches exactly the names iam-core's matcher would match.
//! The algorithm is the same greedy one that remembers only the last `*`: linear space, no
//! recursion, O(len(pattern) × len(text)) in the worst case.

/// A pattern folded to lowercase, ready to match many names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Glob {
    bytes: Vec<u8>,
    /// `*` or `?` somewhere in it.
    wild: bool,
}

fn fold(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

impl Glob {
    pub(crate) fn new(pattern: &str) -> Glob {
        let folded: String = pattern.chars().map(fold).collect();
        let wild = folded.contains(['*', '?']);
        Glob {
            bytes: folded.into_bytes(),
            wild,
        }
    }

    pub(crate) fn has_wildcards(&self) -> bool {
        self.wild
    }

    /// True when the pattern is one or more `*` and nothing else.
    pub(crate) fn is_match_all(&self) -> bool {
        !self.bytes.is_empty() && self.bytes.iter().all(|b| *b == b'*')
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Whether the pattern matches the whole of `text` (ASCII, compared case-insensitively).
    pub(crate) fn matches(&self, text: &str) -> bool {
        if !self.wild {
            return self.bytes.len() == text.len()
                && self
                    .bytes
                    .iter()
                    .zip(text.bytes())
                    .all(|(p, t)| *p == t.to_ascii_lowercase());
        }
        match_bytes(&self.bytes, text.as_bytes())
    }
}

/// The matcher proper: `pattern` already folded, `text` folded on the fly.
pub(crate) fn match_bytes(pattern: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    loop {
        let tc = text.get(t).map(u8::to_ascii_lowercase);
        match (pattern.get(p), tc) {
            (Some(b'*'), _) => {
                star = Some((p + 1, t));
                p += 1;
                continue;
            }
            (Some(b'?'), Some(_)) => {
                p += 1;
                t += 1;
                continue;
            }
            (Some(pc), Some(tc)) if *pc == tc => {
                p += 1;
                t += 1;
                continue;
            }
            (None, None) => return true,
            _ => {}
        }
        match star {
            Some((after, from)) if from < text.len() => {
                star = Some((after, from + 1));
                p = after;
                t = from + 1;
            }
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_like_iam() {
        let m = |p: &str, t: &str| Glob::new(p).matches(t);
        assert!(m("s3:Get*", "s3:GetObject"));
        assert!(m("S3:GET*", "s3:GetObject"));
        assert!(m("s3:Get*", "s3:Get"));
        assert!(!m("s3:Get*", "s3:PutObject"));
        assert!(m("*", ""));
        assert!(m("s3:?etObject", "s3:GetObject"));
        assert!(!m("s3:?etObject", "s3:etObject"));
        assert!(m("*Object*", "s3:GetObjectAcl"));
        assert!(m("s3:*Tag*ing", "s3:PutObjectTagging"));
        assert!(!m("s3:GetObject", "s3:GetObjectAcl"));
        assert!(m("s3:getobject", "s3:GetObject"));
        assert!(m("a*a*a*b", "aaaaaaab"));
        assert!(!m("a*a*a*b", "aaaaaaaa"));
        // The Kelvin sign folds to `k`, as in iam-core.
        assert!(m("s3:Get\u{212A}*", "s3:Getk"));
    }
}

#[cfg(test)]
mod oracle {
    use super::Glob;
    use proptest::prelude::*;

    /// The same regex oracle iam-core's matcher is tested against (case-insensitive, `*` → `.*`, `?` → `.`).
    fn oracle(pattern: &str, text: &str) -> bool {
        let mut re = String::from("(?is)^");
        for c in pattern.chars() {
            match c {
                '*' => re.push_str(".*"),
                '?' => re.push('.'),
                other => re.push_str(&regex::escape(&other.to_string())),
            }
        }
        re.push('$');
        regex::Regex::new(&re).unwrap().is_match(text)
    }

    proptest! {
        #[test]
        fn catalog_glob_agrees_with_regex_oracle(pattern in "[abAB:*?]{0,10}", text in "[abAB:]{0,12}") {
            prop_assert_eq!(Glob::new(&pattern).matches(&text), oracle(&pattern, &text));
        }
    }
}
