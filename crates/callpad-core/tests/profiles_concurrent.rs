//! Settings changed from several places at once (the app and `callpad` runs share
//! `settings.json`): every change is a locked read-modify-write of the file as it is, so none is
//! lost however stale the copy it was made from; `Profiles::modify` changes one profile as it is
//! on disk; and one unreadable profile no longer throws every profile away.

use std::path::Path;
use std::sync::{Arc, Barrier};

use callpad_core::profiles::{Profile, Profiles, SETTINGS_FILE};
use callpad_core::{Error, Result};
use serde_json::{Value, json};

const N: usize = 10;

fn profile_json(name: &str) -> Value {
    let profile = Profile::new(name, "https://example.signalwire.com", "project-id")
        .normalised()
        .unwrap();
    serde_json::to_value(profile).unwrap()
}

fn write_settings(dir: &Path, profiles: Vec<Value>) {
    let object = json!({ "profiles": profiles, "activeProfile": "p0", "theme": "dark" });
    std::fs::write(
        dir.join(SETTINGS_FILE),
        serde_json::to_vec_pretty(&object).unwrap(),
    )
    .unwrap();
}

fn n_profiles(dir: &Path) {
    write_settings(
        dir,
        (0..N).map(|i| profile_json(&format!("p{i}"))).collect(),
    );
}

/// Runs `change(i, profiles)` on N threads at once, each with its own copy loaded before any
/// of them changes anything (so every copy is stale by the time it is used).
fn at_once(dir: &Path, change: impl Fn(usize, &mut Profiles) -> Result<()> + Sync) {
    let barrier = Arc::new(Barrier::new(N));
    std::thread::scope(|scope| {
        for i in 0..N {
            let barrier = Arc::clone(&barrier);
            let change = &change;
            scope.spawn(move || {
                let (mut profiles, warning) = Profiles::load(dir).unwrap();
                assert!(warning.is_none(), "{warning:?}");
                barrier.wait();
                change(i, &mut profiles).unwrap();
            });
        }
    });
}

#[test]
fn updates_from_stale_copies_at_once_all_survive() {
    let dir = tempfile::tempdir().unwrap();
    n_profiles(dir.path());
    at_once(dir.path(), |i, profiles| {
        let mut profile = profiles.get(&format!("p{i}"))?.clone();
        profile.ring_timeout_s = 100 + i as u32;
        profiles.update(profile).map(|_| ())
    });
    let (profiles, _) = Profiles::load(dir.path()).unwrap();
    for i in 0..N {
        assert_eq!(
            profiles.get(&format!("p{i}")).unwrap().ring_timeout_s,
            100 + i as u32,
            "p{i}'s change was lost"
        );
    }
    let text = std::fs::read_to_string(dir.path().join(SETTINGS_FILE)).unwrap();
    assert!(text.contains("\"theme\": \"dark\""), "other keys are kept");
}

#[test]
fn modify_changes_one_field_of_the_profile_as_it_is_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    n_profiles(dir.path());
    // Two fields of the same profile changed at once from stale copies: both stay.
    at_once(dir.path(), |i, profiles| {
        profiles
            .modify("p0", |p| {
                match i % 2 {
                    0 => p.ring_timeout_s = 30,
                    _ => p.max_call_s = 600,
                }
                if i == N - 1 {
                    p.default_region = "gb".into();
                }
                Ok(())
            })
            .map(|_| ())
    });
    let (mut profiles, _) = Profiles::load(dir.path()).unwrap();
    let p0 = profiles.get("p0").unwrap();
    assert_eq!(
        (p0.ring_timeout_s, p0.max_call_s, p0.default_region.as_str()),
        (30, 600, "GB"),
        "normalised, and no change lost"
    );

    // A failing change, or one the checks refuse, saves nothing.
    let before = std::fs::read(dir.path().join(SETTINGS_FILE)).unwrap();
    let err = profiles
        .modify("p1", |p| {
            p.ring_timeout_s = 5;
            Err(Error::InvalidProfile {
                field: "test",
                reason: "refused".into(),
            })
        })
        .unwrap_err();
    assert!(err.to_string().contains("refused"));
    let err = profiles
        .modify("p1", |p| {
            p.ring_timeout_s = 0;
            Ok(())
        })
        .unwrap_err();
    assert!(err.to_string().contains("ring timeout"), "{err}");
    let err = profiles
        .modify("p1", |p| {
            p.name = "renamed".into();
            Ok(())
        })
        .unwrap_err();
    assert!(err.to_string().contains("cannot be changed"), "{err}");
    assert_eq!(
        std::fs::read(dir.path().join(SETTINGS_FILE)).unwrap(),
        before
    );
    let returned = profiles
        .modify("P1", |p| {
            p.ring_timeout_s = 45;
            Ok(())
        })
        .unwrap();
    assert_eq!(
        (returned.name.as_str(), returned.ring_timeout_s),
        ("p1", 45)
    );
}

#[test]
fn set_active_and_remember_caller_id_from_stale_copies_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    n_profiles(dir.path());
    at_once(dir.path(), |i, profiles| {
        profiles.remember_caller_id(&format!("p{i}"), &format!("+1 206 555 01{i:02}"))?;
        if i == 3 {
            profiles.set_active("p3")?;
        }
        Ok(())
    });
    let (profiles, _) = Profiles::load(dir.path()).unwrap();
    for i in 0..N {
        assert_eq!(
            profiles.get(&format!("p{i}")).unwrap().last_caller_id,
            Some(format!("+120655501{i:02}"))
        );
    }
    assert_eq!(profiles.active().unwrap().name, "p3");
}

#[test]
fn one_bad_field_in_one_profile_keeps_the_others_and_names_both() {
    let dir = tempfile::tempdir().unwrap();
    let mut bad = profile_json("broken one");
    bad["ringTimeoutS"] = json!("soon");
    write_settings(
        dir.path(),
        vec![profile_json("p0"), bad, profile_json("p2")],
    );

    let (mut profiles, warning) = Profiles::load(dir.path()).unwrap();
    assert_eq!(profiles.names(), ["p0", "p2"]);
    let warning = warning.expect("a warning");
    assert!(
        warning.message.contains("\"broken one\"") && warning.message.contains("ringTimeoutS"),
        "{warning}"
    );
    assert!(!warning.message.contains("p0"), "{warning}");
    assert!(
        std::fs::read_dir(dir.path()).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains("broken-")),
        "the file is not moved aside"
    );

    // Saving a change keeps the unreadable profile in the file, as it was, for the person to fix.
    profiles.add_practice().unwrap();
    let text = std::fs::read_to_string(dir.path().join(SETTINGS_FILE)).unwrap();
    assert!(
        text.contains("\"soon\"") && text.contains("broken one"),
        "{text}"
    );
    let (again, warning) = Profiles::load(dir.path()).unwrap();
    assert_eq!(again.names(), ["p0", "p2", "Practice"]);
    assert!(warning.is_some());
}

#[test]
fn a_profile_missing_a_required_field_is_named_by_its_position() {
    let dir = tempfile::tempdir().unwrap();
    write_settings(
        dir.path(),
        vec![
            profile_json("p0"),
            json!({ "spaceUrl": "https://x.signalwire.com" }),
        ],
    );
    let (profiles, warning) = Profiles::load(dir.path()).unwrap();
    assert_eq!(profiles.names(), ["p0"]);
    let warning = warning.unwrap().message;
    assert!(warning.contains("profile number 2"), "{warning}");
    assert!(warning.contains("name is missing"), "{warning}");
    assert!(warning.contains("projectId is missing"), "{warning}");
}
