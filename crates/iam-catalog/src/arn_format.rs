//! Resource ARNs against the ARN formats of a service's resource types: which resource type a
//! chosen ARN is, and which ARN an action takes when asked about it ([`ResourceFor`]).
//!
//! A format such as `arn:${Partition}:s3:::${BucketName}/${ObjectName}` is literal text and
//! `${Variables}` (a literal `*` in a format is an unnamed variable; a data entry that lists two
//! formats separated by `, ` is read as two). A variable stands for one or more characters, none of
//! them `:` or `/` — except the last variable of a format, in the resource part, which takes the
//! rest of the ARN (`/` and `:` included: S3 keys, IAM paths) unless another format of the service
//! continues after it (the bucket's `${BucketName}` is followed by `/${ObjectName}` in the object's
//! format, so a bucket name stops at `/`). Matching is leftmost, without backtracking: each
//! variable ends at the first place where the rest of the format can continue, so one match costs
//! time linear in the ARN's length. Literal text is compared case-sensitively, as ARNs are.
//!
//! A chosen ARN can match several formats; the most specific ones (most literal text) are its
//! resource types.

use crate::{Action, Service};

/// The resource an action is asked about, given the resource chosen by the user
/// ([`ResourceResolver::for_action`], [`Catalog::resource_for_action`](crate::Catalog::resource_for_action)).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResourceFor {
    /// The chosen resource as is: it is of a resource type the action takes, or it is `*`.
    Same,
    /// An ARN of a type the action takes, built from the parts of the chosen one (an S3 object's
    /// ARN → its bucket's ARN for `s3:ListBucket`).
    Derived(String),
    /// The action takes no resource type (`s3:ListAllMyBuckets`): it is asked about `*`.
    NoResource,
    /// No ARN of a type the action takes can be built from the chosen one (a bucket's ARN for
    /// `s3:GetObject`: which object?).
    NotApplicable,
}

impl ResourceFor {
    /// The resource to evaluate the action against: `chosen`, the derived ARN, `*`, or `None` when
    /// the action is not applicable.
    pub fn resource<'a>(&'a self, chosen: &'a str) -> Option<&'a str> {
        match self {
            ResourceFor::Same => Some(chosen),
            ResourceFor::Derived(arn) => Some(arn),
            ResourceFor::NoResource => Some("*"),
            ResourceFor::NotApplicable => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token<'a> {
    Text(&'a str),
    /// `${Name}`, or `None` for a literal `*`.
    Var(Option<&'a str>),
}

/// One ARN format, parsed.
#[derive(Clone, Debug)]
struct Format<'a> {
    tokens: Vec<Token<'a>>,
    /// Whether the last token is a variable that may contain `:` and `/`.
    open_end: bool,
    /// Bytes of literal text (the specificity of a match).
    literal: usize,
    /// The service field when it is literal (`s3`).
    service: Option<&'a str>,
}

fn tokenize(format: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    // Byte offsets: the literal text not yet pushed starts at `text`; `at` is where we are.
    let mut text = 0usize;
    let mut at = 0usize;
    while let Some(rest) = format.get(at..).filter(|r| !r.is_empty()) {
        let var = if let Some(after) = rest.strip_prefix("${") {
            after
                .find('}')
                .map(|end| (Some(after.get(..end).unwrap_or("")), end + 3))
        } else if rest.starts_with('*') {
            Some((None, 1))
        } else {
            None
        };
        match var {
            Some((name, width)) => {
                if let Some(t) = format.get(text..at).filter(|t| !t.is_empty()) {
                    tokens.push(Token::Text(t));
                }
                tokens.push(Token::Var(name));
                at += width;
                text = at;
            }
            None => at += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    if let Some(t) = format.get(text..).filter(|t| !t.is_empty()) {
        tokens.push(Token::Text(t));
    }
    tokens
}

/// Same shape: the same literal text, a variable where the other has one (names aside).
fn same_token(a: &Token<'_>, b: &Token<'_>) -> bool {
    match (a, b) {
        (Token::Text(x), Token::Text(y)) => x == y,
        (Token::Var(_), Token::Var(_)) => true,
        _ => false,
    }
}

/// The formats of a service's resource types, with the type index of each.
fn service_formats(service: &Service) -> Vec<(u32, Format<'_>)> {
    let mut out: Vec<(u32, Format<'_>)> = Vec::new();
    for (index, t) in service.resource_types.iter().enumerate() {
        let Ok(index) = u32::try_from(index) else {
            continue;
        };
        for alternative in t.arn.split(", ") {
            let alternative = alternative.trim();
            if alternative.is_empty() {
                continue;
            }
            let tokens = tokenize(alternative);
            let literal = tokens
                .iter()
                .map(|t| match t {
                    Token::Text(s) => s.len(),
                    Token::Var(_) => 0,
                })
                .sum();
            let service = alternative
                .split(':')
                .nth(2)
                .filter(|s| !s.is_empty() && !s.contains(['$', '*', '?']));
            out.push((
                index,
                Format {
                    tokens,
                    open_end: false,
                    literal,
                    service,
                },
            ));
        }
    }
    // A last variable in the resource part is open unless another format continues after it.
    let open: Vec<bool> = out
        .iter()
        .map(|(_, f)| {
            let Some(Token::Var(_)) = f.tokens.last() else {
                return false;
            };
            let colons: usize = f
                .tokens
                .iter()
                .take(f.tokens.len().saturating_sub(1))
                .map(|t| match t {
                    Token::Text(s) => s.matches(':').count(),
                    Token::Var(_) => 0,
                })
                .sum();
            if colons < 5 {
                return false;
            }
            !out.iter().any(|(_, g)| {
                g.tokens.len() > f.tokens.len()
                    && f.tokens
                        .iter()
                        .zip(&g.tokens)
                        .all(|(a, b)| same_token(a, b))
            })
        })
        .collect();
    for ((_, f), open) in out.iter_mut().zip(open) {
        f.open_end = open;
    }
    out
}

/// The variables of `format` bound by matching `arn`, or `None` when it does not match.
fn bind<'f, 'a>(format: &Format<'f>, arn: &'a str) -> Option<Vec<(&'f str, &'a str)>> {
    let mut bindings = Vec::new();
    let mut pos = 0usize;
    let count = format.tokens.len();
    for (i, token) in format.tokens.iter().enumerate() {
        let rest = arn.get(pos..)?;
        match token {
            Token::Text(text) => {
                if !rest.starts_with(text) {
                    return None;
                }
                pos += text.len();
            }
            Token::Var(name) => {
                let last = i + 1 == count;
                let end = if last && format.open_end {
                    rest.len()
                } else {
                    // One or more characters, none of them `:` or `/`.
                    let run = rest.find([':', '/']).unwrap_or(rest.len());
                    match format.tokens.get(i + 1) {
                        Some(Token::Text(next)) => {
                            // The first place after at least one character where `next` follows.
                            let first = rest.chars().next()?.len_utf8();
                            let window = rest.get(first..(run + next.len()).min(rest.len()))?;
                            first + window.find(next)?
                        }
                        _ => run,
                    }
                };
                if end == 0 {
                    return None;
                }
                let value = rest.get(..end)?;
                if let Some(name) = name {
                    if let Some((_, bound)) = bindings.iter().find(|(n, _)| n == name) {
                        if *bound != value {
                            return None;
                        }
                    }
                    bindings.push((*name, value));
                }
                pos += end;
            }
        }
    }
    (pos == arn.len()).then_some(bindings)
}

/// The ARN of `format` with its variables filled from `bindings`; `None` when one is not bound
/// (or is a literal `*`).
fn fill(format: &Format<'_>, bindings: &[(&str, &str)]) -> Option<String> {
    let mut out = String::new();
    for token in &format.tokens {
        match token {
            Token::Text(text) => out.push_str(text),
            Token::Var(name) => {
                let name = (*name)?;
                let (_, value) = bindings.iter().find(|(n, _)| *n == name)?;
                out.push_str(value);
            }
        }
    }
    Some(out)
}

/// Variables bound by a match: name, value.
type Bindings<'c> = Vec<(&'c str, String)>;

/// A chosen resource, matched once against the formats of a service, ready to say for each of the
/// service's actions which resource it takes ([`Service::resolver`]).
#[derive(Clone, Debug)]
pub struct ResourceResolver<'c> {
    chosen: String,
    formats: Vec<(u32, Format<'c>)>,
    /// The chosen ARN's most specific matches: resource type index and bound variables.
    matches: Vec<(u32, Bindings<'c>)>,
}

impl<'c> ResourceResolver<'c> {
    fn new(service: &'c Service, chosen: &str) -> ResourceResolver<'c> {
        let chosen = chosen.trim();
        let formats = service_formats(service);
        let mut matches: Vec<(u32, usize, Bindings<'c>)> = Vec::new();
        if chosen != "*" {
            for (index, format) in &formats {
                if let Some(bindings) = bind(format, chosen) {
                    let owned = bindings
                        .into_iter()
                        .map(|(n, v)| (n, v.to_string()))
                        .collect();
                    matches.push((*index, format.literal, owned));
                }
            }
        }
        let best = matches.iter().map(|(_, l, _)| *l).max().unwrap_or(0);
        ResourceResolver {
            chosen: chosen.to_string(),
            formats,
            matches: matches
                .into_iter()
                .filter(|(_, l, _)| *l == best)
                .map(|(i, _, b)| (i, b))
                .collect(),
        }
    }

    /// The resource types of the service the chosen resource is (indices; empty for `*` or an ARN
    /// of none of them).
    pub fn types(&self) -> Vec<u32> {
        let mut out: Vec<u32> = self.matches.iter().map(|(i, _)| *i).collect();
        out.dedup();
        out
    }

    /// Which resource `action` (of this service) is asked about:
    /// - no resource type: `*` ([`ResourceFor::NoResource`]);
    /// - the chosen resource is `*`, or of a type the action takes: [`ResourceFor::Same`];
    /// - else the first of the action's types whose format can be filled with the variables bound
    ///   by the chosen ARN (every one of them bound): [`ResourceFor::Derived`];
    /// - else [`ResourceFor::NotApplicable`].
    pub fn for_action(&self, action: &Action) -> ResourceFor {
        if action.resource_types.is_empty() {
            return if self.chosen == "*" {
                ResourceFor::Same
            } else {
                ResourceFor::NoResource
            };
        }
        if self.chosen == "*" {
            return ResourceFor::Same;
        }
        let takes = |index: u32| action.resource_types.iter().any(|r| r.index == index);
        if self.matches.iter().any(|(i, _)| takes(*i)) {
            return ResourceFor::Same;
        }
        for r in &action.resource_types {
            for (_, format) in self.formats.iter().filter(|(i, _)| *i == r.index) {
                for (_, bindings) in &self.matches {
                    let borrowed: Vec<(&str, &str)> =
                        bindings.iter().map(|(n, v)| (*n, v.as_str())).collect();
                    if let Some(arn) = fill(format, &borrowed) {
                        return if arn == self.chosen {
                            ResourceFor::Same
                        } else {
                            ResourceFor::Derived(arn)
                        };
                    }
                }
            }
        }
        ResourceFor::NotApplicable
    }
}

impl Service {
    /// Match `chosen` (an ARN, or `*`) against this service's resource types once; then
    /// [`ResourceResolver::for_action`] for each action.
    pub fn resolver(&self, chosen: &str) -> ResourceResolver<'_> {
        ResourceResolver::new(self, chosen)
    }

    /// The resource types (indices) of this service that a policy's `Resource` value can name:
    /// those with an ARN the pattern matches (`*` any run, `?` one character, a policy variable
    /// `${…}` any run; `${*}`, `${?}`, `${$}` the character). Without wildcards, the pattern is an
    /// ARN and this is [`ResourceResolver::types`]. `*` alone names no type here (it is every
    /// resource, `*` included).
    pub fn resource_types_for_pattern(&self, pattern: &str) -> Vec<u32> {
        let pattern = pattern.trim();
        if pattern == "*" {
            return Vec::new();
        }
        let elements = pattern_elements(pattern);
        if !elements.iter().any(|e| matches!(e, Pat::One | Pat::Star)) {
            let literal: String = elements
                .iter()
                .filter_map(|e| match e {
                    Pat::Char(c) => Some(*c),
                    _ => None,
                })
                .collect();
            return self.resolver(&literal).types();
        }
        let field = pattern.split(':').nth(2);
        let service_literal = field.filter(|s| !s.contains(['$', '*', '?']));
        let mut out: Vec<u32> = Vec::new();
        for (index, format) in service_formats(self) {
            if out.last() == Some(&index) {
                continue;
            }
            if let (Some(p), Some(f)) = (service_literal, format.service) {
                if p != f {
                    continue;
                }
            }
            if intersects(&elements, &format) {
                out.push(index);
            }
        }
        out
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pat {
    Char(char),
    One,
    Star,
}

fn pattern_elements(pattern: &str) -> Vec<Pat> {
    let mut out = Vec::new();
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("${") {
            if let Some(end) = after.find('}') {
                out.push(match after.get(..end) {
                    Some("*") => Pat::Char('*'),
                    Some("?") => Pat::Char('?'),
                    Some("$") => Pat::Char('$'),
                    _ => Pat::Star,
                });
                rest = after.get(end + 1..).unwrap_or("");
                continue;
            }
        }
        out.push(match c {
            '*' => Pat::Star,
            '?' => Pat::One,
            c => Pat::Char(c),
        });
        rest = rest.get(c.len_utf8()..).unwrap_or("");
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fmt {
    Char(char),
    /// A variable: one or more characters; `restricted`: none of them `:` or `/`.
    Var {
        restricted: bool,
    },
}

/// The largest pattern × format product searched; beyond it, assume they intersect.
const MAX_STATES: usize = 1 << 22;

/// Whether some ARN both matches the pattern and fits the format: a search of the product of the
/// two automata, `O(pattern × format)`.
fn intersects(pattern: &[Pat], format: &Format<'_>) -> bool {
    let mut elements: Vec<Fmt> = Vec::new();
    let count = format.tokens.len();
    for (i, token) in format.tokens.iter().enumerate() {
        match token {
            Token::Text(text) => elements.extend(text.chars().map(Fmt::Char)),
            Token::Var(_) => elements.push(Fmt::Var {
                restricted: !(i + 1 == count && format.open_end),
            }),
        }
    }
    let (n, m) = (pattern.len(), elements.len());
    let states = (n + 1).saturating_mul(m + 1).saturating_mul(2);
    if states > MAX_STATES {
        return true;
    }
    let id = |i: usize, k: usize, inside: bool| (i * (m + 1) + k) * 2 + usize::from(inside);
    let mut seen = vec![false; states];
    let mut stack: Vec<(usize, usize, bool)> = vec![(0, 0, false)];
    while let Some((i, k, inside)) = stack.pop() {
        let Some(slot) = seen.get_mut(id(i, k, inside)) else {
            continue;
        };
        if *slot {
            continue;
        }
        *slot = true;
        if i == n && k == m && !inside {
            return true;
        }
        let p = pattern.get(i).copied();
        if p == Some(Pat::Star) {
            stack.push((i + 1, k, inside));
        }
        if inside {
            stack.push((i, k + 1, false));
        }
        let Some(p) = p else {
            continue;
        };
        let Some(f) = elements.get(k).copied() else {
            continue;
        };
        let fits = match (p, f) {
            (Pat::Char(a), Fmt::Char(b)) => a == b,
            (Pat::Char(a), Fmt::Var { restricted }) => !(restricted && (a == ':' || a == '/')),
            (Pat::One | Pat::Star, _) => true,
        };
        if !fits {
            continue;
        }
        let next_i = if p == Pat::Star { i } else { i + 1 };
        match f {
            Fmt::Char(_) => stack.push((next_i, k + 1, false)),
            Fmt::Var { .. } => stack.push((next_i, k, true)),
        }
    }
    false
}
