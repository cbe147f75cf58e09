//! IAM wildcard patterns — the one matcher of the workspace: iam-core matches `Action`,
//! `Resource` and `StringLike` values with it, and the catalog expands `Action` patterns with it —
//! as used by `Action`/`NotAction`, `Resource`
//! segments and the `StringLike`/`StringNotLike` condition operators:
//! `*` matches any run of characters (including none, and including `:` and
//! `/`), `?` matches exactly one character, everything else matches itself.
//!
//! Follows <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html>,
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html> and
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String>.
//!
//! Matching splits the pattern at its stars into segments of literals and `?`
//! (each a fixed number of characters long). The first segment must match the
//! start of the text, the last its end, and each one between them is matched
//! at its leftmost occurrence after the previous one (leftmost is always the
//! best choice, so this is exact and never backtracks). The head and the tail
//! cost their length. A segment of literals compared exactly (`Resource`,
//! `StringLike`) is searched with the standard library's substring search
//! (Two-Way: linear in segment plus text); a segment with `?`, or compared
//! ignoring case (`Action`), with the bit-parallel Shift-And algorithm,
//! O(len(segment) + len(text) × ⌈len(segment) / 64⌉): linear in the text for
//! segments of up to 64 characters, a word per 64 characters beyond (request
//! values are at most 8,192 bytes: `INVALID_REQUEST_SIZE`). Nothing recurses.
//! (The greedy matcher this replaced was O(len(pattern) × len(text)): `*` +
//! 6,000 characters against a 1 MB value took seconds.)

/// One element of a [`Pattern`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Token {
    /// Matches exactly this character.
    Lit(char),
    /// `*`: any run of characters, possibly empty.
    Star,
    /// `?`: exactly one character.
    One,
}

/// A sequence of [`Token`]s. Built from policy text with
/// [`Pattern::wildcards`] and from already-resolved values (policy variable
/// substitutions, `${*}`, `${?}`, `${$}`) with [`Pattern::literal`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Pattern {
    tokens: Vec<Token>,
}

impl Pattern {
    /// The empty pattern; it matches only the empty text.
    pub fn new() -> Pattern {
        Pattern { tokens: Vec::new() }
    }

    /// `*` becomes [`Token::Star`], `?` becomes [`Token::One`], every other
    /// character is literal.
    pub fn wildcards(s: &str) -> Pattern {
        let mut p = Pattern::new();
        p.push_wildcards(s);
        p
    }

    /// Every character of `s` is literal, `*` and `?` included.
    pub fn literal(s: &str) -> Pattern {
        let mut p = Pattern::new();
        p.push_literal(s);
        p
    }

    /// A pattern made of exactly these tokens.
    #[cfg(test)]
    pub(crate) fn from_tokens(tokens: Vec<Token>) -> Pattern {
        Pattern { tokens }
    }

    /// Appends `s`, reading `*` and `?` as wildcards.
    pub fn push_wildcards(&mut self, s: &str) {
        self.tokens.extend(s.chars().map(|c| match c {
            '*' => Token::Star,
            '?' => Token::One,
            other => Token::Lit(other),
        }));
    }

    /// Appends `s` with every character literal.
    pub fn push_literal(&mut self, s: &str) {
        self.tokens.extend(s.chars().map(Token::Lit));
    }

    /// Appends one token.
    #[cfg(test)]
    pub(crate) fn push_token(&mut self, token: Token) {
        self.tokens.push(token);
    }

    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// True when the pattern has no `*` or `?` token (it matches one text only).
    #[cfg(test)]
    pub(crate) fn is_literal(&self) -> bool {
        self.tokens.iter().all(|t| matches!(t, Token::Lit(_)))
    }

    /// True when the pattern is one or more `*` and nothing else, so that it
    /// matches every text.
    pub fn is_match_all(&self) -> bool {
        !self.tokens.is_empty() && self.tokens.iter().all(|t| *t == Token::Star)
    }

    /// Case-sensitive match of the whole `text`.
    pub fn matches(&self, text: &str) -> bool {
        match_tokens(&self.tokens, text, false)
    }

    /// Case-insensitive match of the whole `text`: characters are compared
    /// after lowercasing (characters whose lowercase form is more than one
    /// character are compared as they are).
    pub fn matches_ignore_case(&self, text: &str) -> bool {
        match_tokens(&self.tokens, text, true)
    }

    /// The pattern as a policy author would write it. Literal `*` and `?`
    /// print as themselves, so this is for display only and does not
    /// round-trip through [`Pattern::wildcards`].
    #[cfg(test)]
    pub(crate) fn to_display_string(&self) -> String {
        self.tokens
            .iter()
            .map(|t| match t {
                Token::Lit(c) => *c,
                Token::Star => '*',
                Token::One => '?',
            })
            .collect()
    }
}

/// Lowercases a character when its lowercase form is a single character: how a case-insensitive
/// match compares characters.
pub fn fold(c: char) -> char {
    if c.is_ascii() {
        // The same answer, without the Unicode tables: most names and ARNs are ASCII.
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Matches a token slice against the whole of `text`.
pub fn match_tokens(tokens: &[Token], text: &str, ignore_case: bool) -> bool {
    match_counting(tokens, text, ignore_case).0
}

/// Whether pattern token `token` (not a star) matches the text character `c`.
fn token_matches(token: &Token, c: char, ignore_case: bool) -> bool {
    match token {
        Token::Lit(l) => *l == c || (ignore_case && fold(*l) == fold(c)),
        Token::One => true,
        Token::Star => false,
    }
}

/// Matches `tokens` (no star) at the start of `text`: the length in bytes of what they matched.
fn match_start(tokens: &[Token], text: &str, ignore_case: bool, steps: &mut u64) -> Option<usize> {
    let mut at = 0usize;
    for token in tokens {
        *steps += 1;
        let c = text.get(at..)?.chars().next()?;
        if !token_matches(token, c, ignore_case) {
            return None;
        }
        at += c.len_utf8();
    }
    Some(at)
}

/// The matcher proper. Also returns the number of steps it took (one per
/// pattern token and one per text character visited, times the words of a
/// Shift-And search), which tests use to check the linear bound without a
/// clock.
fn match_counting(tokens: &[Token], text: &str, ignore_case: bool) -> (bool, u64) {
    let mut steps: u64 = 0;
    let mut segments = tokens.split(|t| *t == Token::Star);
    let head = segments.next().unwrap_or_default();
    let Some(tail) = segments.next_back() else {
        // No star: the tokens are the whole text.
        let whole = match_start(tokens, text, ignore_case, &mut steps) == Some(text.len());
        return (whole, steps);
    };
    // The head matches the start of the text; `from` is the byte after it.
    let Some(mut from) = match_start(head, text, ignore_case, &mut steps) else {
        return (false, steps);
    };
    // The tail matches the end, after the head (one token per character); `to` is its start.
    let rest = text.get(from..).unwrap_or_default();
    let to = match tail.len() {
        0 => Some(rest.len()),
        n => rest.char_indices().rev().nth(n - 1).map(|(at, _)| at),
    };
    let Some(to) = to.filter(|to| {
        let tail_text = rest.get(*to..).unwrap_or_default();
        match_start(tail, tail_text, ignore_case, &mut steps) == Some(tail_text.len())
    }) else {
        return (false, steps);
    };
    let to = from + to;
    // Each segment between stars at its leftmost place in what is left.
    for segment in segments.filter(|s| !s.is_empty()) {
        let rest = text.get(from..to).unwrap_or_default();
        let found = if ignore_case || segment.contains(&Token::One) {
            shift_and(segment, rest, ignore_case, &mut steps)
        } else {
            // Literals, compared exactly: the standard library's substring search (Two-Way,
            // linear in segment plus text, and fast).
            let needle: String = segment
                .iter()
                .filter_map(|t| match t {
                    Token::Lit(c) => Some(*c),
                    Token::One | Token::Star => None,
                })
                .collect();
            let found = rest.find(&needle).map(|at| at + needle.len());
            // Two-Way reads the text up to the end of the match (or all of it) and the
            // needle a bounded number of times.
            steps += (2 * needle.len() + found.unwrap_or(rest.len())) as u64;
            found
        };
        match found {
            Some(end) => from += end,
            None => return (false, steps),
        }
    }
    (true, steps)
}

/// The character a literal compares as: itself, or folded when case is ignored.
fn key(c: char, ignore_case: bool) -> char {
    if ignore_case {
        fold(c)
    } else {
        c
    }
}

/// The leftmost occurrence of `segment` (literals and `?`, no star) in `text`, by Shift-And: bit `j` of the
/// state says that the segment's first `j + 1` tokens match the text ending here. The byte offset
/// just after the occurrence. The state has one 64-bit word per 64 tokens; each word keeps the
/// masks of its own tokens (at most 64 distinct characters, sorted), so the tables are linear in
/// the segment and a text character costs a binary search per word whose state is not empty:
/// O(len(segment) + len(text) × ⌈len(segment) / 64⌉) at worst.
fn shift_and(segment: &[Token], text: &str, ignore_case: bool, steps: &mut u64) -> Option<usize> {
    let m = segment.len();
    if text.len() < m {
        // Each token takes at least one byte.
        return None;
    }
    // Per word: the `?` positions, and (character, positions) sorted by character.
    let mut words: Vec<(u64, Vec<(char, u64)>)> = Vec::with_capacity(m.div_ceil(64));
    for chunk in segment.chunks(64) {
        let mut any = 0u64;
        // Sorted by character, one mask per character (at most 64 entries: inserting in place
        // costs less code than a sort).
        let mut literals: Vec<(char, u64)> = Vec::new();
        for (j, token) in chunk.iter().enumerate() {
            *steps += 1;
            let b = 1u64 << j;
            match token {
                Token::Lit(c) => {
                    let c = key(*c, ignore_case);
                    match literals.binary_search_by_key(&c, |(l, _)| *l) {
                        Ok(at) => {
                            if let Some((_, mask)) = literals.get_mut(at) {
                                *mask |= b;
                            }
                        }
                        Err(at) => literals.insert(at, (c, b)),
                    }
                }
                _ => any |= b,
            }
        }
        words.push((any, literals));
    }
    let last_bit = 1u64 << ((m - 1) % 64);
    let mut state = vec![0u64; words.len()];
    for (at, ch) in text.char_indices() {
        let c = key(ch, ignore_case);
        let mut carry = 1u64;
        for ((any, literals), word) in words.iter().zip(state.iter_mut()) {
            let shifted = (*word << 1) | carry;
            carry = *word >> 63;
            if shifted == 0 {
                *word = 0;
                continue;
            }
            *steps += 1;
            let mask = literals
                .binary_search_by_key(&c, |(l, _)| *l)
                .ok()
                .and_then(|i| literals.get(i))
                .map_or(0, |(_, b)| *b);
            *word = shifted & (any | mask);
        }
        *steps += 1;
        if state.last().is_some_and(|w| w & last_bit != 0) {
            return Some(at + ch.len_utf8());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check(pattern: &str, text: &str, expected: bool) {
        assert_eq!(
            Pattern::wildcards(pattern).matches(text),
            expected,
            "pattern {pattern:?} text {text:?}"
        );
    }

    #[test]
    fn table() {
        let cases: &[(&str, &str, bool)] = &[
            ("", "", true),
            ("", "a", false),
            ("a", "", false),
            ("*", "", true),
            ("*", "anything:at/all", true),
            ("**", "", true),
            ("***", "abc", true),
            ("?", "", false),
            ("?", "a", true),
            ("?", "ab", false),
            ("??", "ab", true),
            ("a*", "a", true),
            ("a*", "abc", true),
            ("a*", "ba", false),
            ("*a", "a", true),
            ("*a", "cba", true),
            ("*a", "ab", false),
            ("a?c", "abc", true),
            ("a?c", "ac", false),
            ("a?c", "abbc", false),
            ("a*c", "ac", true),
            ("a*c", "abbbc", true),
            ("a*c", "abcb", false),
            ("a*b*c", "aXbYc", true),
            ("a*b*c", "abc", true),
            ("a*b*c", "acb", false),
            ("*ab*ab*", "xabyabz", true),
            ("*ab*ab*", "xab", false),
            ("*?", "", false),
            ("*?", "x", true),
            ("?*?", "xy", true),
            ("?*?", "x", false),
            ("s3:Get*", "s3:GetObject", true),
            ("s3:Get*", "s3:PutObject", false),
            ("s3:*Object", "s3:GetObject", true),
            ("iam:*", "iam:", true),
            ("abc", "abc", true),
            ("abc", "abd", false),
            ("abc", "ABC", false),
            ("*/x", "a/b:c/x", true),
            ("é*ü", "éaü", true),
            ("?", "é", true),
            ("??", "日本", true),
            ("?", "日本", false),
            ("日*語", "日本語", true),
            ("*😀", "smile😀", true),
            ("a*a*a*a*b", "aaaaaaaaaaaaab", true),
            ("a*a*a*a*b", "aaaaaaaaaaaaa", false),
        ];
        for (p, t, e) in cases {
            check(p, t, *e);
        }
    }

    #[test]
    fn literal_star_and_question_mark() {
        let star = Pattern::literal("*");
        assert!(star.matches("*"));
        assert!(!star.matches(""));
        assert!(!star.matches("a"));
        assert!(!star.matches("**"));
        let q = Pattern::literal("?");
        assert!(q.matches("?"));
        assert!(!q.matches("a"));
        assert!(star.is_literal());
        assert!(!star.is_match_all());
        assert_eq!(star.to_display_string(), "*");
    }

    #[test]
    fn mixed_push() {
        let mut p = Pattern::new();
        p.push_wildcards("arn:aws:s3:::");
        p.push_literal("user*");
        p.push_wildcards("/*");
        assert!(p.matches("arn:aws:s3:::user*/file"));
        assert!(!p.matches("arn:aws:s3:::userX/file"));
        assert_eq!(p.to_display_string(), "arn:aws:s3:::user*/*");
        let mut q = Pattern::from_tokens(vec![Token::Lit('a')]);
        q.push_token(Token::One);
        assert_eq!(q, Pattern::wildcards("a?"));
    }

    #[test]
    fn predicates() {
        assert!(Pattern::new().is_literal());
        assert!(!Pattern::new().is_match_all());
        assert!(Pattern::wildcards("*").is_match_all());
        assert!(Pattern::wildcards("***").is_match_all());
        assert!(!Pattern::wildcards("*?").is_match_all());
        assert!(!Pattern::wildcards("a*").is_match_all());
        assert!(Pattern::wildcards("abc").is_literal());
        assert!(!Pattern::wildcards("a?c").is_literal());
        assert_eq!(
            Pattern::wildcards("a?*").tokens(),
            &[Token::Lit('a'), Token::One, Token::Star]
        );
        assert_eq!(Pattern::wildcards("x?*y").to_display_string(), "x?*y");
    }

    #[test]
    fn ignore_case() {
        let p = Pattern::wildcards("S3:get*");
        assert!(p.matches_ignore_case("s3:GetObject"));
        assert!(p.matches_ignore_case("S3:GETOBJECT"));
        assert!(!p.matches("s3:GetObject"));
        assert!(Pattern::wildcards("ÉTÉ").matches_ignore_case("été"));
        assert!(Pattern::wildcards("Σ?").matches_ignore_case("σx"));
        // U+0130 lowercases to two characters: compared as is.
        assert!(Pattern::wildcards("\u{130}").matches_ignore_case("\u{130}"));
        assert!(!Pattern::wildcards("\u{130}").matches_ignore_case("i"));
        // Kelvin sign lowercases to ASCII k.
        assert!(Pattern::wildcards("\u{212A}").matches_ignore_case("k"));
    }

    /// The matcher's bound: linear in the pattern plus the text times the Shift-And words.
    fn bound(tokens: &[Token], text: &str) -> u64 {
        let m = tokens.len() as u64;
        let n = text.chars().count() as u64;
        3 * (m + 1) + 3 * (n + 1) * (1 + m.div_ceil(64))
    }

    #[test]
    fn pathological_pattern_is_fast() {
        let text = "a".repeat(10 * 1024);
        let tokens = Pattern::wildcards("*a*a*a*a*a*a*b");
        let (matched, steps) = match_counting(tokens.tokens(), &text, false);
        assert!(!matched);
        assert!(steps <= 4 * text.len() as u64, "{steps} steps");

        let text = format!("{}b", "a".repeat(10 * 1024));
        assert!(tokens.matches(&text));
        assert!(tokens.matches_ignore_case(&text.to_uppercase()));
    }

    #[test]
    fn long_literal_after_a_star_is_linear() {
        // What the greedy matcher took seconds on (issue 13): `*` + 6,000 characters against
        // 1 MB. As the pattern's end it is compared with the text's end only.
        let text = "a".repeat(1 << 20);
        let p = Pattern::wildcards(&format!("*{}b", "a".repeat(6000)));
        let (matched, steps) = match_counting(p.tokens(), &text, false);
        assert!(!matched);
        assert!(steps <= 6002, "{steps} steps");
        // Between two stars, a segment of up to 64 characters is one Shift-And word: linear.
        let p = Pattern::wildcards(&format!("*{}b*", "a".repeat(63)));
        let (matched, steps) = match_counting(p.tokens(), &text, false);
        assert!(!matched);
        let linear = 2 * (66 + text.len() as u64);
        assert!(steps <= linear, "{steps} steps > {linear}");
        // A long one compared exactly is a substring search, linear too.
        let p = Pattern::wildcards(&format!("*{}b*", "a".repeat(6000)));
        let (matched, steps) = match_counting(p.tokens(), &text, false);
        assert!(!matched);
        let linear = 2 * (6003 + text.len() as u64);
        assert!(steps <= linear, "{steps} steps > {linear}");
        // Ignoring case (actions) it costs a word per 64 characters, on an 8 KB text (the
        // request limit).
        let text = "a".repeat(8 * 1024);
        let (matched, steps) = match_counting(p.tokens(), &text, true);
        assert!(!matched);
        let limit = 6003 + (1 + 6001u64.div_ceil(64)) * text.len() as u64;
        assert!(steps <= limit, "{steps} steps > {limit}");
        let found = format!("{text}b{text}");
        assert!(p.matches(&found));
        assert!(p.matches_ignore_case(&found.to_uppercase()));
    }

    #[test]
    fn question_marks_between_stars_are_bit_parallel() {
        // `?a` × 100 + `b`, between stars: Shift-And, 201 tokens in 4 words.
        let segment = format!("{}b", "?a".repeat(100));
        let p = Pattern::wildcards(&format!("*{segment}*"));
        let text = "a".repeat(100_000);
        let (matched, steps) = match_counting(p.tokens(), &text, false);
        assert!(!matched);
        let words = 201u64.div_ceil(64);
        let limit = 300 + (words + 1) * text.len() as u64;
        assert!(steps <= limit, "{steps} steps > {limit}");
        assert!(p.matches(&format!("{text}{}b{text}", "xa".repeat(100))));
        assert!(!p.matches(&format!("{text}{}b{text}", "ax".repeat(100))));
    }

    #[test]
    fn step_bound_worst_shapes() {
        for (pattern, text) in [
            (format!("*{}b", "a".repeat(100)), "a".repeat(5000)),
            (format!("*{}b*", "a".repeat(100)), "a".repeat(5000)),
            (format!("*{}?b*", "a".repeat(100)), "a".repeat(5000)),
            (format!("*a{}*", "?".repeat(300)), "a".repeat(5000)),
            ("*a*a*a*a*a*a*a*a*a*b*".to_string(), "a".repeat(5000)),
            (format!("*{}*", "ab".repeat(50)), "ab".repeat(2500)),
        ] {
            let p = Pattern::wildcards(&pattern);
            let (_, steps) = match_counting(p.tokens(), &text, false);
            let limit = bound(p.tokens(), &text);
            assert!(steps <= limit, "{pattern}: {steps} steps > {limit}");
        }
    }

    #[test]
    fn case_folding_changes_byte_lengths() {
        // The Kelvin sign (3 bytes) folds to `k` (1 byte): offsets stay those of the text.
        let p = Pattern::wildcards("*k?*x");
        assert!(p.matches_ignore_case("\u{212A}\u{212A}ax"));
        assert!(Pattern::wildcards("*kk*x").matches_ignore_case("a\u{212A}K\u{212A}x"));
        assert!(!Pattern::wildcards("*kk*x").matches("a\u{212A}K\u{212A}x"));
        assert!(Pattern::wildcards("*é?é*").matches_ignore_case("xÉ\u{212A}Éy"));
    }

    fn oracle(pattern: &str, text: &str, ignore_case: bool) -> bool {
        let mut re = String::from(if ignore_case { "^(?si)" } else { "^(?s)" });
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
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn agrees_with_regex(pattern in "[ab*?]{0,12}", text in "[ab]{0,12}") {
            prop_assert_eq!(
                Pattern::wildcards(&pattern).matches(&text),
                oracle(&pattern, &text, false)
            );
        }

        #[test]
        fn agrees_with_regex_ignore_case(pattern in "[aAbB*?]{0,12}", text in "[aAbB]{0,12}") {
            let p = Pattern::wildcards(&pattern);
            prop_assert_eq!(p.matches_ignore_case(&text), oracle(&pattern, &text, true));
            prop_assert_eq!(p.matches(&text), oracle(&pattern, &text, false));
        }

        #[test]
        fn unicode_agrees_with_regex(pattern in "[aé日*?]{0,8}", text in "[aé日]{0,8}") {
            prop_assert_eq!(
                Pattern::wildcards(&pattern).matches(&text),
                oracle(&pattern, &text, false)
            );
        }

        #[test]
        fn literal_matches_only_itself(s in "[ab*?]{0,8}", t in "[ab*?]{0,8}") {
            prop_assert_eq!(Pattern::literal(&s).matches(&t), s == t);
            prop_assert!(Pattern::literal(&s).matches(&s));
        }

    }

    proptest! {
        #[test]
        fn within_step_bound(pattern in "[ab*?]{0,80}", text in "[ab]{0,200}") {
            let p = Pattern::wildcards(&pattern);
            let (_, steps) = match_counting(p.tokens(), &text, false);
            prop_assert!(steps <= bound(p.tokens(), &text));
        }

        #[test]
        fn long_patterns_agree_with_regex(pattern in "[aAbé*?]{0,40}", text in "[aAbBéÉ]{0,80}") {
            let p = Pattern::wildcards(&pattern);
            prop_assert_eq!(p.matches(&text), oracle(&pattern, &text, false));
            prop_assert_eq!(p.matches_ignore_case(&text), oracle(&pattern, &text, true));
        }
    }
}

#[cfg(test)]
mod catalog_tests {
    use super::*;

    #[test]
    /// The action names the catalog expands (moved from its own matcher, which this one replaced).
    fn matches_like_iam() {
        let m = |p: &str, t: &str| Pattern::wildcards(p).matches_ignore_case(t);
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
mod catalog_oracle {
    use super::Pattern;
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
        fn action_names_agree_with_regex_oracle(pattern in "[abAB:*?]{0,10}", text in "[abAB:]{0,12}") {
            prop_assert_eq!(Pattern::wildcards(&pattern).matches_ignore_case(&text), oracle(&pattern, &text));
        }
    }
}
