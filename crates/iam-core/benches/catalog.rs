//! Criterion benchmarks of the service catalog, through the public API.
//!
//! Run: `cargo bench -p iam-core --bench catalog` (release profile; about a minute).
//!
//! - `catalog_parse`: `Catalog::from_json` of `data/catalog.json` (what the CLI does at startup and
//!   the web app after loading the artifact).
//! - `expand`: wildcard expansion of `*` (every action), `ec2:Describe*`, `s3:Get*` and `*:Get*`
//!   (a wildcard service: every service is searched).
//! - `matrix_ec2`: `access_matrix` over every EC2 action (826 in the pinned data) for the typical
//!   5-policy scenario of the `evaluate` bench (`typical-5-policies.json`, 25 statements);
//!   criterion reports the time per action as the throughput's inverse (elements = actions).
//! - `summary`: `policy_summary` of the scenario's first identity policy (7 statements), and of
//!   an administrator policy (`"Action": "*"`, every service).
//! - `lint_with_catalog`: `lint_policy_with_catalog` vs `lint_policy` of that identity policy.

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
    lint_policy, parse_scenario, tools::access_matrix, tools::lint_policy_with_catalog,
    tools::policy_summary, Catalog, PolicyType,
};

const ARTIFACT: &str = include_str!("../../../data/catalog.json");
const TYPICAL: &str = include_str!("typical-5-policies.json");

fn catalog() -> Catalog {
    Catalog::from_json(ARTIFACT).unwrap()
}

fn catalog_parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("catalog_parse");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Bytes(ARTIFACT.len() as u64));
    group.bench_function("from_json", |b| {
        b.iter(|| Catalog::from_json(black_box(ARTIFACT)).unwrap())
    });
    group.finish();
}

fn expand(c: &mut Criterion) {
    let catalog = catalog();
    let mut group = c.benchmark_group("expand");
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(3));
    for pattern in ["*", "ec2:Describe*", "s3:Get*", "*:Get*"] {
        let n = catalog.expand(pattern).len();
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(pattern), pattern, |b, p| {
            b.iter(|| black_box(catalog.expand(black_box(p))).len())
        });
    }
    group.finish();
}

fn matrix_ec2(c: &mut Criterion) {
    let catalog = catalog();
    let scenario = parse_scenario(TYPICAL).unwrap();
    let actions = catalog.service("ec2").unwrap().actions.len();
    let matrix = access_matrix(&scenario, &catalog, &["ec2"], Some("*"));
    assert_eq!(matrix.total, actions);
    assert!(matrix.diagnostics.is_empty());
    let mut group = c.benchmark_group("matrix_ec2");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(8));
    group.throughput(Throughput::Elements(actions as u64));
    group.bench_function(BenchmarkId::new("typical_5_policies", actions), |b| {
        b.iter(|| {
            black_box(access_matrix(
                black_box(&scenario),
                &catalog,
                &["ec2"],
                Some("*"),
            ))
            .allowed
        })
    });
    group.finish();
}

fn summary(c: &mut Criterion) {
    let catalog = catalog();
    let scenario = parse_scenario(TYPICAL).unwrap();
    let identity = scenario.policies[0].document.clone();
    let admin = r#"{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "*", "Resource": "*" } ] }"#;
    let mut group = c.benchmark_group("summary");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    group.bench_function("identity_7_statements", |b| {
        b.iter(|| {
            black_box(policy_summary(
                black_box(&identity),
                PolicyType::Identity,
                &catalog,
            ))
            .services
            .len()
        })
    });
    group.bench_function("admin_all_services", |b| {
        b.iter(|| {
            black_box(policy_summary(
                black_box(admin),
                PolicyType::Identity,
                &catalog,
            ))
            .services
            .len()
        })
    });
    group.finish();
}

fn lint_with_catalog(c: &mut Criterion) {
    let catalog = catalog();
    let scenario = parse_scenario(TYPICAL).unwrap();
    let identity = scenario.policies[0].document.clone();
    let mut group = c.benchmark_group("lint_with_catalog");
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(3));
    group.bench_function("without_catalog", |b| {
        b.iter(|| lint_policy(black_box(&identity), PolicyType::Identity).len())
    });
    group.bench_function("with_catalog", |b| {
        b.iter(|| {
            lint_policy_with_catalog(black_box(&identity), PolicyType::Identity, Some(&catalog))
                .len()
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    catalog_parse,
    expand,
    matrix_ec2,
    summary,
    lint_with_catalog
);
criterion_main!(benches);
