//! Pathological sizes: deep nesting must not overflow the stack, and big
//! documents must parse in linear time.

// Test code: panicking on a broken expectation is the point.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::string_slice
)]

use iam_json::{parse, parse_with, ParseOptions, Span, ValueKind};

#[test]
fn a_million_open_brackets_give_the_depth_error() {
    let text = "[".repeat(1_000_000);
    let p = parse(&text);
    assert!(p.value.is_none());
    assert_eq!(p.errors.len(), 1);
    assert_eq!(p.errors[0].message, "nesting deeper than 128 levels");
    assert_eq!(p.errors[0].span, Span::new(128, 129));
}

#[test]
fn a_million_open_objects_give_the_depth_error() {
    let text = "{\"a\":".repeat(1_000_000);
    let p = parse(&text);
    assert_eq!(p.errors[0].message, "nesting deeper than 128 levels");
}

#[test]
fn a_million_open_brackets_without_a_depth_limit_do_not_overflow() {
    // The parser itself is iterative: with no practical depth limit it still
    // reaches the end of the input and reports it.
    let options = ParseOptions {
        max_depth: u32::MAX,
        ..ParseOptions::default()
    };
    let text = "[".repeat(1_000_000);
    let p = parse_with(&text, &options);
    assert!(p.value.is_none());
    assert!(
        p.errors[0].message.starts_with("unexpected end of input"),
        "{:?}",
        p.errors
    );
    let text = format!("{}1", "[{\"k\":".repeat(300_000));
    let p = parse_with(&text, &options);
    // The last `{` is at byte 6 * 299_999 + 1, i.e. column 1_799_996.
    assert_eq!(
        p.errors[0].message,
        "unexpected end of input: expected `}` to close the object opened at line 1, column 1799996"
    );
}

#[test]
fn ten_megabyte_document() {
    // About 10 MB of policy-shaped JSON with long strings, escapes and numbers.
    let statement = r#"{"Sid": "S\u00e9\n", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::bucket/*", "Condition": {"NumericLessThan": {"s3:max-keys": 10.5e2}}}"#;
    let count = 10_000_000 / statement.len() + 1;
    let mut text = String::from("{\"Statement\": [");
    for i in 0..count {
        if i > 0 {
            text.push_str(",\n");
        }
        text.push_str(statement);
    }
    text.push_str("], \"Big\": \"");
    text.push_str(&"x".repeat(1_000_000));
    text.push_str("\"}");
    assert!(text.len() > 10_000_000);

    let p = parse(&text);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    let v = p.value.unwrap();
    let statements = v.get("Statement").unwrap().as_array().unwrap();
    assert_eq!(statements.len(), count);
    let last = statements.last().unwrap();
    assert_eq!(last.get("Sid").unwrap().as_str(), Some("Sé\n"));
    assert_eq!(last.span.text(&text), statement);
    assert!(matches!(&v.get("Big").unwrap().kind, ValueKind::String(s) if s.len() == 1_000_000));
}

#[test]
fn long_string_with_many_escapes() {
    let text = format!("\"{}\"", "\\n\\u00e9a".repeat(500_000));
    let p = parse(&text);
    assert_eq!(p.value.unwrap().as_str().unwrap().len(), 500_000 * 4);
}
