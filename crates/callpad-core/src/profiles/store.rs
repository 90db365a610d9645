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

impl SettingsWarning {
    /// Some profiles could not be read; they stay in the file as they are.
    fn bad_profiles(path: &Path, problems: &[String]) -> Self {
        let kept_as = path.display().to_string();
        let reason = problems.join("; ");
        let message = format!(
            "some profiles in your settings file could not be read ({reason}); they were left in {kept_as} as they are and the other profiles were loaded; fix the field there, or remove the profile and add it again"
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
///
/// Each change is saved at once, as one read-modify-write under a lock shared with every other
/// process using the folder (the app, other `callpad` runs): it re-reads the file, applies the
/// change to what is there now, writes atomically and lets go. So a change made elsewhere since
/// this copy was loaded is kept, never overwritten.
#[derive(Debug, Clone)]
pub struct Profiles {
    path: PathBuf,
    profiles: Vec<Profile>,
    active: Option<String>,
    /// Entries of the file's `profiles` list that could not be read; written back as they were.
    unreadable: Vec<Value>,
}

impl Profiles {
    /// Loads `<data_dir>/settings.json`. A missing file means no profiles; an unreadable one is
    /// moved aside and reported in the warning (Callpad then starts with no profiles). A profile
    /// with a field that cannot be read is left in the file as it is, named in the warning with
    /// the field, and the other profiles are loaded.
    pub fn load(data_dir: &Path) -> Result<(Profiles, Option<SettingsWarning>)> {
        Profiles::load_at(data_dir, SystemTime::now())
    }

    /// [`Profiles::load`] with the clock passed in (it stamps a broken file's backup name).
    pub fn load_at(
        data_dir: &Path,
        now: SystemTime,
    ) -> Result<(Profiles, Option<SettingsWarning>)> {
        let path = data_dir.join(SETTINGS_FILE);
        // Every write replaces the file whole, so reading needs no lock; moving a broken file
        // aside does (two processes must not both do it), so that is done under it.
        match interpret(&path, settings_file::read(&path)) {
            Ok((profiles, warning)) => Ok((profiles, warning)),
            Err(_) => {
                let _lock = lock(&path)?;
                Profiles::read_locked(path, now)
            }
        }
    }

    /// Reads the file, moving it aside if it cannot be used; the caller holds the lock.
    fn read_locked(path: PathBuf, now: SystemTime) -> Result<(Profiles, Option<SettingsWarning>)> {
        let reason = match interpret(&path, settings_file::read(&path)) {
            Ok(read) => return Ok(read),
            Err(reason) => reason,
        };
        let kept_as =
            settings_file::move_aside(&path, now).map_err(|source| Error::SettingsWrite {
                path: path.clone(),
                source,
            })?;
        let warning = SettingsWarning::new(&kept_as, reason);
        tracing::warn!(kept_as = %warning.kept_as, reason = %warning.reason, "settings file could not be read");
        Ok((Profiles::empty(path), Some(warning)))
    }

    fn empty(path: PathBuf) -> Profiles {
        Profiles {
            path,
            profiles: Vec::new(),
            active: None,
            unreadable: Vec::new(),
        }
    }

    /// One change, done safely against other processes: under the lock, re-reads the file into
    /// `self`, applies `change`, and saves if it succeeded. On error nothing is saved (but `self`
    /// shows the file as it is now).
    fn mutate<T>(&mut self, change: impl FnOnce(&mut Profiles) -> Result<T>) -> Result<T> {
        let _lock = lock(&self.path)?;
        let (mut fresh, _) = Profiles::read_locked(self.path.clone(), SystemTime::now())?;
        let result = change(&mut fresh);
        if result.is_ok() {
            fresh.save()?;
        }
        *self = fresh;
        result
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
    /// out. The first profile becomes the active one. The name is checked against the file as
    /// it is under the lock, so two processes adding the same name cannot both succeed (and the
    /// loser never touches the winner's secrets).
    pub fn add(
        &mut self,
        vault: &Vault,
        profile: Profile,
        secrets: &ProfileSecrets,
    ) -> Result<&Profile> {
        let profile = profile.normalised()?;
        if secrets.api_token.is_empty() {
            return Err(Error::MissingCredential { what: "API token" });
        }
        // Before anything is written (the lock file included): no keychain, no profile.
        vault.check_available()?;
        let name = profile.name.clone();
        let mut stored = false;
        let result = self.mutate(|fresh| {
            fresh.check_new_name(&profile.name)?;
            for (kind, secret) in secrets.entries() {
                stored = true;
                vault.store(&profile.name, kind, secret)?;
            }
            fresh.push(profile);
            Ok(())
        });
        if let Err(e) = result {
            if stored {
                let _ = vault.remove_profile(&name);
            }
            return Err(e);
        }
        self.get(&name)
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
        let name = profile.name.clone();
        self.mutate(|fresh| {
            fresh.check_new_name(&profile.name)?;
            fresh.push(profile);
            Ok(())
        })?;
        self.get(&name)
    }

    /// Replaces a profile's settings (found by `profile.name`); its secrets stay as they are.
    /// Prefer [`Profiles::modify`], which changes only what it is asked to.
    pub fn update(&mut self, profile: Profile) -> Result<&Profile> {
        let profile = profile.normalised()?;
        let index = self.mutate(|fresh| {
            let index = fresh.index_of(&profile.name)?;
            fresh.profiles[index] = Profile {
                name: fresh.profiles[index].name.clone(),
                ..profile
            };
            Ok(index)
        })?;
        Ok(&self.profiles[index])
    }

    /// Changes profile `name` as it is on disk now: under the lock, re-reads the file, applies
    /// `change` to that profile, checks and normalises the result, and saves it. Other profiles,
    /// and fields `change` does not touch, keep whatever another process saved meanwhile. The
    /// name cannot be changed this way. If `change` or the checks fail, nothing is saved.
    pub fn modify(
        &mut self,
        name: &str,
        change: impl FnOnce(&mut Profile) -> Result<()>,
    ) -> Result<&Profile> {
        let index = self.mutate(|fresh| {
            let index = fresh.index_of(name)?;
            let mut profile = fresh.profiles[index].clone();
            change(&mut profile)?;
            if profile.name != fresh.profiles[index].name {
                return Err(Error::InvalidProfile {
                    field: "name",
                    reason: "a profile's name cannot be changed; add a new profile instead"
                        .to_owned(),
                });
            }
            fresh.profiles[index] = profile.normalised()?;
            Ok(index)
        })?;
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
        self.mutate(|fresh| {
            let index = fresh.index_of(name)?;
            let name = fresh.profiles[index].name.clone();
            match vault.remove_profile(&name) {
                Ok(()) => {}
                // A practice profile holds only the practice space's made-up credentials (often
                // none at all), so it may go even where no keychain can be reached.
                Err(Error::KeychainUnavailable { .. } | Error::KeychainLocked { .. })
                    if fresh.profiles[index].practice => {}
                Err(e) => return Err(e),
            }
            let removed = fresh.profiles.remove(index);
            if fresh.active.as_deref() == Some(name.as_str()) {
                // Calls must not silently move to another account: only a lone survivor takes over.
                fresh.active = match fresh.profiles.as_slice() {
                    [only] => Some(only.name.clone()),
                    _ => None,
                };
            }
            Ok(removed)
        })
    }

    /// Makes a profile the active one.
    pub fn set_active(&mut self, name: &str) -> Result<&Profile> {
        let index = self.mutate(|fresh| {
            let index = fresh.index_of(name)?;
            fresh.active = Some(fresh.profiles[index].name.clone());
            Ok(index)
        })?;
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
        self.mutate(|fresh| {
            let index = fresh.index_of(name)?;
            fresh.profiles[index].last_caller_id = Some(number);
            Ok(())
        })
    }

    /// Refuses a name an existing profile has (ignoring case).
    fn check_new_name(&self, name: &str) -> Result<()> {
        match self
            .profiles
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
        {
            Some(existing) => Err(Error::ProfileExists {
                name: existing.name.clone(),
            }),
            None => Ok(()),
        }
    }

    /// Appends a profile; the first one becomes the active one.
    fn push(&mut self, profile: Profile) {
        if self.active().is_none() {
            self.active = Some(profile.name.clone());
        }
        self.profiles.push(profile);
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

    /// Writes the two keys into the file as it is now (keeping every other key, and the
    /// profiles that could not be read), atomically. The caller holds the lock.
    fn save(&self) -> Result<()> {
        let mut object = match settings_file::read(&self.path) {
            Contents::Object(object) => object,
            Contents::Missing | Contents::Unreadable(_) => Map::new(),
        };
        let write_error = |e: serde_json::Error| Error::SettingsWrite {
            path: self.path.clone(),
            source: std::io::Error::other(e),
        };
        let mut profiles: Vec<Value> = self
            .profiles
            .iter()
            .map(serde_json::to_value)
            .collect::<std::result::Result<_, _>>()
            .map_err(write_error)?;
        profiles.extend(self.unreadable.iter().cloned());
        object.insert(PROFILES_KEY.to_owned(), Value::Array(profiles));
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

/// The profiles the file's contents hold (with a warning naming profiles that could not be
/// read), or why the whole file cannot be used.
fn interpret(
    path: &Path,
    contents: Contents,
) -> std::result::Result<(Profiles, Option<SettingsWarning>), String> {
    let object = match contents {
        Contents::Missing => return Ok((Profiles::empty(path.to_path_buf()), None)),
        Contents::Object(object) => object,
        Contents::Unreadable(reason) => return Err(reason),
    };
    let read = from_object(&object)?;
    let warning =
        (!read.problems.is_empty()).then(|| SettingsWarning::bad_profiles(path, &read.problems));
    if let Some(warning) = &warning {
        // `load` hands the warning to the caller to show; this is for the log.
        tracing::info!("{warning}");
    }
    Ok((
        Profiles {
            path: path.to_path_buf(),
            profiles: read.profiles,
            active: read.active,
            unreadable: read.unreadable,
        },
        warning,
    ))
}

/// Takes the settings lock for `path`, as an error a person can act on if it cannot be had.
fn lock(path: &Path) -> Result<settings_file::SettingsLock> {
    settings_file::lock(path, settings_file::LOCK_WAIT).map_err(|source| Error::SettingsWrite {
        path: path.to_path_buf(),
        source,
    })
}

/// What the file's object holds.
struct ReadProfiles {
    profiles: Vec<Profile>,
    active: Option<String>,
    /// Entries that are not readable profiles, kept as they are.
    unreadable: Vec<Value>,
    /// For each of those: which profile and which fields.
    problems: Vec<String>,
}

/// The profiles and active name from the file's object, or why the file cannot be used at all.
/// One profile that cannot be read does not spoil the others: it is set apart and named.
fn from_object(object: &Map<String, Value>) -> std::result::Result<ReadProfiles, String> {
    let entries: &[Value] = match object.get(PROFILES_KEY) {
        None | Some(Value::Null) => &[],
        Some(Value::Array(entries)) => entries,
        Some(_) => {
            return Err(format!(
                "its \"{PROFILES_KEY}\" entry is not a list of profiles"
            ));
        }
    };
    let mut read = ReadProfiles {
        profiles: Vec::new(),
        active: None,
        unreadable: Vec::new(),
        problems: Vec::new(),
    };
    for (i, entry) in entries.iter().enumerate() {
        match serde_json::from_value::<Profile>(entry.clone()) {
            Ok(profile) => read.profiles.push(profile),
            Err(e) => {
                read.problems.push(describe_bad_profile(i, entry, &e));
                read.unreadable.push(entry.clone());
            }
        }
    }
    let mut seen = Vec::new();
    for profile in &read.profiles {
        let lower = profile.name.to_lowercase();
        if seen.contains(&lower) {
            return Err(format!("it lists the profile \"{}\" twice", profile.name));
        }
        seen.push(lower);
    }
    read.active = match object.get(ACTIVE_PROFILE_KEY) {
        Some(Value::String(name)) if read.profiles.iter().any(|p| &p.name == name) => {
            Some(name.clone())
        }
        _ => None,
    };
    Ok(read)
}

/// "profile "work": its ringTimeoutS is not usable (invalid type: …)": which profile, which
/// field(s), and serde's reason. Each field is tried alone in a profile known to be good.
fn describe_bad_profile(index: usize, entry: &Value, error: &serde_json::Error) -> String {
    let who = match entry.get("name").and_then(Value::as_str) {
        Some(name) => format!("profile \"{}\"", name.chars().take(64).collect::<String>()),
        None => format!("profile number {}", index + 1),
    };
    let Value::Object(fields) = entry else {
        return format!("{who} is not a JSON object");
    };
    let good = serde_json::to_value(Profile::new("x", "https://x.signalwire.com", "x"))
        .ok()
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default();
    let mut bad: Vec<String> = Vec::new();
    for (key, value) in fields {
        if !good.contains_key(key) {
            continue;
        }
        let mut probe = good.clone();
        probe.insert(key.clone(), value.clone());
        if let Err(e) = serde_json::from_value::<Profile>(Value::Object(probe)) {
            bad.push(format!("its {key} ({e})"));
        }
    }
    for required in ["name", "spaceUrl", "projectId"] {
        if !fields.contains_key(required) {
            bad.push(format!("its {required} is missing"));
        }
    }
    if bad.is_empty() {
        bad.push(format!("it cannot be read ({error})"));
    }
    format!("{who}: {}", bad.join("; "))
}
