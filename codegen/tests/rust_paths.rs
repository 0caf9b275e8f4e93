//! The Rust path of every wire parameter (`WireParam::rust`, shown in errors and in the CLI's
//! help) names items that exist in the generated code: a drift between `wire.rs` and the
//! request emitter fails here instead of misleading users.

use std::collections::HashMap;
use std::path::Path;

use dondominio_codegen::wire::Wire;

/// What the generated code defines: struct name -> field names, enum name -> variant name ->
/// the names of its fields (empty for tuple and unit variants).
#[derive(Default)]
struct Items {
    structs: HashMap<String, Vec<Vec<String>>>,
    enums: HashMap<String, Vec<HashMap<String, Vec<String>>>>,
}

fn field_names(fields: &syn::Fields) -> Vec<String> {
    fields
        .iter()
        .filter_map(|f| f.ident.as_ref().map(ToString::to_string))
        .collect()
}

fn collect(items: &[syn::Item], out: &mut Items) {
    for item in items {
        match item {
            syn::Item::Struct(s) => out
                .structs
                .entry(s.ident.to_string())
                .or_default()
                .push(field_names(&s.fields)),
            syn::Item::Enum(e) => out.enums.entry(e.ident.to_string()).or_default().push(
                e.variants
                    .iter()
                    .map(|v| (v.ident.to_string(), field_names(&v.fields)))
                    .collect(),
            ),
            syn::Item::Mod(m) => {
                if let Some((_, inner)) = &m.content {
                    collect(inner, out);
                }
            }
            _ => {}
        }
    }
}

impl Items {
    fn has_field(&self, ty: &str, field: &str) -> bool {
        self.structs
            .get(ty)
            .is_some_and(|all| all.iter().any(|f| f.iter().any(|n| n == field)))
    }

    fn variant_fields(&self, ty: &str, variant: &str) -> Option<Vec<&Vec<String>>> {
        let found: Vec<&Vec<String>> = self
            .enums
            .get(ty)?
            .iter()
            .filter_map(|e| e.get(variant))
            .collect();
        (!found.is_empty()).then_some(found)
    }

    /// Whether one segment of a Rust path names an existing item.
    fn resolves(&self, params_struct: &str, seg: &str) -> bool {
        let seg = seg.trim_end_matches("[{n}]");
        if let Some((head, field)) = seg.strip_suffix(" }").and_then(|s| s.split_once(" { ")) {
            let Some((ty, variant)) = head.split_once("::") else {
                return false;
            };
            return self
                .variant_fields(ty, variant)
                .is_some_and(|all| all.iter().any(|f| f.iter().any(|n| n == field)));
        }
        match seg.split_once("::") {
            Some((ty, item)) => self.has_field(ty, item) || self.variant_fields(ty, item).is_some(),
            None => self.has_field(params_struct, seg),
        }
    }
}

#[test]
fn every_rust_path_names_generated_items() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut versions: Vec<_> = std::fs::read_dir(&root)
        .expect("spec folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("api.yaml").is_file())
        .collect();
    versions.sort();
    assert!(!versions.is_empty());
    for dir in versions {
        let model = dondominio_codegen::load(&dir, &Default::default()).expect("a valid spec");
        let files = dondominio_codegen::generate(&model).expect("generated code");
        let mut items = Items::default();
        for f in &files {
            let file = syn::parse_file(&f.code).expect("generated code parses");
            collect(&file.items, &mut items);
        }
        let mut bad = Vec::new();
        let mut checked = 0;
        for a in model.actions() {
            let params_struct = &a.names.params;
            for p in Wire::of_action(&model, a).params {
                assert!(
                    !p.rust.is_empty(),
                    "{}: {} has no Rust path",
                    a.path,
                    p.name
                );
                for seg in &p.rust {
                    checked += 1;
                    if !items.resolves(params_struct, seg) {
                        bad.push(format!("{} {} {}: `{seg}`", model.version, a.path, p.name));
                    }
                }
            }
        }
        assert!(checked > 100, "too few paths checked: {checked}");
        assert!(bad.is_empty(), "unresolved Rust paths:\n{}", bad.join("\n"));
    }
}
