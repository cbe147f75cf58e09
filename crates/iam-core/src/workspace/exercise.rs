//! An exercise (`docs/workspace-format.md`, "Exercises"): what the student is asked to do, hints
//! revealed on demand, the documents the student may not change, and a reference solution. The checks
//! are the workspace's requests that have an `expect`.

use iam_json::Value;

use super::{inline, strings, Document, Workspace};
use crate::scenario::{fields, get, string, Errors};

/// The exercise of a workspace.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Exercise {
    /// What to do (Markdown).
    pub task: Option<String>,
    /// Revealed one at a time, on demand (Markdown).
    pub hints: Vec<String>,
    /// Documents the student may not change, by their name in [`Workspace::documents`]
    /// (`ReadPhotos`, `alice:Extra`, `Deployer:trust`, `photos:policy`, …).
    pub read_only: Vec<String>,
    /// A reference solution: documents, by the same names, that make every check pass.
    pub solution: Vec<(String, Document)>,
}

pub(super) fn read_exercise(value: &Value, text: &str, errors: &mut Errors) -> Exercise {
    let m = fields(
        value,
        "exercise",
        &["task", "hints", "readOnly", "solution"],
        errors,
    );
    let task = string(get(&m, "task"), "exercise.task", value.span, false, errors);
    let hints = strings(get(&m, "hints"), "exercise.hints", errors);
    let read_only = strings(get(&m, "readOnly"), "exercise.readOnly", errors);
    let solution = inline(get(&m, "solution"), "exercise.solution", text, errors);
    Exercise {
        task,
        hints,
        read_only,
        solution,
    }
}

impl Workspace {
    /// Problems of the exercise: `readOnly` and `solution` entries that name no document.
    pub(super) fn exercise_problems(&self) -> Vec<(String, String)> {
        let Some(exercise) = &self.exercise else {
            return Vec::new();
        };
        let names: Vec<String> = self.documents().into_iter().map(|(p, _)| p.name).collect();
        let known = |n: &str| names.iter().any(|x| x == n);
        let mut out = Vec::new();
        for (i, n) in exercise.read_only.iter().enumerate() {
            if !known(n) {
                out.push((
                    format!("exercise.readOnly[{i}]"),
                    format!("`{n}` is not the name of one of the workspace's documents"),
                ));
            }
        }
        for (n, _) in &exercise.solution {
            if !known(n) {
                out.push((
                    format!("exercise.solution.\"{n}\""),
                    format!("`{n}` is not the name of one of the workspace's documents"),
                ));
            }
        }
        out
    }

    /// Whether document `index` of [`Workspace::documents`] is read-only in the exercise.
    pub fn is_read_only(&self, index: usize) -> bool {
        let Some(exercise) = &self.exercise else {
            return false;
        };
        self.documents()
            .get(index)
            .is_some_and(|(p, _)| exercise.read_only.contains(&p.name))
    }

    /// The workspace with the exercise's solution in place of the documents it names.
    pub fn solved(&self) -> Workspace {
        let mut out = self.clone();
        let Some(exercise) = &self.exercise else {
            return out;
        };
        let names: Vec<String> = self.documents().into_iter().map(|(p, _)| p.name).collect();
        for (name, document) in &exercise.solution {
            if let Some(index) = names.iter().position(|n| n == name) {
                if let Some(d) = out.document_mut(index) {
                    *d = document.clone();
                }
            }
        }
        out
    }

    /// `(passed, total)` over the requests that have an `expect` (no catalog).
    pub fn checks(&self) -> (usize, usize) {
        let mut passed = 0;
        let mut total = 0;
        let mut runner = self.runner();
        for (i, r) in self.requests.iter().enumerate() {
            if let Some(expect) = r.expect {
                total += 1;
                if runner.run(i, None).and_then(|run| run.decision) == Some(expect) {
                    passed += 1;
                }
            }
        }
        (passed, total)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use crate::parse_workspace;

    const EXERCISE: &str = r#"{
      "version": 2,
      "title": "Stop alice deleting photos",
      "policies": [{"name": "ReadPhotos", "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:DeleteObject"], "Resource": "arn:aws:s3:::photos/*"}]}}],
      "accounts": {"111122223333": {"users": {"alice": {"policies": ["ReadPhotos"]}}}},
      "exercise": {
        "task": "Change `ReadPhotos` so that alice can read but not delete.",
        "hints": ["Which actions does the statement allow?"],
        "readOnly": [],
        "solution": {"ReadPhotos": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*"}]}}
      },
      "requests": [
        {"name": "read", "principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::photos/a.jpg", "expect": "allowed"},
        {"name": "delete", "principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:DeleteObject", "resource": "arn:aws:s3:::photos/a.jpg", "expect": "implicitDeny"}
      ]
    }"#;

    #[test]
    fn the_solution_passes_every_check() {
        let ws = parse_workspace(EXERCISE).unwrap();
        assert_eq!(ws.checks(), (1, 2));
        assert_eq!(ws.solved().checks(), (2, 2));
        let exercise = ws.exercise.as_ref().unwrap();
        assert_eq!(exercise.hints.len(), 1);
        assert!(exercise.task.as_deref().unwrap().contains("ReadPhotos"));
        // Written and read back.
        let again = parse_workspace(&ws.to_json()).unwrap();
        assert_eq!(again.exercise.as_ref().unwrap().hints, exercise.hints);
        assert_eq!(again.solved().checks(), (2, 2));
    }

    #[test]
    fn unknown_names_are_errors_with_positions() {
        let bad = EXERCISE.replace(r#""readOnly": []"#, r#""readOnly": ["Nope"]"#);
        let errors = parse_workspace(&bad).unwrap_err();
        assert!(
            errors
                .iter()
                .any(|e| e.field == "exercise.readOnly[0]" && e.start.line > 1),
            "{errors:?}"
        );
        let bad = EXERCISE.replace(r#""hints": ["#, r#""hint": ["#);
        assert!(parse_workspace(&bad).is_err());
    }

    #[test]
    fn read_only_documents_by_index() {
        let bad = EXERCISE.replace(r#""readOnly": []"#, r#""readOnly": ["ReadPhotos"]"#);
        let ws = parse_workspace(&bad).unwrap();
        assert!(ws.is_read_only(0));
        assert!(!ws.is_read_only(1));
    }
}
