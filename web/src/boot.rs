//! Start-up: what the first state is, from the URL (`#s=` link, `?embed`) and local storage.
//!
//! [`decide`] is pure and host-tested; [`boot`] reads the browser and calls it. A link's `s=`
//! payload is decoded by the browser (async, `share::decode`) before the app starts
//! ([`crate::start`]), so `decide` gets the decoded text.

use crate::examples;
use crate::share;
use crate::state::{Action, Banner, LoadSource, Playground, Snapshot, Workspace};

/// What the page starts with.
#[derive(Clone, Debug, PartialEq)]
pub struct Boot {
    pub playground: Playground,
    /// `?embed` or `#…&embed=1`: compact view for documentation, nothing saved.
    pub embed: bool,
    /// The fragment's `s=` should be removed from the address bar (it has been read; keeping it
    /// would reload the link over later edits).
    pub clear_link: bool,
}

/// What a link's `s=` payload decoded to.
pub type Link = Result<String, share::DecodeError>;

/// The first state, from the URL's query and fragment, what its `s=` payload decoded to (`None`
/// when the fragment has none), and what local storage holds.
pub fn decide(
    search: &str,
    hash: &str,
    link: Option<Link>,
    saved: Result<Option<Snapshot>, String>,
) -> Boot {
    let fragment = share::parse_fragment(hash);
    let embed = share::query_wants_embed(search) || fragment.embed;
    let mut banner = None;
    let saved_work = match saved {
        // An embedded playground shows what its link says, never the reader's own work.
        _ if embed => None,
        Ok(work) => work,
        Err(problem) => {
            let mut details = vec![
                problem.clone(),
                "A copy was kept, with today's date: open Recover, in the toolbar, to download or restore it.".to_string(),
            ];
            if crate::recovery::is_newer(&problem) {
                details.push(
                    "This page saves your work separately, so the newer iamplay finds its data as it left it."
                        .to_string(),
                );
            }
            banner = Some(Banner::error("Your saved work could not be read", details));
            None
        }
    };
    let fallback = || {
        saved_work.clone().unwrap_or_else(|| Snapshot {
            work: first_visit(),
            model: None,
        })
    };
    let Some(link) = fragment.scenario.and(link) else {
        let mut playground = Playground::from_snapshot(fallback());
        if saved_work.is_none() {
            // A first visit: the example's text stays on screen, as for one opened from the gallery.
            playground.lesson = examples::first_visit().map(|e| (e.title, e.description));
        }
        playground.banner = banner;
        return Boot {
            playground,
            embed,
            clear_link: false,
        };
    };
    match read_link(link) {
        Ok(opened) => {
            let is_workspace = opened.scenario.is_none();
            let lesson = opened
                .title
                .clone()
                .filter(|_| !is_workspace)
                .map(|t| (t, opened.description.clone().unwrap_or_default()));
            let mut playground = match opened.scenario {
                Some(scenario) => Playground::new(Workspace::from_scenario(&scenario)),
                None => Playground::with_model(opened),
            };
            // A shared example's text stays on screen, in embed mode too.
            playground.lesson = lesson;
            if !embed {
                playground.banner = Some(Banner::info(if is_workspace {
                    "Opened the workspace from the link."
                } else {
                    "Opened the scenario from the link."
                }));
                playground.undo = saved_work.map(Box::new);
            }
            Boot {
                playground,
                embed,
                clear_link: !embed,
            }
        }
        Err(details) => {
            let mut playground = Playground::from_snapshot(fallback());
            let mut details = details;
            details.push(if embed {
                "Showing a default scenario instead.".to_string()
            } else {
                "Your saved work is unchanged and shown instead.".to_string()
            });
            playground.banner = Some(Banner::error("This link could not be opened", details));
            Boot {
                playground,
                embed,
                clear_link: !embed,
            }
        }
    }
}

/// Parse a decoded `s=` payload: a scenario v1 (read as a workspace of one request, `scenario`
/// set) or a workspace v2; the errors as lines for the banner.
pub fn read_link(link: Link) -> Result<iam_core::Workspace, Vec<String>> {
    let json = link.map_err(|e| vec![e.to_string()])?;
    if let Some(shared) = read_lesson(&json) {
        return shared;
    }
    iam_core::parse_workspace(&json).map_err(|errors| {
        errors
            .iter()
            .take(8)
            .map(|e| format!("scenario {e}"))
            .collect()
    })
}

/// A scenario with its lesson, as the page shares one (`{"title", "description", "scenario"}`) or
/// a gallery example file (which also has `expect`): the workspace of that scenario, with the
/// lesson's title and text as its own. `None` when `text` is not of that shape.
fn read_lesson(text: &str) -> Option<Result<iam_core::Workspace, Vec<String>>> {
    let parsed = iam_json::parse(text);
    let root = parsed.value.as_ref()?;
    let (title, scenario) = (root.get("title")?, root.get("scenario")?);
    let string = |v: Option<&iam_json::Value>| v.and_then(|v| v.as_str()).map(str::to_string);
    Some((|| {
        if let Some(m) = root.as_object().and_then(|members| {
            members
                .iter()
                .find(|m| !["title", "description", "expect", "scenario"].contains(&m.key.as_str()))
        }) {
            return Err(vec![format!("unknown field `{}` beside `scenario`", m.key)]);
        }
        let title =
            string(Some(title)).ok_or_else(|| vec!["`title` must be a string".to_string()])?;
        let scenario = iam_core::parse_scenario(scenario.span.text(text)).map_err(|errors| {
            errors
                .iter()
                .take(8)
                .map(|e| format!("scenario {e}"))
                .collect::<Vec<_>>()
        })?;
        Ok(iam_core::Workspace {
            title: Some(title),
            description: string(root.get("description")),
            scenario: Some(scenario),
            ..iam_core::Workspace::default()
        })
    })())
}

/// The action that opens what a link or a file held.
pub fn load_action(opened: iam_core::Workspace, source: LoadSource) -> Action {
    match opened.scenario {
        Some(scenario) => Action::Load {
            scenario,
            source: match opened.title {
                Some(title) => LoadSource::Lesson {
                    title,
                    description: opened.description.unwrap_or_default(),
                    via: Box::new(source),
                },
                None => source,
            },
        },
        None => Action::LoadModel {
            model: Box::new(opened),
            source,
        },
    }
}

/// Read an imported `.json` file: a scenario v1, a workspace v2, or an example file
/// (`{"title", …, "scenario"}`).
pub fn read_file(text: &str) -> Result<iam_core::Workspace, Vec<String>> {
    let parsed = iam_json::parse(text);
    if let Some(e) = parsed.errors.first() {
        let at = iam_json::LineIndex::new(text).line_col(e.span.start);
        return Err(vec![format!(
            "the file is not valid JSON: {} (line {}, column {})",
            e.message, at.line, at.column
        )]);
    }
    if let Some(example) = read_lesson(text) {
        return example;
    }
    iam_core::parse_workspace(text)
        .map_err(|errors| errors.iter().take(8).map(|e| format!("line {e}")).collect())
}

/// Whether a file is what `aws iam get-account-authorization-details` printed (it is imported by
/// the catalog worker: [`from_import`] reads the answer).
pub fn is_authorization_details(text: &str) -> bool {
    iam_json::parse(text).value.as_ref().is_some_and(|v| {
        ["UserDetailList", "GroupDetailList", "RoleDetailList"]
            .iter()
            .any(|k| v.get(k).is_some())
    })
}

/// The workspace of an account's authorization details, from the worker's `import` answer (the
/// same import as `iamplay import aws-authz`; nothing leaves the browser). The workspace gets a first
/// request for its first principal to start from, and a title that says what came in.
pub fn from_import(answer: &str) -> Result<iam_core::Workspace, Vec<String>> {
    let parsed = iam_json::parse(answer);
    let v = parsed
        .value
        .ok_or_else(|| vec!["the import gave no answer".to_string()])?;
    let text = v
        .get("workspace")
        .and_then(|w| w.as_str())
        .unwrap_or_default();
    let mut ws = iam_core::parse_workspace(text).map_err(|errors| {
        errors
            .iter()
            .take(8)
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
    })?;
    let count = |k: &str| crate::catalog::num(v.get(k));
    if ws.requests.is_empty() {
        let principal = ws.principals().first().cloned().unwrap_or_default();
        ws.requests.push(iam_core::workspace::NamedRequest {
            name: "first request".to_string(),
            description: None,
            request: iam_core::request::RequestInput {
                principal,
                action: "s3:GetObject".to_string(),
                resource: "*".to_string(),
                resource_account: None,
                spans: Default::default(),
                context: Vec::new(),
            },
            assume: Vec::new(),
            expect: None,
        });
    }
    ws.title = Some(format!(
        "Imported account: {} users, {} groups, {} roles, {} policies",
        count("users"),
        count("groups"),
        count("roles"),
        count("policies")
    ));
    let missing = crate::catalog::strings(v.get("missing"));
    if !missing.is_empty() {
        ws.description = Some(format!(
            "Attachments of policies the file does not contain were left out (AWS managed policies are listed only with `--filter AWSManagedPolicy`): {}.",
            missing.join(", ")
        ));
    }
    Ok(ws)
}

/// The workspace of a first visit: a small example with two policies.
pub fn first_visit() -> Workspace {
    examples::first_visit()
        .map(|e| Workspace::from_scenario(&e.scenario))
        .unwrap_or_default()
}

/// What a changed fragment's decoded `s=` payload asks for, once the app runs (a link pasted into
/// the address bar of an open playground changes only the fragment: no reload, so no [`boot`]).
pub fn on_fragment(link: Link) -> Action {
    match read_link(link) {
        Ok(opened) => load_action(opened, LoadSource::Link),
        Err(mut details) => {
            details.push("Your work is unchanged.".to_string());
            Action::ShowBanner(Banner::error("This link could not be opened", details))
        }
    }
}

/// Remove `s=…` from the address bar, keeping the rest of the fragment and the query.
#[cfg(target_arch = "wasm32")]
pub fn clear_link_from_address() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let search = location.search().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    let rest: Vec<&str> = hash
        .trim_start_matches('#')
        .split('&')
        .filter(|p| !p.starts_with("s=") && !p.is_empty())
        .collect();
    let rest = rest.join("&");
    let path = location.pathname().unwrap_or_default();
    let url = if rest.is_empty() {
        format!("{path}{search}")
    } else {
        format!("{path}{search}#{rest}")
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// The `s=` payload of the page's address, if any.
#[cfg(target_arch = "wasm32")]
pub fn link_payload() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    share::parse_fragment(&hash).scenario
}

/// Read the browser and decide (`link`: the address's `s=` payload, decoded).
#[cfg(target_arch = "wasm32")]
pub fn boot(link: Option<Link>) -> Boot {
    let window = web_sys::window();
    let location = window.as_ref().map(|w| w.location());
    let search = location
        .as_ref()
        .and_then(|l| l.search().ok())
        .unwrap_or_default();
    let hash = location
        .as_ref()
        .and_then(|l| l.hash().ok())
        .unwrap_or_default();
    let embed = share::query_wants_embed(&search) || share::parse_fragment(&hash).embed;
    // Embed mode neither reads nor writes the reader's saved work.
    let saved = if embed {
        Ok(None)
    } else {
        crate::storage::load()
    };
    let mut boot = decide(&search, &hash, link, saved);
    boot.playground.presenter = share::query_flag(&search, "present");
    if boot.clear_link {
        clear_link_from_address();
    }
    boot
}

#[cfg(not(target_arch = "wasm32"))]
pub fn boot(link: Option<Link>) -> Boot {
    decide("", "", link, Ok(None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::BannerKind;

    /// A hash with an `s=` payload, and what it decoded to.
    fn linked(embed: bool, text: &str) -> (String, Option<Link>) {
        (
            share::fragment_for("payload", embed),
            Some(Ok(text.to_string())),
        )
    }

    fn saved() -> Snapshot {
        let mut w = Workspace::default();
        w.request.action = "s3:PutObject".into();
        Snapshot {
            work: w,
            model: None,
        }
    }

    #[test]
    fn first_visit_opens_an_example() {
        let boot = decide("", "", None, Ok(None));
        assert_eq!(boot.playground.work, first_visit());
        assert!(boot.playground.work.docs.len() >= 2);
        assert!(!boot.embed && !boot.clear_link && boot.playground.banner.is_none());
        let (title, text) = boot
            .playground
            .lesson
            .expect("the example's text stays on screen");
        assert_eq!(title, "Explicit deny beats allow");
        assert!(text.contains("Try"), "{text}");
    }

    #[test]
    fn a_shared_example_keeps_its_lesson_in_links_files_and_embed_mode() {
        // The first visit shows a lesson; what it shares carries the title and the text.
        let first = decide("", "", None, Ok(None)).playground;
        let json = first.share_json();
        assert!(
            json.starts_with("{\n  \"title\": \"Explicit deny beats allow\""),
            "{json}"
        );
        for embed in [false, true] {
            let (hash, link) = linked(embed, &json);
            let boot = decide("", &hash, link, Ok(None));
            assert_eq!(boot.playground.lesson, first.lesson, "embed: {embed}");
            assert_eq!(boot.playground.work.to_scenario(), first.work.to_scenario());
        }
        // The same through the page's "link pasted into an open page" path, and a file import.
        let mut p = Playground::new(Workspace::default());
        p.apply(on_fragment(Ok(json.clone())));
        assert_eq!(p.lesson, first.lesson);
        let mut p = Playground::new(Workspace::default());
        p.apply(load_action(
            read_file(&json).unwrap(),
            LoadSource::File {
                name: "x.json".into(),
            },
        ));
        assert_eq!(p.lesson, first.lesson);
        assert!(p.banner.unwrap().title.contains("Imported"));
        // An export stays a scenario file the CLI reads.
        assert!(first.to_json().starts_with("{\n  \"request\""));
        // A gallery example file (with `expect`) opens with its text too.
        let mut p = Playground::new(Workspace::default());
        p.apply(load_action(
            read_file(crate::examples::FIRST_VISIT.1).unwrap(),
            LoadSource::File {
                name: "x.json".into(),
            },
        ));
        assert_eq!(p.lesson, first.lesson);
        // Without a lesson, the scenario is shared as v1, as before.
        assert!(Playground::new(first_visit())
            .share_json()
            .starts_with("{\n  \"request\""));
        // A field the shape does not know is refused, not ignored.
        let bad = json.replacen("\"title\"", "\"extra\": 1,\n  \"title\"", 1);
        assert!(read_link(Ok(bad)).unwrap_err()[0].contains("unknown field `extra`"));
    }

    #[test]
    fn saved_work_comes_back() {
        let boot = decide("", "", None, Ok(Some(saved())));
        assert_eq!(boot.playground.work, saved().work);
    }

    #[test]
    fn a_link_replaces_the_work_and_offers_it_back() {
        let json = first_visit().to_scenario().to_json();
        let (hash, link) = linked(false, &json);
        let boot = decide("", &hash, link, Ok(Some(saved())));
        assert_eq!(
            boot.playground.work.to_scenario(),
            first_visit().to_scenario()
        );
        assert_eq!(boot.playground.undo.as_deref(), Some(&saved()));
        assert!(boot.clear_link);
        assert_eq!(
            boot.playground.banner.as_ref().map(|b| b.kind),
            Some(BannerKind::Info)
        );
    }

    #[test]
    fn a_broken_link_keeps_the_saved_work_and_says_why() {
        for link in [
            Err(share::DecodeError::Base64),
            Err(share::DecodeError::Deflate),
            Ok("{\"request\": 1}".to_string()),
        ] {
            let boot = decide("", "#s=x", Some(link.clone()), Ok(Some(saved())));
            assert_eq!(boot.playground.work, saved().work, "{link:?}");
            let banner = boot.playground.banner.unwrap();
            assert_eq!(banner.kind, BannerKind::Error);
            assert!(banner.details.len() >= 2, "{banner:?}");
        }
    }

    #[test]
    fn embed_mode_from_query_or_fragment() {
        let json = first_visit().to_scenario().to_json();
        let (hash, link) = linked(false, &json);
        let boot = decide("?embed", &hash, link, Ok(Some(saved())));
        assert!(boot.embed);
        assert!(!boot.clear_link, "an embedded link stays in the URL");
        assert!(boot.playground.banner.is_none() && boot.playground.undo.is_none());
        let (hash, link) = linked(true, &json);
        assert!(decide("", &hash, link, Ok(None)).embed);
        let without_link = decide("?embed", "", None, Ok(Some(saved())));
        assert_eq!(
            without_link.playground.work,
            first_visit(),
            "embed mode never shows the reader's saved work"
        );
        assert!(decide("?embed", "", None, Err("damaged".into()))
            .playground
            .banner
            .is_none());
    }

    #[test]
    fn a_fragment_changed_later_loads_or_explains() {
        use crate::state::Action;
        let json = first_visit().to_scenario().to_json();
        assert!(matches!(on_fragment(Ok(json)), Action::Load { .. }));
        assert!(
            matches!(on_fragment(Err(share::DecodeError::Deflate)), Action::ShowBanner(b) if b.kind == BannerKind::Error)
        );
        assert!(
            matches!(on_fragment(Ok("{}".into())), Action::ShowBanner(b) if b.kind == BannerKind::Error)
        );
    }

    #[test]
    fn reads_scenario_and_example_files() {
        let example = crate::examples::FIRST_VISIT.1;
        assert!(read_file(example).is_ok());
        let scenario = first_visit().to_scenario().to_json();
        assert_eq!(
            read_file(&scenario).unwrap().scenario,
            Some(first_visit().to_scenario())
        );
        let errors = read_file("{\"request\": {}, \"policies\": []}").unwrap_err();
        assert!(errors.iter().any(|e| e.contains("principal")), "{errors:?}");
        assert!(read_file("nope").unwrap_err()[0].contains("not valid JSON"));
    }

    #[test]
    fn a_workspace_link_opens_the_model() {
        let text = include_str!("../../examples/workspaces/course-basics.json");
        let (hash, link) = linked(false, text);
        let boot = decide("", &hash, link, Ok(Some(saved())));
        let model = boot.playground.model.as_ref().expect("a workspace");
        assert_eq!(model.ws.requests.len(), 11);
        assert_eq!(boot.playground.work.docs.len(), model.ws.documents().len());
        assert_eq!(
            boot.playground.banner.unwrap().title,
            "Opened the workspace from the link."
        );
        assert_eq!(boot.playground.undo.as_deref(), Some(&saved()));
        // A workspace file opens the same way; a v1 link still opens a scenario.
        assert!(read_file(text).unwrap().scenario.is_none());
        assert!(matches!(
            on_fragment(Ok(text.to_string())),
            Action::LoadModel { .. }
        ));
    }

    #[test]
    fn unreadable_storage_is_reported_not_fatal() {
        let boot = decide(
            "",
            "",
            None,
            Err("the saved data is version 9, from a newer iamplay".into()),
        );
        assert_eq!(boot.playground.work, first_visit());
        assert_eq!(boot.playground.banner.unwrap().kind, BannerKind::Error);
    }
}
