//! Edits of an entity's settings — permissions boundary, path, tags — of S3 Block Public Access,
//! and of a request's AssumeRole hops. AWS's rules for paths and tags are checked here.

use iam_core::{workspace::Hop, workspace::Role, workspace::User, Workspace};

use super::{account_mut, Kind, ModelEdit};

/// Make `edit` when it is one of this module's; `Ok(false)` when it is not.
pub(super) fn apply(ws: &mut Workspace, edit: &ModelEdit) -> Result<bool, String> {
    match edit {
        ModelEdit::SetBoundary {
            kind,
            account,
            entity,
            policy,
        } => {
            if let Some(p) = policy {
                if !ws.policies.iter().any(|m| &m.name == p) {
                    return Err(format!(
                        "`{p}` is not one of the workspace's managed policies"
                    ));
                }
            }
            let slot = user_or_role_field(
                ws,
                *kind,
                account,
                entity,
                "have a permissions boundary",
                |u| &mut u.boundary,
                |r| &mut r.boundary,
            )?;
            slot.clone_from(policy);
        }
        ModelEdit::SetPath {
            kind,
            account,
            entity,
            path,
        } => {
            let path = path.trim();
            if let Some(problem) = path_problem(path) {
                return Err(problem);
            }
            // `/` is the default path: written as no path at all.
            let path = (path != "/").then(|| path.to_string());
            let slot = user_or_role_field(
                ws,
                *kind,
                account,
                entity,
                "have a path in iamplay",
                |u| &mut u.path,
                |r| &mut r.path,
            )?;
            *slot = path;
        }
        ModelEdit::SetTag {
            kind,
            account,
            entity,
            key,
            value,
        } => {
            let key = key.trim();
            if let Some(problem) = tag_problem(key, value) {
                return Err(problem);
            }
            let tags = tags_mut(ws, *kind, account, entity)?;
            // IAM tag keys are case-insensitive: `Team` replaces `team`.
            match tags.iter_mut().find(|(k, _)| k.eq_ignore_ascii_case(key)) {
                Some(tag) => *tag = (key.to_string(), value.clone()),
                None => {
                    if tags.len() >= 50 {
                        return Err("an IAM user, role or resource has at most 50 tags".into());
                    }
                    tags.push((key.to_string(), value.clone()));
                }
            }
        }
        ModelEdit::RemoveTag {
            kind,
            account,
            entity,
            key,
        } => {
            let tags = tags_mut(ws, *kind, account, entity)?;
            let before = tags.len();
            tags.retain(|(k, _)| k != key);
            if tags.len() == before {
                return Err(format!("there is no tag `{key}`"));
            }
        }
        ModelEdit::SetPublicAccessBlock {
            account,
            bucket,
            settings,
        } => {
            let a = account_mut(ws, account)?;
            match bucket {
                None => a.block_public_access = *settings,
                Some(arn) => {
                    let is_bucket = arn
                        .strip_prefix("arn:aws:s3:::")
                        .is_some_and(|name| !name.is_empty() && !name.contains('/'));
                    if !is_bucket {
                        return Err("Block Public Access is a setting of an S3 bucket (`arn:aws:s3:::NAME`) or of an account".into());
                    }
                    a.resources
                        .iter_mut()
                        .find(|r| &r.arn == arn)
                        .ok_or_else(|| format!("there is no resource `{arn}`"))?
                        .block_public_access = *settings;
                }
            }
        }
        _ => return hops(ws, edit),
    }
    Ok(true)
}

/// A request's AssumeRole hops: add, remove, name the session.
fn hops(ws: &mut Workspace, edit: &ModelEdit) -> Result<bool, String> {
    match edit {
        ModelEdit::AddHop { request, role } => {
            let role = role.trim();
            if !(role.starts_with("arn:") && role.contains(":role/")) {
                return Err(format!(
                    "`{role}` is not a role's ARN (arn:aws:iam::ACCOUNT:role/NAME)"
                ));
            }
            let r = ws
                .requests
                .get_mut(*request)
                .ok_or("there is no such request")?;
            let session_name = (1..)
                .map(|n| format!("session{n}"))
                .find(|n| !r.assume.iter().any(|h| &h.session_name == n))
                .unwrap_or_else(|| "session".to_string());
            r.assume.push(Hop {
                role: role.to_string(),
                session_name,
                session_policy: None,
                tags: Vec::new(),
            });
        }
        ModelEdit::RemoveHop { request, hop } => {
            let r = ws
                .requests
                .get_mut(*request)
                .ok_or("there is no such request")?;
            if *hop >= r.assume.len() {
                return Err("there is no such hop".into());
            }
            r.assume.remove(*hop);
        }
        ModelEdit::SetHopSession { request, hop, name } => {
            let name = name.trim();
            if let Some(problem) = session_name_problem(name) {
                return Err(problem);
            }
            ws.requests
                .get_mut(*request)
                .and_then(|r| r.assume.get_mut(*hop))
                .ok_or("there is no such hop")?
                .session_name = name.to_string();
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// A field of user or role `entity` of `account` (`user` or `role` picks it); another kind is
/// refused: "only users and roles {what}".
fn user_or_role_field<'w, T>(
    ws: &'w mut Workspace,
    kind: Kind,
    account: &str,
    entity: &str,
    what: &str,
    user: impl FnOnce(&mut User) -> &mut T,
    role: impl FnOnce(&mut Role) -> &mut T,
) -> Result<&'w mut T, String> {
    let a = account_mut(ws, account)?;
    match kind {
        Kind::User => a.users.iter_mut().find(|u| u.name == entity).map(user),
        Kind::Role => a.roles.iter_mut().find(|r| r.name == entity).map(role),
        Kind::Group | Kind::Resource => {
            return Err(format!(
                "only users and roles {what}, not a {}",
                kind.word()
            ))
        }
    }
    .ok_or_else(|| format!("there is no {} `{entity}`", kind.word()))
}

fn tags_mut<'w>(
    ws: &'w mut Workspace,
    kind: Kind,
    account: &str,
    entity: &str,
) -> Result<&'w mut Vec<(String, String)>, String> {
    let a = account_mut(ws, account)?;
    match kind {
        Kind::User => a
            .users
            .iter_mut()
            .find(|u| u.name == entity)
            .map(|u| &mut u.tags),
        Kind::Role => a
            .roles
            .iter_mut()
            .find(|r| r.name == entity)
            .map(|r| &mut r.tags),
        Kind::Resource => a
            .resources
            .iter_mut()
            .find(|r| r.arn == entity)
            .map(|r| &mut r.tags),
        Kind::Group => return Err("IAM groups cannot be tagged".into()),
    }
    .ok_or_else(|| format!("there is no {} `{entity}`", kind.word()))
}

/// AWS's rule for an IAM path: `/` alone, or `/` + printable ASCII without spaces + `/`, at most
/// 512 characters (IAM API reference, `Path`).
pub fn path_problem(path: &str) -> Option<String> {
    if path.len() > 512 {
        return Some("a path has at most 512 characters".into());
    }
    if !(path.starts_with('/') && path.ends_with('/')) {
        return Some("a path starts and ends with `/` (`/` alone, or `/division/team/`)".into());
    }
    if let Some(c) = path.chars().find(|c| !('!'..='~').contains(c)) {
        return Some(format!(
            "`{c}` is not allowed in a path (printable ASCII without spaces)"
        ));
    }
    None
}

/// AWS's rules for an IAM tag: a key of 1–128 and a value of 0–256 characters, each of letters,
/// digits, spaces and `_ . : / = + - @`; keys starting with `aws:` are AWS's (IAM API reference,
/// `Tag`).
pub fn tag_problem(key: &str, value: &str) -> Option<String> {
    let allowed = |c: char| c.is_alphanumeric() || c == ' ' || "_.:/=+-@".contains(c);
    if key.is_empty() || key.chars().count() > 128 {
        return Some("a tag key has 1 to 128 characters".into());
    }
    if value.chars().count() > 256 {
        return Some("a tag value has at most 256 characters".into());
    }
    if key.to_ascii_lowercase().starts_with("aws:") {
        return Some("tag keys starting with `aws:` are reserved for AWS".into());
    }
    if let Some(c) = key.chars().chain(value.chars()).find(|c| !allowed(*c)) {
        return Some(format!(
            "`{c}` is not allowed in a tag (letters, digits, spaces and _ . : / = + - @ only)"
        ));
    }
    None
}

/// AWS's rule for `RoleSessionName`: 2–64 characters of letters, digits and `_+=,.@-`.
pub fn session_name_problem(name: &str) -> Option<String> {
    if name.len() < 2 || name.len() > 64 {
        return Some("a session name has 2 to 64 characters".into());
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "_+=,.@-".contains(*c)))
    {
        return Some(format!(
            "`{c}` is not allowed in a session name (letters, digits and _ + = , . @ - only)"
        ));
    }
    None
}
