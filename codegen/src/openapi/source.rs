//! The one place the OpenAPI emitter reads the spec: it turns the checked [`Model`] into the
//! plain view below (groups expanded into form keys), and nothing else in `openapi/` looks at
//! the model.
//!
//! Types come parsed and references resolved from the model; the form keys and their presence
//! rules come from [`Wire`], the same view the client checks before sending and the sandbox
//! checks when receiving.

use crate::ir::{self, AltBody, GroupBody, Model, ParamKind};
use crate::model::Kind;
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
    /// Reads the checked `model`.
    pub fn of(model: &Model) -> Api {
        let modules = model
            .modules
            .iter()
            .map(|m| ModuleView {
                name: m.name.clone(),
                doc: m.doc.clone(),
                families: m
                    .families
                    .iter()
                    .map(|f| (f.name.clone(), f.doc.clone()))
                    .collect(),
            })
            .collect();
        let errors = model
            .errors
            .iter()
            .map(|e| ErrorView {
                name: e.name.clone(),
                code: e.code,
                doc: e.doc.clone(),
            })
            .collect();
        let enums = model
            .enums
            .values()
            .map(|e| EnumView {
                name: e.name.clone(),
                doc: e.doc.clone(),
                values: e
                    .values
                    .iter()
                    .map(|v| (v.value.clone(), v.doc.clone()))
                    .collect(),
            })
            .collect();
        let structs = model
            .structs
            .values()
            .map(|s| StructView {
                name: s.name.clone(),
                doc: s.doc.clone(),
                fields: fields(model, &s.fields),
            })
            .collect();
        let actions = model.actions().map(|a| action(model, a)).collect();
        Api {
            version: model.version.clone(),
            base_url: model.api.base_url.clone(),
            modules,
            errors,
            enums,
            structs,
            actions,
        }
    }
}

fn action(model: &Model, a: &ir::Action) -> ActionView {
    let wire = Wire::of_action(model, a);
    let mut types = Vec::new();
    collect_types(model, &a.params, "", "", 0, &mut types);
    let keys = wire.params.iter().map(|w| form_key(w, &types)).collect();
    let response = a.response.declared.then(|| {
        let (body, selector, variants) = match &a.response.shape {
            ir::Shape::Whole { item, array } => (
                Body::Whole {
                    item: item.clone(),
                    array: *array,
                },
                None,
                Vec::new(),
            ),
            ir::Shape::Family { fields: fs } | ir::Shape::Fields(fs) => {
                (Body::Fields(fields(model, fs)), None, Vec::new())
            }
            ir::Shape::Variants {
                selector,
                common,
                variants,
            } => (
                Body::Fields(fields(model, common)),
                selector.as_ref().map(|s| s.key.clone()),
                variants
                    .iter()
                    .map(|v| VariantView {
                        value: v.value.clone(),
                        doc: v.doc.clone(),
                        fields: fields(model, &v.own),
                    })
                    .collect(),
            ),
        };
        ResponseView {
            body,
            selector,
            variants,
        }
    });
    ActionView {
        module: a.module.clone(),
        name: a.name.clone(),
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
    model: &Model,
    params: &[ir::Param],
    prefix: &str,
    suffix: &str,
    depth: usize,
    out: &mut Vec<(String, KeyType)>,
) {
    if depth > 8 {
        return;
    }
    for p in params {
        let wire = format!("{prefix}{}{suffix}", p.key);
        match &p.kind {
            ParamKind::Scalar(t) => out.push((wire, KeyType::Value(shape(model, t, None)))),
            ParamKind::Group {
                group,
                prefix: gp,
                numbered,
            } => {
                if let Some(g) = model.groups.get(group) {
                    let inner = format!("{prefix}{gp}");
                    let suffix = if *numbered { "_{n}" } else { suffix };
                    collect_group(model, g, &inner, suffix, depth + 1, out);
                }
            }
            ParamKind::Switch(sw) => {
                let docs = sw
                    .cases
                    .iter()
                    .map(|c| (c.value.clone(), c.doc.clone()))
                    .collect();
                out.push((wire, KeyType::Switch(docs)));
                for c in &sw.cases {
                    collect_types(model, &c.params, prefix, suffix, depth + 1, out);
                }
            }
        }
    }
}

fn collect_group(
    model: &Model,
    g: &ir::Group,
    prefix: &str,
    suffix: &str,
    depth: usize,
    out: &mut Vec<(String, KeyType)>,
) {
    match &g.body {
        GroupBody::Params { params, .. } => {
            collect_types(model, params, prefix, suffix, depth, out)
        }
        GroupBody::OneOf(alts) => {
            for alt in alts {
                match &alt.body {
                    AltBody::Param(p) => collect_types(
                        model,
                        std::slice::from_ref(&**p),
                        prefix,
                        suffix,
                        depth,
                        out,
                    ),
                    AltBody::Struct(s) => collect_group(model, s, prefix, suffix, depth, out),
                    AltBody::Group(n) => {
                        if let Some(inner) = model.groups.get(n) {
                            collect_group(model, inner, prefix, suffix, depth + 1, out);
                        }
                    }
                }
            }
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

fn fields(model: &Model, fields: &[ir::Field]) -> Vec<FieldView> {
    fields
        .iter()
        .map(|f| FieldView {
            key: f.key.clone(),
            doc: f.doc.clone(),
            optional: f.optional,
            shape: shape(model, &f.ty, f.inline.as_ref().map(|i| i.fields.as_slice())),
            placeholders: f.placeholders.clone(),
            identifying: f.identifying,
        })
        .collect()
}

/// The shape of a parsed type; `inline` holds the fields of an inline `object`.
fn shape(model: &Model, t: &Ty, inline: Option<&[ir::Field]>) -> Shape {
    let inner = |t: &Ty| Box::new(shape(model, t, inline));
    match t {
        Ty::String => Shape::String,
        Ty::Integer => Shape::Integer,
        Ty::Float => Shape::Float,
        Ty::Boolean => Shape::Boolean,
        Ty::Date => Shape::Date,
        Ty::DateTime => Shape::DateTime,
        Ty::Json => Shape::Json,
        Ty::Object => Shape::Object(inline.map(|f| fields(model, f)).unwrap_or_default()),
        Ty::Named(n) if model.structs.contains_key(n) => Shape::Struct(n.clone()),
        Ty::Named(n) if model.enums.contains_key(n) => Shape::Enum(n.clone()),
        Ty::Named(_) => Shape::Json,
        Ty::List(t) => Shape::List(inner(t)),
        Ty::Csv(t) => Shape::Csv(inner(t)),
        Ty::Map(t) => Shape::Map(inner(t)),
        Ty::Base64Json(t) => Shape::Base64Json(inner(t)),
    }
}
