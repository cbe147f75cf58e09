//! Policy variables: `${aws:username}`, `${aws:PrincipalTag/team, 'default'}`, `${*}`, `${?}`, `${$}`.
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html>
//!
//! A value is parsed once into a [`Template`]; each request resolves it. Resolved values are literal
//! text, never wildcards (docs/decisions.md A2).

use crate::codes::Code;
use crate::matching::glob::Pattern;
use crate::request::Context;

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Part {
    /// Text as written; `*` and `?` in it are wildcards where the element allows them.
    Text(String),
    /// `${key}` or `${key, 'default'}`; `key` as written.
    Var {
        key: String,
        default: Option<String>,
    },
    /// `${*}`, `${?}`, `${$}`: the literal character.
    Special(char),
}

#[derive(Clone, Debug, PartialEq, Default)]
pub(crate) struct Template {
    parts: Vec<Part>,
}

/// A malformed variable found while parsing, with its byte range inside the value's text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct VarProblem {
    pub(crate) code: Code,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) message: String,
}

/// A template after substitution for one request.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Resolved {
    /// The value with variables replaced (unresolved ones left as written).
    pub(crate) text: String,
    /// The same, as a wildcard pattern whose substituted parts are literal.
    pub(crate) pattern: Pattern,
    /// Variables that had no value and no default: the value then matches nothing (positive
    /// operators fail, negated ones match).
    pub(crate) missing: Vec<String>,
    /// Whether any variable was substituted.
    pub(crate) substituted: bool,
}

impl Template {
    /// A template of plain text (variables disabled).
    pub(crate) fn literal(text: &str) -> Template {
        Template {
            parts: vec![Part::Text(text.to_string())],
        }
    }

    /// Parse `text`; with `enabled` false (Version 2008-10-17 or none) `${…}` stays literal.
    pub(crate) fn parse(text: &str, enabled: bool) -> (Template, Vec<VarProblem>) {
        let mut problems = Vec::new();
        if !enabled || !text.contains("${") {
            return (Template::literal(text), problems);
        }
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut rest = text;
        let mut offset = 0usize;
        while let Some(start) = rest.find("${") {
            let (before, from_dollar) = rest.split_at(start);
            literal.push_str(before);
            let after_open = from_dollar.get(2..).unwrap_or("");
            let var_start = offset + start;
            let Some(close) = after_open.find('}') else {
                problems.push(VarProblem {
                    code: Code::MISSING_BRACE_IN_VARIABLE,
                    start: var_start,
                    end: text.len(),
                    message: "policy variable is missing its closing `}`".to_string(),
                });
                literal.push_str(from_dollar);
                rest = "";
                break;
            };
            let inner = after_open.get(..close).unwrap_or("");
            if let Some(nested) = inner.find("${") {
                // `${aws:username/${aws:userid}`: the first variable is never closed.
                problems.push(VarProblem {
                    code: Code::MISSING_BRACE_IN_VARIABLE,
                    start: var_start,
                    end: var_start + 2 + nested,
                    message: format!(
                        "policy variable `${{{}` is missing its closing `}}`",
                        inner.get(..nested).unwrap_or("")
                    ),
                });
                literal.push_str("${");
                literal.push_str(inner.get(..nested).unwrap_or(""));
                rest = after_open.get(nested..).unwrap_or("");
                offset = var_start + 2 + nested;
                continue;
            }
            let var_end = var_start + 2 + close + 1;
            match inner {
                "" => {
                    problems.push(VarProblem {
                        code: Code::EMPTY_VARIABLE,
                        start: var_start,
                        end: var_end,
                        message: "empty policy variable `${}`".to_string(),
                    });
                    literal.push_str("${}");
                }
                "*" | "?" | "$" => {
                    flush(&mut parts, &mut literal);
                    let c = inner.chars().next().unwrap_or('*');
                    parts.push(Part::Special(c));
                }
                _ => {
                    let (key, default) = match inner.split_once(',') {
                        None => (inner, None),
                        Some((key, default)) => {
                            let default = default.trim();
                            let quoted = default.len() >= 2
                                && default.starts_with('\'')
                                && default.ends_with('\'');
                            if quoted {
                                (
                                    key,
                                    Some(
                                        default.get(1..default.len() - 1).unwrap_or("").to_string(),
                                    ),
                                )
                            } else {
                                problems.push(VarProblem {
                                    code: Code::MISSING_QUOTE_IN_VARIABLE,
                                    start: var_start,
                                    end: var_end,
                                    message: format!(
                                        "the default value in `${{{inner}}}` must be in single quotes"
                                    ),
                                });
                                (key, Some(default.to_string()))
                            }
                        }
                    };
                    if key.trim() != key || key.contains(' ') {
                        problems.push(VarProblem {
                            code: Code::UNSUPPORTED_SPACE_IN_VARIABLE,
                            start: var_start,
                            end: var_end,
                            message: format!("policy variable name `{key}` contains a space"),
                        });
                    }
                    flush(&mut parts, &mut literal);
                    parts.push(Part::Var {
                        key: key.trim().to_string(),
                        default,
                    });
                }
            }
            rest = after_open.get(close + 1..).unwrap_or("");
            offset = var_end;
        }
        literal.push_str(rest);
        flush(&mut parts, &mut literal);
        (Template { parts }, problems)
    }

    pub(crate) fn has_variables(&self) -> bool {
        self.parts.iter().any(|p| matches!(p, Part::Var { .. }))
    }

    /// Substitute variables from `context`.
    pub(crate) fn resolve(&self, context: &Context) -> Resolved {
        let mut text = String::new();
        let mut pattern = Pattern::new();
        let mut missing = Vec::new();
        let mut substituted = false;
        for part in &self.parts {
            match part {
                Part::Text(t) => {
                    text.push_str(t);
                    pattern.push_wildcards(t);
                }
                Part::Special(c) => {
                    let s = c.to_string();
                    text.push(*c);
                    pattern.push_literal(&s);
                    substituted = true;
                }
                Part::Var { key, default } => {
                    let value = context
                        .single_value(key)
                        .map(str::to_string)
                        .or_else(|| default.clone());
                    match value {
                        Some(v) => {
                            text.push_str(&v);
                            pattern.push_literal(&v);
                            substituted = true;
                        }
                        None => {
                            missing.push(key.clone());
                            let written = format!("${{{key}}}");
                            text.push_str(&written);
                            pattern.push_literal(&written);
                        }
                    }
                }
            }
        }
        Resolved {
            text,
            pattern,
            missing,
            substituted,
        }
    }
}

fn flush(parts: &mut Vec<Part>, literal: &mut String) {
    if !literal.is_empty() {
        parts.push(Part::Text(std::mem::take(literal)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::{Context, ContextValue};

    fn ctx(pairs: &[(&str, &str)]) -> Context {
        let mut c = Context::default();
        for (k, v) in pairs {
            c.insert(k, ContextValue::Single((*v).to_string()), false);
        }
        c
    }

    #[test]
    fn substitutes_and_defaults() {
        let (t, p) = Template::parse("home/${aws:username}/*", true);
        assert!(p.is_empty());
        let r = t.resolve(&ctx(&[("aws:username", "alice")]));
        assert_eq!(r.text, "home/alice/*");
        assert!(r.pattern.matches("home/alice/x"));
        assert!(r.missing.is_empty());

        let (t, _) = Template::parse("${aws:PrincipalTag/team, 'none'}", true);
        assert_eq!(t.resolve(&ctx(&[])).text, "none");
        assert_eq!(
            t.resolve(&ctx(&[("aws:principaltag/TEAM", "red")])).text,
            "red"
        );
    }

    #[test]
    fn specials_are_literal() {
        let (t, _) = Template::parse("a${*}b${?}${$}", true);
        let r = t.resolve(&ctx(&[]));
        assert_eq!(r.text, "a*b?$");
        assert!(r.pattern.matches("a*b?$"));
        assert!(!r.pattern.matches("axb?$"));
    }

    #[test]
    fn resolved_values_are_literal() {
        let (t, _) = Template::parse("${aws:username}", true);
        let r = t.resolve(&ctx(&[("aws:username", "*")]));
        assert!(r.pattern.matches("*"));
        assert!(!r.pattern.matches("bob"));
    }

    #[test]
    fn disabled_or_missing() {
        let (t, _) = Template::parse("${aws:username}", false);
        assert!(!t.has_variables());
        let (t, _) = Template::parse("x/${aws:username}", true);
        let r = t.resolve(&ctx(&[]));
        assert_eq!(r.missing, vec!["aws:username".to_string()]);
    }

    #[test]
    fn problems() {
        assert_eq!(
            Template::parse("${aws:username", true).1[0].code,
            Code::MISSING_BRACE_IN_VARIABLE
        );
        assert_eq!(
            Template::parse("a${}b", true).1[0].code,
            Code::EMPTY_VARIABLE
        );
        assert_eq!(
            Template::parse("${aws:x, none}", true).1[0].code,
            Code::MISSING_QUOTE_IN_VARIABLE
        );
        assert_eq!(
            Template::parse("${aws: x}", true).1[0].code,
            Code::UNSUPPORTED_SPACE_IN_VARIABLE
        );
        let (t, p) = Template::parse("b/${aws:username/${aws:userid}", true);
        assert_eq!(p[0].code, Code::MISSING_BRACE_IN_VARIABLE);
        assert!(t.has_variables(), "the second variable is still read");
        assert!(Template::parse("${aws:PrincipalTag/team, 'x' }", true)
            .1
            .is_empty());
    }
}
