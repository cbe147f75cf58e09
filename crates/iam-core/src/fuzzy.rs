//! "Did you mean …?" — the closest known word by edit distance (as cedar's `fuzzy_match.rs`).

#[cfg(test)]
use iam_catalog::distance;
use iam_catalog::distance_within;

/// The best candidate for `word`: an exact case-insensitive match first, else the nearest within
/// a third of the word's length (at least 2 edits).
pub(crate) fn suggest<'a, I>(word: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    let candidates: Vec<&str> = candidates.into_iter().collect();
    if let Some(exact) = candidates.iter().find(|c| c.eq_ignore_ascii_case(word)) {
        return Some((*exact).to_string());
    }
    if word.chars().count() > 64 {
        return None;
    }
    let limit = (word.chars().count() / 3).max(2);
    let lower = word.to_lowercase();
    let length = lower.chars().count();
    // Bounded edit distance: O(limit × length) per candidate (`iam_catalog::distance_within`);
    // an ASCII candidate whose length is too far off is skipped before it is lower-cased.
    candidates
        .iter()
        .filter(|c| !c.is_ascii() || c.len().abs_diff(length) <= limit)
        .filter_map(|c| distance_within(&lower, &c.to_lowercase(), limit).map(|d| (d, *c)))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(
            suggest("Efect", ["Effect", "Action"]).as_deref(),
            Some("Effect")
        );
        assert_eq!(
            suggest("effect", ["Effect", "Action"]).as_deref(),
            Some("Effect")
        );
        assert_eq!(
            suggest("Resources", ["Resource", "NotResource"]).as_deref(),
            Some("Resource")
        );
        assert_eq!(suggest("Banana", ["Effect", "Action"]), None);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
