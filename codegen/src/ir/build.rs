//! Builds the [`Model`] of a loaded spec: the one place that turns spec text into resolved,
//! typed items and asks [`crate::names`] for every generated name.

use indexmap::IndexMap;

use super::layout::Layout;
use super::*;
use crate::model::{self as raw, Named as RawNamed};
use crate::names::{self, camel, member_name, variant_name};
use crate::spec::Spec;

/// What the builder reads: the spec and where each type lives.
struct Builder<'s> {
    spec: &'s Spec,
    layout: Layout,
}

pub(super) fn model(spec: &Spec) -> Model {
    let b = Builder {
        layout: Layout::of(spec),
        spec,
    };
    let enums = spec
        .enums
        .iter()
        .map(|(n, d)| (n.clone(), b.enum_(n, d)))
        .collect();
    let structs = spec
        .structs
        .iter()
        .map(|(n, d)| (n.clone(), b.struct_(n, d)))
        .collect();
    let groups = spec
        .groups
        .iter()
        .map(|(n, d)| (n.clone(), b.group(n, d)))
        .collect();
    let modules = spec.modules.iter().map(|m| b.module(m)).collect();
    let errors = spec
        .api
        .errors
        .iter()
        .map(|(name, e)| ErrorCode {
            name: name.clone(),
            rust: camel(name),
            code: e.code,
            doc: e.doc.clone(),
        })
        .collect();
    drop(b);
    Model {
        version: spec.version.clone(),
        api: spec.api.clone(),
        errors,
        modules,
        enums,
        structs,
        groups,
        partial: spec.partial.clone(),
        sources: spec.sources.clone(),
        compiled: Vec::new(),
    }
}

/// The parsed type of an expression; a text that did not parse (refused by validation) reads
/// as `json`.
fn ty_of(expr: &crate::ty::TypeExpr) -> Ty {
    expr.ty().cloned().unwrap_or(Ty::Json)
}

impl Builder<'_> {
    fn home(&self, name: &str, module: &Option<String>) -> Home {
        Home {
            module: module.clone(),
            family: self.layout.family_of(name).map(str::to_owned),
        }
    }

    fn enum_(&self, name: &str, d: &crate::spec::Def<raw::EnumDef>) -> Enum {
        Enum {
            name: name.to_owned(),
            rust: camel(name),
            home: self.home(name, &d.module),
            file: d.file.clone(),
            doc: d.def.doc.clone(),
            manual: d.def.manual.clone(),
            note: d.def.note.clone(),
            values: d
                .def
                .values
                .iter()
                .map(|(value, v)| EnumValue {
                    value: value.clone(),
                    rust: camel(&variant_name(value, v.rust())),
                    doc: v.doc().to_owned(),
                })
                .collect(),
        }
    }

    /// Whether some action returns the struct `name` as its whole `responseData`.
    fn returned_whole(&self, name: &str) -> bool {
        self.spec.actions().any(|(_, _, def)| {
            def.action
                .response
                .as_ref()
                .and_then(|r| r.whole_type())
                .is_some_and(|w| !w.array && w.item == name)
        })
    }

    fn struct_(&self, name: &str, d: &crate::spec::Def<raw::StructDef>) -> Struct {
        Struct {
            name: name.to_owned(),
            rust: camel(name),
            home: self.home(name, &d.module),
            file: d.file.clone(),
            doc: d.def.doc.clone(),
            manual: d.def.manual.clone(),
            note: d.def.note.clone(),
            fields: fields(name, &d.def.fields),
            response_data: d.module.is_none() || self.returned_whole(name),
        }
    }

    fn group(&self, name: &str, d: &crate::spec::Def<raw::GroupDef>) -> Group {
        let g = &d.def;
        let home = self.home(name, &d.module);
        let body = match &g.one_of {
            Some(alts) => GroupBody::OneOf(
                alts.iter()
                    .map(|(v, alt)| self.alt(name, v, alt, &home, &d.file))
                    .collect(),
            ),
            None => plain_body(name, g.params.as_ref()),
        };
        let from = g
            .from
            .iter()
            .filter(|f| !crate::spec::source_unread(self.spec, f))
            .filter_map(|f| self.from(g, f))
            .collect();
        Group {
            name: name.to_owned(),
            rust: camel(name),
            home,
            file: d.file.clone(),
            doc: g.doc.clone(),
            manual: g.manual.clone(),
            note: g.note.clone(),
            body,
            from,
        }
    }

    fn alt(&self, group: &str, v: &str, alt: &raw::GroupVariant, home: &Home, file: &str) -> Alt {
        let ctx = names::member_of(group, v);
        let empty = RawNamed::default();
        let ps = alt.params.as_ref().unwrap_or(&empty);
        let body = match (&alt.group, ps.len(), ps.iter().next()) {
            (Some(g), _, _) => AltBody::Group(g.clone()),
            (None, 1, Some((k, p))) => AltBody::Param(Box::new(param(&ctx, k, p))),
            _ => AltBody::Struct(Box::new(Group {
                rust: camel(&ctx),
                home: home.clone(),
                file: file.to_owned(),
                doc: alt.doc.clone(),
                manual: None,
                note: None,
                body: plain_body(&ctx, Some(ps)),
                from: Vec::new(),
                name: ctx,
            })),
        };
        Alt {
            name: v.to_owned(),
            rust: camel(&camel(v)),
            doc: alt.doc.clone(),
            note: alt.note.clone(),
            body,
        }
    }

    /// A `from:` entry, resolved; `None` when it does not resolve (validation refused it).
    fn from(&self, g: &raw::GroupDef, f: &raw::FromDef) -> Option<From> {
        let src = crate::convert::source(self.spec, f).ok()?;
        let pairs = crate::convert::pairs(g, f, &src).ok()?;
        let pairs = pairs
            .iter()
            .map(|pair| FromPair {
                param: pair.param.rust_name(pair.key),
                required: pair.param.required,
                numbered: pair.param.numbered,
                field: pair.field.map(|(fk, fd)| FromField {
                    rust: fd.rust_name(fk),
                    optional: fd.optional,
                    text: matches!(fd.ty.ty(), Some(Ty::String)),
                }),
            })
            .collect();
        let source = match &f.struct_ {
            Some(s) => FromSource::Struct(s.clone()),
            None => FromSource::Response(src.type_name.clone()),
        };
        Some(From {
            module: src.module,
            source,
            shown: src.shown,
            pairs,
        })
    }

    fn module(&self, m: &crate::spec::Module) -> Module {
        Module {
            name: m.name.clone(),
            doc: m.doc.clone(),
            api: names::module_api(&m.name),
            file: names::module_file(&m.name),
            actions: m
                .actions
                .iter()
                .map(|(n, a)| action(&m.name, n, a))
                .collect(),
            families: m
                .families
                .iter()
                .map(|(fam, d)| Family {
                    name: fam.clone(),
                    api: names::family_api(fam),
                    file: names::family_file(&m.name, fam),
                    spec_file: d.file.clone(),
                    method: names::method(fam),
                    doc: d.def.doc.clone(),
                    manual: d.def.manual.clone(),
                    note: d.def.note.clone(),
                    entity: d.def.entity.clone(),
                    field: d.def.field.clone(),
                })
                .collect(),
        }
    }
}

/// The body of a plain group named `name` with these parameters.
fn plain_body(name: &str, ps: Option<&RawNamed<raw::Param>>) -> GroupBody {
    let empty = RawNamed::default();
    let ps = ps.unwrap_or(&empty);
    GroupBody::Params {
        params: params(name, ps),
        builder: raw::wants_builder(ps).then(|| names::builder(&camel(name))),
    }
}

/// The fields of the type named `ctx` (whose inline structs are named after it).
fn fields(ctx: &str, fs: &RawNamed<raw::Field>) -> Vec<Field> {
    fs.iter().map(|(k, f)| field(ctx, k, f)).collect()
}

fn field(ctx: &str, key: &str, f: &raw::Field) -> Field {
    let ty = ty_of(&f.ty);
    let inline_name = names::inline_struct(ctx, key, f.type_name.as_deref());
    let inline = match &f.fields {
        Some(sub) if ty.has_object() => Some(Inline {
            rust: camel(&inline_name),
            fields: fields(&inline_name, sub),
            name: inline_name.clone(),
        }),
        _ => None,
    };
    Field {
        key: key.to_owned(),
        rust: member_name(key, f.rust.as_deref()),
        ty,
        doc: f.doc.clone(),
        note: f.note.clone(),
        optional: f.optional,
        placeholders: f.placeholders.clone(),
        identifying: identifying(key),
        inline,
        object_rust: camel(&inline_name),
    }
}

/// The parameters of the type named `ctx` (whose discriminators are named after it).
fn params(ctx: &str, ps: &RawNamed<raw::Param>) -> Vec<Param> {
    ps.iter().map(|(k, p)| param(ctx, k, p)).collect()
}

fn param(ctx: &str, key: &str, p: &raw::Param) -> Param {
    let kind = if let Some(t) = &p.ty {
        ParamKind::Scalar(ty_of(t))
    } else if let Some(g) = &p.group {
        ParamKind::Group {
            group: g.clone(),
            prefix: p.prefix.clone().unwrap_or_else(|| key.to_owned()),
            numbered: p.numbered,
        }
    } else {
        let name = names::discriminator(ctx, key, p.type_name.as_deref());
        let empty = IndexMap::new();
        let cases = p
            .variants
            .as_ref()
            .map_or(&empty, |v| &v.0)
            .iter()
            .map(|(v, def)| Case {
                value: v.clone(),
                rust: camel(&camel(v)),
                doc: def.doc.clone(),
                note: def.note.clone(),
                params: params(&names::member_of(&name, v), &def.params),
            })
            .collect();
        ParamKind::Switch(Switch {
            rust: camel(&name),
            name,
            cases,
        })
    };
    let default = p.default.as_ref().map(|d| literal(&kind, &d.0));
    Param {
        key: key.to_owned(),
        rust: p.rust_name(key),
        doc: p.doc.clone(),
        note: p.note.clone(),
        required: p.required,
        required_if: p
            .required_if
            .iter()
            .flat_map(|w| w.iter())
            .map(|(k, v)| (k.clone(), v.0.clone()))
            .collect(),
        default,
        kind,
    }
}

/// `text` typed by the parameter's kind (validation checked that it fits).
fn literal(kind: &ParamKind, text: &str) -> Literal {
    use serde_json::Value;
    let value = match kind {
        ParamKind::Scalar(Ty::Integer) => text.parse::<i64>().map(Value::from).ok(),
        ParamKind::Scalar(Ty::Float) => text.parse::<f64>().ok().map(Value::from),
        ParamKind::Scalar(Ty::Boolean) => match text {
            "true" | "1" => Some(Value::Bool(true)),
            "false" | "0" => Some(Value::Bool(false)),
            _ => None,
        },
        _ => None,
    };
    Literal {
        text: text.to_owned(),
        value: value.unwrap_or_else(|| Value::String(text.to_owned())),
    }
}

fn action(module: &str, name: &str, def: &crate::spec::ActionDef) -> Action {
    let a = &def.action;
    let base = names::action_base(name);
    let params = params(&base, &a.params);
    let response = response(&base, a, &params);
    let answer = answer(&response).unwrap_or_else(|| names::action_response(&base));
    Action {
        module: module.to_owned(),
        name: name.to_owned(),
        path: format!("{module}/{name}"),
        file: def.file.clone(),
        spec_path: def.path.clone(),
        doc: a.doc.clone(),
        kind: a.kind,
        manual: a.manual.clone(),
        note: a.note.clone(),
        params,
        response,
        paged: a.paged.as_ref().map(|p| Paging {
            items: p.items.clone(),
        }),
        wraps: a.wraps.clone(),
        examples: a.examples.clone(),
        family: a.family.clone(),
        names: ActionNames {
            method: names::method(name),
            family_method: a.family.as_ref().map(|f| names::method(&f.op)),
            params: names::action_params(&base),
            request: names::action_request(&base),
            response: names::action_response(&base),
            answer,
            variant: names::action_variant(module, name),
        },
    }
}

fn response(base: &str, a: &raw::Action, params: &[Param]) -> Response {
    if a.family.as_ref().is_some_and(|f| f.implied_response) {
        let implied = a.response.as_ref().map(|r| fields(base, &r.fields));
        return Response {
            declared: a.response.is_some(),
            note: None,
            shape: Shape::Family {
                fields: implied.unwrap_or_default(),
            },
        };
    }
    let Some(r) = &a.response else {
        return Response {
            declared: false,
            note: None,
            shape: Shape::Fields(Vec::new()),
        };
    };
    let shape = if r.ty.is_some() {
        match r.whole_type() {
            Some(w) => Shape::Whole {
                item: w.item,
                array: w.array,
            },
            None => Shape::Fields(Vec::new()),
        }
    } else if let Some(vs) = &r.variants {
        let common = fields(base, &r.fields);
        let sel = r
            .selector
            .as_ref()
            .and_then(|key| params.iter().find(|p| &p.key == key));
        let variants = vs
            .iter()
            .map(|(v, vr)| {
                let mut merged = r.fields.clone();
                for (k, f) in vr.fields.iter() {
                    merged.insert(k.clone(), f.clone());
                }
                Variant {
                    value: v.clone(),
                    rust: camel(&camel(v)),
                    struct_rust: names::response_variant(base, v),
                    setter: sel
                        .filter(|p| !p.required)
                        .map(|p| names::selector_setter(&p.rust, v)),
                    doc: vr.doc.clone(),
                    note: vr.note.clone(),
                    own: fields(base, &vr.fields),
                    fields: fields(base, &merged),
                }
            })
            .collect();
        let selector = r.selector.as_ref().map(|key| Selector {
            key: key.clone(),
            rust: sel.map_or_else(|| names::snake(key), |p| p.rust.clone()),
            required: sel.is_some_and(|p| p.required),
            default: sel.and_then(|p| p.default.as_ref()).map(|d| d.text.clone()),
            plain: a.has_plain_variant().then(|| Plain {
                rust: names::plain_variant(),
                struct_rust: names::response_plain(base),
            }),
        });
        Shape::Variants {
            selector,
            common,
            variants,
        }
    } else {
        Shape::Fields(fields(base, &r.fields))
    };
    Response {
        declared: true,
        note: r.note.clone(),
        shape,
    }
}

/// The type of the answer to the request as built, when it is not the action's response type:
/// for an optional selector, the struct of the variant the API gives without it.
fn answer(r: &Response) -> Option<String> {
    let Shape::Variants {
        selector: Some(sel),
        variants,
        ..
    } = &r.shape
    else {
        return None;
    };
    if sel.required {
        return None;
    }
    if let Some(plain) = &sel.plain {
        return Some(plain.struct_rust.clone());
    }
    let default = sel.default.as_deref()?;
    let v = variants.iter().find(|v| v.value == default)?;
    Some(v.struct_rust.clone())
}
