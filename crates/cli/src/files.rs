//! Every file casus writes goes through one writer (`casus_dyad::write::atomic_write`): a
//! temporary file beside the target, renamed into place when complete (removed on error),
//! and an existing file kept unless `--force`.

use anyhow::Result;
use casus_dyad::write::{atomic_write, Overwrite};
use std::path::Path;

/// The policy `--force` asks for.
pub fn overwrite(force: bool) -> Overwrite {
    if force {
        Overwrite::Replace
    } else {
        Overwrite::Refuse
    }
}

/// Writes what `write` produces to `path` atomically; an existing file is replaced only
/// with `force`.
pub fn write_with(
    path: &Path,
    force: bool,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<()> {
    Ok(atomic_write(path, overwrite(force), write)?)
}

/// Writes `bytes` to `path` atomically; an existing file is replaced only with `force`.
pub fn write_bytes(path: &Path, force: bool, bytes: &[u8]) -> Result<()> {
    write_with(path, force, |f| std::io::Write::write_all(f, bytes))
}

/// Refuses early (before any work) to replace an existing file without `force`; the writer
/// checks again when it moves the finished file into place.
pub fn check_new(path: &Path, force: bool) -> Result<()> {
    if !force && path.exists() && !path.is_dir() {
        return Err(casus_dyad::DyadError::Exists {
            path: path.display().to_string(),
        }
        .into());
    }
    Ok(())
}
