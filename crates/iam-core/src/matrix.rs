//! The access matrix: the scenario's request, evaluated once for every action of chosen services,
//! grouped by access level. Each action is asked about the resource it takes given the chosen one
//! ([`iam_catalog::ResourceResolver::for_action`]): the chosen ARN when it is of a resource type
//! the action takes, an ARN derived from it (an object's bucket for `s3:ListBucket`), `*` for an
//! action that takes no resource type (`s3:ListAllMyBuckets`); when none can be derived, the row is
//! not applicable and not evaluated.
//!
//! The policies are lowered once ([`Prepared`]); each action is one more evaluation of the same
//! request with only the action (and its resource) changed. Rows keep the decision and the deciding statements; the
//! full trace of a row is re-derived on demand by [`matrix_row_evaluation`] (keeping every
//! evaluation would cost far more memory than recomputing the one a user opens).

use iam_catalog::{AccessLevel, Catalog};
use serde::Serialize;

use crate::engine::Prepared;
use crate::request::{Request, RequestInput};
use crate::{Decision, Diagnostic, Report, Scenario};

/// The matrix for some services.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Matrix {
    /// The principal of the scenario's request.
    pub principal: String,
    /// The resource chosen; each row says what it was evaluated against.
    pub resource: String,
    pub services: Vec<MatrixService>,
    /// Prefixes asked for that the catalog does not know.
    pub unknown_services: Vec<String>,
    /// Why nothing was evaluated: the request's problems (empty when rows were evaluated).
    pub diagnostics: Vec<Diagnostic>,
    /// Rows allowed, of `total` (every row, the not applicable ones included).
    pub allowed: usize,
    pub total: usize,
    /// Rows not applicable to the chosen resource (not evaluated: neither allowed nor denied).
    pub not_applicable: usize,
}

/// One service's rows.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MatrixService {
    pub prefix: String,
    pub name: String,
    pub allowed: usize,
    pub total: usize,
    pub not_applicable: usize,
    /// By access level, in the IAM console's order (List, Read, Write, Permissions management,
    /// Tagging); levels without actions are left out.
    pub groups: Vec<MatrixGroup>,
}

/// The rows of one access level.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MatrixGroup {
    pub access_level: AccessLevel,
    pub allowed: usize,
    pub not_applicable: usize,
    pub rows: Vec<MatrixRow>,
}

/// One action's outcome.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MatrixRow {
    /// `s3:GetObject`.
    pub action: String,
    pub access_level: AccessLevel,
    /// `None` (`null`): not applicable to the chosen resource — no ARN of a resource type the
    /// action takes can be derived from it — so not evaluated.
    pub decision: Option<Decision>,
    /// The resource the row was evaluated against: the chosen one, an ARN derived from it, or `*`
    /// for an action that takes no resource type; `None` when not applicable.
    pub resource: Option<String>,
    /// Labels (`Policy/Sid`) of the deciding statements.
    pub determining: Vec<String>,
}

/// Evaluate the scenario's request for every action of `services` (prefixes; unknown ones are
/// listed in `unknown_services`), each against the resource it takes given `resource` or, when
/// `None`, the request's resource (see the module's documentation).
pub fn access_matrix(
    scenario: &Scenario,
    catalog: &Catalog,
    services: &[&str],
    resource: Option<&str>,
) -> Matrix {
    let mut found: Vec<&iam_catalog::Service> = Vec::new();
    let mut unknown_services = Vec::new();
    for prefix in services {
        match catalog.service(prefix.trim()) {
            Some(s) if !found.iter().any(|f| std::ptr::eq(*f, s)) => found.push(s),
            Some(_) => {}
            None => unknown_services.push((*prefix).to_string()),
        }
    }
    let mut input = scenario.request.clone();
    if let Some(resource) = resource {
        input.resource = resource.to_string();
    }
    // Any valid action builds the request; each row then sets its own.
    if let Some(first) = found.iter().find_map(|s| {
        s.actions
            .first()
            .map(|a| format!("{}:{}", s.prefix, a.name))
    }) {
        input.action = first;
    }
    let chosen = input.resource.trim().to_string();
    let mut matrix = Matrix {
        principal: input.principal.trim().to_string(),
        resource: chosen.clone(),
        services: Vec::new(),
        unknown_services,
        diagnostics: Vec::new(),
        allowed: 0,
        total: 0,
        not_applicable: 0,
    };
    // The request for the chosen resource; one more per other resource a row is asked about
    // (built as `matrix_row_evaluation` builds it, so `aws:ResourceAccount` agrees).
    let mut requests: Vec<Request> = match Request::build(&input) {
        Ok(request) => vec![request],
        Err(diagnostics) => {
            matrix.diagnostics = diagnostics;
            return matrix;
        }
    };
    // No catalog lint here (the rows need only decisions), but RCPs apply only to the services
    // that support them, as `analyze` with the catalog does (docs/decisions.md A20).
    let prepared = Prepared::new(scenario, None).with_rcp_services(&catalog.rcp_services);
    for service in found {
        let resolver = service.resolver(&chosen);
        let mut out = MatrixService {
            prefix: service.prefix.clone(),
            name: service.name.clone(),
            allowed: 0,
            total: 0,
            not_applicable: 0,
            groups: Vec::new(),
        };
        for level in AccessLevel::ALL {
            let mut group = MatrixGroup {
                access_level: level,
                allowed: 0,
                not_applicable: 0,
                rows: Vec::new(),
            };
            for action in service.actions.iter().filter(|a| a.access_level == level) {
                let name = format!("{}:{}", service.prefix, action.name);
                let target = resolver.for_action(action);
                let request = target
                    .resource(&chosen)
                    .and_then(|r| request_for(&mut requests, &input, r));
                let Some(request) = request else {
                    group.not_applicable += 1;
                    group.rows.push(MatrixRow {
                        action: name,
                        access_level: level,
                        decision: None,
                        resource: None,
                        determining: Vec::new(),
                    });
                    continue;
                };
                request.action.clear();
                request.action.push_str(&name);
                let evaluation = prepared.evaluate(request);
                if evaluation.decision == Decision::Allowed {
                    group.allowed += 1;
                }
                group.rows.push(MatrixRow {
                    action: name,
                    access_level: level,
                    decision: Some(evaluation.decision),
                    resource: Some(request.resource.clone()),
                    determining: evaluation.determining.iter().map(|r| r.label()).collect(),
                });
            }
            if !group.rows.is_empty() {
                out.allowed += group.allowed;
                out.not_applicable += group.not_applicable;
                out.total += group.rows.len();
                out.groups.push(group);
            }
        }
        matrix.allowed += out.allowed;
        matrix.not_applicable += out.not_applicable;
        matrix.total += out.total;
        matrix.services.push(out);
    }
    matrix
}

/// The request for `resource` (built from `input` the first time it is asked for); `None` if it
/// cannot be built (a derived ARN always can).
fn request_for<'r>(
    requests: &'r mut Vec<Request>,
    input: &RequestInput,
    resource: &str,
) -> Option<&'r mut Request> {
    let at = match requests.iter().position(|r| r.resource == resource) {
        Some(at) => at,
        None => {
            let mut input = input.clone();
            input.resource = resource.to_string();
            requests.push(Request::build(&input).ok()?);
            requests.len() - 1
        }
    };
    requests.get_mut(at)
}

/// The full report of one matrix row: the scenario with its request's action replaced, and its
/// resource replaced by the one the matrix asks the action about given `resource` (or, when
/// `None`, the request's): the same ARN, one derived from it, or `*`. Analyzed as usual with the
/// catalog's RCP-supported services (as the matrix). `None` when the action is not applicable to
/// the resource (the matrix's row is not evaluated either). An action the catalog does not know is
/// evaluated against the resource as given.
pub fn matrix_row_evaluation(
    scenario: &Scenario,
    catalog: &Catalog,
    action: &str,
    resource: Option<&str>,
) -> Option<Report> {
    let mut scenario = scenario.clone();
    if let Some(resource) = resource {
        scenario.request.resource = resource.to_string();
    }
    let chosen = scenario.request.resource.trim().to_string();
    // A resource that is not an ARN (nor `*`) is left as is: the report says what is wrong with it.
    let arn = chosen == "*" || (chosen.starts_with("arn:") && chosen.split(':').count() >= 6);
    if let Some(target) = catalog.resource_for_action(action, &chosen).filter(|_| arn) {
        scenario.request.resource = target.resource(&chosen)?.to_string();
    }
    scenario.request.action = action.to_string();
    Some(crate::analyze(
        &scenario,
        &crate::Options {
            rcp_services: Some(&catalog.rcp_services),
            ..crate::Options::default()
        },
    ))
}
