//! Generates the bindings from the newest spec version into `OUT_DIR`.

use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    println!("cargo:rerun-if-changed=spec");
    let dir = match dondominio_codegen::newest_version(&root) {
        Ok(d) => d,
        Err(e) => fail(&e.to_string()),
    };
    let files = match dondominio_codegen::generate_dir(&dir) {
        Ok(f) => f,
        Err(e) => fail(&format!("spec {} has problems:\n{e}", dir.display())),
    };
    let samples = match dondominio_codegen::samples_dir(&dir) {
        Ok(s) => s,
        Err(e) => fail(&format!("spec {} has problems:\n{e}", dir.display())),
    };
    let out = std::env::var_os("OUT_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| fail("OUT_DIR is not set"));
    let samples = dondominio_codegen::GeneratedFile {
        name: "samples.rs".into(),
        code: samples,
    };
    for f in files.into_iter().chain([samples]) {
        if let Err(e) = std::fs::write(out.join(&f.name), f.code) {
            fail(&format!("cannot write {}: {e}", f.name));
        }
    }
}

fn fail(msg: &str) -> ! {
    for line in msg.lines() {
        println!("cargo:warning={line}");
    }
    eprintln!("{msg}");
    std::process::exit(1);
}
