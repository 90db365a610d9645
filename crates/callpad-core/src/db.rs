//! The one SQLite database in the data folder (`callpad.sqlite3`): opening it with the settings that
//! keep it whole when the app is killed, and its schema migrations. What goes in the tables is the
//! business of the modules that own them (`contacts`, `calls::history`). A file that cannot be
//! used is kept aside and replaced by an empty database: `db/damaged.rs`.
//!
//! Durability: WAL journal with `synchronous=NORMAL`. In WAL mode a transaction is durable once
//! its commit record is in the WAL file, and killing the process at any moment never loses or
//! corrupts a committed transaction (the OS still has the written pages). Only a power cut or OS
//! crash can drop the last few commits — never corrupt the file. `FULL` would add an fsync per
//! commit for that case alone, which a contact list does not need; the kill test pins the rest.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, TransactionBehavior};

use crate::{Error, Result};

mod damaged;
pub use damaged::{DamagedDatabase, Opened, open_checked, open_in_checked};

/// The database's file name inside the data folder.
pub const FILE_NAME: &str = "callpad.sqlite3";

/// How long a writer waits for another connection's write lock before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The schema, one step per version: step `i` takes the database from `user_version` `i` to
/// `i + 1`. Append new steps at the end (the reminder queue, …); never edit or
/// reorder a step that has shipped, because databases in the field have already run it.
pub const MIGRATIONS: &[&str] = &[
    V1_CONTACTS,
    crate::calls::history::SCHEMA,
    crate::calls::history::V3_SECOND_LEG,
    crate::reminders::sqlite::SCHEMA,
];

/// Contacts, their numbers and tags. `dial` is what gets dialled: E.164 (`+15551234567`) or a
/// `sip:` URI; `typed` is what the person typed; `national`/`international` are cached formats
/// (for display and digit search) so opening the app need not re-read every number.
const V1_CONTACTS: &str = "
CREATE TABLE contacts (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
    company   TEXT,
    notes     TEXT NOT NULL DEFAULT '',
    favourite INTEGER NOT NULL DEFAULT 0 CHECK (favourite IN (0, 1)),
    opt_out   INTEGER NOT NULL DEFAULT 0 CHECK (opt_out IN (0, 1))
) STRICT;

CREATE TABLE contact_numbers (
    id            INTEGER PRIMARY KEY,
    contact_id    INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    label         TEXT NOT NULL,
    dial          TEXT NOT NULL,
    extension     TEXT,
    typed         TEXT NOT NULL,
    national      TEXT NOT NULL,
    international TEXT NOT NULL,
    UNIQUE (contact_id, position)
) STRICT;
CREATE INDEX contact_numbers_by_dial ON contact_numbers(dial);

CREATE TABLE contact_tags (
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    tag        TEXT NOT NULL,
    PRIMARY KEY (contact_id, position)
) STRICT, WITHOUT ROWID;
";

/// Opens (creating if needed) `callpad.sqlite3` in `data_dir` and brings its schema up to date.
pub fn open_in(data_dir: &Path) -> Result<Connection> {
    open(&data_dir.join(FILE_NAME))
}

/// Opens (creating if needed) the database at `path` and brings its schema up to date.
///
/// A damaged file (not a database, corrupt, or empty) is kept aside and a new, empty database
/// started in its place; the warning is logged. Use [`open_checked`] to show it to the person.
pub fn open(path: &Path) -> Result<Connection> {
    let opened = open_checked(path)?;
    if let Some(damaged) = &opened.damaged {
        tracing::warn!("{damaged}");
    }
    Ok(opened.conn)
}

/// A private in-memory database with the full schema, for tests and benchmarks.
pub fn open_in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    migrate_steps(&mut conn, MIGRATIONS, None)?;
    Ok(conn)
}

/// The schema version the database is at (`PRAGMA user_version`).
pub fn schema_version(conn: &Connection) -> Result<u32> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// Applies the steps of `steps` the database has not run yet, all in one transaction, and returns
/// the new version. `open` does this with [`MIGRATIONS`]; it is public so tests can try a list.
pub fn migrate(conn: &mut Connection, steps: &[&str]) -> Result<u32> {
    migrate_steps(conn, steps, None)
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    // `journal_mode` answers with the mode in force; an in-memory database stays "memory".
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    debug_assert!(mode == "wal" || mode == "memory", "journal mode {mode}");
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(())
}

fn migrate_steps(conn: &mut Connection, steps: &[&str], path: Option<&Path>) -> Result<u32> {
    // IMMEDIATE takes the write lock first, so two processes opening a fresh database at once
    // cannot both run step 1.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found: u32 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
    let known = u32::try_from(steps.len()).unwrap_or(u32::MAX);
    if found > known {
        return Err(Error::DatabaseTooNew {
            path: path.map_or_else(|| PathBuf::from(":memory:"), Path::to_path_buf),
            found,
            known,
        });
    }
    for step in &steps[found as usize..] {
        tx.execute_batch(step)?;
    }
    if found < known {
        tx.pragma_update(None, "user_version", known)?;
    }
    tx.commit()?;
    Ok(known)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_database_gets_every_step_and_the_durable_settings() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open_in(dir.path()).unwrap();
        assert!(dir.path().join(FILE_NAME).is_file());
        assert_eq!(schema_version(&conn).unwrap() as usize, MIGRATIONS.len());
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let sync: i64 = conn
            .pragma_query_value(None, "synchronous", |r| r.get(0))
            .unwrap();
        assert_eq!(sync, 1, "NORMAL");
        let fk: bool = conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert!(fk);
    }

    #[test]
    fn reopening_runs_nothing_twice() {
        let dir = tempfile::tempdir().unwrap();
        drop(open_in(dir.path()).unwrap());
        let conn = open_in(dir.path()).unwrap();
        assert_eq!(schema_version(&conn).unwrap() as usize, MIGRATIONS.len());
    }

    #[test]
    fn only_the_new_steps_run_and_a_failing_step_changes_nothing() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(migrate(&mut conn, &["CREATE TABLE a (x)"]).unwrap(), 1);
        let two = ["CREATE TABLE a (x)", "CREATE TABLE b (y)"];
        assert_eq!(migrate(&mut conn, &two).unwrap(), 2);
        let broken = [two[0], two[1], "CREATE TABLE c (z)", "NOT SQL"];
        assert!(migrate(&mut conn, &broken).is_err());
        assert_eq!(schema_version(&conn).unwrap(), 2);
        let c_exists: bool = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'c'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(!c_exists, "step 3 rolled back with step 4");
    }

    #[test]
    fn a_database_from_a_newer_app_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        {
            let conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "user_version", 999).unwrap();
        }
        let err = open(&path).unwrap_err();
        assert!(matches!(err, Error::DatabaseTooNew { found: 999, .. }));
        assert!(err.to_string().contains("newer Callpad"), "{err}");
    }
}
