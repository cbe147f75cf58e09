//! The access matrix: the scenario's request, evaluated once for every action of chosen services
//! against one resource, grouped by access level.
//!
//! The policies are lowered once ([`Prepared`]); each action is one more evaluation of the same
//! request with only the action changed. Rows keep the decision and the deciding statements; the
//! full trace of a row is re-derived on demand by [`matrix_row_evaluation`] (keeping every
//! evaluation would cost far more memory than recomputing the one a user opens).

use iam_catalog::{AccessLevel, Catalog};
use serde::Serialize;

use crate::request::Request;
use crate::{Decision, Diagnostic, Prepared, Report, Scenario};

/// The matrix for some services.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Matrix {
    /// The principal of the scenario's request.
    pub principal: String,
    /// The resource every action was evaluated against.
    pub resource: String,
    pub services: Vec<MatrixService>,
    /// Prefixes asked for that the catalog does not know.
    pub unknown_services: Vec<String>,
    /// Why nothing was evaluated: the request's problems (empty when rows were evaluated).
    pub diagnostics: Vec<Diagnostic>,
    /// Rows allowed, of `total`.
    pub allowed: usize,
    pub total: usize,
}

/// One service's rows.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MatrixService {
    pub prefix: String,
    pub name: String,
    pub allowed: usize,
    pub total: usize,
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
    pub rows: Vec<MatrixRow>,
}

/// One action's outcome.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MatrixRow {
    /// `s3:GetObject`.
    pub action: String,
    pub access_level: AccessLevel,
    pub decision: Decision,
    /// Labels (`Policy/Sid`) of the deciding statements.
    pub determining: Vec<String>,
}

/// Evaluate the scenario's request for every action of `services` (prefixes; unknown ones are
/// listed in `unknown_services`), against `resource` or, when `None`, the request's resource.
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
    let mut matrix = Matrix {
        principal: input.principal.trim().to_string(),
        resource: input.resource.trim().to_string(),
        services: Vec::new(),
        unknown_services,
        diagnostics: Vec::new(),
        allowed: 0,
        total: 0,
    };
    let mut request = match Request::build(&input) {
        Ok(request) => request,
        Err(diagnostics) => {
            matrix.diagnostics = diagnostics;
            return matrix;
        }
    };
    // No catalog lint here (the rows need only decisions), but RCPs apply only to the services
    // that support them, as in `analyze_with_catalog` (docs/decisions.md A20).
    let prepared = Prepared::new(scenario, None).with_rcp_services(&catalog.rcp_services);
    for service in found {
        let mut out = MatrixService {
            prefix: service.prefix.clone(),
            name: service.name.clone(),
            allowed: 0,
            total: 0,
            groups: Vec::new(),
        };
        for level in AccessLevel::ALL {
            let mut group = MatrixGroup {
                access_level: level,
                allowed: 0,
                rows: Vec::new(),
            };
            for action in service.actions.iter().filter(|a| a.access_level == level) {
                request.action.clear();
                request.action.push_str(&service.prefix);
                request.action.push(':');
                request.action.push_str(&action.name);
                let evaluation = prepared.evaluate(&request);
                if evaluation.decision == Decision::Allowed {
                    group.allowed += 1;
                }
                group.rows.push(MatrixRow {
                    action: request.action.clone(),
                    access_level: level,
                    decision: evaluation.decision,
                    determining: evaluation.determining.iter().map(|r| r.label()).collect(),
                });
            }
            if !group.rows.is_empty() {
                out.allowed += group.allowed;
                out.total += group.rows.len();
                out.groups.push(group);
            }
        }
        matrix.allowed += out.allowed;
        matrix.total += out.total;
        matrix.services.push(out);
    }
    matrix
}

/// The full report of one matrix row: the scenario with its request's action (and resource, when
/// given) replaced, analyzed as usual with the catalog's RCP-supported services (as the matrix).
pub fn matrix_row_evaluation(
    scenario: &Scenario,
    catalog: &Catalog,
    action: &str,
    resource: Option<&str>,
) -> Report {
    let mut scenario = scenario.clone();
    scenario.request.action = action.to_string();
    if let Some(resource) = resource {
        scenario.request.resource = resource.to_string();
    }
    crate::analyze_with_rcp_services(&scenario, &catalog.rcp_services)
}
