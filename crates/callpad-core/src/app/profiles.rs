//! Profiles as a person handles them: the masked overview (secrets only ever as `••••1a2b`),
//! adding a Space with its secrets, using one (which switches the session), changing settings
//! through a patch, removing one (another takes over), testing a connection, starting practice.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Callpad;
use crate::profiles::{
    ConnectionReport, Profile, ProfileSecrets, ProfileSettingsPatch, SettingsWarning, StatusMethod,
    test_connection,
};
use crate::vault::{Secret, SecretKind};
use crate::{Error, Result};

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
