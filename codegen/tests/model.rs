//! The checked model of both spec versions: every reference resolves, every type is parsed,
//! defaults are typed, and the generated names are the ones the generated code uses.

use std::path::{Path, PathBuf};

use dondominio_codegen::ir::{AltBody, Field, GroupBody, Model, Param, ParamKind, Shape};
use dondominio_codegen::ty::Ty;

fn versions() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    ["1.0.4", "1.0.20"].iter().map(|v| root.join(v)).collect()
}

fn model(dir: &Path) -> Model {
    dondominio_codegen::load(dir, &Default::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// Every named type below `ty` is an enum or a struct of the model.
fn resolves(m: &Model, ty: &Ty, at: &str, bad: &mut Vec<String>) {
    if let Ty::Named(n) = ty.leaf() {
        if !m.enums.contains_key(n) && !m.structs.contains_key(n) {
            bad.push(format!("{at}: `{n}`"));
        }
    }
}

fn fields(m: &Model, fs: &[Field], at: &str, bad: &mut Vec<String>) {
    for f in fs {
        let here = format!("{at}.{}", f.key);
        resolves(m, &f.ty, &here, bad);
        if f.ty.has_object() && f.inline.is_none() {
            bad.push(format!("{here}: an object without its inline struct"));
        }
        if let Some(inline) = &f.inline {
            fields(m, &inline.fields, &here, bad);
        }
    }
}

fn params(m: &Model, ps: &[Param], at: &str, bad: &mut Vec<String>) {
    for p in ps {
        let here = format!("{at}.{}", p.key);
        match &p.kind {
            ParamKind::Scalar(ty) => resolves(m, ty, &here, bad),
            ParamKind::Group { group, .. } => {
                if !m.groups.contains_key(group) {
                    bad.push(format!("{here}: group `{group}`"));
                }
            }
            ParamKind::Switch(sw) => {
                for c in &sw.cases {
                    params(m, &c.params, &here, bad);
                }
            }
        }
    }
}

#[test]
fn every_reference_of_the_model_resolves() {
    for dir in versions() {
        let m = model(&dir);
        let mut bad = Vec::new();
        for s in m.structs.values() {
            fields(&m, &s.fields, &s.name, &mut bad);
        }
        for g in m.groups.values() {
            match &g.body {
                GroupBody::Params { params: ps, .. } => params(&m, ps, &g.name, &mut bad),
                GroupBody::OneOf(alts) => {
                    for a in alts {
                        match &a.body {
                            AltBody::Group(n) if !m.groups.contains_key(n) => {
                                bad.push(format!("{}: group `{n}`", g.name))
                            }
                            AltBody::Group(_) => {}
                            AltBody::Param(p) => {
                                params(&m, std::slice::from_ref(p), &g.name, &mut bad)
                            }
                            AltBody::Struct(s) => {
                                if let GroupBody::Params { params: ps, .. } = &s.body {
                                    params(&m, ps, &s.name, &mut bad);
                                }
                            }
                        }
                    }
                }
            }
        }
        for a in m.actions() {
            params(&m, &a.params, &a.path, &mut bad);
            match &a.response.shape {
                Shape::Family { fields: fs } | Shape::Fields(fs) => {
                    fields(&m, fs, &a.path, &mut bad)
                }
                Shape::Whole { item, .. } => {
                    if !m.structs.contains_key(item) {
                        bad.push(format!("{}: struct `{item}`", a.path));
                    }
                }
                Shape::Variants { variants, .. } => {
                    for v in variants {
                        fields(&m, &v.fields, &a.path, &mut bad);
                    }
                }
            }
            if let Some(f) = &a.family {
                if !m.structs.contains_key(&f.entity) {
                    bad.push(format!("{}: entity `{}`", a.path, f.entity));
                }
            }
        }
        assert!(
            bad.is_empty(),
            "{}: unresolved:\n{}",
            dir.display(),
            bad.join("\n")
        );
        assert!(m.actions().count() > 50);
    }
}

#[test]
fn defaults_are_typed_and_names_are_assigned() {
    let m = model(&versions()[1]);
    let list = m
        .module("domain")
        .and_then(|d| d.action("list"))
        .expect("domain/list");
    assert_eq!(list.names.params, "ListParams");
    assert_eq!(list.names.request, "ListRequest");
    assert_eq!(list.names.response, "ListResponse");
    assert_eq!(list.names.variant, "DomainList");
    assert_eq!(list.names.method, "list");
    let page = list.param("pageLength").expect("pageLength");
    let default = page.default.as_ref().expect("a default");
    assert!(default.value.is_i64(), "{default:?}");
    assert_eq!(default.value.to_string(), default.text);
    let service = m.module("service").expect("service");
    assert_eq!(service.api, "ServiceApi");
    let dns = service
        .families
        .iter()
        .find(|f| f.name == "dns")
        .expect("dns");
    assert_eq!(
        (dns.api.as_str(), dns.file.as_str()),
        ("DnsApi", "service.dns.rs")
    );
    let dnslist = service.action("dnslist").expect("service/dnslist");
    assert_eq!(dnslist.names.family_method.as_deref(), Some("list"));
    assert!(matches!(dnslist.response.shape, Shape::Family { .. }));
    // A type only one family uses lives in its submodule; a shared one in `types`.
    let query = &m.structs["QueryInfo"];
    assert_eq!(query.home.path(), ["types"]);
}

/// The names the model assigned are the ones in the generated code.
#[test]
fn the_generated_code_uses_the_model_names() {
    let m = model(&versions()[1]);
    let files = dondominio_codegen::generate(&m).expect("generated");
    let all: String = files.iter().map(|f| f.code.as_str()).collect();
    for a in m.actions() {
        for name in [&a.names.params, &a.names.request, &a.names.variant] {
            assert!(
                all.contains(name.as_str()),
                "{}: `{name}` not generated",
                a.path
            );
        }
    }
    for s in m.structs.values() {
        assert!(
            all.contains(&format!("pub struct {} ", s.rust)),
            "{}",
            s.rust
        );
    }
}
