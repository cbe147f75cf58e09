//! Pure matching and parsing primitives used by policy evaluation: IAM
//! wildcard globs, ARN patterns, IP networks, dates, exact decimal numbers
//! and base64.
//!
//! Everything here is total (never panics), allocation-light, and free of IO
//! and clocks, so it runs unchanged on `wasm32-unknown-unknown`.

pub(crate) mod arn;
pub(crate) mod binary;
pub(crate) mod date;
/// The IAM wildcard matcher, shared with the catalog (which is below this crate).
pub(crate) use iam_catalog::glob;
pub(crate) mod ip;
pub(crate) mod number;

/// Longest input echoed back verbatim inside an error message; longer inputs
/// are cut (on a character boundary) and end with `...`.
const QUOTE_LIMIT: usize = 80;

/// `s` wrapped in backticks for an error message, shortened if very long.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(QUOTE_LIMIT) + 5);
    out.push('`');
    let mut chars = s.chars();
    out.extend(chars.by_ref().take(QUOTE_LIMIT));
    if chars.next().is_some() {
        out.push_str("...");
    }
    out.push('`');
    out
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quote_short_and_long() {
        assert_eq!(quote(""), "``");
        assert_eq!(quote("abc"), "`abc`");
        let long = "é".repeat(100);
        let q = quote(&long);
        assert_eq!(q, format!("`{}...`", "é".repeat(80)));
        let exact = "x".repeat(80);
        assert_eq!(quote(&exact), format!("`{exact}`"));
    }
}
