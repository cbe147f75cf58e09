//! The playground's state: plain data, one [`Action`] enum, one reducer ([`Playground::apply`]).
//!
//! Only what the user typed (the [`Workspace`]) and a little UI state live here. The analysis — the
//! diagnostics, the decision and its trace — is derived from the workspace in `app.rs` and never
//! stored. No web-sys in this file: the reducer's tests are plain host `#[test]`s.

use std::rc::Rc;

use iam_core::{
    request::ContextValue, request::RequestInput, scenario::Organization, scenario::PolicyInput,
    Decision, PolicyType, Scenario, Span,
};

use crate::model::Model;

/// One policy document as the user edits it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyDoc {
    /// Stable id for the UI (tabs, editors); not saved, not shared.
    pub id: u32,
    pub name: String,
    pub policy_type: PolicyType,
    /// The organization node an SCP or RCP is attached to (kept, but unused, for other types).
    pub target: String,
    pub text: String,
}

/// How a context value is edited. The scenario itself stores strings; the kind picks the input
/// control and is a hint only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    String,
    List,
    Bool,
    Number,
    Date,
    Ip,
}

impl ValueKind {
    pub const ALL: [ValueKind; 6] = [
        ValueKind::String,
        ValueKind::List,
        ValueKind::Bool,
        ValueKind::Number,
        ValueKind::Date,
        ValueKind::Ip,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ValueKind::String => "string",
            ValueKind::List => "list",
            ValueKind::Bool => "bool",
            ValueKind::Number => "number",
            ValueKind::Date => "date",
            ValueKind::Ip => "ip",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ValueKind::String => "String",
            ValueKind::List => "List",
            ValueKind::Bool => "Bool",
            ValueKind::Number => "Number",
            ValueKind::Date => "Date",
            ValueKind::Ip => "IP",
        }
    }

    pub fn parse(text: &str) -> Option<ValueKind> {
        ValueKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// Guess the kind of a value read from a scenario, from the key's name first, then the value.
    pub fn infer(key: &str, value: &ContextValue) -> ValueKind {
        let values = match value {
            ContextValue::Multi(_) => return ValueKind::List,
            ContextValue::Single(v) => v,
        };
        let lower = key.to_ascii_lowercase();
        if lower.ends_with("sourceip") || lower.ends_with("vpcsourceip") {
            return ValueKind::Ip;
        }
        if lower == "aws:currenttime" || lower == "aws:tokenissuetime" {
            return ValueKind::Date;
        }
        let v = values.trim();
        if v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("false") {
            return ValueKind::Bool;
        }
        if looks_numeric(v) {
            return ValueKind::Number;
        }
        let b = v.as_bytes();
        let date_like = b.len() >= 10
            && b.iter().take(4).all(u8::is_ascii_digit)
            && b.get(4) == Some(&b'-')
            && b.get(7) == Some(&b'-');
        if date_like {
            return ValueKind::Date;
        }
        let ip_like = !v.is_empty()
            && v.contains(['.', ':'])
            && v.chars()
                .all(|c| c.is_ascii_hexdigit() || matches!(c, '.' | ':' | '/'))
            && v.chars().any(|c| c.is_ascii_digit());
        if ip_like {
            return ValueKind::Ip;
        }
        ValueKind::String
    }
}

/// `-12`, `3.5`, `1e3`: digits with an optional sign, point and exponent (no float parsing needed).
fn looks_numeric(v: &str) -> bool {
    let body = v.strip_prefix(['-', '+']).unwrap_or(v);
    let (mantissa, exponent) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['-', '+']).unwrap_or(e))),
        None => (body, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    (!int.is_empty() || !frac.is_empty())
        && digits(int)
        && digits(frac)
        && exponent.is_none_or(|e| !e.is_empty() && digits(e))
}

/// One row of the request's context table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContextRow {
    pub id: u32,
    pub key: String,
    pub kind: ValueKind,
    /// The value as typed; for a list, items separated by commas.
    pub value: String,
}

impl ContextRow {
    pub fn to_value(&self) -> ContextValue {
        match self.kind {
            ValueKind::List => ContextValue::Multi(split_list(&self.value)),
            _ => ContextValue::Single(self.value.trim().to_string()),
        }
    }

    /// Why the value does not look like its kind (a hint next to the input; the core decides).
    pub fn problem(&self) -> Option<&'static str> {
        let v = self.value.trim();
        if v.is_empty() {
            return None;
        }
        match self.kind {
            ValueKind::String | ValueKind::List => None,
            ValueKind::Bool => (!v.eq_ignore_ascii_case("true")
                && !v.eq_ignore_ascii_case("false"))
            .then_some("a bool is `true` or `false`"),
            ValueKind::Number => (!looks_numeric(v)).then_some("not a number"),
            ValueKind::Date => {
                let epoch = v.bytes().all(|b| b.is_ascii_digit());
                let iso = v.len() >= 4 && v.bytes().take(4).all(|b| b.is_ascii_digit());
                (!epoch && !iso)
                    .then_some("a date is ISO 8601 (`2026-01-31T12:00:00Z`) or epoch seconds")
            }
            ValueKind::Ip => {
                let (address, prefix) = v.split_once('/').unwrap_or((v, "0"));
                let address_ok = address.contains(['.', ':'])
                    && address
                        .chars()
                        .all(|c| c.is_ascii_hexdigit() || c == '.' || c == ':');
                let prefix_ok = !prefix.is_empty() && prefix.bytes().all(|b| b.is_ascii_digit());
                (!address_ok || !prefix_ok)
                    .then_some("an IP address or CIDR range, e.g. `203.0.113.0/24`")
            }
        }
    }
}

/// Items of a comma-separated list, trimmed, empty items dropped.
pub fn split_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The request as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestDraft {
    pub principal: String,
    pub action: String,
    pub resource: String,
    /// Empty means "not given".
    pub resource_account: String,
    pub context: Vec<ContextRow>,
}

/// Which plain field of the request an edit changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestField {
    Principal,
    Action,
    Resource,
    ResourceAccount,
}

/// One member account of the organization and its path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgAccount {
    pub id: u32,
    pub account: String,
    /// The root then each OU, separated by `/` (or commas), e.g. `r-root / ou-abcd-11111111`.
    pub path: String,
}

impl OrgAccount {
    pub fn path_nodes(&self) -> Vec<String> {
        self.path
            .split(['/', ',', '>'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }
}

/// The optional organization.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrgDraft {
    /// Whether the scenario has an `organization` at all.
    pub enabled: bool,
    pub management_account: String,
    pub accounts: Vec<OrgAccount>,
}

/// Everything the user typed: what is saved, shared and exported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workspace {
    pub docs: Vec<PolicyDoc>,
    /// Id of the policy shown in the editor.
    pub active: u32,
    pub request: RequestDraft,
    pub organization: OrgDraft,
    /// Next id to hand out (docs, context rows, accounts share one counter).
    pub next_id: u32,
}

pub const NEW_POLICY_TEXT: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Statement1",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::example-bucket/*"
    }
  ]
}"#;

impl Default for Workspace {
    fn default() -> Workspace {
        Workspace {
            docs: vec![PolicyDoc {
                id: 1,
                name: "ReadExampleBucket".to_string(),
                policy_type: PolicyType::Identity,
                target: String::new(),
                text: NEW_POLICY_TEXT.to_string(),
            }],
            active: 1,
            request: RequestDraft {
                principal: "arn:aws:iam::111122223333:user/alice".to_string(),
                action: "s3:GetObject".to_string(),
                resource: "arn:aws:s3:::example-bucket/report.csv".to_string(),
                resource_account: String::new(),
                context: Vec::new(),
            },
            organization: OrgDraft::default(),
            next_id: 2,
        }
    }
}

impl Workspace {
    fn fresh_id(&mut self) -> u32 {
        let id = self.next_id;
        self.next_id = self.next_id.saturating_add(1);
        id
    }

    /// Index of the active policy, if there is one.
    pub fn active_index(&self) -> Option<usize> {
        self.docs.iter().position(|d| d.id == self.active)
    }

    pub fn active_doc(&self) -> Option<&PolicyDoc> {
        self.docs.iter().find(|d| d.id == self.active)
    }

    pub fn index_of(&self, id: u32) -> Option<usize> {
        self.docs.iter().position(|d| d.id == id)
    }

    fn unique_name(&self, base: &str) -> String {
        if !self.docs.iter().any(|d| d.name == base) {
            return base.to_string();
        }
        (2..)
            .map(|n| format!("{base}{n}"))
            .find(|candidate| !self.docs.iter().any(|d| d.name == *candidate))
            .unwrap_or_else(|| base.to_string())
    }

    /// The scenario these inputs describe (what `analyze` gets, what is shared and exported).
    pub fn to_scenario(&self) -> Scenario {
        let request: RequestInput = crate::model::request_input(&self.request);
        let policies = self
            .docs
            .iter()
            .map(|d| PolicyInput {
                name: d.name.clone(),
                policy_type: d.policy_type,
                target: matches!(d.policy_type, PolicyType::Scp | PolicyType::Rcp)
                    .then(|| d.target.trim().to_string()),
                document: d.text.clone(),
                file_offset: None,
                origin: None,
                tree: Default::default(),
            })
            .collect();
        let organization = self.organization.enabled.then(|| {
            let management = self.organization.management_account.trim();
            Organization {
                management_account: (!management.is_empty()).then(|| management.to_string()),
                accounts: self
                    .organization
                    .accounts
                    .iter()
                    .filter(|a| !a.account.trim().is_empty())
                    .map(|a| (a.account.trim().to_string(), a.path_nodes()))
                    .collect(),
            }
        });
        Scenario {
            request,
            policies,
            organization,
            block_public_access: None,
        }
    }

    /// The inputs a scenario describes.
    pub fn from_scenario(scenario: &Scenario) -> Workspace {
        let mut next_id = 1;
        let mut fresh = || {
            let id = next_id;
            next_id += 1;
            id
        };
        let docs: Vec<PolicyDoc> = scenario
            .policies
            .iter()
            .map(|p| PolicyDoc {
                id: fresh(),
                name: p.name.clone(),
                policy_type: p.policy_type,
                target: p.target.clone().unwrap_or_default(),
                text: p.document.clone(),
            })
            .collect();
        let context = scenario
            .request
            .context
            .iter()
            .map(|(key, value)| ContextRow {
                id: fresh(),
                key: key.clone(),
                kind: ValueKind::infer(key, value),
                value: match value {
                    ContextValue::Single(v) => v.clone(),
                    ContextValue::Multi(vs) => vs.join(", "),
                },
            })
            .collect();
        let organization = match &scenario.organization {
            None => OrgDraft::default(),
            Some(org) => OrgDraft {
                enabled: true,
                management_account: org.management_account.clone().unwrap_or_default(),
                accounts: org
                    .accounts
                    .iter()
                    .map(|(account, path)| OrgAccount {
                        id: fresh(),
                        account: account.clone(),
                        path: path.join(" / "),
                    })
                    .collect(),
            },
        };
        let request = RequestDraft {
            principal: scenario.request.principal.clone(),
            action: scenario.request.action.clone(),
            resource: scenario.request.resource.clone(),
            resource_account: scenario
                .request
                .resource_account
                .clone()
                .unwrap_or_default(),
            context,
        };
        let active = docs.first().map(|d| d.id).unwrap_or(0);
        Workspace {
            docs,
            active,
            request,
            organization,
            next_id,
        }
    }
}

/// A place in one policy's text (what an explanation step or a diagnostic points at).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target {
    /// The policy's [`PolicyDoc::id`].
    pub doc: u32,
    pub span: Span,
}

/// The place `span` in the document of editor tab `tab` (`ids`: the documents' ids in the tabs'
/// order); `None` when there is no such tab (a derived policy without a document).
pub fn target_at(ids: &[u32], tab: usize, span: Span) -> Option<Target> {
    ids.get(tab).map(|&doc| Target { doc, span })
}

/// A request to select and scroll to a place; `seq` makes a repeated click on the same step count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FocusRequest {
    pub target: Target,
    pub seq: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BannerKind {
    Error,
    Info,
}

/// A message across the top of the page (a broken link or file, a loaded example, …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Banner {
    pub kind: BannerKind,
    pub title: String,
    pub details: Vec<String>,
}

impl Banner {
    pub fn error(title: impl Into<String>, details: Vec<String>) -> Banner {
        Banner {
            kind: BannerKind::Error,
            title: title.into(),
            details,
        }
    }
    pub fn info(title: impl Into<String>) -> Banner {
        Banner {
            kind: BannerKind::Info,
            title: title.into(),
            details: Vec::new(),
        }
    }
}

/// Where a loaded scenario came from (for the banner and the undo offer).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadSource {
    Example {
        slug: String,
        title: String,
        /// The example's text (what it shows, and what to try), kept on screen.
        description: String,
    },
    Link,
    File {
        name: String,
    },
    /// A scenario with a lesson's title and text, from a link or a file (`via`): a shared example
    /// keeps its text on screen.
    Lesson {
        title: String,
        description: String,
        via: Box<LoadSource>,
    },
}

/// What the user is working on: the page's inputs and, while a v2 workspace is open, the model they
/// mirror (`model.rs`). What is saved, and what "undo" brings back.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    pub work: Workspace,
    pub model: Option<Rc<Model>>,
}

/// The whole UI state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Playground {
    /// The inputs the editors and the request builder show (a scenario v1, or the mirror of `model`).
    pub work: Workspace,
    /// The v2 workspace being edited, if one is open (`None`: a scenario v1).
    pub model: Option<Rc<Model>>,
    /// Bumped by the reducer whenever what is analysed changes (the policies, the request, the
    /// organization, the model): the page derives the scenario and the analysis once per value
    /// (`app.rs`), not once per render.
    pub inputs: u32,
    /// Bumped when the hover and focus of [`UiState`] no longer apply (a load, an undo, a restore, a
    /// change of the model's structure): they are kept with the epoch they were made in.
    pub epoch: u32,
    pub banner: Option<Banner>,
    /// The work before the last load (example, link or file) or deletion, offered back in the banner.
    pub undo: Option<Box<Snapshot>>,
    pub gallery_open: bool,
    /// Embed mode (`?embed`): compact layout, nothing saved.
    pub embed: bool,
    /// Presenter mode (`?present`, or the Present button): larger type, fewer panels, for a
    /// projector.
    pub presenter: bool,
    /// An `<iam-playground readonly>` element: the policies and the request cannot be edited.
    pub locked: bool,
    /// The example last loaded, if the workspace came from one.
    pub example: Option<String>,
    /// The loaded example's title and text, kept on screen (a scenario's; a workspace has its own).
    pub lesson: Option<(String, String)>,
    /// A workspace's "who can?" question.
    pub who: WhoQuery,
    /// How an exercise is shown.
    pub exercise: ExerciseView,
}

/// How an exercise is shown: student mode (the default) hides the checks' expected decisions until
/// asked and reveals hints one at a time; author mode edits the task, hints, read-only documents and
/// solution.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExerciseView {
    pub author: bool,
    /// How many hints are revealed.
    pub hints: usize,
    /// Student mode: the checks' expected decisions are shown.
    pub answers: bool,
}

/// "Who can do `action` on `resource`?" over a workspace's principals, and whose reasoning is open.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WhoQuery {
    pub action: String,
    pub resource: String,
    /// The principal whose reasoning is shown.
    pub open: Option<String>,
}

/// Every change the UI can make.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    AddPolicy,
    SelectPolicy(u32),
    RenamePolicy {
        doc: u32,
        name: String,
    },
    SetPolicyType {
        doc: u32,
        policy_type: PolicyType,
    },
    SetPolicyTarget {
        doc: u32,
        target: String,
    },
    EditPolicy {
        doc: u32,
        text: String,
    },
    DuplicatePolicy(u32),
    DeletePolicy(u32),
    /// Move a policy left (`-1`) or right (`+1`) in the list.
    MovePolicy {
        doc: u32,
        delta: i32,
    },
    SetRequestField {
        field: RequestField,
        value: String,
    },
    /// Add a context row (empty, or a copy of a derived key to override).
    AddContextRow {
        key: String,
        kind: ValueKind,
        value: String,
    },
    SetContextKey {
        row: u32,
        key: String,
    },
    SetContextKind {
        row: u32,
        kind: ValueKind,
    },
    SetContextValue {
        row: u32,
        value: String,
    },
    RemoveContextRow(u32),
    SetOrganizationEnabled(bool),
    SetManagementAccount(String),
    AddOrgAccount,
    SetOrgAccount {
        row: u32,
        account: String,
    },
    SetOrgPath {
        row: u32,
        path: String,
    },
    RemoveOrgAccount(u32),
    /// Replace the workspace (the previous one is kept for [`Action::UndoLoad`]).
    Load {
        scenario: Scenario,
        source: LoadSource,
    },
    /// Open a v2 workspace (the previous work is kept for [`Action::UndoLoad`]).
    LoadModel {
        model: Box<iam_core::Workspace>,
        source: LoadSource,
    },
    /// Show request `index` of the workspace (its reasoning, and in the request builder).
    SelectRequest(usize),
    /// Add a request to the workspace (a copy of the selected one) and select it.
    AddRequest,
    RemoveRequest(usize),
    RenameRequest {
        index: usize,
        name: String,
    },
    /// The decision a request's check expects (`None`: no check).
    SetExpect {
        index: usize,
        expect: Option<Decision>,
    },
    /// Ask who can do `action` on `resource` (a workspace's principals).
    SetWho {
        action: String,
        resource: String,
    },
    /// Show (or hide, `None`) one principal's reasoning in the who-can list.
    OpenWho(Option<String>),
    /// Change the workspace's model (`model_edit.rs`): add, rename, delete, attach, detach, …
    EditModel(crate::model_edit::ModelEdit),
    /// Reveal the exercise's next hint.
    ShowHint,
    /// Show or hide the checks' expected decisions (student mode).
    ShowAnswers(bool),
    /// Author mode (edit the exercise) or student mode.
    SetAuthor(bool),
    /// Put the exercise's starting documents back (undoable).
    ResetExercise,
    /// Put the exercise's solution in place (undoable).
    ApplySolution,
    /// Author mode: the current documents become the solution.
    SaveSolution,
    SetTask(String),
    /// Author mode: the hints, one per line.
    SetHints(String),
    /// Author mode: whether the student may edit a document.
    SetReadOnly {
        doc: u32,
        read_only: bool,
    },
    UndoLoad,
    /// Restore a kept copy of saved work (`recovery.rs`; the date it was kept), undoable.
    Restore(Box<Snapshot>, String),
    ShowBanner(Banner),
    DismissBanner,
    OpenGallery(bool),
    /// Presenter mode on or off.
    SetPresenter(bool),
}

impl Playground {
    pub fn new(work: Workspace) -> Playground {
        Playground {
            work,
            ..Playground::default()
        }
    }

    /// A playground on saved or loaded work.
    pub fn from_snapshot(snapshot: Snapshot) -> Playground {
        Playground {
            work: snapshot.work,
            model: snapshot.model,
            ..Playground::default()
        }
    }

    /// A playground on a v2 workspace.
    pub fn with_model(ws: iam_core::Workspace) -> Playground {
        let model = Model::new(ws);
        Playground::from_snapshot(Snapshot {
            work: model.mirror(),
            model: Some(Rc::new(model)),
        })
    }

    /// What is exported (a file the CLI reads): the workspace as v2 JSON, or the scenario as v1 JSON.
    pub fn to_json(&self) -> String {
        match &self.model {
            Some(model) => model.ws.to_json(),
            None => self.work.to_scenario().to_json(),
        }
    }

    /// What a share link carries: [`Playground::to_json`] — with a lesson on screen,
    /// `{"title", "description", "scenario"}`, so that the text goes with the scenario.
    pub fn share_json(&self) -> String {
        match (&self.model, &self.lesson) {
            (None, Some((title, description))) => format!(
                "{{\n  \"title\": {},\n  \"description\": {},\n  \"scenario\": {}\n}}\n",
                iam_core::json_out::quote(title),
                iam_core::json_out::quote(description),
                self.work.to_scenario().to_json().trim_end()
            ),
            _ => self.to_json(),
        }
    }

    /// What is saved: the inputs, and the model when a workspace is open.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            work: self.work.clone(),
            model: self.model.clone(),
        }
    }

    /// The reducer, as a plain method so that host tests can call it.
    pub fn apply(&mut self, action: Action) {
        if self.model.is_some() && !self.apply_model(&action) {
            return;
        }
        let edits = matches!(
            action,
            Action::EditPolicy { .. }
                | Action::SetRequestField { .. }
                | Action::AddContextRow { .. }
                | Action::SetContextKey { .. }
                | Action::SetContextKind { .. }
                | Action::SetContextValue { .. }
                | Action::RemoveContextRow(_)
        );
        self.apply_inputs(action);
        if edits {
            if let Some(model) = &mut self.model {
                Rc::make_mut(model).absorb(&self.work);
            }
        }
    }

    /// The actions of a v2 workspace; `false` when the page's own handling should follow (edits of
    /// documents and of the request, focus, banners, loads). A v1 policy list's structure (add,
    /// rename, type, delete, move) and the v1 organization form do not apply to a workspace.
    fn apply_model(&mut self, action: &Action) -> bool {
        let Some(model) = &mut self.model else {
            return true;
        };
        match action {
            Action::SelectRequest(index) => {
                if *index < model.ws.requests.len() {
                    let m = Rc::make_mut(model);
                    m.selected = *index;
                    m.show_request(&mut self.work);
                }
            }
            Action::AddRequest => {
                let m = Rc::make_mut(model);
                m.add_request();
                self.work = Workspace {
                    active: self.work.active,
                    ..m.mirror()
                };
            }
            Action::RemoveRequest(index) => {
                if *index < model.ws.requests.len() && model.ws.requests.len() > 1 {
                    self.undo = Some(Box::new(Snapshot {
                        work: self.work.clone(),
                        model: Some(model.clone()),
                    }));
                    let m = Rc::make_mut(model);
                    let name = m.ws.requests.get(*index).map(|r| r.name.clone());
                    m.remove_request(*index);
                    let active = self.work.active;
                    self.work = m.mirror();
                    if self.work.index_of(active).is_some() {
                        self.work.active = active;
                    }
                    self.banner = Some(Banner::info(format!(
                        "Deleted the request “{}”.",
                        name.unwrap_or_default()
                    )));
                }
            }
            Action::RenameRequest { index, name } => {
                if let Some(r) = Rc::make_mut(model).ws.requests.get_mut(*index) {
                    r.name.clone_from(name);
                }
            }
            Action::SetExpect { index, expect } => {
                if let Some(r) = Rc::make_mut(model).ws.requests.get_mut(*index) {
                    r.expect = *expect;
                }
            }
            Action::SetWho { action, resource } => {
                self.who.action.clone_from(action);
                self.who.resource.clone_from(resource);
            }
            Action::OpenWho(principal) => self.who.open.clone_from(principal),
            Action::EditPolicy { doc, .. } => {
                // A read-only document of an exercise is not edited (its editor is read-only too).
                let index = self.work.index_of(*doc);
                return !index.is_some_and(|i| model.read_only(i));
            }
            Action::EditModel(edit) => {
                let active = self.work.active_doc().map(|d| d.name.clone());
                let m = Rc::make_mut(model);
                match crate::model_edit::apply(&mut m.ws, edit) {
                    Ok(()) => {
                        m.selected = m.selected.min(m.ws.requests.len().saturating_sub(1));
                        self.work = m.mirror();
                        // The same document stays open (by name), or the new one opens.
                        let opened = match edit {
                            crate::model_edit::ModelEdit::AddManaged { name } => {
                                Some(name.trim().to_string())
                            }
                            _ => active,
                        };
                        if let Some(doc) =
                            opened.and_then(|n| self.work.docs.iter().find(|d| d.name == n))
                        {
                            self.work.active = doc.id;
                        }
                        self.epoch = self.epoch.wrapping_add(1);
                    }
                    Err(problem) => {
                        self.banner =
                            Some(Banner::error("The model was not changed", vec![problem]));
                    }
                }
            }
            Action::ShowHint => self.exercise.hints = self.exercise.hints.saturating_add(1),
            Action::ShowAnswers(show) => self.exercise.answers = *show,
            Action::SetAuthor(author) => self.exercise.author = *author,
            Action::ResetExercise | Action::ApplySolution => {
                self.undo = Some(Box::new(Snapshot {
                    work: self.work.clone(),
                    model: Some(model.clone()),
                }));
                let m = Rc::make_mut(model);
                if *action == Action::ResetExercise {
                    m.reset_documents();
                    self.banner = Some(Banner::info(
                        "The exercise's documents are back to where they started.",
                    ));
                } else {
                    m.apply_solution();
                    self.banner = Some(Banner::info("The exercise's solution is in place."));
                }
                let active = self.work.active;
                self.work = m.mirror();
                if self.work.index_of(active).is_some() {
                    self.work.active = active;
                }
                m.show_request(&mut self.work);
            }
            Action::SaveSolution => Rc::make_mut(model).save_solution(),
            Action::SetTask(task) => {
                Rc::make_mut(model).exercise_mut().task =
                    (!task.trim().is_empty()).then(|| task.clone());
            }
            Action::SetHints(text) => {
                Rc::make_mut(model).exercise_mut().hints = text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect();
            }
            Action::SetReadOnly { doc, read_only } => {
                if let Some(index) = self.work.index_of(*doc) {
                    Rc::make_mut(model).set_read_only(index, *read_only);
                }
            }
            Action::AddPolicy
            | Action::RenamePolicy { .. }
            | Action::SetPolicyType { .. }
            | Action::SetPolicyTarget { .. }
            | Action::DuplicatePolicy(_)
            | Action::DeletePolicy(_)
            | Action::MovePolicy { .. }
            | Action::SetOrganizationEnabled(_)
            | Action::SetManagementAccount(_)
            | Action::AddOrgAccount
            | Action::SetOrgAccount { .. }
            | Action::SetOrgPath { .. }
            | Action::RemoveOrgAccount(_) => {}
            _ => return true,
        }
        false
    }

    /// The page's inputs: policies, request, organization, focus, loads, banners.
    // long: the reducer's match, one arm per input action
    fn apply_inputs(&mut self, action: Action) {
        let work = &mut self.work;
        match action {
            Action::AddPolicy => {
                let id = work.fresh_id();
                let name = work.unique_name("Policy");
                work.docs.push(PolicyDoc {
                    id,
                    name,
                    policy_type: PolicyType::Identity,
                    target: String::new(),
                    text: NEW_POLICY_TEXT.to_string(),
                });
                work.active = id;
            }
            Action::SelectPolicy(id) => {
                if work.index_of(id).is_some() {
                    work.active = id;
                }
            }
            Action::RenamePolicy { doc, name } => {
                if let Some(d) = work.docs.iter_mut().find(|d| d.id == doc) {
                    d.name = name;
                }
            }
            Action::SetPolicyType { doc, policy_type } => {
                if let Some(d) = work.docs.iter_mut().find(|d| d.id == doc) {
                    d.policy_type = policy_type;
                    if matches!(policy_type, PolicyType::Scp | PolicyType::Rcp)
                        && d.target.trim().is_empty()
                    {
                        d.target = "r-root".to_string();
                    }
                }
            }
            Action::SetPolicyTarget { doc, target } => {
                if let Some(d) = work.docs.iter_mut().find(|d| d.id == doc) {
                    d.target = target;
                }
            }
            Action::EditPolicy { doc, text } => {
                if let Some(d) = work.docs.iter_mut().find(|d| d.id == doc) {
                    d.text = text;
                }
            }
            Action::DuplicatePolicy(doc) => {
                if let Some(index) = work.index_of(doc) {
                    let id = work.fresh_id();
                    if let Some(original) = work.docs.get(index).cloned() {
                        let name = work.unique_name(&format!("{}Copy", original.name));
                        work.docs.insert(
                            index + 1,
                            PolicyDoc {
                                id,
                                name,
                                ..original
                            },
                        );
                        work.active = id;
                    }
                }
            }
            Action::DeletePolicy(doc) => {
                if let Some(index) = work.index_of(doc) {
                    let before = Snapshot {
                        work: work.clone(),
                        model: None,
                    };
                    let removed = work.docs.remove(index);
                    self.undo = Some(Box::new(before));
                    self.banner = Some(Banner::info(format!(
                        "Deleted the policy `{}`.",
                        removed.name
                    )));
                    if work.active == doc {
                        let next = index.min(work.docs.len().saturating_sub(1));
                        work.active = work.docs.get(next).map(|d| d.id).unwrap_or(0);
                    }
                    // A hover or focus on `doc` ends with it: `UiState` drops targets whose
                    // document is gone.
                }
            }
            Action::MovePolicy { doc, delta } => {
                if let Some(index) = work.index_of(doc) {
                    let to = index as i64 + i64::from(delta);
                    if to >= 0 && (to as usize) < work.docs.len() {
                        let item = work.docs.remove(index);
                        work.docs.insert(to as usize, item);
                    }
                }
            }
            Action::SetRequestField { field, value } => {
                let r = &mut work.request;
                match field {
                    RequestField::Principal => r.principal = value,
                    RequestField::Action => r.action = value,
                    RequestField::Resource => r.resource = value,
                    RequestField::ResourceAccount => r.resource_account = value,
                }
            }
            Action::AddContextRow { key, kind, value } => {
                let id = work.fresh_id();
                work.request.context.push(ContextRow {
                    id,
                    key,
                    kind,
                    value,
                });
            }
            Action::SetContextKey { row, key } => {
                if let Some(r) = work.request.context.iter_mut().find(|r| r.id == row) {
                    r.key = key;
                }
            }
            Action::SetContextKind { row, kind } => {
                if let Some(r) = work.request.context.iter_mut().find(|r| r.id == row) {
                    if kind == ValueKind::Bool && !matches!(r.value.as_str(), "true" | "false") {
                        r.value = "true".to_string();
                    }
                    r.kind = kind;
                }
            }
            Action::SetContextValue { row, value } => {
                if let Some(r) = work.request.context.iter_mut().find(|r| r.id == row) {
                    r.value = value;
                }
            }
            Action::RemoveContextRow(row) => work.request.context.retain(|r| r.id != row),
            Action::SetOrganizationEnabled(enabled) => {
                work.organization.enabled = enabled;
                if enabled && work.organization.accounts.is_empty() {
                    let id = work.fresh_id();
                    let account = account_of(&work.request.principal).unwrap_or_default();
                    work.organization.accounts.push(OrgAccount {
                        id,
                        account,
                        path: "r-root".to_string(),
                    });
                }
            }
            Action::SetManagementAccount(account) => work.organization.management_account = account,
            Action::AddOrgAccount => {
                let id = work.fresh_id();
                work.organization.accounts.push(OrgAccount {
                    id,
                    account: String::new(),
                    path: "r-root".to_string(),
                });
            }
            Action::SetOrgAccount { row, account } => {
                if let Some(a) = work.organization.accounts.iter_mut().find(|a| a.id == row) {
                    a.account = account;
                }
            }
            Action::SetOrgPath { row, path } => {
                if let Some(a) = work.organization.accounts.iter_mut().find(|a| a.id == row) {
                    a.path = path;
                }
            }
            Action::RemoveOrgAccount(row) => work.organization.accounts.retain(|a| a.id != row),
            Action::Load { scenario, source } => {
                let previous = Snapshot {
                    work: std::mem::replace(work, Workspace::from_scenario(&scenario)),
                    model: self.model.take(),
                };
                self.undo = Some(Box::new(previous));
                self.loaded(source);
            }
            Action::LoadModel { model, source } => {
                let model = Model::new(*model);
                let previous = Snapshot {
                    work: std::mem::replace(work, model.mirror()),
                    model: self.model.replace(Rc::new(model)),
                };
                self.undo = Some(Box::new(previous));
                self.loaded(source);
            }
            Action::Restore(snapshot, date) => {
                let previous = Snapshot {
                    work: std::mem::replace(work, snapshot.work),
                    model: std::mem::replace(&mut self.model, snapshot.model),
                };
                self.undo = Some(Box::new(previous));
                self.epoch = self.epoch.wrapping_add(1);
                self.example = None;
                self.banner = Some(Banner::info(format!("Restored the copy kept on {date}.")));
            }
            Action::UndoLoad => {
                if let Some(previous) = self.undo.take() {
                    self.work = previous.work;
                    self.model = previous.model;
                    self.example = None;
                    self.epoch = self.epoch.wrapping_add(1);
                    self.banner = Some(Banner::info("Undone: your previous work is back."));
                }
            }
            Action::ShowBanner(banner) => self.banner = Some(banner),
            Action::DismissBanner => {
                self.banner = None;
                self.undo = None;
            }
            Action::OpenGallery(open) => self.gallery_open = open,
            Action::SetPresenter(on) => self.presenter = on,
            // A workspace's own actions (`apply_model`); nothing without one.
            Action::SelectRequest(_)
            | Action::AddRequest
            | Action::RemoveRequest(_)
            | Action::RenameRequest { .. }
            | Action::SetExpect { .. }
            | Action::SetWho { .. }
            | Action::OpenWho(_)
            | Action::EditModel(_)
            | Action::ShowHint
            | Action::ShowAnswers(_)
            | Action::SetAuthor(_)
            | Action::ResetExercise
            | Action::ApplySolution
            | Action::SaveSolution
            | Action::SetTask(_)
            | Action::SetHints(_)
            | Action::SetReadOnly { .. } => {}
        }
    }

    /// After a load: no focus or hover left over, the gallery closed, a banner saying what opened.
    fn loaded(&mut self, source: LoadSource) {
        self.exercise = ExerciseView::default();
        {
            self.epoch = self.epoch.wrapping_add(1);
            self.gallery_open = false;
            let via = match &source {
                LoadSource::Lesson { via, .. } => via.as_ref(),
                other => other,
            };
            let title = match via {
                LoadSource::Example { title, .. } => format!("Loaded the example “{title}”."),
                LoadSource::Link if self.model.is_some() => {
                    "Opened the workspace from the link.".to_string()
                }
                LoadSource::Link | LoadSource::Lesson { .. } => {
                    "Opened the scenario from the link.".to_string()
                }
                LoadSource::File { name } => {
                    format!("Imported `{name}`: read in this browser, nothing was uploaded.")
                }
            };
            (self.example, self.lesson) = match source {
                LoadSource::Example {
                    slug,
                    title,
                    description,
                } => (Some(slug), Some((title, description))),
                LoadSource::Lesson {
                    title, description, ..
                } => (None, Some((title, description))),
                _ => (None, None),
            };
            self.banner = Some(Banner::info(title));
        }
    }
}

/// The 12-digit account of a principal ARN, if it has one.
fn account_of(arn: &str) -> Option<String> {
    let account = arn.trim().strip_prefix("arn:")?.split(':').nth(3)?;
    (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()))
        .then(|| account.to_string())
}

impl yew::Reducible for Playground {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // Choosing the tab already shown changes nothing: the same `Rc`, so no render.
        if let Action::SelectPolicy(doc) = action {
            if self.work.active == doc {
                return self;
            }
        }
        let mut next = (*self).clone();
        next.apply(action);
        if next.analysed_differs(&self) {
            next.inputs = self.inputs.wrapping_add(1);
        }
        Rc::new(next)
    }
}

impl Playground {
    /// Whether what is analysed differs: the policies, the request, the organization or the model
    /// (by pointer: every change of the model makes a new one). Not the active tab, banners, …
    fn analysed_differs(&self, before: &Playground) -> bool {
        let model_changed = match (&self.model, &before.model) {
            (Some(a), Some(b)) => !Rc::ptr_eq(a, b),
            (None, None) => false,
            _ => true,
        };
        model_changed
            || self.work.docs != before.work.docs
            || self.work.request != before.work.request
            || self.work.organization != before.work.organization
    }
}

/// The pointer's UI state, apart from the inputs (its own reducer in `app.rs`): the step under the
/// mouse and the last select-and-scroll request. Hovering changes only this, so it neither copies
/// the [`Playground`] nor derives the scenario again. Each is kept with the [`Playground::epoch`] it
/// was made in and read through [`UiState::hover`] / [`UiState::focus`], which drop it after a load
/// (new epoch) or once its document is gone.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UiState {
    hover: Option<(u32, Target)>,
    focus: Option<(u32, FocusRequest)>,
    seq: u32,
}

/// Every change of [`UiState`]; `epoch` is the [`Playground::epoch`] the target belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UiAction {
    /// Preview a span while the pointer is over a step; `None` ends it.
    Hover { epoch: u32, target: Option<Target> },
    /// Select and scroll to a span (the tab switch is the playground's `SelectPolicy`); ends the
    /// hover.
    Focus { epoch: u32, target: Target },
}

impl UiState {
    /// The reducer, as a plain method so that host tests can call it.
    pub fn apply(&mut self, action: UiAction) {
        match action {
            UiAction::Hover { epoch, target } => self.hover = target.map(|t| (epoch, t)),
            UiAction::Focus { epoch, target } => {
                self.seq = self.seq.wrapping_add(1);
                self.focus = Some((
                    epoch,
                    FocusRequest {
                        target,
                        seq: self.seq,
                    },
                ));
                self.hover = None;
            }
        }
    }

    /// The hovered place, if it still belongs to `p`'s work.
    pub fn hover(&self, p: &Playground) -> Option<Target> {
        self.hover
            .filter(|(epoch, t)| *epoch == p.epoch && p.work.index_of(t.doc).is_some())
            .map(|(_, t)| t)
    }

    /// The last select-and-scroll request, if it still belongs to `p`'s work.
    pub fn focus(&self, p: &Playground) -> Option<FocusRequest> {
        self.focus
            .filter(|(epoch, f)| *epoch == p.epoch && p.work.index_of(f.target.doc).is_some())
            .map(|(_, f)| f)
    }
}

impl yew::Reducible for UiState {
    type Action = UiAction;

    fn reduce(self: Rc<Self>, action: UiAction) -> Rc<Self> {
        let mut next = *self;
        next.apply(action);
        // The pointer moving over the same step again changes nothing: no render.
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn playground() -> Playground {
        Playground::new(Workspace::default())
    }

    #[test]
    fn add_duplicate_rename_move_delete() {
        let mut p = playground();
        p.apply(Action::AddPolicy);
        assert_eq!(p.work.docs.len(), 2);
        let added = p.work.docs[1].id;
        assert_eq!(p.work.active, added);
        assert_eq!(p.work.docs[1].name, "Policy");
        p.apply(Action::AddPolicy);
        assert_eq!(p.work.docs[2].name, "Policy2");

        p.apply(Action::RenamePolicy {
            doc: added,
            name: "Boundary".into(),
        });
        p.apply(Action::SetPolicyType {
            doc: added,
            policy_type: PolicyType::Scp,
        });
        assert_eq!(
            p.work.docs[1].target, "r-root",
            "an SCP gets a default target"
        );

        p.apply(Action::DuplicatePolicy(added));
        assert_eq!(p.work.docs.len(), 4);
        assert_eq!(p.work.docs[2].name, "BoundaryCopy");
        assert_eq!(p.work.docs[2].policy_type, PolicyType::Scp);
        assert_eq!(p.work.active, p.work.docs[2].id);

        p.apply(Action::MovePolicy {
            doc: added,
            delta: -1,
        });
        assert_eq!(p.work.docs[0].id, added);
        p.apply(Action::MovePolicy {
            doc: added,
            delta: -1,
        });
        assert_eq!(
            p.work.docs[0].id, added,
            "moving past the start does nothing"
        );

        let active = p.work.active;
        let before = p.work.clone();
        p.apply(Action::DeletePolicy(active));
        assert_eq!(p.work.docs.len(), 3);
        assert!(
            p.work.index_of(p.work.active).is_some(),
            "the active tab moves to a neighbour"
        );
        p.apply(Action::UndoLoad);
        assert_eq!(p.work, before, "a deletion can be undone");
    }

    #[test]
    fn deleting_the_last_policy_leaves_no_active_tab() {
        let mut p = playground();
        let only = p.work.docs[0].id;
        p.apply(Action::DeletePolicy(only));
        assert!(p.work.docs.is_empty());
        assert!(p.work.active_doc().is_none());
        assert!(p.work.to_scenario().policies.is_empty());
    }

    #[test]
    fn edits_reach_the_scenario() {
        let mut p = playground();
        let doc = p.work.docs[0].id;
        p.apply(Action::EditPolicy {
            doc,
            text: "{}".into(),
        });
        p.apply(Action::SetRequestField {
            field: RequestField::Action,
            value: "s3:PutObject".into(),
        });
        p.apply(Action::SetRequestField {
            field: RequestField::ResourceAccount,
            value: "  ".into(),
        });
        p.apply(Action::AddContextRow {
            key: "aws:TagKeys".into(),
            kind: ValueKind::List,
            value: "a, b,,c".into(),
        });
        p.apply(Action::AddContextRow {
            key: "  ".into(),
            kind: ValueKind::String,
            value: "ignored".into(),
        });
        let s = p.work.to_scenario();
        assert_eq!(s.policies[0].document, "{}");
        assert_eq!(s.request.action, "s3:PutObject");
        assert_eq!(s.request.resource_account, None);
        assert_eq!(
            s.request.context,
            vec![(
                "aws:TagKeys".to_string(),
                ContextValue::Multi(vec!["a".into(), "b".into(), "c".into()])
            )]
        );
    }

    #[test]
    fn context_rows_change_and_go() {
        let mut p = playground();
        p.apply(Action::AddContextRow {
            key: "aws:MultiFactorAuthPresent".into(),
            kind: ValueKind::String,
            value: "yes".into(),
        });
        let row = p.work.request.context[0].id;
        p.apply(Action::SetContextKind {
            row,
            kind: ValueKind::Bool,
        });
        assert_eq!(
            p.work.request.context[0].value, "true",
            "switching to bool picks a valid value"
        );
        p.apply(Action::SetContextValue {
            row,
            value: "false".into(),
        });
        p.apply(Action::SetContextKey {
            row,
            key: "aws:SecureTransport".into(),
        });
        assert_eq!(
            p.work.to_scenario().request.context[0],
            (
                "aws:SecureTransport".to_string(),
                ContextValue::Single("false".into())
            )
        );
        p.apply(Action::RemoveContextRow(row));
        assert!(p.work.request.context.is_empty());
    }

    #[test]
    fn organization_round_trips() {
        let mut p = playground();
        p.apply(Action::SetOrganizationEnabled(true));
        assert_eq!(
            p.work.organization.accounts[0].account, "111122223333",
            "the principal's account is offered first"
        );
        let row = p.work.organization.accounts[0].id;
        p.apply(Action::SetOrgPath {
            row,
            path: "r-root / ou-abcd-11111111".into(),
        });
        p.apply(Action::SetManagementAccount("999988887777".into()));
        let s = p.work.to_scenario();
        let org = s.organization.clone().unwrap();
        assert_eq!(org.management_account.as_deref(), Some("999988887777"));
        assert_eq!(
            org.accounts,
            vec![(
                "111122223333".to_string(),
                vec!["r-root".to_string(), "ou-abcd-11111111".to_string()]
            )]
        );
        let again = Workspace::from_scenario(&s);
        assert_eq!(again.to_scenario(), s);
        p.apply(Action::SetOrganizationEnabled(false));
        assert!(p.work.to_scenario().organization.is_none());
    }

    /// What `hooks::Pointer::focus` does: switch to the target's tab, then ask the editor to select
    /// it.
    fn focus(p: &mut Playground, ui: &mut UiState, target: Option<Target>) {
        if let Some(target) = target {
            p.apply(Action::SelectPolicy(target.doc));
            ui.apply(UiAction::Focus {
                epoch: p.epoch,
                target,
            });
        }
    }

    fn ids(p: &Playground) -> Vec<u32> {
        p.work.docs.iter().map(|d| d.id).collect()
    }

    #[test]
    fn focus_switches_tab_and_counts_clicks() {
        let mut p = playground();
        let mut ui = UiState::default();
        p.apply(Action::AddPolicy);
        let first = p.work.docs[0].id;
        let target = target_at(&ids(&p), 0, Span::new(3, 9));
        focus(&mut p, &mut ui, target);
        assert_eq!(p.work.active, first);
        let one = ui.focus(&p).unwrap();
        assert_eq!(
            one.target,
            Target {
                doc: first,
                span: Span::new(3, 9)
            }
        );
        let target = target_at(&ids(&p), 0, Span::new(3, 9));
        focus(&mut p, &mut ui, target);
        assert_ne!(
            ui.focus(&p).unwrap().seq,
            one.seq,
            "a second click on the same step scrolls again"
        );
        let out_of_range = target_at(&ids(&p), 7, Span::new(0, 1));
        assert_eq!(out_of_range, None);
        focus(&mut p, &mut ui, out_of_range);
        assert_eq!(
            p.work.active, first,
            "an index out of range changes nothing"
        );
        let hover = target_at(&ids(&p), 1, Span::new(0, 2));
        ui.apply(UiAction::Hover {
            epoch: p.epoch,
            target: hover,
        });
        assert_eq!(ui.hover(&p).unwrap().doc, p.work.docs[1].id);
        ui.apply(UiAction::Hover {
            epoch: p.epoch,
            target: None,
        });
        assert!(ui.hover(&p).is_none());
        ui.apply(UiAction::Hover {
            epoch: p.epoch,
            target: hover,
        });
        let target = target_at(&ids(&p), 0, Span::new(1, 2));
        focus(&mut p, &mut ui, target);
        assert!(ui.hover(&p).is_none(), "a click ends the preview");
    }

    /// Hovering and focusing change only the pointer's state; an edit derives the inputs once.
    #[test]
    fn the_pointer_leaves_the_inputs_alone_and_edits_count_once() {
        use yew::Reducible;
        let p = Rc::new(playground());
        let doc = p.work.docs[0].id;
        let ui = Rc::new(UiState::default());
        let hover = UiAction::Hover {
            epoch: p.epoch,
            target: Some(Target {
                doc,
                span: Span::new(0, 3),
            }),
        };
        let hovered = ui.clone().reduce(hover);
        assert!(!Rc::ptr_eq(&ui, &hovered));
        assert!(
            Rc::ptr_eq(&hovered, &hovered.clone().reduce(hover)),
            "the same step again: the same state, no render"
        );
        // A click on a step of the tab already shown: the inputs' `Rc` stays, nothing is rendered
        // or derived again.
        let same = p.clone().reduce(Action::SelectPolicy(doc));
        assert!(Rc::ptr_eq(&p, &same));
        // Another tab: a new state, but the same inputs (no new scenario, no new analysis).
        let two = p.clone().reduce(Action::AddPolicy);
        assert_eq!(two.inputs, p.inputs + 1);
        let back = two.clone().reduce(Action::SelectPolicy(doc));
        assert_eq!(back.work.active, doc);
        assert_eq!(back.inputs, two.inputs, "switching tabs analyses nothing");
        // An edit: one new value of the inputs; an edit that changes nothing: none.
        let edited = back.clone().reduce(Action::EditPolicy {
            doc,
            text: "{}".into(),
        });
        assert_eq!(edited.inputs, back.inputs + 1);
        let again = edited.clone().reduce(Action::EditPolicy {
            doc,
            text: "{}".into(),
        });
        assert_eq!(again.inputs, edited.inputs);
        let banner = again.clone().reduce(Action::ShowBanner(Banner::info("hi")));
        assert_eq!(banner.inputs, again.inputs, "a banner is not an input");
        let request = banner.clone().reduce(Action::SetRequestField {
            field: RequestField::Action,
            value: "s3:PutObject".into(),
        });
        assert_eq!(request.inputs, banner.inputs + 1);
    }

    /// A hover or focus ends with its document, and with every load, undo or restore.
    #[test]
    fn loads_and_deletions_end_hover_and_focus() {
        let mut p = playground();
        let mut ui = UiState::default();
        p.apply(Action::AddPolicy);
        let (first, second) = (p.work.docs[0].id, p.work.docs[1].id);
        let at = |doc| Target {
            doc,
            span: Span::new(0, 1),
        };
        ui.apply(UiAction::Hover {
            epoch: p.epoch,
            target: Some(at(second)),
        });
        focus(&mut p, &mut ui, Some(at(second)));
        ui.apply(UiAction::Hover {
            epoch: p.epoch,
            target: Some(at(second)),
        });
        assert!(ui.hover(&p).is_some() && ui.focus(&p).is_some());
        p.apply(Action::DeletePolicy(first));
        assert!(
            ui.hover(&p).is_some() && ui.focus(&p).is_some(),
            "deleting another document keeps them"
        );
        p.apply(Action::DeletePolicy(second));
        assert!(ui.hover(&p).is_none(), "the hovered document is gone");
        assert!(ui.focus(&p).is_none(), "the focused document is gone");

        p.apply(Action::AddPolicy);
        let scenario = p.work.to_scenario();
        for action in [
            Action::Load {
                scenario: Workspace::default().to_scenario(),
                source: LoadSource::Link,
            },
            Action::UndoLoad,
            Action::Restore(
                Box::new(Snapshot {
                    work: Workspace::from_scenario(&scenario),
                    model: None,
                }),
                "today".into(),
            ),
        ] {
            let doc = p.work.docs.first().map(|d| d.id).unwrap_or(1);
            focus(&mut p, &mut ui, Some(at(doc)));
            ui.apply(UiAction::Hover {
                epoch: p.epoch,
                target: Some(at(doc)),
            });
            assert!(ui.hover(&p).is_some(), "{action:?}");
            p.apply(action.clone());
            assert!(
                ui.hover(&p).is_none() && ui.focus(&p).is_none(),
                "{action:?} ends them, even for a document with the same id"
            );
        }
    }

    #[test]
    fn load_keeps_the_previous_work_for_undo() {
        let mut p = playground();
        let before = p.work.clone();
        let scenario = iam_core::parse_scenario(
            r#"{"request": {"principal": "*", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "context": {"aws:SourceIp": "203.0.113.5", "aws:TagKeys": ["a"]}},
                "policies": [{"name": "Bucket", "type": "resource", "document": "{}"}]}"#,
        )
        .unwrap();
        p.apply(Action::Load {
            scenario: scenario.clone(),
            source: LoadSource::Link,
        });
        assert_eq!(p.work.docs[0].name, "Bucket");
        assert_eq!(p.work.request.context[0].kind, ValueKind::Ip);
        assert_eq!(p.work.request.context[1].kind, ValueKind::List);
        assert_eq!(p.work.to_scenario(), scenario);
        assert!(p.banner.is_some());
        p.apply(Action::UndoLoad);
        assert_eq!(p.work, before);
        assert!(p.undo.is_none());
    }

    #[test]
    fn flags_values_that_do_not_fit_their_kind() {
        let row = |kind, value: &str| ContextRow {
            id: 1,
            key: "k".into(),
            kind,
            value: value.into(),
        };
        assert!(row(ValueKind::Ip, "203.0.113.0/24").problem().is_none());
        assert!(row(ValueKind::Ip, "2001:db8::1").problem().is_none());
        assert!(row(ValueKind::Ip, "office").problem().is_some());
        assert!(row(ValueKind::Ip, "10.0.0.0/").problem().is_some());
        assert!(row(ValueKind::Number, "30").problem().is_none());
        assert!(row(ValueKind::Number, "thirty").problem().is_some());
        assert!(row(ValueKind::Date, "2026-01-01T00:00:00Z")
            .problem()
            .is_none());
        assert!(row(ValueKind::Date, "1767225600").problem().is_none());
        assert!(row(ValueKind::Date, "tomorrow").problem().is_some());
        assert!(row(ValueKind::Bool, "TRUE").problem().is_none());
        assert!(row(ValueKind::String, "").problem().is_none());
        assert!(
            row(ValueKind::Number, " ").problem().is_none(),
            "empty values are not flagged"
        );
    }

    #[test]
    fn infers_value_kinds() {
        let s = |v: &str| ContextValue::Single(v.to_string());
        assert_eq!(
            ValueKind::infer("aws:SourceIp", &s("10.0.0.0/8")),
            ValueKind::Ip
        );
        assert_eq!(ValueKind::infer("x", &s("2001:db8::/32")), ValueKind::Ip);
        assert_eq!(
            ValueKind::infer("aws:CurrentTime", &s("2026-01-01T00:00:00Z")),
            ValueKind::Date
        );
        assert_eq!(
            ValueKind::infer("aws:MultiFactorAuthPresent", &s("TRUE")),
            ValueKind::Bool
        );
        assert_eq!(
            ValueKind::infer("aws:MultiFactorAuthAge", &s("300")),
            ValueKind::Number
        );
        assert_eq!(
            ValueKind::infer("aws:PrincipalTag/team", &s("blue")),
            ValueKind::String
        );
        assert_eq!(
            ValueKind::infer("aws:PrincipalTag/team", &s("cafe")),
            ValueKind::String
        );
        assert_eq!(
            ValueKind::infer("k", &ContextValue::Multi(vec![])),
            ValueKind::List
        );
        assert_eq!(ValueKind::infer("n", &s("-1.5e3")), ValueKind::Number);
        assert_eq!(ValueKind::infer("n", &s(".5")), ValueKind::Number);
        for not_a_number in ["", "-", ".", "1e", "1.2.3", "0x10", "12a"] {
            assert_ne!(
                ValueKind::infer("n", &s(not_a_number)),
                ValueKind::Number,
                "{not_a_number}"
            );
        }
    }

    fn course() -> Playground {
        let text = include_str!("../../examples/workspaces/course-basics.json");
        Playground::with_model(iam_core::parse_workspace(text).unwrap())
    }

    /// A change of the model's structure rebuilds the tabs: a hover or focus made before ends.
    #[test]
    fn a_change_of_the_model_ends_hover_and_focus() {
        let mut p = course();
        let mut ui = UiState::default();
        let at = Target {
            doc: p.work.docs[0].id,
            span: Span::new(0, 1),
        };
        focus(&mut p, &mut ui, Some(at));
        ui.apply(UiAction::Hover {
            epoch: p.epoch,
            target: Some(at),
        });
        p.apply(Action::SelectRequest(0));
        assert!(ui.hover(&p).is_some() && ui.focus(&p).is_some());
        let docs = p.work.docs.len();
        p.apply(Action::EditModel(
            crate::model_edit::ModelEdit::AddManaged {
                name: "NewManaged".into(),
            },
        ));
        assert_eq!(p.work.docs.len(), docs + 1, "the edit was made");
        assert!(ui.hover(&p).is_none() && ui.focus(&p).is_none());
    }

    #[test]
    fn a_workspace_is_edited_through_its_mirror() {
        let mut p = course();
        let model = |p: &Playground| p.model.clone().unwrap();
        // An edit of a managed policy's tab changes the model's one copy.
        let first = p.work.docs[0].id;
        p.apply(Action::EditPolicy {
            doc: first,
            text: "{}".into(),
        });
        assert_eq!(model(&p).ws.policies[0].document.text, "{}");
        // The request builder edits the selected request.
        p.apply(Action::SelectRequest(2));
        assert_eq!(
            p.work.request.principal,
            model(&p).ws.requests[2].request.principal
        );
        p.apply(Action::SetRequestField {
            field: RequestField::Action,
            value: "s3:PutObject".into(),
        });
        assert_eq!(model(&p).ws.requests[2].request.action, "s3:PutObject");
        assert_eq!(model(&p).ws.requests[1].request.action, "s3:DeleteObject");
        // Checks and names.
        p.apply(Action::SetExpect {
            index: 2,
            expect: None,
        });
        p.apply(Action::RenameRequest {
            index: 2,
            name: "renamed".into(),
        });
        assert_eq!(model(&p).ws.requests[2].expect, None);
        assert_eq!(model(&p).ws.requests[2].name, "renamed");
        // A v1 policy list's structure does not apply.
        let docs = p.work.docs.len();
        p.apply(Action::AddPolicy);
        p.apply(Action::DeletePolicy(first));
        assert_eq!(p.work.docs.len(), docs);
        // Requests come and go; a deletion can be undone.
        let n = model(&p).ws.requests.len();
        p.apply(Action::AddRequest);
        assert_eq!(model(&p).ws.requests.len(), n + 1);
        p.apply(Action::RemoveRequest(0));
        assert_eq!(model(&p).ws.requests.len(), n);
        p.apply(Action::UndoLoad);
        assert_eq!(model(&p).ws.requests.len(), n + 1);
    }

    #[test]
    fn loading_a_scenario_leaves_the_workspace_and_undo_brings_it_back() {
        let mut p = course();
        p.apply(Action::Load {
            scenario: Workspace::default().to_scenario(),
            source: LoadSource::Link,
        });
        assert!(p.model.is_none());
        assert_eq!(p.work.docs.len(), 1);
        p.apply(Action::UndoLoad);
        assert!(p.model.is_some());
        assert_eq!(
            p.work.docs.len(),
            p.model.as_ref().unwrap().ws.documents().len()
        );
    }

    #[test]
    fn the_course_checks_pass_and_a_broken_policy_fails_one() {
        let mut p = course();
        let m = crate::analysis::analyze_model(p.model.as_ref().unwrap());
        assert_eq!(m.checks(), (11, 11));
        assert_eq!(m.lint.offsets.len(), p.work.docs.len());
        // Deleting the group's inline Deny: alice may now delete, so that check fails.
        let deny = p
            .work
            .docs
            .iter()
            .find(|d| d.name == "Developers:NoDeletes")
            .unwrap()
            .id;
        p.apply(Action::EditPolicy {
            doc: deny,
            text: "{\"Version\": \"2012-10-17\", \"Statement\": []}".into(),
        });
        let m = crate::analysis::analyze_model(p.model.as_ref().unwrap());
        assert_eq!(m.checks(), (10, 11));
        let failing: Vec<&str> = m
            .results
            .iter()
            .filter(|r| r.pass == Some(false))
            .map(|r| r.name.as_str())
            .collect();
        assert_eq!(failing, ["alice cannot delete: her group's inline Deny"]);
        // The selected request's reasoning points at the tabs its policies came from.
        p.apply(Action::SelectRequest(7));
        let m = crate::analysis::analyze_model(p.model.as_ref().unwrap());
        assert_eq!(m.steps.len(), 2, "one hop, then the request");
        let last = &m.steps[1].analysis;
        let scenario_policies = last.offsets.len();
        for i in 0..scenario_policies {
            assert!(last.doc(i) < p.work.docs.len(), "policy {i} has a tab");
        }
    }

    #[test]
    fn who_can_lists_every_principal_allowed_first() {
        let p = course();
        let ws = &p.model.as_ref().unwrap().ws;
        let who =
            crate::analysis::who_can(ws, "s3:PutObject", "arn:aws:s3:::example-site/index.html");
        let principals: Vec<&str> = who.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(principals.len(), ws.principals().len());
        let decisions: Vec<Option<Decision>> =
            who.iter().map(|(_, a)| a.report.decision()).collect();
        let first_denied = decisions
            .iter()
            .position(|d| *d != Some(Decision::Allowed))
            .unwrap();
        assert!(decisions[first_denied..]
            .iter()
            .all(|d| *d != Some(Decision::Allowed)));
        // The Deployer role's session may publish; alice may not.
        let of = |name: &str| {
            who.iter()
                .find(|(p, _)| p.ends_with(name))
                .unwrap()
                .1
                .report
                .decision()
        };
        assert_eq!(of("role/Deployer"), Some(Decision::Allowed));
        assert_eq!(of("user/alice"), Some(Decision::ImplicitDeny));
    }

    #[test]
    fn an_authorization_details_file_opens_as_a_workspace() {
        let text = include_str!("../../tests/fixtures/aws-authz.json");
        assert!(crate::boot::is_authorization_details(text));
        let answer = crate::catalog_service::handle(&mut None, "import", text).unwrap();
        let ws = crate::boot::from_import(&answer).unwrap();
        assert!(ws.scenario.is_none());
        assert!(!ws.accounts.is_empty());
        assert_eq!(ws.requests.len(), 1, "a first request to start from");
        assert!(ws
            .title
            .as_deref()
            .unwrap_or_default()
            .starts_with("Imported account"));
        let p = Playground::with_model(ws);
        assert_eq!(
            p.work.docs.len(),
            p.model.as_ref().unwrap().ws.documents().len()
        );
    }

    #[test]
    fn a_whole_document_finding_marks_its_first_line_only() {
        let mut p = playground();
        let big = format!(
            "{{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{}\n  ]\n}}",
            (0..400)
                .map(|i| format!("\n    {{\"Sid\": \"S{i}\", \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::bucket-{i}/*\"}}"))
                .collect::<Vec<_>>()
                .join(",")
        );
        let doc = p.work.docs[0].id;
        p.apply(Action::EditPolicy {
            doc,
            text: big.clone(),
        });
        let a = crate::analysis::analyze(&p.work.to_scenario());
        let quota: Vec<_> = a
            .report
            .diagnostics
            .iter()
            .filter(|d| d.code.as_str().starts_with("POLICY_SIZE"))
            .collect();
        assert!(!quota.is_empty(), "over the quota");
        assert!(
            quota
                .iter()
                .any(|d| d.span.start == 0 && d.span.end as usize == big.len()),
            "the finding is about the whole document: {quota:?}"
        );
        let first_line = big.find('\n').unwrap() as u32;
        assert!(a.editor_diagnostics[0]
            .iter()
            .all(|d| d.to <= first_line || !d.message.contains("POLICY_SIZE")));
    }
}
