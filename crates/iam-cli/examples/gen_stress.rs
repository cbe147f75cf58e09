//! Write one large, adversarial input for `iamplay` to stdout, for the hardening benchmarks
//! (`crates/iam-cli/bench/stress.sh`, BENCHMARKS.md "Hardening").
//!
//! ```text
//! cargo run --release -p iam-cli --example gen_stress -- KIND N > FILE
//! ```
//!
//! Each KIND is an input whose cost once grew with the square of N; the bench times `iamplay lint`
//! or `iamplay eval` on it. Policies are minified (one line) unless the kind says `pretty`:
//!
//! | KIND | what | command |
//! |---|---|---|
//! | `lint-minified` | a policy of N statements on one line, each `Allow * on *` (one security warning each) | `lint` |
//! | `lint-pretty` | the same, one statement per line | `lint` |
//! | `lint-keys` | N statements, each with a distinct unknown condition key `s3:key{i}` | `lint` |
//! | `lint-elements` | N statements, each with a distinct unknown element `Element{i}` | `lint` |
//! | `lint-actions` | N statements (one per line), each with a distinct unknown action `s3:GetObjectx{i}` | `lint` |
//! | `lint-services` | N statements (one per line), each with an unknown service `s4:GetObject{i}` | `lint` |
//! | `eval-matching` | a scenario whose identity policy has N statements, all matching Allows | `eval` |
//! | `eval-nomatch` | N Allow statements, none matching (each is cited under the implicit deny) | `eval` |
//! | `eval-deny` | N matching Deny statements | `eval` |
//! | `eval-conditions` | N statements with conditions on several keys, every third matching | `eval` |
//! | `eval-policies` | N identity policies of one matching statement each | `eval` |
//! | `eval-resource-wildcard` | a resource of N bytes of `a`, a Resource pattern `arn:aws:s3:::photos/*` + 6,000 × `a` + `b` | `eval` |
//! | `lint-long-actions` | N statements, each an unknown EC2 action of about 110 characters | `lint` |
//! | `lint-condition-block` | one `StringEquals` block with N distinct keys | `lint` |
//! | `lint-condition-operators` | one `Condition` block with N distinct unknown operators | `lint` |
//! | `eval-context-keys` | a request of N context keys, N / 100 statements each testing one | `eval` |
//! | `eval-multivalue` | `ForAnyValue:StringLike` with N patterns against 500 request values | `eval` |
//! | `eval-many-patterns` | N `StringLike` patterns `*b{i}*` against an 8,000-byte context value | `eval` |
//! | `eval-context-wildcard` | a context value of N bytes, a `StringLike` pattern `*` + 6,000 × `a` + `b` | `eval` |
//!
//! Deterministic: the same KIND and N always give the same bytes.

use std::error::Error;
use std::fmt::Write as _;
use std::io::Write as _;

const PRINCIPAL: &str = "arn:aws:iam::111122223333:user/alice";

/// A policy document of `statements` (already JSON), one line or one statement per line.
fn policy(statements: impl Iterator<Item = String>, pretty: bool) -> String {
    let sep = if pretty { ",\n  " } else { "," };
    let body: Vec<String> = statements.collect();
    if pretty {
        format!(
            "{{\"Version\":\"2012-10-17\",\"Statement\":[\n  {}\n]}}\n",
            body.join(sep)
        )
    } else {
        format!(
            "{{\"Version\":\"2012-10-17\",\"Statement\":[{}]}}",
            body.join(sep)
        )
    }
}

/// A scenario (format v1) with one request and the given policies (`(name, document)`).
fn scenario(resource: &str, context: &str, policies: &[(String, String)]) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "{{\"version\":1,\"request\":{{\"principal\":\"{PRINCIPAL}\",\"action\":\"s3:GetObject\",\"resource\":\"{resource}\",\"context\":{{{context}}}}},\"policies\":["
    );
    for (i, (name, document)) in policies.iter().enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        let _ = write!(
            out,
            "{{\"name\":\"{name}\",\"type\":\"identity\",\"document\":{document}}}"
        );
    }
    out.push_str("]}\n");
    out
}

// long: one match with one generator per stress kind, each a few lines of text building; an example binary, not shipped
fn generate(kind: &str, n: usize) -> Option<String> {
    let one = |doc: String| vec![("Big".to_string(), doc)];
    let obj = "arn:aws:s3:::photos/cat.jpg";
    Some(match kind {
        "lint-minified" | "lint-pretty" => policy(
            (0..n).map(|i| {
                format!(r#"{{"Sid":"S{i}","Effect":"Allow","Action":"*","Resource":"*"}}"#)
            }),
            kind == "lint-pretty",
        ),
        "lint-keys" => policy(
            (0..n).map(|i| {
                format!(
                    r#"{{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{{"StringEquals":{{"s3:key{i}":"x"}}}}}}"#
                )
            }),
            false,
        ),
        "lint-elements" => policy(
            (0..n).map(|i| {
                format!(
                    r#"{{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Element{i}":1}}"#
                )
            }),
            false,
        ),
        "lint-actions" => policy(
            (0..n).map(|i| {
                format!(r#"{{"Effect":"Allow","Action":"s3:GetObjectx{i}","Resource":"*"}}"#)
            }),
            true,
        ),
        "lint-services" => policy(
            (0..n).map(|i| {
                format!(r#"{{"Effect":"Allow","Action":"s4:GetObject{i}","Resource":"*"}}"#)
            }),
            true,
        ),
        "eval-matching" => scenario(
            obj,
            "",
            &one(policy(
                (0..n).map(|i| {
                    format!(r#"{{"Sid":"S{i}","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*"}}"#)
                }),
                true,
            )),
        ),
        "eval-nomatch" => scenario(
            obj,
            "",
            &one(policy(
                (0..n).map(|i| {
                    format!(r#"{{"Sid":"S{i}","Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::photos/{i}/*"}}"#)
                }),
                true,
            )),
        ),
        "eval-deny" => scenario(
            obj,
            "",
            &one(policy(
                (0..n).map(|i| {
                    format!(r#"{{"Sid":"D{i}","Effect":"Deny","Action":"s3:*","Resource":"*"}}"#)
                }),
                true,
            )),
        ),
        "eval-conditions" => scenario(
            obj,
            r#""aws:SourceIp":"203.0.113.5","aws:PrincipalTag/team":"blue","aws:CurrentTime":"2025-01-01T12:00:00Z""#,
            &one(policy(
                (0..n).map(|i| {
                    let team = if i % 3 == 0 { "blue" } else { "red" };
                    format!(
                        r#"{{"Sid":"C{i}","Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":["arn:aws:s3:::photos/*","arn:aws:s3:::photos"],"Condition":{{"StringEquals":{{"aws:PrincipalTag/team":"{team}"}},"IpAddress":{{"aws:SourceIp":"203.0.113.0/24"}},"DateLessThan":{{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}}}}}"#
                    )
                }),
                true,
            )),
        ),
        "eval-policies" => {
            let policies: Vec<(String, String)> = (0..n)
                .map(|i| {
                    (
                        format!("P{i}"),
                        policy(
                            std::iter::once(
                                r#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"#
                                    .to_string(),
                            ),
                            false,
                        ),
                    )
                })
                .collect();
            scenario(obj, "", &policies)
        }
        "eval-resource-wildcard" => {
            let resource = format!("arn:aws:s3:::photos/{}", "a".repeat(n));
            let pattern = format!("arn:aws:s3:::photos/*{}b", "a".repeat(6000));
            scenario(
                &resource,
                "",
                &one(policy(
                    std::iter::once(format!(
                        r#"{{"Effect":"Allow","Action":"s3:GetObject","Resource":"{pattern}"}}"#
                    )),
                    true,
                )),
            )
        }
        "eval-context-wildcard" => {
            let value = "a".repeat(n);
            let pattern = format!("*{}b", "a".repeat(6000));
            scenario(
                obj,
                &format!(r#""aws:UserAgent":"{value}""#),
                &one(policy(
                    std::iter::once(format!(
                        r#"{{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{{"StringLike":{{"aws:UserAgent":"{pattern}"}}}}}}"#
                    )),
                    true,
                )),
            )
        }
        "lint-long-actions" => policy(
            (0..n).map(|i| {
                format!(
                    r#"{{"Effect":"Allow","Action":"ec2:DescribeInstances{}{i}","Resource":"*"}}"#,
                    "x".repeat(90)
                )
            }),
            true,
        ),
        "lint-condition-block" => policy(
            std::iter::once(format!(
                r#"{{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{{"StringEquals":{{{}}}}}}}"#,
                (0..n)
                    .map(|i| format!("\n\"aws:PrincipalTag/k{i}\":\"v\""))
                    .collect::<Vec<_>>()
                    .join(",")
            )),
            true,
        ),
        "lint-condition-operators" => policy(
            std::iter::once(format!(
                r#"{{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{{{}}}}}"#,
                (0..n)
                    .map(|i| format!("\n\"StringEqualz{i}\":{{\"aws:username\":\"a\"}}"))
                    .collect::<Vec<_>>()
                    .join(",")
            )),
            true,
        ),
        "eval-context-keys" => scenario(
            obj,
            &(0..n)
                .map(|i| format!("\n\"aws:PrincipalTag/k{i}\":\"v{i}\""))
                .collect::<Vec<_>>()
                .join(","),
            &one(policy(
                (0..n).step_by(100).map(|i| {
                    format!(
                        r#"{{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{{"StringEquals":{{"aws:PrincipalTag/k{i}":"v{i}"}}}}}}"#
                    )
                }),
                true,
            )),
        ),
        "eval-multivalue" => {
            let values = |prefix: &str, n: usize| {
                (0..n)
                    .map(|i| format!("\"{prefix}{i}\""))
                    .collect::<Vec<_>>()
                    .join(",")
            };
            scenario(
                obj,
                &format!(r#""aws:TagKeys":[{}]"#, values("request-", 500)),
                &one(policy(
                    std::iter::once(format!(
                        r#"{{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{{"ForAnyValue:StringLike":{{"aws:TagKeys":[{}]}}}}}}"#,
                        values("*policy-", n)
                    )),
                    true,
                )),
            )
        }
        "eval-many-patterns" => scenario(
            obj,
            &format!(r#""aws:UserAgent":"{}""#, "a".repeat(8_000)),
            &one(policy(
                std::iter::once(format!(
                    r#"{{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{{"StringLike":{{"aws:UserAgent":[{}]}}}}}}"#,
                    (0..n)
                        .map(|i| format!("\"*b{i}*\""))
                        .collect::<Vec<_>>()
                        .join(",")
                )),
                true,
            )),
        ),
        _ => return None,
    })
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(kind), Some(n)) = (args.first(), args.get(1)) else {
        return Err("usage: gen_stress KIND N > FILE (KINDs: see the source)".into());
    };
    let n: usize = n.parse()?;
    let text = generate(kind, n).ok_or_else(|| format!("unknown KIND `{kind}`"))?;
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}
