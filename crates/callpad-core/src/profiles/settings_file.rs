//! `settings.json` on disk: a flat JSON object of key → value, the same format tauri-plugin-store
//! writes, so the CLI and the app share it. Writes are atomic; an unreadable file is kept aside.
//! What the keys mean is the profile store's business, not this file's.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value};

/// The file name inside the data folder.
pub const SETTINGS_FILE: &str = "settings.json";

/// What reading the file found.
#[derive(Debug)]
pub(crate) enum Contents {
    /// No file yet.
    Missing,
    /// A JSON object.
    Object(Map<String, Value>),
    /// Something that cannot be used; the reason says why (never the file's content).
    Unreadable(String),
}

/// Reads and parses the file, telling "absent" from "present but broken".
pub(crate) fn read(path: &Path) -> Contents {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Contents::Missing,
        Err(e) => return Contents::Unreadable(format!("it could not be opened: {e}")),
    };
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(map)) => Contents::Object(map),
        Ok(_) => Contents::Unreadable("it is not a JSON object".to_owned()),
        Err(e) => Contents::Unreadable(format!("it is not valid JSON ({e})")),
    }
}

/// Writes the object as pretty JSON through a temporary file in the same folder: write, flush
/// to disk, rename over the old file, then flush the folder. A crash leaves the old file or the
/// new one, never half of either.
pub(crate) fn write_object(path: &Path, object: &Map<String, Value>) -> io::Result<()> {
    let mut bytes = serde_json::to_vec_pretty(object).map_err(io::Error::other)?;
    bytes.push(b'\n');
    write_atomic(path, &bytes)
}

pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = parent_dir(path);
    let temp = temp_path(path);
    let result = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, path)?;
        sync_dir(&dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// How long a change waits for another process (the app, another `callpad`) to finish its own.
pub(crate) const LOCK_WAIT: Duration = Duration::from_secs(10);

/// An advisory lock on the settings file, held across processes for one read-modify-write;
/// released when dropped. It is taken on a lock file next to it (`.settings.json.lock`), not on
/// the file itself, which every write replaces by renaming.
#[derive(Debug)]
pub(crate) struct SettingsLock {
    _file: File,
}

/// Takes the lock for the settings file at `path`, waiting up to `wait` for another holder.
pub(crate) fn lock(path: &Path, wait: Duration) -> io::Result<SettingsLock> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| SETTINGS_FILE.to_owned());
    let lock_path = parent_dir(path).join(format!(".{name}.lock"));
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&lock_path)?;
    let deadline = Instant::now() + wait;
    let mut pause = Duration::from_millis(1);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(SettingsLock { _file: file }),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!(
                        "another Callpad has been changing the settings for over {} s (it holds {}); close it or try again",
                        wait.as_secs(),
                        lock_path.display()
                    ),
                ));
            }
            Err(TryLockError::Error(e)) => return Err(e),
        }
    }
}

/// Renames a broken file to `settings.json.broken-<UTC timestamp>` (with `-2`, `-3`… when that
/// name is taken) and returns the new path.
pub(crate) fn move_aside(path: &Path, now: SystemTime) -> io::Result<PathBuf> {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| SETTINGS_FILE.to_owned());
    let stamp = utc_stamp(now);
    let dir = parent_dir(path);
    for n in 1..1000 {
        let candidate = if n == 1 {
            dir.join(format!("{file_name}.broken-{stamp}"))
        } else {
            dir.join(format!("{file_name}.broken-{stamp}-{n}"))
        };
        if candidate.exists() {
            continue;
        }
        fs::rename(path, &candidate)?;
        sync_dir(&dir);
        return Ok(candidate);
    }
    Err(io::Error::other(
        "too many broken settings files with the same timestamp",
    ))
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A temp name next to the target, unique in this process and across processes.
fn temp_path(path: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| SETTINGS_FILE.to_owned());
    parent_dir(path).join(format!(".{name}.tmp-{}-{n}", std::process::id()))
}

/// Makes the rename itself durable (Unix); elsewhere the rename is as durable as the OS makes it.
fn sync_dir(dir: &Path) {
    if cfg!(unix)
        && let Ok(d) = File::open(dir)
    {
        let _ = d.sync_all();
    }
}

/// `20260102T030405Z` for a time (UTC, whole seconds; before 1970 counts as 1970).
fn utc_stamp(now: SystemTime) -> String {
    let ms = now
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    crate::calendar::compact(ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_excludes_a_second_holder_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SETTINGS_FILE);
        let first = lock(&path, LOCK_WAIT).unwrap();
        let err = lock(&path, Duration::from_millis(30)).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
        assert!(err.to_string().contains("another Callpad"), "{err}");
        drop(first);
        lock(&path, Duration::from_millis(30)).unwrap();
    }

    #[test]
    fn stamps_are_utc_calendar_times() {
        let at = |secs| UNIX_EPOCH + Duration::from_secs(secs);
        assert_eq!(utc_stamp(at(0)), "19700101T000000Z");
        assert_eq!(utc_stamp(at(951_782_400)), "20000229T000000Z");
        assert_eq!(utc_stamp(at(1_767_323_045)), "20260102T030405Z");
        assert_eq!(utc_stamp(at(4_107_542_399)), "21000228T235959Z");
    }

    #[test]
    fn read_tells_missing_from_broken() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SETTINGS_FILE);
        assert!(matches!(read(&path), Contents::Missing));
        fs::write(&path, b"{\"a\": 1").unwrap();
        assert!(matches!(read(&path), Contents::Unreadable(r) if r.contains("not valid JSON")));
        fs::write(&path, b"[1, 2]").unwrap();
        assert!(matches!(read(&path), Contents::Unreadable(r) if r.contains("not a JSON object")));
        fs::write(&path, b"{\"a\": 1}").unwrap();
        assert!(matches!(read(&path), Contents::Object(m) if m["a"] == 1));
    }

    #[test]
    fn move_aside_never_overwrites_an_earlier_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SETTINGS_FILE);
        let now = UNIX_EPOCH + Duration::from_secs(1_767_323_045);
        fs::write(&path, b"first").unwrap();
        let first = move_aside(&path, now).unwrap();
        fs::write(&path, b"second").unwrap();
        let second = move_aside(&path, now).unwrap();
        assert_eq!(
            first.file_name().unwrap(),
            "settings.json.broken-20260102T030405Z"
        );
        assert_eq!(
            second.file_name().unwrap(),
            "settings.json.broken-20260102T030405Z-2"
        );
        assert_eq!(fs::read(&first).unwrap(), b"first");
        assert_eq!(fs::read(&second).unwrap(), b"second");
        assert!(!path.exists());
    }
}
