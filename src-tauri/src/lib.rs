//! The Callpad desktop shell: window, state and IPC commands that delegate to callpad-core.
//! No domain logic lives here; each command is a few lines that call the core and map errors.

mod commands;
mod error;
pub mod ipc_types;

use std::path::PathBuf;

/// State registered once at start and handed to commands.
pub struct AppState {
    pub data_dir: PathBuf,
}

pub fn run() {
    let data_dir = match callpad_core::paths::data_dir() {
        Ok(dir) => dir,
        Err(err) => {
            eprintln!("callpad: {err}");
            std::process::exit(1);
        }
    };
    tauri::Builder::default()
        .manage(AppState { data_dir })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::numbers::normalize_number,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|err| {
            eprintln!("callpad: the window could not start: {err}");
            std::process::exit(1);
        });
}
