//! The Condition element: AND across operators and keys, OR across a key's values, NOR for
//! negated operators, the missing-key rules, `…IfExists`, and the set qualifiers.
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html>,
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html>

use crate::matching::{arn, binary, date, ip, number};
use crate::policy::{
    BaseOperator, ConditionBlock, ConditionEntry, ConditionOperator, OperatorFamily, OperatorSpec,
    Qualifier,
};
use crate::request::{Context, ContextValue};
use crate::trace::{ConditionTrace, ConditionValueTrace, KeyRule, KeyTrace, NoteId, OperatorTrace};
use crate::variables::Resolved;

pub(crate) fn evaluate(
    block: &ConditionBlock,
    context: &Context,
    notes: &mut Vec<NoteId>,
) -> ConditionTrace {
    let operators: Vec<OperatorTrace> = block
        .operators
        .iter()
        .map(|op| operator(op, context, notes))
        .collect();
    ConditionTrace {
        span: block.span,
        matched: operators.iter().all(|o| o.matched),
        operators,
    }
}

fn operator(op: &ConditionOperator, context: &Context, notes: &mut Vec<NoteId>) -> OperatorTrace {
    let keys: Vec<KeyTrace> = match op.spec {
        Some(spec) => op
            .entries
            .iter()
            .map(|e| key(spec, e, context, notes))
            .collect(),
        None => Vec::new(),
    };
    OperatorTrace {
        operator: op.name.clone(),
        span: op.span,
        matched: op.spec.is_some() && keys.iter().all(|k| k.matched),
        keys,
    }
}

fn key(
    spec: OperatorSpec,
    entry: &ConditionEntry,
    context: &Context,
    notes: &mut Vec<NoteId>,
) -> KeyTrace {
    let found = context.get(&entry.key);
    let request = found.map(|e| e.value.clone());
    let derived = found.is_some_and(|e| e.derived);
    let request_values: Option<&[String]> = found.map(|e| e.value.values());
    let base = spec.base;

    // Resolve policy values (variables only for String/ARN operators; the template says which).
    let resolved: Vec<Resolved> = entry
        .values
        .iter()
        .map(|v| v.template.resolve(context))
        .collect();
    if entry.values.is_empty() {
        notes.push(NoteId::A10);
    }

    let mut values: Vec<ConditionValueTrace> = entry
        .values
        .iter()
        .zip(&resolved)
        .map(|(v, r)| ConditionValueTrace {
            text: v.text.clone(),
            span: v.span,
            resolved: r.substituted.then(|| r.text.clone()),
            unresolved: r.missing.clone(),
            matched: false,
            error: None,
        })
        .collect();

    let finish =
        |matched: bool, rule: Option<KeyRule>, values: Vec<ConditionValueTrace>| KeyTrace {
            key: entry.key.clone(),
            key_span: entry.key_span,
            matched,
            request: request.clone(),
            derived,
            rule,
            values,
        };

    if base == BaseOperator::Null {
        let (matched, rule) = null_check(spec, entry, request_values, &mut values, notes);
        return finish(matched, Some(rule), values);
    }

    let negated = base.negated();
    let missing = match request_values {
        None => true,
        Some(vs) => vs.is_empty(),
    };
    if missing {
        // An empty list given for the key counts as missing for every rule.
        let (matched, rule) = if spec.if_exists {
            (true, KeyRule::MissingIfExists)
        } else {
            match spec.qualifier {
                Some(Qualifier::ForAllValues) => (true, KeyRule::MissingForAllValues),
                Some(Qualifier::ForAnyValue) => (false, KeyRule::MissingForAnyValue),
                None if negated => (true, KeyRule::MissingNegated),
                None => (false, KeyRule::MissingPositive),
            }
        };
        return finish(matched, Some(rule), values);
    }
    let request_values = request_values.unwrap_or(&[]);
    if entry.values.is_empty() {
        // A10: an empty value list never matches a key that is present.
        return finish(false, None, values);
    }
    if base == BaseOperator::Bool {
        notes.push(NoteId::A4);
        // A32: a variable in a Bool value is not resolved; the literal text never matches.
        if entry.values.iter().any(|v| v.text.contains("${")) {
            notes.push(NoteId::A32);
        }
    }
    if base.family() == OperatorFamily::Date {
        let epoch = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        if entry.values.iter().any(|v| epoch(&v.text)) || request_values.iter().any(|v| epoch(v)) {
            notes.push(NoteId::A6);
        }
    }
    if spec.qualifier.is_none()
        && matches!(found.map(|e| &e.value), Some(ContextValue::Multi(vs)) if vs.len() == 1)
    {
        notes.push(NoteId::A1);
    }
    if spec.qualifier.is_none() && request_values.len() > 1 {
        notes.push(NoteId::A1);
        return finish(false, Some(KeyRule::MultipleValuesWithoutQualifier), values);
    }

    let matched = compare_all(spec, request_values, &mut values, &resolved, notes);
    finish(matched, None, values)
}

/// `Null`: whether the key is absent (`true`) or present (`false`), per value; with a set
/// qualifier, always true (`ForAllValues`) or false (`ForAnyValue`).
fn null_check(
    spec: OperatorSpec,
    entry: &ConditionEntry,
    request_values: Option<&[String]>,
    values: &mut [ConditionValueTrace],
    notes: &mut Vec<NoteId>,
) -> (bool, KeyRule) {
    if let Some(q) = spec.qualifier {
        return (q == Qualifier::ForAllValues, KeyRule::NullWithQualifier);
    }
    let present = request_values.is_some_and(|vs| !vs.is_empty());
    if entry.values.len() > 1 {
        notes.push(NoteId::A5);
    }
    let mut any = false;
    for value in values.iter_mut() {
        let wants_absent = if value.text.eq_ignore_ascii_case("true") {
            Some(true)
        } else if value.text.eq_ignore_ascii_case("false") {
            Some(false)
        } else {
            None
        };
        match wants_absent {
            Some(absent) => {
                value.matched = absent != present;
                any |= value.matched;
            }
            None => value.error = Some("`Null` takes `true` or `false`".to_string()),
        }
    }
    (any, KeyRule::NullCheck)
}

/// A present key against the policy values: each request value against each value under the
/// positive operator (recording which policy values matched), then the negation and the set
/// qualifier.
fn compare_all(
    spec: OperatorSpec,
    request_values: &[String],
    values: &mut [ConditionValueTrace],
    resolved: &[Resolved],
    notes: &mut Vec<NoteId>,
) -> bool {
    let base = spec.base;
    let negated = base.negated();
    let positive = base.positive();
    // m(v): request value v matches at least one policy value under the positive operator.
    let mut per_request: Vec<bool> = Vec::with_capacity(request_values.len());
    let mut decided_by_unparsable = false;
    for request_value in request_values {
        let mut any = false;
        let mut unparsable = false;
        for (value, r) in values.iter_mut().zip(resolved) {
            if !r.missing.is_empty() {
                continue; // an unresolved variable is null: no positive match
            }
            if r.substituted
                && base.uses_wildcards()
                && (r.text.contains('*') || r.text.contains('?'))
            {
                notes.push(NoteId::A2);
            }
            match compare(positive, request_value, r) {
                Ok(true) => {
                    value.matched = true;
                    any = true;
                }
                Ok(false) => {}
                Err(error) => {
                    unparsable = true;
                    if value.error.is_none() {
                        value.error = Some(error);
                    }
                }
            }
        }
        // A31: a value that cannot be parsed never matches, so the negated operator holds for it.
        decided_by_unparsable |= negated && unparsable && !any;
        per_request.push(if negated { !any } else { any });
    }
    if decided_by_unparsable {
        notes.push(NoteId::A31);
    }
    let matched = match spec.qualifier {
        Some(Qualifier::ForAllValues) => per_request.iter().all(|m| *m),
        Some(Qualifier::ForAnyValue) => per_request.iter().any(|m| *m),
        None => per_request.first().copied().unwrap_or(false),
    };
    matched
}

/// The positive comparison of one request value with one policy value.
/// `Err` explains a value that cannot be compared (it then does not match).
fn compare(op: BaseOperator, request: &str, policy: &Resolved) -> Result<bool, String> {
    let p = policy.text.as_str();
    match op.family() {
        OperatorFamily::String => Ok(match op {
            BaseOperator::StringEquals => request == p,
            BaseOperator::StringEqualsIgnoreCase => request.to_lowercase() == p.to_lowercase(),
            BaseOperator::StringLike => policy.pattern.matches(request),
            _ => false,
        }),
        OperatorFamily::Numeric => {
            let pv = number::parse_number(p).map_err(|e| format!("policy value: {e}"))?;
            let Ok(rv) = number::parse_number(request) else {
                return Err(format!("the request value `{request}` is not a number"));
            };
            Ok(match op {
                BaseOperator::NumericEquals => rv == pv,
                BaseOperator::NumericLessThan => rv < pv,
                BaseOperator::NumericLessThanEquals => rv <= pv,
                BaseOperator::NumericGreaterThan => rv > pv,
                BaseOperator::NumericGreaterThanEquals => rv >= pv,
                _ => false,
            })
        }
        OperatorFamily::Date => {
            let pv = date::parse_date(p).map_err(|e| format!("policy value: {e}"))?;
            let Ok(rv) = date::parse_date(request) else {
                return Err(format!("the request value `{request}` is not a date"));
            };
            Ok(match op {
                BaseOperator::DateEquals => rv.millis == pv.millis,
                BaseOperator::DateLessThan => rv.millis < pv.millis,
                BaseOperator::DateLessThanEquals => rv.millis <= pv.millis,
                BaseOperator::DateGreaterThan => rv.millis > pv.millis,
                BaseOperator::DateGreaterThanEquals => rv.millis >= pv.millis,
                _ => false,
            })
        }
        OperatorFamily::Bool => {
            let is_bool =
                |s: &str| s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false");
            if !is_bool(p) {
                return Err(format!("`{p}` is not `true` or `false`"));
            }
            Ok(is_bool(request) && request.eq_ignore_ascii_case(p))
        }
        OperatorFamily::Binary => {
            let pv = binary::decode_base64(p).map_err(|e| format!("policy value: {e}"))?;
            Ok(match binary::decode_base64(request) {
                Ok(rv) => rv == pv,
                Err(_) => request == p,
            })
        }
        OperatorFamily::Ip => {
            let net = ip::parse_net(p).map_err(|e| format!("policy value: {e}"))?;
            let Ok(addr) = ip::parse_addr(request) else {
                return Err(format!(
                    "the request value `{request}` is not an IP address"
                ));
            };
            Ok(net.contains(&addr))
        }
        OperatorFamily::Arn => Ok(arn::arn_match(&policy.pattern, request)),
        OperatorFamily::Null => Ok(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::PolicyType;
    use crate::request::{Request, RequestInput};

    /// Evaluate the first statement's Condition of `policy` against `context`: (matched, notes).
    fn run(condition: &str, context: &[(&str, &str)]) -> (bool, Vec<NoteId>) {
        let text = format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {condition}}}]}}"#
        );
        let (policy, _) = crate::policy::lower::lower(&text, PolicyType::Identity);
        let block = policy
            .statements
            .first()
            .and_then(|s| s.condition.clone())
            .unwrap_or_else(|| panic!("no condition in {text}"));
        let input = RequestInput {
            principal: "arn:aws:iam::111122223333:user/alice".into(),
            action: "s3:GetObject".into(),
            resource: "*".into(),
            resource_account: None,
            spans: Default::default(),
            context: context
                .iter()
                .map(|(k, v)| (k.to_string(), ContextValue::Single(v.to_string())))
                .collect(),
        };
        let request = Request::build(&input).unwrap_or_else(|_| panic!("bad request"));
        let mut notes = Vec::new();
        let trace = evaluate(&block, &request.context, &mut notes);
        (trace.matched, notes)
    }

    #[test]
    fn negated_operator_with_unparsable_value_is_true_and_noted() {
        let ip = [("aws:SourceIp", "203.0.113.5")];
        assert_eq!(
            run(
                r#"{"NotIpAddress": {"aws:SourceIp": "203.0.113.0/33"}}"#,
                &ip
            ),
            (true, vec![NoteId::A31])
        );
        assert_eq!(
            run(
                r#"{"NumericNotEquals": {"s3:max-keys": "ten"}}"#,
                &[("s3:max-keys", "10")]
            ),
            (true, vec![NoteId::A31])
        );
        let bad_date = [("aws:CurrentTime", "yesterday")];
        assert_eq!(
            run(
                r#"{"DateNotEquals": {"aws:CurrentTime": "2024-06-01"}}"#,
                &bad_date
            ),
            (true, vec![NoteId::A31])
        );
        // Another value matches: the negated operator is false and the bad value did not decide it.
        let (matched, notes) = run(
            r#"{"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/33", "203.0.113.0/24"]}}"#,
            &ip,
        );
        assert!(!matched);
        assert!(!notes.contains(&NoteId::A31), "{notes:?}");
        // A positive operator is simply false, with no note.
        let (matched, notes) = run(r#"{"IpAddress": {"aws:SourceIp": "203.0.113.0/33"}}"#, &ip);
        assert!(!matched);
        assert!(!notes.contains(&NoteId::A31), "{notes:?}");
    }

    #[test]
    fn bool_variable_is_not_resolved_and_noted() {
        let context = [("aws:SecureTransport", "true"), ("aws:username", "true")];
        let (matched, notes) = run(
            r#"{"Bool": {"aws:SecureTransport": "${aws:username}"}}"#,
            &context,
        );
        assert!(!matched);
        assert!(notes.contains(&NoteId::A32), "{notes:?}");
        // Missing key: decided by the missing-key rule, no A32.
        let (matched, notes) = run(
            r#"{"Bool": {"aws:SecureTransport": "${aws:username}"}}"#,
            &[],
        );
        assert!(!matched);
        assert!(!notes.contains(&NoteId::A32), "{notes:?}");
    }
}
