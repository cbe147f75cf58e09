#![allow(clippy::disallowed_methods)] // the harness reads the lesson files; the library does no IO
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The course (`web/course/NN-slug.json`, listed in `web/course/README.md`): every lesson is a
//! workspace with an exercise whose starting point fails at least one check and whose reference
//! solution passes them all, so a lesson cannot silently rot when the evaluator or the file changes.

use std::path::PathBuf;

fn lessons() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../web/course");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("web/course")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).expect("readable");
            (stem, text)
        })
        .collect()
}

#[test]
fn the_lessons_are_numbered_from_01_without_gaps() {
    let lessons = lessons();
    assert!(lessons.len() >= 11, "only {} lessons", lessons.len());
    for (i, (stem, _)) in lessons.iter().enumerate() {
        let (number, slug) = stem
            .split_once('-')
            .unwrap_or_else(|| panic!("{stem}: not NN-slug"));
        assert_eq!(number, format!("{:02}", i + 1), "{stem}: out of sequence");
        assert!(
            !slug.is_empty()
                && slug
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{stem}: the slug is not lower-case words joined by hyphens"
        );
    }
}

#[test]
fn every_lesson_is_an_exercise_that_its_solution_solves() {
    let mut problems = Vec::new();
    for (stem, text) in lessons() {
        let ws = match iam_core::parse_workspace(&text) {
            Ok(ws) => ws,
            Err(errors) => {
                problems.push(format!("{stem}: does not parse: {errors:?}"));
                continue;
            }
        };
        let mut problem = |p: String| problems.push(format!("{stem}: {p}"));
        if ws.scenario.is_some() {
            problem("is a v1 scenario, not a workspace".into());
            continue;
        }
        if ws.title.as_deref().is_none_or(str::is_empty) {
            problem("has no title".into());
        }
        if !ws
            .description
            .as_deref()
            .is_some_and(|d| d.contains("https://docs.aws.amazon.com/"))
        {
            problem("its text links to no AWS documentation page".into());
        }
        let Some(exercise) = &ws.exercise else {
            problem("has no exercise".into());
            continue;
        };
        if exercise.task.as_deref().is_none_or(|t| t.trim().is_empty()) {
            problem("the exercise has no task".into());
        }
        if exercise.hints.is_empty() || exercise.hints.iter().any(|h| h.trim().is_empty()) {
            problem("the exercise needs at least one hint, none empty".into());
        }
        if exercise.solution.is_empty() {
            problem("the exercise has no solution".into());
        }
        for (name, _) in &exercise.solution {
            if exercise.read_only.contains(name) {
                problem(format!("the solution changes `{name}`, which is read-only"));
            }
        }
        for r in &ws.requests {
            if r.name.trim().is_empty() {
                problem("a request has no name".into());
            }
        }
        let (passed, total) = ws.checks();
        if total < 2 {
            problem(format!("only {total} checks"));
        }
        if passed == total {
            problem(format!(
                "the starting point already passes all {total} checks: nothing to do"
            ));
        }
        let (solved, total_solved) = ws.solved().checks();
        if solved != total_solved || total_solved != total {
            problem(format!(
                "the solution passes {solved} of {total_solved} checks"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_readme_lists_every_lesson() {
    let readme = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../web/course/README.md"),
    )
    .expect("web/course/README.md");
    for (stem, _) in lessons() {
        assert!(
            readme.contains(&format!("{stem}.json")),
            "web/course/README.md does not list {stem}.json"
        );
    }
}
