//! Writing a file the person chose (an export): to a temporary file beside it, then renamed over
//! it, so the chosen file is either the old one or the whole new one — never half written.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// Writes `bytes` to `path` atomically and returns the path written.
pub(super) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<PathBuf> {
    let failed = |reason: String| Error::ExportWrite {
        path: path.to_owned(),
        reason,
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => {
            return Err(failed(
                "choose a file in a folder, e.g. your Documents folder".into(),
            ));
        }
    };
    if path.is_dir() {
        return Err(failed("that is a folder; choose a file name".into()));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.callpad-partial"));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if let Err(err) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(failed(plain(&err).to_owned()));
    }
    Ok(path.to_owned())
}

/// An I/O error in words, without the OS's error number.
fn plain(err: &std::io::Error) -> &'static str {
    match err.kind() {
        std::io::ErrorKind::PermissionDenied => {
            "Callpad may not write there; choose another folder"
        }
        std::io::ErrorKind::NotFound => "the folder does not exist; choose another",
        std::io::ErrorKind::StorageFull => "the disk is full",
        _ => "the folder refused the file; choose another",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_whole_and_leaves_no_partial_file() {
        let dir = std::env::temp_dir().join(format!("callpad-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("contacts.csv");
        std::fs::write(&path, "old").unwrap();
        assert_eq!(write_atomically(&path, b"new,data\n").unwrap(), path);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new,data\n");
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_missing_folder_is_said_in_words() {
        let err = write_atomically(Path::new("/nonexistent-callpad/x.csv"), b"x").unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
    }
}
