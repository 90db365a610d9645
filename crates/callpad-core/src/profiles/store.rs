//! The profiles of this computer and which one is active, kept in `settings.json` (keys
//! `profiles` and `activeProfile`) with their secrets in the vault. Other keys in the file are
//! left as they are. Talking to SignalWire is not done here.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::Serialize;
use serde_json::{Map, Value};
use ts_rs::TS;

use super::profile::{Profile, check_name, compact_number};
use super::settings_file::{self, Contents, SETTINGS_FILE};
use crate::signalwire::is_e164;
use crate::vault::{Secret, SecretKind, Vault};
use crate::{Error, Result};

/// The settings key holding the array of profiles.
pub const PROFILES_KEY: &str = "profiles";
/// The settings key holding the active profile's name (or null).
pub const ACTIVE_PROFILE_KEY: &str = "activeProfile";

/// The practice profile's name.
pub const PRACTICE_PROFILE_NAME: &str = "Practice";

/// The secrets a new profile brings. Only the API token is required.
#[derive(Debug, Clone)]
pub struct ProfileSecrets {
    pub api_token: Secret,
    pub signing_key: Option<Secret>,
    pub ngrok_authtoken: Option<Secret>,
}

impl ProfileSecrets {
    pub fn new(api_token: Secret) -> Self {
        ProfileSecrets {
            api_token,
            signing_key: None,
            ngrok_authtoken: None,
        }
    }

    fn entries(&self) -> Vec<(SecretKind, &Secret)> {
        let mut entries = vec![(SecretKind::ApiToken, &self.api_token)];
        if let Some(key) = self.signing_key.as_ref().filter(|s| !s.is_empty()) {
            entries.push((SecretKind::SigningKey, key));
        }
        if let Some(token) = self.ngrok_authtoken.as_ref().filter(|s| !s.is_empty()) {
            entries.push((SecretKind::NgrokAuthtoken, token));
        }
        entries
    }
}

/// Said to the person when the settings file could not be used and was kept aside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SettingsWarning {
    /// Where the unreadable file now is.
    pub kept_as: String,
    /// Why it could not be used.
    pub reason: String,
    /// The whole sentence to show.
    pub message: String,
}

impl SettingsWarning {
    fn new(kept_as: &Path, reason: String) -> Self {
        let kept_as = kept_as.display().to_string();
        let message = format!(
            "your settings file could not be read ({reason}); it was kept as {kept_as} and Callpad started with no profiles"
        );
        SettingsWarning {
            kept_as,
            reason,
            message,
        }
    }
}

impl std::fmt::Display for SettingsWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Every profile and the active one, as loaded from (and saved to) `settings.json`.
/// Each change is saved at once.
#[derive(Debug, Clone)]
pub struct Profiles {
    path: PathBuf,
    profiles: Vec<Profile>,
    active: Option<String>,
}

impl Profiles {
    /// Loads `<data_dir>/settings.json`. A missing file means no profiles; an unreadable one is
    /// moved aside and reported in the warning (Callpad then starts with no profiles).
    pub fn load(data_dir: &Path) -> Result<(Profiles, Option<SettingsWarning>)> {
        Profiles::load_at(data_dir, SystemTime::now())
    }

    /// [`Profiles::load`] with the clock passed in (it stamps a broken file's backup name).
    pub fn load_at(
        data_dir: &Path,
        now: SystemTime,
    ) -> Result<(Profiles, Option<SettingsWarning>)> {
        let path = data_dir.join(SETTINGS_FILE);
        let empty = |path: PathBuf| Profiles {
            path,
            profiles: Vec::new(),
            active: None,
        };
        let reason = match settings_file::read(&path) {
            Contents::Missing => return Ok((empty(path), None)),
            Contents::Object(object) => match from_object(&object) {
                Ok((profiles, active)) => {
                    return Ok((
                        Profiles {
                            path,
                            profiles,
                            active,
                        },
                        None,
                    ));
                }
                Err(reason) => reason,
            },
            Contents::Unreadable(reason) => reason,
        };
        let kept_as =
            settings_file::move_aside(&path, now).map_err(|source| Error::SettingsWrite {
                path: path.clone(),
                source,
            })?;
        let warning = SettingsWarning::new(&kept_as, reason);
        tracing::warn!(kept_as = %warning.kept_as, reason = %warning.reason, "settings file could not be read");
        Ok((empty(path), Some(warning)))
    }

    /// The settings file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every profile, in the order they were added.
    pub fn all(&self) -> &[Profile] {
        &self.profiles
    }

    pub fn names(&self) -> Vec<String> {
        self.profiles.iter().map(|p| p.name.clone()).collect()
    }

    /// The profile of that name (exact, else the only case-insensitive match).
    pub fn get(&self, name: &str) -> Result<&Profile> {
        self.index_of(name).map(|i| &self.profiles[i])
    }

    /// The active profile, if one is chosen.
    pub fn active(&self) -> Option<&Profile> {
        let name = self.active.as_deref()?;
        self.profiles.iter().find(|p| p.name == name)
    }

    /// The active profile, or an error saying how to choose one.
    pub fn require_active(&self) -> Result<&Profile> {
        self.active().ok_or(Error::NoActiveProfile)
    }

    /// Adds a profile: checks it, stores its secrets in the keychain, then saves the profile.
    /// If the keychain refuses, nothing is saved; if saving fails, the secrets are taken back
    /// out. The first profile becomes the active one.
    pub fn add(
        &mut self,
        vault: &Vault,
        profile: Profile,
        secrets: &ProfileSecrets,
    ) -> Result<&Profile> {
        let profile = profile.normalised()?;
        if let Some(existing) = self
            .profiles
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(&profile.name))
        {
            return Err(Error::ProfileExists {
                name: existing.name.clone(),
            });
        }
        if secrets.api_token.is_empty() {
            return Err(Error::MissingCredential { what: "API token" });
        }
        vault.check_available()?;
        for (kind, secret) in secrets.entries() {
            if let Err(e) = vault.store(&profile.name, kind, secret) {
                let _ = vault.remove_profile(&profile.name);
                return Err(e);
            }
        }

        let mut next = self.clone();
        if next.active().is_none() {
            next.active = Some(profile.name.clone());
        }
        next.profiles.push(profile);
        if let Err(e) = next.save() {
            let name = &next.profiles[next.profiles.len() - 1].name;
            let _ = vault.remove_profile(name);
            return Err(e);
        }
        *self = next;
        Ok(&self.profiles[self.profiles.len() - 1])
    }

    /// Adds the practice profile ("Practice — no real calls"). It points at the practice space on
    /// this computer and needs no secrets, so it works even where no keychain is available. The
    /// first profile becomes the active one.
    pub fn add_practice(&mut self) -> Result<&Profile> {
        let mut profile = Profile::new(
            PRACTICE_PROFILE_NAME,
            "http://127.0.0.1",
            "practice-project",
        );
        profile.practice = true;
        let profile = profile.normalised()?;
        if let Some(existing) = self
            .profiles
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(&profile.name))
        {
            return Err(Error::ProfileExists {
                name: existing.name.clone(),
            });
        }
        let mut next = self.clone();
        if next.active().is_none() {
            next.active = Some(profile.name.clone());
        }
        next.profiles.push(profile);
        next.save()?;
        *self = next;
        Ok(&self.profiles[self.profiles.len() - 1])
    }

    /// Replaces a profile's settings (found by `profile.name`); its secrets stay as they are.
    pub fn update(&mut self, profile: Profile) -> Result<&Profile> {
        let profile = profile.normalised()?;
        let index = self.index_of(&profile.name)?;
        let mut next = self.clone();
        next.profiles[index] = Profile {
            name: next.profiles[index].name.clone(),
            ..profile
        };
        next.save()?;
        *self = next;
        Ok(&self.profiles[index])
    }

    /// Changes one profile in place: `change` gets the profile as stored now, the result is
    /// checked and saved. Use this rather than [`Profiles::update`] so nothing is written back
    /// stale (e.g. a caller ID remembered after the settings sheet was opened).
    pub fn modify(
        &mut self,
        name: &str,
        change: impl FnOnce(&mut Profile) -> Result<()>,
    ) -> Result<&Profile> {
        let index = self.index_of(name)?;
        let mut next = self.clone();
        let mut profile = next.profiles[index].clone();
        change(&mut profile)?;
        next.profiles[index] = Profile {
            name: next.profiles[index].name.clone(),
            ..profile.normalised()?
        };
        next.save()?;
        *self = next;
        Ok(&self.profiles[index])
    }

    /// Replaces one secret of a profile in the keychain (e.g. a new API token).
    pub fn replace_secret(
        &self,
        vault: &Vault,
        name: &str,
        kind: SecretKind,
        secret: &Secret,
    ) -> Result<()> {
        let profile = self.get(name)?;
        vault.store(&profile.name, kind, secret)
    }

    /// Removes a profile and its secrets. The secrets go first: if the keychain cannot be
    /// reached, the profile stays so nothing is left behind unseen (a practice profile, which
    /// holds no real secret, goes anyway).
    pub fn remove(&mut self, vault: &Vault, name: &str) -> Result<Profile> {
        let index = self.index_of(name)?;
        let name = self.profiles[index].name.clone();
        match vault.remove_profile(&name) {
            Ok(()) => {}
            // A practice profile holds only the practice space's made-up credentials (often
            // none at all), so it may go even where no keychain can be reached.
            Err(Error::KeychainUnavailable { .. } | Error::KeychainLocked { .. })
                if self.profiles[index].practice => {}
            Err(e) => return Err(e),
        }
        let mut next = self.clone();
        let removed = next.profiles.remove(index);
        if next.active.as_deref() == Some(name.as_str()) {
            // Calls must not silently move to another account: only a lone survivor takes over.
            next.active = match next.profiles.as_slice() {
                [only] => Some(only.name.clone()),
                _ => None,
            };
        }
        next.save()?;
        *self = next;
        Ok(removed)
    }

    /// Makes a profile the active one.
    pub fn set_active(&mut self, name: &str) -> Result<&Profile> {
        let index = self.index_of(name)?;
        let mut next = self.clone();
        next.active = Some(next.profiles[index].name.clone());
        next.save()?;
        *self = next;
        Ok(&self.profiles[index])
    }

    /// Remembers the caller ID a call used, to preselect it next time.
    pub fn remember_caller_id(&mut self, name: &str, caller_id: &str) -> Result<()> {
        let index = self.index_of(name)?;
        let number = compact_number(caller_id);
        if !is_e164(&number) {
            return Err(Error::InvalidProfile {
                field: "last caller ID",
                reason: format!("\"{caller_id}\" is not in international form"),
            });
        }
        if self.profiles[index].last_caller_id.as_deref() == Some(number.as_str()) {
            return Ok(());
        }
        let mut next = self.clone();
        next.profiles[index].last_caller_id = Some(number);
        next.save()?;
        *self = next;
        Ok(())
    }

    fn index_of(&self, name: &str) -> Result<usize> {
        let wanted = check_name(name).unwrap_or_else(|_| name.to_owned());
        if let Some(i) = self.profiles.iter().position(|p| p.name == wanted) {
            return Ok(i);
        }
        let mut loose = self
            .profiles
            .iter()
            .enumerate()
            .filter(|(_, p)| p.name.eq_ignore_ascii_case(&wanted));
        match (loose.next(), loose.next()) {
            (Some((i, _)), None) => Ok(i),
            _ => Err(Error::ProfileNotFound {
                name: name.to_owned(),
                known: self.names(),
            }),
        }
    }

    /// Writes the two keys into the file as it is now (keeping every other key), atomically.
    fn save(&self) -> Result<()> {
        let mut object = match settings_file::read(&self.path) {
            Contents::Object(object) => object,
            Contents::Missing | Contents::Unreadable(_) => Map::new(),
        };
        let profiles = serde_json::to_value(&self.profiles).map_err(|e| Error::SettingsWrite {
            path: self.path.clone(),
            source: std::io::Error::other(e),
        })?;
        object.insert(PROFILES_KEY.to_owned(), profiles);
        object.insert(
            ACTIVE_PROFILE_KEY.to_owned(),
            self.active.clone().map_or(Value::Null, Value::String),
        );
        settings_file::write_object(&self.path, &object).map_err(|source| Error::SettingsWrite {
            path: self.path.clone(),
            source,
        })
    }
}

/// The profiles and active name from the file's object, or why they cannot be used.
fn from_object(
    object: &Map<String, Value>,
) -> std::result::Result<(Vec<Profile>, Option<String>), String> {
    let profiles: Vec<Profile> = match object.get(PROFILES_KEY) {
        None | Some(Value::Null) => Vec::new(),
        Some(value) => serde_json::from_value(value.clone())
            .map_err(|e| format!("its \"{PROFILES_KEY}\" entry is not a list of profiles ({e})"))?,
    };
    let mut seen = Vec::new();
    for profile in &profiles {
        let lower = profile.name.to_lowercase();
        if seen.contains(&lower) {
            return Err(format!("it lists the profile \"{}\" twice", profile.name));
        }
        seen.push(lower);
    }
    let active = match object.get(ACTIVE_PROFILE_KEY) {
        Some(Value::String(name)) if profiles.iter().any(|p| &p.name == name) => Some(name.clone()),
        _ => None,
    };
    Ok((profiles, active))
}
