//! The parser: iterative, with an explicit stack, so nesting depth costs heap
//! rather than call stack.

use std::fmt;

use crate::{LineIndex, Member, Span, Value, ValueKind};

/// A syntax error (or, in [`Parse::warnings`], a tolerated deviation from
/// strict JSON) at a span of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// Where: usually the offending character, or an empty span at the end of
    /// the text for an unexpected end of input.
    pub span: Span,
    /// What, in lowercase prose, with characters in backticks.
    pub message: String,
}

impl JsonError {
    fn new(span: Span, message: impl Into<String>) -> JsonError {
        JsonError {
            span,
            message: message.into(),
        }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for JsonError {}

/// What the parser accepts beyond strict JSON. The default is strict.
#[derive(Clone, Debug)]
pub struct ParseOptions {
    /// Accept `// line` and `/* block */` comments (each gives a warning).
    pub allow_comments: bool,
    /// Accept one trailing comma before `]` or `}` (each gives a warning).
    pub allow_trailing_commas: bool,
    /// The deepest nesting of arrays and objects accepted: with 128, 128
    /// nested `[` parse and the 129th is an error. This also bounds the
    /// recursion depth of anything that later walks the tree (including the
    /// derived `Drop`, `Clone` and `PartialEq`), so keep it modest.
    pub max_depth: u32,
}

impl Default for ParseOptions {
    fn default() -> ParseOptions {
        ParseOptions {
            allow_comments: false,
            allow_trailing_commas: false,
            max_depth: 128,
        }
    }
}

/// The outcome of a parse.
///
/// On success `value` is `Some` and `errors` is empty. On a syntax error
/// `value` is `None` and `errors` holds exactly one error (the first).
/// `warnings` holds what was tolerated before that point (a byte order mark,
/// comments or trailing commas allowed by the options).
#[derive(Clone, Debug)]
pub struct Parse {
    /// The document, if it parsed.
    pub value: Option<Value>,
    /// Zero or one syntax error.
    pub errors: Vec<JsonError>,
    /// Tolerated deviations from strict JSON.
    pub warnings: Vec<JsonError>,
}

/// Parses strict JSON (RFC 8259).
pub fn parse(text: &str) -> Parse {
    parse_with(text, &ParseOptions::default())
}

/// Parses JSON with the given options.
pub fn parse_with(text: &str, options: &ParseOptions) -> Parse {
    let mut parser = Parser {
        src: text,
        bytes: text.as_bytes(),
        pos: 0,
        options,
        warnings: Vec::new(),
    };
    match parser.document() {
        Ok(value) => Parse {
            value: Some(value),
            errors: Vec::new(),
            warnings: parser.warnings,
        },
        Err(error) => Parse {
            value: None,
            errors: vec![error],
            warnings: parser.warnings,
        },
    }
}

type PResult<T> = Result<T, JsonError>;

/// An array or object whose closing bracket has not been reached yet.
enum Frame {
    Array {
        open: usize,
        items: Vec<Value>,
    },
    Object {
        open: usize,
        members: Vec<Member>,
        /// The key of the member whose value is being parsed.
        key: String,
        key_span: Span,
    },
}

/// Longest bare word quoted back in a message.
const MAX_SHOWN_WORD: usize = 40;

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    options: &'a ParseOptions,
    warnings: Vec<JsonError>,
}

impl Parser<'_> {
    fn document(&mut self) -> PResult<Value> {
        if self.src.starts_with('\u{FEFF}') {
            let len = '\u{FEFF}'.len_utf8();
            self.warnings.push(JsonError::new(
                Span::new(0, len),
                "byte order mark (U+FEFF) at the start of the text is ignored",
            ));
            self.pos = len;
        }
        self.skip_ws()?;
        let value = self.value()?;
        self.skip_ws()?;
        if self.pos < self.bytes.len() {
            let trimmed = self
                .src
                .trim_end_matches([' ', '\t', '\n', '\r'])
                .len()
                .max(self.pos + 1);
            return Err(JsonError::new(
                Span::new(self.pos, trimmed),
                "unexpected characters after the JSON value",
            ));
        }
        Ok(value)
    }

    /// Parses one value starting at `self.pos` (whitespace already skipped),
    /// leaving `self.pos` just after it.
    fn value(&mut self) -> PResult<Value> {
        let mut stack: Vec<Frame> = Vec::new();
        'value: loop {
            // Expecting a value.
            let mut done = match self.peek() {
                Some(b'[') => {
                    self.check_depth(stack.len())?;
                    let open = self.pos;
                    self.pos += 1;
                    self.skip_ws()?;
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                        Value {
                            kind: ValueKind::Array(Vec::new()),
                            span: Span::new(open, self.pos),
                        }
                    } else {
                        stack.push(Frame::Array {
                            open,
                            items: Vec::new(),
                        });
                        continue 'value;
                    }
                }
                Some(b'{') => {
                    self.check_depth(stack.len())?;
                    let open = self.pos;
                    self.pos += 1;
                    self.skip_ws()?;
                    if self.peek() == Some(b'}') {
                        self.pos += 1;
                        Value {
                            kind: ValueKind::Object(Vec::new()),
                            span: Span::new(open, self.pos),
                        }
                    } else {
                        let (key, key_span) = self.key(open, true)?;
                        stack.push(Frame::Object {
                            open,
                            members: Vec::new(),
                            key,
                            key_span,
                        });
                        continue 'value;
                    }
                }
                _ => self.scalar(stack.last())?,
            };
            // A value is complete: hand it to the enclosing container, closing
            // containers for as long as their closing bracket follows.
            loop {
                let Some(mut frame) = stack.pop() else {
                    return Ok(done);
                };
                match &mut frame {
                    Frame::Array { open, items } => {
                        let open = *open;
                        items.push(done);
                        self.skip_ws()?;
                        match self.peek() {
                            Some(b',') => {
                                let comma = self.pos;
                                self.pos += 1;
                                self.skip_ws()?;
                                if self.peek() != Some(b']') {
                                    stack.push(frame);
                                    continue 'value;
                                }
                                self.trailing_comma(comma, ']')?;
                            }
                            Some(b']') => {}
                            None => {
                                return Err(self.eof(format!(
                                    "expected `]` to close the array opened at {}",
                                    self.location(open)
                                )))
                            }
                            Some(_) => {
                                let (found, span) = self.found();
                                return Err(JsonError::new(
                                    span,
                                    format!(
                                        "expected `,` or `]` after an array element, found {found}"
                                    ),
                                ));
                            }
                        }
                        self.pos += 1; // the `]`
                        done = Value {
                            kind: ValueKind::Array(std::mem::take(items)),
                            span: Span::new(open, self.pos),
                        };
                    }
                    Frame::Object {
                        open,
                        members,
                        key,
                        key_span,
                    } => {
                        let open = *open;
                        members.push(Member {
                            key: std::mem::take(key),
                            key_span: *key_span,
                            value: done,
                        });
                        self.skip_ws()?;
                        match self.peek() {
                            Some(b',') => {
                                let comma = self.pos;
                                self.pos += 1;
                                self.skip_ws()?;
                                if self.peek() != Some(b'}') {
                                    let (next_key, next_span) = self.key(open, false)?;
                                    *key = next_key;
                                    *key_span = next_span;
                                    stack.push(frame);
                                    continue 'value;
                                }
                                self.trailing_comma(comma, '}')?;
                            }
                            Some(b'}') => {}
                            None => {
                                return Err(self.eof(format!(
                                    "expected `}}` to close the object opened at {}",
                                    self.location(open)
                                )))
                            }
                            Some(_) => {
                                let (found, span) = self.found();
                                return Err(JsonError::new(
                                    span,
                                    format!(
                                        "expected `,` or `}}` after an object member, found {found}"
                                    ),
                                ));
                            }
                        }
                        self.pos += 1; // the `}`
                        done = Value {
                            kind: ValueKind::Object(std::mem::take(members)),
                            span: Span::new(open, self.pos),
                        };
                    }
                }
            }
        }
    }

    fn check_depth(&self, depth: usize) -> PResult<()> {
        let max = self.options.max_depth;
        if depth >= max as usize {
            return Err(JsonError::new(
                Span::new(self.pos, self.pos + 1),
                format!("nesting deeper than {max} levels"),
            ));
        }
        Ok(())
    }

    /// Parses `"key" :` and the whitespace after it. `open` is where the
    /// object started; `after_brace` tells whether `}` would be valid here.
    fn key(&mut self, open: usize, after_brace: bool) -> PResult<(String, Span)> {
        match self.peek() {
            Some(b'"') => {}
            None if after_brace => {
                return Err(self.eof(format!(
                    "expected `}}` to close the object opened at {}",
                    self.location(open)
                )))
            }
            None => {
                return Err(self.eof(format!(
                    "expected a string key; the object opened at {} is not closed",
                    self.location(open)
                )))
            }
            Some(_) => {
                let (found, span) = self.found();
                return Err(JsonError::new(
                    span,
                    format!("expected a string key in double quotes, found {found}"),
                ));
            }
        }
        let (key, key_span) = self.string()?;
        self.skip_ws()?;
        match self.peek() {
            Some(b':') => {
                self.pos += 1;
                self.skip_ws()?;
                Ok((key, key_span))
            }
            None => Err(self.eof(format!(
                "expected `:` after the object key; the object opened at {} is not closed",
                self.location(open)
            ))),
            Some(_) => {
                let (found, span) = self.found();
                Err(JsonError::new(
                    span,
                    format!("expected `:` after the object key, found {found}"),
                ))
            }
        }
    }

    /// Parses a value that is not an array or object. `parent` is the open
    /// container, for the end-of-input message.
    fn scalar(&mut self, parent: Option<&Frame>) -> PResult<Value> {
        let start = self.pos;
        match self.peek() {
            None => {
                let message = match parent {
                    None => "expected a value".to_owned(),
                    Some(Frame::Array { open, .. }) => format!(
                        "expected a value; the array opened at {} is not closed",
                        self.location(*open)
                    ),
                    Some(Frame::Object { open, .. }) => format!(
                        "expected a value; the object opened at {} is not closed",
                        self.location(*open)
                    ),
                };
                Err(self.eof(message))
            }
            Some(b'"') => {
                let (s, span) = self.string()?;
                Ok(Value {
                    kind: ValueKind::String(s),
                    span,
                })
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b) if b.is_ascii_alphabetic() => self.word(),
            Some(b'+') => Err(JsonError::new(
                Span::new(start, start + 1),
                "a leading `+` is not allowed in numbers",
            )),
            Some(b'.') if self.byte(start + 1).is_some_and(|b| b.is_ascii_digit()) => {
                Err(JsonError::new(
                    Span::new(start, start + 1),
                    "expected a digit before the decimal point",
                ))
            }
            Some(b'\'') => Err(JsonError::new(
                Span::new(start, start + 1),
                "expected a value, found `'`: strings must be in double quotes",
            )),
            Some(_) => {
                let (found, span) = self.found();
                Err(JsonError::new(
                    span,
                    format!("expected a value, found {found}"),
                ))
            }
        }
    }

    /// `true`, `false`, `null`, or an error naming the bare word.
    fn word(&mut self) -> PResult<Value> {
        let start = self.pos;
        let end = self.word_end(start);
        let word = self.slice(start, end);
        let kind = match word {
            "true" => ValueKind::Bool(true),
            "false" => ValueKind::Bool(false),
            "null" => ValueKind::Null,
            _ => return Err(JsonError::new(Span::new(start, end), word_message(word))),
        };
        self.pos = end;
        Ok(Value {
            kind,
            span: Span::new(start, end),
        })
    }

    /// A number per RFC 8259: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> PResult<Value> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if self.peek().is_some_and(|b| b.is_ascii_digit()) {
                    let end = self.digits_end(self.pos);
                    return Err(JsonError::new(
                        Span::new(start, end),
                        "leading zeros are not allowed in numbers",
                    ));
                }
            }
            Some(b'1'..=b'9') => self.pos = self.digits_end(self.pos),
            Some(b) if b.is_ascii_alphabetic() => {
                let end = self.word_end(self.pos);
                let word = self.slice(self.pos, end);
                if is_infinity(word) {
                    return Err(JsonError::new(
                        Span::new(start, end),
                        format!(
                            "`-{}` is not a valid JSON value: JSON numbers must be finite",
                            shown_word(word)
                        ),
                    ));
                }
                return Err(self.missing("expected a digit after `-`"));
            }
            _ => return Err(self.missing("expected a digit after `-`")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                return Err(self.missing("expected a digit after the decimal point"));
            }
            self.pos = self.digits_end(self.pos);
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                return Err(self.missing("expected a digit in the exponent"));
            }
            self.pos = self.digits_end(self.pos);
        }
        Ok(Value {
            kind: ValueKind::Number(self.slice(start, self.pos).to_owned()),
            span: Span::new(start, self.pos),
        })
    }

    /// An error at the character at `self.pos` (or at the end of the text).
    fn missing(&self, message: &str) -> JsonError {
        let end = self
            .char_at(self.pos)
            .map_or(self.pos, |c| self.pos + c.len_utf8());
        JsonError::new(Span::new(self.pos, end), message)
    }

    /// Parses a string starting at the `"` at `self.pos`; returns it decoded
    /// with its span (quotes included).
    fn string(&mut self) -> PResult<(String, Span)> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        let mut chunk = self.pos;
        loop {
            let Some(&b) = self.bytes.get(self.pos) else {
                return Err(unterminated(open));
            };
            match b {
                b'"' => {
                    out.push_str(self.slice(chunk, self.pos));
                    self.pos += 1;
                    return Ok((out, Span::new(open, self.pos)));
                }
                b'\\' => {
                    out.push_str(self.slice(chunk, self.pos));
                    self.escape(open, &mut out)?;
                    chunk = self.pos;
                }
                b'\n' | b'\r' => {
                    // Almost always a missing closing quote: point at the string that was opened.
                    return Err(JsonError::new(
                        Span::new(open, self.pos),
                        "unterminated string: missing `\"` before the end of the line (a line break inside a string is written `\\n`)".to_string(),
                    ));
                }
                0x00..=0x1F => {
                    let fix = match b {
                        0x08 => "\\b".to_owned(),
                        0x09 => "\\t".to_owned(),
                        0x0A => "\\n".to_owned(),
                        0x0C => "\\f".to_owned(),
                        0x0D => "\\r".to_owned(),
                        _ => format!("\\u{b:04X}"),
                    };
                    return Err(JsonError::new(
                        Span::new(self.pos, self.pos + 1),
                        format!("control character U+{b:04X} in string: write it as `{fix}`"),
                    ));
                }
                // Only ASCII bytes stop the scan, so `chunk..pos` always lies
                // on char boundaries.
                _ => self.pos += 1,
            }
        }
    }

    /// Decodes the escape at `self.pos` (a `\`) into `out`.
    fn escape(&mut self, open: usize, out: &mut String) -> PResult<()> {
        let start = self.pos;
        let Some(c) = self.char_at(start + 1) else {
            return Err(unterminated(open));
        };
        let decoded = match c {
            '"' => '"',
            '\\' => '\\',
            '/' => '/',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'u' => return self.unicode_escape(out),
            _ => {
                let span = Span::new(start, start + 1 + c.len_utf8());
                let message = if c.is_control() || c.is_whitespace() || c == '`' {
                    format!(
                        "invalid escape in string: `\\` followed by {}",
                        describe_char(c)
                    )
                } else {
                    format!("invalid escape `\\{c}` in string")
                };
                return Err(JsonError::new(span, message));
            }
        };
        out.push(decoded);
        self.pos = start + 2;
        Ok(())
    }

    /// Decodes `\uXXXX` (or a `\uXXXX\uXXXX` surrogate pair) at `self.pos`.
    fn unicode_escape(&mut self, out: &mut String) -> PResult<()> {
        let start = self.pos;
        let high = self
            .hex4(start + 2)
            .ok_or_else(|| self.bad_unicode(start))?;
        let mut end = start + 6;
        let decoded = if (0xD800..0xDC00).contains(&high) {
            if self.byte(end) == Some(b'\\') && self.byte(end + 1) == Some(b'u') {
                let low = self.hex4(end + 2).ok_or_else(|| self.bad_unicode(end))?;
                if (0xDC00..0xE000).contains(&low) {
                    end += 6;
                    char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
                } else {
                    None
                }
            } else {
                None
            }
        } else {
            // `None` for a lone low surrogate.
            char::from_u32(high)
        };
        let Some(decoded) = decoded else {
            return Err(JsonError::new(
                Span::new(start, start + 6),
                format!(
                    "unpaired surrogate `{}` in string",
                    self.slice(start, start + 6)
                ),
            ));
        };
        out.push(decoded);
        self.pos = end;
        Ok(())
    }

    /// The value of four hex digits at `at`.
    fn hex4(&self, at: usize) -> Option<u32> {
        self.bytes
            .get(at..at.checked_add(4)?)?
            .iter()
            .try_fold(0u32, |acc, &b| {
                let digit = char::from(b).to_digit(16)?;
                Some(acc * 16 + digit)
            })
    }

    /// The error for a malformed `\u` escape at `start`.
    fn bad_unicode(&self, start: usize) -> JsonError {
        let mut end = start + 2;
        let rest = self.src.get(end..).unwrap_or("");
        for c in rest.chars().take(4) {
            if c == '"' || c == '\\' || c.is_control() {
                break;
            }
            end += c.len_utf8();
        }
        JsonError::new(
            Span::new(start, end),
            format!(
                "invalid unicode escape `{}`: `\\u` needs 4 hex digits",
                self.slice(start, end)
            ),
        )
    }

    /// Skips whitespace and (when allowed) comments.
    fn skip_ws(&mut self) -> PResult<()> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.pos += 1,
                Some(b'/') => {
                    let start = self.pos;
                    let end = match self.byte(start + 1) {
                        Some(b'/') => {
                            let body = self.bytes.get(start + 2..).unwrap_or(&[]);
                            start
                                + 2
                                + body
                                    .iter()
                                    .position(|&b| b == b'\n' || b == b'\r')
                                    .unwrap_or(body.len())
                        }
                        Some(b'*') => {
                            let body = self.src.get(start + 2..).unwrap_or("");
                            match body.find("*/") {
                                Some(i) => start + 2 + i + 2,
                                None => {
                                    let span = Span::new(start, self.bytes.len());
                                    return Err(if self.options.allow_comments {
                                        JsonError::new(span, "unterminated block comment")
                                    } else {
                                        JsonError::new(
                                            span,
                                            "comments are not allowed in strict JSON",
                                        )
                                    });
                                }
                            }
                        }
                        // A lone `/`: left for the caller to report.
                        _ => return Ok(()),
                    };
                    let span = Span::new(start, end);
                    if !self.options.allow_comments {
                        return Err(JsonError::new(
                            span,
                            "comments are not allowed in strict JSON",
                        ));
                    }
                    self.warnings
                        .push(JsonError::new(span, "comments are not part of strict JSON"));
                    self.pos = end;
                }
                _ => return Ok(()),
            }
        }
    }

    /// Reports (or, when allowed, warns about) the comma at `comma`.
    fn trailing_comma(&mut self, comma: usize, close: char) -> PResult<()> {
        let error = JsonError::new(
            Span::new(comma, comma + 1),
            format!("trailing comma before `{close}`"),
        );
        if self.options.allow_trailing_commas {
            self.warnings.push(error);
            Ok(())
        } else {
            Err(error)
        }
    }

    /// An "unexpected end of input" error.
    fn eof(&self, expected: String) -> JsonError {
        let end = self.bytes.len();
        JsonError::new(
            Span::new(end, end),
            format!("unexpected end of input: {expected}"),
        )
    }

    /// "line L, column C" for a byte offset.
    fn location(&self, offset: usize) -> String {
        let lc = LineIndex::new(self.src).line_col(Span::new(offset, offset).start);
        format!("line {}, column {}", lc.line, lc.column)
    }

    /// What is at `self.pos`, for a "found ..." message, and its span: a
    /// whole bare word, one character, or the end of input.
    fn found(&self) -> (String, Span) {
        let pos = self.pos;
        match self.char_at(pos) {
            None => ("end of input".to_owned(), Span::new(pos, pos)),
            Some(c) if c.is_ascii_alphabetic() => {
                let end = self.word_end(pos);
                (
                    format!("`{}`", shown_word(self.slice(pos, end))),
                    Span::new(pos, end),
                )
            }
            Some(c) => (describe_char(c), Span::new(pos, pos + c.len_utf8())),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.bytes.get(at).copied()
    }

    fn char_at(&self, at: usize) -> Option<char> {
        self.src.get(at..)?.chars().next()
    }

    fn slice(&self, start: usize, end: usize) -> &str {
        self.src.get(start..end).unwrap_or("")
    }

    /// End of the run of ASCII digits starting at `at`.
    fn digits_end(&self, at: usize) -> usize {
        let body = self.bytes.get(at..).unwrap_or(&[]);
        at + body.iter().take_while(|b| b.is_ascii_digit()).count()
    }

    /// End of the run of ASCII letters, digits and `_` starting at `at`.
    fn word_end(&self, at: usize) -> usize {
        let body = self.bytes.get(at..).unwrap_or(&[]);
        at + body
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
            .count()
    }
}

fn unterminated(open: usize) -> JsonError {
    JsonError::new(Span::new(open, open + 1), "unterminated string")
}

fn is_infinity(word: &str) -> bool {
    word.eq_ignore_ascii_case("infinity") || word.eq_ignore_ascii_case("inf")
}

/// The message for a bare word that is not `true`, `false` or `null`.
fn word_message(word: &str) -> String {
    let shown = shown_word(word);
    if word.eq_ignore_ascii_case("nan") || is_infinity(word) {
        return format!("`{shown}` is not a valid JSON value: JSON numbers must be finite");
    }
    let suggestion = ["true", "false", "null"]
        .into_iter()
        .find(|lit| word.eq_ignore_ascii_case(lit))
        .or_else(|| {
            ["none", "nil", "undefined"]
                .iter()
                .any(|w| word.eq_ignore_ascii_case(w))
                .then_some("null")
        });
    match suggestion {
        Some(lit) => format!(
            "unknown literal `{shown}`: JSON literals are `true`, `false` and `null`; did you mean `{lit}`?"
        ),
        None => format!(
            "unknown literal `{shown}`: JSON literals are `true`, `false` and `null`, and strings must be in double quotes"
        ),
    }
}

/// A bare word (ASCII), shortened for quoting in a message.
fn shown_word(word: &str) -> String {
    if word.len() > MAX_SHOWN_WORD {
        format!("{}…", word.get(..MAX_SHOWN_WORD).unwrap_or(""))
    } else {
        word.to_owned()
    }
}

/// A character as quoted in a message.
fn describe_char(c: char) -> String {
    match c {
        '`' => "a backtick".to_owned(),
        '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}' => {
            format!("`{c}` (a typographic quote: JSON needs straight double quotes `\"`)")
        }
        '\u{00A0}' => "U+00A0 (no-break space)".to_owned(),
        '\u{FEFF}' => "U+FEFF (byte order mark)".to_owned(),
        '\u{200B}' => "U+200B (zero width space)".to_owned(),
        c if c.is_control() || c.is_whitespace() => format!("U+{:04X}", u32::from(c)),
        c => format!("`{c}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `text` expecting exactly one error; returns (message, span text).
    fn fail_with(text: &str, options: &ParseOptions) -> (String, String, Span) {
        let p = parse_with(text, options);
        assert!(p.value.is_none(), "{text:?} parsed: {:?}", p.value);
        assert_eq!(p.errors.len(), 1, "{text:?}: {:?}", p.errors);
        let e = &p.errors[0];
        (e.message.clone(), e.span.text(text).to_owned(), e.span)
    }

    fn fail(text: &str) -> (String, String, Span) {
        fail_with(text, &ParseOptions::default())
    }

    #[track_caller]
    fn check(text: &str, message: &str, span_text: &str) {
        let (m, s, _) = fail(text);
        assert_eq!(m, message, "message for {text:?}");
        assert_eq!(s, span_text, "span for {text:?}");
    }

    #[track_caller]
    fn check_eof(text: &str, message: &str) {
        let (m, _, span) = fail(text);
        assert_eq!(m, message, "message for {text:?}");
        assert_eq!(span, Span::new(text.len(), text.len()), "span for {text:?}");
    }

    fn ok(text: &str) -> Value {
        let p = parse(text);
        assert!(p.errors.is_empty(), "{text:?}: {:?}", p.errors);
        p.value.unwrap()
    }

    fn permissive() -> ParseOptions {
        ParseOptions {
            allow_comments: true,
            allow_trailing_commas: true,
            ..ParseOptions::default()
        }
    }

    #[test]
    fn default_options_are_strict() {
        let o = ParseOptions::default();
        assert!(!o.allow_comments);
        assert!(!o.allow_trailing_commas);
        assert_eq!(o.max_depth, 128);
    }

    #[test]
    fn scalars() {
        assert_eq!(ok("null").kind, ValueKind::Null);
        assert_eq!(ok("true").kind, ValueKind::Bool(true));
        assert_eq!(ok(" false ").kind, ValueKind::Bool(false));
        assert_eq!(ok("-1.5e3").kind, ValueKind::Number("-1.5e3".into()));
        assert_eq!(ok("0").kind, ValueKind::Number("0".into()));
        assert_eq!(ok("-0.0E-0").kind, ValueKind::Number("-0.0E-0".into()));
        assert_eq!(ok("1E+2").kind, ValueKind::Number("1E+2".into()));
        assert_eq!(ok(r#""a""#).kind, ValueKind::String("a".into()));
        assert_eq!(ok(" \t\r\n[]\n").span, Span::new(4, 6));
    }

    #[test]
    fn string_escapes() {
        let v = ok(r#""\"\\\/\b\f\n\r\t\u0041\u00e9\uD83D\uDE00\u20AC x""#);
        assert_eq!(v.as_str(), Some("\"\\/\u{8}\u{c}\n\r\t\u{41}é😀€ x"));
        assert_eq!(ok("\"é😀\u{7f}\"").as_str(), Some("é😀\u{7f}"));
        assert_eq!(ok(r#""\u0000""#).as_str(), Some("\0"));
        assert_eq!(ok(r#""\udbff\udfff""#).as_str(), Some("\u{10FFFF}"));
    }

    #[test]
    fn spans_of_nested_values() {
        let text = r#" {"a": [1, {"b": "x"}], "c": null} "#;
        let v = ok(text);
        assert_eq!(v.span.text(text), r#"{"a": [1, {"b": "x"}], "c": null}"#);
        let members = v.as_object().unwrap();
        assert_eq!(members[0].key, "a");
        assert_eq!(members[0].key_span.text(text), r#""a""#);
        let a = &members[0].value;
        assert_eq!(a.span.text(text), r#"[1, {"b": "x"}]"#);
        let items = a.as_array().unwrap();
        assert_eq!(items[0].span.text(text), "1");
        assert_eq!(items[1].span.text(text), r#"{"b": "x"}"#);
        let b = items[1].get("b").unwrap();
        assert_eq!(b.span.text(text), r#""x""#);
        assert_eq!(
            items[1].as_object().unwrap()[0].key_span.text(text),
            r#""b""#
        );
        assert_eq!(members[1].key_span.text(text), r#""c""#);
        assert_eq!(members[1].value.span.text(text), "null");
    }

    #[test]
    fn string_spans_use_raw_text() {
        let text = r#"["\u00e9", "é"]"#;
        let v = ok(text);
        let items = v.as_array().unwrap();
        assert_eq!(items[0].span.text(text), r#""\u00e9""#);
        assert_eq!(items[1].span.text(text), r#""é""#);
        assert_eq!(items[0].as_str(), items[1].as_str());
    }

    #[test]
    fn duplicate_keys_are_kept() {
        let text = r#"{"a": 1, "b": 2, "a": 3}"#;
        let v = ok(text);
        let members = v.as_object().unwrap();
        let keys: Vec<_> = members.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["a", "b", "a"]);
        assert_eq!(members[2].key_span.text(text), r#""a""#);
        assert_eq!(members[2].key_span.start, 17);
        assert_eq!(v.get("a").unwrap().span.text(text), "1");
    }

    #[test]
    fn keys_are_decoded() {
        let v = ok(r#"{"\u0041b\n": 1}"#);
        assert_eq!(v.as_object().unwrap()[0].key, "Ab\n");
    }

    #[test]
    fn object_errors() {
        check(
            r#"{"a": 1]"#,
            "expected `,` or `}` after an object member, found `]`",
            "]",
        );
        check(
            r#"{'a': 1}"#,
            "expected a string key in double quotes, found `'`",
            "'",
        );
        check(
            r#"{"a": 1, Version: 2}"#,
            "expected a string key in double quotes, found `Version`",
            "Version",
        );
        check(
            r#"{"a" 1}"#,
            "expected `:` after the object key, found `1`",
            "1",
        );
        check(
            r#"{"a" = 1}"#,
            "expected `:` after the object key, found `=`",
            "=",
        );
        check(r#"{"a": }"#, "expected a value, found `}`", "}");
        check(
            r#"{"a": 1 "b": 2}"#,
            "expected `,` or `}` after an object member, found `\"`",
            "\"",
        );
        check(
            r#"{,}"#,
            "expected a string key in double quotes, found `,`",
            ",",
        );
        check(
            "{\u{201C}a\u{201D}: 1}",
            "expected a string key in double quotes, found `\u{201C}` (a typographic quote: JSON needs straight double quotes `\"`)",
            "\u{201C}",
        );
    }

    #[test]
    fn array_errors() {
        check(
            r#"[1 "x"]"#,
            "expected `,` or `]` after an array element, found `\"`",
            "\"",
        );
        check(
            "[1}",
            "expected `,` or `]` after an array element, found `}`",
            "}",
        );
        check("[,1]", "expected a value, found `,`", ",");
        check("[1,,2]", "expected a value, found `,`", ",");
        check("]", "expected a value, found `]`", "]");
        check(
            "[\u{a0}]",
            "expected a value, found U+00A0 (no-break space)",
            "\u{a0}",
        );
        check("[`]", "expected a value, found a backtick", "`");
        check("[\u{b}]", "expected a value, found U+000B", "\u{b}");
        check("[é]", "expected a value, found `é`", "é");
        check(
            "['a']",
            "expected a value, found `'`: strings must be in double quotes",
            "'",
        );
    }

    #[test]
    fn end_of_input() {
        check_eof("", "unexpected end of input: expected a value");
        check_eof("  \n ", "unexpected end of input: expected a value");
        check_eof(
            "[",
            "unexpected end of input: expected a value; the array opened at line 1, column 1 is not closed",
        );
        check_eof(
            "[1,",
            "unexpected end of input: expected a value; the array opened at line 1, column 1 is not closed",
        );
        check_eof(
            "[1",
            "unexpected end of input: expected `]` to close the array opened at line 1, column 1",
        );
        check_eof(
            "{\n  \"a\": [1,\n  2",
            "unexpected end of input: expected `]` to close the array opened at line 2, column 8",
        );
        check_eof(
            "{",
            "unexpected end of input: expected `}` to close the object opened at line 1, column 1",
        );
        check_eof(
            "\n\n  {\"a\": 1",
            "unexpected end of input: expected `}` to close the object opened at line 3, column 3",
        );
        check_eof(
            "{\"é\": {\"a\": 1,",
            "unexpected end of input: expected a string key; the object opened at line 1, column 7 is not closed",
        );
        check_eof(
            "{\"a\"",
            "unexpected end of input: expected `:` after the object key; the object opened at line 1, column 1 is not closed",
        );
        check_eof(
            "{\"a\":",
            "unexpected end of input: expected a value; the object opened at line 1, column 1 is not closed",
        );
    }

    #[test]
    fn trailing_commas() {
        check("[1,]", "trailing comma before `]`", ",");
        check(r#"{"a": 1 , }"#, "trailing comma before `}`", ",");
        let (_, _, span) = fail("[1, 2 ,\n]");
        assert_eq!(span, Span::new(6, 7));

        let text = r#"{"a": [1, 2,], }"#;
        let p = parse_with(text, &permissive());
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        let v = p.value.unwrap();
        assert_eq!(v.get("a").unwrap().as_array().unwrap().len(), 2);
        assert_eq!(v.get("a").unwrap().span.text(text), "[1, 2,]");
        assert_eq!(p.warnings.len(), 2);
        assert_eq!(p.warnings[0].message, "trailing comma before `]`");
        assert_eq!(p.warnings[0].span, Span::new(11, 12));
        assert_eq!(p.warnings[1].message, "trailing comma before `}`");
        assert_eq!(p.warnings[1].span, Span::new(13, 14));

        // Only one trailing comma, and never in an empty container.
        let (m, _, _) = fail_with("[1,,]", &permissive());
        assert_eq!(m, "expected a value, found `,`");
        let (m, _, _) = fail_with("[,]", &permissive());
        assert_eq!(m, "expected a value, found `,`");
        let (m, _, _) = fail_with("{,}", &permissive());
        assert_eq!(m, "expected a string key in double quotes, found `,`");
    }

    #[test]
    fn comments() {
        check(
            "// hi\n1",
            "comments are not allowed in strict JSON",
            "// hi",
        );
        check(
            "[1 /* x */]",
            "comments are not allowed in strict JSON",
            "/* x */",
        );
        check(
            "[1 /* x ",
            "comments are not allowed in strict JSON",
            "/* x ",
        );
        check(
            "1 // end",
            "comments are not allowed in strict JSON",
            "// end",
        );
        check(
            "[1 / 2]",
            "expected `,` or `]` after an array element, found `/`",
            "/",
        );

        let text = "// a\r\n{/* b */\"k\" /**/ : // c\n 1 /* d\n */}// e";
        let p = parse_with(text, &permissive());
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        let v = p.value.unwrap();
        assert_eq!(v.get("k").unwrap().scalar_text().as_deref(), Some("1"));
        let comments: Vec<_> = p.warnings.iter().map(|w| w.span.text(text)).collect();
        assert_eq!(
            comments,
            ["// a", "/* b */", "/**/", "// c", "/* d\n */", "// e"]
        );
        assert!(p
            .warnings
            .iter()
            .all(|w| w.message == "comments are not part of strict JSON"));

        let (m, s, _) = fail_with("[1 /* x", &permissive());
        assert_eq!(
            (m.as_str(), s.as_str()),
            ("unterminated block comment", "/* x")
        );
        let (m, _, _) = fail_with("/", &permissive());
        assert_eq!(m, "expected a value, found `/`");
    }

    #[test]
    fn string_errors() {
        check(r#""abc"#, "unterminated string", "\"");
        check(r#"["abc\"]"#, "unterminated string", "\"");
        check(r#""abc\"#, "unterminated string", "\"");
        check(r#""a\qb""#, "invalid escape `\\q` in string", "\\q");
        check(r#""a\éb""#, "invalid escape `\\é` in string", "\\é");
        check(
            "\"a\\\nb\"",
            "invalid escape in string: `\\` followed by U+000A",
            "\\\n",
        );
        check(
            "\"a\nb\"",
            "unterminated string: missing `\"` before the end of the line (a line break inside a string is written `\\n`)",
            "\"a",
        );
        check(
            "\"a\tb\"",
            "control character U+0009 in string: write it as `\\t`",
            "\t",
        );
        check(
            "\"\u{1}\"",
            "control character U+0001 in string: write it as `\\u0001`",
            "\u{1}",
        );
        check(
            "\"\u{1f}\"",
            "control character U+001F in string: write it as `\\u001F`",
            "\u{1f}",
        );
        check(
            r#""\u12G4""#,
            "invalid unicode escape `\\u12G4`: `\\u` needs 4 hex digits",
            "\\u12G4",
        );
        check(
            r#""\u12""#,
            "invalid unicode escape `\\u12`: `\\u` needs 4 hex digits",
            "\\u12",
        );
        check(
            r#""\u"#,
            "invalid unicode escape `\\u`: `\\u` needs 4 hex digits",
            "\\u",
        );
        check(
            r#""\uD800""#,
            "unpaired surrogate `\\uD800` in string",
            "\\uD800",
        );
        check(
            r#""\ud800x""#,
            "unpaired surrogate `\\ud800` in string",
            "\\ud800",
        );
        check(
            r#""\uDE00""#,
            "unpaired surrogate `\\uDE00` in string",
            "\\uDE00",
        );
        check(
            r#""\uD800\u0041""#,
            "unpaired surrogate `\\uD800` in string",
            "\\uD800",
        );
        check(
            r#""\uD800\uD800""#,
            "unpaired surrogate `\\uD800` in string",
            "\\uD800",
        );
        check(
            r#""\uD83D\uDZ00""#,
            "invalid unicode escape `\\uDZ00`: `\\u` needs 4 hex digits",
            "\\uDZ00",
        );
    }

    #[test]
    fn number_errors() {
        check("01", "leading zeros are not allowed in numbers", "01");
        check("[-007]", "leading zeros are not allowed in numbers", "-007");
        check("1.", "expected a digit after the decimal point", "");
        check("[1.]", "expected a digit after the decimal point", "]");
        check("1.e5", "expected a digit after the decimal point", "e");
        check("1e", "expected a digit in the exponent", "");
        check("1e+", "expected a digit in the exponent", "");
        check("[1E-x]", "expected a digit in the exponent", "x");
        check("-", "expected a digit after `-`", "");
        check("[- 1]", "expected a digit after `-`", " ");
        check("-a", "expected a digit after `-`", "a");
        check("+1", "a leading `+` is not allowed in numbers", "+");
        check(".5", "expected a digit before the decimal point", ".");
        check(
            "NaN",
            "`NaN` is not a valid JSON value: JSON numbers must be finite",
            "NaN",
        );
        check(
            "[Infinity]",
            "`Infinity` is not a valid JSON value: JSON numbers must be finite",
            "Infinity",
        );
        check(
            "-Infinity",
            "`-Infinity` is not a valid JSON value: JSON numbers must be finite",
            "-Infinity",
        );
        check(
            "[1 2]",
            "expected `,` or `]` after an array element, found `2`",
            "2",
        );
        check("0x1F", "unexpected characters after the JSON value", "x1F");
        check("1.5.3", "unexpected characters after the JSON value", ".3");
    }

    #[test]
    fn literal_errors() {
        check(
            "True",
            "unknown literal `True`: JSON literals are `true`, `false` and `null`; did you mean `true`?",
            "True",
        );
        check(
            "[FALSE]",
            "unknown literal `FALSE`: JSON literals are `true`, `false` and `null`; did you mean `false`?",
            "FALSE",
        );
        check(
            "{\"a\": None}",
            "unknown literal `None`: JSON literals are `true`, `false` and `null`; did you mean `null`?",
            "None",
        );
        check(
            "{\"Effect\": Allow}",
            "unknown literal `Allow`: JSON literals are `true`, `false` and `null`, and strings must be in double quotes",
            "Allow",
        );
        check(
            "truex",
            "unknown literal `truex`: JSON literals are `true`, `false` and `null`, and strings must be in double quotes",
            "truex",
        );
        let long = "a".repeat(100);
        let (m, s, _) = fail(&long);
        assert!(
            m.starts_with(&format!("unknown literal `{}…`", "a".repeat(40))),
            "{m}"
        );
        assert_eq!(s, long);
    }

    #[test]
    fn trailing_garbage() {
        check("{} {}", "unexpected characters after the JSON value", "{}");
        check("1 2 \n", "unexpected characters after the JSON value", "2");
        check("[]]", "unexpected characters after the JSON value", "]");
        check("\"a\"x", "unexpected characters after the JSON value", "x");
        check(
            "null\u{0}",
            "unexpected characters after the JSON value",
            "\u{0}",
        );
    }

    #[test]
    fn depth_limit() {
        let ok_depth = format!("{}{}", "[".repeat(128), "]".repeat(128));
        assert!(parse(&ok_depth).value.is_some());
        let too_deep = format!("{}{}", "[".repeat(129), "]".repeat(129));
        let (m, _, span) = fail(&too_deep);
        assert_eq!(m, "nesting deeper than 128 levels");
        assert_eq!(span, Span::new(128, 129));

        let objects = format!("{}1{}", "{\"a\":".repeat(129), "}".repeat(129));
        let (m, s, span) = fail(&objects);
        assert_eq!(m, "nesting deeper than 128 levels");
        assert_eq!(s, "{");
        assert_eq!(span.start, 128 * 5);

        let options = ParseOptions {
            max_depth: 2,
            ..ParseOptions::default()
        };
        assert!(parse_with("[{}]", &options).value.is_some());
        let (m, s, _) = fail_with("[{\"a\":[]}]", &options);
        assert_eq!(
            (m.as_str(), s.as_str()),
            ("nesting deeper than 2 levels", "[")
        );
        let zero = ParseOptions {
            max_depth: 0,
            ..ParseOptions::default()
        };
        assert!(parse_with("1", &zero).value.is_some());
        assert!(parse_with("[]", &zero).value.is_none());
    }

    #[test]
    fn bom_is_skipped_with_warning() {
        let text = "\u{FEFF}{\"a\": 1}";
        let p = parse(text);
        assert!(p.errors.is_empty());
        assert_eq!(p.value.unwrap().span.text(text), "{\"a\": 1}");
        assert_eq!(p.warnings.len(), 1);
        assert_eq!(p.warnings[0].span, Span::new(0, 3));
        assert_eq!(
            p.warnings[0].message,
            "byte order mark (U+FEFF) at the start of the text is ignored"
        );
        // Only at the very start.
        check(
            " \u{FEFF}1",
            "expected a value, found U+FEFF (byte order mark)",
            "\u{FEFF}",
        );
        let p = parse("\u{FEFF}");
        assert_eq!(p.warnings.len(), 1);
        assert_eq!(
            p.errors[0].message,
            "unexpected end of input: expected a value"
        );
    }

    #[test]
    fn warnings_survive_errors() {
        let p = parse_with("[1,] x", &permissive());
        assert!(p.value.is_none());
        assert_eq!(p.warnings.len(), 1);
        assert_eq!(p.errors.len(), 1);
    }

    #[test]
    fn error_display() {
        let e = parse("[").errors.remove(0);
        assert_eq!(e.to_string(), e.message);
        let _: &dyn std::error::Error = &e;
    }
}
