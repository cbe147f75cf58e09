//! Writing JSON: what the core writes (scenario files) and what the playground saves, in
//! serde_json's formats (`to_string` and `to_string_pretty`, byte for byte), without serde_json.
//! The playground's first load is budgeted (BENCHMARKS.md) and serde_json's serializer, with the
//! derives it needs, is several kilobytes of its wasm; this is a few hundred bytes.

/// A JSON value to write. Objects keep their members' order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    /// A non-negative integer (all the core and the playground write).
    Number(u64),
    String(&'a str),
    Array(Vec<Json<'a>>),
    Object(Vec<(&'a str, Json<'a>)>),
}

impl Json<'_> {
    /// On one line, as `serde_json::to_string`.
    pub fn to_compact(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, None);
        out
    }

    /// Indented by two spaces, as `serde_json::to_string_pretty`.
    pub fn to_pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, Some(0));
        out
    }

    /// `indent`: `None` for compact, else the current depth.
    fn write(&self, out: &mut String, indent: Option<usize>) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(&n.to_string()),
            Json::String(s) => quote_into(out, s),
            Json::Array(items) => {
                let last = items.len();
                write_container(out, indent, '[', ']', last, |out, i, inner| {
                    if let Some(item) = items.get(i) {
                        item.write(out, inner);
                    }
                });
            }
            Json::Object(members) => {
                let last = members.len();
                write_container(out, indent, '{', '}', last, |out, i, inner| {
                    if let Some((key, value)) = members.get(i) {
                        quote_into(out, key);
                        out.push_str(if inner.is_some() { ": " } else { ":" });
                        value.write(out, inner);
                    }
                });
            }
        }
    }
}

fn write_container(
    out: &mut String,
    indent: Option<usize>,
    open: char,
    close: char,
    len: usize,
    mut item: impl FnMut(&mut String, usize, Option<usize>),
) {
    out.push(open);
    if len == 0 {
        out.push(close);
        return;
    }
    let inner = indent.map(|d| d + 1);
    for i in 0..len {
        if i > 0 {
            out.push(',');
        }
        if let Some(depth) = inner {
            out.push('\n');
            push_indent(out, depth);
        }
        item(out, i, inner);
    }
    if let Some(depth) = indent {
        out.push('\n');
        push_indent(out, depth);
    }
    out.push(close);
}

fn push_indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// `text` as a JSON string literal, escaped as serde_json does: `"` and `\`, the control
/// characters (`\b \f \n \r \t` by name, the others as `\u00xx`); everything else as is.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    quote_into(&mut out, text);
    out
}

fn quote_into(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let b = c as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX.get(b >> 4).copied().unwrap_or(b'0')));
                out.push(char::from(HEX.get(b & 0xf).copied().unwrap_or(b'0')));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The same value as serde_json's.
    fn oracle(j: &Json<'_>) -> serde_json::Value {
        match j {
            Json::Null => serde_json::Value::Null,
            Json::Bool(b) => serde_json::Value::Bool(*b),
            Json::Number(n) => serde_json::Value::from(*n),
            Json::String(s) => serde_json::Value::String((*s).to_string()),
            Json::Array(items) => serde_json::Value::Array(items.iter().map(oracle).collect()),
            Json::Object(members) => {
                let mut map = serde_json::Map::new();
                for (k, v) in members {
                    map.insert((*k).to_string(), oracle(v));
                }
                serde_json::Value::Object(map)
            }
        }
    }

    fn check(j: &Json<'_>) {
        let o = oracle(j);
        assert_eq!(j.to_compact(), serde_json::to_string(&o).unwrap());
        assert_eq!(j.to_pretty(), serde_json::to_string_pretty(&o).unwrap());
    }

    #[test]
    fn writes_what_serde_json_writes() {
        check(&Json::Object(vec![]));
        check(&Json::Array(vec![]));
        check(&Json::Object(vec![
            (
                "a",
                Json::String("x\"y\\z\n\t\r\u{8}\u{c}\u{1}\u{1f}\u{7f} é 🌍 </script>"),
            ),
            (
                "b",
                Json::Array(vec![Json::Number(0), Json::Number(u64::MAX), Json::Null]),
            ),
            (
                "c",
                Json::Object(vec![("d", Json::Bool(true)), ("e", Json::Object(vec![]))]),
            ),
            (
                "f",
                Json::Array(vec![
                    Json::Array(vec![]),
                    Json::Array(vec![Json::Bool(false)]),
                ]),
            ),
        ]));
    }

    proptest! {
        #[test]
        fn strings_are_quoted_as_serde_json_quotes_them(s in any::<String>()) {
            prop_assert_eq!(quote(&s), serde_json::to_string(&s).unwrap());
            check(&Json::Array(vec![Json::String(&s), Json::Object(vec![(&s, Json::String(&s))])]));
        }
    }
}
