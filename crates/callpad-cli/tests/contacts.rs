//! `callpad contacts …` as a person uses it from a terminal, and what happens to the database when
//! the process is killed in the middle of an import.

mod support;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use callpad_core::contacts::ContactStore;
use callpad_core::db;
use support::{
    BIN, bulk_csv, callpad, stderr, stdout, success_stdout, temp_dir, write_file as write,
};

fn run(data: &Path, args: &[&str]) -> Output {
    callpad(data, args).output()
}

/// `callpad contacts import FILE --region US`, which must succeed; its stdout.
fn import_us(data: &Path, file: &str) -> String {
    success_stdout(&run(data, &["contacts", "import", file, "--region", "US"]))
}

/// The contacts in `data`, after SQLite's integrity check has passed on the database.
fn open_checked(data: &Path) -> ContactStore {
    let conn = db::open_in(data).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    ContactStore::new(conn).unwrap()
}

const PEOPLE: &str = "\
Name,Mobile Phone,Business Phone,Tags
Jane Doe,(201) 555-0123,,clients
Bob Smith,201 555 0150,555-01,
Ann Lee,+44 20 7946 0958,,
";

#[test]
fn dry_run_shows_mapping_counts_and_every_rejected_row_and_writes_nothing() {
    let tmp = temp_dir();
    let file = write(tmp.path(), "people.csv", PEOPLE);
    let out = success_stdout(&run(
        tmp.path(),
        &["contacts", "import", &file, "--region", "US", "--dry-run"],
    ));
    for expected in [
        "as Outlook CSV (UTF-8, delimiter \",\")",
        "Mobile Phone    -> Number (mobile)",
        "Tags            -> Tags",
        "3 rows: 2 ok, 1 rejected, 0 duplicates merged",
        "  line 3: \"555-01\" (Business Phone): the number is too short for US",
        "Dry run: nothing was written",
    ] {
        assert!(out.contains(expected), "{expected}: {out}");
    }
    let store = ContactStore::new(db::open_in(tmp.path()).unwrap()).unwrap();
    assert_eq!(store.count().unwrap(), 0);
}

#[test]
fn two_names_on_one_number_are_listed_and_both_imported() {
    let tmp = temp_dir();
    let file = write(
        tmp.path(),
        "family.csv",
        "Name,Phone\nJohn Smith,(201) 555-0174\nMary Smith,201 555 0174\n",
    );
    let out = success_stdout(&run(
        tmp.path(),
        &["contacts", "import", &file, "--region", "US"],
    ));
    assert!(
        out.contains("Numbers that two names share:\n  line 3: \"Mary Smith\" has +1 201-555-0174, which \"John Smith\" (line 2) also has: both are kept, as separate contacts"),
        "{out}"
    );
    assert!(out.contains("Imported: 2 new contacts"), "{out}");
}

#[test]
fn import_then_search_by_name_and_by_digits() {
    let tmp = temp_dir();
    let file = write(
        tmp.path(),
        "people.csv",
        "Name,Mobile Phone\nJane Doe,(201) 555-0123\nAnn Lee,+44 20 7946 0958\n",
    );
    let out = import_us(tmp.path(), &file);
    assert!(
        out.contains("Imported: 2 new contacts, 0 merged into existing contacts."),
        "{out}"
    );

    let found = success_stdout(&run(tmp.path(), &["contacts", "search", "jan"]));
    assert_eq!(found, "Jane Doe\tmobile\t+1 201-555-0123\n");
    let found = success_stdout(&run(tmp.path(), &["contacts", "search", "020 79"]));
    assert_eq!(found, "Ann Lee\tmobile\t+44 20 7946 0958\n");
    let none = run(tmp.path(), &["contacts", "search", "zzz"]);
    assert_eq!(stdout(&none), "");
    assert!(stderr(&none).contains("no contact matches"));
}

#[test]
fn export_to_stdout_and_import_into_another_folder() {
    let tmp = temp_dir();
    let first = tmp.path().join("first");
    let file = write(tmp.path(), "people.csv", PEOPLE);
    import_us(&first, &file);
    for (format, name) in [("csv", "out.csv"), ("vcard", "out.vcf")] {
        let exported = success_stdout(&run(&first, &["contacts", "export", "--format", format]));
        assert!(exported.contains("Jane Doe"), "{exported}");
        let again = tmp.path().join(format);
        let path = write(tmp.path(), name, &exported);
        let out = success_stdout(&run(&again, &["contacts", "import", &path]));
        assert!(out.contains("2 ok, 0 rejected"), "{format}: {out}");
        assert_eq!(
            success_stdout(&run(&again, &["contacts", "export", "--format", format])),
            exported,
            "{format}"
        );
    }
}

#[test]
fn an_unreadable_file_is_a_usage_error() {
    let tmp = temp_dir();
    let out = run(tmp.path(), &["contacts", "import", "/no/such/file.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read /no/such/file.csv"));
    let file = write(
        tmp.path(),
        "emails.csv",
        "Name,E-mail\nJane,jane@example.org\n",
    );
    let out = run(tmp.path(), &["contacts", "import", &file]);
    // A file that cannot be imported is bad input, like a bad flag.
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no column holds phone numbers"));
}

/// Kills `callpad contacts import` with SIGKILL once it reports having written `tenths`/10 of a
/// big file, then checks the database: intact, and holding all of that import or none of it.
#[test]
fn killing_an_import_midway_leaves_the_database_whole_with_all_or_none_of_it() {
    const ROWS: usize = 20_000;
    let tmp = temp_dir();
    let data = tmp.path().join("data");
    let small = write(tmp.path(), "small.csv", PEOPLE);
    import_us(&data, &small);
    let before = ContactStore::new(db::open_in(&data).unwrap())
        .unwrap()
        .count()
        .unwrap();
    assert_eq!(before, 2);

    let big = write(tmp.path(), "big.csv", &bulk_csv(ROWS));

    for tenths in [1, 5] {
        let mut child = Command::new(BIN)
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

        let store = open_checked(&data);
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
    let out = import_us(&data, &big);
    assert!(
        out.contains(&format!("Imported: {ROWS} new contacts")),
        "{out}"
    );
    assert_eq!(open_checked(&data).count().unwrap(), ROWS + before);
}
