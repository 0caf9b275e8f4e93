//! The spec as loaded ([`crate::load()`]): the files of a spec folder merged, module parts
//! joined and families expanded into ordinary actions, each definition with where it was
//! written. Types are still text and references still names: [`crate::validate`] checks this
//! and turns it into the checked [`crate::ir::Model`], which is what everything else reads.

use indexmap::IndexMap;

use crate::error::SpecError;
use crate::model::{Action, ApiFile, EnumDef, Family, GroupDef, StructDef};

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
    /// The modules whose files were read, when [`crate::load()`] read only some; `None` for a whole
    /// spec. The other modules are listed in `modules` but hold no action.
    pub partial: Option<Vec<String>>,
}

impl Spec {
    /// An error at `path` of `file`, with its line found in the source.
    pub fn error(&self, file: &str, path: &str, message: impl Into<String>) -> SpecError {
        SpecError::located(&self.sources, file, path, message)
    }

    /// Finds a module by name.
    pub fn module(&self, name: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.name == name)
    }

    /// Whether module `name`'s files were left unread (a partial load, see [`crate::load::LoadOptions`]):
    /// checks that need them are skipped.
    pub fn is_unloaded(&self, name: &str) -> bool {
        self.partial
            .as_ref()
            .is_some_and(|l| !l.iter().any(|m| m == name))
    }

    /// Every action as `(module, name, def)`, in spec order.
    pub fn actions(&self) -> impl Iterator<Item = (&Module, &str, &ActionDef)> {
        self.modules
            .iter()
            .flat_map(|m| m.actions.iter().map(move |(n, a)| (m, n.as_str(), a)))
    }
}

/// Whether the source of a group's `from:` entry may be in a module whose files a partial
/// load left unread: a response of such a module, or a struct that is not found.
pub fn source_unread(spec: &Spec, f: &crate::model::FromDef) -> bool {
    if spec.partial.is_none() {
        return false;
    }
    match (&f.response, &f.struct_) {
        (Some(p), _) => p.split_once('/').is_some_and(|(m, _)| spec.is_unloaded(m)),
        (None, Some(s)) => !spec.structs.contains_key(s),
        (None, None) => false,
    }
}

/// The module a file belongs to (`types` for types.yaml): `domain` for `domain.yaml` and `domain.extra.yaml`.
pub fn module_of_file(name: &str) -> &str {
    let stem = name.trim_end_matches(".yaml");
    stem.split('.').next().unwrap_or(stem)
}
