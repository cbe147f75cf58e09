//! Changing the model of a workspace (issue 11): add, rename and delete users, groups, roles,
//! resources and managed policies; attach and detach managed policies; group membership; a new
//! inline policy; boundaries, paths and tags (`settings.rs`); S3 Block Public Access settings;
//! accounts and the organization tree with its SCPs and RCPs (`org.rs`); a request's AssumeRole
//! hops. Each edit keeps the workspace valid — references follow a rename, go with a deletion — and
//! is refused with a reason when it cannot be made (an edit that would add one of
//! [`Workspace::problems`] is refused too). No web-sys: host-tested.

mod org;
mod settings;

pub use org::root_of;
pub use settings::{path_problem, session_name_problem, tag_problem};

/// Whether an organization node is an account (12 digits) rather than the root or an OU.
pub fn is_account_node(id: &str) -> bool {
    id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit())
}

use iam_core::{
    scenario::PublicAccessBlock, workspace::Account, workspace::Document, workspace::Group,
    workspace::ManagedPolicy, workspace::Resource, workspace::Role, workspace::User, Workspace,
};

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
    /// Set (a managed policy's name) or clear (`None`) the permissions boundary of a user or role.
    SetBoundary {
        kind: Kind,
        account: String,
        entity: String,
        policy: Option<String>,
    },
    /// The IAM path of a user or role (`/` or `/division/team/`).
    SetPath {
        kind: Kind,
        account: String,
        entity: String,
        path: String,
    },
    /// Add a tag to a user, role or resource, or change the value of the tag with that key.
    SetTag {
        kind: Kind,
        account: String,
        entity: String,
        key: String,
        value: String,
    },
    RemoveTag {
        kind: Kind,
        account: String,
        entity: String,
        key: String,
    },
    /// S3 Block Public Access settings of an account (`bucket` is `None`) or of one of its S3
    /// buckets; `None` settings: none written (every setting off).
    SetPublicAccessBlock {
        account: String,
        bucket: Option<String>,
        settings: Option<PublicAccessBlock>,
    },
    /// A new account (12 digits); in the organization's root when there is an organization.
    AddAccount { id: String },
    /// Delete an account, its entities and its places in the organization.
    DeleteAccount { id: String },
    /// Make an organization: `management` is its management account; every account of the
    /// workspace is a member under the root, and AWS's `FullAWSAccess` SCP is attached to the root
    /// and to each account, as AWS Organizations does when SCPs are enabled.
    AddOrganization { management: String },
    /// A new OU under `parent` (the root or another OU), named `name`.
    AddOu { parent: String, name: String },
    /// Delete an OU: its OUs and accounts move up to its parent; its SCPs and RCPs go.
    DeleteOu { id: String },
    /// Put an account of the workspace under `parent` (the root or an OU); `None`: take it out of
    /// the organization.
    MoveAccount {
        account: String,
        parent: Option<String>,
    },
    /// Attach managed policy `policy` as an SCP (`scp`) or an RCP to an organization node.
    AttachOrg {
        scp: bool,
        node: String,
        policy: String,
    },
    DetachOrg {
        scp: bool,
        node: String,
        policy: String,
    },
    /// Add an `sts:AssumeRole` hop (a role's ARN) at the end of request `request`'s chain.
    AddHop { request: usize, role: String },
    /// Remove hop `hop` of request `request`'s chain.
    RemoveHop { request: usize, hop: usize },
    /// The session name of hop `hop` of request `request`.
    SetHopSession {
        request: usize,
        hop: usize,
        name: String,
    },
}

const EMPTY: &str = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": []\n}";

fn doc(text: String) -> Document {
    Document {
        text,
        file_offset: None,
        tree: Default::default(),
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

/// Apply `edit` to `ws`, or say why it cannot be made (nothing is changed then). An edit that would
/// give the workspace a problem it did not have ([`Workspace::problems`]) is refused with it.
pub fn apply(ws: &mut Workspace, edit: &ModelEdit) -> Result<(), String> {
    let mut next = ws.clone();
    edit_in(&mut next, edit)?;
    let before = ws.problems();
    if let Some((field, problem)) = next.problems().into_iter().find(|p| !before.contains(p)) {
        return Err(format!("{field}: {problem}"));
    }
    *ws = next;
    Ok(())
}

// long: one match with one arm per kind of model edit
fn edit_in(ws: &mut Workspace, edit: &ModelEdit) -> Result<(), String> {
    if settings::apply(ws, edit)? || org::apply(ws, edit)? {
        return Ok(());
    }
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
        // Made by `settings::apply` and `org::apply` above.
        ModelEdit::SetBoundary { .. }
        | ModelEdit::SetPath { .. }
        | ModelEdit::SetTag { .. }
        | ModelEdit::RemoveTag { .. }
        | ModelEdit::SetPublicAccessBlock { .. }
        | ModelEdit::AddAccount { .. }
        | ModelEdit::DeleteAccount { .. }
        | ModelEdit::AddOrganization { .. }
        | ModelEdit::AddOu { .. }
        | ModelEdit::DeleteOu { .. }
        | ModelEdit::MoveAccount { .. }
        | ModelEdit::AttachOrg { .. }
        | ModelEdit::DetachOrg { .. }
        | ModelEdit::AddHop { .. }
        | ModelEdit::RemoveHop { .. }
        | ModelEdit::SetHopSession { .. } => {}
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

    #[test]
    fn boundary_path_and_tags() {
        let mut w = ws();
        let set = |w: &mut Workspace, e: ModelEdit| apply(w, &e);
        set(
            &mut w,
            ModelEdit::SetBoundary {
                kind: Kind::User,
                account: A.into(),
                entity: "alice".into(),
                policy: Some("ReadPhotos".into()),
            },
        )
        .unwrap();
        set(
            &mut w,
            ModelEdit::SetPath {
                kind: Kind::User,
                account: A.into(),
                entity: "alice".into(),
                path: "/staff/".into(),
            },
        )
        .unwrap();
        for (key, value) in [("team", "a"), ("Team", "photos")] {
            set(
                &mut w,
                ModelEdit::SetTag {
                    kind: Kind::User,
                    account: A.into(),
                    entity: "alice".into(),
                    key: key.into(),
                    value: value.into(),
                },
            )
            .unwrap();
        }
        let again = iam_core::parse_workspace(&w.to_json()).unwrap();
        let alice = again.accounts[0]
            .users
            .iter()
            .find(|u| u.name == "alice")
            .unwrap();
        assert_eq!(alice.boundary.as_deref(), Some("ReadPhotos"));
        assert_eq!(alice.path.as_deref(), Some("/staff/"));
        // Tag keys are case-insensitive in IAM: the second write replaced the first.
        assert_eq!(alice.tags, vec![("Team".to_string(), "photos".to_string())]);
        set(
            &mut w,
            ModelEdit::RemoveTag {
                kind: Kind::User,
                account: A.into(),
                entity: "alice".into(),
                key: "Team".into(),
            },
        )
        .unwrap();
        set(
            &mut w,
            ModelEdit::SetBoundary {
                kind: Kind::User,
                account: A.into(),
                entity: "alice".into(),
                policy: None,
            },
        )
        .unwrap();
        let alice = &w.accounts[0]
            .users
            .iter()
            .find(|u| u.name == "alice")
            .unwrap();
        assert!(alice.tags.is_empty() && alice.boundary.is_none());
        let bad = |e: ModelEdit| apply(&mut w.clone(), &e).unwrap_err();
        let path = |p: &str| ModelEdit::SetPath {
            kind: Kind::Role,
            account: A.into(),
            entity: "Deployer".into(),
            path: p.into(),
        };
        assert!(bad(path("staff")).contains("starts and ends"));
        assert!(bad(path("/a b/")).contains("not allowed"));
        let tag = |k: &str| ModelEdit::SetTag {
            kind: Kind::Role,
            account: A.into(),
            entity: "Deployer".into(),
            key: k.into(),
            value: "v".into(),
        };
        assert!(bad(tag("aws:x")).contains("reserved"));
        assert!(bad(tag("a;b")).contains("not allowed"));
        assert!(bad(ModelEdit::SetBoundary {
            kind: Kind::Group,
            account: A.into(),
            entity: "Developers".into(),
            policy: Some("ReadPhotos".into()),
        })
        .contains("only users and roles"));
    }

    #[test]
    fn block_public_access_settings_change_decisions() {
        let mut w = iam_core::parse_workspace(
            r#"{"version": 2,
              "accounts": {"111122223333": {"resources": {"arn:aws:s3:::site": {"policy": {
                "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
                "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*"}]}}}}},
              "requests": [{"name": "anyone reads", "principal": "*",
                "action": "s3:GetObject", "resource": "arn:aws:s3:::site/index.html",
                "expect": "allowed"}]}"#,
        )
        .unwrap();
        assert_eq!(w.checks(), (1, 1));
        let on = iam_core::scenario::PublicAccessBlock {
            block_public_acls: true,
            ignore_public_acls: true,
            block_public_policy: true,
            restrict_public_buckets: true,
        };
        for bucket in [None, Some("arn:aws:s3:::site".to_string())] {
            let mut v = w.clone();
            apply(
                &mut v,
                &ModelEdit::SetPublicAccessBlock {
                    account: A.into(),
                    bucket,
                    settings: Some(on),
                },
            )
            .unwrap();
            assert_eq!(
                v.checks(),
                (0, 1),
                "RestrictPublicBuckets blocks the anonymous read"
            );
            iam_core::parse_workspace(&v.to_json()).unwrap();
        }
        assert!(apply(
            &mut w,
            &ModelEdit::SetPublicAccessBlock {
                account: A.into(),
                bucket: Some("arn:aws:s3:::site/index.html".into()),
                settings: Some(on),
            },
        )
        .unwrap_err()
        .contains("S3 bucket"));
    }

    #[test]
    fn organization_edits_move_accounts_and_attach_scps() {
        let mut w = ws();
        w.organization = None;
        let edit = |w: &mut Workspace, e: ModelEdit| apply(w, &e);
        edit(
            &mut w,
            ModelEdit::AddAccount {
                id: "444455556666".into(),
            },
        )
        .unwrap();
        assert!(edit(&mut w, ModelEdit::AddAccount { id: "4444".into() })
            .unwrap_err()
            .contains("12 digits"));
        edit(
            &mut w,
            ModelEdit::AddOrganization {
                management: "444455556666".into(),
            },
        )
        .unwrap();
        edit(
            &mut w,
            ModelEdit::AddOu {
                parent: "r-root".into(),
                name: "Prod".into(),
            },
        )
        .unwrap();
        edit(
            &mut w,
            ModelEdit::AddOu {
                parent: "ou-prod".into(),
                name: "Prod".into(),
            },
        )
        .unwrap();
        let org = w.organization.clone().unwrap();
        assert_eq!(org.ous[1].0, "ou-prod-2", "ids stay unique");
        edit(
            &mut w,
            ModelEdit::MoveAccount {
                account: A.into(),
                parent: Some("ou-prod-2".into()),
            },
        )
        .unwrap();
        // A Deny-all SCP on the OU turns every check that expects `allowed` into a failure.
        edit(
            &mut w,
            ModelEdit::AddManaged {
                name: "DenyAll".into(),
            },
        )
        .unwrap();
        let deny_all = w.policies.iter_mut().find(|p| p.name == "DenyAll").unwrap();
        deny_all.document.text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#.into();
        let before = w.checks();
        edit(
            &mut w,
            ModelEdit::AttachOrg {
                scp: true,
                node: "ou-prod".into(),
                policy: "DenyAll".into(),
            },
        )
        .unwrap();
        let after = w.checks();
        assert!(after.0 < before.0, "{before:?} → {after:?}");
        iam_core::parse_workspace(&w.to_json()).unwrap();
        // Deleting the inner OU moves the account up; detaching the SCP restores the checks.
        edit(
            &mut w,
            ModelEdit::DeleteOu {
                id: "ou-prod-2".into(),
            },
        )
        .unwrap();
        let org = w.organization.clone().unwrap();
        assert!(org
            .accounts
            .contains(&(A.to_string(), "ou-prod".to_string())));
        assert_eq!(w.checks(), after);
        edit(
            &mut w,
            ModelEdit::DetachOrg {
                scp: true,
                node: "ou-prod".into(),
                policy: "DenyAll".into(),
            },
        )
        .unwrap();
        assert_eq!(w.checks(), before);
        assert!(edit(
            &mut w,
            ModelEdit::MoveAccount {
                account: "444455556666".into(),
                parent: None,
            },
        )
        .unwrap_err()
        .contains("management account"));
        edit(
            &mut w,
            ModelEdit::DeleteAccount {
                id: "444455556666".into(),
            },
        )
        .unwrap();
        iam_core::parse_workspace(&w.to_json()).unwrap();
    }

    #[test]
    fn hops_are_added_named_and_removed() {
        let mut w = ws();
        let role = format!("arn:aws:iam::{A}:role/Deployer");
        apply(
            &mut w,
            &ModelEdit::AddHop {
                request: 0,
                role: role.clone(),
            },
        )
        .unwrap();
        apply(
            &mut w,
            &ModelEdit::SetHopSession {
                request: 0,
                hop: 0,
                name: "alice-deploys".into(),
            },
        )
        .unwrap();
        let again = iam_core::parse_workspace(&w.to_json()).unwrap();
        assert_eq!(again.requests[0].assume[0].role, role);
        assert_eq!(again.requests[0].assume[0].session_name, "alice-deploys");
        assert!(apply(
            &mut w,
            &ModelEdit::SetHopSession {
                request: 0,
                hop: 0,
                name: "a".into(),
            },
        )
        .is_err());
        assert!(apply(
            &mut w,
            &ModelEdit::AddHop {
                request: 0,
                role: "Deployer".into()
            }
        )
        .is_err());
        apply(&mut w, &ModelEdit::RemoveHop { request: 0, hop: 0 }).unwrap();
        assert!(w.requests[0].assume.is_empty());
    }
}
