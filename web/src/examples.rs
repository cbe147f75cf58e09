//! The examples gallery: teaching scenarios stored as `web/examples/NN-slug.json`, embedded at build
//! time. Each file is `{"title", "description", "expect", "scenario"}` with a scenario v1 whose
//! documents are pretty-printed strings.

use iam_core::{Decision, Scenario};

/// `(file stem, file text)` for every example, in gallery order.
pub const FILES: &[(&str, &str)] = &[
    (
        "01-implicit-deny-by-default",
        include_str!("../examples/01-implicit-deny-by-default.json"),
    ),
    (
        "02-explicit-deny-beats-allow",
        include_str!("../examples/02-explicit-deny-beats-allow.json"),
    ),
    (
        "03-notresource-guard",
        include_str!("../examples/03-notresource-guard.json"),
    ),
    (
        "04-ip-restricted-bucket",
        include_str!("../examples/04-ip-restricted-bucket.json"),
    ),
    (
        "05-mfa-bool-false-trap",
        include_str!("../examples/05-mfa-bool-false-trap.json"),
    ),
    (
        "06-bucket-policy-grants-user",
        include_str!("../examples/06-bucket-policy-grants-user.json"),
    ),
    (
        "07-cross-account-needs-both-sides",
        include_str!("../examples/07-cross-account-needs-both-sides.json"),
    ),
    (
        "08-role-trust-policy",
        include_str!("../examples/08-role-trust-policy.json"),
    ),
    (
        "09-permissions-boundary-caps-admin",
        include_str!("../examples/09-permissions-boundary-caps-admin.json"),
    ),
    (
        "10-session-policy",
        include_str!("../examples/10-session-policy.json"),
    ),
    (
        "11-scp-deny-list-at-ou",
        include_str!("../examples/11-scp-deny-list-at-ou.json"),
    ),
    (
        "12-scp-allow-list-missing-level",
        include_str!("../examples/12-scp-allow-list-missing-level.json"),
    ),
    (
        "13-scp-management-account",
        include_str!("../examples/13-scp-management-account.json"),
    ),
    (
        "14-tag-based-access",
        include_str!("../examples/14-tag-based-access.json"),
    ),
    (
        "15-forallvalues-missing-key",
        include_str!("../examples/15-forallvalues-missing-key.json"),
    ),
    (
        "16-least-privilege-warnings",
        include_str!("../examples/16-least-privilege-warnings.json"),
    ),
    (
        "17-anonymous-public-read",
        include_str!("../examples/17-anonymous-public-read.json"),
    ),
    (
        "18-rcp-data-perimeter",
        include_str!("../examples/18-rcp-data-perimeter.json"),
    ),
];

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
    let slug = stem
        .split_once('-')
        .map(|(_, rest)| rest)
        .unwrap_or(stem)
        .to_string();
    Ok(Example {
        slug,
        title,
        description,
        expect,
        scenario,
    })
}

/// Every example that reads (a broken one is left out; the host test makes sure there is none).
pub fn all() -> Vec<Example> {
    FILES
        .iter()
        .filter_map(|(stem, text)| parse(stem, text).ok())
        .collect()
}

/// The example with this slug.
pub fn find(slug: &str) -> Option<Example> {
    FILES
        .iter()
        .filter(|(stem, _)| stem.split_once('-').map(|(_, rest)| rest) == Some(slug))
        .find_map(|(stem, text)| parse(stem, text).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_parses_and_gets_its_expected_decision() {
        assert!(FILES.len() >= 15, "the gallery has at least 15 examples");
        let mut failures = Vec::new();
        for (stem, text) in FILES {
            let example = match parse(stem, text) {
                Ok(e) => e,
                Err(e) => {
                    failures.push(e);
                    continue;
                }
            };
            let report = iam_core::analyze(&example.scenario);
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
    fn files_are_numbered_in_order_with_unique_slugs() {
        let mut slugs = Vec::new();
        for (i, (stem, _)) in FILES.iter().enumerate() {
            assert!(
                stem.starts_with(&format!("{:02}-", i + 1)),
                "{stem} is number {}",
                i + 1
            );
            let e = parse(stem, FILES[i].1).unwrap();
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
    }

    #[test]
    fn the_least_privilege_example_shows_its_warnings() {
        let e = find("least-privilege-warnings").unwrap();
        let codes: Vec<_> = iam_core::analyze(&e.scenario)
            .diagnostics
            .iter()
            .map(|d| d.code)
            .collect();
        for code in [
            "ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES",
            "PASS_ROLE_WITH_STAR_IN_RESOURCE",
            "ALLOW_WITH_NOT_ACTION",
        ] {
            assert!(codes.contains(&code), "{code} missing from {codes:?}");
        }
    }
}
