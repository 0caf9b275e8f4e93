//! The build script with some features off reads only the files of the enabled modules
//! (`build_files` -> `load` with `LoadOptions::modules`). What it generates must not depend on that: every
//! file is the same as from the whole spec with the same `Options`.
//!
//! `api.rs` is the one exception, and only behind `#[cfg(feature = ...)]`: it lists every module
//! of api.yaml (its `mod`, `Action` variants, match arms, `Client` method), each gated on the
//! module's feature, and a partial load knows no action of a module it did not read. With
//! that feature off rustc drops those items anyway, so `api.rs` is compared after removing
//! every item, variant, arm and statement gated on a feature that is off.

use std::path::{Path, PathBuf};

use dondominio_codegen::{build_files, generate_with, load, GeneratedFile, LoadOptions, Options};
use syn::visit_mut::VisitMut;

fn spec_dir(version: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../spec")
        .join(version)
}

/// The build's options for the features `on`: plain tokens, the crate's docs.
fn options(on: &[&str]) -> Options {
    Options {
        modules: Some(on.iter().map(|m| (*m).to_owned()).collect()),
        pretty: false,
        docs: Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs")),
    }
}

/// The whole spec, validated but for the examples (as the build does: some edits below change
/// a response without its examples).
fn no_examples() -> LoadOptions {
    LoadOptions {
        examples: false,
        ..LoadOptions::default()
    }
}

/// The model of what the modules `wanted` need (the examples left unchecked, as the build
/// does: some edits below change a response without its examples).
fn load_modules(
    dir: &Path,
    wanted: &[String],
) -> Result<dondominio_codegen::Model, dondominio_codegen::SpecErrors> {
    let options = LoadOptions {
        modules: Some(wanted.to_vec()),
        examples: false,
        ..LoadOptions::default()
    };
    load(dir, &options)
}

/// The files of a whole load and validation (examples left unchecked), generated with
/// `options`.
fn whole(dir: &Path, options: &Options) -> Vec<GeneratedFile> {
    let model = load(dir, &no_examples()).unwrap_or_else(|e| panic!("{e}"));
    generate_with(&model, options).unwrap_or_else(|e| panic!("{e}"))
}

/// Removes what is gated on a feature of `off`.
struct StripOff<'a> {
    off: &'a [String],
}

impl StripOff<'_> {
    fn gated(&self, attrs: &[syn::Attribute]) -> bool {
        attrs.iter().any(|a| {
            a.path().is_ident("cfg")
                && a.parse_args::<syn::MetaNameValue>().is_ok_and(|nv| {
                    nv.path.is_ident("feature")
                        && matches!(&nv.value, syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. })
                            if self.off.contains(&s.value()))
                })
        })
    }

    fn stmt_gated(&self, s: &syn::Stmt) -> bool {
        match s {
            syn::Stmt::Local(l) => self.gated(&l.attrs),
            syn::Stmt::Item(i) => self.item_gated(i),
            syn::Stmt::Macro(m) => self.gated(&m.attrs),
            syn::Stmt::Expr(e, _) => match e {
                syn::Expr::MethodCall(c) => self.gated(&c.attrs),
                syn::Expr::Call(c) => self.gated(&c.attrs),
                syn::Expr::Macro(m) => self.gated(&m.attrs),
                _ => false,
            },
        }
    }

    fn item_gated(&self, i: &syn::Item) -> bool {
        match i {
            syn::Item::Mod(m) => self.gated(&m.attrs),
            syn::Item::Fn(f) => self.gated(&f.attrs),
            syn::Item::Impl(x) => self.gated(&x.attrs),
            syn::Item::Enum(x) => self.gated(&x.attrs),
            syn::Item::Struct(x) => self.gated(&x.attrs),
            syn::Item::Const(x) => self.gated(&x.attrs),
            syn::Item::Static(x) => self.gated(&x.attrs),
            syn::Item::Use(x) => self.gated(&x.attrs),
            _ => false,
        }
    }
}

impl VisitMut for StripOff<'_> {
    fn visit_file_mut(&mut self, f: &mut syn::File) {
        f.items.retain(|i| !self.item_gated(i));
        syn::visit_mut::visit_file_mut(self, f);
    }
    fn visit_item_mod_mut(&mut self, m: &mut syn::ItemMod) {
        if let Some((_, items)) = &mut m.content {
            items.retain(|i| !self.item_gated(i));
        }
        syn::visit_mut::visit_item_mod_mut(self, m);
    }
    fn visit_item_enum_mut(&mut self, e: &mut syn::ItemEnum) {
        let kept = std::mem::take(&mut e.variants)
            .into_iter()
            .filter(|v| !self.gated(&v.attrs));
        e.variants = kept.collect();
        syn::visit_mut::visit_item_enum_mut(self, e);
    }
    fn visit_item_impl_mut(&mut self, i: &mut syn::ItemImpl) {
        i.items.retain(|it| match it {
            syn::ImplItem::Fn(f) => !self.gated(&f.attrs),
            syn::ImplItem::Const(c) => !self.gated(&c.attrs),
            _ => true,
        });
        syn::visit_mut::visit_item_impl_mut(self, i);
    }
    fn visit_expr_match_mut(&mut self, m: &mut syn::ExprMatch) {
        m.arms.retain(|a| !self.gated(&a.attrs));
        syn::visit_mut::visit_expr_match_mut(self, m);
    }
    fn visit_block_mut(&mut self, b: &mut syn::Block) {
        b.stmts.retain(|s| !self.stmt_gated(s));
        syn::visit_mut::visit_block_mut(self, b);
    }
}

/// `api.rs` without what is gated on a feature of `off`, as token text.
fn api_without(code: &str, off: &[String]) -> String {
    let mut file = syn::parse_file(code).unwrap_or_else(|e| panic!("api.rs parses: {e}"));
    StripOff { off }.visit_file_mut(&mut file);
    quote::ToTokens::to_token_stream(&file).to_string()
}

/// Asserts that `partial` (from `build_files`) is `whole` for the features `on` of `dir`.
fn assert_same(dir: &Path, on: &[&str], partial: &[GeneratedFile], whole: &[GeneratedFile]) {
    let names = |fs: &[GeneratedFile]| fs.iter().map(|f| f.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(partial), names(whole), "{}: {on:?}", dir.display());
    let spec = load(dir, &no_examples()).unwrap_or_else(|e| panic!("{e}"));
    let off: Vec<String> = spec
        .modules
        .iter()
        .map(|m| m.name.clone())
        .filter(|m| !on.contains(&m.as_str()))
        .collect();
    for (p, w) in partial.iter().zip(whole) {
        if p.name == "api.rs" {
            let (pa, wa) = (api_without(&p.code, &off), api_without(&w.code, &off));
            assert!(
                pa == wa,
                "{}: {on:?}: api.rs differs outside the features that are off",
                dir.display()
            );
        } else {
            assert!(
                p.code == w.code,
                "{}: {on:?}: {} differs from the whole spec's",
                dir.display(),
                p.name
            );
        }
    }
}

/// Each single module, and none, of both spec versions: same files, and the partial load
/// is really taken (these specs return no struct of types.yaml whole).
#[test]
fn partial_load_generates_the_same_files() {
    for version in ["1.0.20", "1.0.4"] {
        let dir = spec_dir(version);
        let spec = load(&dir, &no_examples()).unwrap_or_else(|e| panic!("{e}"));
        let mut sets: Vec<Vec<&str>> = spec.modules.iter().map(|m| vec![m.name.as_str()]).collect();
        sets.push(Vec::new());
        for on in &sets {
            let opts = options(on);
            let wanted = opts.modules.clone().unwrap_or_default();
            let partial_spec = load_modules(&dir, &wanted).unwrap_or_else(|e| panic!("{e}"));
            assert!(
                partial_spec.partial.is_some(),
                "{version} {on:?}: fell back to the whole load"
            );
            // Only api.yaml, types.yaml and the module's own files were read.
            for file in partial_spec.sources.keys() {
                let m = dondominio_codegen::load::module_of_file(file);
                assert!(
                    file == "api.yaml" || m == "types" || on.contains(&m),
                    "{version} {on:?}: {file} was read"
                );
            }
            let partial = build_files(&dir, &opts).unwrap_or_else(|e| panic!("{e}"));
            assert_same(&dir, on, &partial, &whole(&dir, &opts));
        }
    }
}

/// A fresh copy of `spec/1.0.20` with each `(file, old, new)` replacement made once.
fn edited(name: &str, edits: &[(&str, &str, &str)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("partial-load-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(spec_dir("1.0.20")).unwrap() {
        let entry = entry.unwrap();
        // The YAML files only: `compiled/` is a folder, and a copy is edited.
        if entry.path().is_dir() {
            continue;
        }
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    for (file, old, new) in edits {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        assert!(text.contains(old), "{name}: `{old}` is not in {file}");
        std::fs::write(dir.join(file), text.replacen(old, new, 1)).unwrap();
    }
    dir
}

/// An action returning a struct of types.yaml whole (block and flow style alike), or a list of
/// it: `types.rs` gives every shared struct its `ResponseData` impl, so the partial load stays
/// partial and its files are still those of the whole spec.
#[test]
fn a_shared_struct_returned_whole_keeps_the_partial_load() {
    let edits = [
        ("block", "    response:\n      type: ContactInfo"),
        ("flow", "    response: { type: \"ContactInfo\" }"),
        ("list", "    response:\n      type: list<ContactInfo>"),
    ];
    for (name, new) in edits {
        let dir = edited(
            &format!("whole-{name}"),
            &[("user.yaml", "    response:\n      type: UserInfo", new)],
        );
        for on in [&["tool"][..], &["user"], &[]] {
            let wanted: Vec<String> = on.iter().map(|s| s.to_string()).collect();
            let spec = load_modules(&dir, &wanted).unwrap_or_else(|e| panic!("{e}"));
            assert!(
                spec.partial.is_some(),
                "{name} {on:?}: fell back to the whole load"
            );
            let opts = options(on);
            let partial = build_files(&dir, &opts).unwrap_or_else(|e| panic!("{e}"));
            assert_same(&dir, on, &partial, &whole(&dir, &opts));
        }
    }
}

/// A problem in the file of a module whose feature is off is not reported by a partial build
/// (documented in build.rs); the whole spec (default features, `ddspec check`) reports it.
#[test]
fn an_unread_module_is_not_checked() {
    let dir = edited(
        "broken-account",
        &[("account.yaml", "kind: read", "kind: sometimes")],
    );
    assert!(dondominio_codegen::load(&dir, &Default::default()).is_err());
    assert!(build_files(&dir, &options(&["account"])).is_err());
    assert!(build_files(&dir, &options(&["tool"])).is_ok());
}

/// Every module on (the default features): the whole spec is read and checked.
#[test]
fn every_module_on_loads_the_whole_spec() {
    for version in ["1.0.20", "1.0.4"] {
        let dir = spec_dir(version);
        let names: Vec<String> = load(&dir, &no_examples())
            .unwrap_or_else(|e| panic!("{e}"))
            .modules
            .iter()
            .map(|m| m.name.clone())
            .collect();
        let spec = load_modules(&dir, &names).unwrap_or_else(|e| panic!("{e}"));
        assert!(spec.partial.is_none(), "{version}: every module is on");
        assert_eq!(
            spec.actions().count(),
            load(&dir, &no_examples()).unwrap().actions().count()
        );
    }
}

/// A group of types.yaml may convert from a struct of a module's file: its `From` impl is in
/// that module's file, so with the module off the entry is neither checked nor generated,
/// and the files are still the same as from the whole spec.
#[test]
fn a_group_from_a_module_struct() {
    let types = std::fs::read_to_string(spec_dir("1.0.20").join("types.yaml")).unwrap();
    let start = types
        .find("  ContactInfo:\n")
        .expect("ContactInfo in types.yaml");
    let end = start + types[start..].find("\ngroups:").expect("groups after it");
    let block = types[start..end].replacen("ContactInfo:", "UserContact:", 1);
    let structs = format!("structs:\n{block}\n");
    let dir = edited(
        "from-module-struct",
        &[
            ("user.yaml", "structs:\n", &structs),
            (
                "types.yaml",
                "{ struct: ContactInfo, fields: { Type: contactType } }",
                "{ struct: UserContact, fields: { Type: contactType } }",
            ),
        ],
    );
    dondominio_codegen::load(&dir, &Default::default())
        .unwrap_or_else(|e| panic!("the edited spec is valid: {e}"));
    for on in [&["user"][..], &["contact"], &["tool"], &[]] {
        let opts = options(on);
        let wanted = opts.modules.clone().unwrap_or_default();
        let spec = load_modules(&dir, &wanted).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            spec.partial.is_some(),
            "{on:?}: fell back to the whole load"
        );
        let partial = build_files(&dir, &opts).unwrap_or_else(|e| panic!("{on:?}: {e}"));
        assert_same(&dir, on, &partial, &whole(&dir, &opts));
    }
}
