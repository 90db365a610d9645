//! `callpad contacts …` as a person uses it from a terminal, and what happens to the database when
//! the process is killed in the middle of an import.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use callpad_core::contacts::ContactStore;
use callpad_core::db;

fn callpad(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_callpad"))
        .args(args)
        .env("CALLPAD_DATA_DIR", data)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// A fresh folder under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let path = std::env::temp_dir().join(format!(
            "callpad-cli-contacts-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

const PEOPLE: &str = "\
Name,Mobile Phone,Business Phone,Tags
Jane Doe,(201) 555-0123,,clients
Bob Smith,201 555 0150,555-01,
Ann Lee,+44 20 7946 0958,,
";

#[test]
fn dry_run_shows_mapping_counts_and_every_rejected_row_and_writes_nothing() {
    let tmp = TempDir::new("dry_run");
    let file = write(tmp.path(), "people.csv", PEOPLE);
    let out = stdout(&callpad(
        tmp.path(),
        &["contacts", "import", &file, "--region", "US", "--dry-run"],
    ));
    assert!(
        out.contains("as Outlook CSV (UTF-8, delimiter \",\")"),
        "{out}"
    );
    assert!(out.contains("Mobile Phone    -> number (mobile)"), "{out}");
    assert!(out.contains("Tags            -> tags"), "{out}");
    assert!(
        out.contains("3 rows: 2 ok, 1 rejected, 0 duplicates merged"),
        "{out}"
    );
    assert!(
        out.contains("  line 3: \"555-01\" (Business Phone): the number is too short for US"),
        "{out}"
    );
    assert!(out.contains("Dry run: nothing was written"), "{out}");
    let store = ContactStore::new(db::open_in(tmp.path()).unwrap()).unwrap();
    assert_eq!(store.count().unwrap(), 0);
}

#[test]
fn import_then_search_by_name_and_by_digits() {
    let tmp = TempDir::new("search");
    let file = write(
        tmp.path(),
        "people.csv",
        "Name,Mobile Phone\nJane Doe,(201) 555-0123\nAnn Lee,+44 20 7946 0958\n",
    );
    let out = stdout(&callpad(
        tmp.path(),
        &["contacts", "import", &file, "--region", "US"],
    ));
    assert!(
        out.contains("Imported: 2 new contacts, 0 merged into existing contacts."),
        "{out}"
    );

    let found = stdout(&callpad(tmp.path(), &["contacts", "search", "jan"]));
    assert_eq!(found, "Jane Doe\tmobile\t+1 201-555-0123\n");
    let found = stdout(&callpad(tmp.path(), &["contacts", "search", "020 79"]));
    assert_eq!(found, "Ann Lee\tmobile\t+44 20 7946 0958\n");
    let none = callpad(tmp.path(), &["contacts", "search", "zzz"]);
    assert_eq!(stdout(&none), "");
    assert!(String::from_utf8_lossy(&none.stderr).contains("no contact matches"));
}

#[test]
fn export_to_stdout_and_import_into_another_folder() {
    let tmp = TempDir::new("export");
    let first = tmp.path().join("first");
    let file = write(tmp.path(), "people.csv", PEOPLE);
    stdout(&callpad(
        &first,
        &["contacts", "import", &file, "--region", "US"],
    ));
    for (format, name) in [("csv", "out.csv"), ("vcard", "out.vcf")] {
        let exported = stdout(&callpad(
            &first,
            &["contacts", "export", "--format", format],
        ));
        assert!(exported.contains("Jane Doe"), "{exported}");
        let again = tmp.path().join(format);
        let path = write(tmp.path(), name, &exported);
        let out = stdout(&callpad(&again, &["contacts", "import", &path]));
        assert!(out.contains("2 ok, 0 rejected"), "{format}: {out}");
        assert_eq!(
            stdout(&callpad(
                &again,
                &["contacts", "export", "--format", format]
            )),
            exported,
            "{format}"
        );
    }
}

#[test]
fn an_unreadable_file_is_a_usage_error() {
    let tmp = TempDir::new("unreadable");
    let out = callpad(tmp.path(), &["contacts", "import", "/no/such/file.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /no/such/file.csv"));
    let file = write(
        tmp.path(),
        "emails.csv",
        "Name,E-mail\nJane,jane@example.org\n",
    );
    let out = callpad(tmp.path(), &["contacts", "import", &file]);
    // A file that cannot be imported is bad input, like a bad flag.
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no column holds phone numbers"));
}

/// Kills `callpad contacts import` with SIGKILL once it reports having written `tenths`/10 of a
/// big file, then checks the database: intact, and holding all of that import or none of it.
#[test]
fn killing_an_import_midway_leaves_the_database_whole_with_all_or_none_of_it() {
    const ROWS: usize = 20_000;
    let tmp = TempDir::new("kill");
    let data = tmp.path().join("data");
    let small = write(tmp.path(), "small.csv", PEOPLE);
    stdout(&callpad(
        &data,
        &["contacts", "import", &small, "--region", "US"],
    ));
    let before = ContactStore::new(db::open_in(&data).unwrap())
        .unwrap()
        .count()
        .unwrap();
    assert_eq!(before, 2);

    let mut big = String::from("Name,Phone,Tags\n");
    for i in 0..ROWS {
        big.push_str(&format!(
            "Bulk Person {i},+1 212 {:03} {:04},bulk\n",
            200 + i / 10_000,
            i % 10_000
        ));
    }
    let big = write(tmp.path(), "big.csv", &big);

    for tenths in [1, 5] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_callpad"))
            .args(["contacts", "import", &big, "--region", "US"])
            .env("CALLPAD_DATA_DIR", &data)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = BufReader::new(child.stderr.take().unwrap());
        let mut seen = Vec::new();
        for line in stderr.lines() {
            let line = line.unwrap();
            seen.push(line.clone());
            let done = line
                .strip_prefix("importing: ")
                .and_then(|rest| rest.split(' ').next())
                .and_then(|n| n.parse::<usize>().ok());
            if done.is_some_and(|d| d * 10 >= ROWS * tenths && d < ROWS) {
                child.kill().unwrap(); // SIGKILL
                break;
            }
        }
        let status = child.wait().unwrap();
        assert!(
            !status.success(),
            "killed before it finished; stderr: {seen:?}"
        );

        let conn = db::open_in(&data).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        let store = ContactStore::new(conn).unwrap();
        assert_eq!(
            store.count().unwrap(),
            before,
            "none of the killed import is there (killed at {tenths}/10)"
        );
        assert!(store.search("bulk person", 1).is_empty());
        assert_eq!(
            store.search("jane", 1)[0].name,
            "Jane Doe",
            "what was there before survives"
        );
    }

    // The same database then takes the whole import.
    let out = stdout(&callpad(
        &data,
        &["contacts", "import", &big, "--region", "US"],
    ));
    assert!(
        out.contains(&format!("Imported: {ROWS} new contacts")),
        "{out}"
    );
    let conn = db::open_in(&data).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    assert_eq!(
        ContactStore::new(conn).unwrap().count().unwrap(),
        ROWS + before
    );
}
