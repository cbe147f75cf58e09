//! Differential tests against serde_json: `parse` succeeds exactly when
//! `serde_json::from_str::<serde_json::Value>` does, and the values agree.
//!
//! Known, intended differences (asserted in `known_differences`):
//! - numbers outside f64's range (`1e400`): valid RFC 8259 grammar, which we
//!   keep as raw text, while serde_json reports "number out of range";
//! - a leading byte order mark, which we skip with a warning;
//! - nesting of exactly 128 levels, which serde_json's recursion limit
//!   (127) rejects and our `max_depth` (128) accepts.

// Test code: panicking on a broken expectation is the point.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::string_slice
)]

mod common;

use common::{arb_json, check_invariants, mutate, to_serde, Printer};
use iam_json::{parse, ParseOptions};
use proptest::prelude::*;

/// Compares one input; returns whether it parsed.
fn compare(text: &str) -> bool {
    let ours = parse(text);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (&ours.value, &theirs) {
        (Some(v), Ok(t)) => {
            assert_eq!(to_serde(v).as_ref(), Some(t), "values differ for {text:?}");
            true
        }
        (None, Err(_)) => false,
        (Some(_), Err(e)) if e.to_string().starts_with("number out of range") => true,
        (Some(_), Err(e)) => panic!("we accept {text:?}, serde_json says {e}"),
        (None, Ok(_)) => panic!("serde_json accepts {text:?}, we say {:?}", ours.errors),
    }
}

const VALID: &[&str] = &[
    "null",
    "true",
    "false",
    "0",
    "-0",
    "1",
    "-1",
    "123456789",
    "1.5",
    "-1.5e3",
    "1E3",
    "1e+3",
    "1e-3",
    "1E-0003",
    "0.000001",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775808",
    "-9223372036854775809",
    "123456789012345678901234567890",
    "1.7976931348623157e308",
    "5e-324",
    "1e-400",
    "\"\"",
    "\"abc\"",
    "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"",
    "\"\\u0000\\u001f\\u0020\\u007F\"",
    "\"\\uD83D\\uDE00\"",
    "\"\\ud83d\\ude00\"",
    "\"\\uDBFF\\uDFFF\"",
    "\"\\uFFFF\\uFFFE\\uFEFF\"",
    "\"é😀\u{7f}\u{2028}\u{feff}\"",
    "[]",
    "[ ]",
    "{}",
    "{ }",
    " \t\r\n 1 \t\r\n ",
    "[1,2,3]",
    "[[[]]]",
    "[{}]",
    "{\"a\":1}",
    "{\"a\":{\"b\":[1,{\"c\":null}]}}",
    "{\"a\":1,\"a\":2}",
    "{\"\":0}",
    "{\"\\u0041\":\"\\u0042\"}",
    "[1,\"a\",true,null,{},[],-0.5e-5]",
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#,
];

const INVALID: &[&str] = &[
    "",
    " ",
    "nul",
    "nulll",
    "True",
    "NULL",
    "NaN",
    "-NaN",
    "Infinity",
    "-Infinity",
    "+1",
    "01",
    "-01",
    "00",
    "1.",
    ".1",
    "1.e1",
    "1e",
    "1e+",
    "1E-",
    "-",
    "--1",
    "0x10",
    "1 2",
    "1,",
    "[1,]",
    "[,]",
    "[,1]",
    "[1,,2]",
    "[1 2]",
    "[",
    "]",
    "[1",
    "{",
    "}",
    "{\"a\"}",
    "{\"a\":}",
    "{\"a\" 1}",
    "{\"a\":1,}",
    "{\"a\":1 \"b\":2}",
    "{a:1}",
    "{'a':1}",
    "{1:1}",
    "{\"a\":1]",
    "[1}",
    "'a'",
    "\"a",
    "\"\\\"",
    "\"\\q\"",
    "\"\\x41\"",
    "\"\\u12\"",
    "\"\\u12G4\"",
    "\"\\uD800\"",
    "\"\\uDC00\"",
    "\"\\uD800\\u0041\"",
    "\"\\uD800\\uD800\"",
    "\"\\uDE00\\uD83D\"",
    "\"a\nb\"",
    "\"a\tb\"",
    "\"\u{0}\"",
    "\"\u{1f}\"",
    "// c\n1",
    "/* c */ 1",
    "1 // c",
    "[1 /* c */]",
    "\u{a0}1",
    "\u{b}1",
    "\u{c}1",
    "1 x",
    "{} {}",
    "[]]",
    "\"a\" \"b\"",
];

#[test]
fn hand_written_valid() {
    for text in VALID {
        assert!(compare(text), "expected {text:?} to parse");
        check_invariants(text, &ParseOptions::default());
    }
}

#[test]
fn hand_written_invalid() {
    for text in INVALID {
        assert!(!compare(text), "expected {text:?} to fail");
    }
}

#[test]
fn known_differences() {
    // Out of f64 range: valid grammar, kept as raw text.
    for text in ["1e400", "-1e400", "[1E999]"] {
        assert!(parse(text).value.is_some(), "{text}");
        assert!(
            serde_json::from_str::<serde_json::Value>(text).is_err(),
            "{text}"
        );
    }
    // Leading BOM: skipped with a warning.
    let p = parse("\u{FEFF}1");
    assert!(p.value.is_some());
    assert_eq!(p.warnings.len(), 1);
    assert!(serde_json::from_str::<serde_json::Value>("\u{FEFF}1").is_err());
    // Depth: equal up to 127 levels.
    for depth in [1, 100, 127, 128, 129, 200] {
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let ours = parse(&text).value.is_some();
        let theirs = serde_json::from_str::<serde_json::Value>(&text).is_ok();
        assert_eq!(ours, depth <= 128, "ours at {depth}");
        assert_eq!(theirs, depth <= 127, "serde_json at {depth}");
    }
}

#[test]
fn every_short_input_over_a_small_alphabet() {
    // Exhaustive up to length 3 over characters that matter to the grammar.
    let alphabet = [
        "{", "}", "[", "]", "\"", ",", ":", "\\", " ", "0", "1", "-", ".", "e", "t", "u",
    ];
    let mut inputs = vec![String::new()];
    let mut frontier = vec![String::new()];
    for _ in 0..3 {
        let mut next = Vec::new();
        for prefix in &frontier {
            for c in alphabet {
                next.push(format!("{prefix}{c}"));
            }
        }
        inputs.extend(next.iter().cloned());
        frontier = next;
    }
    let mut parsed = 0;
    for text in &inputs {
        if compare(text) {
            parsed += 1;
        }
        check_invariants(text, &ParseOptions::default());
    }
    assert!(parsed > 50, "only {parsed} inputs parsed");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn printed_values_agree(v in arb_json(), seed in any::<u64>()) {
        let text = Printer::new(seed).print(&v);
        prop_assert!(compare(&text), "{text:?} did not parse");
        // The compact serde_json printing too.
        let compact = serde_json::to_string(&v).unwrap();
        prop_assert!(compare(&compact));
        let pretty = serde_json::to_string_pretty(&v).unwrap();
        prop_assert!(compare(&pretty));
    }

    #[test]
    fn mutated_values_agree(v in arb_json(), seed in any::<u64>(), mseed in any::<u64>()) {
        let text = Printer::new(seed).print(&v);
        let broken = mutate(&text, mseed);
        if broken.starts_with('\u{FEFF}') {
            return Ok(());
        }
        compare(&broken);
    }
}
