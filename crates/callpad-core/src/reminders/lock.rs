//! One reminder runner per data folder: `reminders.lock` in the folder, held with the operating
//! system's exclusive file lock for as long as the runner lives, holding the runner's pid (for the
//! message a second runner gets) and the port its key-report listener used (so a runner started
//! after a crash can listen where calls still in progress will report). The OS drops the lock when
//! the process dies however it dies, so a lock left by a killed runner is simply taken over.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// The lock file's name in the data folder.
pub const LOCK_FILE: &str = "reminders.lock";

/// The held lock; dropping it lets the next runner start.
#[derive(Debug)]
pub struct RunnerLock {
    file: File,
    path: PathBuf,
    /// What the previous holder wrote (its pid and listener port), if anything.
    previous: LockNote,
}

/// What a runner writes into the lock file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LockNote {
    pub pid: Option<u32>,
    pub port: Option<u16>,
}

impl LockNote {
    fn parse(text: &str) -> LockNote {
        let mut note = LockNote::default();
        for line in text.lines() {
            match line.split_once('=') {
                Some(("pid", v)) => note.pid = v.trim().parse().ok(),
                Some(("port", v)) => note.port = v.trim().parse().ok(),
                _ => {}
            }
        }
        note
    }
}

impl RunnerLock {
    /// Takes the data folder's runner lock, or says which process holds it.
    pub fn acquire(data_dir: &Path) -> Result<RunnerLock> {
        let path = data_dir.join(LOCK_FILE);
        let io = |e: std::io::Error| Error::DataDir {
            path: path.clone(),
            source: e,
        };
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                return Err(Error::RunnerBusy {
                    pid: LockNote::parse(&text).pid,
                    path,
                });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
        }
        let mut text = String::new();
        let _ = file.read_to_string(&mut text);
        let mut lock = RunnerLock {
            file,
            path,
            previous: LockNote::parse(&text),
        };
        lock.write(&LockNote {
            pid: Some(std::process::id()),
            port: lock.previous.port,
        })?;
        Ok(lock)
    }

    /// What the runner before this one wrote (a stale lock's pid and port).
    pub fn previous(&self) -> &LockNote {
        &self.previous
    }

    /// Records this runner's pid and listener port.
    pub fn write(&mut self, note: &LockNote) -> Result<()> {
        let mut text = String::new();
        if let Some(pid) = note.pid {
            text.push_str(&format!("pid={pid}\n"));
        }
        if let Some(port) = note.port {
            text.push_str(&format!("port={port}\n"));
        }
        let path = self.path.clone();
        let io = |e: std::io::Error| Error::DataDir {
            path: path.clone(),
            source: e,
        };
        self.file.set_len(0).map_err(&io)?;
        self.file.seek(SeekFrom::Start(0)).map_err(&io)?;
        self.file.write_all(text.as_bytes()).map_err(&io)?;
        self.file.flush().map_err(io)
    }
}

impl Drop for RunnerLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_runner_is_refused_with_the_first_ones_pid_and_a_dropped_lock_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let mut first = RunnerLock::acquire(dir.path()).unwrap();
        first
            .write(&LockNote {
                pid: Some(std::process::id()),
                port: Some(4567),
            })
            .unwrap();
        let err = RunnerLock::acquire(dir.path()).unwrap_err();
        let text = err.to_string();
        assert!(
            matches!(err, Error::RunnerBusy { pid: Some(p), .. } if p == std::process::id()),
            "{text}"
        );
        assert!(text.contains("already running"), "{text}");
        drop(first);
        let second = RunnerLock::acquire(dir.path()).unwrap();
        assert_eq!(
            second.previous().port,
            Some(4567),
            "the old port is offered"
        );
    }
}
