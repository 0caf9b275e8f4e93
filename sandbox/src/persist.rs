//! The state file: loaded at start, written after every change as a whole, atomically (a
//! temporary file beside it, flushed to disk, then renamed over it), so a sandbox killed at
//! any moment leaves either the old state or the new one, never half of each.

use std::io::Write;
use std::path::Path;

use crate::state::World;

/// Loads a state file; `Ok(None)` when it does not exist yet.
pub fn load(path: &Path) -> Result<Option<World>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(format!(
                "cannot read the state file {}: {e}",
                path.display()
            ))
        }
    };
    serde_json::from_str(&text).map(Some).map_err(|e| {
        format!(
            "the state file {} is not a sandbox state (line {}, column {}): {e}",
            path.display(),
            e.line(),
            e.column()
        )
    })
}

/// Writes `world` to `path` atomically.
pub fn save(path: &Path, world: &World) -> Result<(), String> {
    let fail = |what: &str, e: std::io::Error| {
        format!("cannot {what} the state file {}: {e}", path.display())
    };
    let text =
        serde_json::to_vec_pretty(world).map_err(|e| format!("cannot encode the state: {e}"))?;
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = std::path::PathBuf::from(tmp);
    let mut file = std::fs::File::create(&tmp).map_err(|e| fail("create", e))?;
    file.write_all(&text).map_err(|e| fail("write", e))?;
    file.sync_all().map_err(|e| fail("flush", e))?;
    drop(file);
    std::fs::rename(&tmp, path).map_err(|e| fail("replace", e))?;
    // The rename itself must reach the disk too.
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}
