//! `OrganizationForm`: the optional organization — the management account and each member account's
//! path (root, then OUs). Without it, SCPs and RCPs attach along the targets they name.

use yew::prelude::*;

use crate::components::icons::{svg_icon, IconKind};

use crate::hooks::PlaygroundContext;
use crate::state::Action;

pub fn organization_form(state: &PlaygroundContext) -> Html {
    let org = state.work.organization.clone();
    let toggle = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let on = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            state.dispatch(Action::SetOrganizationEnabled(on))
        })
    };
    let set_management = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            state.dispatch(Action::SetManagementAccount(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            ))
        })
    };
    let add = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::AddOrgAccount))
    };
    let rows = org.accounts.iter().map(|a| {
        let id = a.id;
        let set_account = {
            let state = state.clone();
            Callback::from(move |e: InputEvent| {
                state.dispatch(Action::SetOrgAccount { row: id, account: e.target_unchecked_into::<web_sys::HtmlInputElement>().value() })
            })
        };
        let set_path = {
            let state = state.clone();
            Callback::from(move |e: InputEvent| {
                state.dispatch(Action::SetOrgPath { row: id, path: e.target_unchecked_into::<web_sys::HtmlInputElement>().value() })
            })
        };
        let remove = {
            let state = state.clone();
            Callback::from(move |_: MouseEvent| state.dispatch(Action::RemoveOrgAccount(id)))
        };
        let name = if a.account.is_empty() { "new account".to_string() } else { a.account.clone() };
        html! {
            <li class="org-row" key={id.to_string()} data-testid="org-account">
                <input type="text" class="org-account" inputmode="numeric" value={a.account.clone()} oninput={set_account}
                    placeholder="111122223333" spellcheck="false" aria-label="Member account id" />
                <span class="org-arrow" aria-hidden="true">{"→"}</span>
                <input type="text" class="org-path" value={a.path.clone()} oninput={set_path}
                    placeholder="r-root / ou-abcd-11111111" spellcheck="false" aria-label={format!("Path of {name} (root, then OUs)")} />
                <button type="button" class="btn-icon" aria-label={format!("Remove account {name}")} onclick={remove}>{ svg_icon(IconKind::Close) }</button>
            </li>
        }
    });
    html! {
        <details class="org" open={org.enabled} data-testid="organization">
            <summary>
                {"Organization "}
                <span class="muted">{ if org.enabled { "(SCPs and RCPs follow these paths)" } else { "(optional)" } }</span>
            </summary>
            <label class="check">
                <input type="checkbox" checked={org.enabled} onchange={toggle} aria-label="Describe the organization" data-testid="org-enabled" />
                {" Describe the organization"}
            </label>
            if org.enabled {
                <label class="field">
                    <span class="field-label">{"Management account "}<span class="optional">{"(SCPs never apply to it)"}</span></span>
                    <input type="text" inputmode="numeric" value={org.management_account.clone()} oninput={set_management}
                        placeholder="999988887777" spellcheck="false" aria-label="Management account" data-testid="management-account" />
                </label>
                <p class="field-label">{"Member accounts and their paths"}</p>
                <ul class="org-list">{ for rows }</ul>
                <button type="button" class="btn btn-small" onclick={add}>{ svg_icon(IconKind::Plus) }{"Add member account"}</button>
            } else {
                <p class="empty">{"Without an organization, each SCP or RCP is attached along the path of the targets it names, ending at the account."}</p>
            }
        </details>
    }
}
