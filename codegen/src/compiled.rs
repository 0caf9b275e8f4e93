//! The compiled form of a spec file: `spec/<ver>/compiled/<name>.json` holds the parsed content
//! of `spec/<ver>/<name>.yaml` as JSON, which the build script reads about six times cheaper
//! than the YAML (unoptimized). The YAML stays the only source: a compiled file is used only
//! when its hash matches the YAML text it was made from, the file name, this crate's version and
//! [`COMPILED_FORMAT`]; otherwise (missing, stale, unreadable) the YAML is parsed, silently.
//!
//! This module is the cache's format and its reading side, a detail of reading one spec file
//! ([`crate::load()`] asks [`read()`] first); `ddspec compile <spec-dir>` ([`crate::compile::write`])
//! writes the files, only for a spec that validates.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Version of the compiled layout and of the model it serializes: bump it when a model type
/// changes, so that files written before no longer match.
pub const COMPILED_FORMAT: u32 = 1;

/// The folder of a spec folder holding the compiled files.
pub const COMPILED_DIR: &str = "compiled";

/// The note at the top of every compiled file.
const GENERATED: &str = "by `ddspec compile`; do not edit: edit the YAML";

/// 64-bit FNV-1a, written out because `DefaultHasher` may change between Rust versions.
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    /// A part, prefixed by its length so that parts cannot run into each other.
    fn part(&mut self, bytes: &[u8]) {
        self.bytes(&(bytes.len() as u64).to_le_bytes());
        self.bytes(bytes);
    }
}

/// The hash a compiled file of `file` (such as `tool.yaml`) with YAML text `yaml` carries, as 16
/// hexadecimal digits.
pub fn hash(file: &str, yaml: &str) -> String {
    let mut h = Fnv::new();
    h.part(&COMPILED_FORMAT.to_le_bytes());
    h.part(env!("CARGO_PKG_VERSION").as_bytes());
    h.part(file.as_bytes());
    h.part(yaml.as_bytes());
    format!("{:016x}", h.0)
}

/// The compiled file of the spec file `file` of the spec folder `dir`.
pub fn path(dir: &Path, file: &str) -> PathBuf {
    let stem = file.strip_suffix(".yaml").unwrap_or(file);
    dir.join(COMPILED_DIR).join(format!("{stem}.json"))
}

#[derive(Serialize)]
struct Out<'a, T> {
    generated: &'a str,
    hash: String,
    content: &'a T,
}

#[derive(Deserialize)]
struct In<T> {
    hash: String,
    content: T,
}

/// The content of `file` from its compiled file in `dir`, when that file exists, parses and
/// was made from exactly `yaml` (see [`hash`]); `None` otherwise, never an error.
pub fn read<T: DeserializeOwned>(dir: &Path, file: &str, yaml: &str) -> Option<T> {
    let text = std::fs::read_to_string(path(dir, file)).ok()?;
    let parsed: In<T> = serde_json::from_str(&text).ok()?;
    (parsed.hash == hash(file, yaml)).then_some(parsed.content)
}

/// The compiled text of `file` with YAML text `yaml` and parsed content `content`.
pub(crate) fn text<T: Serialize>(file: &str, yaml: &str, content: &T) -> Result<String, String> {
    let out = Out {
        generated: GENERATED,
        hash: hash(file, yaml),
        content,
    };
    serde_json::to_string_pretty(&out)
        .map(|s| s + "\n")
        .map_err(|e| format!("cannot serialize {file}: {e}"))
}
