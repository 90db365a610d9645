//! `callpad profile …`, `callpad numbers` and `callpad call` through a profile, run as a person
//! would, against a practice space in this process and the real OS keychain (run inside a Secret
//! Service session, see HEADLESS.md). Each test has its own data folder and profile names.

mod support;

use std::path::Path;
use std::process::{Output, Stdio};

use callpad_core::vault::{SecretKind, Vault};
use practice_space::RunningSpace;
use support::{
    OWNED, Run, add_args, callpad, locked_keychain, placed_calls, practice_with, temp_dir, text,
    unique,
};
use tokio::io::AsyncWriteExt;

const ANSWERS: &str = "+12065550174";

/// A practice space whose token and signing key are unique to this test, so finding them
/// anywhere is meaningful.
async fn start_space(token: &str, signing_key: &str) -> RunningSpace {
    practice_with(practice_space::Config {
        api_token: token.to_owned(),
        signing_key: signing_key.to_owned(),
        speed: 50.0,
        ..Default::default()
    })
    .await
}

/// `callpad ARGS` with verbose logging asked for, so a secret in any log line would show.
fn verbose(data_dir: &Path, args: &[&str]) -> Run {
    callpad(data_dir, args)
        .env("RUST_LOG", "trace")
        .env("RUST_BACKTRACE", "1")
}

/// Runs [`verbose`] `args` in `data_dir` and expects success; returns the output, its stdout and
/// its stderr.
async fn succeeds(data_dir: &Path, args: &[&str]) -> (Output, String, String) {
    let output = verbose(data_dir, args).output_async().await;
    let (out, err) = text(&output);
    assert!(output.status.success(), "{args:?} failed:\n{out}\n{err}");
    (output, out, err)
}

/// Asserts the command exited with `code` and its stderr says each of `says`; returns its stdout
/// and stderr.
fn exited_with(output: &Output, code: i32, says: &[&str]) -> (String, String) {
    let (out, err) = text(output);
    assert_eq!(output.status.code(), Some(code), "{out}\n{err}");
    for part in says {
        assert!(err.contains(part), "{part}: {err}");
    }
    (out, err)
}

/// Asserts nothing of profile `name` was kept: no file under `dir`, no token in the keychain.
fn nothing_kept(dir: &Path, name: &str) {
    let files = files_under(dir);
    assert!(
        files.is_empty(),
        "files were written: {:?}",
        files.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    assert_eq!(Vault::new().read(name, SecretKind::ApiToken).unwrap(), None);
}

/// Every file under `dir`, recursively, with its bytes.
fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push((path.display().to_string(), std::fs::read(&path).unwrap()));
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[tokio::test(flavor = "multi_thread")]
async fn add_test_call_and_remove_never_leave_the_token_in_a_file_or_the_output() {
    let name = unique("cycle");
    let token = format!("PTsecret-{name}-c0ffee");
    let signing_key = format!("PSKsecret-{name}-5eed");
    let space = start_space(&token, &signing_key).await;
    let data = temp_dir();
    let dir = data.path();
    let base = space.base_url();
    let mut outputs: Vec<(String, Output)> = Vec::new();

    // add: the token and signing key arrive on stdin, never on the command line.
    let output = verbose(
        dir,
        &[
            add_args(&name, &base, space.project_id()),
            vec!["--caller-id", OWNED],
        ]
        .concat(),
    )
    .stdin(format!("{token}\n{signing_key}\n"))
    .output_async()
    .await;
    let (out, err) = text(&output);
    assert!(output.status.success(), "add failed:\n{out}\n{err}");
    assert!(out.contains("••••ffee"), "{out}");
    assert!(out.contains(&format!("active profile: {name}")), "{out}");
    outputs.push(("add".into(), output));

    // list: the active profile is marked, the token masked.
    let (output, out, _) = succeeds(dir, &["profile", "list"]).await;
    let line = out
        .lines()
        .find(|l| l.contains(&name))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(line.starts_with("* "), "{line}");
    assert!(line.contains("token ••••ffee"), "{line}");
    outputs.push(("list".into(), output));

    // test: read-only requests with the token from the keychain.
    let (output, out, _) = succeeds(dir, &["profile", "test"]).await;
    assert!(
        out.contains("6 phone numbers (5 can call), 3 verified caller IDs"),
        "{out}"
    );
    outputs.push(("test".into(), output));

    // numbers: the caller IDs of the active profile.
    let (output, out, _) = succeeds(dir, &["numbers"]).await;
    let row = |number: &str| {
        out.lines()
            .find(|l| l.starts_with(number))
            .unwrap_or_else(|| panic!("{number} missing:\n{out}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(row(OWNED), "+12065550100 owned Seattle office");
    assert_eq!(row("+14155550111"), "+14155550111 verified Alex (mobile)");
    assert!(
        row("+13035550177").contains("not usable: verification not finished"),
        "{out}"
    );
    assert!(
        row("+12025550143").contains("not usable: cannot make calls"),
        "{out}"
    );
    outputs.push(("numbers".into(), output));

    // call: no SIGNALWIRE_* variables, so the active profile places it.
    let output = verbose(dir, &["call", "--to", ANSWERS, "--from", OWNED])
        .output_async()
        .await;
    let (out, err) = text(&output);
    assert!(output.status.success(), "call failed:\n{out}\n{err}");
    assert!(out.contains("call id:"), "{out}");
    outputs.push(("call".into(), output));
    let calls = placed_calls(&space).await;
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert_eq!(calls[0]["to"], ANSWERS);

    // --profile wins over SIGNALWIRE_* variables that point nowhere.
    let output = verbose(
        dir,
        &["call", "--to", ANSWERS, "--from", OWNED, "--profile", &name],
    )
    .envs(&[
        ("SIGNALWIRE_SPACE_URL", "http://127.0.0.1:9"),
        ("SIGNALWIRE_PROJECT_ID", "nobody"),
        ("SIGNALWIRE_API_TOKEN", "PTnot-this-one-0000"),
    ])
    .output_async()
    .await;
    let (out, err) = text(&output);
    assert!(
        output.status.success(),
        "call --profile failed:\n{out}\n{err}"
    );
    outputs.push(("call --profile".into(), output));
    assert_eq!(placed_calls(&space).await.len(), 2);

    // The secrets are in no file of the data folder and in none of the output.
    let files = files_under(dir);
    assert!(
        files
            .iter()
            .any(|(path, _)| path.ends_with("settings.json")),
        "{:?}",
        files.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for (path, bytes) in &files {
        assert!(!contains(bytes, &token), "the token is in {path}");
        assert!(
            !contains(bytes, &signing_key),
            "the signing key is in {path}"
        );
    }
    for (step, output) in &outputs {
        for stream in [&output.stdout, &output.stderr] {
            assert!(!contains(stream, &token), "the token was printed by {step}");
            assert!(
                !contains(stream, &signing_key),
                "the signing key was printed by {step}"
            );
        }
    }
    // It is in the keychain, where it belongs.
    let vault = Vault::new();
    assert_eq!(
        vault.require(&name, SecretKind::ApiToken).unwrap().expose(),
        token
    );

    // remove: the profile and its secrets go.
    let output = verbose(dir, &["profile", "remove", &name])
        .output_async()
        .await;
    let (out, err) = text(&output);
    assert!(output.status.success(), "remove failed:\n{out}\n{err}");
    for kind in SecretKind::ALL {
        assert_eq!(
            vault.read(&name, kind).unwrap(),
            None,
            "{kind:?} left in the keychain"
        );
    }
    let output = verbose(dir, &["profile", "list"]).output_async().await;
    assert!(
        text(&output).0.contains("no profiles yet"),
        "{:?}",
        text(&output)
    );
    space.shutdown().await;
}

#[tokio::test]
async fn a_locked_keychain_is_reported_and_nothing_is_written() {
    // A session bus of its own whose Secret Service (gnome-keyring, started on demand) has no
    // unlocked collection; with no display its unlock prompt cannot be shown, as on a locked
    // screen.
    let keyrings = temp_dir();
    let data = temp_dir();
    let dir = data.path().join("data");
    let name = unique("locked");
    let token = format!("PTsecret-{name}-10cc");
    let mut command = locked_keychain(keyrings.path(), &dir, &add_args(&name, "example", "p"));
    command.stdin(Stdio::piped());
    let mut child = command.spawn().expect("dbus-run-session is installed");
    let mut pipe = child.stdin.take().unwrap();
    pipe.write_all(format!("{token}\n").as_bytes())
        .await
        .unwrap();
    drop(pipe);
    let output = tokio::time::timeout(std::time::Duration::from_secs(60), child.wait_with_output())
        .await
        .expect("a locked keychain must not hang the CLI")
        .unwrap();
    let (out, err) = exited_with(&output, 1, &["the keychain is locked", "unlock it"]);
    assert!(!out.contains(&token) && !err.contains(&token));
    // Only the settings lock may be there, and it is empty.
    let written: Vec<_> = files_under(&dir)
        .into_iter()
        .filter(|(path, bytes)| !(path.ends_with(".settings.json.lock") && bytes.is_empty()))
        .collect();
    assert!(written.is_empty(), "{:?}", written.len());
}

#[tokio::test]
async fn without_a_keychain_add_fails_clearly_and_writes_nothing() {
    let data = temp_dir();
    let dir = data.path().join("data");
    let name = unique("nokeychain");
    let token = format!("PTsecret-{name}-dead");
    let output = verbose(&dir, &add_args(&name, "example", "proj-1"))
        .stdin(format!("{token}\n"))
        .envs(&[("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")])
        .output_async()
        .await;
    let (out, err) = exited_with(
        &output,
        1,
        &[
            "no OS keychain is available",
            "gnome-keyring",
            "never in a file",
        ],
    );
    assert!(!out.contains(&token) && !err.contains(&token));
    // Nothing reached the real keychain either.
    nothing_kept(&dir, &name);
}

#[tokio::test]
async fn a_token_is_never_taken_from_the_command_line_or_an_empty_stdin() {
    let data = temp_dir();
    let dir = data.path();
    let name = unique("argv");

    let output = verbose(
        dir,
        &[
            add_args(&name, "example", "p"),
            vec!["--token", "PTargv-token-1234"],
        ]
        .concat(),
    )
    .output_async()
    .await;
    assert_eq!(output.status.code(), Some(2), "{:?}", text(&output));

    let output = verbose(dir, &add_args(&name, "example", "p"))
        .stdin("\n\n")
        .output_async()
        .await;
    exited_with(&output, 2, &["no API token given"]);
    nothing_kept(dir, &name);
}

#[tokio::test]
async fn bad_profiles_are_refused_before_the_token_is_asked_for() {
    let data = temp_dir();
    let dir = data.path();
    let name = unique("bad");
    for (args, needle) in [
        (
            vec!["--space", "ftp://example.com", "--project", "p"],
            "not a usable Space URL",
        ),
        (
            vec!["--space", "example", "--project", "p", "--region", "USA"],
            "two-letter country code",
        ),
        (
            vec![
                "--space",
                "example",
                "--project",
                "p",
                "--caller-id",
                "555-0100",
            ],
            "international form",
        ),
    ] {
        let mut full = vec!["profile", "add", name.as_str()];
        full.extend(args);
        let output = verbose(dir, &full)
            .stdin("PTwould-be-token-0000\n")
            .output_async()
            .await;
        exited_with(&output, 2, &[needle]);
    }
    nothing_kept(dir, &name);
}

#[tokio::test]
async fn call_with_no_profile_and_no_variables_says_how_to_set_one_up() {
    let data = temp_dir();
    let output = verbose(data.path(), &["call", "--to", ANSWERS, "--from", OWNED])
        .output_async()
        .await;
    exited_with(&output, 2, &["callpad profile add", "SIGNALWIRE_API_TOKEN"]);

    let output = verbose(data.path(), &["numbers", "--profile", "nope"])
        .output_async()
        .await;
    let (_, err) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("there is no profile named \"nope\""), "{err}");
}

#[tokio::test]
async fn an_unreadable_settings_file_is_kept_and_reported() {
    let data = temp_dir();
    let dir = data.path();
    std::fs::write(dir.join("settings.json"), b"{ this is not json").unwrap();
    let (_, _, err) = succeeds(dir, &["profile", "list"]).await;
    assert!(
        err.contains("your settings file could not be read"),
        "{err}"
    );
    assert!(err.contains("Callpad started with no profiles"), "{err}");
    let kept: Vec<_> = files_under(dir)
        .into_iter()
        .filter(|(path, _)| path.contains("settings.json.broken-"))
        .collect();
    assert_eq!(kept.len(), 1, "{err}");
    assert!(err.contains(&kept[0].0), "{err}");
    assert_eq!(kept[0].1, b"{ this is not json");
}
