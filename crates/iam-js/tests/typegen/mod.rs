//! TypeScript declarations from the Rust types, read from their source: every `struct` and `enum`
//! that derives `Serialize` in the scanned crates, with its serde attributes (`rename_all`,
//! `rename`, `tag`, `untagged`, `transparent`, `skip`, `skip_serializing_if`, `flatten`) applied
//! as serde applies them, and its doc comments kept. No derive is added to the core, so the
//! playground's wasm is untouched.
//!
//! The same model checks JSON values ([`Model::check`]): the tests serialize real results and
//! check each one against the declarations, so a declaration that does not say what serde
//! writes fails. Anything the generator does not understand (a hand-written `impl Serialize`, an
//! unknown serde attribute, a map, a generic type) is an error, never a guess.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;
use syn::{Attribute, Fields, Item, LitStr, Type};

/// A TypeScript type.
#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    String,
    Number,
    Boolean,
    Null,
    /// A string literal type: `"allowed"`.
    Literal(String),
    Array(Box<Ty>),
    /// `T | null`.
    Nullable(Box<Ty>),
    Tuple(Vec<Ty>),
    /// A declared type, by name.
    Named(String),
    /// An object type: its fields, and the object types flattened into it.
    Object(Object),
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Object {
    pub fields: Vec<Field>,
    pub flatten: Vec<Ty>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: String,
    pub ty: Ty,
    /// Left out of the JSON when empty (`skip_serializing_if`): `name?: T`.
    pub optional: bool,
    pub docs: String,
}

/// One declared type.
#[derive(Clone, Debug, PartialEq)]
pub struct Decl {
    pub name: String,
    pub docs: String,
    pub body: Body,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    /// `export interface Name { … }` (or a type alias when it flattens other types).
    Object(Object),
    /// `export type Name = | A | B`, each alternative with its docs.
    Union(Vec<(String, Ty)>),
    /// `export type Name = T`.
    Alias(Ty),
}

/// Every serializable type found in the sources, by name.
#[derive(Debug, Default)]
pub struct Model {
    decls: BTreeMap<String, Vec<Decl>>,
    /// Types with a hand-written `impl Serialize`: their JSON is not known.
    custom: BTreeSet<String>,
}

/// Read every `.rs` file under each directory (recursively; `#[cfg(test)]` modules left out).
pub fn read_dirs(dirs: &[&Path]) -> Result<Model, String> {
    let mut sources = Vec::new();
    for dir in dirs {
        collect_files(dir, &mut sources)?;
    }
    sources.sort();
    let mut texts = Vec::new();
    for path in &sources {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        texts.push((path.display().to_string(), text));
    }
    let refs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    Model::from_sources(&refs)
}

fn collect_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

impl Model {
    /// Read the serializable types of these `(file name, source)` pairs.
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<Model, String> {
        let mut model = Model::default();
        let mut files = Vec::new();
        for (name, text) in sources {
            let file = syn::parse_file(text).map_err(|e| format!("{name}: {e}"))?;
            files.push((*name, file));
        }
        // Enums declared by a `macro_rules!` (trace.rs's `note_ids!`): macro name → enum name.
        let mut enum_macros = BTreeMap::new();
        for (name, file) in &files {
            walk(&file.items, &mut |item| {
                if let Item::Macro(m) = item {
                    if m.mac.path.is_ident("macro_rules") {
                        if let Some(ident) = &m.ident {
                            if let Some(found) = macro_enum(&m.mac.tokens.to_string()) {
                                let found =
                                    found.map_err(|e| format!("{name}: macro `{ident}`: {e}"))?;
                                enum_macros.insert(ident.to_string(), found);
                            }
                        }
                    }
                }
                Ok(())
            })?;
        }
        for (name, file) in &files {
            walk(&file.items, &mut |item| {
                model
                    .read_item(item, &enum_macros)
                    .map_err(|e| format!("{name}: {e}"))
            })?;
        }
        Ok(model)
    }

    fn add(&mut self, decl: Decl) {
        self.decls.entry(decl.name.clone()).or_default().push(decl);
    }

    fn read_item(
        &mut self,
        item: &Item,
        enum_macros: &BTreeMap<String, String>,
    ) -> Result<(), String> {
        match item {
            Item::Struct(s) if derives_serialize(&s.attrs) => {
                let name = s.ident.to_string();
                if s.generics.type_params().count() > 0 {
                    return Err(format!("`{name}` has type parameters"));
                }
                let container = Container::read(&s.attrs).map_err(|e| format!("`{name}`: {e}"))?;
                let body =
                    struct_body(&s.fields, &container).map_err(|e| format!("`{name}`: {e}"))?;
                self.add(Decl {
                    name,
                    docs: docs(&s.attrs),
                    body,
                });
            }
            Item::Enum(e) if derives_serialize(&e.attrs) => {
                let name = e.ident.to_string();
                if e.generics.type_params().count() > 0 {
                    return Err(format!("`{name}` has type parameters"));
                }
                let container =
                    Container::read(&e.attrs).map_err(|err| format!("`{name}`: {err}"))?;
                let body = enum_body(e, &container).map_err(|err| format!("`{name}`: {err}"))?;
                self.add(Decl {
                    name,
                    docs: docs(&e.attrs),
                    body,
                });
            }
            Item::Impl(i) => {
                if let Some((_, path, _)) = &i.trait_ {
                    if path.segments.last().is_some_and(|s| s.ident == "Serialize") {
                        if let Type::Path(p) = &*i.self_ty {
                            if let Some(last) = p.path.segments.last() {
                                self.custom.insert(last.ident.to_string());
                            }
                        }
                    }
                }
            }
            Item::Macro(m) => {
                let Some(macro_name) = m.mac.path.get_ident().map(|i| i.to_string()) else {
                    return Ok(());
                };
                let Some(enum_name) = enum_macros.get(&macro_name) else {
                    return Ok(());
                };
                let variants = m
                    .mac
                    .parse_body_with(macro_variants)
                    .map_err(|e| format!("`{macro_name}!`: {e}"))?;
                self.add(Decl {
                    name: enum_name.clone(),
                    docs: String::new(),
                    body: Body::Union(
                        variants
                            .into_iter()
                            .map(|v| (String::new(), Ty::Literal(v)))
                            .collect(),
                    ),
                });
            }
            _ => {}
        }
        Ok(())
    }

    fn decl(&self, name: &str) -> Result<&Decl, String> {
        if self.custom.contains(name) {
            return Err(format!(
                "`{name}` has a hand-written `impl Serialize`: its JSON is not known"
            ));
        }
        match self.decls.get(name).map(Vec::as_slice) {
            Some([one]) => Ok(one),
            Some(_) => Err(format!("two serializable types are named `{name}`")),
            None => Err(format!(
                "`{name}` does not derive `Serialize` in the scanned sources"
            )),
        }
    }

    /// The declarations of `roots` and of every type they use, in the order first reached.
    pub fn reachable(&self, roots: &[&str]) -> Result<Vec<&Decl>, String> {
        let mut order = Vec::new();
        let mut seen = BTreeSet::new();
        for root in roots {
            self.visit(root, &mut seen, &mut order)?;
        }
        Ok(order)
    }

    fn visit<'m>(
        &'m self,
        name: &str,
        seen: &mut BTreeSet<String>,
        order: &mut Vec<&'m Decl>,
    ) -> Result<(), String> {
        if !seen.insert(name.to_string()) {
            return Ok(());
        }
        let decl = self.decl(name)?;
        order.push(decl);
        let mut names = Vec::new();
        match &decl.body {
            Body::Object(o) => object_names(o, &mut names),
            Body::Union(alts) => alts.iter().for_each(|(_, t)| ty_names(t, &mut names)),
            Body::Alias(t) => ty_names(t, &mut names),
        }
        for n in names {
            self.visit(&n, seen, order)?;
        }
        Ok(())
    }

    /// The TypeScript declarations of `roots` and everything they use.
    pub fn typescript(&self, roots: &[&str], header: &str) -> Result<String, String> {
        let mut out = String::from(header);
        for decl in self.reachable(roots)? {
            out.push('\n');
            out.push_str(&doc_comment(&decl.docs, ""));
            match &decl.body {
                Body::Object(o) if o.flatten.is_empty() => {
                    out.push_str(&format!(
                        "export interface {} {}\n",
                        decl.name,
                        object_block(o, "")
                    ));
                }
                Body::Object(o) => {
                    out.push_str(&format!(
                        "export type {} = {};\n",
                        decl.name,
                        object_ts(o, "", true)
                    ));
                }
                Body::Alias(t) => {
                    out.push_str(&format!("export type {} = {};\n", decl.name, ty_ts(t)))
                }
                Body::Union(alts) => {
                    out.push_str(&format!("export type {} =\n", decl.name));
                    for (docs, t) in alts {
                        out.push_str(&doc_comment(docs, "  "));
                        out.push_str(&format!("  | {}\n", union_member_ts(t)));
                    }
                    // The last line ends the statement.
                    if out.ends_with('\n') {
                        out.pop();
                    }
                    out.push_str(";\n");
                }
            }
        }
        Ok(out)
    }

    /// Whether `value` is what type `name` declares; the first mismatch, with its JSON path.
    pub fn check(&self, name: &str, value: &Value) -> Result<(), String> {
        self.check_ty(&Ty::Named(name.to_string()), value, "$")
    }

    fn check_ty(&self, ty: &Ty, value: &Value, at: &str) -> Result<(), String> {
        let mismatch = || {
            Err(format!(
                "{at}: expected {}, found {}",
                ty_ts(ty),
                short(value)
            ))
        };
        match ty {
            Ty::String if value.is_string() => Ok(()),
            Ty::Number if value.is_number() => Ok(()),
            Ty::Boolean if value.is_boolean() => Ok(()),
            Ty::Null if value.is_null() => Ok(()),
            Ty::Literal(s) if value.as_str() == Some(s) => Ok(()),
            Ty::Array(item) => match value.as_array() {
                Some(items) => items
                    .iter()
                    .enumerate()
                    .try_for_each(|(i, v)| self.check_ty(item, v, &format!("{at}[{i}]"))),
                None => mismatch(),
            },
            Ty::Nullable(inner) => match value {
                Value::Null => Ok(()),
                v => self.check_ty(inner, v, at),
            },
            Ty::Tuple(items) => match value.as_array() {
                Some(values) if values.len() == items.len() => items
                    .iter()
                    .zip(values)
                    .enumerate()
                    .try_for_each(|(i, (t, v))| self.check_ty(t, v, &format!("{at}[{i}]"))),
                _ => mismatch(),
            },
            Ty::Named(name) => match &self.decl(name)?.body {
                Body::Object(o) => self.check_object(o, value, at),
                Body::Alias(t) => self.check_ty(t, value, at),
                Body::Union(alts) => {
                    let mut failures = Vec::new();
                    for (_, alt) in alts {
                        match self.check_ty(alt, value, at) {
                            Ok(()) => return Ok(()),
                            Err(e) => failures.push(e),
                        }
                    }
                    Err(format!(
                        "{at}: no alternative of `{name}` fits: {}",
                        failures.join("; ")
                    ))
                }
            },
            Ty::Object(o) => self.check_object(o, value, at),
            _ => mismatch(),
        }
    }

    fn check_object(&self, object: &Object, value: &Value, at: &str) -> Result<(), String> {
        let Some(members) = value.as_object() else {
            return Err(format!("{at}: expected an object, found {}", short(value)));
        };
        let mut fields = Vec::new();
        self.object_fields(object, &mut fields)?;
        for f in &fields {
            match members.get(&f.name) {
                Some(v) => self.check_ty(&f.ty, v, &format!("{at}.{}", f.name))?,
                None if f.optional => {}
                None => return Err(format!("{at}: the required field `{}` is missing", f.name)),
            }
        }
        for key in members.keys() {
            if !fields.iter().any(|f| &f.name == key) {
                return Err(format!("{at}: the field `{key}` is not declared"));
            }
        }
        Ok(())
    }

    /// The fields of an object type, those of the types it flattens included.
    fn object_fields<'m>(
        &'m self,
        object: &'m Object,
        out: &mut Vec<&'m Field>,
    ) -> Result<(), String> {
        for t in &object.flatten {
            match t {
                Ty::Object(o) => self.object_fields(o, out)?,
                Ty::Named(n) => match &self.decl(n)?.body {
                    Body::Object(o) => self.object_fields(o, out)?,
                    _ => return Err(format!("`{n}` is flattened but is not a struct")),
                },
                other => {
                    return Err(format!(
                        "`{}` is flattened but is not a struct",
                        ty_ts(other)
                    ))
                }
            }
        }
        out.extend(object.fields.iter());
        Ok(())
    }
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", text.get(..i).unwrap_or("")),
        None => text,
    }
}

fn walk(items: &[Item], f: &mut dyn FnMut(&Item) -> Result<(), String>) -> Result<(), String> {
    for item in items {
        if let Item::Mod(m) = item {
            if is_cfg_test(&m.attrs) {
                continue;
            }
            if let Some((_, inner)) = &m.content {
                walk(inner, f)?;
            }
            continue;
        }
        f(item)?;
    }
    Ok(())
}

fn is_cfg_test(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.meta
                .require_list()
                .is_ok_and(|l| l.tokens.to_string().split_whitespace().any(|t| t == "test"))
    })
}

fn derives_serialize(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| {
        let mut found = false;
        if a.path().is_ident("derive") {
            let _ = a.parse_nested_meta(|meta| {
                if meta
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "Serialize")
                {
                    found = true;
                }
                Ok(())
            });
        }
        found
    })
}

/// The variants a macro-declared enum's invocation lists: the first identifier of each
/// comma-separated entry (`A1, A2` in `note_ids!`; `MISSING_EFFECT: Error AccessAnalyzer` in
/// `codes!`, whose other words are the variant's data, not its name).
fn macro_variants(input: syn::parse::ParseStream<'_>) -> syn::Result<Vec<String>> {
    let mut variants = Vec::new();
    while !input.is_empty() {
        let name: syn::Ident = input.parse()?;
        variants.push(name.to_string());
        while !input.is_empty() && !input.peek(syn::Token![,]) {
            input.step(|cursor| {
                cursor
                    .token_tree()
                    .map(|(_, rest)| ((), rest))
                    .ok_or_else(|| cursor.error("unexpected end of the entry"))
            })?;
        }
        if !input.is_empty() {
            input.parse::<syn::Token![,]>()?;
        }
    }
    Ok(variants)
}

/// The enum a `macro_rules!` body declares with `derive(… Serialize)` and `$(…),*` variants.
fn macro_enum(body: &str) -> Option<Result<String, String>> {
    let tokens: Vec<&str> = body.split_whitespace().collect();
    let position = tokens.iter().position(|t| *t == "enum")?;
    let name = tokens.get(position + 1)?;
    let before = tokens.get(..position)?;
    if !before.iter().any(|t| t.contains("Serialize")) {
        return None;
    }
    if body.contains("serde") {
        return Some(Err(
            "serde attributes in a macro-declared enum are not read".into(),
        ));
    }
    Some(Ok(name.to_string()))
}

fn docs(attrs: &[Attribute]) -> String {
    let mut lines = Vec::new();
    for a in attrs {
        if !a.path().is_ident("doc") {
            continue;
        }
        if let syn::Meta::NameValue(nv) = &a.meta {
            if let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) = &nv.value
            {
                let line = s.value();
                lines.push(line.strip_prefix(' ').unwrap_or(&line).to_string());
            }
        }
    }
    lines.join("\n").trim().to_string()
}

/// serde's container attributes that matter for serialization.
#[derive(Default)]
struct Container {
    rename_all: Option<String>,
    tag: Option<String>,
    untagged: bool,
    transparent: bool,
}

impl Container {
    fn read(attrs: &[Attribute]) -> Result<Container, String> {
        let mut c = Container::default();
        for a in attrs.iter().filter(|a| a.path().is_ident("serde")) {
            a.parse_nested_meta(|meta| {
                let key = meta
                    .path
                    .get_ident()
                    .map(|i| i.to_string())
                    .unwrap_or_default();
                match key.as_str() {
                    "rename_all" => c.rename_all = Some(meta.value()?.parse::<LitStr>()?.value()),
                    "tag" => c.tag = Some(meta.value()?.parse::<LitStr>()?.value()),
                    "untagged" => c.untagged = true,
                    "transparent" => c.transparent = true,
                    // Deserialization only.
                    "deny_unknown_fields" | "default" | "from" | "try_from" | "bound" | "crate" => {
                        if meta.input.peek(syn::Token![=]) {
                            let _: syn::Expr = meta.value()?.parse()?;
                        }
                    }
                    other => {
                        return Err(meta.error(format!("serde attribute `{other}` is not read")))
                    }
                }
                Ok(())
            })
            .map_err(|e| e.to_string())?;
        }
        Ok(c)
    }
}

/// serde's field (and variant) attributes.
#[derive(Default)]
struct FieldAttrs {
    rename: Option<String>,
    rename_all: Option<String>,
    skip: bool,
    skip_if: Option<String>,
    flatten: bool,
}

impl FieldAttrs {
    fn read(attrs: &[Attribute]) -> Result<FieldAttrs, String> {
        let mut f = FieldAttrs::default();
        for a in attrs.iter().filter(|a| a.path().is_ident("serde")) {
            a.parse_nested_meta(|meta| {
                let key = meta
                    .path
                    .get_ident()
                    .map(|i| i.to_string())
                    .unwrap_or_default();
                match key.as_str() {
                    "rename" => f.rename = Some(meta.value()?.parse::<LitStr>()?.value()),
                    "rename_all" => f.rename_all = Some(meta.value()?.parse::<LitStr>()?.value()),
                    "skip" | "skip_serializing" => f.skip = true,
                    "skip_serializing_if" => {
                        f.skip_if = Some(meta.value()?.parse::<LitStr>()?.value())
                    }
                    "flatten" => f.flatten = true,
                    "skip_deserializing" | "default" | "alias" | "borrow" | "bound" => {
                        if meta.input.peek(syn::Token![=]) {
                            let _: syn::Expr = meta.value()?.parse()?;
                        }
                    }
                    other => {
                        return Err(meta.error(format!("serde attribute `{other}` is not read")))
                    }
                }
                Ok(())
            })
            .map_err(|e| e.to_string())?;
        }
        Ok(f)
    }
}

fn struct_body(fields: &Fields, container: &Container) -> Result<Body, String> {
    if container.tag.is_some() || container.untagged {
        return Err("`tag`/`untagged` on a struct is not read".into());
    }
    match fields {
        Fields::Named(named) => {
            if container.transparent {
                let only = single_field(named.named.iter())?;
                return Ok(Body::Alias(rust_type(&only.ty)?));
            }
            Ok(Body::Object(named_fields(
                named.named.iter(),
                container.rename_all.as_deref(),
            )?))
        }
        Fields::Unnamed(unnamed) => {
            let kept: Vec<_> = unnamed
                .unnamed
                .iter()
                .map(|f| FieldAttrs::read(&f.attrs).map(|a| (f, a)))
                .collect::<Result<_, _>>()?;
            let kept: Vec<_> = kept.into_iter().filter(|(_, a)| !a.skip).collect();
            match kept.as_slice() {
                [(one, _)] => Ok(Body::Alias(rust_type(&one.ty)?)),
                many => Ok(Body::Alias(Ty::Tuple(
                    many.iter()
                        .map(|(f, _)| rust_type(&f.ty))
                        .collect::<Result<_, _>>()?,
                ))),
            }
        }
        Fields::Unit => Ok(Body::Alias(Ty::Null)),
    }
}

fn single_field<'a>(
    mut fields: impl Iterator<Item = &'a syn::Field>,
) -> Result<&'a syn::Field, String> {
    match (fields.next(), fields.next()) {
        (Some(one), None) => Ok(one),
        _ => Err("`transparent` needs exactly one field".into()),
    }
}

fn named_fields<'a>(
    fields: impl Iterator<Item = &'a syn::Field>,
    rename_all: Option<&str>,
) -> Result<Object, String> {
    let mut object = Object::default();
    for f in fields {
        let attrs = FieldAttrs::read(&f.attrs)?;
        if attrs.skip {
            continue;
        }
        let ty = rust_type(&f.ty)?;
        if attrs.flatten {
            object.flatten.push(ty);
            continue;
        }
        let ident = f.ident.as_ref().map(|i| i.to_string()).unwrap_or_default();
        let ident = ident.strip_prefix("r#").unwrap_or(&ident).to_string();
        let name = match (attrs.rename, rename_all) {
            (Some(r), _) => r,
            (None, Some(rule)) => rename_field(&ident, rule)?,
            (None, None) => ident,
        };
        let (ty, optional) = match (&attrs.skip_if, ty) {
            // `None` is never written: the field is there with a value, or not at all.
            (Some(p), Ty::Nullable(inner)) if p == "Option::is_none" => (*inner, true),
            (Some(_), ty) => (ty, true),
            (None, ty) => (ty, false),
        };
        object.fields.push(Field {
            name,
            ty,
            optional,
            docs: docs(&f.attrs),
        });
    }
    Ok(object)
}

fn enum_body(e: &syn::ItemEnum, container: &Container) -> Result<Body, String> {
    if container.transparent {
        return Err("`transparent` on an enum".into());
    }
    let mut alts = Vec::new();
    for v in &e.variants {
        let attrs = FieldAttrs::read(&v.attrs)?;
        if attrs.skip {
            continue;
        }
        let ident = v.ident.to_string();
        let name = match (&attrs.rename, container.rename_all.as_deref()) {
            (Some(r), _) => r.clone(),
            (None, Some(rule)) => rename_variant(&ident, rule)?,
            (None, None) => ident,
        };
        let rule = attrs.rename_all.as_deref();
        let ty = match (&v.fields, container.untagged, &container.tag) {
            (Fields::Unit, true, _) => Ty::Null,
            (Fields::Unit, false, None) => Ty::Literal(name),
            (Fields::Unit, false, Some(tag)) => Ty::Object(Object {
                fields: vec![tag_field(tag, &name)],
                flatten: Vec::new(),
            }),
            (Fields::Named(named), untagged, tag) => {
                let mut object = named_fields(named.named.iter(), rule)?;
                match (untagged, tag) {
                    (true, _) => Ty::Object(object),
                    (false, Some(tag)) => {
                        object.fields.insert(0, tag_field(tag, &name));
                        Ty::Object(object)
                    }
                    (false, None) => external(&name, Ty::Object(object)),
                }
            }
            (Fields::Unnamed(unnamed), untagged, tag) => {
                let types: Vec<Ty> = unnamed
                    .unnamed
                    .iter()
                    .map(|f| rust_type(&f.ty))
                    .collect::<Result<_, _>>()?;
                let inner = match types.as_slice() {
                    [one] => one.clone(),
                    _ => Ty::Tuple(types.clone()),
                };
                match (untagged, tag) {
                    (true, _) => inner,
                    (false, None) => external(&name, inner),
                    (false, Some(tag)) => match types.as_slice() {
                        // The inner struct's fields next to the tag.
                        [one] => Ty::Object(Object {
                            fields: vec![tag_field(tag, &name)],
                            flatten: vec![one.clone()],
                        }),
                        _ => {
                            return Err(format!(
                                "variant `{name}`: a tuple variant cannot be internally tagged"
                            ))
                        }
                    },
                }
            }
        };
        alts.push((docs(&v.attrs), ty));
    }
    Ok(Body::Union(alts))
}

fn tag_field(tag: &str, name: &str) -> Field {
    Field {
        name: tag.to_string(),
        ty: Ty::Literal(name.to_string()),
        optional: false,
        docs: String::new(),
    }
}

fn external(name: &str, inner: Ty) -> Ty {
    Ty::Object(Object {
        fields: vec![Field {
            name: name.to_string(),
            ty: inner,
            optional: false,
            docs: String::new(),
        }],
        flatten: Vec::new(),
    })
}

/// serde's `rename_all` for a field (written in snake_case).
fn rename_field(ident: &str, rule: &str) -> Result<String, String> {
    Ok(match rule {
        "lowercase" | "snake_case" => ident.to_string(),
        "UPPERCASE" | "SCREAMING_SNAKE_CASE" => ident.to_ascii_uppercase(),
        "kebab-case" => ident.replace('_', "-"),
        "SCREAMING-KEBAB-CASE" => ident.replace('_', "-").to_ascii_uppercase(),
        "camelCase" | "PascalCase" => {
            let mut out = String::new();
            let mut upper = rule == "PascalCase";
            for c in ident.chars() {
                if c == '_' {
                    upper = true;
                } else if upper {
                    out.extend(c.to_uppercase());
                    upper = false;
                } else {
                    out.push(c);
                }
            }
            out
        }
        other => return Err(format!("rename_all = \"{other}\" is not read")),
    })
}

/// serde's `rename_all` for a variant (written in PascalCase).
fn rename_variant(ident: &str, rule: &str) -> Result<String, String> {
    let snake = || {
        let mut out = String::new();
        for (i, c) in ident.chars().enumerate() {
            if c.is_uppercase() && i > 0 {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        }
        out
    };
    Ok(match rule {
        "PascalCase" => ident.to_string(),
        "lowercase" => ident.to_ascii_lowercase(),
        "UPPERCASE" => ident.to_ascii_uppercase(),
        "camelCase" => {
            let mut chars = ident.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => String::new(),
            }
        }
        "snake_case" => snake(),
        "SCREAMING_SNAKE_CASE" => snake().to_ascii_uppercase(),
        "kebab-case" => snake().replace('_', "-"),
        "SCREAMING-KEBAB-CASE" => snake().replace('_', "-").to_ascii_uppercase(),
        other => return Err(format!("rename_all = \"{other}\" is not read")),
    })
}

/// A Rust type as TypeScript.
fn rust_type(ty: &Type) -> Result<Ty, String> {
    match ty {
        Type::Reference(r) => rust_type(&r.elem),
        Type::Paren(p) => rust_type(&p.elem),
        Type::Group(g) => rust_type(&g.elem),
        Type::Slice(s) => Ok(Ty::Array(Box::new(rust_type(&s.elem)?))),
        Type::Array(a) => Ok(Ty::Array(Box::new(rust_type(&a.elem)?))),
        Type::Tuple(t) if t.elems.is_empty() => Ok(Ty::Null),
        Type::Tuple(t) => Ok(Ty::Tuple(
            t.elems.iter().map(rust_type).collect::<Result<_, _>>()?,
        )),
        Type::Path(p) if p.qself.is_none() => {
            let last = p
                .path
                .segments
                .last()
                .ok_or_else(|| "an empty type path".to_string())?;
            let args: Vec<&Type> = match &last.arguments {
                syn::PathArguments::AngleBracketed(a) => a
                    .args
                    .iter()
                    .filter_map(|arg| match arg {
                        syn::GenericArgument::Type(t) => Some(t),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            let name = last.ident.to_string();
            let one = || match args.as_slice() {
                [t] => rust_type(t),
                _ => Err(format!("`{name}` needs one type argument")),
            };
            match name.as_str() {
                "String" | "str" | "char" => Ok(Ty::String),
                "bool" => Ok(Ty::Boolean),
                "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize"
                | "f32" | "f64" | "NonZeroUsize" | "NonZeroU32" => Ok(Ty::Number),
                "Option" => Ok(Ty::Nullable(Box::new(one()?))),
                "Vec" | "VecDeque" => Ok(Ty::Array(Box::new(one()?))),
                "Box" | "Rc" | "Arc" => one(),
                "Cow" => match args.as_slice() {
                    [t] => rust_type(t),
                    _ => Err("`Cow` needs one type argument".into()),
                },
                "HashMap" | "BTreeMap" | "HashSet" | "BTreeSet" | "Value" => {
                    Err(format!("`{name}` is not read"))
                }
                _ if !args.is_empty() => Err(format!("`{name}` has type arguments")),
                _ => Ok(Ty::Named(name)),
            }
        }
        _ => Err("a type that is not a path, reference, slice, array or tuple is not read".into()),
    }
}

fn ty_names(ty: &Ty, out: &mut Vec<String>) {
    match ty {
        Ty::Named(n) => out.push(n.clone()),
        Ty::Array(t) | Ty::Nullable(t) => ty_names(t, out),
        Ty::Tuple(ts) => ts.iter().for_each(|t| ty_names(t, out)),
        Ty::Object(o) => object_names(o, out),
        _ => {}
    }
}

fn object_names(o: &Object, out: &mut Vec<String>) {
    o.flatten.iter().for_each(|t| ty_names(t, out));
    o.fields.iter().for_each(|f| ty_names(&f.ty, out));
}

fn quote_key(name: &str) -> String {
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if plain {
        name.to_string()
    } else {
        string_literal(name)
    }
}

fn string_literal(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

fn ty_ts(ty: &Ty) -> String {
    match ty {
        Ty::String => "string".into(),
        Ty::Number => "number".into(),
        Ty::Boolean => "boolean".into(),
        Ty::Null => "null".into(),
        Ty::Literal(s) => string_literal(s),
        Ty::Array(t) => match **t {
            Ty::Nullable(_) => format!("({})[]", ty_ts(t)),
            Ty::Object(ref o) if !o.flatten.is_empty() => format!("({})[]", ty_ts(t)),
            _ => format!("{}[]", ty_ts(t)),
        },
        Ty::Nullable(t) => format!("{} | null", ty_ts(t)),
        Ty::Tuple(ts) => format!("[{}]", ts.iter().map(ty_ts).collect::<Vec<_>>().join(", ")),
        Ty::Named(n) => n.clone(),
        Ty::Object(o) => object_ts(o, "", false),
    }
}

fn union_member_ts(ty: &Ty) -> String {
    match ty {
        Ty::Object(o) if !o.flatten.is_empty() => format!("({})", object_ts(o, "", false)),
        Ty::Nullable(_) => format!("({})", ty_ts(ty)),
        other => ty_ts(other),
    }
}

/// An object type: `A & { b: T }` when it flattens `A`.
fn object_ts(o: &Object, indent: &str, block: bool) -> String {
    let mut parts: Vec<String> = o.flatten.iter().map(ty_ts).collect();
    if !o.fields.is_empty() || parts.is_empty() {
        parts.push(if block {
            object_block(o, indent)
        } else {
            object_inline(o)
        });
    }
    parts.join(" & ")
}

fn field_ts(f: &Field) -> String {
    format!(
        "{}{}: {}",
        quote_key(&f.name),
        if f.optional { "?" } else { "" },
        ty_ts(&f.ty)
    )
}

fn object_inline(o: &Object) -> String {
    if o.fields.is_empty() {
        return "{}".into();
    }
    format!(
        "{{ {} }}",
        o.fields.iter().map(field_ts).collect::<Vec<_>>().join("; ")
    )
}

fn object_block(o: &Object, indent: &str) -> String {
    let inner = format!("{indent}  ");
    let mut out = String::from("{\n");
    for f in &o.fields {
        out.push_str(&doc_comment(&f.docs, &inner));
        out.push_str(&format!("{inner}{};\n", field_ts(f)));
    }
    out.push_str(indent);
    out.push('}');
    out
}

fn doc_comment(docs: &str, indent: &str) -> String {
    if docs.is_empty() {
        return String::new();
    }
    let docs = docs.replace("*/", "*\\/");
    let lines: Vec<&str> = docs.lines().collect();
    match lines.as_slice() {
        [one] => format!("{indent}/** {one} */\n"),
        many => {
            let mut out = format!("{indent}/**\n");
            for l in many {
                if l.is_empty() {
                    out.push_str(&format!("{indent} *\n"));
                } else {
                    out.push_str(&format!("{indent} * {l}\n"));
                }
            }
            out.push_str(&format!("{indent} */\n"));
            out
        }
    }
}
