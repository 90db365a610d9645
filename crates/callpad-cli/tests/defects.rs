//! The CLI under the inputs that used to crash it, lose data or fail unclearly: emoji and
//! zero-width spaces piped to `normalize`, a bad `--region`, an empty or half-quoted CSV,
//! numeric flags out of range, a malformed call ID for `hangup`, a damaged database, and ten
//! `callpad profile` processes changing settings at once.

mod support;

use std::net::TcpListener;
use std::path::Path;

use callpad_core::profiles::{Profile, SETTINGS_FILE};
use callpad_core::vault::SecretKind;
use serde_json::{Value, json};
use support::{add_args, callpad, keychain, temp_dir, text, unique};

#[test]
fn normalize_survives_emoji_and_zero_width_spaces_one_line_out_per_line_in() {
    let data = temp_dir();
    let input = "😀\n+1\u{200B}650 253 0000\n1\u{200B}23\n+16502530000\nsi😀\nsips😀\n";
    let output = callpad(data.path(), &["normalize"])
        .stdin(input.as_bytes())
        .output();
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
    let data = temp_dir();
    let output = callpad(
        data.path(),
        &["call", "--to", "😀", "--from", "+12065550100"],
    )
    .envs(&[
        ("SIGNALWIRE_SPACE_URL", "http://127.0.0.1:9"),
        ("SIGNALWIRE_PROJECT_ID", "p"),
        ("SIGNALWIRE_API_TOKEN", "PTx"),
    ])
    .output();
    let (out, err) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{out}\n{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn contacts_import_with_an_unknown_region_is_a_usage_error() {
    let data = temp_dir();
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
    )
    .output();
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
    let data = temp_dir();
    let file = data.path().join("empty.csv");
    std::fs::write(&file, "").unwrap();
    let output = callpad(data.path(), &["contacts", "import", file.to_str().unwrap()]).output();
    let (out, err) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{out}\n{err}");
    assert!(err.contains("the file is empty"), "{err}");
}

#[test]
fn an_unterminated_quote_is_listed_and_the_later_rows_are_imported() {
    let data = temp_dir();
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
    let output = callpad(data.path(), &["contacts", "import", file.to_str().unwrap()]).output();
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
    let data = temp_dir();
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
    )
    .output();
    let (out, err) = text(&output);
    assert!(output.status.success(), "{out}\n{err}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(out.len() < 4_000, "{} bytes printed", out.len());
}

#[test]
fn numeric_flags_out_of_range_say_the_range() {
    let data = temp_dir();
    for args in [
        &["history", "--limit", "0"][..],
        &["history", "--limit", "-1"],
        &["contacts", "search", "ann", "--limit", "-3"],
        &["contacts", "search", "ann", "--limit", "0"],
    ] {
        let output = callpad(data.path(), args).output();
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
    let data = temp_dir();
    let space = TcpListener::bind("127.0.0.1:0").unwrap();
    space.set_nonblocking(true).unwrap();
    let url = format!("http://{}", space.local_addr().unwrap());
    for id in ["not-a-uuid", "../../api/calling/calls", "😀"] {
        let output = callpad(data.path(), &["hangup", id])
            .envs(&[
                ("SIGNALWIRE_SPACE_URL", &url),
                ("SIGNALWIRE_PROJECT_ID", "p"),
                ("SIGNALWIRE_API_TOKEN", "PTx"),
            ])
            .output();
        let (out, err) = text(&output);
        assert_eq!(output.status.code(), Some(2), "{id}: {out}\n{err}");
        assert!(err.contains("is not a call ID"), "{err}");
    }
    assert!(space.accept().is_err(), "a request was sent");
}

#[test]
fn a_damaged_database_is_reported_kept_and_replaced_by_an_empty_one() {
    let data = temp_dir();
    std::fs::write(
        data.path().join("callpad.sqlite3"),
        b"definitely not sqlite ".repeat(100),
    )
    .unwrap();
    let output = callpad(data.path(), &["history"]).output();
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

/// Starts `callpad profile add NAME` for a made-up Space, `token_line` piped in.
fn add_profile(data: &Path, name: &str, token_line: &str) -> std::process::Child {
    let args = add_args(name, "https://example.signalwire.com", "proj");
    callpad(data, &args).stdin(token_line).start()
}

fn settings(dir: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(dir.join(SETTINGS_FILE)).unwrap()).unwrap()
}

#[test]
fn ten_profile_sets_at_once_lose_no_change() {
    let data = temp_dir();
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
            let timeout = (100 + i).to_string();
            let name = format!("p{i}");
            callpad(
                data.path(),
                &["profile", "set", &name, "--ring-timeout", &timeout],
            )
            .start()
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
    let Some(vault) = keychain() else { return };
    let data = temp_dir();
    let names: Vec<String> = (0..10).map(|i| unique(&format!("par-{i}"))).collect();
    let children: Vec<_> = names
        .iter()
        .map(|name| add_profile(data.path(), name, &format!("PTtoken-{name}\n")))
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
    let Some(vault) = keychain() else { return };
    let data = temp_dir();
    let name = unique("same");
    let children: Vec<_> = (0..10)
        .map(|i| add_profile(data.path(), &name, &format!("PTtoken-{i}\n")))
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
