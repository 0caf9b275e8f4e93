//! The way in: [`load()`] reads a spec folder (or the modules of it that are wanted), checks it
//! and returns its checked [`Model`], or every problem, located. [`load_sources`] does the same
//! for texts already read ([`read_sources`]).
//!
//! On the way, each file is parsed from its compiled form when that is fresh
//! ([`crate::compiled::read`], a detail of reading that one file) or from its YAML; module parts
//! are merged and families expanded into ordinary actions (the raw [`Spec`], which
//! [`crate::validate`] checks and turns into the model).

use std::path::Path;

use indexmap::IndexMap;

use crate::error::{did_you_mean, locate, SpecError, SpecErrors};
use crate::ir::Model;
use crate::model::{
    Action, ApiFile, Family, FamilyOp, FamilyRef, Field, Kind, Named, Paged, Param, Response,
    SpecFile,
};
pub use crate::spec::{module_of_file, ActionDef, Def, Module, Spec};

/// Parses one YAML file, locating the error (file, line, spec path) when it does not parse.
pub(crate) fn parse<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
) -> Result<T, SpecError> {
    // Tracking the path costs on every value; a file that parses needs none, so the path is
    // only tracked on a second pass over a file that fails.
    if let Ok(v) = serde_yaml::from_str(text) {
        return Ok(v);
    }
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

/// Parses spec files from their compiled form when it is fresh ([`crate::compiled`]), from the
/// YAML otherwise.
struct Parser<'a> {
    /// The spec folder whose compiled files may be read; `None`: YAML only.
    dir: Option<&'a Path>,
    /// The files taken from their compiled form.
    compiled: Vec<String>,
}

impl<'a> Parser<'a> {
    fn yaml() -> Self {
        Parser {
            dir: None,
            compiled: Vec::new(),
        }
    }

    fn parse<T: serde::de::DeserializeOwned>(
        &mut self,
        file: &str,
        text: &str,
    ) -> Result<T, SpecError> {
        if let Some(v) = self.dir.and_then(|d| crate::compiled::read(d, file, text)) {
            self.compiled.push(file.to_owned());
            return Ok(v);
        }
        parse(file, text)
    }
}

/// What [`load()`] reads and checks.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// The modules wanted (the crate's Cargo features); `None` for all. With some, only
    /// api.yaml, types.yaml and the files of those modules are read and checked (a type defined
    /// in a module's file is visible to that module only, so nothing else is needed). The
    /// model's [`Model::partial`] then lists them; the other modules are in it without actions.
    /// A mistake in the file of a module left out is not reported. When every module api.yaml
    /// lists is wanted, the whole spec is loaded.
    pub modules: Option<Vec<String>>,
    /// Whether the response examples' JSON is parsed and fitted to its response (`ddspec
    /// check`, the tests). The build script leaves it out: examples are copied into the
    /// generated code as text and never shape it.
    pub examples: bool,
    /// Whether a spec whose every file was read from its compiled form is trusted without
    /// validating it again (the build script): `ddspec compile` wrote those files only after
    /// validating the whole spec of that content with this codegen version, and a partial load
    /// checks a subset of that. Any file read from YAML (edited since, or never compiled) and
    /// the spec is validated all the same.
    pub trust_compiled: bool,
}

impl Default for LoadOptions {
    /// The whole spec, always validated, examples included.
    fn default() -> Self {
        LoadOptions {
            modules: None,
            examples: true,
            trust_compiled: false,
        }
    }
}

/// The UTF-8 byte order mark some editors put at the start of a file; YAML does not need it.
const BOM: char = '\u{feff}';

/// The text of every YAML file of a spec folder, `api.yaml` first, the others by name.
#[derive(Debug, Clone)]
pub struct Sources {
    /// File name (relative to the folder) and text, a leading byte order mark removed.
    pub files: IndexMap<String, String>,
}

fn io_error(file: String, message: String) -> SpecError {
    SpecError {
        file,
        line: None,
        column: None,
        path: String::new(),
        message,
    }
}

fn read(dir: &Path, file: &str) -> Result<String, SpecError> {
    let text = std::fs::read_to_string(dir.join(file)).map_err(|e| {
        io_error(
            file.to_owned(),
            format!("cannot read {}: {e}", dir.join(file).display()),
        )
    })?;
    Ok(match text.strip_prefix(BOM) {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}

/// Reads every `.yaml` file of the spec folder `dir`. Fails only when the folder or a file
/// cannot be read (`ddspec check` exits 2 then, and 1 for a spec that reads but is wrong).
pub fn read_sources(dir: &Path) -> Result<Sources, SpecErrors> {
    let names = yaml_files(dir)?;
    let mut files = IndexMap::new();
    files.insert("api.yaml".to_owned(), read(dir, "api.yaml")?);
    read_into(dir, names.iter().map(String::as_str), &mut files)?;
    Ok(Sources { files })
}

/// The `.yaml` files of `dir` other than api.yaml, by name.
fn yaml_files(dir: &Path) -> Result<Vec<String>, SpecErrors> {
    let listing = std::fs::read_dir(dir).map_err(|e| {
        io_error(
            dir.display().to_string(),
            format!("cannot list the spec folder: {e}"),
        )
    })?;
    let mut names: Vec<String> = listing
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") && n != "api.yaml")
        .collect();
    names.sort();
    Ok(names)
}

/// Reads the files `names` of `dir` into `files`, every unreadable one an error.
fn read_into<'n>(
    dir: &Path,
    names: impl Iterator<Item = &'n str>,
    files: &mut IndexMap<String, String>,
) -> Result<(), SpecErrors> {
    let mut errors = Vec::new();
    for name in names {
        match read(dir, name) {
            Ok(text) => {
                files.insert(name.to_owned(), text);
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(SpecErrors(errors))
    }
}

/// Loads and checks the spec folder `dir` (such as `spec/1.0.20`): its checked model, or every
/// problem found, each naming its file, line and spec path.
///
/// Each file is read from its compiled form (`compiled/<name>.json`, [`crate::compiled`]) when
/// that was made from exactly its YAML text by this codegen version, from the YAML otherwise;
/// the model is the same (see [`LoadOptions::trust_compiled`] for skipping validation).
pub fn load(dir: &Path, options: &LoadOptions) -> Result<Model, SpecErrors> {
    let mut parser = Parser {
        dir: Some(dir),
        compiled: Vec::new(),
    };
    let spec = load_some(dir, options.modules.as_deref(), &mut parser)?;
    let all_compiled = spec
        .sources
        .keys()
        .all(|f| parser.compiled.iter().any(|c| c == f));
    let mut model = if all_compiled && options.trust_compiled {
        Model::build(&spec)
    } else {
        crate::validate::validate_with(spec, options.examples)?
    };
    model.compiled = parser.compiled;
    Ok(model)
}

/// The spec of [`load()`], read with `parser`: the whole folder when `wanted` is `None` or
/// names every module api.yaml lists; otherwise api.yaml, types.yaml and the files of the
/// wanted modules (`domain.yaml`, `domain.*.yaml`), not those of modules api.yaml does not
/// list (the whole load refuses them).
fn load_some(
    dir: &Path,
    wanted: Option<&[String]>,
    parser: &mut Parser,
) -> Result<Spec, SpecErrors> {
    let names = yaml_files(dir)?;
    let api_text = read(dir, "api.yaml")?;
    let api: ApiFile = parser.parse("api.yaml", &api_text)?;
    let mut files = IndexMap::new();
    files.insert("api.yaml".to_owned(), api_text);
    let loaded: Vec<String> = api
        .modules
        .keys()
        .filter(|m| wanted.is_none_or(|w| w.contains(m)))
        .cloned()
        .collect();
    if loaded.len() == api.modules.len() {
        read_into(dir, names.iter().map(String::as_str), &mut files)?;
        return load_parsed(api, Sources { files }, None, parser);
    }
    let is_read = |n: &str| {
        let m = module_of_file(n);
        m == "types" || loaded.iter().any(|l| l == m)
    };
    read_into(
        dir,
        names.iter().map(String::as_str).filter(|n| is_read(n)),
        &mut files,
    )?;
    load_parsed(api, Sources { files }, Some(loaded), parser)
}

/// Whether a YAML text holds nothing but blank lines and comments.
fn is_blank(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .all(|l| l.is_empty() || l.starts_with('#') || l == "---" || l == "...")
}

/// A parsed module or types file: its name, its module (`None` for types.yaml) and content.
type ParsedFile = (String, Option<String>, SpecFile);

/// Parses the files other than api.yaml; a file of a module api.yaml does not list, or an
/// empty file, is an error.
fn parse_files(
    api: &ApiFile,
    sources: &Sources,
    parser: &mut Parser,
    errors: &mut Vec<SpecError>,
) -> Vec<ParsedFile> {
    let mut out = Vec::new();
    for (name, text) in sources.files.iter().skip(1) {
        let module = module_of_file(name);
        let module = if module == "types" {
            None
        } else if api.modules.contains_key(module) {
            Some(module.to_owned())
        } else {
            errors.push(io_error(
                name.clone(),
                format!(
                    "`{module}` is not a module listed in api.yaml (modules: {}){}",
                    api.modules.keys().cloned().collect::<Vec<_>>().join(", "),
                    did_you_mean(module, api.modules.keys().map(String::as_str)),
                ),
            ));
            continue;
        };
        if is_blank(text) {
            errors.push(io_error(
                name.clone(),
                "the file is empty: a module file holds at least its actions or families, \
                 types.yaml its types (delete the file if it is not needed)"
                    .into(),
            ));
            continue;
        }
        match parser.parse::<SpecFile>(name, text) {
            Ok(f) => out.push((name.clone(), module, f)),
            Err(e) => errors.push(e),
        }
    }
    out
}

/// [`load()`] of the texts read by [`read_sources`] (the whole spec, from its YAML, examples
/// checked): its checked model, or every problem found.
pub fn load_sources(sources: Sources) -> Result<Model, SpecErrors> {
    let api_text = sources.files.get("api.yaml").cloned().unwrap_or_default();
    let api: ApiFile = parse("api.yaml", &api_text)?;
    let spec = load_parsed(api, sources, None, &mut Parser::yaml())?;
    crate::validate::validate(spec)
}

/// [`load_sources`] with api.yaml parsed; `partial`: the modules whose files `sources` holds,
/// when it holds only some.
fn load_parsed(
    api: ApiFile,
    sources: Sources,
    partial: Option<Vec<String>>,
    parser: &mut Parser,
) -> Result<Spec, SpecErrors> {
    let mut errors = Vec::new();
    let files = parse_files(&api, &sources, parser, &mut errors);
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
        sources: sources.files,
        partial,
    };
    add_modules(&mut spec, &files, &mut errors);
    for (file, module, f) in files {
        register_types(&mut spec, &file, &module, &f, &mut errors);
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
        // Files are only parsed for modules api.yaml lists, so the module is always found.
        let Some(idx) = spec.modules.iter().position(|m| m.name == module) else {
            continue;
        };
        if let Some(doc) = f.doc {
            spec.modules[idx].doc = doc;
        }
        add_actions(&mut spec, idx, &file, f.actions, &mut errors);
        add_families(&mut spec, idx, &file, f.families, &mut errors);
    }
    if errors.is_empty() {
        Ok(spec)
    } else {
        Err(SpecErrors(errors))
    }
}

/// One [`Module`] per entry of api.yaml; an entry without a file is an error.
fn add_modules(spec: &mut Spec, files: &[ParsedFile], errors: &mut Vec<SpecError>) {
    for (name, doc) in spec.api.modules.clone().iter() {
        let unread = spec.is_unloaded(name);
        if !unread && !files.iter().any(|(_, m, _)| m.as_deref() == Some(name)) {
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
}

/// Adds the enums, structs and groups of one file; a type name may be defined once per version.
fn register_types(
    spec: &mut Spec,
    file: &str,
    module: &Option<String>,
    f: &SpecFile,
    errors: &mut Vec<SpecError>,
) {
    let mut type_names: Vec<(&str, &String)> = Vec::new();
    for (n, d) in f.enums.iter() {
        type_names.push(("enums", n));
        let d = Def {
            def: d.clone(),
            module: module.clone(),
            file: file.to_owned(),
        };
        spec.enums.entry(n.clone()).or_insert(d);
    }
    for (n, d) in f.structs.iter() {
        type_names.push(("structs", n));
        let d = Def {
            def: d.clone(),
            module: module.clone(),
            file: file.to_owned(),
        };
        spec.structs.entry(n.clone()).or_insert(d);
    }
    for (n, d) in f.groups.iter() {
        type_names.push(("groups", n));
        let d = Def {
            def: d.clone(),
            module: module.clone(),
            file: file.to_owned(),
        };
        spec.groups.entry(n.clone()).or_insert(d);
    }
    for (section, n) in type_names {
        let defined_in = [
            spec.enums.get(n).map(|d| d.file.as_str()),
            spec.structs.get(n).map(|d| d.file.as_str()),
            spec.groups.get(n).map(|d| d.file.as_str()),
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
                file,
                &format!("{section}.{n}"),
                format!("type name `{n}` is defined more than once (also in {first})"),
            ));
        }
    }
}

/// Adds one file's actions to module `idx`; an action may be defined once per module.
fn add_actions(
    spec: &mut Spec,
    idx: usize,
    file: &str,
    actions: Named<Action>,
    errors: &mut Vec<SpecError>,
) {
    for (n, a) in actions.0 {
        let path = format!("actions.{n}");
        if spec.modules[idx].actions.contains_key(&n) {
            errors.push(spec.error(file, &path, format!("action `{n}` is defined twice")));
            continue;
        }
        let def = ActionDef {
            action: a,
            file: file.to_owned(),
            path,
        };
        spec.modules[idx].actions.insert(n, def);
    }
}

/// Expands one file's families into actions of module `idx`.
fn add_families(
    spec: &mut Spec,
    idx: usize,
    file: &str,
    families: Named<Family>,
    errors: &mut Vec<SpecError>,
) {
    let module = spec.modules[idx].name.clone();
    for (fam, family) in families.0 {
        for (op, action) in expand_family(&fam, &family) {
            let name = format!("{fam}{op}");
            let path = format!("families.{fam}.{op}");
            if spec.modules[idx].actions.contains_key(&name) {
                errors.push(spec.error(file, &path, format!("action `{name}` is defined twice")));
                continue;
            }
            let def = ActionDef {
                action,
                file: file.to_owned(),
                path,
            };
            spec.modules[idx].actions.insert(name, def);
        }
        let def = Def {
            def: family,
            module: Some(module.clone()),
            file: file.to_owned(),
        };
        spec.modules[idx].families.insert(fam, def);
    }
}

fn scalar_param(ty: &str, required: bool, doc: &str, default: Option<&str>) -> Param {
    Param {
        ty: Some(crate::ty::TypeExpr::new(ty)),
        group: None,
        variants: None,
        prefix: None,
        numbered: false,
        required,
        required_if: None,
        default: default.map(|d| crate::model::Scalar(d.to_owned())),
        doc: doc.to_owned(),
        type_name: None,
        rust: None,
        note: None,
    }
}

fn field(ty: &str, doc: &str) -> Field {
    Field {
        ty: crate::ty::TypeExpr::new(ty),
        doc: doc.to_owned(),
        optional: false,
        fields: None,
        type_name: None,
        rust: None,
        placeholders: Vec::new(),
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
    ops.into_iter()
        .filter_map(|(op, def)| Some((op, family_action(name, family, op, def.as_ref()?))))
        .collect()
}

/// One family operation as an action.
fn family_action(name: &str, family: &Family, op: &str, def: &FamilyOp) -> Action {
    let mut params = implied_params(op);
    for (k, p) in def.params.iter() {
        params.insert(k.clone(), p.clone());
    }
    let response = def
        .response
        .clone()
        .or_else(|| implied_response(name, family, op));
    let kind = def.kind.unwrap_or(if matches!(op, "list" | "getinfo") {
        Kind::Read
    } else {
        Kind::Write
    });
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
        manual: None,
        note: def.note.clone(),
        family: Some(FamilyRef {
            family: name.to_owned(),
            op: op.to_owned(),
            entity: family.entity.clone(),
            field: family.field.clone(),
            implied_response: def.response.is_none(),
        }),
    }
}

/// `serviceName` always; paging for list; `entityID` for getinfo, update and delete.
fn implied_params(op: &str) -> Named<Param> {
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
    params
}

/// `queryInfo` for list, the list of entities except for delete; nothing for delete.
fn implied_response(name: &str, family: &Family, op: &str) -> Option<Response> {
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
}
