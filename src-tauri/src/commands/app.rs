//! Commands about the app itself.

use callpad_core::app_info::AppInfo;
use tauri::State;

use crate::{AppState, error::IpcError};

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo, IpcError> {
    Ok(AppInfo::new(&state.data_dir))
}
