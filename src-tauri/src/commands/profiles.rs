//! Profiles: listing them (secrets only ever masked), adding one with its token, switching,
//! removing, testing the connection, and starting the practice profile on first run.

use callpad_core::profiles::{
    ConnectionReport, Profile, ProfileSecrets, SettingsWarning, StatusMethod, test_connection,
};
use callpad_core::vault::{Secret, SecretKind};
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use crate::error::IpcError;
use crate::state::AppState;

/// A profile as the UI shows it: its settings and its API token masked (`••••1a2b`).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfileSummary {
    pub profile: Profile,
    /// The masked API token, or `null` when none is stored (the practice profile needs none).
    pub token_mask: Option<String>,
}

/// Everything the profile switcher and onboarding need.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfilesOverview {
    pub profiles: Vec<ProfileSummary>,
    pub active: Option<String>,
    /// Set when the settings file could not be read at start (it was kept aside).
    pub warning: Option<SettingsWarning>,
    /// Set when the OS keychain cannot be used: what is wrong and how to fix it.
    pub keychain_problem: Option<String>,
}

/// What the "connect a SignalWire Space" form sends. The token goes straight to the keychain.
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
}

fn overview(state: &AppState) -> ProfilesOverview {
    let keychain_problem = state
        .vault
        .check_available()
        .err()
        .map(|e| IpcError::from(e).message);
    let profiles = state.profiles.lock().expect("profiles lock");
    let summaries = profiles
        .all()
        .iter()
        .map(|p| ProfileSummary {
            profile: p.clone(),
            token_mask: if p.practice || keychain_problem.is_some() {
                None
            } else {
                state
                    .vault
                    .read(&p.name, SecretKind::ApiToken)
                    .ok()
                    .flatten()
                    .map(|s| s.mask())
            },
        })
        .collect();
    ProfilesOverview {
        profiles: summaries,
        active: profiles.active().map(|p| p.name.clone()),
        warning: state.settings_warning.lock().expect("warning lock").clone(),
        keychain_problem,
    }
}

#[tauri::command]
pub async fn profiles_overview(state: State<'_, AppState>) -> Result<ProfilesOverview, IpcError> {
    Ok(overview(&state))
}

#[tauri::command]
pub async fn profile_add(
    state: State<'_, AppState>,
    input: NewProfile,
) -> Result<ProfilesOverview, IpcError> {
    let mut profile = Profile::new(input.name, input.space_url, input.project_id);
    if let Some(region) = input.default_region.filter(|r| !r.trim().is_empty()) {
        profile.default_region = region;
    }
    profile.default_caller_id = input.default_caller_id.filter(|n| !n.trim().is_empty());
    profile.my_number = input.my_number.filter(|n| !n.trim().is_empty());
    if let Some(method) = input.status_method {
        profile.status_method = method;
    }
    let mut secrets = ProfileSecrets::new(Secret::new(input.api_token));
    secrets.signing_key = input
        .signing_key
        .filter(|k| !k.trim().is_empty())
        .map(Secret::new);
    secrets.ngrok_authtoken = input
        .ngrok_authtoken
        .filter(|k| !k.trim().is_empty())
        .map(Secret::new);
    {
        let mut profiles = state.profiles.lock().expect("profiles lock");
        profiles.add(&state.vault, profile, &secrets)?;
    }
    Ok(overview(&state))
}

/// Saves a profile's settings (found by name); its secrets stay in the keychain untouched.
#[tauri::command]
pub async fn profile_update(
    state: State<'_, AppState>,
    profile: Profile,
) -> Result<ProfilesOverview, IpcError> {
    state
        .profiles
        .lock()
        .expect("profiles lock")
        .update(profile)?;
    Ok(overview(&state))
}

#[tauri::command]
pub async fn profile_use(
    state: State<'_, AppState>,
    name: String,
) -> Result<ProfilesOverview, IpcError> {
    state
        .profiles
        .lock()
        .expect("profiles lock")
        .set_active(&name)?;
    Ok(overview(&state))
}

#[tauri::command]
pub async fn profile_remove(
    state: State<'_, AppState>,
    name: String,
) -> Result<ProfilesOverview, IpcError> {
    state
        .profiles
        .lock()
        .expect("profiles lock")
        .remove(&state.vault, &name)?;
    Ok(overview(&state))
}

/// Proves the profile's URL, project ID, token and scopes with read-only requests.
#[tauri::command]
pub async fn profile_test(
    state: State<'_, AppState>,
    name: String,
) -> Result<ConnectionReport, IpcError> {
    let profile = state
        .profiles
        .lock()
        .expect("profiles lock")
        .get(&name)?
        .clone();
    if profile.practice {
        return Err(IpcError::new(
            "practice",
            "The practice profile needs no connection test: it runs on this computer.",
        ));
    }
    let vault = state.vault.clone();
    let client = tokio::task::spawn_blocking(move || profile.client_from_vault(&vault))
        .await
        .map_err(|e| IpcError::new("internal", e.to_string()))??;
    Ok(test_connection(&client).await?)
}

/// First run's "try it with no account": adds the practice profile (no secrets) and makes it active.
#[tauri::command]
pub async fn practice_start(state: State<'_, AppState>) -> Result<ProfilesOverview, IpcError> {
    {
        let mut profiles = state.profiles.lock().expect("profiles lock");
        let name = match profiles.all().iter().find(|p| p.practice) {
            Some(existing) => existing.name.clone(),
            None => profiles.add_practice()?.name.clone(),
        };
        profiles.set_active(&name)?;
    }
    Ok(overview(&state))
}
