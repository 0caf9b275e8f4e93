//! The checked model of a spec: what [`crate::load()`] returns, and the only thing the
//! emitters, the metadata tables, `dump`, `diff` and any other consumer read.
//!
//! Where the loaded [`Spec`](crate::spec::Spec) is the YAML as written (type expressions as
//! text, references as names, Rust names left to whoever needs one), the model is resolved:
//!
//! - every type expression is a parsed [`Ty`], never text;
//! - every reference points at something that exists: a [`Ty::Named`] is a key of
//!   [`Model::enums`] or [`Model::structs`], a group use a key of [`Model::groups`] (look them up
//!   with [`Model::named`]), families are expanded into ordinary [`Action`]s, one_of
//!   alternatives and discriminators are typed ([`AltBody`], [`Switch`]), `from:` entries of
//!   groups are resolved field by field ([`From`]), and defaults are typed ([`Literal`]);
//! - every generated Rust name (type, variant, field, method, builder, module API, family API,
//!   `Action` variant, `XParams`/`XRequest`/`XResponse`, files) is assigned once, by
//!   [`crate::names`], and stored here: a consumer reads `action.names.response`, it never
//!   builds `format!("{}Response", ..)` again. Validation checked that those names are usable
//!   and do not collide.
//!
//! Lists keep spec order (the order of the YAML maps), which is also the order of the
//! generated code. A model is built by [`Model::build`] from a spec that validated; on a spec
//! that did not, building never panics (a bad type reads as [`Ty::Json`], a dangling
//! reference is left out) but the model means nothing: use [`crate::load()`] or
//! [`crate::load::load_sources`], which return it only for a valid spec.

mod build;
pub(crate) mod layout;

use indexmap::IndexMap;

use crate::error::SpecError;
pub use crate::model::{ApiFile, Example, FamilyRef, Kind, Wraps};
use crate::ty::Ty;

/// A whole spec version, checked and resolved.
#[derive(Debug, Clone)]
pub struct Model {
    /// The version, such as `1.0.20`.
    pub version: String,
    /// The contents of `api.yaml` (base URL, module docs, error codes) as written.
    pub api: ApiFile,
    /// Every error code of the envelope, in `api.yaml` order, with its Rust variant name.
    pub errors: Vec<ErrorCode>,
    /// The modules, in `api.yaml` order. After a partial load ([`Model::partial`]) the modules
    /// not read are listed without actions or families.
    pub modules: Vec<Module>,
    /// Every enumeration, by spec name (names are global to a version).
    pub enums: IndexMap<String, Enum>,
    /// Every named struct, by spec name.
    pub structs: IndexMap<String, Struct>,
    /// Every parameter group, by spec name.
    pub groups: IndexMap<String, Group>,
    /// The modules whose files were read, when only some were; `None` for a whole spec.
    pub partial: Option<Vec<String>>,
    /// The text of every file read, by file name, for locating errors.
    pub sources: IndexMap<String, String>,
    /// The files (`tool.yaml`) [`crate::load()`] read from their fresh compiled form instead of
    /// the YAML.
    pub compiled: Vec<String>,
}

/// Where a generated type lives: `types` (module `None`), a module, or a family's submodule of
/// a module (`service::dns`: the types only that family uses).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Home {
    /// The module whose files define it; `None` for `types.yaml`.
    pub module: Option<String>,
    /// The family submodule of `module` that holds it, if any.
    pub family: Option<String>,
}

impl Home {
    /// The Rust module path from the generated root: `types`, `domain`, `service::dns`.
    pub fn path(&self) -> Vec<String> {
        let mut segs = vec![self.module.clone().unwrap_or_else(|| "types".to_owned())];
        segs.extend(self.family.clone());
        segs
    }
}

/// One value of the envelope's `errorCode`.
#[derive(Debug, Clone)]
pub struct ErrorCode {
    /// The name in `api.yaml`.
    pub name: String,
    /// The Rust variant of `ErrorCode`.
    pub rust: String,
    /// The numeric code.
    pub code: i64,
    /// Its description.
    pub doc: String,
}

/// A named type: what a [`Ty::Named`] or a group use refers to ([`Model::named`]).
#[derive(Debug, Clone, Copy)]
pub enum Named<'a> {
    /// An open enumeration.
    Enum(&'a Enum),
    /// A response struct.
    Struct(&'a Struct),
    /// A parameter group.
    Group(&'a Group),
}

impl Named<'_> {
    /// Where the type is generated.
    pub fn home(&self) -> &Home {
        match self {
            Named::Enum(e) => &e.home,
            Named::Struct(s) => &s.home,
            Named::Group(g) => &g.home,
        }
    }
    /// Its Rust type name.
    pub fn rust(&self) -> &str {
        match self {
            Named::Enum(e) => &e.rust,
            Named::Struct(s) => &s.rust,
            Named::Group(g) => &g.rust,
        }
    }
}

/// An open enumeration: known values, any other kept as sent.
#[derive(Debug, Clone)]
pub struct Enum {
    /// The spec name.
    pub name: String,
    /// The Rust type name.
    pub rust: String,
    /// Where it is generated.
    pub home: Home,
    /// The file that defines it.
    pub file: String,
    /// Its description.
    pub doc: String,
    /// The manual's section it describes (for maintainers).
    pub manual: Option<String>,
    /// Where the manual differs or is wrong (for maintainers).
    pub note: Option<String>,
    /// The values, in spec order.
    pub values: Vec<EnumValue>,
}

/// One value of an enumeration.
#[derive(Debug, Clone)]
pub struct EnumValue {
    /// The value as sent on the wire.
    pub value: String,
    /// The Rust variant name.
    pub rust: String,
    /// Its description.
    pub doc: String,
}

/// A named response struct.
#[derive(Debug, Clone)]
pub struct Struct {
    /// The spec name.
    pub name: String,
    /// The Rust type name.
    pub rust: String,
    /// Where it is generated.
    pub home: Home,
    /// The file that defines it.
    pub file: String,
    /// Its description.
    pub doc: String,
    /// The manual's section it describes (for maintainers).
    pub manual: Option<String>,
    /// Where the manual differs or is wrong (for maintainers).
    pub note: Option<String>,
    /// Its fields, in spec order.
    pub fields: Vec<Field>,
    /// Whether it can be a whole `responseData` (gets `ResponseData`): every shared struct,
    /// and a module's struct that an action returns whole (`response: { type: S }`).
    pub response_data: bool,
}

/// A response field.
#[derive(Debug, Clone)]
pub struct Field {
    /// The key in the JSON.
    pub key: String,
    /// The Rust field name.
    pub rust: String,
    /// Its type.
    pub ty: Ty,
    /// Its description.
    pub doc: String,
    /// Where the manual differs or is wrong (for maintainers).
    pub note: Option<String>,
    /// Whether it may be absent.
    pub optional: bool,
    /// Texts sent instead of a number when there is none (`Option<T>` in Rust).
    pub placeholders: Vec<String>,
    /// Whether it identifies the item it belongs to, and so stays required in lenient
    /// decoding (`name`, `domainName`, keys ending in `ID`).
    pub identifying: bool,
    /// The inline struct of an `object` (`list<object>`, `map<object>`) field.
    pub inline: Option<Inline>,
    /// The Rust type name an `object` at the leaf of [`Field::ty`] takes: the inline
    /// struct's, when there is one.
    pub object_rust: String,
}

/// The inline struct of an `object` field.
#[derive(Debug, Clone)]
pub struct Inline {
    /// The name the Rust type is made from (and the names of structs inside it).
    pub name: String,
    /// The Rust type name.
    pub rust: String,
    /// Its fields.
    pub fields: Vec<Field>,
}

/// A typed spec value (a parameter's `default`): its text as written and its JSON value by the
/// parameter's type (`1000` a number for an integer, `true` a boolean, any other a string).
#[derive(Debug, Clone, PartialEq)]
pub struct Literal {
    /// The text as written in the spec (and sent on the wire).
    pub text: String,
    /// The value, typed by the parameter's type.
    pub value: serde_json::Value,
}

/// A request parameter.
#[derive(Debug, Clone)]
pub struct Param {
    /// The form key (before any prefix or suffix).
    pub key: String,
    /// The Rust field, argument and setter name.
    pub rust: String,
    /// Its description.
    pub doc: String,
    /// Where the manual differs or is wrong (for maintainers).
    pub note: Option<String>,
    /// Whether every request carries it.
    pub required: bool,
    /// Required when all these keys (of the same map) have these values.
    pub required_if: Vec<(String, String)>,
    /// The API's default when it is not sent.
    pub default: Option<Literal>,
    /// What it holds.
    pub kind: ParamKind,
}

impl Param {
    /// Whether it is a numbered group (a list in Rust, keys `_1`, `_2`...).
    pub fn numbered(&self) -> bool {
        matches!(self.kind, ParamKind::Group { numbered: true, .. })
    }
}

/// What a parameter holds.
#[derive(Debug, Clone)]
pub enum ParamKind {
    /// One value of this type.
    Scalar(Ty),
    /// The parameters of a group (a key of [`Model::groups`]), under a prefix.
    Group {
        /// The group's spec name.
        group: String,
        /// The prefix of its keys (`""` for none).
        prefix: String,
        /// Whether it repeats as numbered keys.
        numbered: bool,
    },
    /// A discriminator: its value chooses a case with parameters of its own.
    Switch(Switch),
}

/// A discriminator parameter's enum.
#[derive(Debug, Clone)]
pub struct Switch {
    /// The name the Rust type is made from (and the names of its cases' enums).
    pub name: String,
    /// The Rust enum name.
    pub rust: String,
    /// The cases, by wire value.
    pub cases: Vec<Case>,
}

/// One case of a discriminator.
#[derive(Debug, Clone)]
pub struct Case {
    /// The wire value.
    pub value: String,
    /// The Rust variant name.
    pub rust: String,
    /// Its description.
    pub doc: String,
    /// Where the manual differs or is wrong (for maintainers).
    pub note: Option<String>,
    /// The parameters this case takes.
    pub params: Vec<Param>,
}

/// A reusable set of request parameters.
#[derive(Debug, Clone)]
pub struct Group {
    /// The spec name (also the name the types inside it are made from).
    pub name: String,
    /// The Rust type name.
    pub rust: String,
    /// Where it is generated.
    pub home: Home,
    /// The file that defines it.
    pub file: String,
    /// Its description.
    pub doc: String,
    /// The manual's section it describes (for maintainers).
    pub manual: Option<String>,
    /// Where the manual differs or is wrong (for maintainers).
    pub note: Option<String>,
    /// Its parameters or alternatives.
    pub body: GroupBody,
    /// The response shapes that convert into it (`From` impls), those of modules not read
    /// (a partial load) left out.
    pub from: Vec<From>,
}

/// What a group holds.
#[derive(Debug, Clone)]
pub enum GroupBody {
    /// A struct of parameters.
    Params {
        /// The parameters.
        params: Vec<Param>,
        /// The Rust name of its builder, when it has one instead of `new` (more than
        /// [`crate::model::BUILDER_MIN_REQUIRED`] required parameters).
        builder: Option<String>,
    },
    /// Exactly one of these alternatives.
    OneOf(Vec<Alt>),
}

/// One alternative of a `one_of` group.
#[derive(Debug, Clone)]
pub struct Alt {
    /// Its name in the spec.
    pub name: String,
    /// The Rust variant name.
    pub rust: String,
    /// Its description.
    pub doc: String,
    /// Where the manual differs or is wrong (for maintainers).
    pub note: Option<String>,
    /// What it holds.
    pub body: AltBody,
}

/// What a `one_of` alternative holds.
#[derive(Debug, Clone)]
pub enum AltBody {
    /// Another group (a key of [`Model::groups`]).
    Group(String),
    /// One parameter (a tuple variant).
    Param(Box<Param>),
    /// Several parameters: a struct of its own (a group with [`GroupBody::Params`], no `from`).
    Struct(Box<Group>),
}

/// A `from:` entry of a plain group, resolved: `impl From<source> for Group`.
#[derive(Debug, Clone)]
pub struct From {
    /// The module whose file holds the source type (`None`: types.yaml); the impl goes there.
    pub module: Option<String>,
    /// The source: a named struct, or an action's own response struct.
    pub source: FromSource,
    /// How the spec names the source, for docs (`struct ContactInfo`, `` `contact/getinfo` ``).
    pub shown: String,
    /// How each parameter of the group is filled, in parameter order.
    pub pairs: Vec<FromPair>,
}

/// The source type of a [`From`].
#[derive(Debug, Clone)]
pub enum FromSource {
    /// A named struct (a key of [`Model::structs`]).
    Struct(String),
    /// The own response struct of an action of the source's module (its Rust name).
    Response(String),
}

/// How one parameter of a group is filled from a field of the source.
#[derive(Debug, Clone)]
pub struct FromPair {
    /// The parameter's Rust field name.
    pub param: String,
    /// Whether the parameter is required.
    pub required: bool,
    /// Whether it is a numbered group (filled with an empty list).
    pub numbered: bool,
    /// The field that fills it; `None`: left unset.
    pub field: Option<FromField>,
}

/// The source field of a [`FromPair`].
#[derive(Debug, Clone)]
pub struct FromField {
    /// Its Rust field name.
    pub rust: String,
    /// Whether it is optional.
    pub optional: bool,
    /// Whether it is text (an empty text is not a value to send back).
    pub text: bool,
}

/// One module with its actions.
#[derive(Debug, Clone)]
pub struct Module {
    /// The wire name (`domain`), also its Rust module and Cargo feature name.
    pub name: String,
    /// Its description.
    pub doc: String,
    /// The Rust name of its API struct (`DomainApi`).
    pub api: String,
    /// The generated file (`domain.rs`).
    pub file: String,
    /// Its actions, families expanded, in spec order.
    pub actions: Vec<Action>,
    /// Its entity families, in spec order.
    pub families: Vec<Family>,
}

/// An entity family of a module (its actions are among the module's [`Module::actions`]).
#[derive(Debug, Clone)]
pub struct Family {
    /// Its name (`dns`), also its submodule and accessor method.
    pub name: String,
    /// The Rust name of its API struct (`DnsApi`).
    pub api: String,
    /// The generated file of its submodule (`service.dns.rs`).
    pub file: String,
    /// The spec file that defines it.
    pub spec_file: String,
    /// The method of the module's API that returns the family's API (`dns`).
    pub method: String,
    /// Its description.
    pub doc: String,
    /// The manual's section it describes (for maintainers).
    pub manual: Option<String>,
    /// Where the manual differs or is wrong (for maintainers).
    pub note: Option<String>,
    /// The struct of one entity (a key of [`Model::structs`]).
    pub entity: String,
    /// The `responseData` key holding the entities.
    pub field: String,
}

/// The generated names of one action.
#[derive(Debug, Clone)]
pub struct ActionNames {
    /// The method of the module's API (`create`; for a family's action its flat name `dnslist`).
    pub method: String,
    /// For a family's action, the method of the family's API (`list`).
    pub family_method: Option<String>,
    /// The parameters struct (`CreateParams`).
    pub params: String,
    /// The request builder alias (`CreateRequest`).
    pub request: String,
    /// The response type (`CreateResponse`).
    pub response: String,
    /// The type the request answers with as built (`Request::Response` of the parameters
    /// struct): [`ActionNames::response`], except for a variant response whose selector is
    /// optional: the struct of the variant the API gives without it, its default's
    /// ([`Variant::struct_rust`]) or the common fields alone ([`Plain::struct_rust`]).
    pub answer: String,
    /// The variant of the crate's `Action` enum (`DomainCreate`).
    pub variant: String,
}

/// One action.
#[derive(Debug, Clone)]
pub struct Action {
    /// The module's wire name.
    pub module: String,
    /// The action's wire name inside the module (`create`, `dnslist`).
    pub name: String,
    /// `module/name`.
    pub path: String,
    /// The file it is written in.
    pub file: String,
    /// Its spec path in that file (`actions.create`, `families.dns.list`).
    pub spec_path: String,
    /// Its description.
    pub doc: String,
    /// Whether it reads, writes or costs money.
    pub kind: Kind,
    /// The manual's section it describes (for maintainers).
    pub manual: Option<String>,
    /// Where the manual differs or is wrong (for maintainers).
    pub note: Option<String>,
    /// Its request parameters, in spec order.
    pub params: Vec<Param>,
    /// What `responseData` holds.
    pub response: Response,
    /// How its listing pages, when it does.
    pub paged: Option<Paging>,
    /// The action it is a shortcut for.
    pub wraps: Option<Wraps>,
    /// Response examples (full envelopes).
    pub examples: Vec<Example>,
    /// The family it was expanded from.
    pub family: Option<FamilyRef>,
    /// Its generated names.
    pub names: ActionNames,
}

impl Module {
    /// The action called `name` (its wire name inside the module).
    pub fn action(&self, name: &str) -> Option<&Action> {
        self.actions.iter().find(|a| a.name == name)
    }
}

impl Action {
    /// The parameter with form key `key`.
    pub fn param(&self, key: &str) -> Option<&Param> {
        self.params.iter().find(|p| p.key == key)
    }
}

/// What an action's `responseData` holds.
#[derive(Debug, Clone)]
pub struct Response {
    /// Whether the spec gives the action a `response` at all (or its family implies one with
    /// fields); without one, `responseData` is empty and [`Response::shape`] is
    /// [`Shape::Fields`] with no field.
    pub declared: bool,
    /// Where the manual differs or is wrong (for maintainers).
    pub note: Option<String>,
    /// Its shape.
    pub shape: Shape,
}

/// The shape of a `responseData`.
#[derive(Debug, Clone)]
pub enum Shape {
    /// The response every family's operation shares (`EntityPage`, `Entities`, `NoData`, by
    /// [`FamilyRef::op`]); `fields` are the fields it implies (`queryInfo` for a list, the
    /// entities under [`FamilyRef::field`] but for a delete), for tools that list fields.
    Family {
        /// The implied fields.
        fields: Vec<Field>,
    },
    /// A named struct (a key of [`Model::structs`]), or a JSON array of it.
    Whole {
        /// The struct's spec name.
        item: String,
        /// Whether `responseData` is an array of it.
        array: bool,
    },
    /// A struct of its own with these fields (none for an empty response).
    Fields(Vec<Field>),
    /// One struct per variant, chosen by a request parameter or by fit.
    Variants {
        /// The request parameter that chooses the variant.
        selector: Option<Selector>,
        /// The fields common to every variant.
        common: Vec<Field>,
        /// The variants, in spec order.
        variants: Vec<Variant>,
    },
}

/// The request parameter that chooses a response variant.
#[derive(Debug, Clone)]
pub struct Selector {
    /// Its form key.
    pub key: String,
    /// Its Rust field name.
    pub rust: String,
    /// Whether the parameter is required.
    pub required: bool,
    /// Its default in the spec, if any.
    pub default: Option<String>,
    /// The answer without the selector, when the parameter is optional and has no default:
    /// the common fields alone, a first variant of the response enum.
    pub plain: Option<Plain>,
}

/// The variant of a response enum for the request that leaves an optional selector without
/// default unset: the common fields alone (wire variant name `""`).
#[derive(Debug, Clone)]
pub struct Plain {
    /// The Rust variant name of the response enum (`Plain`).
    pub rust: String,
    /// The Rust name of its struct (`ListPlain`).
    pub struct_rust: String,
}

/// One variant of a response.
#[derive(Debug, Clone)]
pub struct Variant {
    /// The selector value.
    pub value: String,
    /// The Rust variant name of the response enum.
    pub rust: String,
    /// The Rust name of its struct.
    pub struct_rust: String,
    /// Its description.
    pub doc: String,
    /// Where the manual differs or is wrong (for maintainers).
    pub note: Option<String>,
    /// The request builder's method that sets the selector to this value and answers with
    /// this variant's struct (`info_type_status`), when a parameter selects the variant.
    pub setter: Option<String>,
    /// Its own fields (besides the common ones).
    pub own: Vec<Field>,
    /// The fields of its struct: the common ones, then its own (an own field replaces a
    /// common field of the same key in place).
    pub fields: Vec<Field>,
}

/// How a listing pages.
#[derive(Debug, Clone)]
pub struct Paging {
    /// The list field of the response walked by the pager (its key).
    pub items: String,
}

/// Whether a required response field identifies the item it belongs to, and so stays required
/// in lenient mode: `name`, `domainName`, and keys ending in `ID` (`domainID`, `contactID`).
/// `spec/README.md` documents the rule.
pub fn identifying(key: &str) -> bool {
    key == "name" || key == "domainName" || key.ends_with("ID")
}

impl Model {
    /// Builds the model of `spec`, which must have passed validation (see the module docs).
    pub fn build(spec: &crate::spec::Spec) -> Model {
        build::model(spec)
    }

    /// The type a [`Ty::Named`] or a group use refers to.
    pub fn named(&self, name: &str) -> Option<Named<'_>> {
        if let Some(e) = self.enums.get(name) {
            return Some(Named::Enum(e));
        }
        if let Some(s) = self.structs.get(name) {
            return Some(Named::Struct(s));
        }
        self.groups.get(name).map(Named::Group)
    }

    /// The module called `name`.
    pub fn module(&self, name: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.name == name)
    }

    /// Every action, in module and spec order.
    pub fn actions(&self) -> impl Iterator<Item = &Action> {
        self.modules.iter().flat_map(|m| m.actions.iter())
    }

    /// An error at `path` of `file`, located in its source.
    pub fn error(&self, file: &str, path: &str, message: impl Into<String>) -> SpecError {
        SpecError::located(&self.sources, file, path, message)
    }
}
