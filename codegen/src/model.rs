//! The spec as written in YAML: plain serde types, one per construct of `spec/README.md`.
//!
//! Every struct denies unknown keys, so a misspelt key is an error that names its place.

use std::fmt;

use indexmap::IndexMap;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

/// An ordered map keyed by name that refuses a name given twice.
#[derive(Debug, Clone, PartialEq)]
pub struct Named<V>(pub IndexMap<String, V>);

impl<V> Default for Named<V> {
    fn default() -> Self {
        Named(IndexMap::new())
    }
}

impl<V> std::ops::Deref for Named<V> {
    type Target = IndexMap<String, V>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl<V> std::ops::DerefMut for Named<V> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Named<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V2<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for V2<V> {
            type Value = Named<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map keyed by name")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Named::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = IndexMap::new();
                while let Some(key) = map.next_key::<Scalar>()? {
                    let key = key.0;
                    if out.contains_key(&key) {
                        return Err(de::Error::custom(format!("duplicate name `{key}`")));
                    }
                    let value = map.next_value()?;
                    out.insert(key, value);
                }
                Ok(Named(out))
            }
        }
        d.deserialize_map(V2(std::marker::PhantomData))
    }
}

/// A YAML scalar (string, number or boolean) kept as its text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Scalar(pub String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct SV;
        impl Visitor<'_> for SV {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, number or boolean")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_owned()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
        }
        d.deserialize_any(SV)
    }
}

/// `api.yaml`: the version and what is shared by every module.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiFile {
    pub version: Scalar,
    pub released: Scalar,
    pub language: String,
    pub base_url: String,
    pub modules: Named<String>,
    pub errors: Named<ErrorCode>,
    #[serde(default)]
    pub note: Option<String>,
}

/// One value of the envelope's `errorCode`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ErrorCode {
    pub code: i64,
    pub doc: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// `types.yaml` and every `<module>.yaml`: types, and for modules their actions.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    #[serde(default)]
    pub doc: Option<String>,
    #[serde(default)]
    pub actions: Named<Action>,
    #[serde(default)]
    pub families: Named<Family>,
    #[serde(default)]
    pub enums: Named<EnumDef>,
    #[serde(default)]
    pub structs: Named<StructDef>,
    #[serde(default)]
    pub groups: Named<GroupDef>,
    #[serde(default)]
    pub note: Option<String>,
}

/// An open enumeration (a table of the manual).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EnumDef {
    pub doc: String,
    pub values: Named<EnumValue>,
    #[serde(default)]
    pub note: Option<String>,
}

/// One value of an enumeration: its description, or a map with a Rust name too.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum EnumValue {
    Doc(String),
    Full {
        doc: String,
        #[serde(default)]
        rust: Option<String>,
        #[serde(default)]
        note: Option<String>,
    },
}

impl EnumValue {
    pub fn doc(&self) -> &str {
        match self {
            EnumValue::Doc(d) | EnumValue::Full { doc: d, .. } => d,
        }
    }
    pub fn rust(&self) -> Option<&str> {
        match self {
            EnumValue::Doc(_) => None,
            EnumValue::Full { rust, .. } => rust.as_deref(),
        }
    }
}

/// A named response shape.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StructDef {
    pub doc: String,
    pub fields: Named<Field>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A response field.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Field {
    #[serde(rename = "type")]
    pub ty: String,
    pub doc: String,
    #[serde(default)]
    pub optional: bool,
    #[serde(default)]
    pub fields: Option<Named<Field>>,
    #[serde(default)]
    pub type_name: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A reusable set of request parameters.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GroupDef {
    pub doc: String,
    #[serde(default)]
    pub params: Option<Named<Param>>,
    #[serde(default)]
    pub one_of: Option<Named<GroupVariant>>,
    #[serde(default)]
    pub note: Option<String>,
}

/// One alternative of a `one_of` group.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GroupVariant {
    pub doc: String,
    #[serde(default)]
    pub params: Option<Named<Param>>,
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A request parameter: scalar, group use, numbered group or discriminator.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Param {
    #[serde(default, rename = "type")]
    pub ty: Option<String>,
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default)]
    pub variants: Option<Named<ParamVariant>>,
    #[serde(default)]
    pub prefix: Option<String>,
    #[serde(default)]
    pub numbered: bool,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub required_if: Option<Named<Scalar>>,
    #[serde(default)]
    pub default: Option<Scalar>,
    pub doc: String,
    #[serde(default)]
    pub type_name: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// One variant of a discriminator parameter.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ParamVariant {
    pub doc: String,
    #[serde(default)]
    pub params: Named<Param>,
    #[serde(default)]
    pub note: Option<String>,
}

/// Whether an action only reads, changes state, or costs money.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Read,
    Write,
    Billable,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Read => "read",
            Kind::Write => "write",
            Kind::Billable => "billable",
        }
    }
}

/// One action of a module.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub doc: String,
    pub kind: Kind,
    #[serde(default)]
    pub params: Named<Param>,
    #[serde(default)]
    pub response: Option<Response>,
    #[serde(default)]
    pub paged: Option<Paged>,
    #[serde(default)]
    pub wraps: Option<Wraps>,
    #[serde(default)]
    pub examples: Vec<Example>,
    #[serde(default)]
    pub note: Option<String>,
    /// Set by the loader for actions expanded from a family.
    #[serde(skip)]
    pub family: Option<FamilyRef>,
}

/// The response of an action: common fields, and per-variant fields when a selector exists.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Response {
    #[serde(default)]
    pub fields: Named<Field>,
    /// When set, `responseData` is this struct (`S`) or a JSON array of it (`list<S>`),
    /// instead of fields of its own.
    #[serde(default, rename = "type")]
    pub ty: Option<String>,
    #[serde(default)]
    pub selector: Option<String>,
    #[serde(default)]
    pub variants: Option<Named<ResponseVariant>>,
    #[serde(default)]
    pub note: Option<String>,
}

/// What a `response: { type: ... }` names: the struct, and whether `responseData` is an array of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WholeType {
    /// The struct name (`S` of `type: S` or `type: list<S>`).
    pub item: String,
    /// `true` for `type: list<S>`.
    pub array: bool,
}

impl Response {
    /// The struct `type:` names, when it is of the form `S` or `list<S>` (validation refuses
    /// any other `type`, and a name that is not a struct).
    pub fn whole_type(&self) -> Option<WholeType> {
        use crate::ty::Ty;
        match Ty::parse(self.ty.as_deref()?).ok()? {
            Ty::Named(item) => Some(WholeType { item, array: false }),
            Ty::List(inner) => match *inner {
                Ty::Named(item) => Some(WholeType { item, array: true }),
                _ => None,
            },
            _ => None,
        }
    }
}

/// The extra fields of one response variant.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ResponseVariant {
    pub doc: String,
    #[serde(default)]
    pub fields: Named<Field>,
    #[serde(default)]
    pub note: Option<String>,
}

/// Paging marker of a listing.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Paged {
    pub items: String,
}

/// The action a wrapper action stands for.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Wraps {
    pub action: String,
    #[serde(default)]
    pub with: Named<Scalar>,
}

/// A response example of the manual, as a full envelope.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub json: String,
    #[serde(default)]
    pub variant: Option<String>,
    #[serde(default)]
    pub doc: Option<String>,
}

/// Where an action expanded from a family comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct FamilyRef {
    /// Family name, such as `ftp`.
    pub family: String,
    /// Operation: list, getinfo, create, update or delete.
    pub op: String,
    /// The entity struct.
    pub entity: String,
    /// The responseData key holding the entities.
    pub field: String,
    /// Whether the response is the one the family implies (not overridden).
    pub implied_response: bool,
}

/// A family of service entities written once (see `spec/README.md`).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Family {
    pub doc: String,
    pub entity: String,
    pub field: String,
    #[serde(default)]
    pub list: Option<FamilyOp>,
    #[serde(default)]
    pub getinfo: Option<FamilyOp>,
    #[serde(default)]
    pub create: Option<FamilyOp>,
    #[serde(default)]
    pub update: Option<FamilyOp>,
    #[serde(default)]
    pub delete: Option<FamilyOp>,
    #[serde(default)]
    pub note: Option<String>,
}

/// One operation of a family.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FamilyOp {
    pub doc: String,
    #[serde(default)]
    pub kind: Option<Kind>,
    #[serde(default)]
    pub params: Named<Param>,
    #[serde(default)]
    pub response: Option<Response>,
    #[serde(default)]
    pub examples: Vec<Example>,
    #[serde(default)]
    pub note: Option<String>,
}
