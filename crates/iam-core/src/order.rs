//! Sorting for the playground's page: one small, non-generic merge sort of indices, so that finding
//! repeated names or keys is O(n log n) without linking a copy of the standard library's sort for
//! every element type (each is several kilobytes of WebAssembly; the first load has a budget).

use std::cmp::Ordering;

/// The indices `0..len` in the order `cmp` gives, equal elements in index order (a stable,
/// bottom-up merge sort: O(len log len) comparisons, two buffers of `len` indices).
pub(crate) fn sorted_indices(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut from: Vec<usize> = (0..len).collect();
    let mut to: Vec<usize> = vec![0; len];
    let mut width = 1;
    while width < len {
        let mut start = 0;
        while start < len {
            let middle = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut i, mut j) = (start, middle);
            for slot in to.iter_mut().take(end).skip(start) {
                let take_left = match (from.get(i), from.get(j)) {
                    (Some(&a), Some(&b)) if i < middle && j < end => cmp(a, b) != Ordering::Greater,
                    _ => i < middle,
                };
                let source = if take_left { &mut i } else { &mut j };
                *slot = from.get(*source).copied().unwrap_or(0);
                *source += 1;
            }
            start = end;
        }
        std::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    from
}

/// Runs of equal elements in `order` (from [`sorted_indices`] with the same `cmp`): each run's
/// indices, in index order.
pub(crate) fn equal_runs<'a>(
    order: &'a [usize],
    cmp: &'a dyn Fn(usize, usize) -> Ordering,
) -> impl Iterator<Item = &'a [usize]> + 'a {
    order.chunk_by(move |a, b| cmp(*a, *b) == Ordering::Equal)
}

/// For each index, the first index equal to it by `cmp` when that is an earlier one (`None` for
/// the first of its kind): repeated names or keys found in O(len log len).
pub(crate) fn earlier_equal(
    len: usize,
    cmp: &dyn Fn(usize, usize) -> Ordering,
) -> Vec<Option<usize>> {
    let order = sorted_indices(len, cmp);
    let mut out = vec![None; len];
    for run in equal_runs(&order, cmp) {
        if let Some((first, rest)) = run.split_first() {
            for i in rest {
                if let Some(slot) = out.get_mut(*i) {
                    *slot = Some(*first);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_stably(values in proptest::collection::vec(0u8..8, 0..200)) {
            let cmp = |a: usize, b: usize| values[a].cmp(&values[b]);
            let order = sorted_indices(values.len(), &cmp);
            let mut expected: Vec<usize> = (0..values.len()).collect();
            expected.sort_by_key(|i| values[*i]);
            prop_assert_eq!(&order, &expected);
            let runs: Vec<Vec<usize>> = equal_runs(&order, &cmp).map(<[usize]>::to_vec).collect();
            prop_assert_eq!(runs.iter().map(Vec::len).sum::<usize>(), values.len());
            for run in &runs {
                prop_assert!(run.windows(2).all(|w| values[w[0]] == values[w[1]] && w[0] < w[1]));
            }
            let earlier = earlier_equal(values.len(), &cmp);
            for (i, e) in earlier.iter().enumerate() {
                let first = values.iter().position(|v| *v == values[i]).unwrap();
                prop_assert_eq!(*e, (first < i).then_some(first));
            }
        }
    }
}
