//! The AWS service catalog on the page side: its loading state, what the page has asked of the
//! catalog worker so far (expansions, the catalog's extra diagnostics), the bindings to
//! `web/js/catalog.js`, and the small pure helpers the panels need (reading the worker's JSON with
//! `iam-json`). The catalog itself and its code live in the worker
//! (`src/worker.rs`, `src/catalog_service.rs`): none of it is in the first load.

use std::rc::Rc;

use iam_core::{Diagnostic, Severity, Span};
use iam_json::Value;
use yew::prelude::*;

/// Where the catalog is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum CatalogStatus {
    /// Not asked for yet (the first decision is not on screen yet).
    #[default]
    Idle,
    Loading,
    Ready {
        services: usize,
        actions: usize,
        version: String,
        /// Fetch + parse, in milliseconds.
        ms: u32,
        /// The services that support RCPs (docs/decisions.md A20): the page evaluates with them.
        rcp_services: Rc<Vec<String>>,
    },
    Failed(String),
}

impl CatalogStatus {
    pub fn is_ready(&self) -> bool {
        matches!(self, CatalogStatus::Ready { .. })
    }
    /// The services that support RCPs, once the catalog is there.
    pub fn rcp_services(&self) -> Option<Rc<Vec<String>>> {
        match self {
            CatalogStatus::Ready { rcp_services, .. } => Some(rcp_services.clone()),
            _ => None,
        }
    }
    /// `data-state` of the status line.
    pub fn as_str(&self) -> &'static str {
        match self {
            CatalogStatus::Idle => "idle",
            CatalogStatus::Loading => "loading",
            CatalogStatus::Ready { .. } => "ready",
            CatalogStatus::Failed(_) => "error",
        }
    }
}

/// The actions an `Action` pattern matches (`names` is cut at 500; `count` is exact).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expansion {
    pub count: usize,
    pub names: Vec<String>,
}

/// The expansions asked for so far, by pattern (a sorted list: a hash map would add its own
/// compiled code to the first load for a few dozen entries).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expansions(Vec<(String, Expansion)>);

impl Expansions {
    pub fn get(&self, pattern: &str) -> Option<&Expansion> {
        self.0
            .binary_search_by(|(p, _)| p.as_str().cmp(pattern))
            .ok()
            .and_then(|i| self.0.get(i))
            .map(|(_, x)| x)
    }

    pub fn contains_key(&self, pattern: &str) -> bool {
        self.get(pattern).is_some()
    }

    /// Add or replace.
    pub fn extend(&mut self, list: Vec<(String, Expansion)>) {
        for (pattern, x) in list {
            match self.0.binary_search_by(|(p, _)| p.cmp(&pattern)) {
                Ok(i) => {
                    if let Some(slot) = self.0.get_mut(i) {
                        slot.1 = x;
                    }
                }
                Err(i) => self.0.insert(i, (pattern, x)),
            }
        }
    }
}

/// The catalog side of the UI state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CatalogState {
    pub status: CatalogStatus,
    /// Bumped by "retry".
    pub attempt: u32,
    pub expansions: Rc<Expansions>,
    /// The policies the extra diagnostics were computed for (type and text of each, in order),
    /// and those diagnostics.
    pub lint: Option<Rc<(Vec<String>, Vec<Diagnostic>)>>,
}

pub enum CatalogAction {
    Status(CatalogStatus),
    Retry,
    /// The catalog's diagnostics for these policies (the key), and their patterns' expansions.
    Lint(Vec<String>, Vec<Diagnostic>, Vec<(String, Expansion)>),
}

impl Reducible for CatalogState {
    type Action = CatalogAction;
    fn reduce(self: Rc<Self>, action: CatalogAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            CatalogAction::Status(s) => next.status = s,
            CatalogAction::Retry => {
                next.attempt += 1;
                next.status = CatalogStatus::Loading;
            }
            CatalogAction::Lint(json, d, expansions) => {
                next.lint = Some(Rc::new((json, d)));
                let mut map = (*next.expansions).clone();
                map.extend(expansions);
                next.expansions = Rc::new(map);
            }
        }
        Rc::new(next)
    }
}

pub type CatalogContext = UseReducerHandle<CatalogState>;

#[hook]
pub fn use_catalog() -> Option<CatalogContext> {
    use_context::<CatalogContext>()
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(module = "/js/dist/page.bundle.js")]
    extern "C" {
        #[wasm_bindgen(js_name = catalogLoad)]
        fn catalog_load() -> js_sys::Promise;
        #[wasm_bindgen(js_name = catalogOnLost)]
        fn catalog_on_lost(f: &Closure<dyn FnMut(String)>);
        #[wasm_bindgen(js_name = catalogQuery)]
        fn catalog_query(kind: &str, payload: &str) -> js_sys::Promise;
        #[wasm_bindgen(js_name = workerQuery)]
        fn worker_query(kind: &str, payload: &str) -> js_sys::Promise;
    }

    async fn settle(p: js_sys::Promise) -> Result<String, String> {
        match wasm_bindgen_futures::JsFuture::from(p).await {
            Ok(v) => Ok(v.as_string().unwrap_or_default()),
            Err(e) => Err(js_sys::Error::from(e)
                .message()
                .as_string()
                .unwrap_or_else(|| "failed".to_string())),
        }
    }

    pub async fn load() -> Result<String, String> {
        settle(catalog_load()).await
    }

    /// Call `f` with the reason if the worker fails after it has loaded (kept for the page's life).
    pub fn on_lost(f: impl FnMut(String) + 'static) {
        let f: Box<dyn FnMut(String)> = Box::new(f);
        let closure = Closure::wrap(f);
        catalog_on_lost(&closure);
        closure.forget();
    }

    pub async fn query(kind: &str, payload: &str) -> Result<String, String> {
        settle(catalog_query(kind, payload)).await
    }

    /// A worker query that needs no catalog (`import`).
    pub async fn worker(kind: &str, payload: &str) -> Result<String, String> {
        settle(worker_query(kind, payload)).await
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub async fn load() -> Result<String, String> {
        Err("no catalog outside the browser".to_string())
    }
    pub async fn query(_kind: &str, _payload: &str) -> Result<String, String> {
        Err("no catalog outside the browser".to_string())
    }
    pub async fn worker(kind: &str, payload: &str) -> Result<String, String> {
        // Outside the browser the worker's answer is computed in place (host tests).
        crate::catalog_service::handle(&mut None, kind, payload)
    }
    /// No worker outside the browser, so it never fails.
    pub fn on_lost(_f: impl FnMut(String) + 'static) {}
}

pub use imp::{load, on_lost, query, worker};

/// The catalog's diagnostics that still hold for the policies now (`keys`: type and text of each,
/// in order): those of the policies that did not change since they were computed (`computed_for`).
pub fn still_valid(
    computed_for: &[String],
    diagnostics: &[Diagnostic],
    keys: &[String],
) -> Vec<Diagnostic> {
    diagnostics
        .iter()
        .filter(|d| {
            d.policy.is_some_and(|i| {
                computed_for.get(i).is_some() && computed_for.get(i) == keys.get(i)
            })
        })
        .cloned()
        .collect()
}

/// How long the policies or the request must stay unchanged before the background queries (the
/// catalog's diagnostics, the matrix, the summary) are asked again: typing is not slowed by them.
pub const QUIET_MS: u32 = 250;

/// Run `f` after [`QUIET_MS`] unless the returned timer is dropped first (an effect's cleanup
/// drops it when its inputs change again).
pub fn after_quiet(f: impl FnOnce() + 'static) -> gloo::timers::callback::Timeout {
    // Boxed: one timer closure type for every caller (each closure type handed to the browser
    // costs its own glue in the wasm).
    let f: Box<dyn FnOnce()> = Box::new(f);
    gloo::timers::callback::Timeout::new(QUIET_MS, f)
}

/// Run a query and hand its answer to `done` (nothing on failure: the panels keep their last
/// answer).
pub fn spawn_text(kind: &'static str, payload: String, done: impl FnOnce(String) + 'static) {
    // One future type for every caller (a generic one would be compiled once per caller: first-load
    // size, BENCHMARKS.md).
    spawn_boxed(kind, payload, Box::new(done));
}

fn spawn_boxed(kind: &'static str, payload: String, done: Box<dyn FnOnce(String)>) {
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(text) = query(kind, &payload).await {
            done(text);
        }
    });
}

/// [`spawn_text`] for a JSON answer.
pub fn spawn_query(kind: &'static str, payload: String, done: impl FnOnce(Value) + 'static) {
    let done: Box<dyn FnOnce(Value)> = Box::new(done);
    spawn_boxed(
        kind,
        payload,
        Box::new(move |text: String| {
            if let Some(v) = iam_json::parse(&text).value {
                done(v);
            }
        }),
    );
}

pub fn num(v: Option<&Value>) -> usize {
    v.and_then(Value::scalar_text)
        .and_then(|t| t.parse().ok())
        .unwrap_or(0)
}

pub fn text(v: Option<&Value>) -> String {
    v.and_then(Value::as_str).unwrap_or_default().to_string()
}

pub fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The `load` answer as a status.
pub fn ready_status(text: &str) -> CatalogStatus {
    match iam_json::parse(text).value {
        Some(v) => CatalogStatus::Ready {
            services: num(v.get("services")),
            actions: num(v.get("actions")),
            version: self::text(v.get("version")),
            ms: num(v.get("totalMs")) as u32,
            rcp_services: Rc::new(strings(v.get("rcpServices"))),
        },
        None => CatalogStatus::Failed("the AWS service data could not be read".to_string()),
    }
}

/// The `expansions` of the `lint` answer.
pub fn read_expansions(v: Option<&Value>) -> Vec<(String, Expansion)> {
    v.and_then(Value::as_object)
        .unwrap_or_default()
        .iter()
        .map(|m| {
            (
                m.key.clone(),
                Expansion {
                    count: num(m.value.get("count")),
                    names: strings(m.value.get("names")),
                },
            )
        })
        .collect()
}

/// The `diagnostics` of the `lint` answer, as `analyze` would have made them (line/column from the
/// texts).
pub fn read_diagnostics(v: Option<&Value>, texts: &[&str]) -> Vec<Diagnostic> {
    // One line index per policy, made when its first finding is read: thousands of findings in one
    // large policy must not each index its text again.
    let mut indexes: Vec<Option<iam_json::LineIndex>> = texts.iter().map(|_| None).collect();
    v.and_then(Value::as_array)
        .unwrap_or_default()
        .iter()
        .filter_map(|d| {
            let code = text(d.get("code"));
            let code = iam_core::Code::parse(&code)?;
            let span = d.get("span");
            let span = Span {
                start: num(span.and_then(|s| s.get("start"))) as u32,
                end: num(span.and_then(|s| s.get("end"))) as u32,
            };
            let policy = d.get("policy").map(|p| num(Some(p)));
            let lines = match (
                policy.and_then(|p| indexes.get_mut(p)),
                policy.and_then(|p| texts.get(p)),
            ) {
                (Some(slot), Some(text)) => {
                    Some(&*slot.get_or_insert_with(|| iam_json::LineIndex::new(text)))
                }
                _ => None,
            };
            Some(Diagnostic {
                code,
                severity: code.severity(),
                message: text(d.get("message")),
                help: d.get("help").and_then(Value::as_str).map(str::to_string),
                span,
                labels: Vec::new(),
                path: text(d.get("path")),
                policy,
                start: lines.map(|l| l.line_col(span.start)),
                end: lines.map(|l| l.line_col(span.end)),
                fix: d.get("fix").map(|f| iam_core::diagnostics::Fix {
                    span: Span {
                        start: num(f.get("span").and_then(|s| s.get("start"))) as u32,
                        end: num(f.get("span").and_then(|s| s.get("end"))) as u32,
                    },
                    replacement: text(f.get("replacement")),
                }),
            })
        })
        .collect()
}

/// Severity of a catalog diagnostic (for tests and styling).
pub fn is_error(d: &Diagnostic) -> bool {
    d.severity == Severity::Error
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostics_of_unchanged_policies_are_kept() {
        let d = |policy: usize| {
            let mut x = iam_core::lint_policy("{", iam_core::PolicyType::Identity)[0].clone();
            x.policy = Some(policy);
            x
        };
        let diagnostics = vec![d(0), d(1), d(2)];
        let before = vec!["a".to_string(), "b".to_string(), "c".to_string()];
        let now = vec!["a".to_string(), "B".to_string(), "c".to_string()];
        let kept = still_valid(&before, &diagnostics, &now);
        assert_eq!(
            kept.iter().map(|x| x.policy).collect::<Vec<_>>(),
            vec![Some(0), Some(2)],
            "the edited policy's are dropped"
        );
        // A policy removed from the end, or one added: only the unchanged indices keep theirs.
        assert_eq!(still_valid(&before, &diagnostics, &now[..1]).len(), 1);
        assert_eq!(still_valid(&before, &diagnostics, &before).len(), 3);
    }

    #[test]
    fn expansions_are_found_added_and_replaced() {
        let x = |count: usize| Expansion {
            count,
            names: Vec::new(),
        };
        let mut e = Expansions::default();
        e.extend(vec![("s3:Get*".into(), x(63)), ("ec2:*".into(), x(826))]);
        e.extend(vec![("iam:Get*".into(), x(40)), ("s3:Get*".into(), x(64))]);
        assert_eq!(e.get("s3:Get*"), Some(&x(64)), "replaced");
        assert_eq!(e.get("ec2:*"), Some(&x(826)));
        assert!(e.contains_key("iam:Get*") && !e.contains_key("iam:*"));
        assert_eq!(e.0.len(), 3);
        assert!(e.0.windows(2).all(|w| w[0].0 < w[1].0), "kept sorted");
    }

    #[test]
    fn worker_diagnostics_become_core_diagnostics() {
        let v = iam_json::parse(
            r#"[{"code": "INVALID_ACTION", "severity": "error", "message": "m", "help": "did you mean `s3:GetObject`?",
                 "span": {"start": 2, "end": 5}, "path": "Statement[0].Action", "policy": 0},
                {"code": "NOT_A_CODE", "span": {"start": 0, "end": 0}}]"#,
        )
        .value
        .unwrap();
        let d = read_diagnostics(Some(&v), &["{\n \"x\"}"]);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, iam_core::Code::INVALID_ACTION);
        assert!(is_error(&d[0]));
        assert_eq!(d[0].start.unwrap().line, 2);
        assert_eq!(d[0].help.as_deref(), Some("did you mean `s3:GetObject`?"));
    }
}
