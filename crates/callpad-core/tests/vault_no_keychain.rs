//! With no OS keychain (no session bus), the vault says so clearly and Callpad writes nothing:
//! no settings file, no fallback file. The keychain is chosen once per process, so the check
//! runs in a child process of this test binary with the session bus pointed nowhere.

use std::path::Path;
use std::process::Command;

use callpad_core::profiles::{Profile, ProfileSecrets, Profiles, SETTINGS_FILE};
use callpad_core::vault::{Secret, SecretKind, Vault};

const CHILD_DIR: &str = "CALLPAD_TEST_NO_KEYCHAIN_DIR";
const TOKEN: &str = "PTno-keychain-token-31337";

/// Runs only inside the child: does the work and reports through its exit status.
#[test]
fn child_without_keychain() {
    let Some(dir) = std::env::var_os(CHILD_DIR) else {
        return; // run by the parent test below
    };
    let dir = Path::new(&dir);
    let vault = Vault::new();

    let err = vault.check_available().unwrap_err();
    assert_eq!(err.code(), "keychain_unavailable");
    let err = vault
        .store("nokeychain", SecretKind::ApiToken, &Secret::new(TOKEN))
        .unwrap_err();
    assert_eq!(err.code(), "keychain_unavailable");
    let msg = err.to_string();
    assert!(msg.contains("no OS keychain is available"), "{msg}");
    assert!(msg.contains("gnome-keyring"), "{msg}");
    assert!(!msg.contains(TOKEN), "{msg}");
    assert_eq!(
        vault
            .read("nokeychain", SecretKind::ApiToken)
            .unwrap_err()
            .code(),
        "keychain_unavailable"
    );

    let (mut profiles, _) = Profiles::load(dir).unwrap();
    let err = profiles
        .add(
            &vault,
            Profile::new("nokeychain", "example", "proj"),
            &ProfileSecrets::new(Secret::new(TOKEN)),
        )
        .unwrap_err();
    assert_eq!(err.code(), "keychain_unavailable");
    assert!(profiles.all().is_empty());

    // Elsewhere: a real profile cannot be removed (its secrets would stay behind unseen), a
    // practice profile, which holds no real secret, can.
    let other = tempfile::tempdir().unwrap();
    let settings = other.path().join(SETTINGS_FILE);
    std::fs::write(
        &settings,
        br#"{"profiles":[
            {"name":"real","spaceUrl":"https://example.signalwire.com","projectId":"p"},
            {"name":"Practice","spaceUrl":"http://127.0.0.1","projectId":"practice-project","practice":true}
        ],"activeProfile":"real"}"#,
    )
    .unwrap();
    let before = std::fs::read(&settings).unwrap();
    let (mut profiles, _) = Profiles::load(other.path()).unwrap();
    let err = profiles.remove(&vault, "real").unwrap_err();
    assert_eq!(err.code(), "keychain_unavailable");
    assert_eq!(profiles.names(), ["real", "Practice"]);
    assert_eq!(std::fs::read(&settings).unwrap(), before);
    profiles.remove(&vault, "Practice").unwrap();
    assert_eq!(profiles.names(), ["real"]);
    println!("CHILD-CHECKS-PASSED");
}

#[test]
fn without_a_keychain_nothing_is_written_and_the_error_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_without_keychain",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_DIR, dir.path())
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stdout.contains("CHILD-CHECKS-PASSED"),
        "child failed:\n{stdout}\n{stderr}"
    );
    assert!(!stdout.contains(TOKEN) && !stderr.contains(TOKEN));
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "files were written: {left:?}");
}
