//! A strict JSON parser that keeps the byte span of every node.
//!
//! This crate knows nothing about IAM. It turns text into a [`Value`] tree in
//! which every value, and every object key, carries the [`Span`] of the source
//! text it came from, and it reports problems as [`JsonError`]s that also
//! carry spans.
//!
//! # Why spans
//!
//! The playground shows diagnostics in an editor: "this `Action` is not a
//! string", "duplicate key `Effect`", "unknown condition operator". Pointing at
//! the exact characters needs the position of every node, not just of syntax
//! errors, so the tree keeps them all. Spans are byte offsets (`u32`, end
//! exclusive) into the parsed text; [`LineIndex`] turns an offset into a line
//! and column, counted both in characters and in UTF-16 code units (what
//! browsers and CodeMirror use). For the same reason the tree keeps what a
//! generic JSON value would lose: objects keep their members in source order
//! and keep duplicate keys (so callers can report them), and numbers keep
//! their raw text (so `1.0` and `1` stay distinct and nothing is rounded).
//!
//! # Why [`Parse`] and not `Result`
//!
//! A parse can succeed and still have something to say: a byte order mark
//! that was skipped, or comments and trailing commas that the
//! [`ParseOptions`] tolerated. [`parse`] therefore returns a [`Parse`]: the
//! value (if any), the errors and the warnings, all with spans, ready to be
//! shown side by side. On a syntax error the parser stops at the first one
//! (later "errors" after a syntax error are mostly noise) and `value` is
//! `None`, so there is at most one error.
//!
//! # Strict by default
//!
//! [`parse`] accepts exactly RFC 8259 JSON and nothing more: no comments, no
//! trailing commas, no single quotes, no `NaN`. A policy that parses here is
//! plain JSON that any other tool (and AWS) will read the same way, and the
//! playground never teaches a syntax that would be refused elsewhere. Error messages say what was expected and what was found, and name
//! the usual slips (`True` for `true`, unquoted words, typographic quotes,
//! unclosed brackets with where they were opened). [`parse_with`] can opt in
//! to comments and trailing commas, each reported as a warning.
//!
//! # Robustness
//!
//! The parser never panics on any `&str`, runs in linear time, and does not
//! recurse: nesting is handled with an explicit stack and limited by
//! [`ParseOptions::max_depth`] (128 by default), so a million `[` give a
//! prompt error instead of a stack overflow. It needs no IO, clock or
//! threads, and builds for `wasm32-unknown-unknown`.
//!
//! ```
//! let text = r#"{"Effect": "Allow", "Action": ["s3:GetObject"]}"#;
//! let parsed = iam_json::parse(text);
//! let doc = parsed.value.unwrap();
//! let action = doc.get("Action").unwrap();
//! assert_eq!(action.span.text(text), r#"["s3:GetObject"]"#);
//!
//! let broken = iam_json::parse(r#"{"Effect": Allow}"#);
//! assert!(broken.value.is_none());
//! assert_eq!(broken.errors[0].span.text(r#"{"Effect": Allow}"#), "Allow");
//! ```

mod line_index;
mod parser;
mod span;
mod utf8;
mod value;

pub use line_index::{LineCol, LineIndex};
pub use parser::{parse, parse_with, JsonError, Parse, ParseOptions};
pub use span::Span;
pub use utf8::{decode_utf8, Utf8Error};
pub use value::{Member, Value, ValueKind};
