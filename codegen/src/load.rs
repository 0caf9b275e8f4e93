//! Reads a spec folder into a [`Spec`]: parses every YAML file, merges module parts, and expands
//! families into ordinary actions.

use std::path::Path;

use indexmap::IndexMap;

use crate::error::{locate, SpecError, SpecErrors};
use crate::model::{
    Action, ApiFile, EnumDef, Family, FamilyOp, FamilyRef, Field, GroupDef, Kind, Named, Paged,
    Param, Response, SpecFile, StructDef,
};

/// A definition and where it was written.
#[derive(Debug, Clone)]
pub struct Def<T> {
    /// The definition itself.
    pub def: T,
    /// The module whose files define it; `None` for `types.yaml`.
    pub module: Option<String>,
    /// File it was written in.
    pub file: String,
}

/// An action and where it was written.
#[derive(Debug, Clone)]
pub struct ActionDef {
    /// The action, family operations expanded.
    pub action: Action,
    /// File it was written in.
    pub file: String,
    /// Spec path of the action in its file (`actions.create`, `families.ftp.list`).
    pub path: String,
}

/// One module with its actions, families expanded.
#[derive(Debug, Clone)]
pub struct Module {
    /// Wire name of the module (`domain`).
    pub name: String,
    /// Description of the module.
    pub doc: String,
    /// Its actions, by wire name.
    pub actions: IndexMap<String, ActionDef>,
    /// Its entity families, by name.
    pub families: IndexMap<String, Def<Family>>,
}

/// A whole spec version, loaded.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The version, such as `1.0.20`.
    pub version: String,
    /// The contents of `api.yaml`.
    pub api: ApiFile,
    /// The modules, in `api.yaml` order.
    pub modules: Vec<Module>,
    /// Every enumeration, by name (names are global to a version).
    pub enums: IndexMap<String, Def<EnumDef>>,
    /// Every named struct, by name.
    pub structs: IndexMap<String, Def<StructDef>>,
    /// Every parameter group, by name.
    pub groups: IndexMap<String, Def<GroupDef>>,
    /// The text of every file read, by file name, for locating errors.
    pub sources: IndexMap<String, String>,
}

impl Spec {
    /// An error at `path` of `file`, with its line found in the source.
    pub fn error(&self, file: &str, path: &str, message: impl Into<String>) -> SpecError {
        let (line, column) = self
            .sources
            .get(file)
            .and_then(|t| locate(t, path))
            .map_or((None, None), |(l, c)| (Some(l), Some(c)));
        SpecError {
            file: file.to_owned(),
            line,
            column,
            path: path.to_owned(),
            message: message.into(),
        }
    }

    /// Finds a module by name.
    pub fn module(&self, name: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.name == name)
    }

    /// Every action as `(module, name, def)`, in spec order.
    pub fn actions(&self) -> impl Iterator<Item = (&Module, &str, &ActionDef)> {
        self.modules
            .iter()
            .flat_map(|m| m.actions.iter().map(move |(n, a)| (m, n.as_str(), a)))
    }
}

fn parse<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, SpecError> {
    let de = serde_yaml::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let (line, column) = inner
            .location()
            .map_or((None, None), |l| (Some(l.line()), Some(l.column())));
        let (line, column) = match (line, locate(text, &path)) {
            (None, Some((l, c))) => (Some(l), Some(c)),
            _ => (line, column),
        };
        // serde_yaml appends " at line L column C" to some messages; the location is ours to give.
        let mut message = inner.to_string();
        if let Some(i) = message.find(" at line ") {
            message.truncate(i);
        }
        // ...and prefixes some with the path of the map it was in; the path is ours to give too.
        if let Some((head, rest)) = message.split_once(": ") {
            if !head.contains(' ') && (path.starts_with(head) || head == ".") {
                message = rest.to_owned();
            }
        }
        SpecError {
            file: file.to_owned(),
            line,
            column,
            path: if path == "." { String::new() } else { path },
            message,
        }
    })
}

fn read(dir: &Path, file: &str) -> Result<String, SpecError> {
    std::fs::read_to_string(dir.join(file)).map_err(|e| SpecError {
        file: file.to_owned(),
        line: None,
        column: None,
        path: String::new(),
        message: format!("cannot read {}: {e}", dir.join(file).display()),
    })
}

/// Loads the spec folder `dir` (such as `spec/1.0.20`). Checks are done by [`crate::validate()`].
pub fn load(dir: &Path) -> Result<Spec, SpecErrors> {
    let mut sources = IndexMap::new();
    let api_text = read(dir, "api.yaml")?;
    let api: ApiFile = parse("api.yaml", &api_text)?;
    sources.insert("api.yaml".to_owned(), api_text);

    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| SpecError {
            file: dir.display().to_string(),
            line: None,
            column: None,
            path: String::new(),
            message: format!("cannot list the spec folder: {e}"),
        })?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();

    let mut errors = Vec::new();
    let mut files: Vec<(String, Option<String>, SpecFile)> = Vec::new();
    for name in &names {
        if name == "api.yaml" {
            continue;
        }
        let stem = name.trim_end_matches(".yaml");
        let module = stem.split('.').next().unwrap_or(stem).to_owned();
        let module = if module == "types" {
            None
        } else if api.modules.contains_key(&module) {
            Some(module)
        } else {
            errors.push(SpecError {
                file: name.clone(),
                line: None,
                column: None,
                path: String::new(),
                message: format!(
                    "`{module}` is not a module listed in api.yaml (modules: {})",
                    api.modules.keys().cloned().collect::<Vec<_>>().join(", ")
                ),
            });
            continue;
        };
        let text = read(dir, name)?;
        match parse::<SpecFile>(name, &text) {
            Ok(f) => files.push((name.clone(), module, f)),
            Err(e) => errors.push(e),
        }
        sources.insert(name.clone(), text);
    }
    if !errors.is_empty() {
        return Err(SpecErrors(errors));
    }

    let mut spec = Spec {
        version: api.version.0.clone(),
        api: api.clone(),
        modules: Vec::new(),
        enums: IndexMap::new(),
        structs: IndexMap::new(),
        groups: IndexMap::new(),
        sources,
    };
    for (name, doc) in api.modules.iter() {
        if !files.iter().any(|(_, m, _)| m.as_deref() == Some(name)) {
            errors.push(spec.error(
                "api.yaml",
                &format!("modules.{name}"),
                format!("module `{name}` has no file {name}.yaml"),
            ));
        }
        spec.modules.push(Module {
            name: name.clone(),
            doc: doc.clone(),
            actions: IndexMap::new(),
            families: IndexMap::new(),
        });
    }

    for (file, module, f) in files {
        let mut type_names: Vec<(&str, String)> = Vec::new();
        for (n, d) in f.enums.0 {
            type_names.push(("enums", n.clone()));
            spec.enums.entry(n.clone()).or_insert(Def {
                def: d,
                module: module.clone(),
                file: file.clone(),
            });
        }
        for (n, d) in f.structs.0 {
            type_names.push(("structs", n.clone()));
            spec.structs.entry(n.clone()).or_insert(Def {
                def: d,
                module: module.clone(),
                file: file.clone(),
            });
        }
        for (n, d) in f.groups.0 {
            type_names.push(("groups", n.clone()));
            spec.groups.entry(n.clone()).or_insert(Def {
                def: d,
                module: module.clone(),
                file: file.clone(),
            });
        }
        for (section, n) in type_names {
            let defined_in = [
                spec.enums.get(&n).map(|d| d.file.as_str()),
                spec.structs.get(&n).map(|d| d.file.as_str()),
                spec.groups.get(&n).map(|d| d.file.as_str()),
            ];
            let count = defined_in.iter().flatten().count();
            let first = defined_in
                .iter()
                .flatten()
                .next()
                .copied()
                .unwrap_or_default();
            if count > 1 || first != file {
                errors.push(spec.error(
                    &file,
                    &format!("{section}.{n}"),
                    format!("type name `{n}` is defined more than once (also in {first})"),
                ));
            }
        }
        let Some(module) = module else {
            if !f.actions.is_empty() || !f.families.is_empty() || f.doc.is_some() {
                errors.push(spec.error(
                    &file,
                    "",
                    "types.yaml holds only enums, structs and groups",
                ));
            }
            continue;
        };
        // Files are only read for modules api.yaml lists, so the module is always found.
        let Some(idx) = spec.modules.iter().position(|m| m.name == module) else {
            continue;
        };
        if let Some(doc) = f.doc {
            spec.modules[idx].doc = doc;
        }
        for (n, a) in f.actions.0 {
            let path = format!("actions.{n}");
            if spec.modules[idx].actions.contains_key(&n) {
                errors.push(spec.error(&file, &path, format!("action `{n}` is defined twice")));
                continue;
            }
            spec.modules[idx].actions.insert(
                n,
                ActionDef {
                    action: a,
                    file: file.clone(),
                    path,
                },
            );
        }
        for (fam, family) in f.families.0 {
            for (op, action) in expand_family(&fam, &family) {
                let name = format!("{fam}{op}");
                let path = format!("families.{fam}.{op}");
                if spec.modules[idx].actions.contains_key(&name) {
                    errors.push(spec.error(
                        &file,
                        &path,
                        format!("action `{name}` is defined twice"),
                    ));
                    continue;
                }
                spec.modules[idx].actions.insert(
                    name,
                    ActionDef {
                        action,
                        file: file.clone(),
                        path,
                    },
                );
            }
            spec.modules[idx].families.insert(
                fam,
                Def {
                    def: family,
                    module: Some(module.clone()),
                    file: file.clone(),
                },
            );
        }
    }
    if errors.is_empty() {
        Ok(spec)
    } else {
        Err(SpecErrors(errors))
    }
}

fn scalar_param(ty: &str, required: bool, doc: &str, default: Option<&str>) -> Param {
    Param {
        ty: Some(ty.to_owned()),
        group: None,
        variants: None,
        prefix: None,
        numbered: false,
        required,
        required_if: None,
        default: default.map(|d| crate::model::Scalar(d.to_owned())),
        doc: doc.to_owned(),
        type_name: None,
        note: None,
    }
}

fn field(ty: &str, doc: &str) -> Field {
    Field {
        ty: ty.to_owned(),
        doc: doc.to_owned(),
        optional: false,
        fields: None,
        type_name: None,
        note: None,
    }
}

/// The operations of a family as ordinary actions, with the implied parameters and responses.
fn expand_family(name: &str, family: &Family) -> Vec<(&'static str, Action)> {
    let ops: [(&'static str, &Option<FamilyOp>); 5] = [
        ("list", &family.list),
        ("getinfo", &family.getinfo),
        ("create", &family.create),
        ("update", &family.update),
        ("delete", &family.delete),
    ];
    let mut out = Vec::new();
    for (op, def) in ops {
        let Some(def) = def else { continue };
        let mut params = Named::default();
        params.insert(
            "serviceName".into(),
            scalar_param(
                "string",
                true,
                "Name of the hosting service the entity belongs to.",
                None,
            ),
        );
        if op == "list" {
            params.insert(
                "pageLength".into(),
                scalar_param(
                    "integer",
                    false,
                    "Largest number of entities per page.",
                    Some("1000"),
                ),
            );
            params.insert(
                "page".into(),
                scalar_param(
                    "integer",
                    false,
                    "Page to return, starting at 1.",
                    Some("1"),
                ),
            );
        }
        if matches!(op, "getinfo" | "update" | "delete") {
            params.insert(
                "entityID".into(),
                scalar_param("string", true, "Identifier of the entity.", None),
            );
        }
        for (k, p) in def.params.iter() {
            params.insert(k.clone(), p.clone());
        }
        let response = def.response.clone().or_else(|| {
            let mut fields = Named::default();
            if op == "list" {
                fields.insert(
                    "queryInfo".into(),
                    field("QueryInfo", "Paging information."),
                );
            }
            if op != "delete" {
                fields.insert(
                    family.field.clone(),
                    field(
                        &format!("list<{}>", family.entity),
                        &format!("The {name} entities."),
                    ),
                );
            }
            (!fields.is_empty()).then(|| Response {
                fields,
                ..Response::default()
            })
        });
        let kind = def.kind.unwrap_or(if matches!(op, "list" | "getinfo") {
            Kind::Read
        } else {
            Kind::Write
        });
        out.push((
            op,
            Action {
                doc: def.doc.clone(),
                kind,
                params,
                response,
                paged: (op == "list").then(|| Paged {
                    items: family.field.clone(),
                }),
                wraps: None,
                examples: def.examples.clone(),
                note: def.note.clone(),
                family: Some(FamilyRef {
                    family: name.to_owned(),
                    op: op.to_owned(),
                    entity: family.entity.clone(),
                    field: family.field.clone(),
                    implied_response: def.response.is_none(),
                }),
            },
        ));
    }
    out
}
