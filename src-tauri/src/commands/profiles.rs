//! Profile commands: the masked overview, add, change settings, use, remove, test, practice.
//! Each answers with the new overview so the window redraws from one source; adding a Space and
//! changing its connection answer with the tested connection (the overview is asked for after).

use callpad_core::app::{ConnectionPatch, NewProfile, ProfilesOverview, SpaceConnected};
use callpad_core::profiles::{ConnectionReport, ProfileSettingsPatch};

use super::Core;
use crate::error::IpcError;

#[tauri::command]
pub async fn profiles_overview(core: Core<'_>) -> Result<ProfilesOverview, IpcError> {
    Ok(core.profiles_overview().await)
}

#[tauri::command]
pub async fn profile_add(core: Core<'_>, input: NewProfile) -> Result<SpaceConnected, IpcError> {
    Ok(core.connect_space(input).await?)
}

#[tauri::command]
pub async fn profile_update_connection(
    core: Core<'_>,
    name: String,
    patch: ConnectionPatch,
) -> Result<SpaceConnected, IpcError> {
    Ok(core.update_profile_connection(&name, &patch).await?)
}

#[tauri::command]
pub async fn profile_update_settings(
    core: Core<'_>,
    name: String,
    patch: ProfileSettingsPatch,
) -> Result<ProfilesOverview, IpcError> {
    core.update_profile_settings(&name, &patch).await?;
    Ok(core.profiles_overview().await)
}

#[tauri::command]
pub async fn profile_use(core: Core<'_>, name: String) -> Result<ProfilesOverview, IpcError> {
    core.use_profile(&name).await?;
    Ok(core.profiles_overview().await)
}

#[tauri::command]
pub async fn profile_remove(core: Core<'_>, name: String) -> Result<ProfilesOverview, IpcError> {
    core.remove_profile(&name).await?;
    Ok(core.profiles_overview().await)
}

#[tauri::command]
pub async fn profile_test(core: Core<'_>, name: String) -> Result<ConnectionReport, IpcError> {
    Ok(core.test_profile(&name).await?)
}

#[tauri::command]
pub async fn practice_start(core: Core<'_>) -> Result<ProfilesOverview, IpcError> {
    core.start_practice().await?;
    Ok(core.profiles_overview().await)
}
