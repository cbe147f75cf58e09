//! Changing the model of a workspace (issue 11): add, rename and delete users, groups, roles,
//! resources and managed policies; attach and detach managed policies; group membership; a new
//! inline policy. Each edit keeps the workspace valid — references follow a rename, go with a
//! deletion — and is refused with a reason when it cannot be made. No web-sys: host-tested.

use iam_core::{Account, Document, Group, ManagedPolicy, Resource, Role, User, Workspace};

/// What kind of thing in an account an edit is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    User,
    Group,
    Role,
    Resource,
}

impl Kind {
    pub fn word(self) -> &'static str {
        match self {
            Kind::User => "user",
            Kind::Group => "group",
            Kind::Role => "role",
            Kind::Resource => "resource",
        }
    }
}

/// One change of the model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModelEdit {
    /// A new user, group, role (trusting its own account) or resource (by ARN) in `account`.
    Add {
        kind: Kind,
        account: String,
        name: String,
    },
    Rename {
        kind: Kind,
        account: String,
        from: String,
        to: String,
    },
    Delete {
        kind: Kind,
        account: String,
        name: String,
    },
    /// A new managed policy (an empty document), attached to nothing yet.
    AddManaged { name: String },
    /// Attach managed policy `policy` to a user, group or role.
    Attach {
        kind: Kind,
        account: String,
        entity: String,
        policy: String,
    },
    Detach {
        kind: Kind,
        account: String,
        entity: String,
        policy: String,
    },
    /// Put a user in a group, or take it out.
    Join {
        account: String,
        user: String,
        group: String,
    },
    Leave {
        account: String,
        user: String,
        group: String,
    },
    /// A new inline policy in a user, group or role (a resource: its policy).
    AddInline {
        kind: Kind,
        account: String,
        entity: String,
    },
}

const EMPTY: &str = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": []\n}";

fn doc(text: String) -> Document {
    Document {
        text,
        file_offset: None,
    }
}

/// AWS's rule for IAM user, group, role and policy names: 1–128 characters of letters, digits and
/// `+=,.@_-` (roles: 64).
pub fn name_problem(kind: &str, name: &str, max: usize) -> Option<String> {
    if name.is_empty() || name.chars().count() > max {
        return Some(format!("a {kind} name has 1 to {max} characters"));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "+=,.@_-".contains(*c)))
    {
        return Some(format!(
            "`{c}` is not allowed in a {kind} name (letters, digits and + = , . @ _ - only)"
        ));
    }
    None
}

fn account_mut<'w>(ws: &'w mut Workspace, id: &str) -> Result<&'w mut Account, String> {
    ws.accounts
        .iter_mut()
        .find(|a| a.id == id)
        .ok_or_else(|| format!("there is no account {id}"))
}

/// Apply `edit` to `ws`, or say why it cannot be made (nothing is changed then).
pub fn apply(ws: &mut Workspace, edit: &ModelEdit) -> Result<(), String> {
    let mut next = ws.clone();
    edit_in(&mut next, edit)?;
    *ws = next;
    Ok(())
}

// long: one match with one arm per kind of model edit
fn edit_in(ws: &mut Workspace, edit: &ModelEdit) -> Result<(), String> {
    match edit {
        ModelEdit::Add {
            kind,
            account,
            name,
        } => {
            let name = name.trim().to_string();
            let a = account_mut(ws, account)?;
            match kind {
                Kind::User => {
                    check_name("user", &name, 64)?;
                    unique(a.users.iter().map(|u| &u.name), &name, "user")?;
                    a.users.push(User {
                        name,
                        ..User::default()
                    });
                }
                Kind::Group => {
                    check_name("group", &name, 128)?;
                    unique(a.groups.iter().map(|g| &g.name), &name, "group")?;
                    a.groups.push(Group {
                        name,
                        ..Group::default()
                    });
                }
                Kind::Role => {
                    check_name("role", &name, 64)?;
                    unique(a.roles.iter().map(|r| &r.name), &name, "role")?;
                    let trust = format!(
                        "{{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {{\n      \"Effect\": \"Allow\",\n      \"Principal\": {{ \"AWS\": \"arn:aws:iam::{}:root\" }},\n      \"Action\": \"sts:AssumeRole\"\n    }}\n  ]\n}}",
                        a.id
                    );
                    a.roles.push(Role {
                        name,
                        trust: Some(doc(trust)),
                        ..Role::default()
                    });
                }
                Kind::Resource => {
                    if !name.starts_with("arn:") || name.split(':').count() < 6 {
                        return Err(format!("`{name}` is not an ARN (arn:partition:service:region:account:resource)"));
                    }
                    if ws
                        .accounts
                        .iter()
                        .any(|a| a.resources.iter().any(|r| r.arn == name))
                    {
                        return Err(format!("there is already a resource `{name}`"));
                    }
                    account_mut(ws, account)?.resources.push(Resource {
                        arn: name,
                        ..Resource::default()
                    });
                }
            }
        }
        ModelEdit::AddManaged { name } => {
            let name = name.trim().to_string();
            check_name("policy", &name, 128)?;
            unique(ws.policies.iter().map(|p| &p.name), &name, "managed policy")?;
            ws.policies.push(ManagedPolicy {
                name,
                document: doc(EMPTY.to_string()),
            });
        }
        ModelEdit::Rename {
            kind,
            account,
            from,
            to,
        } => {
            let to = to.trim().to_string();
            let a = account_mut(ws, account)?;
            match kind {
                Kind::User => {
                    check_name("user", &to, 64)?;
                    unique(a.users.iter().map(|u| &u.name), &to, "user")?;
                    find(a.users.iter_mut().map(|u| &mut u.name), from)?.clone_from(&to);
                }
                Kind::Group => {
                    check_name("group", &to, 128)?;
                    unique(a.groups.iter().map(|g| &g.name), &to, "group")?;
                    find(a.groups.iter_mut().map(|g| &mut g.name), from)?.clone_from(&to);
                    for u in &mut a.users {
                        for g in &mut u.groups {
                            if g == from {
                                g.clone_from(&to);
                            }
                        }
                    }
                }
                Kind::Role => {
                    check_name("role", &to, 64)?;
                    unique(a.roles.iter().map(|r| &r.name), &to, "role")?;
                    find(a.roles.iter_mut().map(|r| &mut r.name), from)?.clone_from(&to);
                }
                Kind::Resource => {
                    return Err("a resource is named by its ARN; add a new one instead".into())
                }
            }
        }
        ModelEdit::Delete {
            kind,
            account,
            name,
        } => {
            let a = account_mut(ws, account)?;
            let count = |a: &Account| match kind {
                Kind::User => a.users.len(),
                Kind::Group => a.groups.len(),
                Kind::Role => a.roles.len(),
                Kind::Resource => a.resources.len(),
            };
            let before = count(a);
            match kind {
                Kind::User => a.users.retain(|u| &u.name != name),
                Kind::Group => {
                    a.groups.retain(|g| &g.name != name);
                    for u in &mut a.users {
                        u.groups.retain(|g| g != name);
                    }
                }
                Kind::Role => a.roles.retain(|r| &r.name != name),
                Kind::Resource => a.resources.retain(|r| &r.arn != name),
            }
            if before == count(a) {
                return Err(format!("there is no {} `{name}`", kind.word()));
            }
        }
        ModelEdit::Attach {
            kind,
            account,
            entity,
            policy,
        }
        | ModelEdit::Detach {
            kind,
            account,
            entity,
            policy,
        } => {
            let attach = matches!(edit, ModelEdit::Attach { .. });
            if !ws.policies.iter().any(|p| &p.name == policy) {
                return Err(format!(
                    "`{policy}` is not one of the workspace's managed policies"
                ));
            }
            let a = account_mut(ws, account)?;
            let list = match kind {
                Kind::User => a
                    .users
                    .iter_mut()
                    .find(|u| &u.name == entity)
                    .map(|u| &mut u.policies),
                Kind::Group => a
                    .groups
                    .iter_mut()
                    .find(|g| &g.name == entity)
                    .map(|g| &mut g.policies),
                Kind::Role => a
                    .roles
                    .iter_mut()
                    .find(|r| &r.name == entity)
                    .map(|r| &mut r.policies),
                Kind::Resource => None,
            }
            .ok_or_else(|| format!("there is no {} `{entity}`", kind.word()))?;
            list.retain(|p| p != policy);
            if attach {
                list.push(policy.clone());
            }
        }
        ModelEdit::Join {
            account,
            user,
            group,
        }
        | ModelEdit::Leave {
            account,
            user,
            group,
        } => {
            let join = matches!(edit, ModelEdit::Join { .. });
            let a = account_mut(ws, account)?;
            if !a.groups.iter().any(|g| &g.name == group) {
                return Err(format!("there is no group `{group}` in account {account}"));
            }
            let u = a
                .users
                .iter_mut()
                .find(|u| &u.name == user)
                .ok_or_else(|| format!("there is no user `{user}`"))?;
            u.groups.retain(|g| g != group);
            if join {
                u.groups.push(group.clone());
            }
        }
        ModelEdit::AddInline {
            kind,
            account,
            entity,
        } => {
            let a = account_mut(ws, account)?;
            let missing = || format!("there is no {} `{entity}`", kind.word());
            let list = match kind {
                Kind::User => a
                    .users
                    .iter_mut()
                    .find(|u| &u.name == entity)
                    .map(|u| &mut u.inline),
                Kind::Group => a
                    .groups
                    .iter_mut()
                    .find(|g| &g.name == entity)
                    .map(|g| &mut g.inline),
                Kind::Role => a
                    .roles
                    .iter_mut()
                    .find(|r| &r.name == entity)
                    .map(|r| &mut r.inline),
                Kind::Resource => {
                    let r = a
                        .resources
                        .iter_mut()
                        .find(|r| &r.arn == entity)
                        .ok_or_else(missing)?;
                    if r.policy.is_some() {
                        return Err("this resource has a policy already".into());
                    }
                    r.policy = Some(doc(EMPTY.to_string()));
                    return Ok(());
                }
            }
            .ok_or_else(missing)?;
            let name = (1..)
                .map(|n| format!("Inline{n}"))
                .find(|n| !list.iter().any(|(x, _)| x == n))
                .unwrap_or_else(|| "Inline".to_string());
            list.push((name, doc(EMPTY.to_string())));
        }
    }
    Ok(())
}

fn check_name(kind: &str, name: &str, max: usize) -> Result<(), String> {
    match name_problem(kind, name, max) {
        Some(p) => Err(p),
        None => Ok(()),
    }
}

fn unique<'a>(
    mut names: impl Iterator<Item = &'a String>,
    name: &str,
    kind: &str,
) -> Result<(), String> {
    if names.any(|n| n == name) {
        return Err(format!("there is already a {kind} `{name}`"));
    }
    Ok(())
}

fn find<'a>(
    mut names: impl Iterator<Item = &'a mut String>,
    name: &str,
) -> Result<&'a mut String, String> {
    names
        .find(|n| n.as_str() == name)
        .ok_or_else(|| format!("there is no `{name}`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ws() -> Workspace {
        iam_core::parse_workspace(include_str!("../../examples/workspaces/course-basics.json"))
            .unwrap()
    }
    const A: &str = "111122223333";

    #[test]
    fn add_rename_delete_keep_references() {
        let mut w = ws();
        apply(
            &mut w,
            &ModelEdit::Add {
                kind: Kind::Group,
                account: A.into(),
                name: "Testers".into(),
            },
        )
        .unwrap();
        apply(
            &mut w,
            &ModelEdit::Join {
                account: A.into(),
                user: "bob".into(),
                group: "Testers".into(),
            },
        )
        .unwrap();
        apply(
            &mut w,
            &ModelEdit::Rename {
                kind: Kind::Group,
                account: A.into(),
                from: "Testers".into(),
                to: "QA".into(),
            },
        )
        .unwrap();
        let bob = w.accounts[0]
            .users
            .iter()
            .find(|u| u.name == "bob")
            .unwrap();
        assert!(bob.groups.contains(&"QA".to_string()));
        apply(
            &mut w,
            &ModelEdit::Delete {
                kind: Kind::Group,
                account: A.into(),
                name: "QA".into(),
            },
        )
        .unwrap();
        let bob = w.accounts[0]
            .users
            .iter()
            .find(|u| u.name == "bob")
            .unwrap();
        assert!(!bob.groups.contains(&"QA".to_string()));
        // What is written reads back: the model stays valid.
        iam_core::parse_workspace(&w.to_json()).unwrap();
    }

    #[test]
    fn attach_and_detach_change_decisions() {
        let mut w = ws();
        // bob cannot read photos; attaching ReadPhotos to him changes that check.
        let before = w.checks();
        apply(
            &mut w,
            &ModelEdit::Attach {
                kind: Kind::User,
                account: A.into(),
                entity: "bob".into(),
                policy: "ReadPhotos".into(),
            },
        )
        .unwrap();
        assert_eq!(
            w.checks().0 + 1,
            before.0,
            "bob has no photo access fails now"
        );
        apply(
            &mut w,
            &ModelEdit::Detach {
                kind: Kind::User,
                account: A.into(),
                entity: "bob".into(),
                policy: "ReadPhotos".into(),
            },
        )
        .unwrap();
        assert_eq!(w.checks(), before);
    }

    #[test]
    fn new_things_are_valid_and_bad_names_are_refused() {
        let mut w = ws();
        apply(
            &mut w,
            &ModelEdit::Add {
                kind: Kind::Role,
                account: A.into(),
                name: "Auditor".into(),
            },
        )
        .unwrap();
        apply(
            &mut w,
            &ModelEdit::AddManaged {
                name: "AuditRead".into(),
            },
        )
        .unwrap();
        apply(
            &mut w,
            &ModelEdit::Attach {
                kind: Kind::Role,
                account: A.into(),
                entity: "Auditor".into(),
                policy: "AuditRead".into(),
            },
        )
        .unwrap();
        apply(
            &mut w,
            &ModelEdit::AddInline {
                kind: Kind::Role,
                account: A.into(),
                entity: "Auditor".into(),
            },
        )
        .unwrap();
        apply(
            &mut w,
            &ModelEdit::Add {
                kind: Kind::Resource,
                account: A.into(),
                name: "arn:aws:s3:::audit-logs".into(),
            },
        )
        .unwrap();
        apply(
            &mut w,
            &ModelEdit::AddInline {
                kind: Kind::Resource,
                account: A.into(),
                entity: "arn:aws:s3:::audit-logs".into(),
            },
        )
        .unwrap();
        let again = iam_core::parse_workspace(&w.to_json()).unwrap();
        assert!(again
            .documents()
            .iter()
            .any(|(p, _)| p.name == "Auditor:trust"));
        assert!(again
            .documents()
            .iter()
            .any(|(p, _)| p.name == "Auditor:Inline1"));
        let bad = |e: ModelEdit| apply(&mut w.clone(), &e).unwrap_err();
        assert!(bad(ModelEdit::Add {
            kind: Kind::User,
            account: A.into(),
            name: "al ice".into()
        })
        .contains("not allowed"));
        assert!(bad(ModelEdit::Add {
            kind: Kind::User,
            account: A.into(),
            name: "alice".into()
        })
        .contains("already"));
        assert!(bad(ModelEdit::Add {
            kind: Kind::User,
            account: "999".into(),
            name: "x".into()
        })
        .contains("no account"));
        assert!(bad(ModelEdit::Add {
            kind: Kind::Resource,
            account: A.into(),
            name: "bucket".into()
        })
        .contains("not an ARN"));
        assert!(bad(ModelEdit::Attach {
            kind: Kind::User,
            account: A.into(),
            entity: "alice".into(),
            policy: "Nope".into()
        })
        .contains("not one of"));
        assert!(name_problem("policy", &"x".repeat(129), 128).is_some());
    }
}
