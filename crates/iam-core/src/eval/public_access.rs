//! S3 Block Public Access (account and bucket settings): whether a bucket policy is public, and the
//! stage that applies `RestrictPublicBuckets` to the request (docs/decisions.md A33, A34).
//! <https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html>
//!
//! "The meaning of public" on that page: S3 starts by assuming a bucket policy is public, and it is
//! not public only if every Allow grants to fixed values — fixed principals, or a condition that
//! limits one of the keys AWS lists to fixed values (no wildcard, no policy variable;
//! `aws:SourceIp` ranges no broader than /8 for IPv4 and /32 for IPv6). When the policy is public
//! and `RestrictPublicBuckets` is on, only AWS service principals and principals of the bucket
//! owner's account keep access; S3 rejects cross-account and anonymous calls ("Troubleshoot access
//! denied (403 Forbidden) errors in Amazon S3": the settings "act as explicit deny policies").

use iam_json::Span;

use super::facts::RequestFacts;
use super::{Notes, PolicyUnit, Stages};
use crate::matching::ip::{parse_net, IpNet};
use crate::policy::{
    ConditionEntry, ConditionOperator, Effect, OperatorFamily, PolicyType, PrincipalEntryKind,
    Qualifier, Statement,
};
use crate::request::{Principal, Request};
use crate::scenario::{BlockPublicAccess, PublicAccessBlock};
use crate::trace::*;

pub(crate) const DOC_BLOCK_PUBLIC_ACCESS: &str =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html";

/// `arn:PARTITION:s3:::BUCKET[/KEY]` → the bucket's ARN and whether the ARN names an object.
pub(crate) fn s3_bucket(arn: &str) -> Option<(&str, bool)> {
    let rest = arn.strip_prefix("arn:")?;
    let (partition, rest) = rest.split_once(':')?;
    let path = rest.strip_prefix("s3:::")?;
    let bucket_len = path.find('/').unwrap_or(path.len());
    if partition.is_empty() || bucket_len == 0 {
        return None;
    }
    let end = arn.len() - path.len() + bucket_len;
    Some((arn.get(..end)?, bucket_len < path.len()))
}

fn has_wildcard(text: &str) -> bool {
    text.contains(['*', '?'])
}

/// Why a statement's Principal element is open, and where; `None` when it names fixed principals.
fn open_principal(st: &Statement) -> Option<(OpenPrincipal, Span)> {
    let p = st.principal.as_ref()?;
    if p.negated {
        return Some((OpenPrincipal::NotPrincipal, p.key_span));
    }
    p.entries.iter().find_map(|e| {
        let open = match e.kind {
            PrincipalEntryKind::Everyone => OpenPrincipal::Everyone,
            PrincipalEntryKind::Aws if e.value == "*" => OpenPrincipal::Everyone,
            // AWS's first example of a public policy: anyone the provider signs in.
            PrincipalEntryKind::Federated => OpenPrincipal::Federated,
            _ if has_wildcard(&e.value) => OpenPrincipal::Wildcard,
            _ => return None,
        };
        Some((open, e.span))
    })
}

/// How a key of AWS's list must be valued to be fixed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Listed {
    /// Values without a wildcard or a variable.
    Plain,
    /// CIDR ranges, none too broad.
    SourceIp,
    /// As `Plain`, or a unique id followed by `:*` (the pattern `AROLEID:*`, every session of one role).
    UserId,
    /// As `Plain`, or an access point ARN whose account is fixed and whose name has the wildcard.
    AccessPointArn,
}

/// Keys that fix who or what a grant reaches (lowercase): the principal keys (AWS's page: "An AWS
/// principal, user, role, or service principal (e.g. `aws:PrincipalOrgID`)") and the keys it lists.
const PLAIN_KEYS: [&str; 12] = [
    "aws:principalorgid",
    "aws:principalarn",
    "aws:principalaccount",
    "aws:principalorgpaths",
    "aws:principalservicename",
    "aws:sourcearn",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:sourceowner",
    "aws:sourceaccount",
    "s3:x-amz-server-side-encryption-aws-kms-key-id",
    "s3:dataaccesspointaccount",
];

/// The principal keys iamplay adds to the page's one example, `aws:PrincipalOrgID` (A34).
const ADDED_KEYS: [&str; 4] = [
    "aws:principalarn",
    "aws:principalaccount",
    "aws:principalorgpaths",
    "aws:principalservicename",
];

fn listed(key: &str) -> Option<Listed> {
    let key = key.to_ascii_lowercase();
    match key.as_str() {
        "aws:sourceip" => Some(Listed::SourceIp),
        "aws:userid" => Some(Listed::UserId),
        "s3:dataaccesspointarn" => Some(Listed::AccessPointArn),
        k if PLAIN_KEYS.contains(&k) => Some(Listed::Plain),
        _ => None,
    }
}

/// Broader than /8 (IPv4) or /32 (IPv6) is public. AWS excepts RFC 1918 private ranges, but no
/// IPv4 range broader than /8 lies inside one, so the exception never applies here.
fn too_broad(net: IpNet) -> bool {
    match net {
        IpNet::V4 { prefix, .. } => prefix < 8,
        IpNet::V6 { prefix, .. } => prefix < 32,
    }
}

/// `aws:userid` is fixed without a wildcard, or as `UNIQUEID:*` (docs/decisions.md A34).
fn fixed_user_id(value: &str) -> bool {
    let id = value.strip_suffix(":*").unwrap_or(value);
    !id.is_empty() && !has_wildcard(id)
}

/// `s3:DataAccessPointArn` may have a wildcard in the access point's name when the rest of the
/// ARN, the account id included, is fixed (`arn:aws:s3:us-west-2:123456789012:accesspoint/*`).
fn fixed_access_point(value: &str) -> bool {
    if !has_wildcard(value) {
        return true;
    }
    let Some((before, _name)) = value.split_once(":accesspoint/") else {
        return false;
    };
    !has_wildcard(before)
        && before
            .rsplit(':')
            .next()
            .is_some_and(crate::request::is_account_id)
}

/// Why a condition on a listed key does not limit it to fixed values; `None` when it does.
fn unfixed(op: &ConditionOperator, entry: &ConditionEntry, kind: Listed) -> Option<Unfixed> {
    let Some(spec) = op.spec else {
        return Some(Unfixed::NoComparison);
    };
    if spec.base.negated() {
        return Some(Unfixed::Negated);
    }
    if spec.if_exists {
        return Some(Unfixed::IfExists);
    }
    if spec.qualifier == Some(Qualifier::ForAllValues) {
        return Some(Unfixed::ForAllValues);
    }
    let family = spec.base.family();
    let compares = match kind {
        Listed::SourceIp => family == OperatorFamily::Ip,
        _ => matches!(family, OperatorFamily::String | OperatorFamily::Arn),
    };
    if !compares {
        return Some(Unfixed::NoComparison);
    }
    entry.values.iter().find_map(|v| {
        if v.template.has_variables() {
            return Some(Unfixed::Variable);
        }
        match kind {
            Listed::SourceIp => match parse_net(&v.text) {
                Err(_) => Some(Unfixed::NotAnIpRange),
                Ok(net) => too_broad(net).then_some(Unfixed::TooBroad),
            },
            Listed::UserId => (!fixed_user_id(&v.text)).then_some(Unfixed::Wildcard),
            Listed::AccessPointArn => (!fixed_access_point(&v.text)).then_some(Unfixed::Wildcard),
            Listed::Plain => has_wildcard(&v.text).then_some(Unfixed::Wildcard),
        }
    })
}

/// An Allow statement that makes its policy public.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Open {
    pub(crate) principal: OpenPrincipal,
    pub(crate) principal_span: Span,
    /// The listed keys its conditions use, none fixed.
    pub(crate) keys: Vec<UnfixedKey>,
    /// The keys its conditions use that are not on AWS's list.
    pub(crate) unlisted_keys: Vec<String>,
}

/// How a statement counts for "public": `Some` when it makes the bucket policy public — an Allow that
/// can be evaluated, whose principal is open and whose conditions fix none of the listed keys (Deny
/// statements grant nothing; a statement that cannot be evaluated is left out, A24) — and whether one
/// of iamplay's readings of the page (docs/decisions.md A34) decided it: a key iamplay adds to the
/// list or `UNIQUEID:*` fixed it, or an operator (negated, `IfExists`, `ForAllValues:`, one that does
/// not compare values) or a `*` the operator reads literally left a key unfixed.
pub(crate) fn classify(st: &Statement) -> (Option<Open>, bool) {
    if st.problem.is_some() || st.effect.as_ref().map(|e| e.value) != Some(Effect::Allow) {
        return (None, false);
    }
    let Some((principal, principal_span)) = open_principal(st) else {
        return (None, false);
    };
    let mut keys = Vec::new();
    let mut unlisted_keys: Vec<String> = Vec::new();
    // Fixed by a key as the page lists it; fixed only through a reading; left open by a reading.
    let (mut fixed, mut fixed_by_reading, mut open_by_reading) = (false, false, false);
    for op in st.condition.iter().flat_map(|c| c.operators.iter()) {
        for entry in &op.entries {
            let Some(kind) = listed(&entry.key) else {
                if !unlisted_keys.contains(&entry.key) {
                    unlisted_keys.push(entry.key.clone());
                }
                continue;
            };
            match unfixed(op, entry, kind) {
                // One fixed key is enough: the grant reaches fixed values only.
                None => {
                    let reading = ADDED_KEYS.contains(&entry.key.to_ascii_lowercase().as_str())
                        || (kind == Listed::UserId
                            && entry.values.iter().any(|v| v.text.ends_with(":*")));
                    fixed |= !reading;
                    fixed_by_reading |= reading;
                }
                Some(why) => {
                    open_by_reading |= match why {
                        Unfixed::Negated
                        | Unfixed::IfExists
                        | Unfixed::ForAllValues
                        | Unfixed::NoComparison => true,
                        Unfixed::Wildcard => {
                            op.spec.is_some_and(|spec| !spec.base.uses_wildcards())
                        }
                        _ => false,
                    };
                    keys.push(UnfixedKey {
                        operator: op.name.clone(),
                        key: entry.key.clone(),
                        key_span: entry.key_span,
                        why,
                    });
                }
            }
        }
    }
    if fixed || fixed_by_reading {
        return (None, !fixed && fixed_by_reading);
    }
    let open = Open {
        principal,
        principal_span,
        keys,
        unlisted_keys,
    };
    (Some(open), open_by_reading)
}

/// What the stage decides from.
pub(super) struct Facts<'a, 'u> {
    pub(super) settings: &'a BlockPublicAccess,
    pub(super) request: &'a Request,
    pub(super) units: &'a [PolicyUnit<'u>],
    pub(super) caller: PublicAccessCaller,
}

fn statement_ref(index: usize, unit: &PolicyUnit<'_>, st: &Statement) -> StatementRef {
    StatementRef {
        policy: index,
        policy_name: unit.name.to_string(),
        statement: st.index,
        sid: st.sid.as_ref().map(|s| s.value.clone()),
        span: st.span,
        attachment: if unit.shared_name {
            unit.target.map(str::to_string)
        } else {
            None
        },
    }
}

/// The Block Public Access stage for this request: its notes count only when the stage is reached.
pub(super) fn push_stage(
    stages: &mut Stages,
    settings: &BlockPublicAccess,
    facts: &RequestFacts<'_>,
    units: &[PolicyUnit<'_>],
    notes: &mut Notes,
) {
    let caller = match facts.request.principal {
        Principal::Anonymous => PublicAccessCaller::Anonymous,
        Principal::Service { .. } => PublicAccessCaller::Service,
        _ if facts.cross_account => PublicAccessCaller::OtherAccount,
        _ => PublicAccessCaller::OwnerAccount,
    };
    let mut stage_notes = Vec::new();
    let stage = stage(
        Facts {
            settings,
            request: facts.request,
            units,
            caller,
        },
        &mut stage_notes,
    );
    if !stages.decided() {
        notes.extend(stage_notes);
    }
    stages.push(stage);
}

/// The S3 Block Public Access stage (docs/decisions.md A33): not applicable outside S3 buckets and
/// objects; passes when the bucket policy is not public or `RestrictPublicBuckets` is off; when both
/// hold, denies explicitly a caller from another account or an anonymous one.
fn stage(f: Facts<'_, '_>, notes: &mut Notes) -> Stage {
    let level = |on: fn(&PublicAccessBlock) -> bool| {
        SettingLevel::of(
            f.settings.account.as_ref().is_some_and(on),
            f.settings.bucket.as_ref().is_some_and(on),
        )
    };
    let restrict = level(|s| s.restrict_public_buckets);
    let block_policy = level(|s| s.block_public_policy);
    let on_s3 = f
        .request
        .action
        .get(..3)
        .is_some_and(|p| p.eq_ignore_ascii_case("s3:"))
        && s3_bucket(&f.request.resource).is_some();
    let mut out = Stage {
        kind: StageKind::BlockPublicAccess,
        outcome: StageOutcome::NotApplicable,
        reason: StageReason::NotAnS3Bucket,
        statements: Vec::new(),
        doc: DOC_BLOCK_PUBLIC_ACCESS,
    };
    if !on_s3 {
        return out;
    }
    let mut has_policy = false;
    let mut public = Vec::new();
    for (index, unit) in f.units.iter().enumerate() {
        if unit.policy_type != PolicyType::Resource || !unit.policy.parsed {
            continue;
        }
        has_policy = true;
        for st in &unit.policy.statements {
            let (open, reading) = classify(st);
            if reading && !notes.iter().any(|(id, _)| *id == NoteId::A34) {
                notes.push((NoteId::A34, Some(statement_ref(index, unit, st))));
            }
            if let Some(open) = open {
                public.push(PublicGrant {
                    statement: statement_ref(index, unit, st),
                    principal: open.principal,
                    principal_span: open.principal_span,
                    keys: open.keys,
                    unlisted_keys: open.unlisted_keys,
                });
            }
        }
    }
    out.statements = public.iter().map(|g| g.statement.clone()).collect();
    out.outcome = StageOutcome::Pass;
    out.reason = match (public.is_empty(), restrict) {
        (true, restrict_public_buckets) => StageReason::BucketPolicyNotPublic {
            has_policy,
            restrict_public_buckets,
        },
        (false, None) => StageReason::PublicPolicyNotRestricted {
            block_public_policy: block_policy,
            public,
        },
        (false, Some(restrict_public_buckets)) => {
            notes.push((NoteId::A33, None));
            if f.caller.blocked() {
                out.outcome = StageOutcome::ExplicitDeny;
            }
            StageReason::PublicPolicyRestricted {
                restrict_public_buckets,
                caller: f.caller,
                public,
            }
        }
    };
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::lower::lower;

    /// Whether the one statement of `statement` (JSON) makes a bucket policy public, and why.
    fn classify(statement: &str) -> Option<Open> {
        let text = format!(r#"{{"Version": "2012-10-17", "Statement": [{statement}]}}"#);
        let (policy, _) = lower(&text, PolicyType::Resource);
        let st = policy.statements.first().expect("one statement");
        super::classify(st).0
    }

    fn public(statement: &str) -> bool {
        classify(statement).is_some()
    }

    const GET: &str = r#""Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*""#;

    fn allow(principal: &str, condition: &str) -> String {
        let condition = if condition.is_empty() {
            String::new()
        } else {
            format!(r#", "Condition": {condition}"#)
        };
        format!(r#"{{"Effect": "Allow", "Principal": {principal}, {GET}{condition}}}"#)
    }

    #[test]
    fn everyone_without_a_condition_is_public() {
        let open = classify(&allow(r#""*""#, "")).unwrap();
        assert_eq!(open.principal, OpenPrincipal::Everyone);
        assert!(open.keys.is_empty());
        assert_eq!(
            classify(&allow(r#"{"AWS": "*"}"#, "")).unwrap().principal,
            OpenPrincipal::Everyone
        );
    }

    /// The page's examples: a Federated provider, `*`, and `aws:SourceVpc` with a wildcard are
    /// public; the same with a fixed `aws:SourceVpc` is not.
    #[test]
    fn the_pages_examples() {
        assert_eq!(
            classify(&allow(r#"{"Federated": "graph.facebook.com"}"#, ""))
                .unwrap()
                .principal,
            OpenPrincipal::Federated
        );
        let open = classify(&allow(
            r#""*""#,
            r#"{"StringLike": {"aws:SourceVpc": "vpc-*"}}"#,
        ))
        .unwrap();
        assert_eq!(open.keys.len(), 1);
        assert_eq!(open.keys[0].why, Unfixed::Wildcard);
        assert!(!public(&allow(
            r#""*""#,
            r#"{"StringEquals": {"aws:SourceVpc": "vpc-91237329"}}"#
        )));
    }

    #[test]
    fn fixed_principals_are_not_public() {
        for principal in [
            r#"{"AWS": "arn:aws:iam::111122223333:root"}"#,
            r#"{"AWS": ["111122223333", "arn:aws:iam::444455556666:role/Reader"]}"#,
            r#"{"Service": "cloudtrail.amazonaws.com"}"#,
            r#"{"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}"#,
        ] {
            assert!(!public(&allow(principal, "")), "{principal}");
        }
        // One open entry opens the statement.
        assert!(public(&allow(
            r#"{"AWS": ["arn:aws:iam::111122223333:root", "*"]}"#,
            ""
        )));
        assert_eq!(
            classify(&allow(r#"{"AWS": "arn:aws:iam::*:root"}"#, ""))
                .unwrap()
                .principal,
            OpenPrincipal::Wildcard
        );
    }

    #[test]
    fn each_listed_key_with_a_fixed_value_makes_it_not_public() {
        for (op, key, value) in [
            ("StringEquals", "aws:SourceVpce", "vpce-1a2b3c4d"),
            ("StringEquals", "aws:PrincipalOrgID", "o-a1b2c3d4e5"),
            ("StringEquals", "aws:PrincipalAccount", "111122223333"),
            (
                "ArnEquals",
                "aws:PrincipalArn",
                "arn:aws:iam::111122223333:role/R",
            ),
            (
                "ArnLike",
                "aws:SourceArn",
                "arn:aws:cloudtrail:us-east-1:111122223333:trail/t",
            ),
            ("StringEquals", "aws:SourceOwner", "111122223333"),
            ("StringEquals", "aws:SourceAccount", "111122223333"),
            (
                "StringEquals",
                "s3:x-amz-server-side-encryption-aws-kms-key-id",
                "arn:aws:kms:us-east-1:111122223333:key/k",
            ),
            ("StringEquals", "aws:userid", "AIDAEXAMPLEID"),
            ("StringLike", "aws:userid", "AROAEXAMPLEID:*"),
            ("StringEquals", "s3:DataAccessPointAccount", "111122223333"),
            (
                "ArnLike",
                "s3:DataAccessPointArn",
                "arn:aws:s3:us-west-2:123456789012:accesspoint/*",
            ),
            ("IpAddress", "aws:SourceIp", "203.0.113.0/24"),
            ("IpAddress", "aws:SourceIp", "10.0.0.0/8"),
            ("IpAddress", "aws:SourceIp", "2001:db8::/32"),
            (
                "ForAnyValue:StringEquals",
                "aws:SourceVpce",
                "vpce-1a2b3c4d",
            ),
            ("StringEqualsIgnoreCase", "AWS:SOURCEVPCE", "vpce-1a2b3c4d"),
        ] {
            let condition = format!(r#"{{"{op}": {{"{key}": "{value}"}}}}"#);
            assert!(!public(&allow(r#""*""#, &condition)), "{condition}");
        }
    }

    #[test]
    fn conditions_that_do_not_fix_their_key_leave_it_public() {
        for (op, key, value, why) in [
            ("StringLike", "aws:SourceVpce", "vpce-*", Unfixed::Wildcard),
            (
                "StringEquals",
                "aws:SourceAccount",
                "${aws:PrincipalAccount}",
                Unfixed::Variable,
            ),
            (
                "StringNotEquals",
                "aws:PrincipalOrgID",
                "o-a1b2c3d4e5",
                Unfixed::Negated,
            ),
            (
                "StringEqualsIfExists",
                "aws:SourceVpce",
                "vpce-1a2b3c4d",
                Unfixed::IfExists,
            ),
            (
                "ForAllValues:StringEquals",
                "aws:PrincipalOrgID",
                "o-a1b2c3d4e5",
                Unfixed::ForAllValues,
            ),
            ("Null", "aws:SourceVpce", "false", Unfixed::NoComparison),
            ("IpAddress", "aws:SourceIp", "0.0.0.0/1", Unfixed::TooBroad),
            (
                "IpAddress",
                "aws:SourceIp",
                "2001:db8::/31",
                Unfixed::TooBroad,
            ),
            (
                "NotIpAddress",
                "aws:SourceIp",
                "203.0.113.0/24",
                Unfixed::Negated,
            ),
            (
                "StringEquals",
                "aws:SourceIp",
                "203.0.113.7",
                Unfixed::NoComparison,
            ),
            ("StringLike", "aws:userid", "AROA*", Unfixed::Wildcard),
            (
                "ArnLike",
                "s3:DataAccessPointArn",
                "arn:aws:s3:us-west-2:*:accesspoint/*",
                Unfixed::Wildcard,
            ),
        ] {
            let condition = format!(r#"{{"{op}": {{"{key}": "{value}"}}}}"#);
            let open = classify(&allow(r#""*""#, &condition))
                .unwrap_or_else(|| panic!("{condition} is public"));
            assert_eq!(open.keys.len(), 1, "{condition}");
            assert_eq!(open.keys[0].why, why, "{condition}");
        }
        // A key AWS does not list fixes nothing.
        let open = classify(&allow(
            r#""*""#,
            r#"{"StringLike": {"aws:Referer": "https://www.example.com/*"}}"#,
        ))
        .unwrap();
        assert!(open.keys.is_empty());
        assert_eq!(open.unlisted_keys, ["aws:Referer"]);
    }

    #[test]
    fn one_fixed_key_among_several_is_enough() {
        assert!(!public(&allow(
            r#""*""#,
            r#"{"StringLike": {"aws:SourceVpc": "vpc-*"}, "StringEquals": {"aws:SourceVpce": "vpce-1"}}"#
        )));
    }

    #[test]
    fn deny_not_principal_and_broken_statements() {
        assert!(!public(&format!(
            r#"{{"Effect": "Deny", "Principal": "*", {GET}}}"#
        )));
        assert_eq!(
            classify(&format!(
                r#"{{"Effect": "Allow", "NotPrincipal": {{"AWS": "arn:aws:iam::111122223333:root"}}, {GET}}}"#
            ))
            .unwrap()
            .principal,
            OpenPrincipal::NotPrincipal
        );
        // No Principal: AWS would refuse the policy; the statement is left out.
        assert!(!public(&format!(r#"{{"Effect": "Allow", {GET}}}"#)));
    }

    /// A34 is noted only where iamplay's readings decided.
    #[test]
    fn readings_are_noted_where_they_decide() {
        let relies = |statement: &str| {
            let text = format!(r#"{{"Version": "2012-10-17", "Statement": [{statement}]}}"#);
            let (policy, _) = lower(&text, PolicyType::Resource);
            super::classify(policy.statements.first().expect("one statement")).1
        };
        for (condition, expected) in [
            (r#"{"StringEquals": {"aws:SourceVpce": "vpce-1"}}"#, false),
            (r#"{"StringLike": {"aws:SourceVpce": "vpce-*"}}"#, false),
            (r#"{"IpAddress": {"aws:SourceIp": "0.0.0.0/1"}}"#, false),
            (
                r#"{"StringEquals": {"aws:PrincipalAccount": "111122223333"}}"#,
                true,
            ),
            (r#"{"StringLike": {"aws:userid": "AROAEXAMPLEID:*"}}"#, true),
            (
                r#"{"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1"}}"#,
                true,
            ),
            (r#"{"StringEquals": {"aws:SourceVpce": "vpce-*"}}"#, true),
            (r#"{"StringEquals": {"aws:username": "alice"}}"#, false),
            // A key fixed as the page lists it needs no reading, whatever the other conditions.
            (
                r#"{"StringEqualsIfExists": {"aws:SourceVpc": "vpc-1"}, "StringEquals": {"aws:SourceVpce": "vpce-1"}}"#,
                false,
            ),
        ] {
            assert_eq!(relies(&allow(r#""*""#, condition)), expected, "{condition}");
        }
        // A fixed principal needs no reading.
        assert!(!relies(&allow(
            r#"{"AWS": "111122223333"}"#,
            r#"{"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1"}}"#
        )));
    }

    #[test]
    fn s3_bucket_arns() {
        assert_eq!(s3_bucket("arn:aws:s3:::b"), Some(("arn:aws:s3:::b", false)));
        assert_eq!(
            s3_bucket("arn:aws-cn:s3:::b/k/x.txt"),
            Some(("arn:aws-cn:s3:::b", true))
        );
        for not in [
            "arn:aws:s3:::",
            "arn:aws:s3:::/k",
            "arn:aws:s3:us-west-2:123456789012:accesspoint/ap",
            "arn:aws:sqs:us-east-1:111122223333:q",
            "*",
        ] {
            assert_eq!(s3_bucket(not), None, "{not}");
        }
    }
}
