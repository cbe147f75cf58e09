//! Writing a workspace back as format v2 JSON (what the playground saves, shares and exports).
//! Every document is written as a JSON string, so its text — formatting included — comes back
//! exactly when the file is read again ([`super::parse_workspace`]).

use super::{Document, Hop, NamedRequest, OrganizationTree, Workspace};
use crate::json_out::Json;

use crate::request::ContextValue;

impl Workspace {
    /// The workspace as v2 JSON, indented by two spaces. Optional members are left out when empty.
    /// A v1 scenario read as a workspace is written as that scenario (v1).
    pub fn to_json(&self) -> String {
        if let Some(scenario) = &self.scenario {
            return scenario.to_json();
        }
        let mut root = vec![("version", Json::Number(2))];
        if let Some(t) = &self.title {
            root.push(("title", Json::String(t)));
        }
        if let Some(d) = &self.description {
            root.push(("description", Json::String(d)));
        }
        if !self.policies.is_empty() {
            let policies = self
                .policies
                .iter()
                .map(|p| {
                    Json::Object(vec![
                        ("name", Json::String(&p.name)),
                        ("document", doc(&p.document)),
                    ])
                })
                .collect();
            root.push(("policies", Json::Array(policies)));
        }
        if !self.accounts.is_empty() {
            let accounts = self
                .accounts
                .iter()
                .map(|a| {
                    let mut m = Vec::new();
                    if !a.users.is_empty() {
                        let users = a.users.iter().map(|u| {
                            let mut f = Vec::new();
                            names(&mut f, "groups", &u.groups);
                            names(&mut f, "policies", &u.policies);
                            inline(&mut f, &u.inline);
                            optional(&mut f, "boundary", u.boundary.as_deref());
                            tags(&mut f, "tags", &u.tags);
                            optional(&mut f, "path", u.path.as_deref());
                            (u.name.as_str(), Json::Object(f))
                        });
                        m.push(("users", Json::Object(users.collect())));
                    }
                    if !a.groups.is_empty() {
                        let groups = a.groups.iter().map(|g| {
                            let mut f = Vec::new();
                            names(&mut f, "policies", &g.policies);
                            inline(&mut f, &g.inline);
                            (g.name.as_str(), Json::Object(f))
                        });
                        m.push(("groups", Json::Object(groups.collect())));
                    }
                    if !a.roles.is_empty() {
                        let roles = a.roles.iter().map(|r| {
                            let mut f = Vec::new();
                            if let Some(t) = &r.trust {
                                f.push(("trust", doc(t)));
                            }
                            names(&mut f, "policies", &r.policies);
                            inline(&mut f, &r.inline);
                            optional(&mut f, "boundary", r.boundary.as_deref());
                            tags(&mut f, "tags", &r.tags);
                            optional(&mut f, "path", r.path.as_deref());
                            (r.name.as_str(), Json::Object(f))
                        });
                        m.push(("roles", Json::Object(roles.collect())));
                    }
                    if !a.resources.is_empty() {
                        let resources = a.resources.iter().map(|r| {
                            let mut f = Vec::new();
                            if let Some(p) = &r.policy {
                                f.push(("policy", doc(p)));
                            }
                            tags(&mut f, "tags", &r.tags);
                            if let Some(b) = r.block_public_access {
                                f.push(("blockPublicAccess", b.to_json()));
                            }
                            (r.arn.as_str(), Json::Object(f))
                        });
                        m.push(("resources", Json::Object(resources.collect())));
                    }
                    if let Some(b) = a.block_public_access {
                        m.push(("blockPublicAccess", b.to_json()));
                    }
                    (a.id.as_str(), Json::Object(m))
                })
                .collect();
            root.push(("accounts", Json::Object(accounts)));
        }
        if let Some(org) = &self.organization {
            root.push(("organization", organization(org)));
        }
        if let Some(e) = &self.exercise {
            let mut m = Vec::new();
            optional(&mut m, "task", e.task.as_deref());
            names(&mut m, "hints", &e.hints);
            names(&mut m, "readOnly", &e.read_only);
            if !e.solution.is_empty() {
                let members = e
                    .solution
                    .iter()
                    .map(|(n, d)| (n.as_str(), doc(d)))
                    .collect();
                m.push(("solution", Json::Object(members)));
            }
            root.push(("exercise", Json::Object(m)));
        }
        let requests = self.requests.iter().map(request).collect();
        root.push(("requests", Json::Array(requests)));
        Json::Object(root).to_pretty()
    }
}

fn doc(d: &Document) -> Json<'_> {
    Json::String(&d.text)
}

fn names<'a>(f: &mut Vec<(&'a str, Json<'a>)>, key: &'a str, list: &'a [String]) {
    if !list.is_empty() {
        f.push((
            key,
            Json::Array(list.iter().map(|n| Json::String(n)).collect()),
        ));
    }
}

fn inline<'a>(f: &mut Vec<(&'a str, Json<'a>)>, list: &'a [(String, Document)]) {
    if !list.is_empty() {
        let members = list.iter().map(|(n, d)| (n.as_str(), doc(d))).collect();
        f.push(("inline", Json::Object(members)));
    }
}

fn optional<'a>(f: &mut Vec<(&'a str, Json<'a>)>, key: &'a str, value: Option<&'a str>) {
    if let Some(v) = value {
        f.push((key, Json::String(v)));
    }
}

fn tags<'a>(f: &mut Vec<(&'a str, Json<'a>)>, key: &'a str, list: &'a [(String, String)]) {
    if !list.is_empty() {
        let members = list
            .iter()
            .map(|(k, v)| (k.as_str(), Json::String(v)))
            .collect();
        f.push((key, Json::Object(members)));
    }
}

fn organization(org: &OrganizationTree) -> Json<'_> {
    let mut m = Vec::new();
    optional(
        &mut m,
        "managementAccount",
        org.management_account.as_deref(),
    );
    if !org.ous.is_empty() {
        let ous = org.ous.iter().map(|(id, parent, name)| {
            let mut f = vec![("parent", Json::String(parent))];
            optional(&mut f, "name", name.as_deref());
            (id.as_str(), Json::Object(f))
        });
        m.push(("ous", Json::Object(ous.collect())));
    }
    let accounts = org
        .accounts
        .iter()
        .map(|(a, parent)| (a.as_str(), Json::String(parent)));
    m.push(("accounts", Json::Object(accounts.collect())));
    for (key, attached) in [("scps", &org.scps), ("rcps", &org.rcps)] {
        if !attached.is_empty() {
            let nodes = attached.iter().map(|(node, list)| {
                (
                    node.as_str(),
                    Json::Array(list.iter().map(|n| Json::String(n)).collect()),
                )
            });
            m.push((key, Json::Object(nodes.collect())));
        }
    }
    Json::Object(m)
}

fn request(r: &NamedRequest) -> Json<'_> {
    let mut m = vec![("name", Json::String(&r.name))];
    optional(&mut m, "description", r.description.as_deref());
    m.push(("principal", Json::String(&r.request.principal)));
    if !r.assume.is_empty() {
        m.push(("assume", Json::Array(r.assume.iter().map(hop).collect())));
    }
    m.push(("action", Json::String(&r.request.action)));
    m.push(("resource", Json::String(&r.request.resource)));
    optional(
        &mut m,
        "resourceAccount",
        r.request.resource_account.as_deref(),
    );
    if !r.request.context.is_empty() {
        let context = r.request.context.iter().map(|(k, v)| {
            let value = match v {
                ContextValue::Single(s) => Json::String(s),
                ContextValue::Multi(list) => {
                    Json::Array(list.iter().map(|s| Json::String(s)).collect())
                }
            };
            (k.as_str(), value)
        });
        m.push(("context", Json::Object(context.collect())));
    }
    if let Some(e) = r.expect {
        m.push(("expect", Json::String(e.as_str())));
    }
    Json::Object(m)
}

fn hop(h: &Hop) -> Json<'_> {
    let mut m = vec![
        ("role", Json::String(&h.role)),
        ("sessionName", Json::String(&h.session_name)),
    ];
    if let Some(p) = &h.session_policy {
        m.push(("sessionPolicy", doc(p)));
    }
    tags(&mut m, "tags", &h.tags);
    Json::Object(m)
}
