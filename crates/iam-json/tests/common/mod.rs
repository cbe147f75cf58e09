//! Helpers shared by the integration tests.
#![allow(dead_code)]

use iam_json::{parse_with, Member, Parse, ParseOptions, Span, Value, ValueKind};
use proptest::prelude::*;

/// Our tree as a `serde_json::Value` (duplicate keys: last wins, as serde
/// does). `None` if a number is out of serde_json's range.
pub fn to_serde(v: &Value) -> Option<serde_json::Value> {
    Some(match &v.kind {
        ValueKind::Null => serde_json::Value::Null,
        ValueKind::Bool(b) => serde_json::Value::Bool(*b),
        ValueKind::Number(raw) => serde_json::from_str(raw).ok()?,
        ValueKind::String(s) => serde_json::Value::String(s.clone()),
        ValueKind::Array(items) => {
            serde_json::Value::Array(items.iter().map(to_serde).collect::<Option<Vec<_>>>()?)
        }
        ValueKind::Object(members) => {
            let mut map = serde_json::Map::new();
            for m in members {
                map.insert(m.key.clone(), to_serde(&m.value)?);
            }
            serde_json::Value::Object(map)
        }
    })
}

fn back(span: Span, by: u32) -> Span {
    Span {
        start: span.start - by,
        end: span.end - by,
    }
}

/// `v` with every span moved left by `by`.
pub fn rebase(v: &Value, by: u32) -> Value {
    let kind = match &v.kind {
        ValueKind::Array(items) => ValueKind::Array(items.iter().map(|i| rebase(i, by)).collect()),
        ValueKind::Object(members) => ValueKind::Object(
            members
                .iter()
                .map(|m| Member {
                    key: m.key.clone(),
                    key_span: back(m.key_span, by),
                    value: rebase(&m.value, by),
                })
                .collect(),
        ),
        other => other.clone(),
    };
    Value {
        kind,
        span: back(v.span, by),
    }
}

fn check_span(src: &str, span: Span, what: &str) {
    let (s, e) = (span.start as usize, span.end as usize);
    assert!(
        s <= e && e <= src.len(),
        "{what} span {span:?} out of bounds in {src:?}"
    );
    assert!(
        src.is_char_boundary(s) && src.is_char_boundary(e),
        "{what} span {span:?} not on char boundaries in {src:?}"
    );
}

/// Checks the invariants of one parse of `src`: at most one error, value
/// iff no error, all spans in bounds and on char boundaries, every node's
/// text re-parses to the same node, keys' spans are their quoted source.
pub fn check_invariants(src: &str, options: &ParseOptions) -> Parse {
    let p = parse_with(src, options);
    assert!(p.errors.len() <= 1, "{src:?}: {:?}", p.errors);
    assert_eq!(p.value.is_some(), p.errors.is_empty(), "{src:?}");
    for e in &p.errors {
        check_span(src, e.span, "error");
        assert!(!e.message.is_empty());
    }
    for w in &p.warnings {
        check_span(src, w.span, "warning");
    }
    if let Some(v) = &p.value {
        check_node(src, v, options);
    }
    p
}

fn check_node(src: &str, v: &Value, options: &ParseOptions) {
    check_span(src, v.span, "value");
    let text = v.span.text(src);
    assert!(!text.is_empty(), "empty span for {v:?} in {src:?}");
    let again = parse_with(text, options);
    assert_eq!(
        again.value.as_ref(),
        Some(&rebase(v, v.span.start)),
        "re-parsing {text:?} (from {src:?}) gave {:?}",
        again.errors
    );
    match &v.kind {
        ValueKind::String(_) => {
            assert!(text.starts_with('"') && text.ends_with('"') && text.len() >= 2)
        }
        ValueKind::Array(items) => {
            assert!(text.starts_with('[') && text.ends_with(']'));
            for i in items {
                assert!(v.span.start < i.span.start && i.span.end < v.span.end);
                check_node(src, i, options);
            }
        }
        ValueKind::Object(members) => {
            assert!(text.starts_with('{') && text.ends_with('}'));
            for m in members {
                check_span(src, m.key_span, "key");
                let key_text = m.key_span.text(src);
                let key = parse_with(key_text, options).value.unwrap();
                assert_eq!(key.as_str(), Some(m.key.as_str()));
                assert!(v.span.start < m.key_span.start && m.key_span.end <= m.value.span.start);
                assert!(m.value.span.end < v.span.end);
                check_node(src, &m.value, options);
            }
        }
        _ => {}
    }
}

pub fn permissive() -> ParseOptions {
    ParseOptions {
        allow_comments: true,
        allow_trailing_commas: true,
        ..ParseOptions::default()
    }
}

/// Arbitrary JSON values (small).
pub fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(serde_json::Value::from),
        any::<String>().prop_map(serde_json::Value::String),
        "[a-z\"\\\\/\\x00-\\x1f\u{e9}\u{1F600}\u{FFFF}\u{2028} ]{0,12}"
            .prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::vec(("[a-zA-Z\"\\\\\u{e9}]{0,6}", inner), 0..6)
                .prop_map(|kv| serde_json::Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Prints JSON with random whitespace between tokens, random escaping of
/// string characters and random (equivalent) spellings of numbers.
pub struct Printer {
    rng: u64,
    pub out: String,
}

impl Printer {
    pub fn new(seed: u64) -> Printer {
        Printer {
            rng: seed | 1,
            out: String::new(),
        }
    }

    pub fn next(&mut self) -> u64 {
        // xorshift64*
        self.rng ^= self.rng >> 12;
        self.rng ^= self.rng << 25;
        self.rng ^= self.rng >> 27;
        self.rng.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn ws(&mut self) {
        if self.next() % 3 >= 1 {
            return;
        }
        for _ in 0..self.next() % 4 {
            let w = [" ", "\t", "\n", "\r", "\r\n", "  "][(self.next() % 6) as usize];
            self.out.push_str(w);
        }
    }

    pub fn print(mut self, v: &serde_json::Value) -> String {
        self.ws();
        self.value(v);
        self.ws();
        self.out
    }

    fn value(&mut self, v: &serde_json::Value) {
        match v {
            serde_json::Value::Null => self.out.push_str("null"),
            serde_json::Value::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            serde_json::Value::Number(n) => {
                let text = n.to_string();
                self.out.push_str(&text);
                if !text.contains(['.', 'e', 'E']) {
                    let suffix =
                        ["", "", ".0", "e0", "E+00", ".000e-0", "e1"][(self.next() % 7) as usize];
                    // `e1` changes the value; serde and we must still agree.
                    self.out.push_str(suffix);
                }
            }
            serde_json::Value::String(s) => self.string(s),
            serde_json::Value::Array(items) => {
                self.out.push('[');
                self.ws();
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.ws();
                        self.out.push(',');
                        self.ws();
                    }
                    self.value(item);
                }
                self.ws();
                self.out.push(']');
            }
            serde_json::Value::Object(map) => {
                self.out.push('{');
                self.ws();
                for (i, (k, item)) in map.iter().enumerate() {
                    if i > 0 {
                        self.ws();
                        self.out.push(',');
                        self.ws();
                    }
                    self.string(k);
                    self.ws();
                    self.out.push(':');
                    self.ws();
                    self.value(item);
                }
                self.ws();
                self.out.push('}');
            }
        }
    }

    fn string(&mut self, s: &str) {
        self.out.push('"');
        for c in s.chars() {
            let roll = self.next() % 8;
            if roll == 0 {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    if self.next() & 1 == 0 {
                        self.out.push_str(&format!("\\u{:04x}", u));
                    } else {
                        self.out.push_str(&format!("\\u{:04X}", u));
                    }
                }
                continue;
            }
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '/' if roll == 1 => self.out.push_str("\\/"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\t' => self.out.push_str("\\t"),
                '\u{8}' => self.out.push_str("\\b"),
                '\u{c}' => self.out.push_str("\\f"),
                c if (c as u32) < 0x20 => self.out.push_str(&format!("\\u{:04x}", c as u32)),
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }
}

/// Characters worth inserting into JSON to break it.
pub const MUTATIONS: &[&str] = &[
    "{", "}", "[", "]", "\"", ",", ":", "\\", " ", "\n", "u", "0", "1", "9", "-", "+", ".", "e",
    "E", "a", "f", "t", "n", "l", "'", "/", "*", "\u{0}", "\u{1f}", "\u{e9}", "\\u", "\\uD800",
    "\\uDC00", "//", "/*", "*/", "true", "null", "00", "1e400", "\u{FEFF}", "\u{a0}", "x",
];

/// Applies 1–3 random edits (insert, delete, replace one char) to `text`.
pub fn mutate(text: &str, seed: u64) -> String {
    let mut p = Printer::new(seed);
    let mut chars: Vec<String> = text.chars().map(String::from).collect();
    for _ in 0..1 + p.next() % 3 {
        let at = (p.next() % (chars.len() as u64 + 1)) as usize;
        let piece = MUTATIONS[(p.next() % MUTATIONS.len() as u64) as usize].to_owned();
        match p.next() % 3 {
            0 => chars.insert(at, piece),
            1 if at < chars.len() => {
                chars.remove(at);
            }
            _ if at < chars.len() => chars[at] = piece,
            _ => chars.push(piece),
        }
    }
    chars.concat()
}
