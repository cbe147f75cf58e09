//! Property tests: the parser never panics, every span is in bounds and on
//! char boundaries, and every node's text re-parses to the same node.

// Test code: panicking on a broken expectation is the point.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::string_slice
)]

mod common;

use common::{arb_json, check_invariants, mutate, permissive, Printer};
use iam_json::{LineIndex, ParseOptions};
use proptest::prelude::*;

const JSONISH: &str =
    "[{}\\[\\]\",:\\\\ u0-9a-fA-Fxentrulsf.+\\-/*\t\n\r'\u{e9}\u{1F600}\u{FEFF}\u{a0}\\x00\\x1f]{0,48}";

fn check_both(text: &str) {
    check_invariants(text, &ParseOptions::default());
    check_invariants(text, &permissive());
    let tight = ParseOptions {
        max_depth: 2,
        ..permissive()
    };
    check_invariants(text, &tight);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn arbitrary_strings(text in any::<String>()) {
        check_both(&text);
    }

    #[test]
    fn jsonish_strings(text in JSONISH) {
        check_both(&text);
    }

    #[test]
    fn jsonish_strings_in_a_document(text in JSONISH) {
        check_both(&format!("{{\"a\": [{text}]}}"));
        check_both(&format!("\"{text}\""));
        check_both(&format!("[{text}"));
    }

    #[test]
    fn printed_documents(v in arb_json(), seed in any::<u64>()) {
        let text = Printer::new(seed).print(&v);
        let p = check_invariants(&text, &ParseOptions::default());
        prop_assert!(p.value.is_some());
    }

    #[test]
    fn mutated_documents(v in arb_json(), seed in any::<u64>(), mseed in any::<u64>()) {
        let text = mutate(&Printer::new(seed).print(&v), mseed);
        check_both(&text);
    }

    #[test]
    fn line_index_is_total(text in any::<String>(), offsets in prop::collection::vec(any::<u32>(), 0..8)) {
        let idx = LineIndex::new(&text);
        for off in offsets {
            let lc = idx.line_col(off % (text.len() as u32 + 2));
            prop_assert!(lc.line >= 1 && lc.column >= 1 && lc.column <= lc.column_utf16);
        }
        let _ = idx.line_col(u32::MAX);
    }

    #[test]
    fn line_index_agrees_with_a_naive_count(text in "[a\u{e9}\u{1F600}\r\n]{0,24}") {
        let idx = LineIndex::new(&text);
        let (mut line, mut col, mut col16) = (1u32, 1u32, 1u32);
        let mut prev_cr = false;
        for (i, c) in text.char_indices() {
            // A `\n` right after `\r` continues the same break.
            if !(c == '\n' && prev_cr) {
                let lc = idx.line_col(i as u32);
                prop_assert_eq!((lc.line, lc.column, lc.column_utf16), (line, col, col16), "at {}", i);
            }
            match c {
                '\n' => { line += 1; col = 1; col16 = 1; }
                '\r' if !text[i + 1..].starts_with('\n') => { line += 1; col = 1; col16 = 1; }
                '\r' => { col += 1; col16 += 1; }
                c => { col += 1; col16 += c.len_utf16() as u32; }
            }
            prev_cr = c == '\r';
        }
        let end = idx.line_col(text.len() as u32);
        prop_assert_eq!((end.line, end.column, end.column_utf16), (line, col, col16));
    }
}
