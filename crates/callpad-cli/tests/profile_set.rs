//! `callpad profile set` changes a profile's settings, checked like the app's settings sheet, and
//! leaves its secrets alone. Needs the real Secret Service (run through `./x test`).

use std::io::Write;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_callpad");

fn callpad(data: &std::path::Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env("CALLPAD_DATA_DIR", data)
        .env_remove("SIGNALWIRE_SPACE_URL")
        .env_remove("SIGNALWIRE_PROJECT_ID")
        .env_remove("SIGNALWIRE_API_TOKEN")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn set_changes_only_what_is_given_and_checks_it() {
    let data = tempfile::tempdir().unwrap();
    let name = format!("set-test-{}", std::process::id());
    let added = callpad(
        data.path(),
        &[
            "profile",
            "add",
            &name,
            "--space",
            "example",
            "--project",
            "p1",
        ],
        "PTsecret-token-5x7y\n",
    );
    assert!(added.status.success(), "{}", text(&added));

    let set = callpad(
        data.path(),
        &[
            "profile",
            "set",
            &name,
            "--ring-timeout",
            "30",
            "--my-number",
            "+1 206 555 0179",
            "--status-method",
            "poll",
        ],
        "",
    );
    assert!(set.status.success(), "{}", text(&set));
    let settings = std::fs::read_to_string(data.path().join("settings.json")).unwrap();
    assert!(settings.contains("\"ringTimeoutS\": 30"), "{settings}");
    assert!(
        settings.contains("\"myNumber\": \"+12065550179\""),
        "{settings}"
    );
    assert!(
        settings.contains("\"statusMethod\": \"poll\""),
        "{settings}"
    );
    assert!(
        settings.contains("\"defaultRegion\": \"US\""),
        "untouched: {settings}"
    );

    let bad = callpad(
        data.path(),
        &["profile", "set", &name, "--ring-timeout", "700"],
        "",
    );
    assert_eq!(bad.status.code(), Some(2), "{}", text(&bad));
    assert!(text(&bad).contains("ring timeout"), "{}", text(&bad));
    let after = std::fs::read_to_string(data.path().join("settings.json")).unwrap();
    assert_eq!(after, settings, "a refused change writes nothing");

    // The token stayed in the keychain: listing still shows it masked.
    let list = callpad(data.path(), &["profile", "list"], "");
    assert!(text(&list).contains("••••"), "{}", text(&list));
    let removed = callpad(data.path(), &["profile", "remove", &name], "");
    assert!(removed.status.success(), "{}", text(&removed));
}
