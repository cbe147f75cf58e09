//! A v2 workspace in the page (`docs/workspace-format.md`): the model the user edits — accounts,
//! users, groups, roles, resources, the organization and many requests — and which request is
//! selected. No web-sys here: host-tested.
//!
//! The editors and the request builder are the v1 page's own: while a workspace is open, the
//! page's [`Workspace`] *mirrors* it — one editor tab per document of the model
//! ([`iam_core::Workspace::documents`], each document once, so a managed policy attached in three
//! places is one tab and an edit changes it everywhere), and the request builder shows the selected
//! request. [`Model::absorb`] writes an edit back into the model.

use iam_core::{request::ContextValue, request::RequestInput, workspace::NamedRequest, Decision};

use crate::state::{ContextRow, PolicyDoc, RequestDraft, ValueKind, Workspace};

/// The workspace being edited, and the selected request.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub ws: iam_core::Workspace,
    /// Index into `ws.requests`.
    pub selected: usize,
    /// An exercise's starting point, as it was opened ("Reset" goes back to its documents).
    pub start: Option<std::rc::Rc<iam_core::Workspace>>,
}

impl Model {
    /// A model of `ws`. A document written as a JSON object in the file keeps the file's indentation
    /// on its later lines; it is shifted left so that the editor shows it as if written alone.
    pub fn new(mut ws: iam_core::Workspace) -> Model {
        let mut index = 0;
        while let Some(d) = ws.document_mut(index) {
            if d.file_offset.is_some() {
                d.text = dedent(&d.text);
                d.file_offset = None;
            }
            index += 1;
        }
        let start = ws.exercise.is_some().then(|| std::rc::Rc::new(ws.clone()));
        Model {
            ws,
            selected: 0,
            start,
        }
    }

    /// Whether document `index` (a tab) may not be edited: read-only in the exercise.
    pub fn read_only(&self, index: usize) -> bool {
        self.ws.is_read_only(index)
    }

    /// Put the starting point's documents back (the requests, and any other change, stay).
    pub fn reset_documents(&mut self) {
        let Some(start) = self.start.clone() else {
            return;
        };
        let texts: Vec<String> = start
            .documents()
            .into_iter()
            .map(|(p, _)| p.document)
            .collect();
        for (index, text) in texts.into_iter().enumerate() {
            if let Some(d) = self.ws.document_mut(index) {
                d.text = text;
                d.file_offset = None;
            }
        }
    }

    /// Put the exercise's solution in place (what `iamplay test --solution` checks).
    pub fn apply_solution(&mut self) {
        self.ws = self.ws.solved();
    }

    /// Make the current documents the exercise's solution: each document that differs from the
    /// starting point (or every editable document when there is no starting point).
    pub fn save_solution(&mut self) {
        let start_texts: Vec<String> = self
            .start
            .as_ref()
            .map(|s| s.documents().into_iter().map(|(p, _)| p.document).collect())
            .unwrap_or_default();
        let solution: Vec<(String, iam_core::workspace::Document)> = self
            .ws
            .documents()
            .into_iter()
            .enumerate()
            .filter(|(i, (p, _))| start_texts.get(*i) != Some(&p.document) && !self.read_only(*i))
            .map(|(_, (p, _))| {
                (
                    p.name,
                    iam_core::workspace::Document {
                        text: p.document,
                        file_offset: None,
                        tree: p.tree,
                    },
                )
            })
            .collect();
        self.exercise_mut().solution = solution;
    }

    /// The exercise, made if there is none yet (author mode); its starting point is the workspace now.
    pub fn exercise_mut(&mut self) -> &mut iam_core::workspace::Exercise {
        if self.start.is_none() {
            self.start = Some(std::rc::Rc::new(self.ws.clone()));
        }
        self.ws.exercise.get_or_insert_with(Default::default)
    }

    /// Mark document `index` read-only (or not) in the exercise.
    pub fn set_read_only(&mut self, index: usize, read_only: bool) {
        let Some(name) = self
            .ws
            .documents()
            .into_iter()
            .nth(index)
            .map(|(p, _)| p.name)
        else {
            return;
        };
        let list = &mut self.exercise_mut().read_only;
        list.retain(|n| *n != name);
        if read_only {
            list.push(name);
        }
    }

    /// The page's editable view of the model: its documents as tabs, the selected request in the
    /// request builder.
    pub fn mirror(&self) -> Workspace {
        let mut next_id = 1;
        let docs: Vec<PolicyDoc> = self
            .ws
            .documents()
            .into_iter()
            .map(|(p, _)| {
                let id = next_id;
                next_id += 1;
                PolicyDoc {
                    id,
                    name: p.name,
                    policy_type: p.policy_type,
                    target: String::new(),
                    text: p.document,
                }
            })
            .collect();
        let active = docs.first().map(|d| d.id).unwrap_or(0);
        let mut work = Workspace {
            docs,
            active,
            request: RequestDraft::default(),
            organization: Default::default(),
            next_id,
        };
        self.show_request(&mut work);
        work
    }

    /// Put the selected request into the request builder.
    pub fn show_request(&self, work: &mut Workspace) {
        let Some(r) = self.ws.requests.get(self.selected) else {
            work.request = RequestDraft::default();
            return;
        };
        let context = r
            .request
            .context
            .iter()
            .map(|(key, value)| {
                let id = work.next_id;
                work.next_id = work.next_id.saturating_add(1);
                ContextRow {
                    id,
                    key: key.clone(),
                    kind: ValueKind::infer(key, value),
                    value: match value {
                        ContextValue::Single(v) => v.clone(),
                        ContextValue::Multi(vs) => vs.join(", "),
                    },
                }
            })
            .collect();
        work.request = RequestDraft {
            principal: r.request.principal.clone(),
            action: r.request.action.clone(),
            resource: r.request.resource.clone(),
            resource_account: r.request.resource_account.clone().unwrap_or_default(),
            context,
        };
    }

    /// Write the page's edits back: every document's text (but a read-only one's), and the selected
    /// request's fields.
    pub fn absorb(&mut self, work: &Workspace) {
        for (index, doc) in work.docs.iter().enumerate() {
            if self.read_only(index) {
                continue;
            }
            if let Some(d) = self.ws.document_mut(index) {
                if d.text != doc.text {
                    d.text.clone_from(&doc.text);
                    d.file_offset = None;
                }
            }
        }
        let input = request_input(&work.request);
        if let Some(r) = self.ws.requests.get_mut(self.selected) {
            if r.request != input {
                r.request = input;
            }
        }
    }

    /// Add a request (a copy of the selected one, or alice-style defaults) and select it.
    pub fn add_request(&mut self) {
        let mut request = self
            .ws
            .requests
            .get(self.selected)
            .cloned()
            .unwrap_or_else(|| NamedRequest {
                name: String::new(),
                description: None,
                request: RequestInput {
                    principal: self.ws.principals().first().cloned().unwrap_or_default(),
                    action: "s3:GetObject".to_string(),
                    resource: "*".to_string(),
                    resource_account: None,
                    spans: Default::default(),
                    context: Vec::new(),
                },
                assume: Vec::new(),
                expect: None,
            });
        let base = if request.name.is_empty() {
            "request".to_string()
        } else {
            format!("{} (copy)", request.name)
        };
        request.name = (1..)
            .map(|n| {
                if n == 1 {
                    base.clone()
                } else {
                    format!("{base} {n}")
                }
            })
            .find(|n| !self.ws.requests.iter().any(|r| &r.name == n))
            .unwrap_or(base);
        request.expect = None;
        self.ws.requests.push(request);
        self.selected = self.ws.requests.len() - 1;
    }

    /// Remove request `index`; the selection stays on a neighbour. The documents it carried
    /// (session policies) go with it.
    pub fn remove_request(&mut self, index: usize) {
        if index < self.ws.requests.len() {
            self.ws.requests.remove(index);
        }
        if self.selected >= self.ws.requests.len() {
            self.selected = self.ws.requests.len().saturating_sub(1);
        }
    }
}

/// The request a draft describes (context rows without a key are left out).
pub fn request_input(draft: &RequestDraft) -> RequestInput {
    let resource_account = draft.resource_account.trim();
    RequestInput {
        principal: draft.principal.clone(),
        action: draft.action.clone(),
        resource: draft.resource.clone(),
        resource_account: (!resource_account.is_empty()).then(|| resource_account.to_string()),
        spans: Default::default(),
        context: draft
            .context
            .iter()
            .filter(|row| !row.key.trim().is_empty())
            .map(|row| (row.key.trim().to_string(), row.to_value()))
            .collect(),
    }
}

/// `text` with the indentation its lines after the first share removed (spaces only).
pub fn dedent(text: &str) -> String {
    let mut lines = text.split('\n');
    let first = lines.next().unwrap_or_default();
    let rest: Vec<&str> = lines.collect();
    let indent = rest
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let prefix = " ".repeat(indent);
    let mut out = String::with_capacity(text.len());
    out.push_str(first);
    for line in rest {
        out.push('\n');
        // Every non-blank line starts with `prefix`; a blank one may be shorter.
        out.push_str(
            line.strip_prefix(&prefix)
                .unwrap_or(line.trim_start_matches(' ')),
        );
    }
    out
}

/// What a check says: `Some(true)` when the request has an expectation and the decision meets it.
pub fn check(expect: Option<Decision>, got: Option<Decision>) -> Option<bool> {
    expect.map(|e| Some(e) == got)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub const WS: &str = include_str!("../../examples/workspaces/course-basics.json");

    fn model() -> Model {
        Model::new(iam_core::parse_workspace(WS).unwrap())
    }

    #[test]
    fn mirror_has_every_document_once_and_the_first_request() {
        let m = model();
        let work = m.mirror();
        assert_eq!(work.docs.len(), m.ws.documents().len());
        assert_eq!(work.request.principal, m.ws.requests[0].request.principal);
        assert_eq!(work.active, work.docs[0].id);
    }

    #[test]
    fn edits_reach_the_model() {
        let mut m = model();
        let mut work = m.mirror();
        work.docs[0].text = "{\"Version\": \"2012-10-17\", \"Statement\": []}".into();
        work.request.action = "s3:DeleteObject".into();
        m.absorb(&work);
        assert_eq!(m.ws.documents()[0].0.document, work.docs[0].text);
        assert_eq!(m.ws.requests[0].request.action, "s3:DeleteObject");
        // The edited text survives a save and a reload.
        let again = iam_core::parse_workspace(&m.ws.to_json()).unwrap();
        assert_eq!(again.documents()[0].0.document, work.docs[0].text);
    }

    #[test]
    fn add_and_remove_requests() {
        let mut m = model();
        let n = m.ws.requests.len();
        m.add_request();
        assert_eq!(m.ws.requests.len(), n + 1);
        assert_eq!(m.selected, n);
        assert!(m.ws.requests[n].name.ends_with("(copy)"));
        assert_eq!(m.ws.requests[n].expect, None);
        m.remove_request(n);
        assert_eq!(m.ws.requests.len(), n);
        assert_eq!(m.selected, n - 1);
    }

    #[test]
    fn documents_from_the_file_are_shifted_left() {
        assert_eq!(dedent("{\n      \"a\": 1\n    }"), "{\n  \"a\": 1\n}");
        assert_eq!(dedent("{}"), "{}");
        assert_eq!(dedent("{\n\n  }"), "{\n\n}");
        let m = model();
        let (first, _) = &m.ws.documents()[0];
        assert!(first.document.ends_with("\n}"), "{}", first.document);
        assert!(
            first.document.contains("\n  \"Version\""),
            "{}",
            first.document
        );
    }

    const EXERCISE: &str = r#"{
      "version": 2,
      "policies": [{"name": "Read", "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}},
                   {"name": "Fixed", "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]}}],
      "accounts": {"111122223333": {"users": {"alice": {"policies": ["Read", "Fixed"]}}}},
      "exercise": {"task": "Stop deletes.", "hints": ["one", "two"], "readOnly": ["Fixed"],
                   "solution": {"Read": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}},
      "requests": [
        {"name": "read", "principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "expect": "allowed"},
        {"name": "delete", "principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:DeleteObject", "resource": "arn:aws:s3:::b/k", "expect": "implicitDeny"}
      ]
    }"#;

    #[test]
    fn an_exercise_keeps_its_start_read_only_documents_and_solution() {
        let mut m = Model::new(iam_core::parse_workspace(EXERCISE).unwrap());
        assert!(m.start.is_some());
        assert!(m.read_only(1) && !m.read_only(0));
        // An edit of the read-only document does not reach the model.
        let mut work = m.mirror();
        work.docs[1].text = "{}".into();
        work.docs[0].text = "{\"Version\": \"2012-10-17\", \"Statement\": []}".into();
        m.absorb(&work);
        assert_ne!(m.ws.documents()[1].0.document, "{}");
        assert_eq!(m.ws.documents()[0].0.document, work.docs[0].text);
        // Reset puts the starting documents back.
        m.reset_documents();
        assert_eq!(m.ws, **m.start.as_ref().unwrap());
        assert_eq!(m.ws.checks(), (1, 2));
        m.apply_solution();
        assert_eq!(m.ws.checks(), (2, 2));
        // Saving the solution records the documents that differ from the start.
        m.save_solution();
        let names: Vec<&str> =
            m.ws.exercise
                .as_ref()
                .unwrap()
                .solution
                .iter()
                .map(|(n, _)| n.as_str())
                .collect();
        assert_eq!(names, ["Read"]);
        m.set_read_only(0, true);
        assert!(m.read_only(0));
        m.set_read_only(0, false);
        assert!(!m.read_only(0));
    }

    #[test]
    fn checks() {
        assert_eq!(check(None, Some(Decision::Allowed)), None);
        assert_eq!(
            check(Some(Decision::Allowed), Some(Decision::Allowed)),
            Some(true)
        );
        assert_eq!(check(Some(Decision::Allowed), None), Some(false));
    }
}
