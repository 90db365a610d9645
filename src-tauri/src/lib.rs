//! The Callpad desktop shell: window, state and IPC commands that delegate to callpad-core.
//! No domain logic lives here; each command is a few lines that call the core and map errors.

mod commands;
mod error;
pub mod ipc_types;
mod live;
mod state;

use state::AppState;

/// Every command the UI may call; `build.rs` and `capabilities/main.json` list the same names.
macro_rules! app_commands {
    () => {
        tauri::generate_handler![
            commands::app::app_info,
            commands::numbers::normalize_number,
            commands::profiles::profiles_overview,
            commands::profiles::profile_add,
            commands::profiles::profile_update,
            commands::profiles::profile_use,
            commands::profiles::profile_remove,
            commands::profiles::profile_test,
            commands::profiles::practice_start,
            commands::calls::session_status,
            commands::calls::caller_ids,
            commands::calls::call_place,
            commands::calls::call_hang_up,
            commands::calls::number_lookup,
            commands::history::history_list,
            commands::history::history_set_test_result,
            commands::history::history_export_csv,
            commands::contacts::contacts_search,
            commands::contacts::contact_get,
            commands::contacts::contact_save,
            commands::contacts::contact_delete,
            commands::contacts::contacts_import_preview,
            commands::contacts::contacts_import,
            commands::contacts::contacts_export,
        ]
    };
}

pub fn run() {
    let state = callpad_core::paths::data_dir().and_then(AppState::open);
    let state = match state {
        Ok(state) => state,
        Err(err) => {
            eprintln!("callpad: {err}");
            std::process::exit(1);
        }
    };
    tauri::Builder::default()
        .plugin(tauri_plugin_notification::init())
        .manage(state)
        .invoke_handler(app_commands!())
        .run(tauri::generate_context!())
        .unwrap_or_else(|err| {
            eprintln!("callpad: the window could not start: {err}");
            std::process::exit(1);
        });
}
