//! Levenshtein distance, for "did you mean".

/// The edit distance between `a` and `b`, in characters, case-sensitive.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        if let Some(first) = current.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let deletion = previous
                .get(j + 1)
                .copied()
                .unwrap_or(usize::MAX)
                .saturating_add(1);
            let insertion = current
                .get(j)
                .copied()
                .unwrap_or(usize::MAX)
                .saturating_add(1);
            let substitution = previous
                .get(j)
                .copied()
                .unwrap_or(usize::MAX)
                .saturating_add(cost);
            if let Some(slot) = current.get_mut(j + 1) {
                *slot = deletion.min(insertion).min(substitution);
            }
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous.get(b.len()).copied().unwrap_or(0)
}

/// The edit distance between `a` and `b` when it is at most `max`, else `None` (case-sensitive,
/// in characters). "Did you mean" only wants close words, so this computes only the diagonal band
/// of cells within `max` of the diagonal, and stops as soon as a whole row of the band exceeds
/// `max`: O(max × len) instead of O(len(a) × len(b)), and O(1) when the lengths differ by more
/// than `max`. Returns what [`distance`] returns whenever that is at most `max`.
pub fn distance_within(a: &str, b: &str, max: usize) -> Option<usize> {
    let (n, m) = (a.chars().count(), b.chars().count());
    if n.abs_diff(m) > max {
        return None;
    }
    let b: Vec<char> = b.chars().collect();
    // `row[j]` is the distance between the first `i` characters of `a` and the first `j` of `b`;
    // cells outside the band hold `max + 1` (too far, whatever they really are).
    let far = max + 1;
    let mut previous: Vec<usize> = (0..=m).map(|j| j.min(far)).collect();
    let mut current = vec![far; m + 1];
    for (i, ca) in a.chars().enumerate() {
        let row = i + 1;
        let low = row.saturating_sub(max);
        let high = (row + max).min(m);
        // The cell left of the band (read below) is too far, or the first column.
        if let Some(edge) = current.get_mut(low.saturating_sub(1)) {
            *edge = if low == 0 { row.min(far) } else { far };
        }
        let mut best = if low == 0 { row.min(far) } else { far };
        for j in low.max(1)..=high {
            let cost = usize::from(b.get(j - 1) != Some(&ca));
            let up = previous.get(j).copied().unwrap_or(far).saturating_add(1);
            let left = current.get(j - 1).copied().unwrap_or(far).saturating_add(1);
            let diagonal = previous
                .get(j - 1)
                .copied()
                .unwrap_or(far)
                .saturating_add(cost);
            let d = up.min(left).min(diagonal).min(far);
            if let Some(slot) = current.get_mut(j) {
                *slot = d;
            }
            best = best.min(d);
        }
        // The cell right of the band, which the next row reads from above.
        if let Some(edge) = current.get_mut(high + 1) {
            *edge = far;
        }
        if best > max {
            return None;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous.get(m).copied().filter(|d| *d <= max)
}

#[cfg(test)]
mod tests {
    use super::{distance, distance_within};

    #[test]
    fn distances() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("getobjcet", "getobject"), 2);
        assert_eq!(distance("same", "same"), 0);
    }

    #[test]
    fn bounded_distances() {
        assert_eq!(distance_within("kitten", "sitting", 3), Some(3));
        assert_eq!(distance_within("kitten", "sitting", 2), None);
        assert_eq!(distance_within("", "abc", 3), Some(3));
        assert_eq!(distance_within("", "abc", 2), None);
        assert_eq!(distance_within("abc", "", 5), Some(3));
        assert_eq!(distance_within("", "", 0), Some(0));
        assert_eq!(distance_within("same", "same", 0), Some(0));
        assert_eq!(distance_within("a".repeat(120).as_str(), "ab", 40), None);
        assert_eq!(distance_within("日本語", "日本", 1), Some(1));
    }

    /// Every pair of short words over a small alphabet, every bound: the band agrees with the
    /// full table.
    #[test]
    fn band_agrees_with_the_full_table() {
        let alphabet = ['a', 'b', 'é'];
        let mut words = vec![String::new()];
        for len in 1..=4 {
            let mut more = Vec::new();
            for w in words.iter().filter(|w| w.chars().count() == len - 1) {
                for c in alphabet {
                    more.push(format!("{w}{c}"));
                }
            }
            words.extend(more);
        }
        for a in &words {
            for b in &words {
                let full = distance(a, b);
                for max in 0..=5 {
                    let expected = (full <= max).then_some(full);
                    assert_eq!(
                        distance_within(a, b, max),
                        expected,
                        "{a:?} {b:?} max {max}"
                    );
                }
            }
        }
    }
}
