//! What the page shows, derived from the inputs: the core's [`Report`], its [`Explanation`] (every
//! word about the decision, from the core), and the views the panels need (squiggles per policy,
//! the flowchart's nodes).
//! Computed in `app.rs` with `use_memo`; never stored in the state. No web-sys here.

use std::rc::Rc;

use iam_core::{
    explain, trace::Stage, trace::StageKind, trace::StageOutcome, Decision, Evaluation,
    Explanation, Report, Scenario, Severity,
};

use crate::editor::EditorDiagnostic;
use crate::offsets::Utf16Index;

/// Everything derived from one scenario.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// Shared with the analysis the catalog's diagnostics are added to ([`Analysis::with_extra`]).
    pub report: Rc<Report>,
    /// The diagnostics the AWS service catalog adds (after `report.diagnostics`).
    pub extra: Vec<iam_core::Diagnostic>,
    /// `explain(evaluation)`; `None` when the request is malformed.
    pub explanation: Rc<Option<Explanation>>,
    /// Squiggles for each policy, by scenario index, in UTF-16 offsets.
    pub editor_diagnostics: Vec<Rc<Vec<EditorDiagnostic>>>,
    /// Error counts by policy index (for the tab badges).
    pub error_counts: Vec<usize>,
    /// UTF-16 converters by policy index (for highlighting spans from the trace).
    pub offsets: Rc<Vec<Utf16Index>>,
    /// In a workspace: for each policy of this scenario, the editor tab (the document of the model)
    /// it came from. `None`: the scenario's policies are the tabs.
    pub docs: Option<Rc<Vec<Option<usize>>>>,
    /// By policy index: read-only in an exercise (empty: nothing is).
    pub read_only: Rc<Vec<bool>>,
}

impl PartialEq for Analysis {
    /// Two analyses of the same scenario are equal; the memo makes a new one only when inputs change.
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

thread_local! {
    /// The core analyses run so far in this page (or worker), and the milliseconds they took.
    static ANALYSES: std::cell::Cell<(u32, f64)> = const { std::cell::Cell::new((0, 0.0)) };
}

/// How many analyses this page has run (each `iam_core::analyze`, each `Workspace::lint` and
/// `Workspace::run`), and the milliseconds they took (0 off wasm). In the browser also
/// `globalThis.__iamplay_analyses` and `__iamplay_analysis_ms`, which the e2e specs and the bench
/// read: one analysis per edit, none for hovering, focusing or opening a step.
pub fn analyses() -> (u32, f64) {
    ANALYSES.with(std::cell::Cell::get)
}

/// The clock for [`counted`] (milliseconds; 0 off wasm, where nothing reads it).
fn clock() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

/// Count one analysis that started at `start` ([`clock`]).
fn counted(start: f64) {
    let (count, ms) = ANALYSES.with(|c| {
        let (count, ms) = c.get();
        let next = (count.wrapping_add(1), ms + (clock() - start));
        c.set(next);
        next
    });
    #[cfg(target_arch = "wasm32")]
    {
        let global = js_sys::global();
        let _ = js_sys::Reflect::set(&global, &"__iamplay_analyses".into(), &count.into());
        let _ = js_sys::Reflect::set(&global, &"__iamplay_analysis_ms".into(), &ms.into());
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (count, ms);
}

pub fn analyze(scenario: &Scenario) -> Analysis {
    analyze_with_rcp_services(scenario, None)
}

/// [`analyze`], or, once the catalog has said which services support RCPs, with that list
/// (docs/decisions.md A20): one analysis either way.
pub fn analyze_with_rcp_services(scenario: &Scenario, rcp_services: Option<&[String]>) -> Analysis {
    analyze_with(&mut iam_core::Analyzer::default(), scenario, rcp_services)
}

/// [`analyze_with_rcp_services`] with the page's analyzer, which keeps the policies it lowered for
/// the next analysis while their text is unchanged (a keystroke changes one document of many).
pub fn analyze_with(
    analyzer: &mut iam_core::Analyzer,
    scenario: &Scenario,
    rcp_services: Option<&[String]>,
) -> Analysis {
    let options = iam_core::Options {
        rcp_services,
        ..iam_core::Options::default()
    };
    let start = clock();
    let report = analyzer.analyze(scenario, &options);
    counted(start);
    from_report(scenario, report)
}

impl Analysis {
    /// This analysis plus the diagnostics the AWS service catalog adds (computed by the catalog
    /// worker: `iam_core::tools::catalog_findings`), without analysing again.
    pub fn with_extra(&self, extra: &[iam_core::Diagnostic]) -> Analysis {
        let all: Vec<&iam_core::Diagnostic> = self.report.diagnostics.iter().chain(extra).collect();
        let (editor_diagnostics, error_counts) = editor_views(&all, &self.offsets);
        Analysis {
            report: self.report.clone(),
            extra: extra.to_vec(),
            explanation: self.explanation.clone(),
            editor_diagnostics,
            error_counts,
            offsets: self.offsets.clone(),
            docs: self.docs.clone(),
            read_only: self.read_only.clone(),
        }
    }

    /// Whether policy `index` is read-only (an exercise's).
    pub fn is_read_only(&self, index: usize) -> bool {
        self.read_only.get(index).copied().unwrap_or(false)
    }

    /// The editor tab that shows policy `policy` of this scenario (`usize::MAX`, which no tab has,
    /// when a derived policy has no document).
    pub fn doc(&self, policy: usize) -> usize {
        match &self.docs {
            None => policy,
            Some(map) => map.get(policy).copied().flatten().unwrap_or(usize::MAX),
        }
    }

    /// Every diagnostic: the analysis's, then the catalog's.
    pub fn diagnostics(&self) -> impl Iterator<Item = &iam_core::Diagnostic> {
        self.report.diagnostics.iter().chain(&self.extra)
    }
}

/// The views of a report of `scenario` (also a matrix row's `matrix_row_evaluation`).
pub fn from_report(scenario: &Scenario, report: Report) -> Analysis {
    let explanation = report.evaluation.as_ref().map(explain);
    let offsets: Vec<Utf16Index> = scenario
        .policies
        .iter()
        .map(|p| Utf16Index::new(&p.document))
        .collect();
    let all: Vec<&iam_core::Diagnostic> = report.diagnostics.iter().collect();
    let (editor_diagnostics, error_counts) = editor_views(&all, &offsets);
    Analysis {
        report: Rc::new(report),
        extra: Vec::new(),
        explanation: Rc::new(explanation),
        editor_diagnostics,
        error_counts,
        offsets: Rc::new(offsets),
        docs: None,
        read_only: Rc::default(),
    }
}

/// One request of a workspace, as its list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestResult {
    pub name: String,
    /// `None` while the request is malformed.
    pub decision: Option<Decision>,
    pub expect: Option<Decision>,
    /// The check: `Some(true)` when it has an expectation and meets it.
    pub pass: Option<bool>,
    /// An AssumeRole hop was not allowed: the run ended there, before the request.
    pub stopped_at_hop: bool,
}

/// One evaluation of the selected request's run: an AssumeRole hop, or the request itself.
#[derive(Clone, Debug)]
pub struct StepView {
    /// What the hop asked (`sts:AssumeRole arn:…`); empty for the request itself.
    pub label: String,
    pub analysis: Rc<Analysis>,
}

/// Everything derived from a workspace: the documents' diagnostics (for the editors), each
/// request's decision and check, and the reasoning of the selected request.
#[derive(Clone, Debug)]
pub struct ModelAnalysis {
    /// The documents as a scenario's policies (the editor tabs), with their diagnostics.
    pub lint: Rc<Analysis>,
    /// Where each document sits in the model ("inline in user alice", "managed policy").
    pub origins: Vec<String>,
    pub results: Vec<RequestResult>,
    /// The selected request's run.
    pub steps: Vec<StepView>,
}

impl PartialEq for ModelAnalysis {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl ModelAnalysis {
    /// The same analysis with `extra` (the catalog's findings, `policy` = the document's index)
    /// added to the documents' diagnostics.
    pub fn with_lint_extra(&self, extra: &[iam_core::Diagnostic]) -> ModelAnalysis {
        ModelAnalysis {
            lint: Rc::new(self.lint.with_extra(extra)),
            ..self.clone()
        }
    }

    /// How many checks pass, of how many requests have one.
    pub fn checks(&self) -> (usize, usize) {
        let total = self.results.iter().filter(|r| r.pass.is_some()).count();
        let passed = self.results.iter().filter(|r| r.pass == Some(true)).count();
        (passed, total)
    }
}

/// The who-can answer: each principal and its analysis.
pub type WhoCan = Vec<(String, Rc<Analysis>)>;

/// Who can do `action` on `resource`: every principal of the workspace (each user, each role as a
/// session, each account's root, anonymous) with its analysis, the allowed ones first.
pub fn who_can(ws: &iam_core::Workspace, action: &str, resource: &str) -> WhoCan {
    let mut out: WhoCan = ws
        .principals()
        .into_iter()
        .map(|principal| {
            let scenario = ws.scenario_for(&principal, action, resource);
            let start = clock();
            let report = iam_core::analyze(&scenario, &iam_core::Options::default());
            counted(start);
            let map = scenario
                .policies
                .iter()
                .map(|p| ws.document_index(p))
                .collect();
            let mut analysis = from_report(&scenario, report);
            analysis.docs = Some(Rc::new(map));
            (principal, Rc::new(analysis))
        })
        .collect();
    out.sort_by_key(|(_, a)| a.report.decision() != Some(Decision::Allowed));
    out
}

/// Analyse a workspace: lint each document once, run every request, and explain the selected one.
pub fn analyze_model(model: &crate::model::Model) -> ModelAnalysis {
    let ws = &model.ws;
    let documents = ws.documents();
    let origins = documents
        .iter()
        .map(|(p, _)| p.origin.clone().unwrap_or_default())
        .collect();
    let docs_scenario = Scenario {
        policies: documents.into_iter().map(|(p, _)| p).collect(),
        ..Scenario::default()
    };
    let start = clock();
    let diagnostics = ws.lint(None);
    counted(start);
    let mut lint = from_report(
        &docs_scenario,
        Report {
            diagnostics,
            evaluation: None,
        },
    );
    let read_only: Vec<bool> = match &ws.exercise {
        Some(e) => docs_scenario
            .policies
            .iter()
            .map(|p| e.read_only.contains(&p.name))
            .collect(),
        None => Vec::new(),
    };
    lint.read_only = Rc::new(read_only);
    let mut results = Vec::with_capacity(ws.requests.len());
    let mut steps = Vec::new();
    // One lowering of each document for all the requests (they share the model's policies).
    let mut runner = ws.runner();
    for (index, named) in ws.requests.iter().enumerate() {
        let start = clock();
        let run = runner.run(index, None);
        counted(start);
        let Some(run) = run else {
            continue;
        };
        results.push(RequestResult {
            name: named.name.clone(),
            decision: run.decision,
            expect: named.expect,
            pass: crate::model::check(named.expect, run.decision),
            stopped_at_hop: run.stopped_at_hop,
        });
        if index == model.selected {
            steps = run
                .steps
                .into_iter()
                .map(|step| {
                    let map: Vec<Option<usize>> = step
                        .scenario
                        .policies
                        .iter()
                        .map(|p| ws.document_index(p))
                        .collect();
                    let mut analysis = from_report(&step.scenario, step.report);
                    analysis.docs = Some(Rc::new(map));
                    StepView {
                        label: step.label,
                        analysis: Rc::new(analysis),
                    }
                })
                .collect();
        }
    }
    ModelAnalysis {
        lint: Rc::new(lint),
        origins,
        results,
        steps,
    }
}

/// Per policy: its squiggles (UTF-16 offsets) and its number of errors.
#[allow(clippy::type_complexity)]
fn editor_views(
    diagnostics: &[&iam_core::Diagnostic],
    offsets: &[Utf16Index],
) -> (Vec<Rc<Vec<EditorDiagnostic>>>, Vec<usize>) {
    let mut per_doc: Vec<Vec<EditorDiagnostic>> = vec![Vec::new(); offsets.len()];
    let mut error_counts = vec![0; offsets.len()];
    for d in diagnostics {
        let Some(index) = d.policy else { continue };
        let (Some(list), Some(lines)) = (per_doc.get_mut(index), offsets.get(index)) else {
            continue;
        };
        let mut message = format!("{} [{}]", d.message, d.code);
        if let Some(help) = &d.help {
            message.push('\n');
            message.push_str(help);
        }
        // A finding about the whole document (the size quota, say) marks its first line only, so
        // that it does not squiggle every line and lead every hover (issue 13).
        let (from, mut to) = (lines.utf16(d.span.start), lines.utf16(d.span.end));
        if d.span.start == 0 && d.span.end as usize >= lines.len_bytes() && lines.len_bytes() > 0 {
            to = to.min(lines.utf16(lines.first_line_end()));
        }
        list.push(EditorDiagnostic {
            from,
            to,
            severity: editor_severity(d.severity),
            message,
            source: d.severity.label(),
            fix: d.fix.as_ref().map(|f| {
                (
                    lines.utf16(f.span.start),
                    lines.utf16(f.span.end),
                    f.replacement.clone(),
                )
            }),
        });
        if d.severity == Severity::Error {
            if let Some(count) = error_counts.get_mut(index) {
                *count += 1;
            }
        }
    }
    (per_doc.into_iter().map(Rc::new).collect(), error_counts)
}

/// CodeMirror's severity words.
pub fn editor_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::SecurityWarning | Severity::Warning => "warning",
        Severity::Suggestion => "info",
    }
}

/// The word a severity gets in `data-severity` and CSS classes.
pub fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::SecurityWarning => "security-warning",
        Severity::Warning => "warning",
        Severity::Suggestion => "suggestion",
    }
}

/// `data-decision` value.
pub fn decision_str(decision: Decision) -> &'static str {
    decision.as_str()
}

/// `data-stage` value of a stage kind.
pub fn stage_kind_str(kind: &StageKind) -> &'static str {
    match kind {
        StageKind::AwsRules => "awsRules",
        StageKind::ExplicitDeny => "explicitDeny",
        StageKind::BlockPublicAccess => "blockPublicAccess",
        StageKind::Rcp { .. } => "rcp",
        StageKind::VpcEndpoint => "vpcEndpoint",
        StageKind::Scp { .. } => "scp",
        StageKind::ResourcePolicy => "resourcePolicy",
        StageKind::IdentityPolicies => "identityPolicies",
        StageKind::PermissionsBoundary => "permissionsBoundary",
        StageKind::SessionPolicy => "sessionPolicy",
        StageKind::Final => "final",
    }
}

/// `data-outcome` value of a stage outcome.
pub fn outcome_str(outcome: StageOutcome) -> &'static str {
    match outcome {
        StageOutcome::Pass => "pass",
        StageOutcome::Allow => "allow",
        StageOutcome::ExplicitDeny => "explicitDeny",
        StageOutcome::ImplicitDeny => "implicitDeny",
        StageOutcome::NotApplicable => "notApplicable",
        StageOutcome::Skipped => "skipped",
    }
}

/// One box of the flowchart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowNode {
    pub key: &'static str,
    pub label: &'static str,
    /// The combined outcome of the stages in this box; `None` when the evaluation had no such stage.
    pub outcome: Option<StageOutcome>,
    /// The box where the evaluation stopped.
    pub stopped: bool,
    /// Index of the first stage this box stands for.
    pub stage: Option<usize>,
}

/// AWS's decision path as 8 boxes, each with the outcome of its stage(s), plus a box for AWS's own
/// rules, one for S3 Block Public Access and one for the VPC endpoint policy when the evaluation has
/// those stages.
pub fn flow_nodes(e: &Evaluation) -> Vec<FlowNode> {
    const BOXES: [(&str, &str); 11] = [
        ("awsRules", "AWS rules"),
        ("explicitDeny", "Explicit deny"),
        ("blockPublicAccess", "Block Public Access"),
        ("rcp", "RCPs"),
        ("vpcEndpoint", "VPC endpoint"),
        ("scp", "SCPs"),
        ("resourcePolicy", "Resource policy"),
        ("identityPolicies", "Identity policies"),
        ("permissionsBoundary", "Boundary"),
        ("sessionPolicy", "Session policy"),
        ("final", "Decision"),
    ];
    let decided_key = e.stages.get(e.decided_by).map(|s| stage_kind_str(&s.kind));
    BOXES
        .iter()
        .filter_map(|(key, label)| {
            let stages: Vec<(usize, &Stage)> = e
                .stages
                .iter()
                .enumerate()
                .filter(|(_, s)| stage_kind_str(&s.kind) == *key)
                .collect();
            if stages.is_empty() && matches!(*key, "awsRules" | "blockPublicAccess" | "vpcEndpoint")
            {
                return None;
            }
            let outcomes: Vec<StageOutcome> = stages.iter().map(|(_, s)| s.outcome).collect();
            let outcome = combine(&outcomes);
            Some(FlowNode {
                key,
                label,
                outcome,
                stopped: decided_key == Some(*key),
                stage: stages.first().map(|(i, _)| *i),
            })
        })
        .collect()
}

/// Several levels (RCP/SCP) in one box: the strongest outcome wins.
fn combine(outcomes: &[StageOutcome]) -> Option<StageOutcome> {
    use StageOutcome::*;
    [
        ExplicitDeny,
        ImplicitDeny,
        Allow,
        Pass,
        NotApplicable,
        Skipped,
    ]
    .into_iter()
    .find(|wanted| outcomes.contains(wanted))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples;

    fn example(slug: &str) -> Analysis {
        analyze(&examples::find(slug).unwrap().scenario)
    }

    #[test]
    fn catalog_diagnostics_join_without_a_new_analysis() {
        let base = example("explicit-deny-beats-allow");
        let mut extra = iam_core::lint_policy("{", iam_core::PolicyType::Identity)[0].clone();
        extra.code = iam_core::Code::INVALID_ACTION;
        extra.severity = Severity::Error;
        extra.policy = Some(1);
        extra.span = iam_core::Span { start: 2, end: 5 };
        let merged = base.with_extra(std::slice::from_ref(&extra));
        assert_eq!(
            merged.diagnostics().count(),
            base.report.diagnostics.len() + 1
        );
        assert!(
            Rc::ptr_eq(&merged.report, &base.report),
            "the report is shared"
        );
        assert_eq!(merged.error_counts[1], base.error_counts[1] + 1);
        assert_eq!(
            merged.editor_diagnostics[1].len(),
            base.editor_diagnostics[1].len() + 1
        );
        assert!(merged.editor_diagnostics[1].iter().any(|d| d
            .message
            .contains("[INVALID_ACTION]")
            && d.from == 2
            && d.to == 5));
        assert!(
            Rc::ptr_eq(&merged.explanation, &base.explanation),
            "the reasoning is the same"
        );
        assert_eq!(merged.report.decision(), base.report.decision());
    }

    #[test]
    fn every_stage_gets_its_words_from_the_core() {
        for (stem, text) in examples::files() {
            let e = examples::parse(&stem, &text).unwrap();
            let a = analyze(&e.scenario);
            let evaluation = a.report.evaluation.as_ref().unwrap();
            let x = a.explanation.as_ref().as_ref().unwrap();
            assert_eq!(x.stages.len(), evaluation.stages.len());
            for (stage, words) in evaluation.stages.iter().zip(&x.stages) {
                assert_eq!(stage.kind, words.kind, "{}", e.slug);
                assert!(
                    !words.title.is_empty()
                        && !words.sentence.is_empty()
                        && !words.badge.is_empty(),
                    "{}: {words:?}",
                    e.slug
                );
            }
        }
    }

    #[test]
    fn the_deny_sweep_lists_deny_statements_and_stages_their_allows() {
        let a = example("explicit-deny-beats-allow");
        let x = a.explanation.as_ref().as_ref().unwrap();
        let sweep = &x.stages[0];
        assert!(matches!(sweep.kind, StageKind::ExplicitDeny));
        let listed: Vec<(usize, usize)> = sweep
            .statements
            .iter()
            .map(|s| (s.policy, s.position))
            .collect();
        assert_eq!(
            listed,
            vec![(1, 0)],
            "only the Deny statement of ProtectProd"
        );
        let identity = x
            .stages
            .iter()
            .find(|s| matches!(s.kind, StageKind::IdentityPolicies))
            .unwrap();
        assert_eq!(identity.outcome, StageOutcome::Skipped);
        assert!(
            identity.statements.is_empty(),
            "a skipped stage lists nothing"
        );

        let a = example("vpc-endpoint-policy");
        let x = a.explanation.as_ref().as_ref().unwrap();
        let endpoint = x
            .stages
            .iter()
            .find(|s| s.kind == StageKind::VpcEndpoint)
            .unwrap();
        let listed: Vec<(usize, usize, bool)> = endpoint
            .statements
            .iter()
            .map(|s| (s.policy, s.position, s.cited))
            .collect();
        assert_eq!(
            listed,
            vec![(1, 0, true)],
            "the endpoint's Allow, cited: it did not match"
        );
        assert!(!endpoint.statements[0].lines.is_empty());
    }

    #[test]
    fn the_flowchart_stops_where_the_decision_was_made() {
        let a = example("explicit-deny-beats-allow");
        let nodes = flow_nodes(a.report.evaluation.as_ref().unwrap());
        assert_eq!(nodes.len(), 8);
        assert!(nodes[0].stopped);
        assert_eq!(nodes[0].outcome, Some(StageOutcome::ExplicitDeny));
        assert_eq!(nodes.iter().filter(|n| n.stopped).count(), 1);

        let a = example("scp-allow-list-missing-level");
        let nodes = flow_nodes(a.report.evaluation.as_ref().unwrap());
        let scp = nodes.iter().find(|n| n.key == "scp").unwrap();
        assert!(scp.stopped);
        assert_eq!(scp.outcome, Some(StageOutcome::ImplicitDeny));

        let a = example("bucket-policy-grants-user");
        let nodes = flow_nodes(a.report.evaluation.as_ref().unwrap());
        assert!(nodes.iter().any(|n| n.stopped), "{nodes:?}");
    }

    #[test]
    fn the_flowchart_shows_aws_rules_and_the_endpoint_only_when_they_decide_something() {
        let a = example("vpc-endpoint-policy");
        let nodes = flow_nodes(a.report.evaluation.as_ref().unwrap());
        assert_eq!(nodes.len(), 9);
        let endpoint = nodes.iter().find(|n| n.key == "vpcEndpoint").unwrap();
        assert!(endpoint.stopped);
        assert_eq!(endpoint.outcome, Some(StageOutcome::ImplicitDeny));
        assert!(!nodes.iter().any(|n| n.key == "awsRules"));

        let a = example("aws-rules-getcalleridentity");
        let nodes = flow_nodes(a.report.evaluation.as_ref().unwrap());
        assert_eq!(nodes.len(), 9);
        assert_eq!(nodes[0].key, "awsRules");
        assert!(nodes[0].stopped);
        assert_eq!(nodes[0].outcome, Some(StageOutcome::Allow));
        let sweep = nodes.iter().find(|n| n.key == "explicitDeny").unwrap();
        assert_eq!(sweep.outcome, Some(StageOutcome::Skipped));
    }

    #[test]
    fn squiggles_are_in_utf16_units() {
        let scenario = iam_core::parse_scenario(
            r#"{"request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "*"},
                "policies": [{"name": "P", "type": "identity", "document": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"🌍\", \"Effect\": \"Allw\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]}"}]}"#,
        )
        .unwrap();
        let a = analyze(&scenario);
        let text = &scenario.policies[0].document;
        let squiggle = a.editor_diagnostics[0]
            .iter()
            .find(|d| d.message.contains("INVALID_EFFECT"))
            .unwrap();
        let byte_start = text.find("\"Allw\"").unwrap();
        let utf16_start = text.get(..byte_start).unwrap().encode_utf16().count() as u32;
        assert_eq!(
            byte_start as u32 - 2,
            utf16_start,
            "the globe is 4 bytes but 2 UTF-16 units"
        );
        assert!(
            squiggle.from == utf16_start || squiggle.from == utf16_start + 1,
            "{squiggle:?} vs {utf16_start}"
        );
        assert!(
            a.error_counts[0] >= 1,
            "the tab shows the errors: {:?}",
            a.error_counts
        );
    }
}
