//! Saved work that could not be opened is never lost (docs/sharing.md, "Saved work"): every
//! unreadable copy, and data saved by a newer iamplay, is kept in local storage under
//! [`RECOVERY_KEY`] as a list of `{"date", "reason", "text"}` (newest last, at most [`MAX_COPIES`],
//! the same text kept once). The "Recover" dialog lists them: download or restore each.
//!
//! Data of a newer version is also left where it is: this page then saves its own work under
//! [`FALLBACK_KEY`] (and reads it from there next time), so the newer build finds its data unchanged.
//! The pure part (the list's format) is host-tested.

use iam_core::json_out::Json;

/// Where the kept copies are.
pub const RECOVERY_KEY: &str = "iamplay.recovery";
/// Where this page saves while the main key holds data of a newer iamplay.
pub const FALLBACK_KEY: &str = "iamplay.this-version";
/// How many copies are kept (the oldest go first).
pub const MAX_COPIES: usize = 20;

/// One kept copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Copy {
    /// When it was kept (ISO 8601, from the browser's clock).
    pub date: String,
    /// Why it could not be opened.
    pub reason: String,
    /// The saved text, exactly.
    pub saved: String,
}

/// The kept copies, from the stored list (an unreadable list gives none).
pub fn parse(list: Option<&str>) -> Vec<Copy> {
    let Some(text) = list else {
        return Vec::new();
    };
    let parsed = iam_json::parse(text);
    let Some(items) = parsed.value.as_ref().and_then(|v| v.as_array()) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            let field = |k: &str| item.get(k).and_then(|v| v.as_str()).map(str::to_string);
            Some(Copy {
                date: field("date")?,
                reason: field("reason").unwrap_or_default(),
                saved: field("text")?,
            })
        })
        .collect()
}

/// The list as stored.
pub fn to_json(copies: &[Copy]) -> String {
    Json::Array(
        copies
            .iter()
            .map(|c| {
                Json::Object(vec![
                    ("date", Json::String(&c.date)),
                    ("reason", Json::String(&c.reason)),
                    ("text", Json::String(&c.saved)),
                ])
            })
            .collect(),
    )
    .to_compact()
}

/// `copies` with `copy` added: a text already kept is not kept twice (its first date stays); the
/// oldest copies go when there are more than [`MAX_COPIES`].
pub fn add(mut copies: Vec<Copy>, copy: Copy) -> Vec<Copy> {
    if copies.iter().any(|c| c.saved == copy.saved) {
        return copies;
    }
    copies.push(copy);
    let extra = copies.len().saturating_sub(MAX_COPIES);
    copies.drain(..extra);
    copies
}

/// Whether a reason says the data comes from a newer iamplay.
pub fn is_newer(reason: &str) -> bool {
    reason.contains("from a newer iamplay")
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::*;

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window().and_then(|w| w.local_storage().ok().flatten())
    }

    /// The kept copies.
    pub fn copies() -> Vec<Copy> {
        let list = storage().and_then(|s| s.get_item(RECOVERY_KEY).ok().flatten());
        parse(list.as_deref())
    }

    /// Keep `text` (why: `reason`), dated now.
    pub fn keep(text: &str, reason: &str) {
        let Some(s) = storage() else { return };
        let date = js_sys::Date::new_0()
            .to_iso_string()
            .as_string()
            .unwrap_or_default();
        let list = add(
            copies(),
            Copy {
                date,
                reason: reason.to_string(),
                saved: text.to_string(),
            },
        );
        let _ = s.set_item(RECOVERY_KEY, &to_json(&list));
    }

    /// Forget copy `index` (the user deleted it in the dialog).
    pub fn remove(index: usize) {
        let Some(s) = storage() else { return };
        let mut list = copies();
        if index < list.len() {
            list.remove(index);
            let _ = s.set_item(RECOVERY_KEY, &to_json(&list));
        }
    }
}

#[cfg(target_arch = "wasm32")]
pub use browser::{copies, keep, remove};

#[cfg(not(target_arch = "wasm32"))]
pub fn copies() -> Vec<Copy> {
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy(n: usize) -> Copy {
        Copy {
            date: format!("2026-12-0{}T10:00:00.000Z", n % 9 + 1),
            reason: "the saved data is version 9, from a newer iamplay".into(),
            saved: format!("{{\"version\": 9, \"n\": {n}}}"),
        }
    }

    #[test]
    fn copies_round_trip_and_are_kept_once() {
        let list = add(add(Vec::new(), copy(1)), copy(2));
        let again = add(list.clone(), copy(1));
        assert_eq!(again, list, "the same text is kept once");
        assert_eq!(parse(Some(&to_json(&list))), list);
        assert!(parse(Some("not json")).is_empty());
        assert!(parse(None).is_empty());
        assert!(is_newer(&list[0].reason));
    }

    #[test]
    fn at_most_max_copies_the_oldest_go() {
        let mut list = Vec::new();
        for n in 0..MAX_COPIES + 5 {
            list = add(list, copy(n));
        }
        assert_eq!(list.len(), MAX_COPIES);
        assert_eq!(list[0], copy(5));
    }
}
