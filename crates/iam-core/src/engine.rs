//! The engine behind the facade: a scenario's policies lowered (and linted) once into a
//! [`Prepared`], which evaluates one request or many (the access matrix, a workspace's requests);
//! the one-policy entry points (`parse_policy`, `lint_policy`…) and the catalog's findings.

use iam_json::{LineIndex, Span};
use serde::Serialize;

use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::policy::{self, LintOptions, Policy, PolicyType};
use std::rc::Rc;

use crate::scenario::{PolicyInput, Scenario};
use crate::trace::{Decision, Evaluation, Note, NoteId};
use crate::{eval, order, request, Catalog};

/// Everything iamplay knows about a scenario.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// Policy diagnostics (with `policy` set) and request diagnostics (`policy` unset).
    pub diagnostics: Vec<Diagnostic>,
    /// `None` when the request itself is malformed (see the request diagnostics).
    pub evaluation: Option<Evaluation>,
}

impl Report {
    pub fn decision(&self) -> Option<Decision> {
        self.evaluation.as_ref().map(|e| e.decision)
    }
}

/// How to analyze a scenario. `Options::default()` is the plain analysis.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options<'a> {
    /// The AWS service catalog: its checks join the diagnostics (unknown services, actions and
    /// condition keys, action patterns that match nothing, resources of a service the actions do
    /// not act on, operators that do not fit a key's type; `docs/catalog.md`), and RCPs apply only
    /// to the services it lists (docs/decisions.md A20).
    pub catalog: Option<&'a Catalog>,
    /// Without the catalog: the services that support RCPs (the catalog's `rcp_services`, any
    /// case). The playground's page evaluates with the list its catalog worker sends; the decision
    /// and trace are then those with the whole catalog, only the catalog's diagnostics are missing.
    pub rcp_services: Option<&'a [String]>,
}

/// Lint every policy, validate the request, and evaluate it.
// Inlined so that a caller without a catalog (the playground's page) does not link the catalog's
// checks: with `catalog: None` known at the call site, that branch is dropped (BENCHMARKS.md).
#[inline(always)]
pub fn analyze(scenario: &Scenario, options: &Options<'_>) -> Report {
    analyze_with(scenario, options, None)
}

/// [`analyze`], with the policies lowered through `cache` when one is given: the scenarios of one
/// workspace (its requests, their AssumeRole hops, the rows of "who can") and an [`Analyzer`]'s
/// successive scenarios share their documents, and each is lowered and linted once for all of them.
// Inlined for the same reason as `analyze`: `options` is a struct behind a reference, and only
// inlined does a caller's `catalog: None` reach `Prepared::with_cache` as a constant.
#[inline(always)]
pub(crate) fn analyze_with(
    scenario: &Scenario,
    options: &Options<'_>,
    cache: Option<&mut Lowerings>,
) -> Report {
    let prepared = Prepared::with_cache(scenario, options.catalog, cache);
    match (options.catalog, options.rcp_services) {
        (None, Some(services)) => prepared.with_rcp_services(services).report(),
        _ => prepared.report(),
    }
}

/// One policy text lowered and linted: the model and its diagnostics, positions filled in (the
/// policy index is set by each scenario that uses it).
pub(crate) struct Lowered {
    policy: Policy,
    diagnostics: Vec<Diagnostic>,
}

impl Lowered {
    fn new(input: &PolicyInput, options: LintOptions, catalog: Option<&Catalog>) -> Lowered {
        let (policy, mut diagnostics) = lower_and_check(
            &input.document,
            input.tree.get(&input.document),
            input.policy_type,
            options,
            catalog,
        );
        if !diagnostics.is_empty() {
            let lines = LineIndex::new(&input.document);
            for d in &mut diagnostics {
                d.start = Some(lines.line_col(d.span.start));
                d.end = Some(lines.line_col(d.span.end));
            }
        }
        Lowered {
            policy,
            diagnostics,
        }
    }
}

/// Analyses one scenario after another, keeping each policy it lowered for the next analysis while
/// the policy's text is unchanged: the playground analyses again on every keystroke, and an edit
/// changes one document of many, so the others are not lowered and linted again. After each
/// analysis it keeps only what that analysis used. The reports are those of [`analyze`].
#[derive(Default)]
pub struct Analyzer {
    cache: Lowerings,
}

impl Analyzer {
    /// [`analyze`], reusing what the previous analyses lowered.
    // Inlined like `analyze`, so that a caller's `catalog: None` drops the catalog's checks.
    #[inline(always)]
    pub fn analyze(&mut self, scenario: &Scenario, options: &Options<'_>) -> Report {
        self.cache.unmark();
        let report = analyze_with(scenario, options, Some(&mut self.cache));
        self.cache.keep_marked();
        report
    }
}

/// One policy text lowered, with what it was lowered for.
struct Entry {
    policy_type: PolicyType,
    options: LintOptions,
    /// Whether the catalog's checks ran on it.
    checked: bool,
    text: String,
    lowered: Rc<Lowered>,
    /// Used since the last [`Lowerings::unmark`].
    used: bool,
}

/// Policies already lowered, by text, type, lint options and whether the catalog checked them (see
/// [`analyze_with`]). A lookup compares lengths before texts, so a miss costs little.
#[derive(Default)]
pub(crate) struct Lowerings(Vec<Entry>);

impl Lowerings {
    fn get(
        &mut self,
        input: &PolicyInput,
        options: LintOptions,
        catalog: Option<&Catalog>,
    ) -> Rc<Lowered> {
        let text = input.document.as_str();
        let checked = catalog.is_some();
        let found = self.0.iter_mut().find(|e| {
            e.policy_type == input.policy_type
                && e.options == options
                && e.checked == checked
                && e.text.len() == text.len()
                && e.text == text
        });
        if let Some(entry) = found {
            entry.used = true;
            return entry.lowered.clone();
        }
        let lowered = Rc::new(Lowered::new(input, options, catalog));
        self.0.push(Entry {
            policy_type: input.policy_type,
            options,
            checked,
            text: text.to_string(),
            lowered: lowered.clone(),
            used: true,
        });
        lowered
    }

    /// Start counting which entries the next analysis uses.
    fn unmark(&mut self) {
        for e in &mut self.0 {
            e.used = false;
        }
    }

    /// Drop the entries the analysis since [`Lowerings::unmark`] did not use.
    fn keep_marked(&mut self) {
        self.0.retain(|e| e.used);
    }
}

/// A scenario's policies lowered (and linted) once, ready to evaluate many requests.
pub(crate) struct Prepared<'s> {
    scenario: &'s Scenario,
    lowered: Vec<Rc<Lowered>>,
    /// Policy diagnostics (positions filled in), then the scenario's problems.
    pub(crate) diagnostics: Vec<Diagnostic>,
    size_exceeded: bool,
    /// With a catalog: the services that support RCPs (lowercase prefixes).
    rcp_services: Option<Vec<String>>,
    /// By policy index: whether another policy has the same name (the same SCP attached at
    /// several nodes).
    shared_names: Vec<bool>,
}

impl<'s> Prepared<'s> {
    pub(crate) fn new(scenario: &'s Scenario, catalog: Option<&Catalog>) -> Prepared<'s> {
        Prepared::with_cache(scenario, catalog, None)
    }

    /// [`Prepared::new`], taking each policy from `cache` when it was already lowered.
    pub(crate) fn with_cache(
        scenario: &'s Scenario,
        catalog: Option<&Catalog>,
        mut cache: Option<&mut Lowerings>,
    ) -> Prepared<'s> {
        let mut diagnostics = Vec::new();
        let mut lowered = Vec::with_capacity(scenario.policies.len());
        // A role-trust request: the `resource` policy is the role's trust policy (A23).
        let options = LintOptions {
            role_trust_policy: scenario.request.targets_role_trust_policy(),
        };
        for (index, input) in scenario.policies.iter().enumerate() {
            let policy = match cache.as_deref_mut() {
                Some(cache) => {
                    let shared = cache.get(input, options, catalog);
                    diagnostics.extend(shared.diagnostics.iter().map(|d| {
                        let mut d = d.clone();
                        d.policy = Some(index);
                        d
                    }));
                    shared
                }
                None => {
                    let mut own = Lowered::new(input, options, catalog);
                    diagnostics.extend(own.diagnostics.drain(..).map(|mut d| {
                        d.policy = Some(index);
                        d
                    }));
                    Rc::new(own)
                }
            };
            lowered.push(policy);
        }
        let size_exceeded = diagnostics
            .iter()
            .any(|d| d.code.as_str().starts_with("POLICY_SIZE_EXCEEDS"));
        for (field, message) in scenario.problems() {
            diagnostics.push(Diagnostic::new(
                Code::INVALID_SCENARIO,
                Span::default(),
                field,
                message,
            ));
        }
        let shared_names = shared_names(scenario.policies.iter().map(|p| p.name.as_str()));
        Prepared {
            scenario,
            shared_names,
            lowered,
            diagnostics,
            size_exceeded,
            rcp_services: catalog.map(|c| {
                c.rcp_services
                    .iter()
                    .map(|s| s.to_ascii_lowercase())
                    .collect()
            }),
        }
    }

    /// Apply RCPs only to these services (docs/decisions.md A20).
    pub(crate) fn with_rcp_services(mut self, services: &[String]) -> Self {
        self.rcp_services = Some(services.iter().map(|s| s.to_ascii_lowercase()).collect());
        self
    }

    /// Validate the scenario's request and evaluate it: the whole report.
    fn report(mut self) -> Report {
        let evaluation = match request::Request::build(&self.scenario.request) {
            Ok(request) => Some(self.evaluate(&request)),
            Err(request_diagnostics) => {
                for mut d in request_diagnostics {
                    self.scenario.request.spans.place(&mut d);
                    self.diagnostics.push(d);
                }
                None
            }
        };
        Report {
            diagnostics: self.diagnostics,
            evaluation,
        }
    }

    /// Evaluate one request against the prepared policies.
    pub(crate) fn evaluate(&self, request: &request::Request) -> Evaluation {
        let units: Vec<eval::PolicyUnit<'_>> = self
            .scenario
            .policies
            .iter()
            .zip(&self.lowered)
            .enumerate()
            .map(|(index, (input, policy))| eval::PolicyUnit {
                name: &input.name,
                policy_type: input.policy_type,
                target: input.target.as_deref(),
                origin: input.origin.as_deref(),
                shared_name: self.shared_names.get(index).copied().unwrap_or(false),
                policy: &policy.policy,
            })
            .collect();
        let service = request
            .action
            .split(':')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let rcp_supported = self
            .rcp_services
            .as_ref()
            .map(|services| services.contains(&service));
        let mut evaluation = eval::evaluate(
            &units,
            request,
            self.scenario.organization.as_ref(),
            rcp_supported,
            self.scenario.block_public_access.as_ref(),
        );
        if self.size_exceeded {
            evaluation.notes.push(Note {
                id: NoteId::A23,
                at: None,
            });
        }
        evaluation
    }
}

/// For each name, whether another name in the list is the same (the same SCP attached at several
/// nodes). By sorting, O(n log n) (`order.rs`: a set, or a sort per element type, would add code to
/// the playground's wasm); comparing every pair was quadratic (10,000 policies took seconds).
pub(crate) fn shared_names<'a>(names: impl Iterator<Item = &'a str>) -> Vec<bool> {
    let names: Vec<&str> = names.collect();
    let cmp = |a: usize, b: usize| names.get(a).cmp(&names.get(b));
    let order = order::sorted_indices(names.len(), &cmp);
    let mut shared = vec![false; names.len()];
    for run in order::equal_runs(&order, &cmp).filter(|run| run.len() > 1) {
        for i in run {
            if let Some(slot) = shared.get_mut(*i) {
                *slot = true;
            }
        }
    }
    shared
}

/// Lower a policy (from its tree when the scenario's reader kept it) and, with a catalog, run the
/// catalog checks on it.
fn lower_and_check(
    text: &str,
    parsed: Option<&iam_json::Value>,
    policy_type: PolicyType,
    options: LintOptions,
    catalog: Option<&Catalog>,
) -> (Policy, Vec<Diagnostic>) {
    let (policy, mut diagnostics, root) =
        policy::lower::lower_parsed(text, parsed, policy_type, options);
    if let Some(catalog) = catalog {
        let root = root.as_ref().or(parsed);
        diagnostics.extend(policy::catalog_lint::check(&policy, root, catalog));
    }
    (policy, diagnostics)
}

/// What the AWS service catalog adds to a scenario's analysis, found with one lowering of each
/// policy and no evaluation: the catalog's diagnostics (positions filled in, as in a [`Report`]) and
/// every distinct `Action`/`NotAction` pattern of the policies, in order (to expand). The
/// playground's catalog worker answers with this after a typing pause, while the page keeps its own
/// analysis ([`analyze`] with [`Options::rcp_services`]).
pub fn catalog_findings(scenario: &Scenario, catalog: &Catalog) -> CatalogFindings {
    let mut out = CatalogFindings::default();
    let options = LintOptions {
        role_trust_policy: scenario.request.targets_role_trust_policy(),
    };
    for (index, input) in scenario.policies.iter().enumerate() {
        let parsed = input.tree.get(&input.document);
        let (policy, _, root) =
            policy::lower::lower_parsed(&input.document, parsed, input.policy_type, options);
        let found = policy::catalog_lint::check(&policy, root.as_ref().or(parsed), catalog);
        if !found.is_empty() {
            let lines = LineIndex::new(&input.document);
            for mut d in found {
                d.policy = Some(index);
                d.start = Some(lines.line_col(d.span.start));
                d.end = Some(lines.line_col(d.span.end));
                out.diagnostics.push(d);
            }
        }
        for st in &policy.statements {
            for pattern in st.action.iter().flat_map(|a| a.patterns.iter()) {
                if !out.action_patterns.contains(&pattern.text) {
                    out.action_patterns.push(pattern.text.clone());
                }
            }
        }
    }
    out
}

/// See [`catalog_findings`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CatalogFindings {
    pub diagnostics: Vec<Diagnostic>,
    pub action_patterns: Vec<String>,
}

/// Parse and lower one policy text: the model (with a span on every element) and its diagnostics.
/// Never fails; a text that is not JSON gives a model with `parsed: false`.
pub fn parse_policy(text: &str, policy_type: PolicyType) -> (Policy, Vec<Diagnostic>) {
    policy::lower::lower(text, policy_type)
}

/// [`parse_policy`], with what is known about the policy beyond its type (e.g. that a `resource`
/// policy is a role trust policy: [`LintOptions::ROLE_TRUST_POLICY`]).
pub fn parse_policy_with_options(
    text: &str,
    policy_type: PolicyType,
    options: LintOptions,
) -> (Policy, Vec<Diagnostic>) {
    policy::lower::lower_with(text, policy_type, options)
}

/// Lint one policy text of the given type (no request needed).
pub fn lint_policy(text: &str, policy_type: PolicyType) -> Vec<Diagnostic> {
    lint_policy_with_catalog(text, policy_type, None)
}

/// [`lint_policy`], with the catalog checks when a catalog is given.
pub fn lint_policy_with_catalog(
    text: &str,
    policy_type: PolicyType,
    catalog: Option<&Catalog>,
) -> Vec<Diagnostic> {
    lint_policy_with_options(text, policy_type, LintOptions::default(), catalog)
}

/// [`lint_policy_with_catalog`], with what is known about the policy beyond its type: with
/// [`LintOptions::ROLE_TRUST_POLICY`], a `resource` policy is linted as a role trust policy (the
/// 2,048-character quota and the trust-policy checks). [`analyze`] does this by itself when the
/// scenario's request is a role-trust request ([`RequestInput::targets_role_trust_policy`](crate::request::RequestInput::targets_role_trust_policy)).
pub fn lint_policy_with_options(
    text: &str,
    policy_type: PolicyType,
    options: LintOptions,
    catalog: Option<&Catalog>,
) -> Vec<Diagnostic> {
    let (_, mut diagnostics) = lower_and_check(text, None, policy_type, options, catalog);
    let lines = LineIndex::new(text);
    for d in &mut diagnostics {
        d.start = Some(lines.line_col(d.span.start));
        d.end = Some(lines.line_col(d.span.end));
    }
    diagnostics
}

/// The full names (`s3:GetObject`) of the actions an `Action` pattern matches, with IAM's
/// wildcard rules (the editor's hover and the trace show them).
pub fn expand_action(catalog: &Catalog, pattern: &str) -> Vec<String> {
    catalog.expand_names(pattern)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn scenario(statements: &[&str]) -> Scenario {
        let policies: Vec<String> = statements
            .iter()
            .enumerate()
            .map(|(i, s)| {
                format!(
                    r#"{{"name": "P{i}", "type": "identity", "document": {{"Version": "2012-10-17", "Statement": [{s}]}}}}"#
                )
            })
            .collect();
        crate::parse_scenario(&format!(
            r#"{{"request": {{"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}}, "policies": [{}]}}"#,
            policies.join(", ")
        ))
        .unwrap()
    }

    #[test]
    fn an_analyzer_lowers_only_what_changed_and_keeps_only_what_the_last_analysis_used() {
        let allow = r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}"#;
        let deny = r#"{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}"#;
        let other = r#"{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}"#;
        let mut analyzer = Analyzer::default();
        let first = scenario(&[allow, other]);
        let report = analyzer.analyze(&first, &Options::default());
        assert_eq!(report.decision(), Some(Decision::Allowed));
        assert_eq!(analyzer.cache.0.len(), 2);
        let kept = analyzer.cache.0[1].lowered.clone();
        // An edit of the first policy: the second is taken from the cache, the first lowered anew,
        // and the first's old text is dropped.
        let edited = scenario(&[deny, other]);
        let report = analyzer.analyze(&edited, &Options::default());
        assert_eq!(report.decision(), Some(Decision::ExplicitDeny));
        assert_eq!(analyzer.cache.0.len(), 2);
        assert!(analyzer
            .cache
            .0
            .iter()
            .any(|e| Rc::ptr_eq(&e.lowered, &kept)));
        assert!(analyzer
            .cache
            .0
            .iter()
            .all(|e| !e.text.contains("Allow\", \"Action\": \"s3:GetObject")));
        // The same reports as a fresh analysis, diagnostics and positions included.
        let fresh = analyze(&edited, &Options::default());
        assert_eq!(format!("{report:?}"), format!("{fresh:?}"));
    }
}
