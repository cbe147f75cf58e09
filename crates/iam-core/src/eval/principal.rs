//! Matching the request's principal against Principal / NotPrincipal entries.
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html>,
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html>

use crate::policy::{PrincipalEntry, PrincipalEntryKind};
use crate::request::{is_account_id, Principal};
use crate::trace::{NoteId, PrincipalMatch};

/// How `entry` matches `principal`, if it does.
pub(crate) fn match_entry(
    entry: &PrincipalEntry,
    principal: &Principal,
    notes: &mut Vec<NoteId>,
) -> Option<PrincipalMatch> {
    match entry.kind {
        PrincipalEntryKind::Everyone => Some(PrincipalMatch::Everyone),
        PrincipalEntryKind::Service => match principal {
            Principal::Service { name } if name.eq_ignore_ascii_case(&entry.value) => {
                Some(PrincipalMatch::Service)
            }
            _ => None,
        },
        PrincipalEntryKind::Federated | PrincipalEntryKind::CanonicalUser => None,
        PrincipalEntryKind::Aws => match_aws(&entry.value, principal, notes),
    }
}

fn match_aws(
    value: &str,
    principal: &Principal,
    notes: &mut Vec<NoteId>,
) -> Option<PrincipalMatch> {
    if value == "*" {
        return Some(PrincipalMatch::Everyone);
    }
    let account = principal.account()?;
    if is_account_id(value) {
        return (value == account).then_some(PrincipalMatch::Account);
    }
    let named = Principal::parse(value).ok()?;
    if named.partition() != principal.partition() {
        return None;
    }
    match (&named, principal) {
        (Principal::Root { account: a, .. }, _) => {
            (a == account).then_some(PrincipalMatch::Account)
        }
        (
            Principal::User { arn, .. },
            Principal::User {
                arn: request_arn, ..
            },
        ) => (arn == request_arn).then_some(PrincipalMatch::User),
        (
            Principal::Role {
                account: a,
                name,
                path,
                ..
            },
            Principal::Role {
                account: ra,
                name: rn,
                path: rp,
                ..
            },
        ) => (a == ra && name == rn && path == rp).then_some(PrincipalMatch::Role),
        (
            Principal::Role {
                account: a,
                name,
                path,
                ..
            },
            Principal::AssumedRole {
                account: ra,
                role_name,
                ..
            },
        ) => {
            let hit = a == ra && name == role_name;
            if hit && path != "/" {
                notes.push(NoteId::A13);
            }
            hit.then_some(PrincipalMatch::Role)
        }
        (
            Principal::AssumedRole { arn, .. },
            Principal::AssumedRole {
                arn: request_arn, ..
            },
        ) => (arn == request_arn).then_some(PrincipalMatch::RoleSession),
        (
            Principal::FederatedUser { arn, .. },
            Principal::FederatedUser {
                arn: request_arn, ..
            },
        ) => (arn == request_arn).then_some(PrincipalMatch::FederatedUser),
        _ => None,
    }
}

/// The requester's identities that a `NotPrincipal` must list to exempt it (docs/decisions.md A18).
pub(crate) fn identities(principal: &Principal) -> Vec<String> {
    let mut out = Vec::new();
    match principal {
        Principal::User { arn, .. } | Principal::FederatedUser { arn, .. } => out.push(arn.clone()),
        Principal::AssumedRole { arn, .. } => {
            out.push(arn.clone());
            out.extend(principal.role_arn());
        }
        Principal::Role { arn, .. } => out.push(arn.clone()),
        Principal::Service { name } => out.push(name.clone()),
        Principal::Root { .. } | Principal::Anonymous => {}
    }
    if let Some(account) = principal.account() {
        out.push(format!("arn:{}:iam::{account}:root", principal.partition()));
    }
    out
}

/// Whether `entries` list the identity `identity` of `principal`.
pub(crate) fn lists_identity(
    entries: &[PrincipalEntry],
    identity: &str,
    principal: &Principal,
) -> bool {
    entries.iter().any(|entry| {
        if entry.kind == PrincipalEntryKind::Everyone
            || (entry.kind == PrincipalEntryKind::Aws && entry.value == "*")
        {
            return true;
        }
        if let Principal::Service { name } = principal {
            return entry.kind == PrincipalEntryKind::Service
                && entry.value.eq_ignore_ascii_case(name);
        }
        if entry.kind != PrincipalEntryKind::Aws {
            return false;
        }
        if identity.ends_with(":root") {
            let account = identity.split(':').nth(4).unwrap_or("");
            return entry.value == account || entry.value == identity;
        }
        if entry.value == identity {
            return true;
        }
        // A role ARN entry lists the role whatever its path (A13).
        match (Principal::parse(&entry.value), Principal::parse(identity)) {
            (
                Ok(Principal::Role {
                    account: a, name, ..
                }),
                Ok(Principal::Role {
                    account: b,
                    name: n,
                    ..
                }),
            ) => a == b && name == n,
            _ => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use iam_json::Span;

    fn aws(value: &str) -> PrincipalEntry {
        PrincipalEntry {
            kind: PrincipalEntryKind::Aws,
            value: value.into(),
            span: Span::default(),
        }
    }

    #[test]
    fn forms() {
        let mut notes = Vec::new();
        let session = Principal::parse("arn:aws:sts::111122223333:assumed-role/Admin/s").unwrap();
        assert_eq!(
            match_entry(&aws("111122223333"), &session, &mut notes),
            Some(PrincipalMatch::Account)
        );
        assert_eq!(
            match_entry(&aws("arn:aws:iam::111122223333:root"), &session, &mut notes),
            Some(PrincipalMatch::Account)
        );
        assert_eq!(
            match_entry(
                &aws("arn:aws:iam::111122223333:role/Admin"),
                &session,
                &mut notes
            ),
            Some(PrincipalMatch::Role)
        );
        assert_eq!(
            match_entry(
                &aws("arn:aws:sts::111122223333:assumed-role/Admin/s"),
                &session,
                &mut notes
            ),
            Some(PrincipalMatch::RoleSession)
        );
        assert_eq!(
            match_entry(
                &aws("arn:aws:sts::111122223333:assumed-role/Admin/t"),
                &session,
                &mut notes
            ),
            None
        );
        assert_eq!(
            match_entry(&aws("444455556666"), &session, &mut notes),
            None
        );
        assert_eq!(
            match_entry(&aws("*"), &Principal::Anonymous, &mut notes),
            Some(PrincipalMatch::Everyone)
        );
        assert_eq!(
            match_entry(&aws("111122223333"), &Principal::Anonymous, &mut notes),
            None
        );
    }

    #[test]
    fn identities_of_a_session() {
        let session = Principal::parse("arn:aws:sts::111122223333:assumed-role/Admin/s").unwrap();
        assert_eq!(
            identities(&session),
            vec![
                "arn:aws:sts::111122223333:assumed-role/Admin/s".to_string(),
                "arn:aws:iam::111122223333:role/Admin".to_string(),
                "arn:aws:iam::111122223333:root".to_string()
            ]
        );
        assert!(lists_identity(
            &[aws("111122223333")],
            "arn:aws:iam::111122223333:root",
            &session
        ));
    }
}
