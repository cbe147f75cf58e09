//! The model panel of a workspace: each account's users, groups, roles and resources with their
//! documents, boundaries, paths and tags, S3 Block Public Access settings, and the organization tree
//! with its SCPs and RCPs — and the tools that change them (`model_edit.rs`), each a button or a
//! select, so the mouse and the keyboard reach every edit.

use std::rc::Rc;

use iam_core::{
    scenario::PublicAccessBlock, workspace::Account, workspace::OrganizationTree, Workspace,
};
use yew::prelude::*;

use crate::components::workspace_view::doc_link;
use crate::hooks::PlaygroundContext;
use crate::model::Model;
use crate::model_edit::{Kind, ModelEdit};
use crate::state::Action;

/// What every part of one account's view needs.
struct Ctx<'a> {
    state: &'a PlaygroundContext,
    ws: &'a Workspace,
    /// The number of managed policies (they come first among the editor tabs).
    n: usize,
    account: &'a str,
}

/// The model: each account and the organization tree, with a link to every document.
pub fn model_panel(state: &PlaygroundContext, model: &Rc<Model>) -> Html {
    let ws = &model.ws;
    let accounts = ws.accounts.iter().map(|a| {
        let cx = Ctx {
            state,
            ws,
            n: ws.policies.len(),
            account: &a.id,
        };
        account_view(&cx, a)
    });
    let add_managed = edit_click(state, || {
        crate::browser::prompt("Name of the new managed policy:", "ReadOnlyAccess")
            .map(|name| ModelEdit::AddManaged { name })
    });
    let add_account = edit_click(state, || {
        crate::browser::prompt("Id of the new account (12 digits):", "444455556666")
            .map(|id| ModelEdit::AddAccount { id })
    });
    let first = ws
        .accounts
        .first()
        .map(|a| a.id.clone())
        .unwrap_or_default();
    let add_org = edit_click(state, move || {
        crate::browser::prompt(
            "The organization's management account (one of the workspace's accounts):",
            &first,
        )
        .map(|management| ModelEdit::AddOrganization { management })
    });
    html! {
        <details class="card model" open=true data-testid="model">
            <summary><h2>{"Accounts and organization"}</h2></summary>
            <p class="model-add">
                <button type="button" class="btn btn-small" data-testid="add-managed" onclick={add_managed}>{"+ managed policy"}</button>
                <button type="button" class="btn btn-small" data-testid="add-account" onclick={add_account}>{"+ account"}</button>
                if ws.organization.is_none() && !ws.accounts.is_empty() {
                    <button type="button" class="btn btn-small" data-testid="add-organization" onclick={add_org}>{"+ organization"}</button>
                }
            </p>
            <ul class="model-list">{ for accounts }</ul>
            { for ws.organization.as_ref().map(|org| org_tree(state, ws, org)) }
        </details>
    }
}

fn account_view(cx: &Ctx<'_>, a: &Account) -> Html {
    let state = cx.state;
    let add = |kind: Kind, label: &'static str, example: &'static str| {
        let account = a.id.clone();
        let make = move || {
            crate::browser::prompt(&format!("Name of the new {}:", kind.word()), example).map(
                |name| ModelEdit::Add {
                    kind,
                    account: account.clone(),
                    name,
                },
            )
        };
        html! {
            <button type="button" class="btn btn-small" data-testid={format!("add-{}", kind.word())}
                onclick={edit_click(state, make)}>{ label }</button>
        }
    };
    let delete = {
        let id = a.id.clone();
        edit_click(state, move || {
            crate::browser::confirm(&format!(
                "Delete account {id} with its users, groups, roles and resources?"
            ))
            .then(|| ModelEdit::DeleteAccount { id: id.clone() })
        })
    };
    html! {
        <li class="model-account" data-testid="model-account" data-account={a.id.clone()}>
            <span class="entity">{"Account "}<code>{ a.id.clone() }</code></span>
            <button type="button" class="btn-link" data-testid="delete-account" onclick={delete}
                aria-label={format!("Delete account {}", a.id)}>{"delete"}</button>
            <span class="model-add">
                { add(Kind::User, "+ user", "carol") }
                { add(Kind::Group, "+ group", "Auditors") }
                { add(Kind::Role, "+ role", "ReadOnly") }
                { add(Kind::Resource, "+ resource", "arn:aws:s3:::example-bucket") }
            </span>
            { public_access_block(state, &a.id, None, a.block_public_access) }
            <ul class="model-list">
                { for a.users.iter().map(|u| user_view(cx, a, u)) }
                { for a.groups.iter().map(|g| html! {
                    <li data-testid="model-group" data-name={g.name.clone()}>
                        <span class="entity"><span class="kind">{"group"}</span>{ g.name.clone() }</span>
                        <span class="doc-links">
                            { for g.policies.iter().map(|p| attached(cx, Kind::Group, &g.name, p)) }
                            { for g.inline.iter().map(|(k, _)| doc_link(state, format!("{k} (inline)"), &format!("{}:{k}", g.name), false, cx.n)) }
                        </span>
                        { entity_tools(cx, Kind::Group, &g.name, &g.policies) }
                    </li>
                }) }
                { for a.roles.iter().map(|r| html! {
                    <li data-testid="model-role" data-name={r.name.clone()}>
                        <span class="entity"><span class="kind">{"role"}</span>{ with_path(&r.path, &r.name) }</span>
                        <span class="doc-links">
                            if r.trust.is_some() { { doc_link(state, "trust policy".to_string(), &format!("{}:trust", r.name), false, cx.n) } }
                            { for r.policies.iter().map(|p| attached(cx, Kind::Role, &r.name, p)) }
                            { for r.inline.iter().map(|(k, _)| doc_link(state, format!("{k} (inline)"), &format!("{}:{k}", r.name), false, cx.n)) }
                            { boundary_chip(cx, Kind::Role, &r.name, &r.boundary) }
                        </span>
                        { tag_chips(cx, Kind::Role, &r.name, &r.tags) }
                        { entity_tools(cx, Kind::Role, &r.name, &r.policies) }
                        { settings_tools(cx, Kind::Role, &r.name, &r.path) }
                    </li>
                }) }
                { for a.resources.iter().map(|r| {
                    let short = r.arn.rsplit([':', '/']).next().unwrap_or(&r.arn).to_string();
                    let bucket = r.arn.strip_prefix("arn:aws:s3:::").is_some_and(|b| !b.is_empty() && !b.contains('/'));
                    html! {
                        <li data-testid="model-resource" data-name={r.arn.clone()}>
                            <span class="entity"><span class="kind">{"resource"}</span><code>{ r.arn.clone() }</code></span>
                            <span class="doc-links">
                                if r.policy.is_some() { { doc_link(state, "resource policy".to_string(), &format!("{short}:policy"), false, cx.n) } }
                            </span>
                            { tag_chips(cx, Kind::Resource, &r.arn, &r.tags) }
                            { entity_tools(cx, Kind::Resource, &r.arn, &[]) }
                            { settings_tools(cx, Kind::Resource, &r.arn, &None) }
                            if bucket { { public_access_block(state, &a.id, Some(&r.arn), r.block_public_access) } }
                        </li>
                    }
                }) }
            </ul>
        </li>
    }
}

fn user_view(cx: &Ctx<'_>, a: &Account, u: &iam_core::workspace::User) -> Html {
    let state = cx.state;
    let join: Vec<String> = a
        .groups
        .iter()
        .map(|g| g.name.clone())
        .filter(|g| !u.groups.contains(g))
        .collect();
    html! {
        <li data-testid="model-user" data-name={u.name.clone()}>
            <span class="entity"><span class="kind">{"user"}</span>{ with_path(&u.path, &u.name) }</span>
            { for u.groups.iter().map(|g| {
                let leave = ModelEdit::Leave { account: cx.account.to_string(), user: u.name.clone(), group: g.clone() };
                html! {
                    <span class="chip-pair muted">{ format!("in {g}") }
                        <button type="button" class="chip-x" aria-label={format!("Take {} out of {g}", u.name)} title="Leave the group"
                            data-testid="leave-group" onclick={edit_click(state, move || Some(leave.clone()))}>{"×"}</button>
                    </span>
                }
            }) }
            <span class="doc-links">
                { for u.policies.iter().map(|p| attached(cx, Kind::User, &u.name, p)) }
                { for u.inline.iter().map(|(k, _)| doc_link(state, format!("{k} (inline)"), &format!("{}:{k}", u.name), false, cx.n)) }
                { boundary_chip(cx, Kind::User, &u.name, &u.boundary) }
            </span>
            { tag_chips(cx, Kind::User, &u.name, &u.tags) }
            { entity_tools(cx, Kind::User, &u.name, &u.policies) }
            if !join.is_empty() {
                { choose(state, "join group…", &format!("Add {} to a group", u.name), "join-group", &join, {
                    let (account, user) = (cx.account.to_string(), u.name.clone());
                    move |group| ModelEdit::Join { account: account.clone(), user: user.clone(), group }
                }) }
            }
            { settings_tools(cx, Kind::User, &u.name, &u.path) }
        </li>
    }
}

/// `/staff/alice` for a user or role with a path, else the name.
fn with_path(path: &Option<String>, name: &str) -> String {
    match path {
        Some(p) if p != "/" => format!("{p}{name}"),
        _ => name.to_string(),
    }
}

/// A managed policy's chip, with a button that detaches it.
fn attached(cx: &Ctx<'_>, kind: Kind, entity: &str, name: &String) -> Html {
    let detach = ModelEdit::Detach {
        kind,
        account: cx.account.to_string(),
        entity: entity.to_string(),
        policy: name.clone(),
    };
    html! {
        <span class="chip-pair">
            { doc_link(cx.state, name.clone(), name, true, cx.n) }
            <button type="button" class="chip-x" aria-label={format!("Detach {name} from {} {entity}", kind.word())}
                title="Detach" data-testid="detach" onclick={edit_click(cx.state, move || Some(detach.clone()))}>{"×"}</button>
        </span>
    }
}

/// The permissions boundary's chip, with a button that removes it.
fn boundary_chip(cx: &Ctx<'_>, kind: Kind, entity: &str, boundary: &Option<String>) -> Html {
    let Some(b) = boundary else {
        return html! {};
    };
    let clear = ModelEdit::SetBoundary {
        kind,
        account: cx.account.to_string(),
        entity: entity.to_string(),
        policy: None,
    };
    html! {
        <span class="chip-pair" data-testid="boundary" data-policy={b.clone()}>
            { doc_link(cx.state, format!("{b} (boundary)"), b, true, cx.n) }
            <button type="button" class="chip-x" aria-label={format!("Remove the permissions boundary of {} {entity}", kind.word())}
                title="Remove the boundary" data-testid="clear-boundary" onclick={edit_click(cx.state, move || Some(clear.clone()))}>{"×"}</button>
        </span>
    }
}

/// An entity's tags (`key=value`), each with a button that removes it.
fn tag_chips(cx: &Ctx<'_>, kind: Kind, entity: &str, tags: &[(String, String)]) -> Html {
    if tags.is_empty() {
        return html! {};
    }
    html! {
        <span class="tags" aria-label={format!("Tags of {} {entity}", kind.word())}>
            { for tags.iter().map(|(k, v)| {
                let remove = ModelEdit::RemoveTag { kind, account: cx.account.to_string(), entity: entity.to_string(), key: k.clone() };
                html! {
                    <span class="chip-pair tag" data-testid="tag" data-key={k.clone()} data-value={v.clone()}>
                        <code>{ format!("{k}={v}") }</code>
                        <button type="button" class="chip-x" aria-label={format!("Remove tag {k} of {} {entity}", kind.word())}
                            title="Remove the tag" data-testid="remove-tag" onclick={edit_click(cx.state, move || Some(remove.clone()))}>{"×"}</button>
                    </span>
                }
            }) }
        </span>
    }
}

/// A click that asks for what it needs (a name, a confirmation) and then changes the model.
fn edit_click(
    state: &PlaygroundContext,
    make: impl Fn() -> Option<ModelEdit> + 'static,
) -> Callback<MouseEvent> {
    let state = state.clone();
    Callback::from(move |_: MouseEvent| {
        if let Some(edit) = make() {
            state.dispatch(Action::EditModel(edit));
        }
    })
}

/// A select whose choice makes an edit (attach a policy, join a group); it goes back to its label.
fn choose(
    state: &PlaygroundContext,
    label: &str,
    aria: &str,
    testid: &str,
    options: &[String],
    make: impl Fn(String) -> ModelEdit + 'static,
) -> Html {
    let onchange = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select = e.target_unchecked_into::<web_sys::HtmlSelectElement>();
            let value = select.value();
            select.set_value("");
            if !value.is_empty() {
                state.dispatch(Action::EditModel(make(value)));
            }
        })
    };
    html! {
        <select class="model-choose" aria-label={aria.to_string()} data-testid={testid.to_string()} onchange={onchange}>
            <option value="" selected=true>{ label.to_string() }</option>
            { for options.iter().map(|o| html! { <option value={o.clone()}>{ o.clone() }</option> }) }
        </select>
    }
}

/// An entity's tools: attach a managed policy, add an inline policy (a resource: its policy),
/// rename, delete.
fn entity_tools(cx: &Ctx<'_>, kind: Kind, entity: &str, policies: &[String]) -> Html {
    let state = cx.state;
    let free: Vec<String> = cx
        .ws
        .policies
        .iter()
        .map(|p| p.name.clone())
        .filter(|p| !policies.contains(p))
        .collect();
    let (a, e) = (cx.account.to_string(), entity.to_string());
    let rename = {
        let (a, e) = (a.clone(), e.clone());
        edit_click(state, move || {
            crate::browser::prompt(&format!("New name of {} {e}:", kind.word()), &e)
                .filter(|to| *to != e)
                .map(|to| ModelEdit::Rename {
                    kind,
                    account: a.clone(),
                    from: e.clone(),
                    to,
                })
        })
    };
    let delete = {
        let (a, e) = (a.clone(), e.clone());
        edit_click(state, move || {
            crate::browser::confirm(&format!(
                "Delete {} {e}? (Undo is not offered for this.)",
                kind.word()
            ))
            .then(|| ModelEdit::Delete {
                kind,
                account: a.clone(),
                name: e.clone(),
            })
        })
    };
    let inline = {
        let (a, e) = (a.clone(), e.clone());
        edit_click(state, move || {
            Some(ModelEdit::AddInline {
                kind,
                account: a.clone(),
                entity: e.clone(),
            })
        })
    };
    html! {
        <span class="model-tools">
            if kind != Kind::Resource && !free.is_empty() {
                { choose(state, "attach…", &format!("Attach a managed policy to {} {entity}", kind.word()), "attach", &free, {
                    let (a, e) = (a.clone(), e.clone());
                    move |policy| ModelEdit::Attach { kind, account: a.clone(), entity: e.clone(), policy }
                }) }
            }
            <button type="button" class="btn-link" data-testid="add-inline" onclick={inline}
                aria-label={format!("Add an inline policy to {} {entity}", kind.word())}>
                { if kind == Kind::Resource { "+ policy" } else { "+ inline" } }
            </button>
            if kind != Kind::Resource {
                <button type="button" class="btn-link" data-testid="rename" onclick={rename}
                    aria-label={format!("Rename {} {entity}", kind.word())}>{"rename"}</button>
            }
            <button type="button" class="btn-link" data-testid="delete" onclick={delete}
                aria-label={format!("Delete {} {entity}", kind.word())}>{"delete"}</button>
        </span>
    }
}

/// The tools for a user's, role's or resource's settings: a tag; a user's or role's permissions
/// boundary and path.
fn settings_tools(cx: &Ctx<'_>, kind: Kind, entity: &str, path: &Option<String>) -> Html {
    let state = cx.state;
    let (a, e) = (cx.account.to_string(), entity.to_string());
    let tag = {
        let (a, e) = (a.clone(), e.clone());
        edit_click(state, move || {
            let text = crate::browser::prompt(
                &format!("Tag {} {e} (key=value):", kind.word()),
                "team=photos",
            )?;
            let (key, value) = text.split_once('=').unwrap_or((text.as_str(), ""));
            Some(ModelEdit::SetTag {
                kind,
                account: a.clone(),
                entity: e.clone(),
                key: key.to_string(),
                value: value.trim().to_string(),
            })
        })
    };
    let set_path = {
        let (a, e) = (a.clone(), e.clone());
        let current = path.clone().unwrap_or_else(|| "/".to_string());
        edit_click(state, move || {
            crate::browser::prompt(
                &format!(
                    "IAM path of {} {e} (`/` or `/division/team/`):",
                    kind.word()
                ),
                &current,
            )
            .map(|path| ModelEdit::SetPath {
                kind,
                account: a.clone(),
                entity: e.clone(),
                path,
            })
        })
    };
    let managed: Vec<String> = cx.ws.policies.iter().map(|p| p.name.clone()).collect();
    html! {
        <span class="model-tools">
            <button type="button" class="btn-link" data-testid="add-tag" onclick={tag}
                aria-label={format!("Add a tag to {} {entity}", kind.word())}>{"+ tag"}</button>
            if kind == Kind::User || kind == Kind::Role {
                <button type="button" class="btn-link" data-testid="set-path" onclick={set_path}
                    aria-label={format!("Set the path of {} {entity}", kind.word())}>{"path"}</button>
                if !managed.is_empty() {
                    { choose(state, "boundary…", &format!("Set the permissions boundary of {} {entity}", kind.word()), "set-boundary", &managed, {
                        move |policy| ModelEdit::SetBoundary { kind, account: a.clone(), entity: e.clone(), policy: Some(policy) }
                    }) }
                }
            }
        </span>
    }
}

/// S3 Block Public Access: the four settings of an account (`bucket` is `None`) or of a bucket, as
/// checkboxes named as AWS names them.
fn public_access_block(
    state: &PlaygroundContext,
    account: &str,
    bucket: Option<&str>,
    current: Option<PublicAccessBlock>,
) -> Html {
    let settings = current.unwrap_or_default();
    let flags: [(&str, bool); 4] = [
        ("BlockPublicAcls", settings.block_public_acls),
        ("IgnorePublicAcls", settings.ignore_public_acls),
        ("BlockPublicPolicy", settings.block_public_policy),
        ("RestrictPublicBuckets", settings.restrict_public_buckets),
    ];
    let on = flags.iter().filter(|(_, v)| *v).count();
    let summary = match (current, on) {
        (None, _) => "not set (all off)".to_string(),
        (Some(_), 0) => "all off".to_string(),
        (Some(_), 4) => "all on".to_string(),
        (Some(_), n) => format!("{n} of 4 on"),
    };
    let whose = match bucket {
        Some(b) => format!("bucket {b}"),
        None => format!("account {account}"),
    };
    let boxes = flags.iter().enumerate().map(|(i, (name, value))| {
        let onchange = {
            let state = state.clone();
            let (account, bucket) = (account.to_string(), bucket.map(str::to_string));
            Callback::from(move |e: Event| {
                let checked = e
                    .target_unchecked_into::<web_sys::HtmlInputElement>()
                    .checked();
                let mut next = settings;
                match i {
                    0 => next.block_public_acls = checked,
                    1 => next.ignore_public_acls = checked,
                    2 => next.block_public_policy = checked,
                    _ => next.restrict_public_buckets = checked,
                }
                state.dispatch(Action::EditModel(ModelEdit::SetPublicAccessBlock {
                    account: account.clone(),
                    bucket: bucket.clone(),
                    settings: Some(next),
                }));
            })
        };
        html! {
            <label class="check">
                <input type="checkbox" checked={*value} onchange={onchange} data-testid="bpa-setting" data-setting={*name} />
                { *name }
            </label>
        }
    });
    html! {
        <details class="bpa" data-testid="bpa" data-on={on.to_string()}>
            <summary aria-label={format!("S3 Block Public Access: {summary} (for {whose})")}>
                {"S3 Block Public Access: "}{ summary }
            </summary>
            <div class="bpa-settings">{ for boxes }</div>
            <p class="muted">{"RestrictPublicBuckets denies anonymous and other-account callers when the bucket policy is public; BlockPublicPolicy only refuses putting a public policy, and the ACL settings have no ACLs to act on here."}</p>
        </details>
    }
}

/// The organization: the root, nested OUs and member accounts, with the SCPs and RCPs at each
/// node, the tools that change them, and the workspace's accounts outside the organization.
fn org_tree(state: &PlaygroundContext, ws: &Workspace, org: &OrganizationTree) -> Html {
    let root = crate::model_edit::root_of(org);
    // Where an account can go: the root and every OU.
    let mut places = vec![root.clone()];
    places.extend(org.ous.iter().map(|(id, _, _)| id.clone()));
    let outside: Vec<&Account> = ws
        .accounts
        .iter()
        .filter(|a| !org.accounts.iter().any(|(id, _)| *id == a.id))
        .collect();
    let management = org
        .management_account
        .as_ref()
        .map(|a| format!(" — management account {a}"))
        .unwrap_or_default();
    let tree = OrgView {
        state,
        ws,
        org,
        places: &places,
        n: ws.policies.len(),
    };
    html! {
        <div class="org-tree" data-testid="org-tree">
            <h3>{ format!("Organization{management}") }</h3>
            <ul class="model-list">{ tree.node(&root, format!("root {root}"), 0) }</ul>
            if !outside.is_empty() {
                <p class="muted">{"Outside the organization:"}</p>
                <ul class="model-list">
                    { for outside.iter().map(|a| html! {
                        <li data-testid="org-outside" data-node={a.id.clone()}>
                            <span class="entity">{ format!("account {}", a.id) }</span>
                            { choose(state, "move into…", &format!("Move account {} into the organization", a.id), "move-account", &places, {
                                let account = a.id.clone();
                                move |parent| ModelEdit::MoveAccount { account: account.clone(), parent: Some(parent) }
                            }) }
                        </li>
                    }) }
                </ul>
            }
        </div>
    }
}

struct OrgView<'a> {
    state: &'a PlaygroundContext,
    ws: &'a Workspace,
    org: &'a OrganizationTree,
    places: &'a [String],
    n: usize,
}

impl OrgView<'_> {
    fn node(&self, id: &str, label: String, depth: usize) -> Html {
        let (state, org) = (self.state, self.org);
        let chips = |attached: &Vec<(String, Vec<String>)>, scp: bool| -> Vec<Html> {
            let kind = if scp { "SCP" } else { "RCP" };
            attached
                .iter()
                .filter(|(node, _)| node == id)
                .flat_map(|(_, names)| names.iter())
                .map(|p| {
                    let detach = ModelEdit::DetachOrg { scp, node: id.to_string(), policy: p.clone() };
                    html! {
                        <span class="chip-pair">
                            { doc_link(state, format!("{p} ({kind})"), p, true, self.n) }
                            <button type="button" class="chip-x" aria-label={format!("Detach {kind} {p} from {id}")}
                                title="Detach" data-testid="detach-org" onclick={edit_click(state, move || Some(detach.clone()))}>{"×"}</button>
                        </span>
                    }
                })
                .collect()
        };
        let account = crate::model_edit::is_account_node(id);
        let is_ou = org.ous.iter().any(|(ou, _, _)| ou == id);
        // Depth is bounded: the reader refuses cycles, and a tree deeper than 16 is not shown further.
        let children: Vec<Html> = if depth > 16 || account {
            Vec::new()
        } else {
            let ous = org
                .ous
                .iter()
                .filter(|(_, parent, _)| parent == id)
                .map(|(ou, _, name)| {
                    let label = match name {
                        Some(name) => format!("OU {name} ({ou})"),
                        None => format!("OU {ou}"),
                    };
                    self.node(ou, label, depth + 1)
                });
            let accounts = org
                .accounts
                .iter()
                .filter(|(_, parent)| parent == id)
                .map(|(a, _)| self.node(a, format!("account {a}"), depth + 1));
            ous.chain(accounts).collect()
        };
        let managed: Vec<String> = self.ws.policies.iter().map(|p| p.name.clone()).collect();
        let attach = |scp: bool| {
            let kind = if scp { "SCP" } else { "RCP" };
            let node = id.to_string();
            choose(
                state,
                &format!("attach {kind}…"),
                &format!("Attach an {kind} to {id}"),
                if scp { "attach-scp" } else { "attach-rcp" },
                &managed,
                move |policy| ModelEdit::AttachOrg {
                    scp,
                    node: node.clone(),
                    policy,
                },
            )
        };
        let add_ou = {
            let parent = id.to_string();
            edit_click(state, move || {
                crate::browser::prompt("Name of the new OU:", "Sandbox").map(|name| {
                    ModelEdit::AddOu {
                        parent: parent.clone(),
                        name,
                    }
                })
            })
        };
        let delete_ou = {
            let ou = id.to_string();
            edit_click(state, move || {
                crate::browser::confirm(&format!(
                    "Delete {ou}? Its OUs and accounts move up to its parent; its SCPs and RCPs go."
                ))
                .then(|| ModelEdit::DeleteOu { id: ou.clone() })
            })
        };
        let moves: Vec<String> = self
            .places
            .iter()
            .filter(|p| {
                !org.accounts
                    .iter()
                    .any(|(a, parent)| a == id && parent == *p)
            })
            .cloned()
            .chain(std::iter::once("(leave the organization)".to_string()))
            .collect();
        html! {
            <li data-testid="org-node" data-node={id.to_string()}>
                <span class="entity">{ label }</span>
                <span class="doc-links">{ for chips(&org.scps, true) }{ for chips(&org.rcps, false) }</span>
                <span class="model-tools">
                    if !managed.is_empty() { { attach(true) }{ attach(false) } }
                    if account {
                        { choose(state, "move to…", &format!("Move account {id} to another node"), "move-account", &moves, {
                            let account = id.to_string();
                            move |parent| ModelEdit::MoveAccount {
                                account: account.clone(),
                                parent: (!parent.starts_with('(')).then_some(parent),
                            }
                        }) }
                    } else {
                        <button type="button" class="btn-link" data-testid="add-ou" onclick={add_ou}
                            aria-label={format!("Add an OU under {id}")}>{"+ OU"}</button>
                    }
                    if is_ou {
                        <button type="button" class="btn-link" data-testid="delete-ou" onclick={delete_ou}
                            aria-label={format!("Delete OU {id}")}>{"delete"}</button>
                    }
                </span>
                if !children.is_empty() { <ul class="model-list">{ for children }</ul> }
            </li>
        }
    }
}
