//! Edits of the accounts and of the organization tree: add and delete accounts, make an
//! organization, add and delete OUs, move accounts between nodes, attach and detach SCPs and RCPs.

use iam_core::{workspace::Account, workspace::OrganizationTree, Workspace};

use super::ModelEdit;

/// Make `edit` when it is one of this module's; `Ok(false)` when it is not.
pub(super) fn apply(ws: &mut Workspace, edit: &ModelEdit) -> Result<bool, String> {
    match edit {
        ModelEdit::AddAccount { id } => {
            let id = id.trim();
            if !(id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit())) {
                return Err(format!("`{id}` is not an account id (12 digits)"));
            }
            if ws.accounts.iter().any(|a| a.id == id) {
                return Err(format!("there is already an account {id}"));
            }
            ws.accounts.push(Account {
                id: id.to_string(),
                ..Account::default()
            });
            if let Some(org) = &mut ws.organization {
                let root = root_of(org);
                org.accounts.push((id.to_string(), root));
            }
        }
        ModelEdit::DeleteAccount { id } => {
            let before = ws.accounts.len();
            ws.accounts.retain(|a| &a.id != id);
            if ws.accounts.len() == before {
                return Err(format!("there is no account {id}"));
            }
            if let Some(org) = &mut ws.organization {
                org.accounts.retain(|(a, _)| a != id);
                org.scps.retain(|(node, _)| node != id);
                org.rcps.retain(|(node, _)| node != id);
                if org.management_account.as_ref() == Some(id) {
                    org.management_account = None;
                }
            }
        }
        ModelEdit::AddOrganization { management } => {
            if ws.organization.is_some() {
                return Err("the workspace has an organization already".into());
            }
            if !ws.accounts.iter().any(|a| &a.id == management) {
                return Err(format!("there is no account {management}"));
            }
            let root = "r-root".to_string();
            ws.organization = Some(OrganizationTree {
                management_account: Some(management.clone()),
                accounts: ws
                    .accounts
                    .iter()
                    .map(|a| (a.id.clone(), root.clone()))
                    .collect(),
                ..OrganizationTree::default()
            });
        }
        ModelEdit::AddOu { parent, name } => {
            let name = name.trim();
            if name.is_empty() || name.chars().count() > 128 {
                return Err("an OU name has 1 to 128 characters".into());
            }
            let org = org_mut(ws)?;
            if !is_container(org, parent) {
                return Err(format!("`{parent}` is not the root or an OU"));
            }
            let id = new_ou_id(org, name);
            org.ous.push((id, parent.clone(), Some(name.to_string())));
        }
        ModelEdit::DeleteOu { id } => {
            let org = org_mut(ws)?;
            let parent = org
                .ous
                .iter()
                .find(|(ou, _, _)| ou == id)
                .map(|(_, parent, _)| parent.clone())
                .ok_or_else(|| format!("there is no OU {id}"))?;
            org.ous.retain(|(ou, _, _)| ou != id);
            for (_, p, _) in &mut org.ous {
                if p == id {
                    p.clone_from(&parent);
                }
            }
            for (_, p) in &mut org.accounts {
                if p == id {
                    p.clone_from(&parent);
                }
            }
            org.scps.retain(|(node, _)| node != id);
            org.rcps.retain(|(node, _)| node != id);
        }
        ModelEdit::MoveAccount { account, parent } => {
            if !ws.accounts.iter().any(|a| &a.id == account) {
                return Err(format!("there is no account {account}"));
            }
            let org = org_mut(ws)?;
            match parent {
                Some(parent) => {
                    if !is_container(org, parent) {
                        return Err(format!("`{parent}` is not the root or an OU"));
                    }
                    match org.accounts.iter_mut().find(|(a, _)| a == account) {
                        Some((_, p)) => p.clone_from(parent),
                        None => org.accounts.push((account.clone(), parent.clone())),
                    }
                }
                None => {
                    if org.management_account.as_ref() == Some(account) {
                        return Err("the management account cannot leave its organization".into());
                    }
                    org.accounts.retain(|(a, _)| a != account);
                    org.scps.retain(|(node, _)| node != account);
                    org.rcps.retain(|(node, _)| node != account);
                }
            }
        }
        ModelEdit::AttachOrg { scp, node, policy } | ModelEdit::DetachOrg { scp, node, policy } => {
            let attach = matches!(edit, ModelEdit::AttachOrg { .. });
            if !ws.policies.iter().any(|p| &p.name == policy) {
                return Err(format!(
                    "`{policy}` is not one of the workspace's managed policies"
                ));
            }
            let org = org_mut(ws)?;
            let is_member = org.accounts.iter().any(|(a, _)| a == node);
            if !(is_container(org, node) || is_member) {
                return Err(format!(
                    "`{node}` is not the root, an OU or a member account"
                ));
            }
            let attached = if *scp { &mut org.scps } else { &mut org.rcps };
            let index = match attached.iter().position(|(n, _)| n == node) {
                Some(i) => i,
                None => {
                    attached.push((node.clone(), Vec::new()));
                    attached.len() - 1
                }
            };
            if let Some((_, names)) = attached.get_mut(index) {
                let had = names.contains(policy);
                names.retain(|p| p != policy);
                if attach {
                    names.push(policy.clone());
                } else if !had {
                    return Err(format!("`{policy}` is not attached to `{node}`"));
                }
            }
            attached.retain(|(_, names)| !names.is_empty());
        }
        _ => return Ok(false),
    }
    Ok(true)
}

fn org_mut(ws: &mut Workspace) -> Result<&mut OrganizationTree, String> {
    ws.organization
        .as_mut()
        .ok_or_else(|| "the workspace has no organization".to_string())
}

/// The organization's root: the `r-…` node its OUs and accounts hang from (`r-root` for a new one).
pub fn root_of(org: &OrganizationTree) -> String {
    org.ous
        .iter()
        .map(|(_, parent, _)| parent)
        .chain(org.accounts.iter().map(|(_, parent)| parent))
        .chain(org.scps.iter().chain(&org.rcps).map(|(node, _)| node))
        .find(|p| p.starts_with("r-"))
        .cloned()
        .unwrap_or_else(|| "r-root".to_string())
}

/// The root or an OU: a node that holds OUs and accounts.
fn is_container(org: &OrganizationTree, node: &str) -> bool {
    *node == root_of(org) || org.ous.iter().any(|(id, _, _)| id == node)
}

/// An id for a new OU from its name (`Prod` → `ou-prod`), unique in the tree. AWS's own ids are
/// random (`ou-ab12-cd34ef56`); the trace shows the id beside the name, so a readable one helps.
fn new_ou_id(org: &OrganizationTree, name: &str) -> String {
    let slug: String = name
        .chars()
        .filter_map(|c| {
            if c.is_ascii_alphanumeric() {
                Some(c.to_ascii_lowercase())
            } else if c == ' ' || c == '-' || c == '_' {
                Some('-')
            } else {
                None
            }
        })
        .take(32)
        .collect();
    let slug = slug.trim_matches('-');
    let base = if slug.is_empty() {
        "ou-new".to_string()
    } else {
        format!("ou-{slug}")
    };
    let taken = |id: &str| org.ous.iter().any(|(ou, _, _)| ou == id);
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}
