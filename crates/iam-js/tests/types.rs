//! The package's TypeScript declarations (`crates/iam-js/js/types.d.ts`) are generated from the
//! Rust types (`tests/typegen`): the core's `Diagnostic`, `Evaluation`, `Explanation`, … and this
//! crate's results (`src/out.rs`).
//!
//! - `declarations_are_up_to_date` fails when the checked-in file is not what the types give.
//!   Regenerate it with `IAMPLAY_BLESS=1 cargo test -p iam-js --test types`.
//! - `results_fit_the_declarations` checks the JSON of real results (every example, workspace and
//!   corpus case, with and without the catalog, and the errors) against the same declarations.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::disallowed_methods)] // the harness reads the sources and the corpus
#![allow(clippy::unwrap_used, clippy::panic)] // test helpers outside `#[test]` functions may fail loudly

mod typegen;

use std::path::{Path, PathBuf};

use serde_json::Value;
use typegen::Model;

/// The types the package's calls return (`js/api.d.ts` names them).
const ROOTS: &[&str] = &["AnalyzeResult", "CheckResult", "LintResult", "Failure"];

const HEADER: &str = "\
// The types of what iamplay's JavaScript package returns: generated from the Rust types
// (crates/iam-core, crates/iam-json, crates/iam-js/src/out.rs) by crates/iam-js/tests/types.rs.
// Do not edit: regenerate with `IAMPLAY_BLESS=1 cargo test -p iam-js --test types`.
";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn model() -> Model {
    let repo = repo();
    typegen::read_dirs(&[
        &repo.join("crates/iam-json/src"),
        &repo.join("crates/iam-core/src"),
        &repo.join("crates/iam-js/src"),
    ])
    .unwrap()
}

#[test]
fn declarations_are_up_to_date() {
    let generated = model().typescript(ROOTS, HEADER).unwrap();
    let path = repo().join("crates/iam-js/js/types.d.ts");
    if std::env::var_os("IAMPLAY_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "{} is stale: the Rust types changed. Regenerate it with \
         `IAMPLAY_BLESS=1 cargo test -p iam-js --test types`",
        path.display()
    );
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn fits(model: &Model, root: &str, answer: &str, what: &str) -> Value {
    let value: Value = serde_json::from_str(answer).unwrap();
    if let Err(e) = model.check(root, &value) {
        panic!("{what}: the {root} does not fit js/types.d.ts: {e}");
    }
    value
}

#[test]
fn results_fit_the_declarations() {
    let model = model();
    let repo = repo();
    let catalog = iam_js::load_catalog(&read(&repo.join("data/catalog.json"))).unwrap();
    let mut decisions = std::collections::BTreeSet::new();
    let mut checked = 0;

    // Scenarios and workspaces as files: the examples and the workspace corpus.
    let mut files = json_files(&repo.join("examples"));
    files.extend(json_files(&repo.join("examples/workspaces")));
    files.extend(json_files(&repo.join("tests/corpus/workspaces")));
    for path in &files {
        let text = read(path);
        for catalog in [None, Some(&catalog)] {
            let what = format!("{} (catalog: {})", path.display(), catalog.is_some());
            let result = iam_js::analyze(&text, catalog).unwrap();
            let value = fits(&model, "AnalyzeResult", &result, &what);
            if let Some(d) = value["decision"].as_str() {
                decisions.insert(d.to_string());
            }
            let result = iam_js::check(&text, catalog).unwrap();
            fits(&model, "CheckResult", &result, &what);
            checked += 2;
        }
    }

    // Every case of the evaluation corpus, as a scenario file.
    for path in json_files(&repo.join("tests/corpus/eval")) {
        let file: Value = serde_json::from_str(&read(&path)).unwrap();
        for case in file["cases"].as_array().unwrap() {
            let text = serde_json::to_string_pretty(&case["scenario"]).unwrap();
            let what = format!("{} {}", path.display(), case["name"]);
            let result = iam_js::analyze(&text, None).unwrap();
            let value = fits(&model, "AnalyzeResult", &result, &what);
            assert_eq!(value["kind"], "scenario", "{what}");
            assert_eq!(value["decision"], case["expect"]["decision"], "{what}");
            decisions.insert(value["decision"].as_str().unwrap().to_string());
            checked += 1;
        }
    }
    assert_eq!(decisions.len(), 3, "{decisions:?}");

    // Every case of the lint corpus (those of `catalog/` with the catalog).
    let lint_files = json_files(&repo.join("tests/corpus/lint"))
        .into_iter()
        .map(|p| (p, None))
        .chain(
            json_files(&repo.join("tests/corpus/lint/catalog"))
                .into_iter()
                .map(|p| (p, Some(&catalog))),
        );
    for (path, catalog) in lint_files {
        let file: Value = serde_json::from_str(&read(&path)).unwrap();
        for case in file["cases"].as_array().unwrap() {
            let what = format!("{} {}", path.display(), case["name"]);
            let policy = case["policy"].as_str().unwrap();
            let policy_type = case["type"].as_str().unwrap();
            let result = iam_js::lint(policy, policy_type, catalog).unwrap();
            fits(&model, "LintResult", &result, &what);
            checked += 1;
        }
    }

    // What the calls throw.
    for (text, what) in [
        ("{\"request\": ", "truncated JSON"),
        (
            "{\"request\": {\"principal\": 3}, \"policies\": []}",
            "a wrong type",
        ),
        (
            "{\"version\": 2, \"requests\": [{\"name\": 1}]}",
            "a bad workspace",
        ),
    ] {
        let failure = iam_js::analyze(text, None).unwrap_err();
        let value = fits(&model, "Failure", &failure, what);
        assert!(!value["errors"].as_array().unwrap().is_empty(), "{what}");
    }
    let failure = iam_js::lint("{}", "bucket", None).unwrap_err();
    fits(&model, "Failure", &failure, "an unknown policy type");
    let failure = iam_js::load_catalog("{}").map(|_| ()).unwrap_err();
    fits(&model, "Failure", &failure, "a catalog that is not one");
    assert!(checked > 700, "{checked} results checked");
}

/// The generator and the checker on a made-up source that uses every serde attribute they read.
#[test]
fn generator_reads_serde_attributes() {
    let source = r#"
        /// A thing.
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        pub struct Thing<'a> {
            /// Its name.
            pub the_name: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            pub maybe: Option<u32>,
            pub or_null: Option<Kind>,
            #[serde(skip_serializing_if = "Vec::is_empty")]
            pub list: Vec<Option<String>>,
            #[serde(rename = "type")]
            pub kind: Kind,
            #[serde(skip)]
            pub hidden: u8,
            #[serde(flatten)]
            pub base: Base,
            pub shape: Shape,
            pub pair: (u8, bool),
        }
        #[derive(Serialize)]
        pub struct Base { pub id: usize }
        #[derive(Clone, Serialize)]
        #[serde(rename_all = "camelCase")]
        pub enum Kind { PlainOne, #[serde(rename = "two!")] Two }
        #[derive(Serialize)]
        #[serde(tag = "shape", rename_all = "camelCase")]
        pub enum Shape {
            Dot,
            #[serde(rename_all = "camelCase")]
            Box { side_len: u32 },
            Wrapped(Base),
        }
        #[derive(Serialize)]
        #[serde(untagged)]
        pub enum Either { One(String), Many(Vec<String>) }
        macro_rules! ids { ($($id:ident),*) => { #[derive(Serialize)] pub enum Id { $($id),* } }; }
        ids!(A1, B2);
        #[cfg(test)]
        mod tests { #[derive(Serialize)] pub struct Thing { x: u8 } }
    "#;
    let model = Model::from_sources(&[("thing.rs", source)]).unwrap();
    let ts = model
        .typescript(&["Thing", "Either", "Id"], "// header\n")
        .unwrap();
    let expected = r#"// header

/** A thing. */
export type Thing = Base & {
  /** Its name. */
  theName: string;
  maybe?: number;
  orNull: Kind | null;
  list?: (string | null)[];
  type: Kind;
  shape: Shape;
  pair: [number, boolean];
};

export interface Base {
  id: number;
}

export type Kind =
  | "plainOne"
  | "two!";

export type Shape =
  | { shape: "dot" }
  | { shape: "box"; sideLen: number }
  | (Base & { shape: "wrapped" });

export type Either =
  | string
  | string[];

export type Id =
  | "A1"
  | "B2";
"#;
    assert_eq!(ts, expected);

    let ok = serde_json::json!({
        "theName": "x", "orNull": null, "type": "two!", "id": 1,
        "shape": { "shape": "box", "sideLen": 2 }, "pair": [1, true]
    });
    model.check("Thing", &ok).unwrap();
    let mut wrong = ok.clone();
    wrong["type"] = "two".into();
    assert!(model.check("Thing", &wrong).is_err(), "an unknown literal");
    let mut wrong = ok.clone();
    wrong.as_object_mut().unwrap().remove("orNull");
    assert!(
        model.check("Thing", &wrong).is_err(),
        "a missing required field"
    );
    let mut wrong = ok.clone();
    wrong["extra"] = 1.into();
    assert!(model.check("Thing", &wrong).is_err(), "an undeclared field");
    let mut wrong = ok.clone();
    wrong.as_object_mut().unwrap().remove("id");
    assert!(
        model.check("Thing", &wrong).is_err(),
        "a flattened field missing"
    );
    let mut wrong = ok.clone();
    wrong["shape"] = serde_json::json!({ "shape": "wrapped" });
    assert!(
        model.check("Thing", &wrong).is_err(),
        "a tagged newtype without its fields"
    );
    wrong["shape"] = serde_json::json!({ "shape": "wrapped", "id": 3 });
    model.check("Thing", &wrong).unwrap();
    let mut wrong = ok;
    wrong["maybe"] = Value::Null;
    assert!(
        model.check("Thing", &wrong).is_err(),
        "null where the field is left out"
    );
    model.check("Either", &serde_json::json!(["a"])).unwrap();
    assert!(model.check("Either", &serde_json::json!(1)).is_err());
    model.check("Id", &serde_json::json!("B2")).unwrap();

    // What it does not understand is an error, never a guess.
    for (source, why) in [
        (
            "#[derive(Serialize)] pub struct M { m: HashMap<String, u8> }",
            "a map",
        ),
        (
            "#[derive(Serialize)] #[serde(into = \"X\")] pub struct M { m: u8 }",
            "`into`",
        ),
        (
            "#[derive(Serialize)] pub struct M { #[serde(serialize_with = \"f\")] m: u8 }",
            "`serialize_with`",
        ),
    ] {
        let result =
            Model::from_sources(&[("m.rs", source)]).and_then(|m| m.typescript(&["M"], ""));
        assert!(result.is_err(), "{why}");
    }
    let custom =
        "pub struct C; impl Serialize for C { } #[derive(Serialize)] pub struct M { c: C }";
    let model = Model::from_sources(&[("c.rs", custom)]).unwrap();
    assert!(
        model.typescript(&["M"], "").is_err(),
        "a hand-written impl Serialize"
    );
    let missing = "#[derive(Serialize)] pub struct M { c: Elsewhere }";
    let model = Model::from_sources(&[("m.rs", missing)]).unwrap();
    assert!(model.typescript(&["M"], "").is_err(), "a type not found");
}
