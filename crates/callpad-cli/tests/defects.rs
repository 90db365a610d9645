//! The CLI under the inputs that used to crash it, lose data or fail unclearly: emoji and
//! zero-width spaces piped to `normalize`, a bad `--region`, an empty or half-quoted CSV,
//! numeric flags out of range, a malformed call ID for `hangup`, a damaged database, and ten
//! `callpad profile` processes changing settings at once.

use std::io::Write;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use callpad_core::profiles::{Profile, SETTINGS_FILE};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_callpad");

/// `callpad ARGS` with its data in `data`, no SIGNALWIRE_* variables and no RUST_LOG, `stdin`
/// piped in.
fn callpad(data: &Path, args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .env("CALLPAD_DATA_DIR", data)
        .env_remove("RUST_LOG")
        .env_remove("SIGNALWIRE_SPACE_URL")
        .env_remove("SIGNALWIRE_PROJECT_ID")
        .env_remove("SIGNALWIRE_API_TOKEN")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().unwrap();
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || pipe.write_all(&input));
    let output = child.wait_with_output().unwrap();
    let _ = writer.join().unwrap();
    output
}

fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn normalize_survives_emoji_and_zero_width_spaces_one_line_out_per_line_in() {
    let data = tempfile::tempdir().unwrap();
    let input = "😀\n+1\u{200B}650 253 0000\n1\u{200B}23\n+16502530000\nsi😀\nsips😀\n";
    let output = callpad(data.path(), &["normalize"], input.as_bytes(), &[]);
    let (out, err) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{out}\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 6, "{out}");
    assert!(lines[0].starts_with("error: "), "{out}");
    assert_eq!(lines[3], "+16502530000");
}

#[test]
fn call_to_with_an_emoji_is_a_usage_error_not_a_crash() {
    let data = tempfile::tempdir().unwrap();
    let output = callpad(
        data.path(),
        &["call", "--to", "😀", "--from", "+12065550100"],
        b"",
        &[
            ("SIGNALWIRE_SPACE_URL", "http://127.0.0.1:9"),
            ("SIGNALWIRE_PROJECT_ID", "p"),
            ("SIGNALWIRE_API_TOKEN", "PTx"),
        ],
    );
    let (out, err) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{out}\n{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn contacts_import_with_an_unknown_region_is_a_usage_error() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("people.csv");
    std::fs::write(&file, "Name,Phone\nAnn,201 555 0101\n").unwrap();
    let output = callpad(
        data.path(),
        &[
            "contacts",
            "import",
            file.to_str().unwrap(),
            "--region",
            "XX",
        ],
        b"",
        &[],
    );
    let (out, err) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{out}\n{err}");
    assert!(err.contains("\"XX\" is not a region code"), "{err}");
    assert!(
        !data.path().join("callpad.sqlite3").exists(),
        "nothing opened"
    );
}

#[test]
fn importing_an_empty_file_is_a_usage_error() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("empty.csv");
    std::fs::write(&file, "").unwrap();
    let output = callpad(
        data.path(),
        &["contacts", "import", file.to_str().unwrap()],
        b"",
        &[],
    );
    let (out, err) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{out}\n{err}");
    assert!(err.contains("the file is empty"), "{err}");
}

#[test]
fn an_unterminated_quote_is_listed_and_the_later_rows_are_imported() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("people.csv");
    let mut csv = String::from("Name,Phone\n");
    for i in 1..=10 {
        if i == 3 {
            csv.push_str(&format!("\"Row {i},+1 201 555 01{i:02}\n"));
        } else {
            csv.push_str(&format!("Row {i},+1 201 555 01{i:02}\n"));
        }
    }
    std::fs::write(&file, csv).unwrap();
    let output = callpad(
        data.path(),
        &["contacts", "import", file.to_str().unwrap()],
        b"",
        &[],
    );
    let (out, err) = text(&output);
    assert!(output.status.success(), "{out}\n{err}");
    assert!(out.contains("10 rows: 9 ok, 1 rejected"), "{out}");
    assert!(
        out.contains("line 4: the quoted field that opens on line 4"),
        "{out}"
    );
    assert!(out.contains("Imported: 9 new contacts"), "{out}");
}

#[test]
fn hostile_cells_do_not_reach_the_terminal() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("evil.csv");
    let big = "7".repeat(1_000_000);
    std::fs::write(
        &file,
        format!("Name,Phone\u{1b}[2J\nEvil,\"\u{1b}]0;owned\u{7}x{big}\"\n"),
    )
    .unwrap();
    let output = callpad(
        data.path(),
        &["contacts", "import", file.to_str().unwrap(), "--dry-run"],
        b"",
        &[],
    );
    let (out, err) = text(&output);
    assert!(output.status.success(), "{out}\n{err}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(out.len() < 4_000, "{} bytes printed", out.len());
}

#[test]
fn numeric_flags_out_of_range_say_the_range() {
    let data = tempfile::tempdir().unwrap();
    for args in [
        &["history", "--limit", "0"][..],
        &["history", "--limit", "-1"],
        &["contacts", "search", "ann", "--limit", "-3"],
        &["contacts", "search", "ann", "--limit", "0"],
    ] {
        let output = callpad(data.path(), args, b"", &[]);
        let (out, err) = text(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {out}\n{err}");
        assert!(
            err.contains("it must be a whole number from 1 to"),
            "{args:?}: {err}"
        );
        assert!(!out.contains("no calls yet"), "{out}");
    }
}

#[test]
fn hangup_with_a_malformed_call_id_sends_nothing() {
    let data = tempfile::tempdir().unwrap();
    let space = TcpListener::bind("127.0.0.1:0").unwrap();
    space.set_nonblocking(true).unwrap();
    let url = format!("http://{}", space.local_addr().unwrap());
    for id in ["not-a-uuid", "../../api/calling/calls", "😀"] {
        let output = callpad(
            data.path(),
            &["hangup", id],
            b"",
            &[
                ("SIGNALWIRE_SPACE_URL", &url),
                ("SIGNALWIRE_PROJECT_ID", "p"),
                ("SIGNALWIRE_API_TOKEN", "PTx"),
            ],
        );
        let (out, err) = text(&output);
        assert_eq!(output.status.code(), Some(2), "{id}: {out}\n{err}");
        assert!(err.contains("is not a call ID"), "{err}");
    }
    assert!(space.accept().is_err(), "a request was sent");
}

#[test]
fn a_damaged_database_is_reported_kept_and_replaced_by_an_empty_one() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(
        data.path().join("callpad.sqlite3"),
        b"definitely not sqlite ".repeat(100),
    )
    .unwrap();
    let output = callpad(data.path(), &["history"], b"", &[]);
    let (out, err) = text(&output);
    assert!(output.status.success(), "{out}\n{err}");
    assert!(err.contains("not a SQLite database"), "{err}");
    assert!(err.contains("callpad.sqlite3.broken-"), "{err}");
    assert!(out.contains("no calls yet"), "{out}");
    let kept = std::fs::read_dir(data.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("callpad.sqlite3.broken-")
        })
        .count();
    assert_eq!(kept, 1);
}

fn settings(dir: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(dir.join(SETTINGS_FILE)).unwrap()).unwrap()
}

#[test]
fn ten_profile_sets_at_once_lose_no_change() {
    let data = tempfile::tempdir().unwrap();
    let profiles: Vec<Value> = (0..10)
        .map(|i| {
            let p = Profile::new(format!("p{i}"), "https://example.signalwire.com", "proj")
                .normalised()
                .unwrap();
            serde_json::to_value(p).unwrap()
        })
        .collect();
    std::fs::write(
        data.path().join(SETTINGS_FILE),
        serde_json::to_vec(&json!({ "profiles": profiles, "activeProfile": "p0" })).unwrap(),
    )
    .unwrap();
    let children: Vec<_> = (0..10)
        .map(|i| {
            Command::new(BIN)
                .args([
                    "profile",
                    "set",
                    &format!("p{i}"),
                    "--ring-timeout",
                    &(100 + i).to_string(),
                ])
                .env("CALLPAD_DATA_DIR", data.path())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        let (out, err) = text(&output);
        assert!(output.status.success(), "{out}\n{err}");
        assert!(out.contains("saved profile"), "{out}");
    }
    let json = settings(data.path());
    let list = json["profiles"].as_array().unwrap();
    assert_eq!(list.len(), 10);
    for i in 0..10 {
        let p = list.iter().find(|p| p["name"] == format!("p{i}")).unwrap();
        assert_eq!(p["ringTimeoutS"], 100 + i, "p{i}'s change was lost");
    }
}

#[test]
fn ten_profile_adds_at_once_keep_every_profile_and_no_orphaned_token() {
    use callpad_core::vault::{SecretKind, Vault};
    let vault = Vault::new();
    if let Err(e) = vault.check_available() {
        eprintln!("skipped: no OS keychain here ({e}); run inside a Secret Service session");
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let stamp = format!(
        "{}-{}",
        std::process::id(),
        std::time::UNIX_EPOCH.elapsed().unwrap().as_nanos()
    );
    let names: Vec<String> = (0..10).map(|i| format!("par-{i}-{stamp}")).collect();
    let children: Vec<_> = names
        .iter()
        .map(|name| {
            let mut child = Command::new(BIN)
                .args([
                    "profile",
                    "add",
                    name,
                    "--space",
                    "https://example.signalwire.com",
                    "--project",
                    "proj",
                ])
                .env("CALLPAD_DATA_DIR", data.path())
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            child
                .stdin
                .take()
                .unwrap()
                .write_all(format!("PTtoken-{name}\n").as_bytes())
                .unwrap();
            child
        })
        .collect();
    let mut added = Vec::new();
    for (name, child) in names.iter().zip(children) {
        let output = child.wait_with_output().unwrap();
        let (out, err) = text(&output);
        assert!(output.status.success(), "{name}: {out}\n{err}");
        if out.contains("added profile") {
            added.push(name.clone());
        }
    }
    assert_eq!(added.len(), 10);
    let json = settings(data.path());
    let mut kept: Vec<String> = json["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect();
    kept.sort();
    let mut expected = added.clone();
    expected.sort();
    assert_eq!(kept, expected, "a profile said \"added\" was lost");
    for name in &added {
        let token = vault.read(name, SecretKind::ApiToken).unwrap();
        assert_eq!(
            token.map(|t| t.expose().to_owned()),
            Some(format!("PTtoken-{name}")),
            "{name}'s token"
        );
        vault.remove_profile(name).unwrap();
    }
}

#[test]
fn ten_adds_of_one_name_at_once_leave_one_profile_with_the_winners_token() {
    use callpad_core::vault::{SecretKind, Vault};
    let vault = Vault::new();
    if let Err(e) = vault.check_available() {
        eprintln!("skipped: no OS keychain here ({e}); run inside a Secret Service session");
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let name = format!(
        "same-{}-{}",
        std::process::id(),
        std::time::UNIX_EPOCH.elapsed().unwrap().as_nanos()
    );
    let children: Vec<_> = (0..10)
        .map(|i| {
            let mut child = Command::new(BIN)
                .args([
                    "profile",
                    "add",
                    &name,
                    "--space",
                    "https://example.signalwire.com",
                    "--project",
                    "proj",
                ])
                .env("CALLPAD_DATA_DIR", data.path())
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            child
                .stdin
                .take()
                .unwrap()
                .write_all(format!("PTtoken-{i}\n").as_bytes())
                .unwrap();
            child
        })
        .collect();
    let mut winners = Vec::new();
    for (i, child) in children.into_iter().enumerate() {
        let output = child.wait_with_output().unwrap();
        let (out, err) = text(&output);
        if output.status.success() {
            assert!(out.contains("added profile"), "{out}");
            winners.push(i);
        } else {
            assert!(err.contains("already exists"), "{out}\n{err}");
        }
    }
    assert_eq!(winners.len(), 1, "{winners:?}");
    let json = settings(data.path());
    assert_eq!(json["profiles"].as_array().unwrap().len(), 1);
    let token = vault.read(&name, SecretKind::ApiToken).unwrap().unwrap();
    assert_eq!(
        token.expose(),
        format!("PTtoken-{}", winners[0]),
        "a loser overwrote the winner's token"
    );
    vault.remove_profile(&name).unwrap();
}
