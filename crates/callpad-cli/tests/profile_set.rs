//! `callpad profile set` changes a profile's settings, checked like the app's settings sheet, and
//! leaves its secrets alone. Needs the real Secret Service (run through `./x test`).

mod support;

use support::{add_args, both as text, callpad, temp_dir};

#[test]
fn set_changes_only_what_is_given_and_checks_it() {
    let data = temp_dir();
    let name = format!("set-test-{}", std::process::id());
    let added = callpad(data.path(), &add_args(&name, "example", "p1"))
        .stdin("PTsecret-token-5x7y\n")
        .output();
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
    )
    .output();
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
    )
    .output();
    assert_eq!(bad.status.code(), Some(2), "{}", text(&bad));
    assert!(text(&bad).contains("ring timeout"), "{}", text(&bad));
    let after = std::fs::read_to_string(data.path().join("settings.json")).unwrap();
    assert_eq!(after, settings, "a refused change writes nothing");

    // The token stayed in the keychain: listing still shows it masked.
    let list = callpad(data.path(), &["profile", "list"]).output();
    assert!(text(&list).contains("••••"), "{}", text(&list));
    let removed = callpad(data.path(), &["profile", "remove", &name]).output();
    assert!(removed.status.success(), "{}", text(&removed));
}
