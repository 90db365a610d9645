//! Commands about the app itself and reading a typed number.

use callpad_core::app::{NumberPreview, RegionChoice, region_choices};
use callpad_core::app_info::AppInfo;
use callpad_core::numbers::{Dialable, parse_dialable};

use super::Core;
use crate::error::IpcError;

#[tauri::command]
pub fn app_info(core: Core<'_>) -> AppInfo {
    core.app_info()
}

/// What `input` dials, read in `region` when it is a national number (the dial pad's preview).
#[tauri::command]
pub fn normalize_number(input: String, region: Option<String>) -> Result<Dialable, IpcError> {
    Ok(parse_dialable(
        &input,
        region.as_deref().filter(|r| !r.is_empty()),
    )?)
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
