//! The artifact's shapes (`data/catalog.json`, format 1; `docs/catalog.md`), as serde reads them.
//! Arrays stand for records, and trailing empty lists are left out, so the records are read by
//! hand-written visitors that accept the short forms.

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;

use crate::Source;

#[derive(Deserialize)]
pub(crate) struct Raw {
    pub(crate) format: u32,
    pub(crate) source: Source,
    pub(crate) global: Vec<u32>,
    pub(crate) rcp: Vec<String>,
    pub(crate) keys: Vec<RawKey>,
    pub(crate) services: Vec<RawService>,
}

/// `[name, type]` or `[name, type, also]`.
pub(crate) struct RawKey {
    pub(crate) name: String,
    pub(crate) key_type: String,
    pub(crate) also: Option<String>,
}

/// `[prefix, name, [key…], [resource type…], [action…]]`.
#[derive(Deserialize)]
pub(crate) struct RawService(
    pub(crate) String,
    pub(crate) String,
    pub(crate) Vec<u32>,
    pub(crate) Vec<RawResource>,
    pub(crate) Vec<RawAction>,
);

/// `[name, arn]` or `[name, arn, [key…]]`.
pub(crate) struct RawResource {
    pub(crate) name: String,
    pub(crate) arn: String,
    pub(crate) keys: Vec<u32>,
}

/// `[name, level]`, `[name, level, [resource…]]` or `[name, level, [resource…], [key…]]`; a
/// resource is the index of a resource type of the service, required when ≥ 0, optional when
/// negative (`-index - 1`).
pub(crate) struct RawAction {
    pub(crate) name: String,
    pub(crate) level: String,
    pub(crate) resources: Vec<i64>,
    pub(crate) keys: Vec<u32>,
}

macro_rules! record_visitor {
    ($ty:ident, $expecting:literal, |$seq:ident| $body:block) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_seq<A: SeqAccess<'de>>(self, mut $seq: A) -> Result<$ty, A::Error> {
                        let value = $body;
                        if $seq.next_element::<de::IgnoredAny>()?.is_some() {
                            return Err(de::Error::custom(concat!(
                                "too many elements in ",
                                $expecting
                            )));
                        }
                        Ok(value)
                    }
                }
                d.deserialize_seq(V)
            }
        }
    };
}

fn required<T, E: de::Error>(value: Option<T>, what: &'static str) -> Result<T, E> {
    value.ok_or_else(|| E::custom(format!("missing {what}")))
}

record_visitor!(RawKey, "a condition key [name, type, also?]", |seq| {
    RawKey {
        name: required(seq.next_element()?, "the condition key's name")?,
        key_type: required(seq.next_element()?, "the condition key's type")?,
        also: seq.next_element()?,
    }
});

record_visitor!(RawResource, "a resource type [name, arn, keys?]", |seq| {
    RawResource {
        name: required(seq.next_element()?, "the resource type's name")?,
        arn: required(seq.next_element()?, "the resource type's ARN")?,
        keys: seq.next_element()?.unwrap_or_default(),
    }
});

record_visitor!(
    RawAction,
    "an action [name, level, resources?, keys?]",
    |seq| {
        RawAction {
            name: required(seq.next_element()?, "the action's name")?,
            level: required(seq.next_element()?, "the action's access level")?,
            resources: seq.next_element()?.unwrap_or_default(),
            keys: seq.next_element()?.unwrap_or_default(),
        }
    }
);
