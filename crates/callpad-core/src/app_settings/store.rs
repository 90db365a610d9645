//! The app settings in `settings.json`, under the key `appSettings`, written the way the profiles
//! are: one read-modify-write under the settings file's lock, atomically, keeping every other key
//! (and any key inside `appSettings` this version does not know). A field that cannot be read
//! reads as its default; the others are kept.

use std::path::Path;

use serde_json::{Map, Value};

use super::{AppSettings, AppSettingsPatch};
use crate::profiles::settings_file::{self, Contents, SETTINGS_FILE};
use crate::{Error, Result};

/// The settings key holding the app settings object.
pub const APP_SETTINGS_KEY: &str = "appSettings";

/// The app settings in `<data_dir>/settings.json`; defaults when the file or the key is missing
/// or unreadable (a broken file is kept aside by the profile store when Callpad opens).
pub fn load_app_settings(data_dir: &Path) -> AppSettings {
    match settings_file::read(&data_dir.join(SETTINGS_FILE)) {
        Contents::Object(object) => from_object(&object),
        Contents::Missing | Contents::Unreadable(_) => AppSettings::default(),
    }
}

/// Applies `patch` to the settings as they are on disk now and saves them; returns what was
/// saved. Nothing is written when the patch is refused.
pub fn update_app_settings(data_dir: &Path, patch: &AppSettingsPatch) -> Result<AppSettings> {
    let path = data_dir.join(SETTINGS_FILE);
    let write_error = |source| Error::SettingsWrite {
        path: path.clone(),
        source,
    };
    let _lock = settings_file::lock(&path, settings_file::LOCK_WAIT).map_err(write_error)?;
    let mut object = match settings_file::read(&path) {
        Contents::Object(object) => object,
        Contents::Missing => Map::new(),
        Contents::Unreadable(reason) => {
            // The profile store moves such a file aside at start; one broken since then is
            // not overwritten here, so nothing in it is lost.
            return Err(write_error(std::io::Error::other(format!(
                "the file cannot be read now ({reason}); restart Callpad to have it kept aside"
            ))));
        }
    };
    let mut settings = from_object(&object);
    patch.apply(&mut settings)?;
    let mut stored = match object.remove(APP_SETTINGS_KEY) {
        Some(Value::Object(stored)) => stored,
        _ => Map::new(),
    };
    let Value::Object(fields) =
        serde_json::to_value(&settings).map_err(|e| write_error(std::io::Error::other(e)))?
    else {
        unreachable!("AppSettings serialises to an object");
    };
    stored.extend(fields);
    object.insert(APP_SETTINGS_KEY.to_owned(), Value::Object(stored));
    settings_file::write_object(&path, &object).map_err(write_error)?;
    Ok(settings)
}

/// Reads the key field by field, so one bad value costs only itself.
fn from_object(object: &Map<String, Value>) -> AppSettings {
    let Some(Value::Object(stored)) = object.get(APP_SETTINGS_KEY) else {
        return AppSettings::default();
    };
    let Ok(Value::Object(defaults)) = serde_json::to_value(AppSettings::default()) else {
        return AppSettings::default();
    };
    let readable = |fields: Map<String, Value>| {
        serde_json::from_value::<AppSettings>(Value::Object(fields))
            .ok()
            .filter(|s| s.check().is_ok())
    };
    let mut merged = defaults.clone();
    for (key, value) in stored {
        if !defaults.contains_key(key) {
            continue;
        }
        let mut probe = defaults.clone();
        probe.insert(key.clone(), value.clone());
        if readable(probe).is_some() {
            merged.insert(key.clone(), value.clone());
        }
    }
    readable(merged).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app_settings::Theme;
    use crate::profiles::Profiles;

    #[test]
    fn a_change_is_saved_and_keeps_the_profiles_and_unknown_keys() {
        let dir = tempfile::tempdir().unwrap();
        let (mut profiles, _) = Profiles::load(dir.path()).unwrap();
        profiles.add_practice().unwrap();
        let path = dir.path().join(SETTINGS_FILE);
        let mut object: Map<String, Value> =
            serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        object.insert("appSettings".into(), serde_json::json!({"future": 1}));
        std::fs::write(&path, serde_json::to_vec(&object).unwrap()).unwrap();

        let patch = AppSettingsPatch {
            theme: Some(Theme::Dark),
            ..AppSettingsPatch::default()
        };
        let saved = update_app_settings(dir.path(), &patch).unwrap();
        assert_eq!(saved.theme, Theme::Dark);
        assert_eq!(load_app_settings(dir.path()), saved);

        let (profiles, warning) = Profiles::load(dir.path()).unwrap();
        assert!(warning.is_none());
        assert_eq!(profiles.names(), ["Practice"]);
        let object: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(object["appSettings"]["future"], 1);

        // A profile change afterwards keeps the app settings.
        let (mut profiles, _) = Profiles::load(dir.path()).unwrap();
        profiles.set_active("Practice").unwrap();
        assert_eq!(load_app_settings(dir.path()).theme, Theme::Dark);
    }

    #[test]
    fn a_bad_field_reads_as_its_default_and_the_rest_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SETTINGS_FILE);
        std::fs::write(
            &path,
            br#"{"appSettings": {"theme": "purple", "closeToTray": true, "callCountdownS": 0,
                "hotkeys": {"selectToCall": null}}}"#,
        )
        .unwrap();
        let read = load_app_settings(dir.path());
        assert_eq!(read.theme, Theme::System);
        assert!(read.close_to_tray);
        assert_eq!(
            read.call_countdown_s,
            super::super::DEFAULT_CALL_COUNTDOWN_S
        );
        assert_eq!(read.hotkeys.select_to_call, None);
        assert!(read.hotkeys.quick_dial.is_some());
    }

    #[test]
    fn a_refused_patch_or_a_broken_file_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SETTINGS_FILE);
        let bad = AppSettingsPatch {
            call_countdown_s: Some(0),
            ..AppSettingsPatch::default()
        };
        assert!(update_app_settings(dir.path(), &bad).is_err());
        assert!(!path.exists());

        std::fs::write(&path, b"{not json").unwrap();
        let good = AppSettingsPatch {
            notifications: Some(false),
            ..AppSettingsPatch::default()
        };
        let err = update_app_settings(dir.path(), &good).unwrap_err();
        assert!(err.to_string().contains("restart Callpad"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"{not json");
    }

    #[test]
    fn concurrent_writers_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let threads: Vec<_> = (0..8)
            .map(|i| {
                let dir = dir.path().to_owned();
                std::thread::spawn(move || {
                    if i % 2 == 0 {
                        let patch = AppSettingsPatch {
                            close_to_tray: Some(true),
                            ..AppSettingsPatch::default()
                        };
                        update_app_settings(&dir, &patch).unwrap();
                    } else {
                        let (mut profiles, _) = Profiles::load(&dir).unwrap();
                        if profiles.all().is_empty() {
                            let _ = profiles.add_practice();
                        }
                        let patch = AppSettingsPatch {
                            theme: Some(Theme::Light),
                            ..AppSettingsPatch::default()
                        };
                        update_app_settings(&dir, &patch).unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let read = load_app_settings(dir.path());
        assert!(read.close_to_tray);
        assert_eq!(read.theme, Theme::Light);
        let (profiles, _) = Profiles::load(dir.path()).unwrap();
        assert_eq!(profiles.names(), ["Practice"]);
    }
}
