//! A damaged `callpad.sqlite3` (garbage, a corrupt page, or cut to zero bytes) is said to be
//! damaged, kept aside with its `-wal`/`-shm` as `callpad.sqlite3.broken-<time>`, and Callpad
//! starts with an empty database; errors that are not damage (a folder that cannot be written)
//! stay errors and move nothing.

use std::fs;
use std::path::{Path, PathBuf};

use callpad_core::contacts::{ContactInput, ContactStore, NumberInput};
use callpad_core::db::{self, FILE_NAME};

fn kept_files(dir: &Path) -> Vec<PathBuf> {
    let mut kept: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("callpad.sqlite3.broken-")
        })
        .collect();
    kept.sort();
    kept
}

fn add_contact(dir: &Path, name: &str) {
    let mut store = ContactStore::new(db::open_in(dir).unwrap()).unwrap();
    store
        .add(
            &ContactInput {
                name: name.into(),
                numbers: vec![NumberInput {
                    label: "mobile".into(),
                    number: "+1 201 555 0101".into(),
                }],
                ..ContactInput::default()
            },
            None,
        )
        .unwrap();
}

#[test]
fn a_file_that_is_not_a_database_is_kept_aside_and_an_empty_one_started() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = b"this is not a database, it is a shopping list\n".repeat(200);
    fs::write(dir.path().join(FILE_NAME), &garbage).unwrap();
    fs::write(dir.path().join(format!("{FILE_NAME}-wal")), b"wal bytes").unwrap();

    let opened = db::open_in_checked(dir.path()).unwrap();
    let damaged = opened.damaged.expect("damage reported");
    assert!(
        damaged.reason.contains("not a SQLite database"),
        "{damaged}"
    );
    assert!(damaged.message.contains(&damaged.kept_as), "{damaged}");
    assert!(damaged.message.contains(".recover"), "{damaged}");
    let kept = kept_files(dir.path());
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert_eq!(fs::read(&kept[0]).unwrap(), garbage);
    assert_eq!(kept[0].display().to_string(), damaged.kept_as);
    assert_eq!(
        fs::read(format!("{}-wal", damaged.kept_as)).unwrap(),
        b"wal bytes"
    );
    // The new database works and is empty.
    let store = ContactStore::new(opened.conn).unwrap();
    assert_eq!(store.count().unwrap(), 0);
    drop(store);
    add_contact(dir.path(), "After");
    assert_eq!(
        kept_files(dir.path()).len(),
        2,
        "a good database is not moved"
    );
}

#[test]
fn a_database_with_a_corrupt_schema_page_is_kept_aside_with_what_was_in_it() {
    let dir = tempfile::tempdir().unwrap();
    add_contact(dir.path(), "Before");
    let path = dir.path().join(FILE_NAME);
    // Checkpointed and closed: everything is in the main file. Overwrite the schema page.
    let mut bytes = fs::read(&path).unwrap();
    assert!(bytes.len() > 4096, "{} bytes", bytes.len());
    for b in &mut bytes[100..4000] {
        *b = 0xA5;
    }
    fs::write(&path, &bytes).unwrap();

    let opened = db::open_in_checked(dir.path()).unwrap();
    let damaged = opened.damaged.expect("damage reported");
    assert!(
        damaged.reason.contains("corrupt") || damaged.reason.contains("not a SQLite"),
        "{damaged}"
    );
    let kept = kept_files(dir.path());
    assert_eq!(fs::read(&kept[0]).unwrap(), bytes, "kept byte for byte");
    assert_eq!(ContactStore::new(opened.conn).unwrap().count().unwrap(), 0);
}

#[test]
fn a_zero_byte_database_is_reported_not_silently_treated_as_new() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(FILE_NAME), b"").unwrap();
    let opened = db::open_in_checked(dir.path()).unwrap();
    let damaged = opened.damaged.expect("damage reported");
    assert!(damaged.reason.contains("empty (0 bytes)"), "{damaged}");
    assert_eq!(kept_files(dir.path()).len(), 1);
    assert_eq!(
        db::schema_version(&opened.conn).unwrap() as usize,
        db::MIGRATIONS.len()
    );
}

#[test]
fn plain_open_recovers_the_same_way_so_every_caller_gets_a_working_database() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(FILE_NAME), b"garbage garbage garbage").unwrap();
    let conn = db::open_in(dir.path()).unwrap();
    assert_eq!(
        db::schema_version(&conn).unwrap() as usize,
        db::MIGRATIONS.len()
    );
    assert_eq!(kept_files(dir.path()).len(), 1);
}

#[cfg(unix)]
#[test]
fn a_folder_that_cannot_be_written_is_an_error_and_nothing_is_moved() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o500)).unwrap();
    // Root ignores permissions; the check means nothing then.
    if fs::write(locked.join("probe"), b"x").is_ok() {
        return;
    }
    let err = db::open_in_checked(&locked).unwrap_err();
    assert_eq!(err.code(), "database_open", "{err}");
    assert!(kept_files(&locked).is_empty());
}
