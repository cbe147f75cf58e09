//! What the catalog worker answers (`src/worker.rs`, a second wasm loaded after the first decision
//! is on screen): every query takes and returns text (JSON), so that the main wasm needs neither
//! the catalog nor serde's deserializer. Pure functions of the [`Catalog`]; host-tested against
//! `data/catalog.json`.
//!
//! | kind | payload | answer |
//! |---|---|---|
//! | `load` | the artifact's text | `{"services", "actions", "version", "rcpServices": [prefixes]}` |
//! | `lint` | a scenario (JSON) | `{"diagnostics": [the catalog's, `iam_core::tools::catalog_findings`], "expansions": {every Action/NotAction pattern of the policies: as `expand`}}` |
//! | `lint-workspace` | a v2 workspace (JSON) | as `lint`, for each of [`iam_core::Workspace::documents`] (`policy` = its editor tab) |
//! | `expand` | `["s3:Get*", …]` | `{"s3:Get*": ["s3:GetObject", …], …}` |
//! | `suggest` | what was typed | `[["s3:GetObject", "read"], …]`, best first |
//! | `help` | `{"action", "resource", "principal", "present": [keys]}` | HTML: service, level, ARN templates, keys |
//! | `matrix` | `{"scenario", "services": [...], "resource"}` | HTML: `iam_core::tools::access_matrix` as a table (each row's own resource; not applicable rows) |
//! | `summary` | a scenario | HTML: `iam_core::tools::policy_summary` of each policy |
//! | `import` | what `aws iam get-account-authorization-details` printed | `{"workspace": v2 JSON, "users", "groups", "roles", "policies", "ignored", "missing": [policy names]}`; needs no catalog |
//!
//! The tables come back as HTML (escaped here) so that their rendering code is in the worker, not
//! in the first load; the page handles their clicks by delegation (`data-*` attributes).

use iam_core::{Catalog, Scenario};
use serde::Serialize;

/// How many suggestions `suggest` returns.
pub const MAX_SUGGESTIONS: usize = 12;
/// How many names `expand` returns per pattern (the count is always exact).
pub const MAX_EXPANDED: usize = 500;

thread_local! {
    /// How many `lint` / `lint-workspace` passes this worker has made ([`lints`]).
    static LINTS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// How many times this worker has linted the policies (`iam_core::catalog_findings`: one lowering
/// of each policy, no evaluation). The page asks once per pause in typing (`catalog::QUIET_MS`), so
/// this is one per pause.
pub fn lints() -> u32 {
    LINTS.with(std::cell::Cell::get)
}

fn count_lint() {
    LINTS.with(|c| c.set(c.get().wrapping_add(1)));
}

/// Answer one query. `catalog` is filled by `load`; other kinds need it.
pub fn handle(catalog: &mut Option<Catalog>, kind: &str, payload: &str) -> Result<String, String> {
    if kind == "load" {
        let parsed = Catalog::from_json(payload)?;
        let answer = serde_json::json!({
            "services": parsed.services.len(),
            "actions": parsed.action_count(),
            "version": parsed.source.version,
            // The page evaluates with this list (docs/decisions.md A20).
            "rcpServices": parsed.rcp_services,
        });
        *catalog = Some(parsed);
        return Ok(answer.to_string());
    }
    if kind == "import" {
        // In the worker, so that the import's code is not part of the page's first load.
        let imported =
            iam_core::tools::import_authorization_details(payload, None).map_err(|errors| {
                errors
                    .iter()
                    .take(8)
                    .map(|e| format!("line {e}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            })?;
        return Ok(serde_json::json!({
            "workspace": imported.workspace,
            "users": imported.users,
            "groups": imported.groups,
            "roles": imported.roles,
            "policies": imported.policies,
            "ignored": imported.ignored_fields,
            "missing": imported.missing_policies,
        })
        .to_string());
    }
    let Some(catalog) = catalog.as_ref() else {
        return Err("the AWS service data is not loaded".to_string());
    };
    match kind {
        "lint" => {
            // One lowering of each policy, no evaluation: the page keeps its own analysis.
            let findings = iam_core::tools::catalog_findings(&scenario(payload)?, catalog);
            count_lint();
            Ok(serde_json::json!({
                "diagnostics": serde_json::to_value(&findings.diagnostics).unwrap_or_default(),
                "expansions": expansions(catalog, findings.action_patterns),
            })
            .to_string())
        }
        "lint-workspace" => {
            // A workspace's documents, in the order of its editor tabs (`Workspace::documents`):
            // each is checked as what the model uses it for; the finding's `policy` is its tab.
            let ws = iam_core::parse_workspace(payload).map_err(|e| format!("{e:?}"))?;
            let docs = Scenario {
                policies: ws.documents().into_iter().map(|(p, _)| p).collect(),
                ..Scenario::default()
            };
            let findings = iam_core::tools::catalog_findings(&docs, catalog);
            count_lint();
            Ok(serde_json::json!({
                "diagnostics": serde_json::to_value(&findings.diagnostics).unwrap_or_default(),
                "expansions": expansions(catalog, findings.action_patterns),
            })
            .to_string())
        }
        "expand" => {
            let patterns: Vec<String> = serde_json::from_str(payload).map_err(|e| e.to_string())?;
            Ok(expansions(catalog, patterns).to_string())
        }
        "suggest" => Ok(to_json(&suggest(catalog, payload, MAX_SUGGESTIONS))),
        "help" => {
            let v: serde_json::Value = serde_json::from_str(payload).map_err(|e| e.to_string())?;
            let field = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
            let present: Vec<String> = v
                .get("present")
                .and_then(|p| p.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|k| k.as_str().map(str::to_ascii_lowercase))
                        .collect()
                })
                .unwrap_or_default();
            Ok(action_help_html(
                catalog,
                &field("action"),
                &field("resource"),
                &field("principal"),
                &present,
            ))
        }
        "matrix" => {
            let v: serde_json::Value = serde_json::from_str(payload).map_err(|e| e.to_string())?;
            let field = |k: &str| v.get(k).cloned().unwrap_or_default();
            let scenario = scenario(&field("scenario").to_string())?;
            let services_value = field("services");
            let services: Vec<&str> = services_value
                .as_array()
                .map(|a| a.iter().filter_map(|s| s.as_str()).collect())
                .unwrap_or_default();
            let resource_value = field("resource");
            let resource = resource_value.as_str().filter(|r| !r.trim().is_empty());
            Ok(matrix_html(&iam_core::tools::access_matrix(
                &scenario, catalog, &services, resource,
            )))
        }
        "summary" => {
            let scenario = scenario(payload)?;
            let mut out = String::new();
            for p in &scenario.policies {
                let summary = iam_core::tools::policy_summary(&p.document, p.policy_type, catalog);
                summary_html(&mut out, &p.name, p.policy_type.describe(), &summary);
            }
            Ok(out)
        }
        other => Err(format!("unknown query `{other}`")),
    }
}

/// `{pattern: {"count", "names"}}` (names cut at [`MAX_EXPANDED`]; the count is exact).
fn expansions(catalog: &Catalog, patterns: Vec<String>) -> serde_json::Value {
    let mut out = serde_json::Map::new();
    for p in patterns {
        let names = catalog.expand_names(&p);
        out.insert(
            p,
            serde_json::json!({
                "count": names.len(),
                "names": names.iter().take(MAX_EXPANDED).collect::<Vec<_>>(),
            }),
        );
    }
    serde_json::Value::Object(out)
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_string())
}

fn scenario(text: &str) -> Result<Scenario, String> {
    iam_core::parse_scenario(text).map_err(|e| format!("{e:?}"))
}

/// Actions for what was typed in the action field, best first: the exact name, then names that
/// start with it (`s3:GetO`), then actions whose name (without the service) starts with it
/// (`GetObj`), then actions of services whose prefix starts with it (`dynamo`), then names that
/// contain it. Shorter names first within a tier, then alphabetical. Case is ignored.
pub fn suggest(catalog: &Catalog, typed: &str, limit: usize) -> Vec<(String, &'static str)> {
    let q = typed.trim().to_ascii_lowercase();
    if q.is_empty() || q.contains('*') || q.contains('?') {
        return Vec::new();
    }
    let (q_service, q_name) = match q.split_once(':') {
        Some((s, n)) => (Some(s), n),
        None => (None, q.as_str()),
    };
    let mut found: Vec<(u8, String)> = Vec::new();
    let mut full = String::new();
    for service in &catalog.services {
        let prefix = service.prefix.to_ascii_lowercase();
        let service_fits = match q_service {
            Some(s) => prefix == s || prefix.starts_with(s),
            None => true,
        };
        if !service_fits {
            continue;
        }
        for action in &service.actions {
            let name = action.name.to_ascii_lowercase();
            full.clear();
            full.push_str(&prefix);
            full.push(':');
            full.push_str(&name);
            let tier = match q_service {
                Some(s) if prefix == s && name == q_name => 0,
                Some(s) if prefix == s && name.starts_with(q_name) => 1,
                Some(_) if name.starts_with(q_name) => 3,
                Some(s) if prefix == s && name.contains(q_name) => 4,
                Some(_) => continue,
                None if prefix == q => 2,
                None if name.starts_with(q_name) => 1,
                None if prefix.starts_with(&q) => 3,
                None if name.contains(q_name) => 4,
                None => continue,
            };
            found.push((tier, format!("{}:{}", service.prefix, action.name)));
        }
    }
    found.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(a.1.len().cmp(&b.1.len()))
            .then_with(|| a.1.cmp(&b.1))
    });
    found
        .into_iter()
        .take(limit)
        .map(|(_, name)| {
            let level = catalog
                .action(&name)
                .map(|a| a.access_level().as_str())
                .unwrap_or("");
            (name, level)
        })
        .collect()
}

/// Text for HTML (element content and quoted attribute values).
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The decision's label (the core's word) and its CSS class.
fn decision_words(d: iam_core::Decision) -> (&'static str, &'static str) {
    let class = match d {
        iam_core::Decision::Allowed => "allow",
        iam_core::Decision::ExplicitDeny => "explicitDeny",
        iam_core::Decision::ImplicitDeny => "implicitDeny",
    };
    (iam_core::explain::words::decision(d), class)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// `· 3 not applicable` when some rows are.
fn not_applicable(n: usize) -> String {
    if n == 0 {
        String::new()
    } else {
        format!(" · {n} not applicable")
    }
}

/// The access matrix as the panel shows it: per service, per access level (a `<details>` with the
/// counts), a row per action (`data-testid="matrix-row"`, `data-action`, `data-decision`). An
/// evaluated row has `data-resource` (what it was evaluated against; shown under the action as
/// "on …" when it is not the chosen resource) and a button the page handles (it opens the row's
/// reasoning on that resource); a row not applicable to the resource has `data-decision="notApplicable"`
/// and no button.
pub fn matrix_html(m: &iam_core::tools::Matrix) -> String {
    use std::fmt::Write;
    let chosen = if m.resource.is_empty() {
        "*"
    } else {
        &m.resource
    };
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<p class="matrix-total" data-testid="matrix-total" data-allowed="{}" data-total="{}" data-not-applicable="{}"><strong>{} of {} allowed</strong> on <code>{}</code>{}</p>"#,
        m.allowed,
        m.total,
        m.not_applicable,
        m.allowed,
        plural(m.total, "action", "actions"),
        esc(chosen),
        if m.not_applicable == 0 {
            String::new()
        } else {
            format!(
                r#" <span class="muted">· {} not applicable to this resource</span>"#,
                m.not_applicable
            )
        }
    );
    for d in &m.diagnostics {
        let _ = write!(o, r#"<p class="field-error">{}</p>"#, esc(&d.message));
    }
    if !m.unknown_services.is_empty() {
        let _ = write!(
            o,
            r#"<p class="field-error">Not an AWS service: {}</p>"#,
            esc(&m.unknown_services.join(", "))
        );
    }
    for s in &m.services {
        let _ = write!(
            o,
            r#"<div class="matrix-service" data-testid="matrix-service" data-service="{}"><h3>{} <code>{}</code><span class="muted">{} of {} allowed{}</span></h3>"#,
            esc(&s.prefix),
            esc(&s.name),
            esc(&s.prefix),
            s.allowed,
            s.total,
            not_applicable(s.not_applicable)
        );
        for g in &s.groups {
            let _ = write!(
                o,
                r#"<details class="matrix-group" open data-testid="matrix-group" data-level="{}"><summary><span class="matrix-level">{}</span><span class="count{}">{} / {} allowed{}</span></summary><ul class="matrix-rows">"#,
                g.access_level.as_str(),
                g.access_level.label(),
                if g.allowed > 0 { " count-some" } else { "" },
                g.allowed,
                g.rows.len(),
                not_applicable(g.not_applicable)
            );
            for r in &g.rows {
                let (Some(decision), Some(resource)) = (r.decision, r.resource.as_deref()) else {
                    let _ = write!(
                        o,
                        r#"<li class="matrix-row row-notApplicable" data-testid="matrix-row" data-action="{a}" data-decision="notApplicable"><div class="matrix-row-head matrix-na"><span></span><code class="matrix-action">{a}</code><span class="badge">Not applicable</span><span class="matrix-by">to this resource</span></div></li>"#,
                        a = esc(&r.action),
                    );
                    continue;
                };
                let (word, class) = decision_words(decision);
                let on = if resource == chosen {
                    String::new()
                } else {
                    format!(
                        r#"<small class="matrix-on" data-testid="matrix-row-resource">on <code>{}</code></small>"#,
                        esc(resource)
                    )
                };
                let _ = write!(
                    o,
                    r#"<li class="matrix-row row-{class}" data-testid="matrix-row" data-action="{a}" data-decision="{d}" data-resource="{res}"><button type="button" class="matrix-row-head" aria-expanded="false"><span class="caret" aria-hidden="true"></span><span><code class="matrix-action">{a}</code>{on}</span><span class="badge badge-{class}">{word}</span><span class="matrix-by">{by}</span></button></li>"#,
                    a = esc(&r.action),
                    d = decision.as_str(),
                    res = esc(resource),
                    by = esc(&r.determining.join(", ")),
                );
            }
            o.push_str("</ul></details>");
        }
        o.push_str("</div>");
    }
    o
}

/// One policy's summary, like the IAM console's: a row per service with its access, and the
/// levels it grants something of, with the resources.
pub fn summary_html(o: &mut String, name: &str, kind: &str, s: &iam_core::tools::Summary) {
    use std::fmt::Write;
    let _ = write!(
        o,
        r#"<div class="policy-summary" data-testid="policy-summary" data-policy-name="{}"><h3>{} <span class="muted">· {}</span></h3>"#,
        esc(name),
        esc(name),
        esc(kind)
    );
    if !s.parsed {
        o.push_str(r#"<p class="empty">Not a policy yet (see the diagnostics).</p>"#);
    } else if s.services.is_empty() {
        o.push_str(r#"<p class="empty">Grants nothing.</p>"#);
    } else {
        o.push_str(r#"<table class="summary-table"><thead><tr><th scope="col">Service</th><th scope="col">Access</th><th scope="col">Access levels and resources</th></tr></thead><tbody>"#);
        for svc in &s.services {
            let access = access_str(svc.access);
            let _ = write!(
                o,
                r#"<tr data-testid="summary-service" data-service="{p}" data-access="{access}"><th scope="row">{n} <code>{p}</code></th><td><span class="access access-{access}">{w}</span></td><td><ul class="summary-levels">"#,
                p = esc(&svc.prefix),
                n = esc(&svc.name),
                w = access_word(svc.access),
            );
            let mut any = false;
            for l in svc
                .levels
                .iter()
                .filter(|l| l.access != iam_core::tools::Access::None)
            {
                any = true;
                let la = access_str(l.access);
                let amount = if l.access == iam_core::tools::Access::Full {
                    "Full".to_string()
                } else {
                    format!("{} of {}", l.allowed, l.total)
                };
                let resources: Vec<String> = l
                    .resources
                    .iter()
                    .map(|r| {
                        if r == "*" {
                            "all resources".to_string()
                        } else {
                            format!("<code>{}</code>", esc(r))
                        }
                    })
                    .collect();
                let _ = write!(
                    o,
                    r#"<li data-testid="summary-level" data-level="{}" data-access="{la}"><span class="matrix-level">{}</span><span class="access access-{la}"{}>{amount}</span><span class="summary-res">{}</span>{}</li>"#,
                    l.access_level.as_str(),
                    l.access_level.label(),
                    if l.actions.is_empty() {
                        String::new()
                    } else {
                        format!(r#" title="{}""#, esc(&l.actions.join(", ")))
                    },
                    resources.join(", "),
                    if l.conditional {
                        r#"<span class="chip chip-note">with conditions</span>"#
                    } else {
                        ""
                    }
                );
            }
            if !any {
                o.push_str(r#"<li class="muted">nothing granted</li>"#);
            }
            o.push_str("</ul></td></tr>");
        }
        o.push_str("</tbody></table>");
    }
    if !s.unknown_actions.is_empty() {
        let _ = write!(
            o,
            r#"<p class="field-error">Match no known action: {}</p>"#,
            esc(&s.unknown_actions.join(", "))
        );
    }
    o.push_str("</div>");
}

fn access_str(a: iam_core::tools::Access) -> &'static str {
    match a {
        iam_core::tools::Access::Full => "full",
        iam_core::tools::Access::Limited => "limited",
        iam_core::tools::Access::None => "none",
    }
}

fn access_word(a: iam_core::tools::Access) -> &'static str {
    match a {
        iam_core::tools::Access::Full => "Full access",
        iam_core::tools::Access::Limited => "Limited",
        iam_core::tools::Access::None => "None",
    }
}

/// An ARN format with what the request tells filled in: `${Partition}` → `aws` (or the partition of
/// the request's resource), `${Region}` and `${Account}` from the request's resource ARN, else the
/// account from the principal; other placeholders stay for the user to fill.
pub fn fill_arn_template(template: &str, resource: &str, principal: &str) -> String {
    let field = |arn: &str, n: usize| -> Option<String> {
        let mut parts = arn.trim().splitn(6, ':');
        if parts.next() != Some("arn") {
            return None;
        }
        parts
            .nth(n - 1)
            .filter(|s| !s.is_empty() && !s.contains(['*', '?', '$']))
            .map(str::to_string)
    };
    let partition = field(resource, 1).unwrap_or_else(|| "aws".to_string());
    let region = field(resource, 3);
    let account = field(resource, 4).or_else(|| field(principal, 4));
    let mut out = template.replace("${Partition}", &partition);
    if let Some(r) = region {
        out = out.replace("${Region}", &r);
    }
    if let Some(a) = account {
        out = out.replace("${Account}", &a);
    }
    out
}

/// The context row kind (`ValueKind::as_str`) for a condition key type.
pub fn kind_for_key_type(key_type: iam_core::catalog::KeyType) -> &'static str {
    use iam_core::catalog::KeyType;
    match key_type {
        t if t.is_array() => "list",
        KeyType::Bool => "bool",
        KeyType::Numeric => "number",
        KeyType::Date => "date",
        KeyType::IpAddress => "ip",
        _ => "string",
    }
}

/// The context key to add for a key name: `aws:RequestTag/${TagKey}` → `aws:RequestTag/` (the user
/// types the tag key); other names unchanged.
pub fn key_to_add(name: &str) -> &str {
    match name.find("${").or_else(|| name.find('<')) {
        Some(i) => name.get(..i).unwrap_or(name),
        None => name,
    }
}

/// What the request builder shows under a known action: its service and access level, its resource
/// types' ARN formats as templates (`data-testid="arn-template"`, `data-arn`), and the condition keys
/// it supports with their types (`data-testid="condition-key-suggestion"`, `data-key`, `data-kind`).
/// Empty for an unknown action.
pub fn action_help_html(
    catalog: &Catalog,
    action: &str,
    resource: &str,
    principal: &str,
    present: &[String],
) -> String {
    use std::fmt::Write;
    let Some(a) = catalog.action(action.trim()) else {
        return String::new();
    };
    let info = catalog.action_info(a);
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<div class="action-help" data-testid="action-help" data-action="{}"><p class="action-help-head"><strong>{}</strong> <span class="level-pill level-{}">{}</span></p><div class="action-help-row"><span class="action-help-label">Resource ARN</span><div class="chips">"#,
        esc(&info.action),
        esc(&info.service_name),
        info.access_level.as_str(),
        info.access_level.label()
    );
    if info.resource_types.is_empty() {
        o.push_str(r#"<span class="muted">takes no resource type — its requests are on <code>*</code></span><button type="button" class="chip chip-button" data-testid="arn-template" data-arn="*">Use <code>*</code></button>"#);
    }
    for r in &info.resource_types {
        let arn = fill_arn_template(&r.arn, resource, principal);
        let _ = write!(
            o,
            r#"<button type="button" class="chip chip-button arn-template" data-testid="arn-template" data-arn="{a}" title="Use this ARN format as the request's resource"><span class="arn-kind">{n}{opt}</span><code>{a}</code></button>"#,
            a = esc(&arn),
            n = esc(&r.name),
            opt = if r.required { "" } else { " (optional)" },
        );
    }
    o.push_str("</div></div>");
    if !info.condition_keys.is_empty() {
        let _ = write!(
            o,
            r#"<details class="action-help-row keys" open><summary class="action-help-label">Condition keys ({}) — click one to add it to the context</summary><div class="chips" tabindex="0" role="group" aria-label="Condition keys">"#,
            info.condition_keys.len()
        );
        for k in &info.condition_keys {
            let add = key_to_add(&k.name);
            let added = present.contains(&add.to_ascii_lowercase());
            let _ = write!(
                o,
                r#"<button type="button" class="chip chip-button{}" data-testid="condition-key-suggestion" data-key="{}" data-add="{}" data-type="{}" data-kind="{}"{}><code>{}</code><span class="key-type">{}</span></button>"#,
                if added { " chip-hit" } else { "" },
                esc(&k.name),
                esc(add),
                k.key_type.as_str(),
                kind_for_key_type(k.key_type),
                if added {
                    r#" disabled title="already in the context""#
                } else {
                    r#" title="Add a context row of this type""#
                },
                esc(&k.name),
                k.key_type.as_str()
            );
        }
        o.push_str("</div></details>");
    }
    o.push_str("</div>");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/catalog.json"))
                .unwrap();
        Catalog::from_json(&text).unwrap()
    }

    fn names(found: &[(String, &str)]) -> Vec<String> {
        found.iter().map(|(n, _)| n.clone()).collect()
    }

    #[test]
    fn suggestions_rank_exact_then_prefix_then_contains() {
        let c = catalog();
        let s = names(&suggest(&c, "s3:getobject", 5));
        assert_eq!(s[0], "s3:GetObject");
        assert!(
            s[1..].iter().all(|n| n.starts_with("s3:GetObject")),
            "{s:?}"
        );

        let s = suggest(&c, "GetObjectAc", 5);
        assert_eq!(s[0].0, "s3:GetObjectAcl", "{s:?}");
        assert_eq!(s[0].1, "read");

        // A bare service prefix lists that service's actions, shortest first.
        let s = names(&suggest(&c, "sqs", 12));
        assert!(s.iter().all(|n| n.starts_with("sqs:")), "{s:?}");
        assert!(s.windows(2).all(|w| w[0].len() <= w[1].len()));

        // Within the service, a name that contains the text comes after the prefixes.
        let s = names(&suggest(&c, "s3:Object", 40));
        assert!(
            s.iter().all(|n| n.to_ascii_lowercase().contains("object")),
            "{s:?}"
        );

        assert!(suggest(&c, "", 5).is_empty());
        assert!(suggest(&c, "s3:Get*", 5).is_empty());
        assert!(suggest(&c, "zzzz:nothing", 5).is_empty());
    }

    #[test]
    fn arn_templates_take_what_the_request_knows() {
        let t = "arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}";
        assert_eq!(
            fill_arn_template(t, "arn:aws:ec2:eu-west-1:444455556666:volume/v-1", ""),
            "arn:aws:ec2:eu-west-1:444455556666:instance/${InstanceId}"
        );
        assert_eq!(
            fill_arn_template(t, "*", "arn:aws:iam::111122223333:user/alice"),
            "arn:aws:ec2:${Region}:111122223333:instance/${InstanceId}"
        );
        assert_eq!(
            fill_arn_template(
                "arn:${Partition}:s3:::${BucketName}/${ObjectName}",
                "arn:aws-cn:s3:::b/k",
                ""
            ),
            "arn:aws-cn:s3:::${BucketName}/${ObjectName}"
        );
        // Wildcards in the request's ARN are not copied into the template.
        assert_eq!(
            fill_arn_template(t, "arn:aws:ec2:*:*:instance/*", ""),
            "arn:aws:ec2:${Region}:${Account}:instance/${InstanceId}"
        );
    }

    #[test]
    fn key_types_pick_the_row_kind() {
        use iam_core::catalog::KeyType;
        assert_eq!(kind_for_key_type(KeyType::ArrayOfString), "list");
        assert_eq!(kind_for_key_type(KeyType::IpAddress), "ip");
        assert_eq!(kind_for_key_type(KeyType::Numeric), "number");
        assert_eq!(kind_for_key_type(KeyType::Arn), "string");
        assert_eq!(key_to_add("aws:RequestTag/${TagKey}"), "aws:RequestTag/");
        assert_eq!(
            key_to_add("s3:ExistingObjectTag/<key>"),
            "s3:ExistingObjectTag/"
        );
        assert_eq!(key_to_add("s3:prefix"), "s3:prefix");
        assert_eq!(
            esc(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn queries_answer_json() {
        let mut c = None;
        assert!(
            handle(&mut c, "expand", "[]").is_err(),
            "needs the catalog first"
        );
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/catalog.json"))
                .unwrap();
        let loaded = handle(&mut c, "load", &text).unwrap();
        assert!(loaded.contains("\"services\":456"), "{loaded}");
        let v: serde_json::Value = serde_json::from_str(&loaded).unwrap();
        let rcp: Vec<&str> = v["rcpServices"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|s| s.as_str())
            .collect();
        assert!(rcp.contains(&"s3") && !rcp.contains(&"ec2"), "{rcp:?}");

        let e = handle(&mut c, "expand", r#"["s3:GetObject", "sqs:*", "zz:*"]"#).unwrap();
        let v: serde_json::Value = serde_json::from_str(&e).unwrap();
        assert_eq!(v["s3:GetObject"]["count"], 1);
        assert!(v["sqs:*"]["count"].as_u64().unwrap() > 10);
        assert_eq!(v["zz:*"]["count"], 0);

        let lint = handle(
            &mut c,
            "lint",
            r#"{"request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "*"},
                "policies": [{"name": "P", "type": "identity", "document": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": [\"s3:GetObjcet\", \"sqs:*\"], \"Resource\": \"*\"}, {\"Effect\": \"Deny\", \"NotAction\": \"sqs:*\", \"Resource\": \"*\"}]}"}]}"#,
        )
        .unwrap();
        let v: serde_json::Value = serde_json::from_str(&lint).unwrap();
        assert_eq!(v["diagnostics"][0]["code"], "INVALID_ACTION", "{lint}");

        // A workspace: each document once, `policy` its index in `Workspace::documents` (an SCP
        // without a target, two resource policies: not a valid v1 scenario, still linted).
        let course = include_str!("../../examples/workspaces/course-basics.json")
            .replace("s3:GetObject", "s3:GetObjcet");
        let ws = iam_core::parse_workspace(&course).unwrap();
        let answer = handle(&mut c, "lint-workspace", &ws.to_json()).unwrap();
        let wv: serde_json::Value = serde_json::from_str(&answer).unwrap();
        let docs = ws.documents();
        let found: Vec<(&str, &str)> = wv["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let i = d["policy"].as_u64().unwrap() as usize;
                (d["code"].as_str().unwrap(), docs[i].0.name.as_str())
            })
            .collect();
        assert!(
            found.contains(&("INVALID_ACTION", "ReadPhotos")),
            "{found:?}"
        );
        assert!(
            found.iter().all(|(code, _)| *code == "INVALID_ACTION"),
            "{found:?}"
        );
        let patterns: Vec<&String> = v["expansions"].as_object().unwrap().keys().collect();
        assert_eq!(
            patterns.len(),
            2,
            "every distinct pattern once: {patterns:?}"
        );
        assert_eq!(v["expansions"]["s3:GetObjcet"]["count"], 0);
        assert!(v["expansions"]["sqs:*"]["count"].as_u64().unwrap() > 10);

        let help = handle(
            &mut c,
            "help",
            r#"{"action": "s3:getobject", "resource": "*", "principal": "arn:aws:iam::111122223333:user/a", "present": ["s3:existingobjecttag/"]}"#,
        )
        .unwrap();
        assert!(
            help.contains(r#"data-arn="arn:aws:s3:::${BucketName}/${ObjectName}""#),
            "{help}"
        );
        assert!(
            help.contains(r#"data-key="s3:ExistingObjectTag/&lt;key&gt;""#),
            "{help}"
        );
        assert!(help.contains(r#"data-kind="ip""#) || help.contains(r#"data-kind="string""#));
        assert_eq!(
            handle(&mut c, "help", r#"{"action": "s3:Nope"}"#).unwrap(),
            ""
        );

        let scenario = r#"{"request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"},
            "policies": [{"name": "P", "type": "identity", "document": {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": ["s3:GetObjcet", "s3:List*"], "Resource": "*"}]}}]}"#;
        let (lints, analyses) = (lints(), crate::analysis::analyses().0);
        let lint = handle(&mut c, "lint", scenario).unwrap();
        // One query (the page sends one per pause in typing): one lint, no evaluation.
        assert_eq!(super::lints(), lints + 1);
        assert_eq!(
            crate::analysis::analyses().0,
            analyses,
            "the worker does not evaluate"
        );
        assert!(lint.contains("INVALID_ACTION"), "{lint}");
        assert!(lint.contains("s3:GetObject"), "did you mean: {lint}");

        let m = handle(
            &mut c,
            "matrix",
            &format!(r#"{{"scenario": {scenario}, "services": ["s3"], "resource": ""}}"#),
        )
        .unwrap();
        assert!(
            m.contains(r#"data-testid="matrix-service" data-service="s3""#),
            "{m}"
        );
        // Each row on the resource it takes: the object, its bucket, or `*` (shown under the
        // action when it is not the chosen one).
        assert!(
            m.contains(r#"data-action="s3:ListBucket" data-decision="allowed" data-resource="arn:aws:s3:::b"><button"#)
        );
        assert!(m.contains(
            r#"<code class="matrix-action">s3:ListBucket</code><small class="matrix-on" data-testid="matrix-row-resource">on <code>arn:aws:s3:::b</code></small>"#
        ));
        assert!(m.contains(
            r#"data-action="s3:ListAllMyBuckets" data-decision="allowed" data-resource="*">"#
        ));
        assert!(m.contains(
            r#"data-action="s3:GetObject" data-decision="implicitDeny" data-resource="arn:aws:s3:::b/k"><button type="button" class="matrix-row-head" aria-expanded="false"><span class="caret" aria-hidden="true"></span><span><code class="matrix-action">s3:GetObject</code></span>"#
        ), "on the chosen resource: no `on …`");
        // Not applicable: counted apart, no button (no reasoning).
        assert!(m.contains(
            r#"<li class="matrix-row row-notApplicable" data-testid="matrix-row" data-action="s3:GetAccessPointPolicy" data-decision="notApplicable"><div class="matrix-row-head matrix-na">"#
        ));
        assert!(m.contains(r#"data-allowed="15" data-total="180" data-not-applicable="59""#));
        assert!(m.contains("· 59 not applicable to this resource"));

        let s = handle(&mut c, "summary", scenario).unwrap();
        assert!(
            s.contains(r#"data-testid="policy-summary" data-policy-name="P""#),
            "{s}"
        );
        assert!(
            s.contains(r#"data-service="s3" data-access="limited""#),
            "{s}"
        );
    }
}
