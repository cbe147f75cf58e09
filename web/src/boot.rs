//! Start-up: what the first state is, from the URL (`#s=` link, `?embed`) and local storage.
//!
//! [`decide`] is pure and host-tested; [`boot`] reads the browser and calls it. A link's `s=`
//! payload is decoded by the browser (async, `share::decode`) before the app starts
//! ([`crate::start`]), so `decide` gets the decoded text.

use crate::examples;
use crate::share;
use crate::state::{Banner, Playground, Workspace};

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
    saved: Result<Option<Workspace>, String>,
) -> Boot {
    let fragment = share::parse_fragment(hash);
    let embed = share::query_wants_embed(search) || fragment.embed;
    let mut banner = None;
    let saved_work = match saved {
        // An embedded playground shows what its link says, never the reader's own work.
        _ if embed => None,
        Ok(work) => work,
        Err(problem) => {
            banner = Some(Banner::error(
                "Your saved work could not be read",
                vec![
                    problem,
                    format!(
                        "It was kept, untouched, under the local-storage key `{}.unreadable`.",
                        crate::storage::KEY
                    ),
                ],
            ));
            None
        }
    };
    let fallback = || saved_work.clone().unwrap_or_else(first_visit);
    let Some(link) = fragment.scenario.and(link) else {
        let mut playground = Playground::new(fallback());
        playground.banner = banner;
        return Boot {
            playground,
            embed,
            clear_link: false,
        };
    };
    match read_link(link) {
        Ok(scenario) => {
            let mut playground = Playground::new(Workspace::from_scenario(&scenario));
            if !embed {
                playground.banner = Some(Banner::info("Opened the scenario from the link."));
                playground.undo = saved_work.map(Box::new);
            }
            Boot {
                playground,
                embed,
                clear_link: !embed,
            }
        }
        Err(details) => {
            let mut playground = Playground::new(fallback());
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

/// Parse a decoded `s=` payload; the errors as lines for the banner.
pub fn read_link(link: Link) -> Result<iam_core::Scenario, Vec<String>> {
    let json = link.map_err(|e| vec![e.to_string()])?;
    iam_core::parse_scenario(&json).map_err(|errors| {
        errors
            .iter()
            .take(8)
            .map(|e| format!("scenario {e}"))
            .collect()
    })
}

/// Read an imported `.json` file: a scenario v1, or an example file (`{"title", …, "scenario"}`).
pub fn read_file(text: &str) -> Result<iam_core::Scenario, Vec<String>> {
    let parsed = iam_json::parse(text);
    if let Some(e) = parsed.errors.first() {
        let at = iam_json::LineIndex::new(text).line_col(e.span.start);
        return Err(vec![format!(
            "the file is not valid JSON: {} (line {}, column {})",
            e.message, at.line, at.column
        )]);
    }
    let is_example = parsed
        .value
        .as_ref()
        .is_some_and(|v| v.get("scenario").is_some() && v.get("title").is_some());
    if is_example {
        return examples::parse("the file", text)
            .map(|e| e.scenario)
            .map_err(|e| vec![e]);
    }
    iam_core::parse_scenario(text)
        .map_err(|errors| errors.iter().take(8).map(|e| format!("line {e}")).collect())
}

/// The workspace of a first visit: a small example with two policies.
pub fn first_visit() -> Workspace {
    examples::first_visit()
        .map(|e| Workspace::from_scenario(&e.scenario))
        .unwrap_or_default()
}

/// What a changed fragment's decoded `s=` payload asks for, once the app runs (a link pasted into
/// the address bar of an open playground changes only the fragment: no reload, so no [`boot`]).
pub fn on_fragment(link: Link) -> crate::state::Action {
    use crate::state::{Action, LoadSource};
    match read_link(link) {
        Ok(scenario) => Action::Load {
            scenario,
            source: LoadSource::Link,
        },
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
    if saved.is_err() {
        crate::storage::back_up_unreadable();
    }
    let boot = decide(&search, &hash, link, saved);
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

    fn saved() -> Workspace {
        let mut w = Workspace::default();
        w.request.action = "s3:PutObject".into();
        w
    }

    #[test]
    fn first_visit_opens_an_example() {
        let boot = decide("", "", None, Ok(None));
        assert_eq!(boot.playground.work, first_visit());
        assert!(boot.playground.work.docs.len() >= 2);
        assert!(!boot.embed && !boot.clear_link && boot.playground.banner.is_none());
    }

    #[test]
    fn saved_work_comes_back() {
        let boot = decide("", "", None, Ok(Some(saved())));
        assert_eq!(boot.playground.work, saved());
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
            assert_eq!(boot.playground.work, saved(), "{link:?}");
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
        assert_eq!(read_file(&scenario).unwrap(), first_visit().to_scenario());
        let errors = read_file("{\"request\": {}, \"policies\": []}").unwrap_err();
        assert!(errors.iter().any(|e| e.contains("principal")), "{errors:?}");
        assert!(read_file("nope").unwrap_err()[0].contains("not valid JSON"));
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
