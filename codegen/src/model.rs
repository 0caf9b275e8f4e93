//! The spec as written in YAML: plain serde types, one per construct of `spec/README.md`.
//!
//! Every struct denies unknown keys, so a misspelt key is an error that names its place. The
//! types also serialize, for the compiled form of a spec file (`crate::compiled`): read back,
//! the JSON gives the same value.

use std::fmt;

use indexmap::IndexMap;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::ty::TypeExpr;

/// An ordered map keyed by name that refuses a name given twice.
#[derive(Debug, Clone, PartialEq)]
pub struct Named<V>(pub IndexMap<String, V>);

impl<V> Default for Named<V> {
    fn default() -> Self {
        Named(IndexMap::new())
    }
}

impl<V> Named<V> {
    /// Whether it holds no name (left out of the compiled JSON, read back as empty).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
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

impl<V: Serialize> Serialize for Named<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
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
                while let Some(Scalar(key)) = map.next_key_seed(NameSeed)? {
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

struct ScalarVisitor;

impl Visitor<'_> for ScalarVisitor {
    type Value = Scalar;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string, number or boolean")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar(v))
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

/// Written as a string: read back, it is the same text.
impl Serialize for Scalar {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

/// Reads a [`Named`] key as a string: serde_yaml then gives a plain scalar's text as written
/// instead of trying it as null, boolean, integer and float first (~14 M instructions per load
/// of the whole spec, unoptimized). So unlike a [`Scalar`] value, a key `1.0` stays `1.0` (not
/// `1`), `0x1F` stays `0x1F` (not `31`), and `~` is a name, not an error.
struct NameSeed;

impl<'de> de::DeserializeSeed<'de> for NameSeed {
    type Value = Scalar;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
        d.deserialize_str(ScalarVisitor)
    }
}

/// `api.yaml`: the version and what is shared by every module.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ApiFile {
    /// The API version, such as `1.0.20`.
    pub version: Scalar,
    /// Release date of the manual.
    pub released: Scalar,
    /// Language of the manual transcribed (`en`, `es`).
    pub language: String,
    /// Default base URL of the API.
    pub base_url: String,
    /// The modules, in manual order, each with its description.
    pub modules: Named<String>,
    /// Every error code of the envelope's `errorCode`, by Rust variant name.
    pub errors: Named<ErrorCode>,
    #[serde(default)]
    /// Where the manual differs or is wrong, in our words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One value of the envelope's `errorCode`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ErrorCode {
    /// The numeric code.
    pub code: i64,
    /// Our description, in our own words.
    pub doc: String,
    #[serde(default)]
    /// Where the manual differs or is wrong, in our words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// `types.yaml` and every `<module>.yaml`: types, and for modules their actions.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    #[serde(default)]
    /// Description of the module (module files only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    #[serde(default)]
    /// The module's actions, by wire name.
    #[serde(skip_serializing_if = "Named::is_empty")]
    pub actions: Named<Action>,
    #[serde(default)]
    /// Entity families expanded into list/getinfo/create/update/delete actions.
    #[serde(skip_serializing_if = "Named::is_empty")]
    pub families: Named<Family>,
    #[serde(default)]
    /// Open enumerations defined in this file.
    #[serde(skip_serializing_if = "Named::is_empty")]
    pub enums: Named<EnumDef>,
    #[serde(default)]
    /// Named response shapes defined in this file.
    #[serde(skip_serializing_if = "Named::is_empty")]
    pub structs: Named<StructDef>,
    #[serde(default)]
    /// Reusable parameter groups defined in this file.
    #[serde(skip_serializing_if = "Named::is_empty")]
    pub groups: Named<GroupDef>,
    #[serde(default)]
    /// Where the manual differs or is wrong, in our words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An open enumeration (a table of the manual).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EnumDef {
    /// Our description, in our own words.
    pub doc: String,
    /// The values, by wire value.
    pub values: Named<EnumValue>,
    #[serde(default)]
    /// The manual's section or table this describes (`5.13`, `table 7.48.4`): for maintainers,
    /// kept out of the generated docs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manual: Option<String>,
    #[serde(default)]
    /// Where the manual differs or is wrong, in our words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One value of an enumeration: its description, or a map with a Rust name too.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(untagged)]
pub enum EnumValue {
    /// Only a description.
    Doc(String),
    /// A description with an optional Rust variant name and note.
    Full {
        /// Our description, in our own words.
        doc: String,
        #[serde(default)]
        /// Rust variant name, when the wire value makes a poor one (`301` -> `Permanent`).
        #[serde(skip_serializing_if = "Option::is_none")]
        rust: Option<String>,
        #[serde(default)]
        /// Where the manual differs or is wrong, in our words.
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
}

impl EnumValue {
    /// The value's description.
    pub fn doc(&self) -> &str {
        match self {
            EnumValue::Doc(d) | EnumValue::Full { doc: d, .. } => d,
        }
    }
    /// The Rust variant name set in the spec, if any.
    pub fn rust(&self) -> Option<&str> {
        match self {
            EnumValue::Doc(_) => None,
            EnumValue::Full { rust, .. } => rust.as_deref(),
        }
    }
}

/// A named response shape.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StructDef {
    /// Our description, in our own words.
    pub doc: String,
    /// The fields, by wire name.
    pub fields: Named<Field>,
    #[serde(default)]
    /// The manual's section or table this describes (`5.13`, `table 7.48.4`): for maintainers,
    /// kept out of the generated docs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manual: Option<String>,
    #[serde(default)]
    /// Where the manual differs or is wrong, in our words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A response field.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Field {
    #[serde(rename = "type")]
    /// Type expression (`string`, `list<Nameserver>`, `object`...).
    pub ty: TypeExpr,
    /// Our description, in our own words.
    pub doc: String,
    #[serde(default)]
    /// Whether the field may be absent (or sent empty).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
    #[serde(default)]
    /// Fields of an inline `object` (or `list<object>`, `map<object>`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<Named<Field>>,
    #[serde(default)]
    /// Rust name of the inline struct, instead of the default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub type_name: Option<String>,
    #[serde(default)]
    /// Rust name of the field, when the wire name makes a poor one (`type` -> `kind`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rust: Option<String>,
    #[serde(default)]
    /// Texts the API sends instead of a number when there is none (`-`, `""`): they decode to
    /// `None`, and the Rust type is `Option<T>`. Only for `integer` and `float` fields.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub placeholders: Vec<String>,
    #[serde(default)]
    /// Where the manual differs or is wrong, in our words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Field {
    /// The Rust name of the field with wire name `key`: its `rust:` name, or `key` in snake_case.
    pub fn rust_name(&self, key: &str) -> String {
        crate::names::member_name(key, self.rust.as_deref())
    }
}

/// A reusable set of request parameters.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GroupDef {
    /// Our description, in our own words.
    pub doc: String,
    #[serde(default)]
    /// The parameters of a plain group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub params: Option<Named<Param>>,
    #[serde(default)]
    /// The alternatives of a group of which exactly one is given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub one_of: Option<Named<GroupVariant>>,
    #[serde(default)]
    /// Response shapes a value of this (plain) group can be made from (`From` impls).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub from: Vec<FromDef>,
    #[serde(default)]
    /// The manual's section or table this describes (`5.13`, `table 7.48.4`): for maintainers,
    /// kept out of the generated docs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manual: Option<String>,
    #[serde(default)]
    /// Where the manual differs or is wrong, in our words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A response shape a plain group converts from: a named struct or an action's response.
/// Each parameter takes the field of the same key (ignoring case), or the one `fields` names.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FromDef {
    #[serde(default)]
    /// A struct defined under `structs`.
    #[serde(rename = "struct")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub struct_: Option<String>,
    #[serde(default)]
    /// `module/action` whose response (plain fields, no variants) converts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
    #[serde(default)]
    /// Parameter key -> field key, where the names differ (`Type: contactType`).
    #[serde(skip_serializing_if = "Named::is_empty")]
    pub fields: Named<String>,
}

/// Groups with more than this many required parameters get a builder instead of `new`.
pub const BUILDER_MIN_REQUIRED: usize = 3;

/// Whether a plain group with these parameters gets a builder (`ContactData::builder()`)
/// instead of a positional `new`: more than [`BUILDER_MIN_REQUIRED`] required parameters.
pub fn wants_builder(params: &Named<Param>) -> bool {
    params
        .values()
        .filter(|p| p.required && !p.numbered)
        .count()
        > BUILDER_MIN_REQUIRED
}

/// One alternative of a `one_of` group.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GroupVariant {
    /// Our description, in our own words.
    pub doc: String,
    #[serde(default)]
    /// The alternative's own parameters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub params: Option<Named<Param>>,
    #[serde(default)]
    /// Another group the alternative stands for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(default)]
    /// Where the manual differs or is wrong, in our words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A request parameter: scalar, group use, numbered group or discriminator.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Param {
    #[serde(default, rename = "type")]
    /// Type expression of a scalar parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ty: Option<TypeExpr>,
    #[serde(default)]
    /// The group this parameter uses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(default)]
    /// The variants of a discriminator parameter, by wire value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variants: Option<Named<ParamVariant>>,
    #[serde(default)]
    /// Prefix of the group's keys (default: the parameter's key; `""` for none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    #[serde(default)]
    /// Whether the group repeats as numbered keys (`alt_name_1`, `alt_name_2`...).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub numbered: bool,
    #[serde(default)]
    /// Whether every request must carry it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    #[serde(default)]
    /// Required when all these parameters have these values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_if: Option<Named<Scalar>>,
    #[serde(default)]
    /// The API's default when the parameter is absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<Scalar>,
    /// Our description, in our own words.
    pub doc: String,
    #[serde(default)]
    /// Rust name of the discriminator's enum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub type_name: Option<String>,
    #[serde(default)]
    /// Rust name of the parameter, when the wire name makes a poor one (`Type` -> `kind`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rust: Option<String>,
    #[serde(default)]
    /// Where the manual differs or is wrong, in our words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Param {
    /// The Rust name of the parameter with wire name `key`: its `rust:` name, or `key` in
    /// snake_case.
    pub fn rust_name(&self, key: &str) -> String {
        crate::names::member_name(key, self.rust.as_deref())
    }
}

/// One variant of a discriminator parameter.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ParamVariant {
    /// Our description, in our own words.
    pub doc: String,
    #[serde(default)]
    /// The values this variant requires or accepts.
    #[serde(skip_serializing_if = "Named::is_empty")]
    pub params: Named<Param>,
    #[serde(default)]
    /// Where the manual differs or is wrong, in our words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Whether an action only reads, changes state, or costs money.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Only reads; safe to retry.
    Read,
    /// Changes state without charging.
    Write,
    /// Costs money; never retried.
    Billable,
}

impl Kind {
    /// The kind as written in the spec.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Read => "read",
            Kind::Write => "write",
            Kind::Billable => "billable",
        }
    }
}

/// One action of a module.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Our description, in our own words.
    pub doc: String,
    /// Whether it reads, writes or costs money.
    pub kind: Kind,
    #[serde(default)]
    /// Request parameters, in manual order (credentials implied).
    #[serde(skip_serializing_if = "Named::is_empty")]
    pub params: Named<Param>,
    #[serde(default)]
    /// What `responseData` holds; `None` when it is empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response: Option<Response>,
    #[serde(default)]
    /// The listing's paging marker, when it pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paged: Option<Paged>,
    #[serde(default)]
    /// The action this one is a shortcut for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wraps: Option<Wraps>,
    #[serde(default)]
    /// Response examples of the manual, as full envelopes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    #[serde(default)]
    /// The manual's section or table this describes (`5.13`, `table 7.48.4`): for maintainers,
    /// kept out of the generated docs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manual: Option<String>,
    #[serde(default)]
    /// Where the manual differs or is wrong, in our words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Set by the loader for actions expanded from a family.
    #[serde(skip)]
    pub family: Option<FamilyRef>,
}

impl Action {
    /// For a variant response: the selector's key and parameter, and the variant the request
    /// gets when the selector is not set: its default (`Some("status")`), or `None` when the
    /// parameter has no default, and the common fields alone are the answer then (the `Plain`
    /// variant).
    pub fn selector(&self) -> Option<(&str, &Param, Option<&str>)> {
        let r = self.response.as_ref()?;
        let sel = r.selector.as_deref()?;
        r.variants.as_ref()?;
        let p = self.params.get(sel)?;
        Some((sel, p, p.default.as_ref().map(|d| d.0.as_str())))
    }

    /// Whether the response has a `Plain` variant: a selector that is optional and has no
    /// default.
    pub fn has_plain_variant(&self) -> bool {
        self.selector()
            .is_some_and(|(_, p, default)| !p.required && default.is_none())
    }
}

/// The response of an action: common fields, and per-variant fields when a selector exists.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Response {
    #[serde(default)]
    /// The fields common to every variant.
    #[serde(skip_serializing_if = "Named::is_empty")]
    pub fields: Named<Field>,
    /// When set, `responseData` is this struct (`S`) or a JSON array of it (`list<S>`),
    /// instead of fields of its own.
    #[serde(default, rename = "type")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ty: Option<TypeExpr>,
    #[serde(default)]
    /// The request parameter that chooses the variant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selector: Option<String>,
    #[serde(default)]
    /// Per-variant extra fields, by selector value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variants: Option<Named<ResponseVariant>>,
    #[serde(default)]
    /// Where the manual differs or is wrong, in our words.
    #[serde(skip_serializing_if = "Option::is_none")]
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
        match self.ty.as_ref()?.ty()? {
            Ty::Named(item) => Some(WholeType {
                item: item.clone(),
                array: false,
            }),
            Ty::List(inner) => match &**inner {
                Ty::Named(item) => Some(WholeType {
                    item: item.clone(),
                    array: true,
                }),
                _ => None,
            },
            _ => None,
        }
    }
}

/// The extra fields of one response variant.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ResponseVariant {
    /// Our description, in our own words.
    pub doc: String,
    #[serde(default)]
    /// The variant's extra fields.
    #[serde(skip_serializing_if = "Named::is_empty")]
    pub fields: Named<Field>,
    #[serde(default)]
    /// Where the manual differs or is wrong, in our words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Paging marker of a listing.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Paged {
    /// The list field of the response walked by the pager.
    pub items: String,
}

/// The action a wrapper action stands for.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Wraps {
    /// `module/action` of the wrapped action.
    pub action: String,
    #[serde(default)]
    /// Fixed parameter values the wrapper sends.
    #[serde(skip_serializing_if = "Named::is_empty")]
    pub with: Named<Scalar>,
}

/// A response example of the manual, as a full envelope.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The full envelope as JSON.
    pub json: String,
    #[serde(default)]
    /// The response variant it shows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    #[serde(default)]
    /// What was corrected to make it valid, if anything.
    #[serde(skip_serializing_if = "Option::is_none")]
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
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Family {
    /// Our description, in our own words.
    pub doc: String,
    /// The struct of one entity.
    pub entity: String,
    /// The `responseData` key holding the entities.
    pub field: String,
    #[serde(default)]
    /// The list operation, if the family has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list: Option<FamilyOp>,
    #[serde(default)]
    /// The getinfo operation, if the family has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub getinfo: Option<FamilyOp>,
    #[serde(default)]
    /// The create operation, if the family has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub create: Option<FamilyOp>,
    #[serde(default)]
    /// The update operation, if the family has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update: Option<FamilyOp>,
    #[serde(default)]
    /// The delete operation, if the family has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delete: Option<FamilyOp>,
    #[serde(default)]
    /// The manual's section or table this describes (`5.13`, `table 7.48.4`): for maintainers,
    /// kept out of the generated docs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manual: Option<String>,
    #[serde(default)]
    /// Where the manual differs or is wrong, in our words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One operation of a family.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FamilyOp {
    /// Our description, in our own words.
    pub doc: String,
    #[serde(default)]
    /// Overrides the operation's implied kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    #[serde(default)]
    /// Parameters besides the implied ones.
    #[serde(skip_serializing_if = "Named::is_empty")]
    pub params: Named<Param>,
    #[serde(default)]
    /// A full response overriding the implied one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response: Option<Response>,
    #[serde(default)]
    /// Response examples, as full envelopes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    #[serde(default)]
    /// Where the manual differs or is wrong, in our words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(yaml: &str) -> Result<Vec<String>, serde_yaml::Error> {
        let named: Named<String> = serde_yaml::from_str(yaml)?;
        Ok(named.0.into_keys().collect())
    }

    #[test]
    fn names_are_taken_as_written() {
        let yaml = "1.0: a\n\"2.0\": b\n0x1F: c\n301: d\nTrue: e\nyes: f\n007: g\n-1: h\n~: i\n";
        assert_eq!(
            names(yaml).unwrap(),
            ["1.0", "2.0", "0x1F", "301", "True", "yes", "007", "-1", "~"]
        );
    }

    #[test]
    fn a_name_given_twice_is_refused() {
        let err = names("a: x\nb: y\na: z\n").unwrap_err().to_string();
        assert!(err.starts_with("duplicate name `a`"), "{err}");
        // The same name written two ways is still the same name.
        let err = names("301: x\n\"301\": y\n").unwrap_err().to_string();
        assert!(err.starts_with("duplicate name `301`"), "{err}");
    }

    #[test]
    fn a_name_must_be_a_scalar() {
        let err = names("[a, b]: x\n").unwrap_err().to_string();
        assert!(
            err.contains("expected a string, number or boolean"),
            "{err}"
        );
    }

    #[test]
    fn values_keep_their_meaning() {
        let v: Named<Scalar> = serde_yaml::from_str("a: 1.0\nb: true\nc: \"1.0\"\n").unwrap();
        let values: Vec<&str> = v.values().map(|s| s.0.as_str()).collect();
        assert_eq!(values, ["1", "true", "1.0"]);
    }
}
