//! App-settings commands (the settings sheet) and the favourites Ctrl+1..9 dials.

use callpad_core::app::{AppSettingsView, Favourite};
use callpad_core::app_settings::AppSettingsPatch;

use super::Core;
use crate::error::IpcError;

#[tauri::command]
pub fn app_settings(core: Core<'_>) -> AppSettingsView {
    core.app_settings_view()
}

#[tauri::command]
pub fn app_settings_update(
    core: Core<'_>,
    patch: AppSettingsPatch,
) -> Result<AppSettingsView, IpcError> {
    Ok(core.update_app_settings(&patch)?)
}

#[tauri::command]
pub fn favourites(core: Core<'_>) -> Result<Vec<Favourite>, IpcError> {
    Ok(core.favourites()?)
}
