//! What the page shows, derived from the inputs: the core's [`Report`], the [`explain`] steps, and
//! the views the panels need (squiggles per policy, statements per stage, the flowchart's nodes).
//! Computed in `app.rs` with `use_memo`; never stored in the state. No web-sys here.

use std::rc::Rc;

use iam_core::{
    explain, Decision, Effect, Evaluation, PolicyType, Report, Scenario, Severity, Stage,
    StageKind, StageOutcome, Step,
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
    /// `explain(evaluation)`; empty when the request is malformed.
    pub steps: Rc<Vec<Step>>,
    /// Squiggles for each policy, by scenario index, in UTF-16 offsets.
    pub editor_diagnostics: Vec<Rc<Vec<EditorDiagnostic>>>,
    /// Error counts by policy index (for the tab badges).
    pub error_counts: Vec<usize>,
    /// UTF-16 converters by policy index (for highlighting spans from the trace).
    pub offsets: Rc<Vec<Utf16Index>>,
}

impl PartialEq for Analysis {
    /// Two analyses of the same scenario are equal; the memo makes a new one only when inputs change.
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

pub fn analyze(scenario: &Scenario) -> Analysis {
    from_report(scenario, iam_core::analyze(scenario))
}

/// [`analyze`], or, once the catalog has said which services support RCPs, with that list
/// (docs/decisions.md A20).
pub fn analyze_with_rcp_services(scenario: &Scenario, rcp_services: Option<&[String]>) -> Analysis {
    match rcp_services {
        Some(list) => from_report(
            scenario,
            iam_core::analyze_with_rcp_services(scenario, list),
        ),
        None => analyze(scenario),
    }
}

impl Analysis {
    /// This analysis plus the diagnostics the AWS service catalog adds (computed by the catalog
    /// worker: `iam_core::analyze_with_catalog` minus `analyze`), without analysing again.
    pub fn with_extra(&self, extra: &[iam_core::Diagnostic]) -> Analysis {
        let all: Vec<&iam_core::Diagnostic> = self.report.diagnostics.iter().chain(extra).collect();
        let (editor_diagnostics, error_counts) = editor_views(&all, &self.offsets);
        Analysis {
            report: self.report.clone(),
            extra: extra.to_vec(),
            steps: self.steps.clone(),
            editor_diagnostics,
            error_counts,
            offsets: self.offsets.clone(),
        }
    }

    /// Every diagnostic: the analysis's, then the catalog's.
    pub fn diagnostics(&self) -> impl Iterator<Item = &iam_core::Diagnostic> {
        self.report.diagnostics.iter().chain(&self.extra)
    }
}

/// The views of a report of `scenario` (also a matrix row's `matrix_row_evaluation`).
pub fn from_report(scenario: &Scenario, report: Report) -> Analysis {
    let steps = report.evaluation.as_ref().map(explain).unwrap_or_default();
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
        steps: Rc::new(steps),
        editor_diagnostics,
        error_counts,
        offsets: Rc::new(offsets),
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
        list.push(EditorDiagnostic {
            from: lines.utf16(d.span.start),
            to: lines.utf16(d.span.end),
            severity: editor_severity(d.severity),
            message,
            source: d.severity.label(),
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

pub fn decision_label(decision: Decision) -> &'static str {
    match decision {
        Decision::Allowed => "Allowed",
        Decision::ExplicitDeny => "Denied — explicit",
        Decision::ImplicitDeny => "Denied — implicit",
    }
}

/// `data-stage` value of a stage kind.
pub fn stage_kind_str(kind: &StageKind) -> &'static str {
    match kind {
        StageKind::AwsRules => "awsRules",
        StageKind::ExplicitDeny => "explicitDeny",
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

pub fn outcome_label(outcome: StageOutcome) -> &'static str {
    match outcome {
        StageOutcome::Pass => "passes",
        StageOutcome::Allow => "allows",
        StageOutcome::ExplicitDeny => "denies",
        StageOutcome::ImplicitDeny => "denies (implicit)",
        StageOutcome::NotApplicable => "does not apply",
        StageOutcome::Skipped => "not reached",
    }
}

/// A stage's words, split from its `explain` step (`"3. Title — Sentence"`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageText {
    pub title: String,
    pub sentence: String,
}

/// The words for each stage of `e.stages`, in order (the final stage has none in `explain`).
pub fn stage_texts(e: &Evaluation, steps: &[Step]) -> Vec<Option<StageText>> {
    let mut stage_steps = steps.iter().filter(|s| s.depth == 0 && s.doc.is_some());
    e.stages
        .iter()
        .map(|stage| {
            if matches!(stage.kind, StageKind::Final) {
                return None;
            }
            stage_steps.next().map(|step| {
                let (title, sentence) = step
                    .text
                    .split_once(" — ")
                    .unwrap_or((step.text.as_str(), ""));
                let title = title.split_once(". ").map(|(_, t)| t).unwrap_or(title);
                StageText {
                    title: title.to_string(),
                    sentence: sentence.to_string(),
                }
            })
        })
        .collect()
}

/// The statements a stage looks at: `(policy index, position in that policy's statements)`.
/// The deny sweep looks at every Deny of every policy that applies; the other stages at the Allow
/// statements of their own policies (and at statements that could not be evaluated).
pub fn stage_statements(e: &Evaluation, stage: &Stage) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for policy in e.policies.iter().filter(|p| p.applies) {
        let belongs = match &stage.kind {
            StageKind::AwsRules => false,
            StageKind::ExplicitDeny => true,
            StageKind::VpcEndpoint => policy.policy_type == PolicyType::VpcEndpoint,
            StageKind::Rcp { node, .. } => {
                policy.policy_type == PolicyType::Rcp
                    && policy.target.as_deref() == Some(node.as_str())
            }
            StageKind::Scp { node, .. } => {
                policy.policy_type == PolicyType::Scp
                    && policy.target.as_deref() == Some(node.as_str())
            }
            StageKind::ResourcePolicy => policy.policy_type == PolicyType::Resource,
            StageKind::IdentityPolicies => policy.policy_type == PolicyType::Identity,
            StageKind::PermissionsBoundary => policy.policy_type == PolicyType::PermissionsBoundary,
            StageKind::SessionPolicy => policy.policy_type == PolicyType::Session,
            StageKind::Final => false,
        };
        if !belongs {
            continue;
        }
        for (position, statement) in policy.statements.iter().enumerate() {
            let wanted = match (&stage.kind, statement.effect) {
                (StageKind::ExplicitDeny, effect) => effect == Some(Effect::Deny),
                (_, Some(Effect::Allow)) | (_, None) => true,
                (_, Some(Effect::Deny)) => false,
            };
            if wanted {
                out.push((policy.index, position));
            }
        }
    }
    out
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
/// rules and one for the VPC endpoint policy when the evaluation has those stages.
pub fn flow_nodes(e: &Evaluation) -> Vec<FlowNode> {
    const BOXES: [(&str, &str); 10] = [
        ("awsRules", "AWS rules"),
        ("explicitDeny", "Deny sweep"),
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
            if stages.is_empty() && matches!(*key, "awsRules" | "vpcEndpoint") {
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
        extra.code = "INVALID_ACTION";
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
        assert_eq!(merged.steps, base.steps, "the reasoning is the same");
        assert_eq!(merged.report.decision(), base.report.decision());
    }

    #[test]
    fn every_non_final_stage_gets_its_words() {
        for (stem, text) in examples::files() {
            let e = examples::parse(&stem, &text).unwrap();
            let a = analyze(&e.scenario);
            let evaluation = a.report.evaluation.as_ref().unwrap();
            let texts = stage_texts(evaluation, &a.steps);
            assert_eq!(texts.len(), evaluation.stages.len());
            for (stage, text) in evaluation.stages.iter().zip(&texts) {
                match (&stage.kind, text) {
                    (StageKind::Final, None) => {}
                    (StageKind::Final, Some(_)) => {
                        panic!("{}: the final stage has no explain step", e.slug)
                    }
                    (_, Some(t)) => assert!(
                        !t.title.is_empty() && !t.sentence.is_empty(),
                        "{}: {t:?}",
                        e.slug
                    ),
                    (_, None) => panic!("{}: a stage lacks its explain step", e.slug),
                }
            }
        }
    }

    #[test]
    fn the_deny_sweep_lists_deny_statements_and_stages_their_allows() {
        let a = example("explicit-deny-beats-allow");
        let e = a.report.evaluation.as_ref().unwrap();
        let sweep = &e.stages[0];
        assert!(matches!(sweep.kind, StageKind::ExplicitDeny));
        let listed = stage_statements(e, sweep);
        assert_eq!(
            listed,
            vec![(1, 0)],
            "only the Deny statement of ProtectProd"
        );
        let identity = e
            .stages
            .iter()
            .find(|s| matches!(s.kind, StageKind::IdentityPolicies))
            .unwrap();
        assert_eq!(stage_statements(e, identity), vec![(0, 0)]);
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
