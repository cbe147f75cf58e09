//! Where the time of one `analyze` / `decide` call goes, natively, over a directory of scenario files
//! (BENCHMARKS.md, "Against iam-simulate"):
//!
//! ```text
//! node tests/js/bench-simulate.mjs --write /tmp/scenarios
//! cargo run --release -p iam-js --example profile -- /tmp/scenarios [ROUNDS] [decide]
//! ```
//!
//! With `decide` last, only the package's `decide` runs, `ROUNDS` times over every file (to profile it:
//! `CARGO_PROFILE_RELEASE_DEBUG=true cargo build --release -p iam-js --example profile`, then
//! `perf record -g target/release/examples/profile DIR 20 decide`).
//!
//! Each phase is timed on its own over every file, `ROUNDS` times (default 5), and the median and
//! fastest round are given per scenario: reading the JSON text into a tree, reading the scenario, lowering and linting
//! each policy, the core's whole `analyze` (lowering + evaluation with its trace), the explanation, the
//! JSON of the result, and the package's two calls end to end.

#![allow(clippy::disallowed_methods)] // a measuring tool: it reads files and the clock

use std::error::Error;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

use iam_core::{
    explain, parse_scenario, policy::LintOptions, tools::parse_policy_with_options, Options,
};

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: profile DIR [ROUNDS]")?);
    let rounds: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(5);
    let only_decide = args.next().is_some_and(|a| a == "decide");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .map(std::fs::read_to_string)
        .collect::<Result<_, _>>()?;
    if only_decide {
        for _ in 0..rounds {
            for t in &texts {
                black_box(iam_js::decide(t, None).ok());
            }
        }
        return Ok(());
    }
    let scenarios: Vec<_> = texts
        .iter()
        .map(|t| parse_scenario(t))
        .collect::<Result<_, _>>()
        .map_err(|e| format!("not a scenario: {e:?}"))?;
    let reports: Vec<_> = scenarios
        .iter()
        .map(|s| iam_core::analyze(s, &Options::default()))
        .collect();
    let evaluations: Vec<_> = reports
        .iter()
        .filter_map(|r| r.evaluation.as_ref())
        .collect();
    let explanations: Vec<_> = evaluations.iter().map(|e| explain(e)).collect();
    let n = texts.len();
    let bytes: usize = texts.iter().map(String::len).sum();
    let policies: usize = scenarios.iter().map(|s| s.policies.len()).sum();
    let out_bytes: usize = texts
        .iter()
        .filter_map(|t| iam_js::analyze(t, None).ok())
        .map(|o| o.len())
        .sum();
    println!(
        "{n} scenarios, {:.0} bytes and {:.1} policies each on average; analyze's JSON: {:.0} bytes each\nµs per scenario: median and fastest of {rounds} rounds",
        bytes as f64 / n as f64,
        policies as f64 / n as f64,
        out_bytes as f64 / n as f64
    );

    let time = |name: &str, f: &dyn Fn()| {
        let mut per = Vec::with_capacity(rounds);
        f(); // warm-up
        for _ in 0..rounds {
            let start = Instant::now();
            f();
            per.push(start.elapsed().as_secs_f64() * 1e6 / n as f64);
        }
        per.sort_by(f64::total_cmp);
        let median = per.get(per.len() / 2).copied().unwrap_or(0.0);
        let fastest = per.first().copied().unwrap_or(0.0);
        println!("  {name:<64} {median:>8.1} {fastest:>8.1}");
    };

    time("JSON text → tree (iam_json::parse)", &|| {
        for t in &texts {
            black_box(iam_json::parse(t));
        }
    });
    time("read the scenario (parse_scenario: tree + fields)", &|| {
        for t in &texts {
            black_box(parse_scenario(t).ok());
        }
    });
    time(
        "lower and lint every policy (parse_policy_with_options)",
        &|| {
            for s in &scenarios {
                for p in &s.policies {
                    black_box(parse_policy_with_options(
                        &p.document,
                        p.policy_type,
                        LintOptions::default(),
                    ));
                }
            }
        },
    );
    time(
        "iam_core::analyze (lower + lint + evaluate with the trace)",
        &|| {
            for s in &scenarios {
                black_box(iam_core::analyze(s, &Options::default()));
            }
        },
    );
    time("explain (the explanation tree)", &|| {
        for e in &evaluations {
            black_box(explain(e));
        }
    });
    time("serde_json of the trace and the explanation", &|| {
        for (e, x) in evaluations.iter().zip(&explanations) {
            black_box(serde_json::to_string(e).ok());
            black_box(serde_json::to_string(x).ok());
        }
    });
    time("iam_js::decide (the package's decide, end to end)", &|| {
        for t in &texts {
            black_box(iam_js::decide(t, None).ok());
        }
    });
    time(
        "iam_js::analyze (the package's analyze, end to end)",
        &|| {
            for t in &texts {
                black_box(iam_js::analyze(t, None).ok());
            }
        },
    );
    Ok(())
}
