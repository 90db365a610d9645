//! Profiles as a person handles them: the masked overview (secrets only ever as `••••1a2b`),
//! adding a Space with its secrets, using one (which switches the session), changing settings
//! through a patch, removing one (another takes over), testing a connection, starting practice.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Callpad;
use crate::caller_ids::ensure_caller_id_allowed;
use crate::numbers::{Dialable, parse_dialable};
use crate::profiles::{
    ConnectionReport, Profile, ProfileSecrets, ProfileSettingsPatch, SettingsWarning, StatusMethod,
    test_connection,
};
use crate::vault::{Secret, SecretKind};
use crate::{Error, Result};

/// A change to how a profile reaches its Space: the Space URL, the project ID and a new API token
/// (absent or empty keeps the one in the keychain). Tested before anything is saved.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ConnectionPatch {
    pub space_url: Option<String>,
    pub project_id: Option<String>,
    pub api_token: Option<String>,
}

/// A Space that was connected (or reconnected) after its connection test passed.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SpaceConnected {
    pub profile: Profile,
    pub report: ConnectionReport,
}

/// A profile as the UI shows it: its settings and its API token masked (`••••1a2b`).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfileSummary {
    pub profile: Profile,
    /// The masked API token, or `null` when none is stored (the practice profile needs none).
    pub token_mask: Option<String>,
}

/// Everything the profile switcher, onboarding and `callpad profile list` need.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfilesOverview {
    pub profiles: Vec<ProfileSummary>,
    pub active: Option<String>,
    /// Set when the settings file could not be read at start (it was kept aside).
    pub warning: Option<SettingsWarning>,
    /// Set when the OS keychain cannot be used: what is wrong and how to fix it.
    pub keychain_problem: Option<String>,
    /// Set when the database was damaged at start (it was kept aside; Callpad started empty).
    pub database_problem: Option<crate::db::DamagedDatabase>,
}

impl ProfilesOverview {
    /// The active profile, if any.
    pub fn active_profile(&self) -> Option<&Profile> {
        let name = self.active.as_deref()?;
        self.profiles
            .iter()
            .map(|s| &s.profile)
            .find(|p| p.name == name)
    }
}

/// What "connect a SignalWire Space" sends (the form, or `callpad profile add`). The secrets go
/// straight to the keychain.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewProfile {
    pub name: String,
    pub space_url: String,
    pub project_id: String,
    pub api_token: String,
    pub signing_key: Option<String>,
    /// Lets Callpad open its own ngrok tunnel for live status (kept in the keychain).
    pub ngrok_authtoken: Option<String>,
    pub default_region: Option<String>,
    pub default_caller_id: Option<String>,
    pub my_number: Option<String>,
    pub status_method: Option<StatusMethod>,
    /// Make it the active profile (the first profile always is).
    #[serde(default)]
    #[ts(optional)]
    pub make_active: Option<bool>,
}

impl NewProfile {
    fn split(self) -> (Profile, ProfileSecrets, bool) {
        let text = |v: Option<String>| v.filter(|t| !t.trim().is_empty());
        let mut profile = Profile::new(self.name, self.space_url, self.project_id);
        if let Some(region) = text(self.default_region) {
            profile.default_region = region;
        }
        profile.default_caller_id = text(self.default_caller_id);
        profile.my_number = text(self.my_number);
        if let Some(method) = self.status_method {
            profile.status_method = method;
        }
        let mut secrets = ProfileSecrets::new(Secret::new(self.api_token.trim()));
        secrets.signing_key = text(self.signing_key).map(|k| Secret::new(k.trim()));
        secrets.ngrok_authtoken = text(self.ngrok_authtoken).map(|k| Secret::new(k.trim()));
        (profile, secrets, self.make_active.unwrap_or(false))
    }
}

impl Callpad {
    /// The profiles with their tokens masked, which one is active, and any problem to show.
    pub async fn profiles_overview(&self) -> ProfilesOverview {
        let vault = self.vault.clone();
        let profiles: Vec<Profile> = self.profiles.lock().expect("profiles lock").all().to_vec();
        let active = self
            .profiles
            .lock()
            .expect("profiles lock")
            .active()
            .map(|p| p.name.clone());
        let (summaries, keychain_problem) = tokio::task::spawn_blocking(move || {
            let problem = vault.check_available().err().map(|e| capitalised(&e));
            let summaries = profiles
                .into_iter()
                .map(|p| ProfileSummary {
                    token_mask: if p.practice || problem.is_some() {
                        None
                    } else {
                        vault
                            .read(&p.name, SecretKind::ApiToken)
                            .ok()
                            .flatten()
                            .map(|s| s.mask())
                    },
                    profile: p,
                })
                .collect::<Vec<_>>();
            (summaries, problem)
        })
        .await
        .unwrap_or_default();
        ProfilesOverview {
            profiles: summaries,
            active,
            warning: self.settings_warning.lock().expect("warning lock").clone(),
            keychain_problem,
            database_problem: self.database_problem(),
        }
    }

    /// The profile of that name, as stored now.
    pub fn profile(&self, name: &str) -> Result<Profile> {
        Ok(self
            .profiles
            .lock()
            .expect("profiles lock")
            .get(name)?
            .clone())
    }

    /// The active profile, if one is chosen.
    pub fn active_profile(&self) -> Option<Profile> {
        self.profiles
            .lock()
            .expect("profiles lock")
            .active()
            .cloned()
    }

    /// Adds a profile: checks every field, stores the secrets in the keychain, saves it. The first
    /// profile (or one added with `make_active`) becomes the one in use.
    pub async fn add_profile(&self, input: NewProfile) -> Result<Profile> {
        let (profile, secrets, make_active) = input.split();
        let profile = profile.normalised()?;
        let added = {
            let mut profiles = self.profiles.lock().expect("profiles lock");
            let added = profiles.add(&self.vault, profile, &secrets)?.clone();
            if make_active {
                profiles.set_active(&added.name)?;
            }
            added
        };
        if self.active_profile().is_some_and(|p| p.name == added.name) {
            self.drop_session().await;
        }
        Ok(added)
    }

    /// Adds a Space the way the window does: tests the connection with the given Space URL,
    /// project ID and token first, and saves nothing when the test fails (the error names the
    /// field to fix). The practice space needs no test and is added with [`Self::start_practice`].
    pub async fn connect_space(&self, input: NewProfile) -> Result<SpaceConnected> {
        let (draft, secrets, _) = input.clone().split();
        let draft = draft.normalised()?;
        if let Ok(existing) = self.profile(&draft.name) {
            return Err(Error::ProfileExists {
                name: existing.name,
            });
        }
        if secrets.api_token.is_empty() {
            return Err(Error::MissingCredential { what: "API token" });
        }
        let report = test_connection(&draft.client(&secrets.api_token)?).await?;
        let profile = self.add_profile(input).await?;
        Ok(SpaceConnected { profile, report })
    }

    /// Changes the Space URL, project ID or API token of a profile. The new connection is tested
    /// first; only when it works are the settings saved and the token put in the keychain. The
    /// profile's session, if open, is reopened on next use.
    pub async fn update_profile_connection(
        &self,
        name: &str,
        patch: &ConnectionPatch,
    ) -> Result<SpaceConnected> {
        let stored = self.profile(name)?;
        if stored.practice {
            return Err(Error::InvalidProfile {
                field: "profile",
                reason: "the practice profile runs on this computer and has no Space to change"
                    .into(),
            });
        }
        let text = |v: &Option<String>| v.clone().filter(|t| !t.trim().is_empty());
        let mut next = stored.clone();
        if let Some(url) = text(&patch.space_url) {
            next.space_url = url;
        }
        if let Some(project) = text(&patch.project_id) {
            next.project_id = project;
        }
        let next = next.normalised()?;
        let new_token = text(&patch.api_token).map(|t| Secret::new(t.trim()));
        let token = match &new_token {
            Some(token) => token.clone(),
            None => {
                let vault = self.vault.clone();
                let owner = stored.name.clone();
                tokio::task::spawn_blocking(move || vault.require(&owner, SecretKind::ApiToken))
                    .await
                    .map_err(|e| Error::Internal {
                        detail: e.to_string(),
                    })??
            }
        };
        let report = test_connection(&next.client(&token)?).await?;
        let saved = {
            let mut profiles = self.profiles.lock().expect("profiles lock");
            if let Some(token) = &new_token {
                profiles.replace_secret(&self.vault, name, SecretKind::ApiToken, token)?;
            }
            profiles
                .modify(name, |p| {
                    p.space_url = next.space_url.clone();
                    p.project_id = next.project_id.clone();
                    Ok(())
                })?
                .clone()
        };
        let stale = {
            let live = self.live.lock().await;
            live.as_ref()
                .is_some_and(|l| l.profile().name == saved.name)
        };
        if stale {
            self.drop_session().await;
        }
        Ok(SpaceConnected {
            profile: saved,
            report,
        })
    }

    /// Uses a profile: it becomes the active one and its session replaces the previous one (a
    /// live call keeps its own session until it ends, so it can still be hung up).
    pub async fn use_profile(&self, name: &str) -> Result<Profile> {
        let profile = self
            .profiles
            .lock()
            .expect("profiles lock")
            .set_active(name)?
            .clone();
        self.drop_session().await;
        Ok(profile)
    }

    /// Changes a profile's settings, only the fields in `patch`, applied to the profile as stored
    /// now (so a caller ID remembered meanwhile is kept). A changed status method or public URL
    /// reopens the session.
    pub async fn update_profile_settings(
        &self,
        name: &str,
        patch: &ProfileSettingsPatch,
    ) -> Result<Profile> {
        let patch = &self.checked_patch(name, patch).await?;
        let saved = self
            .profiles
            .lock()
            .expect("profiles lock")
            .modify(name, |p| patch.apply(p))?
            .clone();
        let mut live = self.live.lock().await;
        if let Some(current) = live.as_mut()
            && current.profile().name == saved.name
            && !current.connects_like(&saved)
        {
            *live = None;
        }
        Ok(saved)
    }

    /// Removes a profile and its keychain secrets. When it was the active one, the practice profile
    /// (or else the first one left) takes over; with none left, the window shows onboarding.
    pub async fn remove_profile(&self, name: &str) -> Result<Profile> {
        let removed = {
            let mut profiles = self.profiles.lock().expect("profiles lock");
            let removed = profiles.remove(&self.vault, name)?;
            if profiles.active().is_none() {
                let next = profiles
                    .all()
                    .iter()
                    .find(|p| p.practice)
                    .or(profiles.all().first())
                    .map(|p| p.name.clone());
                if let Some(next) = next {
                    profiles.set_active(&next)?;
                }
            }
            removed
        };
        let stale = {
            let live = self.live.lock().await;
            live.as_ref()
                .is_some_and(|l| l.profile().name == removed.name)
        };
        if stale {
            self.drop_session().await;
        }
        Ok(removed)
    }

    /// Proves a profile's Space URL, project ID, token and scopes with read-only requests.
    pub async fn test_profile(&self, name: &str) -> Result<ConnectionReport> {
        let profile = self.profile(name)?;
        if profile.practice {
            return Err(Error::InvalidProfile {
                field: "profile",
                reason: "the practice profile needs no connection test: it runs on this computer"
                    .into(),
            });
        }
        let vault = self.vault.clone();
        let client = tokio::task::spawn_blocking(move || profile.client_from_vault(&vault))
            .await
            .map_err(|e| Error::Internal {
                detail: e.to_string(),
            })??;
        test_connection(&client).await
    }

    /// "Try it with no account": adds the practice profile if there is none, and uses it.
    pub async fn start_practice(&self) -> Result<Profile> {
        let name = {
            let mut profiles = self.profiles.lock().expect("profiles lock");
            match profiles.all().iter().find(|p| p.practice) {
                Some(existing) => existing.name.clone(),
                None => profiles.add_practice()?.name.clone(),
            }
        };
        self.use_profile(&name).await
    }

    /// The patch with its numbers read as the dial pad reads them (`(206) 555-0199` in the
    /// profile's region becomes `+12065550199`), and a new default caller ID checked against the
    /// caller IDs of the profile's session: one pending verification or without voice is refused.
    async fn checked_patch(
        &self,
        name: &str,
        patch: &ProfileSettingsPatch,
    ) -> Result<ProfileSettingsPatch> {
        let stored = self.profile(name)?;
        let region = patch
            .default_region
            .clone()
            .unwrap_or_else(|| stored.default_region.clone());
        let region = crate::profiles::check_region(&region)?;
        let phone = |field: &'static str, text: &Option<String>| -> Result<Option<String>> {
            let Some(text) = text.as_deref().filter(|t| !t.trim().is_empty()) else {
                return Ok(text.clone());
            };
            match parse_dialable(text, Some(&region)) {
                Ok(Dialable::Phone(p)) => Ok(Some(p.e164)),
                Ok(Dialable::Sip(_)) => Err(Error::InvalidProfile {
                    field,
                    reason: "it must be a phone number, not a sip: address".into(),
                }),
                Err(e) => Err(Error::InvalidProfile {
                    field,
                    reason: e.to_string(),
                }),
            }
        };
        let mut checked = patch.clone();
        checked.default_region = patch.default_region.as_ref().map(|_| region.clone());
        checked.my_number = phone("my phone", &patch.my_number)?;
        checked.default_caller_id = phone("default caller ID", &patch.default_caller_id)?;
        if let Some(caller_id) = checked
            .default_caller_id
            .as_deref()
            .filter(|c| !c.is_empty())
        {
            let changed = stored.default_caller_id.as_deref() != Some(caller_id);
            let is_session = self.active_profile().is_some_and(|p| p.name == stored.name);
            if changed && is_session {
                let ids = self.caller_ids(false).await?;
                ensure_caller_id_allowed(&ids, caller_id).map_err(|e| match e {
                    Error::CallerIdNotAllowed { number, reason } => Error::InvalidProfile {
                        field: "default caller ID",
                        reason: format!("{number} cannot be used: {reason}"),
                    },
                    other => other,
                })?;
            }
        }
        Ok(checked)
    }

    /// Forgets the open session (the live call, if any, keeps its own).
    async fn drop_session(&self) {
        *self.live.lock().await = None;
    }
}

/// An error as a sentence that starts with a capital, for showing on its own.
fn capitalised(err: &Error) -> String {
    let message = err.to_string();
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => message,
    }
}
