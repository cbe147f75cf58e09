//! Criterion benchmarks of the inputs whose cost once grew with the square of their size
//! (issue 13, item 8), through the public API. Each runs at two sizes four times apart: a linear
//! cost takes about 4× as long at the larger size, a quadratic one 16× (BENCHMARKS.md,
//! "Hardening", has the figures before and after the fixes).
//!
//! Run: `cargo bench -p iam-core --bench hardening` (release profile; about a minute).
//!
//! - `lint_minified`: `lint_policy` of a policy on one line, N statements `Allow * on *` (two
//!   findings each, every one placed by `LineIndex` on that one line).
//! - `explain_matching`: `analyze` and `explain` of N matching Allow statements (each deciding).
//! - `did_you_mean`: `lint_policy_with_catalog` of N statements with an unknown EC2 action of
//!   about 110 characters (each gets a "did you mean" search of EC2's 800-odd actions).
//! - `many_policies`: `analyze` of N identity policies of one statement each.
//! - `context_keys`: `analyze` of a request with N context keys, one condition on every tenth.
//! - `wildcard`: a Resource pattern `arn:aws:s3:::photos/*` + 1,500 characters + `b*` (`a`s, or
//!   `a?` repeated) against a resource of 2,000 and 8,000 characters, all `a` (the request limit is
//!   8,192 bytes).

// Bench setup: a broken fixture should stop the run loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use iam_core::{
    analyze, explain, lint_policy, request::ContextValue, request::RequestInput,
    scenario::PolicyInput, tools::lint_policy_with_catalog, Catalog, Decision, Options, PolicyType,
    Scenario,
};

const ARTIFACT: &str = include_str!("../../../data/catalog.json");

fn policy(statements: impl Iterator<Item = String>, pretty: bool) -> String {
    let body: Vec<String> = statements.collect();
    let sep = if pretty { ",\n  " } else { "," };
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{}]}}"#,
        body.join(sep)
    )
}

fn identity(name: String, document: String) -> PolicyInput {
    PolicyInput {
        name,
        policy_type: PolicyType::Identity,
        target: None,
        document,
        file_offset: None,
        origin: None,
        tree: Default::default(),
    }
}

fn scenario(
    resource: &str,
    context: Vec<(String, ContextValue)>,
    policies: Vec<PolicyInput>,
) -> Scenario {
    Scenario {
        request: RequestInput {
            principal: "arn:aws:iam::111122223333:user/alice".into(),
            action: "s3:GetObject".into(),
            resource: resource.into(),
            resource_account: None,
            spans: Default::default(),
            context,
        },
        policies,
        organization: None,
        block_public_access: None,
    }
}

fn config(group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>) {
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
}

fn lint_minified(c: &mut Criterion) {
    let mut group = c.benchmark_group("lint_minified");
    config(&mut group);
    for n in [1_000usize, 4_000] {
        let text = policy(
            (0..n).map(|i| {
                format!(r#"{{"Sid":"S{i}","Effect":"Allow","Action":"*","Resource":"*"}}"#)
            }),
            false,
        );
        assert_eq!(text.lines().count(), 1);
        // Two findings per statement, and the size quota.
        assert_eq!(lint_policy(&text, PolicyType::Identity).len(), 2 * n + 1);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter(|| lint_policy(black_box(text), PolicyType::Identity))
        });
    }
    group.finish();
}

fn explain_matching(c: &mut Criterion) {
    let mut group = c.benchmark_group("explain_matching");
    config(&mut group);
    for n in [5_000usize, 20_000] {
        let document = policy(
            (0..n).map(|i| {
                format!(r#"{{"Sid":"S{i}","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*"}}"#)
            }),
            true,
        );
        let s = scenario(
            "arn:aws:s3:::photos/cat.jpg",
            Vec::new(),
            vec![identity("Big".into(), document)],
        );
        let report = analyze(&s, &Options::default());
        let evaluation = report.evaluation.as_ref().unwrap();
        assert_eq!(evaluation.determining.len(), n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &s, |b, s| {
            b.iter(|| {
                let report = analyze(black_box(s), &Options::default());
                report.evaluation.as_ref().map(explain)
            })
        });
    }
    group.finish();
}

fn did_you_mean(c: &mut Criterion) {
    let catalog = Catalog::from_json(ARTIFACT).unwrap();
    let mut group = c.benchmark_group("did_you_mean");
    config(&mut group);
    for n in [100usize, 400] {
        let text = policy(
            (0..n).map(|i| {
                format!(
                    r#"{{"Effect":"Allow","Action":"ec2:DescribeInstances{}{i}","Resource":"*"}}"#,
                    "x".repeat(90)
                )
            }),
            true,
        );
        let found = lint_policy_with_catalog(&text, PolicyType::Identity, Some(&catalog));
        assert_eq!(
            found
                .iter()
                .filter(|d| d.code == iam_core::Code::INVALID_ACTION)
                .count(),
            n
        );
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter(|| {
                lint_policy_with_catalog(black_box(text), PolicyType::Identity, Some(&catalog))
            })
        });
    }
    group.finish();
}

fn many_policies(c: &mut Criterion) {
    let mut group = c.benchmark_group("many_policies");
    config(&mut group);
    for n in [1_000usize, 4_000] {
        let policies = (0..n)
            .map(|i| {
                identity(
                    format!("P{i}"),
                    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#
                        .into(),
                )
            })
            .collect();
        let s = scenario("arn:aws:s3:::photos/cat.jpg", Vec::new(), policies);
        assert_eq!(
            analyze(&s, &Options::default()).decision(),
            Some(Decision::Allowed)
        );
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &s, |b, s| {
            b.iter(|| {
                let report = analyze(black_box(s), &Options::default());
                report.evaluation.as_ref().map(explain)
            })
        });
    }
    group.finish();
}

fn context_keys(c: &mut Criterion) {
    let mut group = c.benchmark_group("context_keys");
    config(&mut group);
    for n in [250usize, 1_000] {
        let context = (0..n)
            .map(|i| {
                (
                    format!("aws:PrincipalTag/k{i}"),
                    ContextValue::Single(format!("v{i}")),
                )
            })
            .collect();
        let document = policy(
            (0..n).step_by(10).map(|i| {
                format!(r#"{{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{{"StringEquals":{{"aws:PrincipalTag/k{i}":"v{i}"}}}}}}"#)
            }),
            true,
        );
        let s = scenario(
            "arn:aws:s3:::photos/cat.jpg",
            context,
            vec![identity("Tags".into(), document)],
        );
        assert_eq!(
            analyze(&s, &Options::default()).decision(),
            Some(Decision::Allowed)
        );
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &s, |b, s| {
            b.iter(|| analyze(black_box(s), &Options::default()))
        });
    }
    group.finish();
}

fn wildcard(c: &mut Criterion) {
    let mut group = c.benchmark_group("wildcard");
    config(&mut group);
    let literal = format!("{}b", "a".repeat(1_500));
    let question = format!("{}b", "a?".repeat(750));
    for (name, segment) in [("literal", &literal), ("question_mark", &question)] {
        for len in [2_000usize, 8_000] {
            let document = policy(
                std::iter::once(format!(
                    r#"{{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*{segment}*"}}"#
                )),
                true,
            );
            let resource = format!("arn:aws:s3:::photos/{}", "a".repeat(len - 20));
            let s = scenario(
                &resource,
                Vec::new(),
                vec![identity("Evil".into(), document)],
            );
            assert_eq!(
                analyze(&s, &Options::default()).decision(),
                Some(Decision::ImplicitDeny)
            );
            group.throughput(Throughput::Bytes(len as u64));
            group.bench_with_input(BenchmarkId::new(name, len), &s, |b, s| {
                b.iter(|| analyze(black_box(s), &Options::default()))
            });
        }
    }
    group.finish();
}

criterion_group!(
    hardening,
    lint_minified,
    explain_matching,
    did_you_mean,
    many_policies,
    context_keys,
    wildcard
);
criterion_main!(hardening);
