//! Profiles in `settings.json` with their secrets in the real OS keychain: adding, choosing,
//! removing, atomic saves and keeping an unreadable file aside. Run inside a Secret Service
//! session (see HEADLESS.md); each test uses its own profile names and data folder.

mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, UNIX_EPOCH};

use common::unique;

use callpad_core::profiles::{Profile, ProfileSecrets, Profiles, SETTINGS_FILE, StatusMethod};
use callpad_core::vault::{Secret, SecretKind, Vault};
use serde_json::{Value, json};

fn token_for(name: &str) -> String {
    format!("PTtok-{name}-9f8e7d")
}

fn secrets(name: &str) -> ProfileSecrets {
    ProfileSecrets::new(Secret::new(token_for(name)))
}

fn profile(name: &str) -> Profile {
    Profile::new(name, "example.signalwire.com", "proj-1234")
}

/// A fresh data folder (no settings file, so no warning), the keychain, and its empty profiles.
fn empty_store() -> (tempfile::TempDir, Vault, Profiles) {
    let dir = tempfile::tempdir().unwrap();
    let (profiles, warning) = Profiles::load(dir.path()).unwrap();
    assert!(warning.is_none());
    (dir, Vault::new(), profiles)
}

/// Every byte of every file under `dir` (recursively), for "the secret is nowhere" checks.
fn all_file_bytes(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(all_file_bytes(&path));
        } else {
            out.push((path.display().to_string(), fs::read(&path).unwrap()));
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

fn file_json(dir: &Path) -> Value {
    serde_json::from_slice(&fs::read(dir.join(SETTINGS_FILE)).unwrap()).unwrap()
}

#[test]
fn adding_puts_the_token_in_the_keychain_and_the_rest_in_the_file() {
    let (dir, vault, mut profiles) = empty_store();
    let name = unique("prof-add");
    assert!(profiles.all().is_empty());

    let mut draft = profile(&name);
    draft.default_caller_id = Some("+1 206-555-0100".into());
    draft.default_region = "gb".into();
    draft.status_method = StatusMethod::Poll;
    draft.practice = true;
    let sec = ProfileSecrets {
        signing_key: Some(Secret::new("PSK-signing-key-for-test-77")),
        ..secrets(&name)
    };
    let added = profiles.add(&vault, draft, &sec).unwrap().clone();
    assert_eq!(added.space_url, "https://example.signalwire.com");
    assert_eq!(added.default_caller_id.as_deref(), Some("+12065550100"));
    assert_eq!(added.default_region, "GB");

    // The first profile becomes active, and the file says so in the app's format.
    assert_eq!(profiles.active().unwrap().name, name);
    let json = file_json(dir.path());
    assert_eq!(json["activeProfile"], name.as_str());
    assert_eq!(json["profiles"][0]["name"], name.as_str());
    assert_eq!(json["profiles"][0]["statusMethod"], "poll");
    assert_eq!(json["profiles"][0]["practice"], true);

    // Secrets are in the keychain and in no file.
    assert_eq!(
        vault.require(&name, SecretKind::ApiToken).unwrap().expose(),
        token_for(&name)
    );
    assert_eq!(
        vault
            .require(&name, SecretKind::SigningKey)
            .unwrap()
            .expose(),
        "PSK-signing-key-for-test-77"
    );
    for (path, bytes) in all_file_bytes(dir.path()) {
        assert!(!contains(&bytes, &token_for(&name)), "token in {path}");
        assert!(
            !contains(&bytes, "PSK-signing-key"),
            "signing key in {path}"
        );
    }

    // A fresh load sees the same thing.
    let (again, _) = Profiles::load(dir.path()).unwrap();
    assert_eq!(again.all(), profiles.all());
    assert_eq!(again.active().unwrap().name, name);

    profiles.remove(&vault, &name).unwrap();
}

#[test]
fn removing_a_profile_removes_its_secrets() {
    let (dir, vault, mut profiles) = empty_store();
    let keep = unique("prof-keep");
    let gone = unique("prof-gone");
    profiles
        .add(&vault, profile(&keep), &secrets(&keep))
        .unwrap();
    let sec = ProfileSecrets {
        signing_key: Some(Secret::new("PSK-gone-signing-key-0000")),
        ngrok_authtoken: Some(Secret::new("ngrok-gone-authtoken-0000")),
        ..secrets(&gone)
    };
    profiles.add(&vault, profile(&gone), &sec).unwrap();
    profiles.set_active(&gone).unwrap();

    let removed = profiles.remove(&vault, &gone).unwrap();
    assert_eq!(removed.name, gone);
    for kind in SecretKind::ALL {
        assert_eq!(
            vault.read(&gone, kind).unwrap(),
            None,
            "{kind:?} left behind"
        );
    }
    // The other profile's token is untouched, and it takes over as the only one left.
    assert!(vault.read(&keep, SecretKind::ApiToken).unwrap().is_some());
    assert_eq!(profiles.active().unwrap().name, keep);
    let (again, _) = Profiles::load(dir.path()).unwrap();
    assert_eq!(again.names(), vec![keep.clone()]);

    let err = profiles.remove(&vault, &gone).unwrap_err();
    assert_eq!(err.code(), "profile_not_found");
    profiles.remove(&vault, &keep).unwrap();
    assert!(vault.read(&keep, SecretKind::ApiToken).unwrap().is_none());
    assert!(profiles.active().is_none());
}

#[test]
fn removing_the_active_profile_never_moves_calls_to_another_of_several() {
    let (dir, vault, mut profiles) = empty_store();
    let names: Vec<String> = (0..3).map(|i| unique(&format!("prof-act{i}"))).collect();
    for name in &names {
        profiles.add(&vault, profile(name), &secrets(name)).unwrap();
    }
    assert_eq!(profiles.active().unwrap().name, names[0]);
    profiles.set_active(&names[1]).unwrap();
    assert_eq!(file_json(dir.path())["activeProfile"], names[1].as_str());

    profiles.remove(&vault, &names[1]).unwrap();
    assert!(profiles.active().is_none());
    assert_eq!(
        profiles.require_active().unwrap_err().code(),
        "no_active_profile"
    );
    assert_eq!(file_json(dir.path())["activeProfile"], Value::Null);
    for name in [&names[0], &names[2]] {
        profiles.remove(&vault, name).unwrap();
    }
}

#[test]
fn invalid_or_duplicate_profiles_are_refused_and_store_nothing() {
    let (dir, vault, mut profiles) = empty_store();
    let name = unique("prof-dup");

    let mut bad_region = profile(&name);
    bad_region.default_region = "XX".into();
    let err = profiles
        .add(&vault, bad_region, &secrets(&name))
        .unwrap_err();
    assert_eq!(err.code(), "invalid_profile");
    assert!(err.to_string().contains("default region"), "{err}");
    let err = profiles
        .add(
            &vault,
            Profile::new(&name, "http://example.com", "p"),
            &secrets(&name),
        )
        .unwrap_err();
    assert_eq!(err.code(), "invalid_space_url");
    let err = profiles
        .add(&vault, Profile::new("  ", "example", "p"), &secrets(&name))
        .unwrap_err();
    assert!(
        err.to_string().contains("profile name: it is empty"),
        "{err}"
    );
    let err = profiles
        .add(
            &vault,
            profile(&name),
            &ProfileSecrets::new(Secret::new(" ")),
        )
        .unwrap_err();
    assert_eq!(err.code(), "missing_credential");
    assert!(!dir.path().join(SETTINGS_FILE).exists());
    assert_eq!(vault.read(&name, SecretKind::ApiToken).unwrap(), None);

    profiles
        .add(&vault, profile(&name), &secrets(&name))
        .unwrap();
    let upper = name.to_uppercase();
    let other_token = ProfileSecrets::new(Secret::new("PTsome-other-token-5555"));
    let err = profiles
        .add(&vault, profile(&upper), &other_token)
        .unwrap_err();
    assert_eq!(err.code(), "profile_exists");
    assert!(err.to_string().contains(&name), "{err}");
    // The first profile's token was not replaced by the refused one.
    assert_eq!(
        vault.require(&name, SecretKind::ApiToken).unwrap().expose(),
        token_for(&name)
    );
    assert_eq!(profiles.all().len(), 1);
    profiles.remove(&vault, &name).unwrap();
}

#[test]
fn saves_replace_the_file_by_rename_and_keep_other_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(SETTINGS_FILE);
    // A file as the desktop app's store plugin writes it, with keys that are not ours.
    fs::write(
        &path,
        serde_json::to_vec_pretty(&json!({"theme": "dark", "window": {"w": 800}, "profiles": []}))
            .unwrap(),
    )
    .unwrap();
    let before = fs::read(&path).unwrap();
    // A second name for the old file: an in-place write would change what it shows.
    let link = dir.path().join("old-settings-link");
    fs::hard_link(&path, &link).unwrap();

    let vault = Vault::new();
    let name = unique("prof-atomic");
    let (mut profiles, warning) = Profiles::load(dir.path()).unwrap();
    assert!(warning.is_none());
    profiles
        .add(&vault, profile(&name), &secrets(&name))
        .unwrap();

    assert_eq!(
        fs::read(&link).unwrap(),
        before,
        "the old file was written in place"
    );
    let json = file_json(dir.path());
    assert_eq!(json["theme"], "dark");
    assert_eq!(json["window"]["w"], 800);
    assert_eq!(json["profiles"][0]["name"], name.as_str());

    // A key another writer added since our load survives our next save.
    let mut edited = json.clone();
    edited["language"] = json!("fr");
    fs::write(&path, serde_json::to_vec(&edited).unwrap()).unwrap();
    profiles.remember_caller_id(&name, "+13125550142").unwrap();
    let json = file_json(dir.path());
    assert_eq!(json["language"], "fr");
    assert_eq!(json["profiles"][0]["lastCallerId"], "+13125550142");

    // No temporary files are left behind (the lock file stays, empty, for the next change).
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".settings.json.lock")
        .collect();
    names.sort();
    assert_eq!(names, ["old-settings-link", SETTINGS_FILE]);
    profiles.remove(&vault, &name).unwrap();
}

#[test]
fn an_unreadable_file_is_kept_aside_and_reported() {
    let now = UNIX_EPOCH + Duration::from_secs(1_767_323_045);
    let cases: [(&str, &[u8], &str); 4] = [
        ("truncated", b"{\"profiles\": [{\"name\": \"wo", "not valid JSON"),
        ("not an object", b"[1, 2, 3]", "not a JSON object"),
        (
            "bad profiles",
            // (One unreadable profile among good ones is no longer this case: see
            // profiles_concurrent.rs.)
            b"{\"profiles\": {\"name\": 5}, \"activeProfile\": null}",
            "not a list of profiles",
        ),
        (
            "duplicate names",
            br#"{"profiles": [{"name":"a","spaceUrl":"https://x.signalwire.com","projectId":"p"},
                              {"name":"A","spaceUrl":"https://y.signalwire.com","projectId":"q"}]}"#,
            "twice",
        ),
    ];
    for (label, content, reason) in cases {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SETTINGS_FILE);
        fs::write(&path, content).unwrap();

        let (profiles, warning) = Profiles::load_at(dir.path(), now).unwrap();
        let warning = warning.unwrap_or_else(|| panic!("{label}: no warning"));
        assert!(profiles.all().is_empty(), "{label}");
        let kept = dir.path().join("settings.json.broken-20260102T030405Z");
        assert_eq!(warning.kept_as, kept.display().to_string(), "{label}");
        assert_eq!(fs::read(&kept).unwrap(), content, "{label}: backup differs");
        assert!(!path.exists(), "{label}: broken file left in place");
        assert!(
            warning.reason.contains(reason),
            "{label}: {}",
            warning.reason
        );
        let msg = warning.to_string();
        assert!(
            msg.starts_with("your settings file could not be read"),
            "{msg}"
        );
        assert!(msg.contains(&warning.kept_as), "{msg}");
        assert!(msg.contains("Callpad started with no profiles"), "{msg}");

        // The next load is clean and starts over.
        let (_, again) = Profiles::load_at(dir.path(), now).unwrap();
        assert!(again.is_none(), "{label}");
    }
}

#[test]
fn a_missing_file_is_no_profiles_without_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let (profiles, warning) = Profiles::load(dir.path()).unwrap();
    assert!(warning.is_none());
    assert!(profiles.active().is_none());
    assert!(
        !dir.path().join(SETTINGS_FILE).exists(),
        "loading must not write"
    );
    let err = profiles.get("anything").unwrap_err();
    assert!(
        err.to_string().contains("no profile is set up yet"),
        "{err}"
    );
}

#[test]
fn an_active_name_that_matches_no_profile_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join(SETTINGS_FILE),
        br#"{"profiles":[{"name":"a","spaceUrl":"https://x.signalwire.com","projectId":"p"}],"activeProfile":"zzz"}"#,
    )
    .unwrap();
    let (profiles, warning) = Profiles::load(dir.path()).unwrap();
    assert!(warning.is_none());
    assert_eq!(profiles.names(), ["a"]);
    assert!(profiles.active().is_none());
    assert_eq!(profiles.get("A").unwrap().name, "a");
}

#[test]
fn updating_keeps_the_secrets_and_replacing_a_token_keeps_the_profile() {
    let (dir, vault, mut profiles) = empty_store();
    let name = unique("prof-upd");
    profiles
        .add(&vault, profile(&name), &secrets(&name))
        .unwrap();

    let mut changed = profiles.get(&name).unwrap().clone();
    changed.my_number = Some("+44 7700 900123".into());
    changed.default_region = "de".into();
    profiles.update(changed).unwrap();
    let (again, _) = Profiles::load(dir.path()).unwrap();
    let p = again.get(&name).unwrap();
    assert_eq!(p.my_number.as_deref(), Some("+447700900123"));
    assert_eq!(p.default_region, "DE");
    assert!(vault.read(&name, SecretKind::ApiToken).unwrap().is_some());

    profiles
        .replace_secret(
            &vault,
            &name,
            SecretKind::ApiToken,
            &Secret::new("PTreplaced-token-4444"),
        )
        .unwrap();
    assert_eq!(
        vault.require(&name, SecretKind::ApiToken).unwrap().mask(),
        "••••4444"
    );
    profiles.remove(&vault, &name).unwrap();
}
