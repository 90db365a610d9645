//! A damaged database file (not SQLite, corrupt, or cut to zero bytes): found when opening, kept
//! aside as `callpad.sqlite3.broken-<time>` with its `-wal`/`-shm`, and replaced by an empty one,
//! with a message saying what was wrong and how to get the data back. Opening itself is `db.rs`.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::{FILE_NAME, MIGRATIONS, configure, migrate_steps};
use crate::{Error, Result};

/// What [`open_checked`] opened, and what it had to keep aside first.
#[derive(Debug)]
pub struct Opened {
    pub conn: Connection,
    /// Set when the file was damaged and Callpad started with an empty database.
    pub damaged: Option<DamagedDatabase>,
}

/// A damaged database file that was kept aside: what was wrong, where it is, what to do.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DamagedDatabase {
    /// Why it could not be used.
    pub reason: String,
    /// Where the damaged file now is (its `-wal` and `-shm` files, if any, sit next to it).
    pub kept_as: String,
    /// The whole sentence to show, with how to recover.
    pub message: String,
}

impl std::fmt::Display for DamagedDatabase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// [`open`] in `data_dir`, reporting a damaged file instead of only logging it.
pub fn open_in_checked(data_dir: &Path) -> Result<Opened> {
    open_checked(&data_dir.join(FILE_NAME))
}

/// [`open`], reporting a damaged file instead of only logging it.
pub fn open_checked(path: &Path) -> Result<Opened> {
    let reason = if let Some(reason) = bad_header(path) {
        reason
    } else {
        match try_open(path) {
            Ok(conn) => {
                return Ok(Opened {
                    conn,
                    damaged: None,
                });
            }
            Err(err) => match damage(&err) {
                Some(reason) => reason,
                None => return Err(err),
            },
        }
    };
    let kept_as = keep_aside(path).map_err(|source| Error::DataDir {
        path: path.to_path_buf(),
        source,
    })?;
    let conn = try_open(path)?;
    let kept = kept_as.display().to_string();
    let message = format!(
        "the database {} could not be used ({reason}); it was kept as {kept} (with its -wal and -shm files) and Callpad started with an empty one. To get your contacts and history back, quit Callpad and try `sqlite3 {kept} .recover | sqlite3 recovered.sqlite3`, then move recovered.sqlite3 to {}",
        path.display(),
        path.display()
    );
    Ok(Opened {
        conn,
        damaged: Some(DamagedDatabase {
            reason,
            kept_as: kept,
            message,
        }),
    })
}

fn try_open(path: &Path) -> Result<Connection> {
    let open_error = |source| Error::DatabaseOpen {
        path: path.to_path_buf(),
        source,
    };
    let mut conn = Connection::open(path).map_err(open_error)?;
    configure(&conn).map_err(open_error)?;
    // Reading the schema finds a damaged file now rather than at the first query.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(open_error)?;
    migrate_steps(&mut conn, MIGRATIONS, Some(path))?;
    Ok(conn)
}

/// Why the file at `path` is no database, judged from its first bytes before SQLite opens it
/// (SQLite would read an empty file as a new database, and may drop the `-wal` of a file it
/// cannot read). `None` when it is absent, unreadable, or starts as a database should.
fn bad_header(path: &Path) -> Option<String> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).ok()?;
    let mut head = [0u8; 16];
    let mut read = 0;
    while read < head.len() {
        match file.read(&mut head[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(_) => return None,
        }
    }
    match read {
        0 => {
            Some("the file is empty (0 bytes), so whatever was in it is gone from there".to_owned())
        }
        16 if &head == b"SQLite format 3\0" => None,
        _ => Some("it is not a SQLite database".to_owned()),
    }
}

/// Why the file is damaged, when `err` (from opening it) says it is: not a database or corrupt.
/// Busy, locked, full or unwritable are not damage and stay errors.
fn damage(err: &Error) -> Option<String> {
    use rusqlite::ErrorCode;
    let source = match err {
        Error::DatabaseOpen { source, .. } | Error::Database(source) => source,
        _ => return None,
    };
    match source.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => Some("it is not a SQLite database".to_owned()),
        Some(ErrorCode::DatabaseCorrupt) => Some(format!("it is corrupt: {source}")),
        _ => None,
    }
}

/// Renames the damaged file to `callpad.sqlite3.broken-<UTC time>` and its `-wal` / `-shm`
/// files to the same name with those endings, so SQLite opens the kept copy with its journal.
fn keep_aside(path: &Path) -> std::io::Result<PathBuf> {
    let kept = crate::profiles::settings_file::move_aside(path, std::time::SystemTime::now())?;
    for suffix in ["-wal", "-shm"] {
        let mut from = path.as_os_str().to_owned();
        from.push(suffix);
        let mut to = kept.as_os_str().to_owned();
        to.push(suffix);
        match std::fs::rename(&from, &to) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(kept)
}
