//! Law: `iam_json::parse` never panics, and when it succeeds every node's span text (and every
//! object key's span text) re-parses on its own to an equal value.
#![no_main]

use iam_json::{Value, ValueKind};
use libfuzzer_sys::fuzz_target;

/// Structural equality, ignoring spans (a re-parsed fragment has spans relative to itself).
fn same(a: &Value, b: &Value) -> bool {
    let mut stack = vec![(a, b)];
    while let Some((a, b)) = stack.pop() {
        match (&a.kind, &b.kind) {
            (ValueKind::Null, ValueKind::Null) => {}
            (ValueKind::Bool(x), ValueKind::Bool(y)) if x == y => {}
            (ValueKind::Number(x), ValueKind::Number(y)) if x == y => {}
            (ValueKind::String(x), ValueKind::String(y)) if x == y => {}
            (ValueKind::Array(xs), ValueKind::Array(ys)) if xs.len() == ys.len() => {
                stack.extend(xs.iter().zip(ys))
            }
            (ValueKind::Object(xs), ValueKind::Object(ys)) if xs.len() == ys.len() => {
                for (x, y) in xs.iter().zip(ys) {
                    if x.key != y.key {
                        return false;
                    }
                    stack.push((&x.value, &y.value));
                }
            }
            _ => return false,
        }
    }
    true
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        // Also feed the lossy decoding, so invalid UTF-8 inputs are not wasted.
        let _ = iam_json::parse(&String::from_utf8_lossy(data));
        return;
    };
    let parsed = iam_json::parse(text);
    let Some(root) = parsed.value else {
        assert_eq!(
            parsed.errors.len(),
            1,
            "a failed parse has exactly one error"
        );
        return;
    };
    assert!(parsed.errors.is_empty());
    let mut stack = vec![&root];
    while let Some(node) = stack.pop() {
        let fragment = node.span.text(text);
        let again = iam_json::parse(fragment);
        let Some(value) = again.value else {
            panic!(
                "span text {fragment:?} of a {} does not re-parse: {:?}",
                node.type_name(),
                again.errors
            );
        };
        assert!(
            same(node, &value),
            "span text {fragment:?} re-parses to a different value"
        );
        match &node.kind {
            ValueKind::Array(items) => stack.extend(items),
            ValueKind::Object(members) => {
                for m in members {
                    let key_text = m.key_span.text(text);
                    let key = iam_json::parse(key_text);
                    assert!(
                        matches!(&key.value, Some(Value { kind: ValueKind::String(k), .. }) if *k == m.key),
                        "key span text {key_text:?} does not re-parse to the key {:?}",
                        m.key
                    );
                    stack.push(&m.value);
                }
            }
            _ => {}
        }
    }
});
