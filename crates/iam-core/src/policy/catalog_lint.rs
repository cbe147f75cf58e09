//! Checks that need to know what AWS defines: actions, resource types and condition keys
//! (`iam-catalog`). They run after lowering, on the model, so every element already has its span;
//! JSON paths are recovered from the JSON tree.
//!
//! Codes are Access Analyzer's where one exists (`INVALID_ACTION`, `INVALID_SERVICE_IN_ACTION`,
//! `INVALID_SERVICE_CONDITION_KEY`, `INVALID_GLOBAL_CONDITION_KEY`, `TYPE_MISMATCH`,
//! `STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS`), iamplay's own otherwise
//! (`ACTION_PATTERN_MATCHES_NOTHING`, `RESOURCE_SERVICE_MISMATCH`,
//! `CONDITION_KEY_UNSUPPORTED_BY_ACTIONS`). `docs/catalog.md` describes each check.

use iam_catalog::{ActionRef, Catalog, KeyType};
use iam_json::{Span, Value, ValueKind};

use super::{BaseOperator, OperatorFamily, Policy, Statement};
use crate::codes::Code;
use crate::diagnostic::{render_segments, Diagnostic, PathSegment};

/// Run every catalog check on a lowered policy. `root` is the policy's JSON tree (for paths).
pub(crate) fn check(policy: &Policy, root: Option<&Value>, catalog: &Catalog) -> Vec<Diagnostic> {
    let mut cx = Checker {
        catalog,
        root,
        out: Vec::new(),
    };
    for statement in &policy.statements {
        cx.statement(statement);
    }
    cx.out
}

struct Checker<'a> {
    catalog: &'a Catalog,
    root: Option<&'a Value>,
    out: Vec<Diagnostic>,
}

/// What the `Action` element of a statement names, when every pattern is understood.
struct KnownActions<'c> {
    actions: Vec<ActionRef<'c>>,
}

impl<'a> Checker<'a> {
    fn push(&mut self, code: Code, span: Span, message: String, help: Option<String>) {
        self.push_fix(code, span, message, help, None);
    }

    /// [`Checker::push`] with a "did you mean" the quick fix writes in the JSON string at `span`.
    fn push_fix(
        &mut self,
        code: Code,
        span: Span,
        message: String,
        help: Option<String>,
        fix: Option<String>,
    ) {
        let path = self
            .root
            .map(|root| path_to(root, span))
            .unwrap_or_default();
        let mut d = Diagnostic::new(code, span, path, message);
        if let Some(help) = help {
            d = d.with_help(help);
        }
        if let Some(fix) = fix {
            d = d.with_string_fix(span, fix);
        }
        self.out.push(d);
    }

    fn statement(&mut self, statement: &Statement) {
        let known = self.actions(statement);
        self.resources(statement, known.as_ref());
        self.conditions(statement, known.as_ref());
    }

    /// Check each action pattern; return the statement's actions when it has an `Action` (not
    /// `NotAction`) whose every pattern names known actions of literally named services.
    fn actions(&mut self, statement: &Statement) -> Option<KnownActions<'a>> {
        let element = statement.action.as_ref()?;
        let catalog = self.catalog;
        let mut all_known = !element.negated && !element.patterns.is_empty();
        let mut actions: Vec<ActionRef<'a>> = Vec::new();
        for pattern in &element.patterns {
            let text = pattern.text.as_str();
            let Some((service, name)) = text.split_once(':') else {
                // `*` (every action) or a malformed action (reported by lowering).
                all_known = false;
                continue;
            };
            if service.is_empty() || name.is_empty() || text.contains("${") {
                all_known = false;
                continue;
            }
            let service_wild = service.contains(['*', '?']);
            let name_wild = name.contains(['*', '?']);
            if service_wild {
                all_known = false;
                if catalog.expand(text).is_empty() {
                    self.push(
                        Code::ACTION_PATTERN_MATCHES_NOTHING,
                        pattern.span,
                        format!("`{text}` matches no action of any AWS service"),
                        Some("check the spelling; `iamplay actions PATTERN` lists what a pattern matches".to_string()),
                    );
                }
                continue;
            }
            let Some(svc) = catalog.service(service) else {
                all_known = false;
                let suggestion = if name_wild {
                    catalog
                        .suggest_service(service)
                        .map(|s| format!("{}:{name}", s.prefix))
                } else {
                    catalog.suggest_action(text).map(|a| a.full_name())
                };
                let mut message = format!("`{service}` is not the prefix of an AWS service");
                if let Some(s) = &suggestion {
                    message.push_str(&format!("; did you mean `{s}`?"));
                }
                self.push_fix(
                    Code::INVALID_SERVICE_IN_ACTION,
                    pattern.span,
                    message,
                    Some("service prefixes are listed in the Service Authorization Reference (`iamplay actions '*'` lists every action)".to_string()),
                    suggestion,
                );
                continue;
            };
            let matched = catalog.expand(text);
            if matched.is_empty() {
                all_known = false;
                if name_wild {
                    self.push(
                        Code::ACTION_PATTERN_MATCHES_NOTHING,
                        pattern.span,
                        format!("`{text}` matches no action of {} (`{}`)", svc.name, svc.prefix),
                        Some(format!(
                            "the pattern allows or denies nothing; `iamplay actions '{}:*'` lists the service's {} actions",
                            svc.prefix,
                            svc.actions.len()
                        )),
                    );
                } else {
                    let mut message = format!(
                        "`{text}` is not an action of {} (`{}`)",
                        svc.name, svc.prefix
                    );
                    let mut fix = None;
                    match catalog.suggest_action(text) {
                        Some(s) if std::ptr::eq(s.service, svc) => {
                            message.push_str(&format!("; did you mean `{}`?", s.full_name()));
                            fix = Some(s.full_name());
                        }
                        Some(s) => message.push_str(&format!(
                            "; {} (`{}`) has an action of that name: `{}`",
                            s.service.name,
                            s.prefix(),
                            s.full_name()
                        )),
                        None => {}
                    }
                    self.push_fix(
                        Code::INVALID_ACTION,
                        pattern.span,
                        message,
                        Some("an unknown action matches no request: the statement has no effect for it".to_string()),
                        fix,
                    );
                }
                continue;
            }
            actions.extend(matched);
        }
        (all_known && !actions.is_empty()).then_some(KnownActions { actions })
    }

    /// `RESOURCE_SERVICE_MISMATCH`: a resource ARN whose service none of the statement's actions
    /// acts on (by the ARN formats of the resource types they take).
    fn resources(&mut self, statement: &Statement, known: Option<&KnownActions<'a>>) {
        let (Some(known), Some(resource)) = (known, statement.resource.as_ref()) else {
            return;
        };
        if resource.negated {
            return;
        }
        let mut services: Vec<&str> = Vec::new();
        for action in &known.actions {
            for (resource_type, _) in action.resource_types() {
                match resource_type.arn_service() {
                    // A placeholder service (`arn:${Partition}:${Vendor}:…`): anything goes.
                    None => return,
                    Some(s) => {
                        if !services.contains(&s) {
                            services.push(s);
                        }
                    }
                }
            }
        }
        for value in &resource.values {
            let Some(rest) = value.text.strip_prefix("arn:") else {
                continue;
            };
            let Some(service) = rest.split(':').nth(1) else {
                continue;
            };
            if service.is_empty() || service.contains(['*', '?']) || service.contains("${") {
                continue;
            }
            if services.iter().any(|s| s.eq_ignore_ascii_case(service)) {
                continue;
            }
            let names = action_list(&known.actions);
            let one = known.actions.len() == 1;
            let (take, act, their) = if one {
                ("takes", "acts", "its")
            } else {
                ("take", "act", "their")
            };
            let message = if services.is_empty() {
                format!("{names} {take} no resource ARN (only `*`), so this `{service}` ARN matches none of {their} requests")
            } else {
                format!(
                    "{names} {act} on resources of {}, not `{service}`: this ARN matches none of {their} requests",
                    services.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
                )
            };
            self.push(
                Code::RESOURCE_SERVICE_MISMATCH,
                value.span,
                message,
                Some(
                    "put the actions and the resources they act on in the same statement"
                        .to_string(),
                ),
            );
        }
    }

    fn conditions(&mut self, statement: &Statement, known: Option<&KnownActions<'a>>) {
        let Some(block) = &statement.condition else {
            return;
        };
        let catalog = self.catalog;
        for operator in &block.operators {
            for entry in &operator.entries {
                let key = entry.key.as_str();
                let Some((prefix, _)) = key.split_once(':') else {
                    continue;
                };
                if prefix.is_empty() {
                    continue;
                }
                let indices = catalog.condition_key_indices(key);
                if indices.is_empty() {
                    // Identity providers' keys (`token.actions.githubusercontent.com:sub`,
                    // `accounts.google.com:aud`) are the provider's claims: the data lists only some.
                    let provider = prefix.contains(['.', '/']);
                    if !key.contains("${") && !provider {
                        self.unknown_key(key, prefix, entry.key_span);
                    }
                    continue;
                }
                if let Some(spec) = operator.spec {
                    self.operator_type(spec.base, key, &indices, entry.key_span);
                }
                let global = indices
                    .iter()
                    .any(|i| catalog.key(*i).is_some_and(|k| k.global));
                if let (false, Some(known)) = (global, known) {
                    let supported = known
                        .actions
                        .iter()
                        .any(|a| indices.iter().any(|i| catalog.action_supports_key(*a, *i)));
                    if !supported {
                        let names = action_list(&known.actions);
                        let their = if known.actions.len() == 1 {
                            "its"
                        } else {
                            "their"
                        };
                        self.push(
                            Code::CONDITION_KEY_UNSUPPORTED_BY_ACTIONS,
                            entry.key_span,
                            format!("the Service Authorization Reference lists `{key}` as a condition key of none of {names}: {their} requests would not carry it"),
                            Some("a condition on a key the request lacks never matches (and with `…IfExists` always does); use a key the actions support".to_string()),
                        );
                    }
                }
            }
        }
    }

    fn unknown_key(&mut self, key: &str, prefix: &str, span: Span) {
        let catalog = self.catalog;
        if prefix.eq_ignore_ascii_case("aws") {
            let mut message = format!("`{key}` is not a global condition key");
            let fix = catalog.suggest_condition_key(key).map(|s| s.to_string());
            if let Some(s) = &fix {
                message.push_str(&format!("; did you mean `{s}`?"));
            }
            self.push_fix(
                Code::INVALID_GLOBAL_CONDITION_KEY,
                span,
                message,
                Some("the `aws:` keys are listed in the IAM User Guide (AWS global condition context keys)".to_string()),
                fix,
            );
            return;
        }
        let mut fix = None;
        let message = if catalog.is_key_prefix(prefix) {
            let mut m = format!("`{key}` is not a condition key of `{prefix}`");
            if let Some(s) = catalog.suggest_condition_key(key) {
                m.push_str(&format!("; did you mean `{s}`?"));
                fix = Some(s.to_string());
            }
            m
        } else if let Some(service) = catalog.service(prefix) {
            format!(
                "{} (`{}`) defines no condition keys, so `{key}` does not exist",
                service.name, service.prefix
            )
        } else {
            let mut m = format!("`{prefix}` is not a service with condition keys");
            if let Some(s) = catalog.suggest_key_prefix(prefix) {
                m.push_str(&format!("; did you mean `{s}:`?"));
            }
            m
        };
        self.push_fix(
            Code::INVALID_SERVICE_CONDITION_KEY,
            span,
            message,
            Some("a key that does not exist is never in the request: the condition cannot work as written".to_string()),
            fix,
        );
    }

    /// `TYPE_MISMATCH` and `STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS` by the key's catalog type.
    fn operator_type(&mut self, base: BaseOperator, key: &str, indices: &[u32], span: Span) {
        let wanted = match base.family() {
            OperatorFamily::Null => return,
            OperatorFamily::String => KeyType::String,
            OperatorFamily::Numeric => KeyType::Numeric,
            OperatorFamily::Date => KeyType::Date,
            OperatorFamily::Bool => KeyType::Bool,
            OperatorFamily::Binary => KeyType::Binary,
            OperatorFamily::Ip => KeyType::IpAddress,
            OperatorFamily::Arn => KeyType::Arn,
        };
        let keys: Vec<&iam_catalog::ConditionKey> = indices
            .iter()
            .filter_map(|i| self.catalog.key(*i))
            .collect();
        let Some(first) = keys.first() else { return };
        if keys.iter().any(|k| k.accepts(wanted)) {
            return;
        }
        let is_arn = keys.iter().any(|k| k.key_type.element() == KeyType::Arn);
        if is_arn && wanted == KeyType::String {
            // String operators compare ARNs as text. Only the `Like` forms are flagged (their `*`
            // crosses the colons between ARN fields); lowering already flags two global keys.
            let lower = key.to_ascii_lowercase();
            let flagged_by_lowering = lower == "aws:principalarn" || lower == "aws:sourcearn";
            if base.positive() == BaseOperator::StringLike && !flagged_by_lowering {
                self.push(
                    Code::STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS,
                    span,
                    format!("`{key}` holds an ARN; compare it with `ArnLike`/`ArnNotLike`"),
                    Some(
                        "a string pattern's `*` also crosses the colons between ARN fields"
                            .to_string(),
                    ),
                );
            }
            return;
        }
        // An ARN operator on a String key whose name says it holds an ARN (`…Arn`): the data often
        // types such keys as String (docs/catalog.md).
        if wanted == KeyType::Arn
            && first.key_type.element() == KeyType::String
            && key.to_ascii_lowercase().ends_with("arn")
        {
            return;
        }
        let key_type = first.key_type.as_str();
        self.push(
            Code::TYPE_MISMATCH,
            span,
            format!(
                "`{}` compares {} values, but `{key}` is a {key_type} key",
                base.as_str(),
                type_words(wanted)
            ),
            Some(format!(
                "use {} operator with `{key}`",
                operator_advice(first.key_type.element())
            )),
        );
    }
}

fn type_words(t: KeyType) -> &'static str {
    match t.element() {
        KeyType::Numeric => "Numeric",
        KeyType::Date => "Date",
        KeyType::Bool => "Bool",
        KeyType::Binary => "Binary",
        KeyType::IpAddress => "IP address",
        KeyType::Arn => "ARN",
        _ => "String",
    }
}

fn operator_advice(t: KeyType) -> &'static str {
    match t {
        KeyType::Numeric => "a Numeric (`NumericEquals`, `NumericLessThan`, …)",
        KeyType::Date => "a Date (`DateGreaterThan`, `DateLessThan`, …)",
        KeyType::Bool => "the `Bool`",
        KeyType::Binary => "the `BinaryEquals`",
        KeyType::IpAddress => "an `IpAddress`/`NotIpAddress`",
        KeyType::Arn => "an ARN (`ArnEquals`, `ArnLike`, …)",
        _ => "a String (`StringEquals`, `StringLike`, …)",
    }
}

/// `s3:GetObject`, or `s3:GetObject and s3:PutObject`, or `s3:GetObject and 62 other actions`.
fn action_list(actions: &[ActionRef<'_>]) -> String {
    match actions {
        [] => "the actions".to_string(),
        [one] => format!("`{}`", one.full_name()),
        [a, b] => format!("`{}` and `{}`", a.full_name(), b.full_name()),
        [a, rest @ ..] => format!("`{}` and {} other actions", a.full_name(), rest.len()),
    }
}

/// The JSON path (Access Analyzer style) of the node or key at `span`.
///
/// Members and items are in source order and do not overlap, so each level is a binary search: a
/// policy with many statements and many findings stays linear.
fn path_to(root: &Value, span: Span) -> String {
    let mut segments: Vec<PathSegment<'_>> = Vec::new();
    let mut node = root;
    while node.span != span {
        match &node.kind {
            ValueKind::Object(members) => {
                let key = members.partition_point(|m| m.key_span.start < span.start);
                if let Some(m) = members.get(key).filter(|m| m.key_span == span) {
                    segments.push(PathSegment::Key(&m.key));
                    break;
                }
                match containing(members, |m| m.value.span, span) {
                    Some((_, m)) => {
                        segments.push(PathSegment::Key(&m.key));
                        node = &m.value;
                    }
                    None => break,
                }
            }
            ValueKind::Array(items) => match containing(items, |v| v.span, span) {
                Some((i, v)) => {
                    segments.push(PathSegment::Index(i));
                    node = v;
                }
                None => break,
            },
            _ => break,
        }
    }
    render_segments(&segments)
}

/// The first of `items` (in source order, not overlapping) whose span contains `inner`: the only
/// candidate is the first that does not end before `inner` does.
fn containing<T>(items: &[T], span_of: impl Fn(&T) -> Span, inner: Span) -> Option<(usize, &T)> {
    let i = items.partition_point(|item| span_of(item).end < inner.end);
    items
        .get(i)
        .filter(|item| contains(span_of(item), inner))
        .map(|item| (i, item))
}

fn contains(outer: Span, inner: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}
