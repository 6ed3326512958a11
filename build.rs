//! Build identity: a hash of everything that decides what this executable computes (the
//! sources, the rule files compiled into it, the manifest and lock file, the compiler's
//! version), as `CASEFILE_BUILD_ID`. Output manifests record it, so an incremental run or
//! a shard merge knows whether earlier output was made by an equivalent build — on any
//! machine, at no cost at run time (hashing the executable itself took a serial 15 ms of
//! every run, and its path and date differ between machines).

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let mut inputs = Vec::new();
    for dir in ["src", "rules"] {
        println!("cargo:rerun-if-changed={dir}");
        files(Path::new(dir), &mut inputs);
    }
    for f in ["Cargo.toml", "Cargo.lock", "build.rs"] {
        println!("cargo:rerun-if-changed={f}");
        inputs.push(PathBuf::from(f));
    }
    inputs.sort();
    let mut h = Sha256::new();
    for f in &inputs {
        // Paths relative to the crate, '/'-separated: the same tree hashes the same anywhere.
        let name = f.to_string_lossy().replace('\\', "/");
        let body = std::fs::read(f).unwrap_or_default();
        h.update(name.as_bytes());
        h.update((body.len() as u64).to_le_bytes());
        h.update(&body);
    }
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = std::process::Command::new(rustc)
        .arg("-vV")
        .output()
        .map(|o| o.stdout)
        .unwrap_or_default();
    h.update(&version);
    h.update(std::env::var("TARGET").unwrap_or_default().as_bytes());
    let id: String = h.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    println!("cargo:rustc-env=CASEFILE_BUILD_ID={id}");
    builtin_gazetteers();
}

/// The repository's `gazetteers/*.gaz`, compiled into the executable (the built-in set a
/// run uses without `--gazetteers`): `$OUT_DIR/builtin_gazetteers.rs` lists them as
/// `(name, include_str!(...))`, sorted by name, so a file added there is built in too.
fn builtin_gazetteers() {
    println!("cargo:rerun-if-changed=gazetteers");
    let dir = Path::new("gazetteers");
    let mut gaz: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "gaz"))
                .collect()
        })
        .unwrap_or_default();
    gaz.sort();
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let mut code = String::from("&[\n");
    for p in &gaz {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let abs = Path::new(&root).join(p);
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            abs.to_string_lossy()
        ));
    }
    code.push_str("]\n");
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    if let Err(e) = std::fs::write(Path::new(&out).join("builtin_gazetteers.rs"), code) {
        panic!("writing the built-in gazetteer list: {e}");
    }
}
