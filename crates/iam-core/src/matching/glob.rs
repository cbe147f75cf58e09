//! IAM wildcard patterns, as used by `Action`/`NotAction`, `Resource`
//! segments and the `StringLike`/`StringNotLike` condition operators:
//! `*` matches any run of characters (including none, and including `:` and
//! `/`), `?` matches exactly one character, everything else matches itself.
//!
//! Follows <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html>,
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html> and
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String>.
//!
//! Matching uses the greedy algorithm that remembers only the most recent
//! `*`: it is exact for patterns made of literals, `*` and `?`, runs in
//! O(len(pattern) × len(text)) time in the worst case and O(1) extra space,
//! and never recurses.

/// One element of a [`Pattern`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Token {
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
pub(crate) struct Pattern {
    tokens: Vec<Token>,
}

impl Pattern {
    /// The empty pattern; it matches only the empty text.
    pub(crate) fn new() -> Pattern {
        Pattern { tokens: Vec::new() }
    }

    /// `*` becomes [`Token::Star`], `?` becomes [`Token::One`], every other
    /// character is literal.
    pub(crate) fn wildcards(s: &str) -> Pattern {
        let mut p = Pattern::new();
        p.push_wildcards(s);
        p
    }

    /// Every character of `s` is literal, `*` and `?` included.
    #[cfg(test)]
    pub(crate) fn literal(s: &str) -> Pattern {
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
    pub(crate) fn push_wildcards(&mut self, s: &str) {
        self.tokens.extend(s.chars().map(|c| match c {
            '*' => Token::Star,
            '?' => Token::One,
            other => Token::Lit(other),
        }));
    }

    /// Appends `s` with every character literal.
    pub(crate) fn push_literal(&mut self, s: &str) {
        self.tokens.extend(s.chars().map(Token::Lit));
    }

    /// Appends one token.
    #[cfg(test)]
    pub(crate) fn push_token(&mut self, token: Token) {
        self.tokens.push(token);
    }

    pub(crate) fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// True when the pattern has no `*` or `?` token (it matches one text only).
    #[cfg(test)]
    pub(crate) fn is_literal(&self) -> bool {
        self.tokens.iter().all(|t| matches!(t, Token::Lit(_)))
    }

    /// True when the pattern is one or more `*` and nothing else, so that it
    /// matches every text.
    pub(crate) fn is_match_all(&self) -> bool {
        !self.tokens.is_empty() && self.tokens.iter().all(|t| *t == Token::Star)
    }

    /// Case-sensitive match of the whole `text`.
    pub(crate) fn matches(&self, text: &str) -> bool {
        match_tokens(&self.tokens, text, false)
    }

    /// Case-insensitive match of the whole `text`: characters are compared
    /// after lowercasing (characters whose lowercase form is more than one
    /// character are compared as they are).
    pub(crate) fn matches_ignore_case(&self, text: &str) -> bool {
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

/// Lowercases a character when its lowercase form is a single character.
fn fold(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Matches a token slice against the whole of `text`.
pub(crate) fn match_tokens(tokens: &[Token], text: &str, ignore_case: bool) -> bool {
    match_counting(tokens, text, ignore_case).0
}

/// The matcher proper. Also returns the number of loop iterations it took,
/// which tests use to check the O(len(pattern) × len(text)) bound without a
/// clock.
fn match_counting(tokens: &[Token], text: &str, ignore_case: bool) -> (bool, u64) {
    let mut steps: u64 = 0;
    // Position in `tokens`, byte position in `text`.
    let mut pi = 0usize;
    let mut ti = 0usize;
    // After the most recent `*`: the token index following it, and the byte
    // position in `text` where that star's current expansion ends.
    let mut backtrack: Option<(usize, usize)> = None;

    while let Some(c) = text.get(ti..).and_then(|rest| rest.chars().next()) {
        steps += 1;
        match tokens.get(pi) {
            Some(Token::Star) => {
                pi += 1;
                backtrack = Some((pi, ti));
                continue;
            }
            Some(Token::One) => {
                pi += 1;
                ti += c.len_utf8();
                continue;
            }
            Some(Token::Lit(l)) => {
                let same = if ignore_case {
                    *l == c || fold(*l) == fold(c)
                } else {
                    *l == c
                };
                if same {
                    pi += 1;
                    ti += c.len_utf8();
                    continue;
                }
            }
            None => {}
        }
        // Mismatch (or pattern exhausted): let the last star swallow one
        // more character and retry from just after it.
        match backtrack {
            Some((star_next, star_end)) => {
                // `star_end <= ti`, and there is a character at `ti`, so
                // there is one at `star_end` too; if not, the star has
                // already swallowed everything and nothing else can match.
                let Some(swallowed) = text.get(star_end..).and_then(|rest| rest.chars().next())
                else {
                    return (false, steps);
                };
                let end = star_end + swallowed.len_utf8();
                backtrack = Some((star_next, end));
                pi = star_next;
                ti = end;
            }
            None => return (false, steps),
        }
    }
    // Text used up: only stars may remain.
    let rest = tokens.get(pi..).unwrap_or_default();
    steps += rest.len() as u64;
    (rest.iter().all(|t| *t == Token::Star), steps)
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

    #[test]
    fn pathological_pattern_is_fast() {
        let text = "a".repeat(10 * 1024);
        let tokens = Pattern::wildcards("*a*a*a*a*a*a*b");
        let (matched, steps) = match_counting(tokens.tokens(), &text, false);
        assert!(!matched);
        let bound = (tokens.tokens().len() as u64 + 1) * (text.len() as u64 + 1);
        assert!(steps <= bound, "{steps} steps > {bound}");
        // In fact the greedy matcher is linear here: the last star absorbs
        // the whole text once.
        assert!(steps <= 4 * text.len() as u64, "{steps} steps");

        let text = format!("{}b", "a".repeat(10 * 1024));
        assert!(tokens.matches(&text));
        assert!(tokens.matches_ignore_case(&text.to_uppercase()));
    }

    #[test]
    fn step_bound_worst_shapes() {
        // A star followed by a long almost-matching literal forces a rescan
        // at every text position: quadratic, but within the bound.
        let pattern = format!("*{}b", "a".repeat(100));
        let text = "a".repeat(5000);
        let p = Pattern::wildcards(&pattern);
        let (matched, steps) = match_counting(p.tokens(), &text, false);
        assert!(!matched);
        let bound = (p.tokens().len() as u64 + 1) * (text.len() as u64 + 1);
        assert!(steps <= bound, "{steps} steps > {bound}");
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
        fn within_step_bound(pattern in "[ab*?]{0,16}", text in "[ab]{0,64}") {
            let p = Pattern::wildcards(&pattern);
            let (_, steps) = match_counting(p.tokens(), &text, false);
            let bound = (p.tokens().len() as u64 + 1) * (text.len() as u64 + 1);
            prop_assert!(steps <= bound);
        }
    }
}
