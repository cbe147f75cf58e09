//! ARN patterns, matched the way AWS matches the `Resource`/`NotResource`
//! elements and the `ArnEquals`/`ArnLike` (and negated) condition operators.
//!
//! Follows <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html>
//! ("Using wildcards in resource ARNs") and
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN>.
//!
//! An ARN is `arn:partition:service:region:account:resource`; the resource
//! part may itself contain colons. Pattern and text are split into those six
//! fields at their first five colons and compared field by field, so a
//! wildcard in the first five fields stays inside its field. The exception,
//! per the Resource page: "If the `*` wildcard is the last character of a
//! resource ARN segment, it can expand to match beyond the colon boundaries."
//! We apply it to a pattern that stops before the resource field: when its
//! last field ends with `*`, that star also swallows everything after the
//! corresponding text field (`arn:aws:s3:*` matches every S3 ARN). The
//! resource field is globbed as a whole, so its `*` crosses `/` and `:`.
//! Matching is case-sensitive. A pattern that is nothing but `*` tokens
//! matches any text, ARN or not. Pattern fields are split at literal `:`
//! tokens, including any that came from a resolved policy variable.

use super::glob::{match_tokens, Pattern, Token};

/// The six fields of an ARN, borrowed from the text.
#[cfg(test)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ArnParts<'a> {
    pub(crate) partition: &'a str,
    pub(crate) service: &'a str,
    pub(crate) region: &'a str,
    pub(crate) account: &'a str,
    pub(crate) resource: &'a str,
}

/// Splits `arn` at its first five colons. `None` unless it starts with
/// `arn:` and has all six fields; the resource keeps any further colons.
/// Fields may be empty (`arn:aws:s3:::bucket` has no region or account).
#[cfg(test)]
pub(crate) fn split_arn(arn: &str) -> Option<ArnParts<'_>> {
    let mut fields = arn.splitn(6, ':');
    if fields.next()? != "arn" {
        return None;
    }
    Some(ArnParts {
        partition: fields.next()?,
        service: fields.next()?,
        region: fields.next()?,
        account: fields.next()?,
        resource: fields.next()?,
    })
}

/// Number of fields in an ARN.
const FIELDS: usize = 6;

/// Does `arn` match `pattern` under the ARN rules described in the module
/// documentation?
pub(crate) fn arn_match(pattern: &Pattern, arn: &str) -> bool {
    if pattern.is_match_all() {
        return true;
    }
    let pattern_fields = split_pattern(pattern.tokens());
    let last = pattern_fields.len().saturating_sub(1);
    let mut text_fields = arn.splitn(FIELDS, ':');
    for (index, field) in pattern_fields.into_iter().enumerate() {
        let Some(text) = text_fields.next() else {
            // The text has fewer fields than the pattern.
            return false;
        };
        if index < last {
            if !match_tokens(field, text, false) {
                return false;
            }
        } else if index == FIELDS - 1 {
            // The resource: everything after the fifth colon.
            return match_tokens(field, text, false);
        } else {
            // The pattern stops before the resource field. It matches only
            // if its last field ends with `*`; that star matches the rest of
            // this text field and then everything after it.
            return field.last() == Some(&Token::Star) && match_tokens(field, text, false);
        }
    }
    false
}

/// Splits pattern tokens at the first five literal colons.
fn split_pattern(tokens: &[Token]) -> Vec<&[Token]> {
    let mut fields = Vec::with_capacity(FIELDS);
    let mut rest = tokens;
    while fields.len() < FIELDS - 1 {
        match rest.iter().position(|t| *t == Token::Lit(':')) {
            Some(at) => {
                let (head, tail) = rest.split_at(at);
                fields.push(head);
                rest = tail.get(1..).unwrap_or_default();
            }
            None => break,
        }
    }
    fields.push(rest);
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn arn_like(pattern: &str, arn: &str) -> bool {
        arn_match(&Pattern::wildcards(pattern), arn)
    }

    fn string_like(pattern: &str, text: &str) -> bool {
        Pattern::wildcards(pattern).matches(text)
    }

    #[test]
    fn table() {
        let bucket = "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*";
        let cases: &[(&str, &str, bool)] = &[
            // From the Resource element page.
            (
                bucket,
                "arn:aws:s3:::amzn-s3-demo-bucket/1/2/test/3/object.jpg",
                true,
            ),
            (
                bucket,
                "arn:aws:s3:::amzn-s3-demo-bucket//test/object.jpg",
                true,
            ),
            (bucket, "arn:aws:s3:::amzn-s3-demo-bucket/1/test/", true),
            (
                bucket,
                "arn:aws:s3:::amzn-s3-demo-bucket/1-test/object.jpg",
                false,
            ),
            (
                bucket,
                "arn:aws:s3:::amzn-s3-demo-bucket/test/object.jpg",
                false,
            ),
            (
                bucket,
                "arn:aws:s3:::amzn-s3-demo-bucket/1/2/test.jpg",
                false,
            ),
            // Wildcards inside the first five fields.
            (
                "arn:aws:iam::*:role/x",
                "arn:aws:iam::123456789012:role/x",
                true,
            ),
            (
                "arn:aws:iam::1*2:role/x",
                "arn:aws:iam::123456789012:role/x",
                true,
            ),
            (
                "arn:aws:iam::1*2:role/x",
                "arn:aws:iam::123456789013:role/x",
                false,
            ),
            (
                "arn:aws:ec2:*:*:instance/*",
                "arn:aws:ec2:us-east-1:111122223333:instance/i-1",
                true,
            ),
            (
                "arn:aws:ec2:*:*:instance/*",
                "arn:aws:ec2:us-east-1:111122223333:volume/v-1",
                false,
            ),
            ("arn:aws:s?:::b", "arn:aws:s3:::b", true),
            ("arn:aws:s?:::b", "arn:aws:s33:::b", false),
            ("arn:*:s3:::b", "arn:aws-cn:s3:::b", true),
            ("arn:aws:*:us-east-1:*:*", "arn:aws:sqs:us-east-1:1:q", true),
            (
                "arn:aws:*:us-east-1:*:*",
                "arn:aws:sqs:us-west-2:1:q",
                false,
            ),
            // Case-sensitive.
            ("arn:aws:s3:::Bucket", "arn:aws:s3:::bucket", false),
            ("ARN:aws:s3:::b", "arn:aws:s3:::b", false),
            // Trailing star of a short pattern swallows the rest of the ARN.
            ("arn:aws:s3:*", "arn:aws:s3:::bucket/key", true),
            (
                "arn:aws:s3:*",
                "arn:aws:s3:us-east-1:123:accesspoint/ap",
                true,
            ),
            ("arn:aws:s3:*", "arn:aws:sqs:us-east-1:1:q", false),
            ("arn:aws:*", "arn:aws:iam::1:user/u", true),
            ("arn:aws:*", "arn:aws-cn:iam::1:user/u", false),
            ("arn:aws:s3:us-*", "arn:aws:s3:us-east-1:1:x", true),
            ("arn:aws:s3:us-*", "arn:aws:s3:eu-west-1:1:x", false),
            ("arn:*", "arn:aws:s3:::b", true),
            (
                "arn:aws:s3:us-east-1:1:*",
                "arn:aws:s3:us-east-1:1:a:b/c",
                true,
            ),
            // A short pattern without a trailing star never matches.
            ("arn:aws:s3", "arn:aws:s3", false),
            ("arn:aws:s3", "arn:aws:s3:::b", false),
            ("arn:aws:s3:::", "arn:aws:s3:::", true),
            // A non-trailing `*` or a `?` does not cross a colon.
            ("arn:aws:s*3:::b", "arn:aws:s:x3:::b", false),
            ("arn:aws:s?3:::b", "arn:aws:s:3:::b", false),
            (
                "arn:aws:iam::*:role/x",
                "arn:aws:iam::123:extra:role/x",
                false,
            ),
            (
                "arn:aws:s3:*:bucket",
                "arn:aws:s3:us-east-1:123:bucket",
                false,
            ),
            // The resource field keeps its colons.
            (
                "arn:aws:logs:*:*:log-group:*",
                "arn:aws:logs:us-east-1:1:log-group:g:log-stream:s",
                true,
            ),
            (
                "arn:aws:logs:*:*:log-group:g",
                "arn:aws:logs:us-east-1:1:log-group:g:log-stream:s",
                false,
            ),
            // Texts that are not (complete) ARNs.
            ("arn:aws:s3:::b", "arn:aws:s3::", false),
            ("arn:aws:s3:::*", "not-an-arn", false),
            ("arn:aws:s3:*", "arn:aws:s3", false),
            ("arn:aws:s3:*", "arn:aws:s3:x", true),
            ("*", "not-an-arn", true),
            ("**", "", true),
            ("", "", false),
            ("", "arn:aws:s3:::b", false),
        ];
        for (pattern, arn, expected) in cases {
            assert_eq!(
                arn_like(pattern, arn),
                *expected,
                "pattern {pattern:?} arn {arn:?}"
            );
        }
    }

    #[test]
    fn string_like_matches_where_arn_like_does_not() {
        let cases = [
            ("arn:aws:iam::*:role/x", "arn:aws:iam::123:extra:role/x"),
            ("arn:aws:s3:*:bucket", "arn:aws:s3:us-east-1:123:bucket"),
            ("arn:aws:s*3:::b", "arn:aws:s:x3:::b"),
        ];
        for (pattern, arn) in cases {
            assert!(string_like(pattern, arn), "{pattern} / {arn}");
            assert!(!arn_like(pattern, arn), "{pattern} / {arn}");
        }
    }

    #[test]
    fn literal_tokens_in_pattern() {
        // A resolved policy variable holding `*` stays literal.
        let mut p = Pattern::wildcards("arn:aws:s3:::b/");
        p.push_literal("*");
        assert!(arn_match(&p, "arn:aws:s3:::b/*"));
        assert!(!arn_match(&p, "arn:aws:s3:::b/x"));
        // A literal-star-only pattern is not match-all.
        assert!(!arn_match(&Pattern::literal("*"), "arn:aws:s3:::b"));
    }

    #[test]
    fn split() {
        let parts = split_arn("arn:aws:s3:::bucket/key:with:colons").unwrap();
        assert_eq!(
            parts,
            ArnParts {
                partition: "aws",
                service: "s3",
                region: "",
                account: "",
                resource: "bucket/key:with:colons",
            }
        );
        let parts = split_arn("arn:aws:iam::123456789012:role/x").unwrap();
        assert_eq!(parts.account, "123456789012");
        assert_eq!(parts.service, "iam");
        assert!(split_arn("arn:aws:s3::").is_none());
        assert!(split_arn("arn:aws:s3:::").is_some());
        assert!(split_arn("arx:aws:s3:::b").is_none());
        assert!(split_arn("ARN:aws:s3:::b").is_none());
        assert!(split_arn("").is_none());
        assert!(split_arn("arn").is_none());
    }

    proptest! {
        /// A literal pattern equal to a six-field text always matches it.
        #[test]
        fn literal_arn_matches_itself(
            fields in proptest::collection::vec("[a-z0-9/:-]{0,6}", 5)
        ) {
            let arn = format!("arn:{}", fields.join(":"));
            prop_assume!(split_arn(&arn).is_some());
            prop_assert!(arn_match(&Pattern::literal(&arn), &arn));
            prop_assert!(arn_match(&Pattern::wildcards(&arn), &arn));
        }

        /// ArnLike is StringLike with extra field-boundary constraints, so it
        /// never matches where StringLike does not (the trailing-star rule
        /// included: that star crosses colons under StringLike too).
        #[test]
        fn arn_like_implies_string_like(
            pattern in "arn(:[a*?:]{0,3}){5}[a*?/:]{0,4}",
            text in "arn(:[a:]{0,3}){5}[a/:]{0,4}",
        ) {
            if arn_like(&pattern, &text) {
                prop_assert!(string_like(&pattern, &text));
            }
        }

        #[test]
        fn never_panics(pattern in "\\PC{0,20}", text in "\\PC{0,20}") {
            let _ = arn_like(&pattern, &text);
            let _ = split_arn(&text);
        }
    }
}
