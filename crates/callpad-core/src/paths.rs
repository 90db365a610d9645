//! Where Callpad keeps its files. `CALLPAD_DATA_DIR` wins, so tests and users can isolate data;
//! otherwise the platform's data folder. Secrets are never stored here (they live in the OS keychain).

use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// The environment variable that overrides the data folder.
pub const DATA_DIR_ENV: &str = "CALLPAD_DATA_DIR";

/// Resolves the data folder from the given override (normally `CALLPAD_DATA_DIR`) or the platform
/// default, and makes sure it exists.
pub fn data_dir_from(
    override_dir: Option<&Path>,
    platform_default: Option<&Path>,
) -> Result<PathBuf> {
    let dir = match (override_dir, platform_default) {
        (Some(dir), _) => dir.to_path_buf(),
        (None, Some(default)) => default.join("callpad"),
        (None, None) => PathBuf::from(".callpad"),
    };
    std::fs::create_dir_all(&dir).map_err(|source| Error::DataDir {
        path: dir.clone(),
        source,
    })?;
    Ok(dir)
}

/// The data folder for this process: `CALLPAD_DATA_DIR` if set and non-empty, else
/// `$XDG_DATA_HOME/callpad` (or `~/.local/share/callpad`) on Linux and the like.
pub fn data_dir() -> Result<PathBuf> {
    let from_env = std::env::var_os(DATA_DIR_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    data_dir_from(from_env.as_deref(), platform_data_dir().as_deref())
}

fn platform_data_dir() -> Option<PathBuf> {
    if let Some(xdg) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(xdg));
    }
    if cfg!(target_os = "macos") {
        return std::env::var_os("HOME")
            .map(|h| PathBuf::from(h).join("Library/Application Support"));
    }
    if cfg!(windows) {
        return std::env::var_os("APPDATA").map(PathBuf::from);
    }
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn override_wins_and_is_created() {
        let tmp = tempfile::tempdir().unwrap();
        let wanted = tmp.path().join("nested/data");
        let got = data_dir_from(Some(&wanted), Some(tmp.path())).unwrap();
        assert_eq!(got, wanted);
        assert!(got.is_dir());
    }

    #[test]
    fn platform_default_gets_a_callpad_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let got = data_dir_from(None, Some(tmp.path())).unwrap();
        assert_eq!(got, tmp.path().join("callpad"));
        assert!(got.is_dir());
    }

    #[test]
    fn unwritable_folder_is_a_clear_error() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("a-file");
        std::fs::write(&file, b"x").unwrap();
        let err = data_dir_from(Some(&file.join("sub")), None).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("CALLPAD_DATA_DIR"), "{msg}");
        assert!(msg.contains("a-file"), "{msg}");
    }
}
