//! JSON → policy model. Never fails: returns the model it could build plus every diagnostic
//! (one bad statement does not hide the others).
//!
//! Element rules: <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html>;
//! codes: <https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html>.
//! The checks beyond the shape (quotas, over-grants, the rules of each policy type, operators
//! against keys and values) are in `lint.rs`; lowering calls them element by element.

use iam_json::{Member, Span, Value, ValueKind};

use super::*;
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Path};
use crate::fuzzy::suggest;
use crate::variables::{Template, VarProblem};

use super::lint::Lint;

const TOP_LEVEL: [&str; 3] = ["Version", "Id", "Statement"];
const STATEMENT_ELEMENTS: [&str; 9] = [
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
];
const PRINCIPAL_KEYS: [&str; 4] = ["AWS", "Service", "Federated", "CanonicalUser"];

/// Lower one policy text.
pub(crate) fn lower(text: &str, policy_type: PolicyType) -> (Policy, Vec<Diagnostic>) {
    lower_with(text, policy_type, LintOptions::default())
}

/// [`lower`], with what is known about the policy beyond its type.
pub(crate) fn lower_with(
    text: &str,
    policy_type: PolicyType,
    options: LintOptions,
) -> (Policy, Vec<Diagnostic>) {
    let (policy, diagnostics, _) = lower_keeping_tree(text, policy_type, options);
    (policy, diagnostics)
}

/// [`lower_with`], also returning the JSON tree (for checks that need JSON paths after lowering).
pub(crate) fn lower_keeping_tree(
    text: &str,
    policy_type: PolicyType,
    options: LintOptions,
) -> (Policy, Vec<Diagnostic>, Option<Value>) {
    lower_parsed(text, None, policy_type, options)
}

/// [`lower_keeping_tree`], from the document's tree when it was already parsed (`parsed`: the tree
/// of `text`, spans relative to it, as a scenario file's reader keeps it): then `text` is not parsed
/// again, and the returned tree is `None` (the caller has it).
pub(crate) fn lower_parsed(
    text: &str,
    parsed: Option<&Value>,
    policy_type: PolicyType,
    options: LintOptions,
) -> (Policy, Vec<Diagnostic>, Option<Value>) {
    let mut cx = Lowerer {
        policy_type,
        role_trust: policy_type == PolicyType::Resource && options.role_trust_policy,
        diagnostics: Vec::new(),
        version: Version::Missing,
        operator_names: Vec::new(),
    };
    if let Some(root) = parsed {
        cx.lint().size(text);
        let policy = cx.document(root);
        return (policy, cx.diagnostics, None);
    }
    let parse = iam_json::parse(text);
    let whole = Span::new(0, text.len());
    for error in &parse.errors {
        cx.diagnostics.push(Diagnostic::new(
            Code::JSON_SYNTAX_ERROR,
            error.span,
            "",
            error.message.clone(),
        ));
    }
    for warning in &parse.warnings {
        cx.diagnostics.push(
            Diagnostic::new(
                Code::JSON_SYNTAX_ERROR,
                warning.span,
                "",
                warning.message.clone(),
            )
            .with_help("AWS accepts only strict JSON"),
        );
    }
    let Some(root) = parse.value else {
        return (Policy::unparsed(whole), cx.diagnostics, None);
    };
    cx.lint().size(text);
    let policy = cx.document(&root);
    (policy, cx.diagnostics, Some(root))
}

struct Lowerer {
    policy_type: PolicyType,
    /// A resource policy known to be a role's trust policy ([`LintOptions::role_trust_policy`]).
    role_trust: bool,
    diagnostics: Vec<Diagnostic>,
    version: Version,
    /// Every condition operator name, built at the first unknown operator (for "did you mean"),
    /// then reused: a block of many unknown operators built it for each.
    operator_names: Vec<String>,
}

impl Lowerer {
    /// The checks of `lint.rs`, writing to this policy's diagnostics.
    fn lint(&mut self) -> Lint<'_> {
        Lint {
            policy_type: self.policy_type,
            role_trust: self.role_trust,
            version: self.version,
            out: &mut self.diagnostics,
        }
    }

    fn push(&mut self, code: Code, span: Span, path: &Path, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::new(code, span, path.render(), message));
    }

    fn push_help(
        &mut self,
        code: Code,
        span: Span,
        path: &Path,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.diagnostics
            .push(Diagnostic::new(code, span, path.render(), message).with_help(help));
    }

    /// [`Lowerer::push_help`] for a misspelled name (the JSON string at `span`) with its "did you
    /// mean": the quick fix writes `suggestion` there.
    fn push_suggestion(
        &mut self,
        code: Code,
        span: Span,
        path: &Path,
        message: impl Into<String>,
        help: impl Into<String>,
        suggestion: Option<&str>,
    ) {
        let mut d = Diagnostic::new(code, span, path.render(), message).with_help(help);
        if let Some(s) = suggestion {
            d = d.with_string_fix(span, s);
        }
        self.diagnostics.push(d);
    }

    /// Report unknown, misspelled and duplicate members; return the known ones (the last of duplicates).
    fn members<'v>(
        &mut self,
        members: &'v [Member],
        known: &[&'static str],
        path: &Path,
        what: &str,
    ) -> Vec<(&'static str, &'v Member)> {
        let mut out: Vec<(&'static str, &'v Member)> = Vec::new();
        for member in members {
            if let Some(name) = known.iter().find(|k| **k == member.key) {
                if let Some(slot) = out.iter_mut().find(|(k, _)| k == name) {
                    let first_span = slot.1.key_span;
                    self.diagnostics.push(
                        Diagnostic::new(
                            Code::DUPLICATE_ELEMENT,
                            member.key_span,
                            path.key(name).render(),
                            format!("`{name}` appears twice in this {what}; AWS rejects the policy, and iamplay uses the last one"),
                        )
                        .with_label(first_span, "first here"),
                    );
                    slot.1 = member;
                } else {
                    out.push((name, member));
                }
            } else {
                let suggestion = suggest(&member.key, known.iter().copied());
                let mut message = format!("`{}` is not a {what} element", member.key);
                let help = match &suggestion {
                    Some(s) => {
                        message.push_str(&format!("; did you mean `{s}`?"));
                        format!("element names are case-sensitive: write `{s}`")
                    }
                    None => format!("a {what} has the elements {}", list(known)),
                };
                self.push_suggestion(
                    Code::INVALID_POLICY_ELEMENT,
                    member.key_span,
                    &path.key(&member.key),
                    message,
                    help,
                    suggestion.as_deref(),
                );
            }
        }
        out
    }

    fn document(&mut self, root: &Value) -> Policy {
        let path = Path::root();
        let Some(members) = root.as_object() else {
            self.push(
                Code::DATA_TYPE_MISMATCH,
                root.span,
                &path,
                format!(
                    "a policy document is a JSON object, found {}",
                    article(root)
                ),
            );
            return Policy::unparsed(root.span);
        };
        let known = self.members(members, &TOP_LEVEL, &path, "policy");
        let get = |name: &str| known.iter().find(|(k, _)| *k == name).map(|(_, m)| *m);

        match get("Version") {
            None => self.push_help(
                Code::MISSING_VERSION,
                Span::new(root.span.start as usize, root.span.start as usize + 1),
                &path,
                "the policy has no `Version`, so it is read as version 2008-10-17, where policy variables are literal text",
                "add \"Version\": \"2012-10-17\"",
            ),
            Some(m) => match m.value.as_str() {
                Some("2012-10-17") => self.version = Version::V2012,
                Some("2008-10-17") => self.version = Version::V2008,
                _ => self.push_help(
                    Code::INVALID_VERSION,
                    m.value.span,
                    &path.key("Version"),
                    format!(
                        "`{}` is not a policy language version",
                        m.value.scalar_text().unwrap_or_else(|| m.value.type_name().to_string())
                    ),
                    "use \"2012-10-17\" (current) or \"2008-10-17\"",
                ),
            },
        }
        if let Some(m) = get("Id") {
            if m.value.as_str().is_none() {
                self.push(
                    Code::DATA_TYPE_MISMATCH,
                    m.value.span,
                    &path.key("Id"),
                    format!("`Id` must be a string, found {}", article(&m.value)),
                );
            }
        }
        let mut statements = Vec::new();
        match get("Statement") {
            None => self.push(
                Code::MISSING_STATEMENT,
                root.span,
                &path,
                "the policy has no `Statement` element",
            ),
            Some(m) => match &m.value.kind {
                ValueKind::Object(_) => {
                    statements.push(self.statement(0, &m.value, &path.key("Statement")))
                }
                ValueKind::Array(items) => {
                    if items.is_empty() {
                        self.push(
                            Code::MISSING_STATEMENT,
                            m.value.span,
                            &path.key("Statement"),
                            "the `Statement` list is empty",
                        );
                    }
                    for (index, item) in items.iter().enumerate() {
                        let statement_key = path.key("Statement");
                        let spath = statement_key.index(index);
                        if item.as_object().is_some() {
                            statements.push(self.statement(index, item, &spath));
                        } else {
                            self.push(
                                Code::DATA_TYPE_MISMATCH,
                                item.span,
                                &spath,
                                format!("a statement is a JSON object, found {}", article(item)),
                            );
                        }
                    }
                }
                _ => self.push(
                    Code::DATA_TYPE_MISMATCH,
                    m.value.span,
                    &path.key("Statement"),
                    format!(
                        "`Statement` must be an object or a list of objects, found {}",
                        article(&m.value)
                    ),
                ),
            },
        }
        self.lint().sids(&statements);
        Policy {
            version: self.version,
            statements,
            span: root.span,
            parsed: true,
        }
    }

    fn statement(&mut self, index: usize, value: &Value, path: &Path) -> Statement {
        let members = value.as_object().unwrap_or(&[]);
        let known = self.members(members, &STATEMENT_ELEMENTS, path, "statement");
        let get = |name: &str| known.iter().find(|(k, _)| *k == name).map(|(_, m)| *m);
        let mut problems: Vec<String> = Vec::new();

        let sid = get("Sid").and_then(|m| self.sid(m, path));

        let effect = self.effect(get("Effect"), value, path, &mut problems);

        // Principal / NotPrincipal
        let principal = self.principal_element(
            get("Principal"),
            get("NotPrincipal"),
            value,
            path,
            &mut problems,
        );

        // Action / NotAction
        let action = match (get("Action"), get("NotAction")) {
            (Some(a), Some(n)) => {
                self.push(
                    Code::UNSUPPORTED_ELEMENT_COMBINATION,
                    n.key_span,
                    &path.key("NotAction"),
                    "a statement cannot have both `Action` and `NotAction`",
                );
                let _ = a;
                problems.push("it has both Action and NotAction".into());
                None
            }
            (None, None) => {
                self.push(
                    Code::MISSING_ACTION,
                    value.span,
                    path,
                    "the statement has no `Action` or `NotAction`",
                );
                problems.push("it has no Action or NotAction".into());
                None
            }
            (Some(m), None) => self.action_element(m, false, path, &mut problems),
            (None, Some(m)) => self.action_element(m, true, path, &mut problems),
        };
        if self.policy_type == PolicyType::Rcp {
            if let Some(m) = get("NotAction") {
                self.push(
                    Code::RCP_SYNTAX_ERROR_NOTACTION,
                    m.key_span,
                    &path.key("NotAction"),
                    "resource control policies do not support `NotAction`",
                );
            }
        }

        // Resource / NotResource
        let only_sts = action
            .as_ref()
            .map(|a| {
                !a.negated
                    && !a.patterns.is_empty()
                    && a.patterns
                        .iter()
                        .all(|p| p.text.to_ascii_lowercase().starts_with("sts:"))
            })
            .unwrap_or(false);
        let resource = match (get("Resource"), get("NotResource")) {
            (Some(_), Some(n)) => {
                self.push(
                    Code::UNSUPPORTED_ELEMENT_COMBINATION,
                    n.key_span,
                    &path.key("NotResource"),
                    "a statement cannot have both `Resource` and `NotResource`",
                );
                problems.push("it has both Resource and NotResource".into());
                None
            }
            (None, None) => {
                // A role trust policy applies to its role: it has no Resource (and may not have one).
                if !(self.role_trust || (self.policy_type == PolicyType::Resource && only_sts)) {
                    self.push_help(
                        Code::MISSING_RESOURCE,
                        value.span,
                        path,
                        "the statement has no `Resource` or `NotResource`",
                        "only role trust policies may leave the resource out",
                    );
                    problems.push("it has no Resource or NotResource".into());
                }
                None
            }
            (Some(m), None) => self.resource_element(m, false, path, &mut problems),
            (None, Some(m)) => self.resource_element(m, true, path, &mut problems),
        };

        if self.role_trust {
            for name in ["NotPrincipal", "Resource", "NotResource"] {
                if let Some(m) = get(name) {
                    self.lint().role_trust_element(name, m, path);
                }
            }
            if let Some(a) = &action {
                self.lint().role_trust_actions(a, path);
            }
            if let Some(p) = &principal {
                self.lint().role_trust_federated(p, path);
            }
        }

        let condition =
            get("Condition").and_then(|m| self.condition(m, &path.key("Condition"), &mut problems));

        let statement = Statement {
            index,
            span: value.span,
            sid,
            effect,
            principal,
            action,
            resource,
            condition,
            problem: if problems.is_empty() {
                None
            } else {
                Some(problems.join("; "))
            },
        };
        self.lint().statement(&statement, path);
        statement
    }

    /// The `Effect` element: `Allow` or `Deny`, case-sensitive.
    fn effect(
        &mut self,
        member: Option<&Member>,
        value: &Value,
        path: &Path,
        problems: &mut Vec<String>,
    ) -> Option<Spanned<Effect>> {
        match member {
            None => {
                self.push(
                    Code::MISSING_EFFECT,
                    value.span,
                    path,
                    "the statement has no `Effect`",
                );
                problems.push("it has no Effect".into());
                None
            }
            Some(m) => match m.value.as_str() {
                Some("Allow") => Some(Spanned {
                    value: Effect::Allow,
                    span: m.value.span,
                }),
                Some("Deny") => Some(Spanned {
                    value: Effect::Deny,
                    span: m.value.span,
                }),
                None => {
                    self.push_help(
                        Code::INVALID_EFFECT,
                        m.value.span,
                        &path.key("Effect"),
                        format!("`Effect` must be a string, found {}", article(&m.value)),
                        "`Effect` is `\"Allow\"` or `\"Deny\"`",
                    );
                    problems.push("its Effect is not a string".into());
                    None
                }
                Some(shown) => {
                    let shown = shown.to_string();
                    let help = match suggest(&shown, ["Allow", "Deny"]) {
                        Some(s) => format!("`Effect` is case-sensitive: write `\"{s}\"`"),
                        None => "`Effect` is `\"Allow\"` or `\"Deny\"`".to_string(),
                    };
                    self.push_help(
                        Code::INVALID_EFFECT,
                        m.value.span,
                        &path.key("Effect"),
                        format!("`{shown}` is not a valid Effect"),
                        help,
                    );
                    problems.push(format!("its Effect `{shown}` is invalid"));
                    None
                }
            },
        }
    }

    fn sid(&mut self, m: &Member, path: &Path) -> Option<Spanned<String>> {
        let spath = path.key("Sid");
        let Some(text) = m.value.as_str().map(str::to_string) else {
            self.push(
                Code::DATA_TYPE_MISMATCH,
                m.value.span,
                &spath,
                format!("`Sid` must be a string, found {}", article(&m.value)),
            );
            return None;
        };
        if text.is_empty() {
            self.push(
                Code::EMPTY_SID_VALUE,
                m.value.span,
                &spath,
                "the Sid is empty",
            );
        } else if self.policy_type != PolicyType::Resource
            && !text.chars().all(|c| c.is_ascii_alphanumeric())
        {
            self.push_help(
                Code::UNSUPPORTED_SID,
                m.value.span,
                &spath,
                format!("Sid `{text}` has characters IAM does not accept"),
                "in IAM policies a Sid may contain only letters A-Z, a-z and digits 0-9",
            );
        }
        Some(Spanned {
            value: text,
            span: m.value.span,
        })
    }

    /// String or list of strings (`Action`, `Resource`, principal values).
    fn string_list(
        &mut self,
        value: &Value,
        path: &Path,
        element: &str,
    ) -> Option<Vec<(String, Span)>> {
        match &value.kind {
            ValueKind::String(s) => Some(vec![(s.clone(), value.span)]),
            ValueKind::Array(items) => {
                let mut out = Vec::new();
                let mut ok = true;
                for (i, item) in items.iter().enumerate() {
                    match item.as_str() {
                        Some(s) => out.push((s.to_string(), item.span)),
                        None => {
                            ok = false;
                            self.push(
                                Code::DATA_TYPE_MISMATCH,
                                item.span,
                                &path.index(i),
                                format!(
                                    "each `{element}` value must be a string, found {}",
                                    article(item)
                                ),
                            );
                        }
                    }
                }
                ok.then_some(out)
            }
            _ => {
                self.push(
                    Code::DATA_TYPE_MISMATCH,
                    value.span,
                    path,
                    format!(
                        "`{element}` must be a string or a list of strings, found {}",
                        article(value)
                    ),
                );
                None
            }
        }
    }

    fn action_element(
        &mut self,
        m: &Member,
        negated: bool,
        path: &Path,
        problems: &mut Vec<String>,
    ) -> Option<ActionElement> {
        let name = if negated { "NotAction" } else { "Action" };
        let apath = path.key(name);
        let Some(values) = self.string_list(&m.value, &apath, name) else {
            problems.push(format!("its {name} is not a string or a list of strings"));
            return None;
        };
        if values.is_empty() {
            self.push(
                Code::EMPTY_ARRAY_ACTION,
                m.value.span,
                &apath,
                format!("the `{name}` list is empty, so it matches no action"),
            );
        }
        let many = matches!(m.value.kind, ValueKind::Array(_));
        let mut patterns = Vec::new();
        for (i, (text, span)) in values.into_iter().enumerate() {
            let vpath = if many { apath.index(i) } else { apath };
            if text.contains("${") {
                self.push(
                    Code::VARIABLE_UNSUPPORTED_IN_ELEMENT,
                    span,
                    &vpath,
                    format!("policy variables are not substituted in `{name}`; `{text}` is read literally"),
                );
            }
            if text != "*" {
                match text.split_once(':') {
                    Some((service, action)) if !service.is_empty() && !action.is_empty() => {
                        if service.contains('*') || service.contains('?') {
                            self.push_help(
                                Code::WILDCARD_IN_SERVICE_NAME,
                                span,
                                &vpath,
                                format!("the service prefix `{service}` contains a wildcard"),
                                "name the service exactly, e.g. `s3:GetObject`; a wildcard in the prefix can match services you did not intend",
                            );
                        }
                        if self.policy_type == PolicyType::Scp {
                            let wildcard_not_at_end = action
                                .char_indices()
                                .any(|(i, c)| (c == '*' || c == '?') && i + 1 != action.len())
                                || action.contains('?');
                            if wildcard_not_at_end {
                                self.push(
                                    Code::SCP_SYNTAX_ERROR_ACTION_WILDCARD,
                                    span,
                                    &vpath,
                                    format!("in an SCP a wildcard may only end the action name: `{text}`"),
                                );
                            }
                        }
                    }
                    _ => self.push_help(
                        Code::INVALID_ACTION_FORMAT,
                        span,
                        &vpath,
                        format!(
                            "`{text}` is not an action: actions are written `service:ActionName`"
                        ),
                        "for example `s3:GetObject`, `s3:Get*` or `*`",
                    ),
                }
            }
            patterns.push(ActionPattern {
                pattern: Pattern::wildcards(&text),
                text,
                span,
            });
        }
        Some(ActionElement {
            negated,
            key_span: m.key_span,
            patterns,
        })
    }

    fn resource_element(
        &mut self,
        m: &Member,
        negated: bool,
        path: &Path,
        problems: &mut Vec<String>,
    ) -> Option<ResourceElement> {
        let name = if negated { "NotResource" } else { "Resource" };
        let rpath = path.key(name);
        let Some(values) = self.string_list(&m.value, &rpath, name) else {
            problems.push(format!("its {name} is not a string or a list of strings"));
            return None;
        };
        if values.is_empty() {
            self.push(
                Code::EMPTY_ARRAY_RESOURCE,
                m.value.span,
                &rpath,
                format!("the `{name}` list is empty, so it matches no resource"),
            );
        }
        let many = matches!(m.value.kind, ValueKind::Array(_));
        let mut out = Vec::new();
        for (i, (text, span)) in values.into_iter().enumerate() {
            let vpath = if many { rpath.index(i) } else { rpath };
            let template = self.template(&text, span, &vpath, true);
            if text != "*" && !text.starts_with("arn:") && !text.chars().all(|c| c == '*') {
                self.push_help(
                    Code::INVALID_ARN_PREFIX,
                    span,
                    &vpath,
                    format!("`{text}` is not an ARN: resource ARNs start with `arn:`"),
                    "write the full ARN, e.g. `arn:aws:s3:::my-bucket/*`, or `*`",
                );
            } else if text.starts_with("arn:") {
                let fields = text.splitn(6, ':').count();
                let ends_with_star = text.ends_with('*');
                if fields < 6 && !ends_with_star {
                    self.push(
                        Code::MISSING_ARN_FIELD,
                        span,
                        &vpath,
                        format!("`{text}` has {fields} of the 6 ARN fields (`arn:partition:service:region:account:resource`)"),
                    );
                }
            }
            out.push(ResourceValue {
                text,
                span,
                template,
            });
        }
        Some(ResourceElement {
            negated,
            key_span: m.key_span,
            values: out,
        })
    }

    /// Parse a value that may hold policy variables, reporting problems at the right place.
    fn template(
        &mut self,
        text: &str,
        span: Span,
        path: &Path,
        variables_allowed: bool,
    ) -> Template {
        let enabled = self.version.variables_enabled() && variables_allowed;
        if !self.version.variables_enabled() && variables_allowed && text.contains("${") {
            self.push_help(
                Code::VARIABLE_UNSUPPORTED_IN_VERSION,
                span,
                path,
                format!("`{text}` uses a policy variable, but variables work only with \"Version\": \"2012-10-17\"; here it is literal text"),
                "add \"Version\": \"2012-10-17\" to the policy",
            );
        }
        let (template, problems) = Template::parse(text, enabled);
        for VarProblem {
            code,
            start,
            end,
            message,
        } in problems
        {
            let inner = Span::new(
                span.start as usize + 1 + start,
                span.start as usize + 1 + end,
            );
            // Only precise when the JSON string has no escapes (raw length = decoded length + quotes).
            let precise = span.len() as usize == text.len() + 2;
            self.push(code, if precise { inner } else { span }, path, message);
        }
        template
    }

    // long: `Principal`/`NotPrincipal` in every form (`*`, a string, an object of AWS/Service/Federated/CanonicalUser lists) with each policy type's rules, as one walk of the JSON. Not split yet (issue 8)
    fn principal_element(
        &mut self,
        principal: Option<&Member>,
        not_principal: Option<&Member>,
        statement: &Value,
        path: &Path,
        problems: &mut Vec<String>,
    ) -> Option<PrincipalElement> {
        let member = match (principal, not_principal) {
            (Some(_), Some(n)) => {
                self.push(
                    Code::UNSUPPORTED_ELEMENT_COMBINATION,
                    n.key_span,
                    &path.key("NotPrincipal"),
                    "a statement cannot have both `Principal` and `NotPrincipal`",
                );
                problems.push("it has both Principal and NotPrincipal".into());
                return None;
            }
            (Some(m), None) => (m, false),
            (None, Some(m)) => (m, true),
            (None, None) => {
                match self.policy_type {
                    PolicyType::Resource => {
                        self.push(Code::MISSING_PRINCIPAL, statement.span, path, "a statement in a resource-based policy must name a `Principal` or `NotPrincipal`");
                        problems.push("it has no Principal".into());
                    }
                    PolicyType::VpcEndpoint => {
                        self.push_help(Code::MISSING_PRINCIPAL, statement.span, path, "a statement in a VPC endpoint policy must have a `Principal` element", "use `\"Principal\": \"*\"` and narrow it with an `aws:PrincipalArn` condition (gateway endpoints accept only `*`)");
                        problems.push("it has no Principal".into());
                    }
                    PolicyType::Rcp => self.push_help(
                        Code::RCP_SYNTAX_ERROR_PRINCIPAL,
                        statement.span,
                        path,
                        "a statement in an RCP must have `\"Principal\": \"*\"`; iamplay reads it as `*`",
                        "scope an RCP with conditions such as `aws:PrincipalOrgID`, not with the Principal element",
                    ),
                    _ => {}
                }
                return None;
            }
        };
        let (m, negated) = member;
        let name = if negated { "NotPrincipal" } else { "Principal" };
        let ppath = path.key(name);
        match self.policy_type {
            PolicyType::Identity | PolicyType::PermissionsBoundary | PolicyType::Session => {
                self.push_help(
                    Code::UNSUPPORTED_PRINCIPAL,
                    m.key_span,
                    &ppath,
                    format!("`{name}` is not allowed in {}; iamplay ignores it", with_article(self.policy_type.describe())),
                    "the policy applies to the identity it is attached to; name principals only in resource-based policies",
                );
                return None;
            }
            PolicyType::Scp => {
                self.push(
                    Code::SCP_SYNTAX_ERROR_PRINCIPAL,
                    m.key_span,
                    &ppath,
                    format!("SCPs do not support `{name}`; iamplay ignores it"),
                );
                return None;
            }
            PolicyType::Rcp => {
                if negated || m.value.as_str() != Some("*") {
                    self.push(
                        Code::RCP_SYNTAX_ERROR_PRINCIPAL,
                        m.value.span,
                        &ppath,
                        "RCPs support only `\"Principal\": \"*\"`",
                    );
                }
            }
            PolicyType::Resource => {}
            PolicyType::VpcEndpoint => {
                if negated {
                    self.push_help(
                        Code::VPC_ENDPOINT_POLICY_NOT_PRINCIPAL,
                        m.key_span,
                        &ppath,
                        "AWS's endpoint-policy page documents only `Principal` in VPC endpoint policies",
                        "use `\"Principal\": \"*\"` with an `aws:PrincipalArn` condition (`ArnNotEquals` to exclude principals)",
                    );
                }
            }
        }
        let mut entries = Vec::new();
        match &m.value.kind {
            ValueKind::String(s) => {
                if s == "*" {
                    entries.push(PrincipalEntry {
                        kind: PrincipalEntryKind::Everyone,
                        value: s.clone(),
                        span: m.value.span,
                    });
                } else {
                    self.push_help(
                        Code::INVALID_PRINCIPAL_FORMAT,
                        m.value.span,
                        &ppath,
                        format!("`{s}` must be inside a principal map"),
                        format!(
                            "write {{\"AWS\": \"{s}\"}} (or \"Service\" for a service principal)"
                        ),
                    );
                    entries.push(PrincipalEntry {
                        kind: PrincipalEntryKind::Aws,
                        value: s.clone(),
                        span: m.value.span,
                    });
                }
            }
            ValueKind::Object(members) => {
                if members.is_empty() {
                    self.push(
                        Code::EMPTY_OBJECT_PRINCIPAL,
                        m.value.span,
                        &ppath,
                        format!("the `{name}` map is empty, so it matches no principal"),
                    );
                }
                for member in members {
                    let kind = match member.key.as_str() {
                        "AWS" => PrincipalEntryKind::Aws,
                        "Service" => PrincipalEntryKind::Service,
                        "Federated" => PrincipalEntryKind::Federated,
                        "CanonicalUser" => PrincipalEntryKind::CanonicalUser,
                        other => {
                            let mut message = format!("`{other}` is not a principal type");
                            let suggestion = suggest(other, PRINCIPAL_KEYS);
                            if let Some(s) = &suggestion {
                                message.push_str(&format!("; did you mean `{s}`?"));
                            }
                            self.push_suggestion(
                                Code::INVALID_PRINCIPAL_KEY,
                                member.key_span,
                                &ppath.key(other),
                                message,
                                "principal types are `AWS`, `Service`, `Federated` and `CanonicalUser`",
                                suggestion.as_deref(),
                            );
                            continue;
                        }
                    };
                    let kpath = ppath.key(&member.key);
                    let Some(values) = self.string_list(&member.value, &kpath, name) else {
                        continue;
                    };
                    if values.is_empty() {
                        self.push(
                            Code::EMPTY_ARRAY_PRINCIPAL,
                            member.value.span,
                            &kpath,
                            "the principal list is empty",
                        );
                    }
                    for (value, span) in values {
                        if value.contains("${") {
                            self.push(
                                Code::VARIABLE_UNSUPPORTED_IN_ELEMENT,
                                span,
                                &kpath,
                                "policy variables are not substituted in `Principal`",
                            );
                        }
                        if kind == PrincipalEntryKind::Aws {
                            self.lint().aws_principal(&value, span, &kpath);
                        }
                        entries.push(PrincipalEntry { kind, value, span });
                    }
                }
            }
            _ => {
                self.push(
                    Code::DATA_TYPE_MISMATCH,
                    m.value.span,
                    &ppath,
                    format!(
                        "`{name}` must be `\"*\"` or a map such as {{\"AWS\": …}}, found {}",
                        article(&m.value)
                    ),
                );
                problems.push(format!("its {name} is malformed"));
                return None;
            }
        }
        Some(PrincipalElement {
            negated,
            key_span: m.key_span,
            entries,
        })
    }

    fn condition(
        &mut self,
        m: &Member,
        path: &Path,
        problems: &mut Vec<String>,
    ) -> Option<ConditionBlock> {
        let Some(operators) = m.value.as_object() else {
            self.push(
                Code::DATA_TYPE_MISMATCH,
                m.value.span,
                path,
                format!(
                    "`Condition` must be an object of operators, found {}",
                    article(&m.value)
                ),
            );
            problems.push("its Condition is malformed".into());
            return None;
        };
        if operators.is_empty() {
            self.push(
                Code::EMPTY_OBJECT_CONDITION,
                m.value.span,
                path,
                "the `Condition` block is empty",
            );
        }
        // Repeated operators and keys by sorting (comparing each with those before it was
        // quadratic in a block of many).
        let repeated_ops = crate::order::earlier_equal(operators.len(), &|a, b| {
            operators
                .get(a)
                .map(|m| &m.key)
                .cmp(&operators.get(b).map(|m| &m.key))
        });
        let mut out = Vec::new();
        for (op_index, op_member) in operators.iter().enumerate() {
            let opath = path.key(&op_member.key);
            let first = repeated_ops
                .get(op_index)
                .copied()
                .flatten()
                .and_then(|i| operators.get(i));
            if let Some(first) = first.map(|m| m.key_span) {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::DUPLICATE_ELEMENT,
                        op_member.key_span,
                        opath.render(),
                        format!("operator `{}` appears twice in this Condition; put all its keys in one block", op_member.key),
                    )
                    .with_label(first, "first here"),
                );
            }
            let spec = OperatorSpec::parse(&op_member.key);
            if spec.is_none() {
                if self.operator_names.is_empty() {
                    self.operator_names = OperatorSpec::all_names();
                }
                let suggestion = suggest(
                    &op_member.key,
                    self.operator_names.iter().map(String::as_str),
                );
                let mut message = format!("`{}` is not a condition operator", op_member.key);
                if let Some(s) = &suggestion {
                    message.push_str(&format!("; did you mean `{s}`?"));
                }
                self.push_suggestion(
                    Code::INVALID_CONDITION_OPERATOR,
                    op_member.key_span,
                    &opath,
                    message,
                    "operators are written like `StringEquals`, `ForAnyValue:StringLike`, `DateGreaterThanIfExists`",
                    suggestion.as_deref(),
                );
                problems.push(format!(
                    "its condition operator `{}` is unknown",
                    op_member.key
                ));
            }
            let Some(keys) = op_member.value.as_object() else {
                self.push(
                    Code::DATA_TYPE_MISMATCH,
                    op_member.value.span,
                    &opath,
                    format!(
                        "`{}` must map condition keys to values, found {}",
                        op_member.key,
                        article(&op_member.value)
                    ),
                );
                problems.push(format!("its `{}` block is malformed", op_member.key));
                continue;
            };
            if let Some(spec) = spec {
                self.lint().operator(spec, op_member, &opath);
            }
            let mut entries = Vec::new();
            let lower_keys: Vec<String> = keys.iter().map(|k| k.key.to_lowercase()).collect();
            let repeated_keys = crate::order::earlier_equal(keys.len(), &|a, b| {
                lower_keys.get(a).cmp(&lower_keys.get(b))
            });
            for ((key_member, lower), repeated) in keys.iter().zip(&lower_keys).zip(&repeated_keys)
            {
                let kpath = opath.key(&key_member.key);
                if let Some(first) = repeated.and_then(|i| keys.get(i)) {
                    self.push(
                        if first.key == key_member.key { Code::DUPLICATE_ELEMENT } else { Code::DUPLICATE_KEYS_WITH_DIFFERENT_CASE },
                        key_member.key_span,
                        &kpath,
                        format!("condition key `{}` appears twice in `{}` (key names are case-insensitive)", key_member.key, op_member.key),
                    );
                }
                if let Some(entry) = self.condition_entry(spec, key_member, lower, &kpath, problems)
                {
                    entries.push(entry);
                }
            }
            out.push(ConditionOperator {
                name: op_member.key.clone(),
                span: op_member.key_span,
                spec,
                entries,
            });
        }
        Some(ConditionBlock {
            key_span: m.key_span,
            span: m.value.span,
            operators: out,
        })
    }

    fn condition_entry(
        &mut self,
        spec: Option<OperatorSpec>,
        m: &Member,
        lower_key: &str,
        path: &Path,
        problems: &mut Vec<String>,
    ) -> Option<ConditionEntry> {
        let raw: Vec<&Value> = match &m.value.kind {
            ValueKind::Array(items) => items.iter().collect(),
            _ => vec![&m.value],
        };
        let many = matches!(m.value.kind, ValueKind::Array(_));
        if many && raw.is_empty() {
            self.push(
                Code::EMPTY_ARRAY_CONDITION,
                m.value.span,
                path,
                format!("the value list of `{}` is empty", m.key),
            );
        }
        if let Some(spec) = spec {
            self.lint()
                .condition_key(spec, m, lower_key, raw.len(), path);
        }
        let mut values = Vec::new();
        for (i, item) in raw.into_iter().enumerate() {
            let vpath = if many { path.index(i) } else { *path };
            let Some(text) = item
                .scalar_text()
                .filter(|_| !matches!(item.kind, ValueKind::Null))
            else {
                self.push(
                    Code::DATA_TYPE_MISMATCH,
                    item.span,
                    &vpath,
                    format!(
                        "a condition value must be a string, number or boolean, found {}",
                        article(item)
                    ),
                );
                problems.push(format!("a value of `{}` is malformed", m.key));
                return None;
            };
            let template = match spec {
                Some(spec) => self.condition_value(spec, &text, item.span, lower_key, &vpath),
                None => Template::literal(&text),
            };
            values.push(ConditionValue {
                text,
                span: item.span,
                template,
            });
        }
        Some(ConditionEntry {
            key: m.key.clone(),
            key_span: m.key_span,
            values_span: m.value.span,
            values,
        })
    }

    fn condition_value(
        &mut self,
        spec: OperatorSpec,
        text: &str,
        span: Span,
        lower_key: &str,
        path: &Path,
    ) -> Template {
        let base = spec.base;
        let has_variable = text.contains("${");
        if has_variable && !base.supports_variables() && self.version.variables_enabled() {
            self.push_help(
                Code::INVALID_VARIABLE_FOR_OPERATOR,
                span,
                path,
                format!("policy variables work only with String and ARN operators, not `{}`; `{text}` is read literally", base.as_str()),
                "compare the variable with a String or ARN operator",
            );
        }
        let template = self.template(text, span, path, base.supports_variables());
        if template.has_variables()
            || (has_variable && !base.supports_variables() && self.version.variables_enabled())
        {
            // Reported above (or substituted per request): no type check on the raw text.
            return template;
        }
        self.lint()
            .condition_value(base, text, span, lower_key, path);
        template
    }
}

fn article(value: &Value) -> String {
    match value.type_name() {
        "array" | "object" => format!("an {}", value.type_name()),
        "null" => "null".to_string(),
        other => format!("a {other}"),
    }
}

fn with_article(noun: &str) -> String {
    let vowel = noun
        .chars()
        .next()
        .is_some_and(|c| "aeiouAEIOU".contains(c));
    format!("{} {noun}", if vowel { "an" } else { "a" })
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
