//! The parsed tree.

use crate::Span;

/// A JSON value with the span of its source text.
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    /// What the value is.
    pub kind: ValueKind,
    /// Its source text: quotes included for strings, brackets included for
    /// arrays and objects, the literal text for numbers and keywords.
    pub span: Span,
}

/// The kinds of JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum ValueKind {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, as the raw text written, e.g. `"-1.5e3"` (never re-formatted,
    /// so nothing is lost to floating point).
    Number(String),
    /// A string, with escapes decoded.
    String(String),
    /// An array's elements in order.
    Array(Vec<Value>),
    /// An object's members in source order. Duplicate keys are kept so that
    /// callers can report them.
    Object(Vec<Member>),
}

/// One `"key": value` member of an object.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The decoded key.
    pub key: String,
    /// The key's source text, quotes included.
    pub key_span: Span,
    /// The member's value.
    pub value: Value,
}

impl Value {
    /// `"null"`, `"boolean"`, `"number"`, `"string"`, `"array"` or `"object"`.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            ValueKind::Null => "null",
            ValueKind::Bool(_) => "boolean",
            ValueKind::Number(_) => "number",
            ValueKind::String(_) => "string",
            ValueKind::Array(_) => "array",
            ValueKind::Object(_) => "object",
        }
    }

    /// The decoded string, for strings only.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            ValueKind::String(s) => Some(s),
            _ => None,
        }
    }

    /// The elements, for arrays only.
    pub fn as_array(&self) -> Option<&[Value]> {
        match &self.kind {
            ValueKind::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The members in source order, for objects only.
    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.kind {
            ValueKind::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The value of the first member whose key is exactly `key` (objects
    /// only; case-sensitive).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?
            .iter()
            .find(|m| m.key == key)
            .map(|m| &m.value)
    }

    /// The value's text as IAM reads a scalar: strings as-is, numbers as their
    /// raw text, booleans `"true"`/`"false"`; `None` for null, arrays and
    /// objects.
    pub fn scalar_text(&self) -> Option<String> {
        match &self.kind {
            ValueKind::String(s) => Some(s.clone()),
            ValueKind::Number(raw) => Some(raw.clone()),
            ValueKind::Bool(b) => Some(if *b { "true" } else { "false" }.to_owned()),
            ValueKind::Null | ValueKind::Array(_) | ValueKind::Object(_) => None,
        }
    }

    /// Make every span of the tree relative to the value's own text: a value
    /// parsed as part of a larger text (a policy document inside a scenario
    /// file) then has the spans that parsing its text alone would give, and
    /// needs no second parse. Iterative, so depth costs no call stack.
    pub fn rebase(&mut self) {
        let origin = self.span.start;
        let back = |span: &mut Span| {
            span.start = span.start.saturating_sub(origin);
            span.end = span.end.saturating_sub(origin);
        };
        let mut stack: Vec<&mut Value> = vec![self];
        while let Some(value) = stack.pop() {
            back(&mut value.span);
            match &mut value.kind {
                ValueKind::Array(items) => stack.extend(items.iter_mut()),
                ValueKind::Object(members) => {
                    for member in members.iter_mut() {
                        back(&mut member.key_span);
                        stack.push(&mut member.value);
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::parse;

    fn doc(text: &str) -> crate::Value {
        let p = parse(text);
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        p.value.unwrap()
    }

    #[test]
    fn type_names() {
        let v = doc(r#"[null, true, 1, "s", [], {}]"#);
        let names: Vec<_> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.type_name())
            .collect();
        assert_eq!(
            names,
            ["null", "boolean", "number", "string", "array", "object"]
        );
        assert_eq!(v.type_name(), "array");
    }

    #[test]
    fn rebase_gives_the_spans_of_a_parse_of_the_value_alone() {
        let outer =
            r#"{"doc": {"Statement": [{"Effect": "Allow", "Action": ["s3:*", 1]}], "Id": null}}"#;
        let mut inner = doc(outer).get("doc").unwrap().clone();
        let text = inner.span.text(outer).to_owned();
        inner.rebase();
        assert_eq!(inner, doc(&text));
    }

    #[test]
    fn accessors() {
        let v = doc(r#"{"a": "x", "b": [1], "c": {"d": null}}"#);
        assert_eq!(v.get("a").unwrap().as_str(), Some("x"));
        assert_eq!(v.get("b").unwrap().as_array().unwrap().len(), 1);
        assert_eq!(v.get("c").unwrap().as_object().unwrap().len(), 1);
        assert!(v.get("c").unwrap().get("d").is_some());
        assert!(v.get("A").is_none()); // case-sensitive
        assert!(v.get("zz").is_none());
        assert!(v.get("b").unwrap().get("a").is_none()); // not an object
        assert!(v.get("a").unwrap().as_array().is_none());
        assert!(v.get("a").unwrap().as_object().is_none());
        assert!(v.get("b").unwrap().as_str().is_none());
    }

    #[test]
    fn get_returns_first_duplicate() {
        let v = doc(r#"{"k": 1, "k": 2}"#);
        assert_eq!(v.get("k").unwrap().scalar_text().as_deref(), Some("1"));
        let members = v.as_object().unwrap();
        assert_eq!(members.len(), 2);
        assert_eq!(members[1].value.scalar_text().as_deref(), Some("2"));
    }

    #[test]
    fn scalar_text() {
        let v = doc(r#"["s\n", -1.5e3, 0, true, false, null, [], {}]"#);
        let texts: Vec<_> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.scalar_text())
            .collect();
        assert_eq!(
            texts,
            [
                Some("s\n".to_owned()),
                Some("-1.5e3".to_owned()),
                Some("0".to_owned()),
                Some("true".to_owned()),
                Some("false".to_owned()),
                None,
                None,
                None
            ]
        );
    }
}
