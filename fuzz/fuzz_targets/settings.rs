//! Fuzzes loading the settings file (`Profiles::load_at`) from arbitrary bytes in a temporary
//! data folder. Invariants: no panic, no error; a file that cannot be used is reported and kept
//! with its bytes intact (nothing lost); a usable one is left untouched and loads the same way
//! twice.
#![no_main]

use std::time::{Duration, SystemTime};

use callpad_core::profiles::{Profiles, SETTINGS_FILE};
use libfuzzer_sys::fuzz_target;

/// Settings files as Callpad writes them, so short inputs reach the profile checks: the fuzz
/// input replaces `@`.
const SHAPES: [&str; 4] = [
    "@",
    r#"{"profiles":[@],"activeProfile":"a"}"#,
    r#"{"profiles":[{"name":"a","spaceUrl":"https://example.signalwire.com","projectId":"p"@}]}"#,
    r#"{"profiles":[{"name":"a","spaceUrl":"https://x.signalwire.com","projectId":"p"},{"name":@}]}"#,
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let shape = SHAPES[usize::from(selector & 3)].as_bytes();
    let at = shape.iter().position(|&b| b == b'@').unwrap();
    let mut bytes = shape[..at].to_vec();
    bytes.extend_from_slice(rest);
    bytes.extend_from_slice(&shape[at + 1..]);

    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join(SETTINGS_FILE);
    std::fs::write(&path, &bytes).expect("write the settings file");
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let (profiles, warning) =
        Profiles::load_at(dir.path(), now).expect("loading never fails in a writable folder");
    match warning {
        Some(warning) => {
            // Moved aside whole, or (one broken profile among good ones) kept in place.
            assert!(!warning.reason.is_empty() && !warning.message.is_empty());
            let kept = std::fs::read(&warning.kept_as).expect("the unusable file is kept");
            assert_eq!(kept, bytes, "the kept copy is the file as it was");
        }
        None => {
            let after = std::fs::read(&path).expect("a usable file stays");
            assert_eq!(after, bytes, "loading does not rewrite the file");
            let (again, warning) = Profiles::load_at(dir.path(), now).unwrap();
            assert!(warning.is_none());
            assert_eq!(again.names(), profiles.names());
            if let Some(active) = profiles.active() {
                assert!(profiles.names().contains(&active.name));
            }
        }
    }
});
