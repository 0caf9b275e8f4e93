//! The one place the OpenAPI emitter reads the spec: it turns the validated [`Spec`] into the
//! plain view below (types parsed, groups expanded into form keys, families resolved), and
//! nothing else in `openapi/` looks at the spec.
//!
//! Type strings are parsed here only (with [`Ty::parse`]); the form keys and their presence
//! rules come from [`Wire`], the same view the client checks before sending and the sandbox
//! checks when receiving.

use crate::load::Spec;
use crate::model::{Field, Kind, Named, Param};
use crate::ty::Ty;
use crate::wire::{Rule, Wire, WireParam};

/// What the emitter needs of one spec version.
#[derive(Debug, Clone)]
pub struct Api {
    /// The version, such as `1.0.20`.
    pub version: String,
    /// The API's base URL.
    pub base_url: String,
    /// The modules, in spec order.
    pub modules: Vec<ModuleView>,
    /// Every error code, in spec order.
    pub errors: Vec<ErrorView>,
    /// Every enumeration.
    pub enums: Vec<EnumView>,
    /// Every named struct.
    pub structs: Vec<StructView>,
    /// Every action, in module and spec order.
    pub actions: Vec<ActionView>,
}

/// A module and its entity families.
#[derive(Debug, Clone)]
pub struct ModuleView {
    /// Wire name (`domain`).
    pub name: String,
    /// Description.
    pub doc: String,
    /// Entity families as `(name, doc)`.
    pub families: Vec<(String, String)>,
}

/// One error code of the envelope.
#[derive(Debug, Clone)]
pub struct ErrorView {
    /// Its name in the spec (`LoginInvalid`).
    pub name: String,
    /// The numeric code.
    pub code: i64,
    /// What it means.
    pub doc: String,
}

/// An enumeration with the meaning of each value.
#[derive(Debug, Clone)]
pub struct EnumView {
    /// Name in the spec.
    pub name: String,
    /// Description.
    pub doc: String,
    /// `(wire value, meaning)`.
    pub values: Vec<(String, String)>,
}

/// A named response struct.
#[derive(Debug, Clone)]
pub struct StructView {
    /// Name in the spec.
    pub name: String,
    /// Description.
    pub doc: String,
    /// Its fields.
    pub fields: Vec<FieldView>,
}

/// A response field.
#[derive(Debug, Clone)]
pub struct FieldView {
    /// Wire key.
    pub key: String,
    /// Description.
    pub doc: String,
    /// May be missing or `null`.
    pub optional: bool,
    /// Its type.
    pub shape: Shape,
    /// Texts sent instead of a number (`-`), for number fields.
    pub placeholders: Vec<String>,
    /// Names what the answer is about (`name`, `domainID`...): required even when decoding is
    /// lenient.
    pub identifying: bool,
}

/// The type of a response value (or of the JSON inside a base64 parameter).
#[derive(Debug, Clone)]
pub enum Shape {
    /// Text.
    String,
    /// A whole number.
    Integer,
    /// A decimal number.
    Float,
    /// A boolean.
    Boolean,
    /// `YYYY-MM-DD`.
    Date,
    /// `YYYY-MM-DD HH:MM:SS`.
    DateTime,
    /// Any JSON.
    Json,
    /// A named enumeration.
    Enum(String),
    /// A named struct.
    Struct(String),
    /// An inline struct.
    Object(Vec<FieldView>),
    /// A JSON array.
    List(Box<Shape>),
    /// A comma-separated text or an array.
    Csv(Box<Shape>),
    /// A JSON object with free keys.
    Map(Box<Shape>),
    /// JSON, then base64.
    Base64Json(Box<Shape>),
}

/// The value type of a form key.
#[derive(Debug, Clone)]
pub enum FormTy {
    /// A scalar, enum, list or encoded value.
    Value(Shape),
    /// The key names a variant of a discriminator: `(value, meaning)`.
    Switch(Vec<(String, String)>),
}

/// One form key of an action (numbered keys contain `{n}`).
#[derive(Debug, Clone)]
pub struct FormKey {
    /// The key (`ownerContactFirstName`, `alt_name_{n}`).
    pub key: String,
    /// Its value type.
    pub ty: FormTy,
    /// Required in every request.
    pub required: bool,
    /// Description, after the docs of the groups it is sent in.
    pub doc: String,
    /// The API's default when absent, as written in the spec.
    pub default: Option<String>,
}

/// What `responseData` holds.
#[derive(Debug, Clone)]
pub enum Body {
    /// Fields of its own (possibly none).
    Fields(Vec<FieldView>),
    /// A named struct, or (`array`) a JSON array of it.
    Whole {
        /// The struct.
        item: String,
        /// `responseData` is an array of it.
        array: bool,
    },
}

/// A response variant chosen by a request parameter.
#[derive(Debug, Clone)]
pub struct VariantView {
    /// The selector's value.
    pub value: String,
    /// Description.
    pub doc: String,
    /// The variant's extra fields.
    pub fields: Vec<FieldView>,
}

/// An action's response.
#[derive(Debug, Clone)]
pub struct ResponseView {
    /// The common part.
    pub body: Body,
    /// The selector parameter, when variants exist.
    pub selector: Option<String>,
    /// The variants, in spec order.
    pub variants: Vec<VariantView>,
}

/// A response example of the spec (a full envelope).
#[derive(Debug, Clone)]
pub struct ExampleView {
    /// The variant it shows.
    pub variant: Option<String>,
    /// What was corrected in it.
    pub doc: Option<String>,
    /// The envelope; `None` when the text is not JSON (validation refuses that).
    pub json: Option<serde_json::Value>,
}

/// One action.
#[derive(Debug, Clone)]
pub struct ActionView {
    /// Module wire name.
    pub module: String,
    /// Action wire name.
    pub name: String,
    /// The entity family it was expanded from.
    pub family: Option<String>,
    /// Description.
    pub doc: String,
    /// Read, write or billable.
    pub kind: Kind,
    /// The list field a pager walks, for listings.
    pub paged: Option<String>,
    /// The action it is a shortcut for, with the values it fixes.
    pub wraps: Option<(String, Vec<(String, String)>)>,
    /// Every form key, groups expanded.
    pub keys: Vec<FormKey>,
    /// Which keys must be present.
    pub rules: Vec<Rule>,
    /// The response; `None` when `responseData` is empty.
    pub response: Option<ResponseView>,
    /// The spec's examples.
    pub examples: Vec<ExampleView>,
}

impl Api {
    /// Reads the validated `spec`.
    pub fn of(spec: &Spec) -> Api {
        let modules = spec
            .modules
            .iter()
            .map(|m| ModuleView {
                name: m.name.clone(),
                doc: m.doc.clone(),
                families: m
                    .families
                    .iter()
                    .map(|(n, f)| (n.clone(), f.def.doc.clone()))
                    .collect(),
            })
            .collect();
        let errors = spec
            .api
            .errors
            .iter()
            .map(|(name, e)| ErrorView {
                name: name.clone(),
                code: e.code,
                doc: e.doc.clone(),
            })
            .collect();
        let enums = spec
            .enums
            .iter()
            .map(|(name, e)| EnumView {
                name: name.clone(),
                doc: e.def.doc.clone(),
                values: e
                    .def
                    .values
                    .iter()
                    .map(|(v, d)| (v.clone(), d.doc().to_owned()))
                    .collect(),
            })
            .collect();
        let structs = spec
            .structs
            .iter()
            .map(|(name, s)| StructView {
                name: name.clone(),
                doc: s.def.doc.clone(),
                fields: fields(spec, &s.def.fields),
            })
            .collect();
        let actions = spec
            .actions()
            .map(|(m, name, def)| action(spec, &m.name, name, &def.action))
            .collect();
        Api {
            version: spec.version.clone(),
            base_url: spec.api.base_url.clone(),
            modules,
            errors,
            enums,
            structs,
            actions,
        }
    }
}

fn action(spec: &Spec, module: &str, name: &str, a: &crate::model::Action) -> ActionView {
    let wire = Wire::of_action(spec, name, &a.params);
    let mut types = Vec::new();
    collect_types(spec, &a.params, "", "", 0, &mut types);
    let keys = wire.params.iter().map(|w| form_key(w, &types)).collect();
    let response = a.response.as_ref().map(|r| {
        let body = match r.whole_type() {
            Some(w) => Body::Whole {
                item: w.item,
                array: w.array,
            },
            None => Body::Fields(fields(spec, &r.fields)),
        };
        ResponseView {
            body,
            selector: r.selector.clone(),
            variants: r
                .variants
                .iter()
                .flat_map(|v| v.iter())
                .map(|(value, v)| VariantView {
                    value: value.clone(),
                    doc: v.doc.clone(),
                    fields: fields(spec, &v.fields),
                })
                .collect(),
        }
    });
    ActionView {
        module: module.to_owned(),
        name: name.to_owned(),
        family: a.family.as_ref().map(|f| f.family.clone()),
        doc: a.doc.clone(),
        kind: a.kind,
        paged: a.paged.as_ref().map(|p| p.items.clone()),
        wraps: a.wraps.as_ref().map(|w| {
            let with = w
                .with
                .iter()
                .map(|(k, v)| (k.clone(), v.0.clone()))
                .collect();
            (w.action.clone(), with)
        }),
        keys,
        rules: wire.rules,
        response,
        examples: a
            .examples
            .iter()
            .map(|e| ExampleView {
                variant: e.variant.clone(),
                doc: e.doc.clone(),
                json: serde_json::from_str(&e.json).ok(),
            })
            .collect(),
    }
}

/// What [`Wire`] does not keep of a form key: the spec type (to name enums and the JSON inside
/// base64) and the meanings of a discriminator's variants.
enum KeyType {
    Value(Shape),
    Switch(Vec<(String, String)>),
}

/// Walks the parameters the way [`Wire`] does, recording the type of each form key.
fn collect_types(
    spec: &Spec,
    params: &Named<Param>,
    prefix: &str,
    suffix: &str,
    depth: usize,
    out: &mut Vec<(String, KeyType)>,
) {
    if depth > 8 {
        return;
    }
    for (key, p) in params.iter() {
        let wire = format!("{prefix}{key}{suffix}");
        if let Some(ty) = &p.ty {
            if let Ok(t) = Ty::parse(ty) {
                out.push((wire, KeyType::Value(shape(spec, &t, None))));
            }
        } else if let Some(g) = p.group.as_ref().and_then(|g| spec.groups.get(g)) {
            let inner = format!("{prefix}{}", p.prefix.as_deref().unwrap_or(key));
            let suffix = if p.numbered { "_{n}" } else { suffix };
            collect_group(spec, &g.def, &inner, suffix, depth + 1, out);
        } else if let Some(variants) = &p.variants {
            let docs = variants
                .iter()
                .map(|(v, d)| (v.clone(), d.doc.clone()))
                .collect();
            out.push((wire, KeyType::Switch(docs)));
            for v in variants.values() {
                collect_types(spec, &v.params, prefix, suffix, depth + 1, out);
            }
        }
    }
}

fn collect_group(
    spec: &Spec,
    g: &crate::model::GroupDef,
    prefix: &str,
    suffix: &str,
    depth: usize,
    out: &mut Vec<(String, KeyType)>,
) {
    if let Some(params) = &g.params {
        collect_types(spec, params, prefix, suffix, depth, out);
    }
    for v in g.one_of.iter().flat_map(|o| o.values()) {
        if let Some(params) = &v.params {
            collect_types(spec, params, prefix, suffix, depth, out);
        } else if let Some(inner) = v.group.as_ref().and_then(|n| spec.groups.get(n)) {
            collect_group(spec, &inner.def, prefix, suffix, depth + 1, out);
        }
    }
}

fn form_key(w: &WireParam, types: &[(String, KeyType)]) -> FormKey {
    let ty = match types.iter().find(|(k, _)| *k == w.name).map(|(_, t)| t) {
        Some(KeyType::Value(s)) => FormTy::Value(s.clone()),
        Some(KeyType::Switch(v)) => FormTy::Switch(v.clone()),
        None => FormTy::Value(Shape::String),
    };
    FormKey {
        key: w.name.clone(),
        ty,
        required: w.required,
        doc: w.doc.clone(),
        default: w.default.clone(),
    }
}

fn fields(spec: &Spec, fields: &Named<Field>) -> Vec<FieldView> {
    fields
        .iter()
        .map(|(key, f)| FieldView {
            key: key.clone(),
            doc: f.doc.clone(),
            optional: f.optional,
            shape: Ty::parse(&f.ty)
                .map(|t| shape(spec, &t, f.fields.as_ref()))
                .unwrap_or(Shape::Json),
            placeholders: f.placeholders.clone(),
            identifying: crate::emit::response::identifying(key),
        })
        .collect()
}

/// The shape of a parsed type; `inline` holds the fields of an inline `object`.
fn shape(spec: &Spec, t: &Ty, inline: Option<&Named<Field>>) -> Shape {
    let inner = |t: &Ty| Box::new(shape(spec, t, inline));
    match t {
        Ty::String => Shape::String,
        Ty::Integer => Shape::Integer,
        Ty::Float => Shape::Float,
        Ty::Boolean => Shape::Boolean,
        Ty::Date => Shape::Date,
        Ty::DateTime => Shape::DateTime,
        Ty::Json => Shape::Json,
        Ty::Object => Shape::Object(inline.map(|f| fields(spec, f)).unwrap_or_default()),
        Ty::Named(n) if spec.structs.contains_key(n) => Shape::Struct(n.clone()),
        Ty::Named(n) if spec.enums.contains_key(n) => Shape::Enum(n.clone()),
        Ty::Named(_) => Shape::Json,
        Ty::List(t) => Shape::List(inner(t)),
        Ty::Csv(t) => Shape::Csv(inner(t)),
        Ty::Map(t) => Shape::Map(inner(t)),
        Ty::Base64Json(t) => Shape::Base64Json(inner(t)),
    }
}
