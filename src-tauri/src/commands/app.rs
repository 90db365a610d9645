//! Commands about the app itself (its facts, its first screen being up), the region list, and
//! the dial pad's number preview.

use callpad_core::app::{NumberPreview, RegionChoice, region_choices};
use callpad_core::app_info::AppInfo;

use super::Core;
use crate::error::IpcError;

#[tauri::command]
pub fn app_info(core: Core<'_>) -> AppInfo {
    core.app_info()
}

/// The UI's first screen has rendered with Rust's first answers (the start-up benchmark's mark).
#[tauri::command]
pub fn app_ready() {
    crate::ready_exit::first_screen_shown()
}

/// What the dial pad shows while a number is typed: what it dials, and whether a do-not-call
/// contact holds it.
#[tauri::command]
pub fn number_preview(
    core: Core<'_>,
    input: String,
    region: Option<String>,
) -> Result<NumberPreview, IpcError> {
    Ok(core.preview_number(&input, region.as_deref())?)
}

/// The regions a profile's default region can be chosen from.
#[tauri::command]
pub fn regions() -> Vec<RegionChoice> {
    region_choices()
}
