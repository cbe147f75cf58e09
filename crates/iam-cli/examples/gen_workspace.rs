//! Write one workspace (format v2) for measuring `iamplay test` and `iamplay who-can`: USERS users
//! in GROUPS groups, ROLES roles with trust policies, a bucket per group with its policy, an OU tree
//! with SCPs, and REQUESTS requests with an `expect` each (every tenth through an AssumeRole hop).
//!
//! ```text
//! cargo run --release -p iam-cli --example gen_workspace -- FILE [USERS GROUPS ROLES REQUESTS]
//! ```
//! Defaults: 200 users, 50 groups, 100 roles, 1,000 requests. Deterministic: the expectations are
//! the decisions by construction (a user reads its group's bucket; others are denied), so
//! `iamplay test FILE` reports every check passing.

use std::error::Error;
use std::fmt::Write as _;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let file = args
        .first()
        .ok_or("usage: gen_workspace FILE [USERS GROUPS ROLES REQUESTS]")?;
    let number = |i: usize, default: usize| -> Result<usize, Box<dyn Error>> {
        Ok(match args.get(i) {
            Some(v) => v.parse()?,
            None => default,
        })
    };
    let (users, groups, roles, requests) = (
        number(1, 200)?.max(1),
        number(2, 50)?.max(1),
        number(3, 100)?.max(1),
        number(4, 1000)?,
    );
    let account = "111122223333";
    let doc = |statements: &str| {
        format!(r#"{{ "Version": "2012-10-17", "Statement": [ {statements} ] }}"#)
    };
    let mut out = String::new();
    out.push_str("{\n  \"version\": 2,\n  \"title\": \"generated\",\n  \"policies\": [\n");
    for g in 0..groups {
        let _ = writeln!(
            out,
            r#"    {{ "name": "Read{g}", "document": {} }},"#,
            doc(&format!(
                r#"{{ "Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::bucket-{g}", "arn:aws:s3:::bucket-{g}/*"] }}"#
            ))
        );
    }
    let _ = writeln!(
        out,
        r#"    {{ "name": "Boundary", "document": {} }},"#,
        doc(r#"{ "Effect": "Allow", "Action": "s3:*", "Resource": "*" }"#)
    );
    let _ = writeln!(
        out,
        r#"    {{ "name": "FullAWSAccess", "document": {} }},"#,
        doc(r#"{ "Effect": "Allow", "Action": "*", "Resource": "*" }"#)
    );
    let _ = writeln!(
        out,
        r#"    {{ "name": "EuOnly", "document": {} }}"#,
        doc(
            r#"{ "Effect": "Deny", "NotAction": ["s3:*", "sts:*", "iam:*"], "Resource": "*", "Condition": { "StringNotLike": { "aws:RequestedRegion": "eu-*" } } }"#
        )
    );
    out.push_str("  ],\n  \"accounts\": {\n    \"111122223333\": {\n      \"users\": {\n");
    for u in 0..users {
        let comma = if u + 1 < users { "," } else { "" };
        let boundary = if u % 3 == 0 {
            r#", "boundary": "Boundary""#
        } else {
            ""
        };
        let _ = writeln!(
            out,
            r#"        "user{u}": {{ "groups": ["Group{}"], "tags": {{ "team": "t{}" }}{boundary} }}{comma}"#,
            u % groups,
            u % 7
        );
    }
    out.push_str("      },\n      \"groups\": {\n");
    for g in 0..groups {
        let comma = if g + 1 < groups { "," } else { "" };
        let _ = writeln!(
            out,
            r#"        "Group{g}": {{ "policies": ["Read{g}"], "inline": {{ "NoDeletes": {} }} }}{comma}"#,
            doc(r#"{ "Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*" }"#)
        );
    }
    out.push_str("      },\n      \"roles\": {\n");
    for r in 0..roles {
        let comma = if r + 1 < roles { "," } else { "" };
        let trust = doc(&format!(
            r#"{{ "Effect": "Allow", "Principal": {{ "AWS": "arn:aws:iam::{account}:user/user{}" }}, "Action": "sts:AssumeRole" }}"#,
            r % users
        ));
        let _ = writeln!(
            out,
            r#"        "Role{r}": {{ "trust": {trust}, "policies": ["Read{}"] }}{comma}"#,
            r % groups
        );
    }
    out.push_str("      },\n      \"resources\": {\n");
    for g in 0..groups {
        let comma = if g + 1 < groups { "," } else { "" };
        let _ = writeln!(
            out,
            r#"        "arn:aws:s3:::bucket-{g}": {{ "policy": {} }}{comma}"#,
            doc(&format!(
                r#"{{ "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::bucket-{g}/*", "Condition": {{ "Bool": {{ "aws:SecureTransport": "false" }} }} }}"#
            ))
        );
    }
    out.push_str("      }\n    }\n  },\n");
    let _ = writeln!(
        out,
        r#"  "organization": {{ "ous": {{ "ou-a": {{ "parent": "r-root" }}, "ou-b": {{ "parent": "ou-a" }} }}, "accounts": {{ "{account}": "ou-b" }}, "scps": {{ "r-root": ["FullAWSAccess"], "ou-a": ["FullAWSAccess", "EuOnly"], "ou-b": ["FullAWSAccess"], "{account}": ["FullAWSAccess"] }} }},"#
    );
    out.push_str("  \"requests\": [\n");
    for i in 0..requests {
        let comma = if i + 1 < requests { "," } else { "" };
        // Every tenth request goes through a role whose trust policy names its user.
        let (u, hop, bucket, expect) = if i % 10 == 0 {
            let r = (i / 10) % roles;
            let hop =
                format!(r#""assume": [{{ "role": "arn:aws:iam::{account}:role/Role{r}" }}], "#);
            (r % users, hop, r % groups, "allowed")
        } else {
            let u = i % users;
            let own = u % groups;
            if i % 2 == 0 {
                (u, String::new(), own, "allowed")
            } else {
                let other = (own + 1) % groups;
                (
                    u,
                    String::new(),
                    other,
                    if other == own {
                        "allowed"
                    } else {
                        "implicitDeny"
                    },
                )
            }
        };
        let _ = writeln!(
            out,
            r#"    {{ "name": "r{i}", "principal": "arn:aws:iam::{account}:user/user{u}", {hop}"action": "s3:GetObject", "resource": "arn:aws:s3:::bucket-{bucket}/k{i}", "context": {{ "aws:SecureTransport": "true" }}, "expect": "{expect}" }}{comma}"#
        );
    }
    out.push_str("  ]\n}\n");
    std::fs::write(file, out)?;
    Ok(())
}
