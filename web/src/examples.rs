//! The examples gallery: teaching scenarios stored as `web/examples/NN-slug.json`. Each file is
//! `{"title", "description", "expect", "scenario"}` with a scenario v1 whose documents are
//! pretty-printed strings.
//!
//! Only the example a first visit opens is compiled in; Trunk copies the files to `dist/examples/`
//! and the gallery fetches them when it first opens ([`fetch_all`]), which keeps them out of the
//! first load (BENCHMARKS.md).

use iam_core::{Decision, Scenario};

/// Every example's file stem, in gallery order (a host test checks it against the directory).
pub const STEMS: &[&str] = &[
    "01-implicit-deny-by-default",
    "02-explicit-deny-beats-allow",
    "03-notresource-guard",
    "04-ip-restricted-bucket",
    "05-mfa-bool-false-trap",
    "06-bucket-policy-grants-user",
    "07-cross-account-needs-both-sides",
    "08-role-trust-policy",
    "09-permissions-boundary-caps-admin",
    "10-session-policy",
    "11-scp-deny-list-at-ou",
    "12-scp-allow-list-missing-level",
    "13-scp-management-account",
    "14-tag-based-access",
    "15-forallvalues-missing-key",
    "16-least-privilege-warnings",
    "17-anonymous-public-read",
    "18-rcp-data-perimeter",
    "19-action-typo-and-wildcards",
    "20-vpc-endpoint-policy",
    "21-aws-rules-getcalleridentity",
];

/// The course's lessons, `web/course/NN-slug.json` (workspaces with an exercise), in order (a host
/// test checks it against the directory). Trunk copies them to `dist/course/`; the gallery fetches
/// them when it first opens.
pub const LESSONS: &[&str] = &[
    "01-root-user-and-mfa",
    "02-users-groups-and-roles",
    "03-identity-vs-resource-policies",
    "04-implicit-and-explicit-deny",
    "05-least-privilege",
    "06-s3-private-bucket-and-tls",
    "07-kms-key-policies",
    "08-permissions-boundaries",
    "09-scps-per-ou",
    "10-cross-account-access",
    "11-assume-role-across-accounts",
];

/// One lesson of the course, ready to load.
#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    pub slug: String,
    pub title: String,
    /// The first paragraph of the lesson's text.
    pub summary: String,
    /// How many checks the exercise has.
    pub checks: usize,
    pub workspace: iam_core::Workspace,
}

/// Read one lesson file.
pub fn parse_lesson(stem: &str, text: &str) -> Result<Lesson, String> {
    let workspace = iam_core::parse_workspace(text).map_err(|errors| {
        format!(
            "{stem}: {}",
            errors
                .iter()
                .take(3)
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        )
    })?;
    if workspace.scenario.is_some() {
        return Err(format!("{stem}: a lesson is a workspace (format v2)"));
    }
    let title = workspace
        .title
        .clone()
        .unwrap_or_else(|| slug(stem).to_string());
    let summary = workspace
        .description
        .as_deref()
        .and_then(|d| d.split("\n\n").next())
        .unwrap_or_default()
        .to_string();
    let checks = workspace
        .requests
        .iter()
        .filter(|r| r.expect.is_some())
        .count();
    Ok(Lesson {
        slug: slug(stem).to_string(),
        title,
        summary,
        checks,
        workspace,
    })
}

/// The example a first visit opens: `(file stem, file text)`.
pub const FIRST_VISIT: (&str, &str) = (
    "02-explicit-deny-beats-allow",
    include_str!("../examples/02-explicit-deny-beats-allow.json"),
);

/// One example, ready to load.
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    /// The file stem without its number, e.g. `explicit-deny-beats-allow` (the gallery's `data-slug`).
    pub slug: String,
    pub title: String,
    pub description: String,
    pub expect: Decision,
    pub scenario: Scenario,
}

/// Read one example file (with `iam-json`, the parser the core already uses).
pub fn parse(stem: &str, text: &str) -> Result<Example, String> {
    let parsed = iam_json::parse(text);
    if let Some(e) = parsed.errors.first() {
        return Err(format!("{stem}: not valid JSON: {}", e.message));
    }
    let root = parsed.value.ok_or_else(|| format!("{stem}: empty file"))?;
    let members = root
        .as_object()
        .ok_or_else(|| format!("{stem}: not a JSON object"))?;
    if let Some(m) = members
        .iter()
        .find(|m| !["title", "description", "expect", "scenario"].contains(&m.key.as_str()))
    {
        return Err(format!("{stem}: unknown field `{}`", m.key));
    }
    let string = |key: &str| {
        root.get(key)
            .and_then(|v| v.as_str())
            .map(str::to_string)
            .ok_or_else(|| format!("{stem}: `{key}` must be a string"))
    };
    let (title, description, expect_text) =
        (string("title")?, string("description")?, string("expect")?);
    let expect = match expect_text.as_str() {
        "allowed" => Decision::Allowed,
        "explicitDeny" => Decision::ExplicitDeny,
        "implicitDeny" => Decision::ImplicitDeny,
        other => {
            return Err(format!(
                "{stem}: `expect` is `{other}`, not allowed|explicitDeny|implicitDeny"
            ))
        }
    };
    let scenario_value = root
        .get("scenario")
        .ok_or_else(|| format!("{stem}: `scenario` is missing"))?;
    let scenario_text = scenario_value.span.text(text);
    let scenario = iam_core::parse_scenario(scenario_text).map_err(|errors| {
        format!(
            "{stem}: {}",
            errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        )
    })?;
    let slug = slug(stem).to_string();
    Ok(Example {
        slug,
        title,
        description,
        expect,
        scenario,
    })
}

/// The example a first visit opens.
pub fn first_visit() -> Option<Example> {
    parse(FIRST_VISIT.0, FIRST_VISIT.1).ok()
}

/// The slug of a file stem (`02-explicit-deny-beats-allow` → `explicit-deny-beats-allow`).
pub fn slug(stem: &str) -> &str {
    stem.split_once('-').map(|(_, rest)| rest).unwrap_or(stem)
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// The examples once fetched (the files do not change while the page is open).
    static FETCHED: std::cell::RefCell<Option<std::rc::Rc<Vec<Example>>>> =
        const { std::cell::RefCell::new(None) };
}

/// Fetch, read and keep every example (`examples/NN-slug.json`, next to `index.html`). An error
/// names the file that could not be fetched or read.
#[cfg(target_arch = "wasm32")]
pub async fn fetch_all() -> Result<std::rc::Rc<Vec<Example>>, String> {
    if let Some(done) = FETCHED.with(|f| f.borrow().clone()) {
        return Ok(done);
    }
    let texts = fetch_texts("examples", STEMS).await?;
    let out = STEMS
        .iter()
        .zip(&texts)
        .map(|(stem, text)| parse(stem, text))
        .collect::<Result<Vec<_>, _>>()?;
    let out = std::rc::Rc::new(out);
    FETCHED.with(|f| *f.borrow_mut() = Some(out.clone()));
    Ok(out)
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    static LESSONS_FETCHED: std::cell::RefCell<Option<std::rc::Rc<Vec<Lesson>>>> =
        const { std::cell::RefCell::new(None) };
}

/// Fetch, read and keep every lesson (`course/NN-slug.json`, next to `index.html`).
#[cfg(target_arch = "wasm32")]
pub async fn fetch_lessons() -> Result<std::rc::Rc<Vec<Lesson>>, String> {
    if let Some(done) = LESSONS_FETCHED.with(|f| f.borrow().clone()) {
        return Ok(done);
    }
    let texts = fetch_texts("course", LESSONS).await?;
    let out = LESSONS
        .iter()
        .zip(&texts)
        .map(|(stem, text)| parse_lesson(stem, text))
        .collect::<Result<Vec<_>, _>>()?;
    let out = std::rc::Rc::new(out);
    LESSONS_FETCHED.with(|f| *f.borrow_mut() = Some(out.clone()));
    Ok(out)
}

/// The texts of `dir/STEM.json` for every stem, in order: every request started first (the browser
/// runs them in parallel), then read in order. An error names the file.
#[cfg(target_arch = "wasm32")]
async fn fetch_texts(dir: &str, stems: &[&str]) -> Result<Vec<String>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let requests: Vec<js_sys::Promise> = stems
        .iter()
        .map(|stem| window.fetch_with_str(&format!("{dir}/{stem}.json")))
        .collect();
    let mut out = Vec::with_capacity(stems.len());
    for (stem, request) in stems.iter().zip(requests) {
        let text = response_text(request)
            .await
            .map_err(|e| format!("{dir}/{stem}.json could not be fetched: {e}"))?;
        out.push(text);
    }
    Ok(out)
}

/// The body of a `fetch` as text, or why not (a network failure, an HTTP status).
#[cfg(target_arch = "wasm32")]
pub(crate) async fn response_text(request: js_sys::Promise) -> Result<String, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let response = JsFuture::from(request)
        .await
        .map_err(|_| "the network request failed".to_string())?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "no response")?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = response.text().map_err(|_| "no body")?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| "the body is not text".to_string())
}

/// Host tests: every example file, read from `web/examples/` (`(stem, text)`, in order).
#[cfg(test)]
pub fn files() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    let mut stems: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".json").map(str::to_string)
        })
        .collect();
    stems.sort();
    stems
        .into_iter()
        .map(|stem| {
            let text = std::fs::read_to_string(format!("{dir}/{stem}.json")).unwrap();
            (stem, text)
        })
        .collect()
}

/// Host tests: the example with this slug, read from `web/examples/`.
#[cfg(test)]
pub fn find(wanted: &str) -> Option<Example> {
    files()
        .into_iter()
        .find(|(stem, _)| slug(stem) == wanted)
        .and_then(|(stem, text)| parse(&stem, &text).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_parses_and_gets_its_expected_decision() {
        let files = files();
        assert!(files.len() >= 15, "the gallery has at least 15 examples");
        let mut failures = Vec::new();
        for (stem, text) in &files {
            let example = match parse(stem, text) {
                Ok(e) => e,
                Err(e) => {
                    failures.push(e);
                    continue;
                }
            };
            let report = iam_core::analyze(&example.scenario, &iam_core::Options::default());
            match report.decision() {
                Some(d) if d == example.expect => {}
                other => failures.push(format!(
                    "{stem}: expected {:?}, got {other:?}; diagnostics: {:?}",
                    example.expect,
                    report
                        .diagnostics
                        .iter()
                        .map(|d| d.code)
                        .collect::<Vec<_>>()
                )),
            }
            let errors: Vec<_> = report
                .diagnostics
                .iter()
                .filter(|d| d.severity == iam_core::Severity::Error)
                .map(|d| d.code)
                .collect();
            if !errors.is_empty() {
                failures.push(format!(
                    "{stem}: teaching examples should have no error diagnostics, found {errors:?}"
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn lessons_lists_every_lesson_and_each_reads() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/course");
        let mut stems: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| {
                let name = e.ok()?.file_name().into_string().ok()?;
                name.strip_suffix(".json").map(str::to_string)
            })
            .collect();
        stems.sort();
        assert_eq!(
            stems, LESSONS,
            "LESSONS lists every web/course/*.json, in order"
        );
        for stem in LESSONS {
            let text = std::fs::read_to_string(format!("{dir}/{stem}.json")).unwrap();
            let lesson = parse_lesson(stem, &text).unwrap();
            assert!(lesson.checks >= 2 && !lesson.summary.is_empty(), "{stem}");
            assert!(lesson.workspace.exercise.is_some(), "{stem}");
        }
    }

    #[test]
    fn files_are_numbered_in_order_with_unique_slugs() {
        let files = files();
        let stems: Vec<&str> = files.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(
            stems, STEMS,
            "STEMS lists every file of web/examples, in order"
        );
        let mut slugs = Vec::new();
        for (i, (stem, text)) in files.iter().enumerate() {
            assert!(
                stem.starts_with(&format!("{:02}-", i + 1)),
                "{stem} is number {}",
                i + 1
            );
            let e = parse(stem, text).unwrap();
            assert!(
                !e.title.is_empty() && e.description.len() > 40,
                "{stem} needs a title and a paragraph"
            );
            for p in &e.scenario.policies {
                assert!(
                    p.document.contains("\n  "),
                    "{stem}: documents are pretty-printed strings"
                );
            }
            slugs.push(e.slug);
        }
        let mut unique = slugs.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), slugs.len());
        assert!(find("explicit-deny-beats-allow").is_some());
        assert_eq!(
            first_visit(),
            find(slug(FIRST_VISIT.0)),
            "the compiled-in first-visit example is a gallery file"
        );
    }

    #[test]
    fn the_least_privilege_example_shows_its_warnings() {
        let e = find("least-privilege-warnings").unwrap();
        let codes: Vec<_> = iam_core::analyze(&e.scenario, &iam_core::Options::default())
            .diagnostics
            .iter()
            .map(|d| d.code)
            .collect();
        for code in [
            iam_core::Code::ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES,
            iam_core::Code::PASS_ROLE_WITH_STAR_IN_RESOURCE,
            iam_core::Code::ALLOW_WITH_NOT_ACTION,
        ] {
            assert!(codes.contains(&code), "{code} missing from {codes:?}");
        }
    }
}
