//! The policy summary, like the IAM console's: per service, which access levels a policy grants —
//! fully, partly or not at all — and on which resources. Derived by evaluating the policy's
//! statements against requests, never by reading action names (method in `docs/catalog.md`):
//!
//! - services: those the `Action` patterns of the `Allow` statements match (every service when
//!   one of them is `*`, has a wildcard service, or is a `NotAction`);
//! - candidate resources: `*` and each `Resource` value of the `Allow` statements, read literally
//!   (policy variables stay as written);
//! - an action is granted on a candidate resource when an `Allow` statement applies to the
//!   request (that action, that resource) and no unconditional `Deny` statement does, the
//!   statement decided by the evaluator's own statement trace. Conditions are taken as satisfiable:
//!   a grant that rests only on statements with a `Condition` is reported `conditional`; a `Deny`
//!   with a `Condition` is left out (it denies only some requests). `Principal` is not considered;
//! - a candidate ARN is only tried for the actions that take a resource type it can name: one
//!   whose ARN format some ARN the candidate matches fits (`arn:aws:s3:::b/*` names S3 objects,
//!   not buckets, so `s3:ListBucket` is not granted by it; `arn:aws:s3:::*` names both). That is
//!   the access matrix's rule: an action is asked about an ARN of a type it takes, or `*` when it
//!   takes none. `*` is tried for every action;
//! - per access level: `full` when every action of the level is granted on some resource,
//!   `limited` when some are, `none` when none is.

use iam_catalog::{AccessLevel, ActionRef, Catalog};
use serde::Serialize;

use crate::eval::{action_applies, statement_trace};
use crate::policy::{Effect, PolicyType, Statement};
use crate::request::{Context, Principal, Request};
use crate::variables::Template;

/// How much of something a policy grants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Access {
    Full,
    Limited,
    None,
}

/// A policy's summary.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// False when the text is not a policy (nothing was summarized).
    pub parsed: bool,
    /// Services by prefix.
    pub services: Vec<ServiceSummary>,
    /// `Action` patterns of `Allow` statements that match no known action.
    pub unknown_actions: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceSummary {
    pub prefix: String,
    pub name: String,
    pub access: Access,
    /// Each access level the service has actions of, in the console's order.
    pub levels: Vec<LevelSummary>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LevelSummary {
    pub access_level: AccessLevel,
    pub access: Access,
    /// Actions of this level granted, of `total`.
    pub allowed: usize,
    pub total: usize,
    /// The candidate resources some granted action of this level is granted on (`*` first).
    pub resources: Vec<String>,
    /// Whether some action of this level is granted only by statements with a `Condition`.
    pub conditional: bool,
    /// The granted actions, when the access is `limited` (for `full`, every action of the level).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<String>,
}

struct Considered {
    statement: Statement,
    allow: bool,
    conditional: bool,
}

/// Summarize one policy text. `policy_type` matters only for how the text is lowered; every
/// statement is then read as an identity-based policy statement.
// long: the summary's steps (services, candidate resources, which statements apply to each, access levels) share the lowered policy and the catalog lookups. Not split yet (issue 8)
pub fn policy_summary(text: &str, policy_type: PolicyType, catalog: &Catalog) -> Summary {
    let (policy, _) = crate::policy::lower::lower(text, policy_type);
    let mut summary = Summary {
        parsed: policy.parsed,
        services: Vec::new(),
        unknown_actions: Vec::new(),
    };
    if !policy.parsed {
        return summary;
    }

    let mut considered: Vec<Considered> = Vec::new();
    for s in &policy.statements {
        let Some(effect) = s.effect.as_ref().map(|e| e.value) else {
            continue;
        };
        if s.problem.is_some() || s.action.is_none() {
            continue;
        }
        let conditional = s
            .condition
            .as_ref()
            .is_some_and(|c| !c.operators.is_empty());
        if effect == Effect::Deny && conditional {
            continue;
        }
        let mut statement = s.clone();
        statement.condition = None;
        statement.principal = None;
        if let Some(resource) = statement.resource.as_mut() {
            for value in &mut resource.values {
                value.template = Template::literal(&value.text);
            }
        }
        considered.push(Considered {
            statement,
            allow: effect == Effect::Allow,
            conditional,
        });
    }

    // Services the Allow statements bear on.
    let mut broad = false;
    let mut explicit: Vec<&str> = Vec::new();
    let mut touched: Vec<&str> = Vec::new();
    for c in considered.iter().filter(|c| c.allow) {
        let Some(element) = &c.statement.action else {
            continue;
        };
        if element.negated {
            broad = true;
            continue;
        }
        for pattern in &element.patterns {
            let text = pattern.text.as_str();
            let service_part = text.split_once(':').map(|(s, _)| s);
            if text.split(':').count() != 2 || service_part.is_some_and(|s| s.contains(['*', '?']))
            {
                broad = true;
            }
            let actions = catalog.expand(text);
            if actions.is_empty() {
                if !summary.unknown_actions.contains(&pattern.text) {
                    summary.unknown_actions.push(pattern.text.clone());
                }
                continue;
            }
            for a in &actions {
                if !touched.contains(&a.prefix()) {
                    touched.push(a.prefix());
                }
            }
            if let Some(s) = service_part.filter(|s| !s.contains(['*', '?'])) {
                if let Some(service) = catalog.service(s) {
                    if !explicit.contains(&service.prefix.as_str()) {
                        explicit.push(&service.prefix);
                    }
                }
            }
        }
    }
    let services: Vec<&iam_catalog::Service> = if broad {
        catalog.services.iter().collect()
    } else {
        catalog
            .services
            .iter()
            .filter(|s| touched.contains(&s.prefix.as_str()))
            .collect()
    };

    // Candidate resources, and which statements apply to each (the evaluator's resource match).
    let mut candidates: Vec<String> = vec!["*".to_string()];
    for c in considered.iter().filter(|c| c.allow) {
        if let Some(resource) = c.statement.resource.as_ref().filter(|r| !r.negated) {
            for value in &resource.values {
                if !candidates.contains(&value.text) {
                    candidates.push(value.text.clone());
                }
            }
        }
    }
    if let Some((_, rest)) = candidates.split_first_mut() {
        rest.sort();
    }
    let neutral = Principal::User {
        arn: "arn:aws:iam::111122223333:user/iamplay-summary".to_string(),
        account: "111122223333".to_string(),
        path: "/".to_string(),
        name: "iamplay-summary".to_string(),
    };
    let mut request = Request {
        principal: neutral,
        action: String::new(),
        resource: String::new(),
        resource_account: None,
        context: Context::default(),
    };
    // applies[statement][candidate]
    let applies: Vec<Vec<bool>> = considered
        .iter()
        .map(|c| {
            candidates
                .iter()
                .map(|r| {
                    request.resource.clone_from(r);
                    statement_trace(&c.statement, PolicyType::Identity, policy.version, &request)
                        .resource
                        .is_some_and(|t| t.matched)
                })
                .collect()
        })
        .collect();

    let mut name = String::new();
    for service in services {
        // Per candidate: `None` for `*` (every action), else the resource types it can name.
        let kinds: Vec<Option<Vec<u32>>> = candidates
            .iter()
            .map(|c| (c != "*").then(|| service.resource_types_for_pattern(c)))
            .collect();
        let mut levels = Vec::new();
        for level in AccessLevel::ALL {
            let actions: Vec<ActionRef<'_>> = service
                .actions
                .iter()
                .filter(|a| a.access_level == level)
                .map(|action| ActionRef { service, action })
                .collect();
            if actions.is_empty() {
                continue;
            }
            let mut granted: Vec<String> = Vec::new();
            let mut resources: Vec<bool> = vec![false; candidates.len()];
            let mut conditional = false;
            for action in &actions {
                name.clear();
                name.push_str(&service.prefix);
                name.push(':');
                name.push_str(action.name());
                let matching: Vec<usize> = considered
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| {
                        c.statement
                            .action
                            .as_ref()
                            .is_some_and(|e| action_applies(e, &name))
                    })
                    .map(|(i, _)| i)
                    .collect();
                if !matching
                    .iter()
                    .any(|i| considered.get(*i).is_some_and(|c| c.allow))
                {
                    continue;
                }
                let mut any = false;
                let mut unconditional = false;
                for ri in 0..candidates.len() {
                    let takes = match kinds.get(ri) {
                        Some(None) => true,
                        Some(Some(types)) => action
                            .action
                            .resource_types
                            .iter()
                            .any(|r| types.contains(&r.index)),
                        None => false,
                    };
                    if !takes {
                        continue;
                    }
                    let at = |i: &usize| {
                        applies
                            .get(*i)
                            .and_then(|row| row.get(ri))
                            .copied()
                            .unwrap_or(false)
                    };
                    let denied = matching
                        .iter()
                        .filter(|i| at(i))
                        .any(|i| considered.get(*i).is_some_and(|c| !c.allow));
                    if denied {
                        continue;
                    }
                    let allowing: Vec<&Considered> = matching
                        .iter()
                        .filter(|i| at(i))
                        .filter_map(|i| considered.get(*i))
                        .filter(|c| c.allow)
                        .collect();
                    if allowing.is_empty() {
                        continue;
                    }
                    any = true;
                    unconditional |= allowing.iter().any(|c| !c.conditional);
                    if let Some(slot) = resources.get_mut(ri) {
                        *slot = true;
                    }
                }
                if any {
                    granted.push(name.clone());
                    conditional |= !unconditional;
                }
            }
            let access = if granted.len() == actions.len() {
                Access::Full
            } else if granted.is_empty() {
                Access::None
            } else {
                Access::Limited
            };
            levels.push(LevelSummary {
                access_level: level,
                access,
                allowed: granted.len(),
                total: actions.len(),
                resources: candidates
                    .iter()
                    .zip(&resources)
                    .filter(|(_, on)| **on)
                    .map(|(r, _)| r.clone())
                    .collect(),
                conditional,
                actions: if access == Access::Limited {
                    granted
                } else {
                    Vec::new()
                },
            });
        }
        let any = levels.iter().any(|l| l.access != Access::None);
        if !any && !explicit.contains(&service.prefix.as_str()) {
            continue;
        }
        let access = if levels.iter().all(|l| l.access == Access::Full) {
            Access::Full
        } else if any {
            Access::Limited
        } else {
            Access::None
        };
        summary.services.push(ServiceSummary {
            prefix: service.prefix.clone(),
            name: service.name.clone(),
            access,
            levels,
        });
    }
    summary
}
