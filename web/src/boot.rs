//! Start-up: what the first state is, from the URL (`#s=` link, `?embed`) and local storage.
//!
//! [`decide`] is pure and host-tested; [`boot`] reads the browser and calls it.

use crate::examples;
use crate::share;
use crate::state::{Banner, Playground, Workspace};

/// The example a first visit opens.
pub const FIRST_VISIT_EXAMPLE: &str = "explicit-deny-beats-allow";

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

/// The first state, from the URL's query and fragment and from what local storage holds.
pub fn decide(search: &str, hash: &str, saved: Result<Option<Workspace>, String>) -> Boot {
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
    let Some(payload) = fragment.scenario else {
        let mut playground = Playground::new(fallback());
        playground.banner = banner;
        return Boot {
            playground,
            embed,
            clear_link: false,
        };
    };
    match read_link(&payload) {
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

/// Decode and parse an `s=` payload; the errors as lines for the banner.
pub fn read_link(payload: &str) -> Result<iam_core::Scenario, Vec<String>> {
    let json = share::decode(payload).map_err(|e| vec![e.to_string()])?;
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
    examples::find(FIRST_VISIT_EXAMPLE)
        .map(|e| Workspace::from_scenario(&e.scenario))
        .unwrap_or_default()
}

/// What a changed fragment asks for, once the app runs (a link pasted into the address bar of an
/// open playground changes only the fragment: no reload, so no [`boot`]).
pub fn on_fragment(hash: &str) -> Option<crate::state::Action> {
    use crate::state::{Action, LoadSource};
    let payload = share::parse_fragment(hash).scenario?;
    Some(match read_link(&payload) {
        Ok(scenario) => Action::Load {
            scenario,
            source: LoadSource::Link,
        },
        Err(mut details) => {
            details.push("Your work is unchanged.".to_string());
            Action::ShowBanner(Banner::error("This link could not be opened", details))
        }
    })
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

/// Read the browser and decide.
#[cfg(target_arch = "wasm32")]
pub fn boot() -> Boot {
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
    let boot = decide(&search, &hash, saved);
    if boot.clear_link {
        clear_link_from_address();
    }
    boot
}

#[cfg(not(target_arch = "wasm32"))]
pub fn boot() -> Boot {
    decide("", "", Ok(None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::BannerKind;

    fn saved() -> Workspace {
        let mut w = Workspace::default();
        w.request.action = "s3:PutObject".into();
        w
    }

    #[test]
    fn first_visit_opens_an_example() {
        let boot = decide("", "", Ok(None));
        assert_eq!(boot.playground.work, first_visit());
        assert!(boot.playground.work.docs.len() >= 2);
        assert!(!boot.embed && !boot.clear_link && boot.playground.banner.is_none());
    }

    #[test]
    fn saved_work_comes_back() {
        let boot = decide("", "", Ok(Some(saved())));
        assert_eq!(boot.playground.work, saved());
    }

    #[test]
    fn a_link_replaces_the_work_and_offers_it_back() {
        let json = first_visit().to_scenario().to_json();
        let boot = decide("", &share::fragment_for(&json, false), Ok(Some(saved())));
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
        for hash in [
            "#s=%%%",
            "#s=AAAA",
            &share::fragment_for("{\"request\": 1}", false),
        ] {
            let boot = decide("", hash, Ok(Some(saved())));
            assert_eq!(boot.playground.work, saved(), "{hash}");
            let banner = boot.playground.banner.unwrap();
            assert_eq!(banner.kind, BannerKind::Error);
            assert!(banner.details.len() >= 2, "{banner:?}");
        }
    }

    #[test]
    fn embed_mode_from_query_or_fragment() {
        let json = first_visit().to_scenario().to_json();
        let boot = decide(
            "?embed",
            &share::fragment_for(&json, false),
            Ok(Some(saved())),
        );
        assert!(boot.embed);
        assert!(!boot.clear_link, "an embedded link stays in the URL");
        assert!(boot.playground.banner.is_none() && boot.playground.undo.is_none());
        assert!(decide("", &share::fragment_for(&json, true), Ok(None)).embed);
        let without_link = decide("?embed", "", Ok(Some(saved())));
        assert_eq!(
            without_link.playground.work,
            first_visit(),
            "embed mode never shows the reader's saved work"
        );
        assert!(decide("?embed", "", Err("damaged".into()))
            .playground
            .banner
            .is_none());
    }

    #[test]
    fn a_fragment_changed_later_loads_or_explains() {
        use crate::state::Action;
        let json = first_visit().to_scenario().to_json();
        assert!(matches!(
            on_fragment(&share::fragment_for(&json, false)),
            Some(Action::Load { .. })
        ));
        assert!(
            matches!(on_fragment("#s=AAAA"), Some(Action::ShowBanner(b)) if b.kind == BannerKind::Error)
        );
        assert_eq!(on_fragment("#stage-3"), None);
        assert_eq!(on_fragment(""), None);
    }

    #[test]
    fn reads_scenario_and_example_files() {
        let example = crate::examples::FILES[0].1;
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
            Err("the saved data is version 9, from a newer iamplay".into()),
        );
        assert_eq!(boot.playground.work, first_visit());
        assert_eq!(boot.playground.banner.unwrap().kind, BannerKind::Error);
    }
}
