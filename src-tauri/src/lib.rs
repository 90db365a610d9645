//! The Callpad desktop shell: the window, the host adapters (`host.rs`: events, notifications)
//! and IPC commands (`commands/`) that each call one method of `callpad_core::app::Callpad`.
//! No decisions are made here; the command names are listed once in `command_list.rs`.

#[macro_use]
mod command_list;
mod commands;
mod error;
mod host;
pub mod ipc_types;
mod ready_exit;

use std::sync::Arc;

use callpad_core::app::{Callpad, Host, InProcessPractice, OpenOptions, PRACTICE_WHEN_EMPTY_ENV};
use tauri::Manager;

macro_rules! handler {
    ($($name:ident),* $(,)?) => {
        tauri::generate_handler![$(commands::$name),*]
    };
}

pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let handle = app.handle().clone();
            let host = Host {
                practice: Arc::new(InProcessPractice::from_env()),
                events: Arc::new(host::WindowEvents(handle.clone())),
                notifier: Arc::new(host::DesktopNotifier(handle)),
                ..Host::default()
            };
            // `./x run` asks for the practice space when no account is configured, so a developer
            // lands on the dial pad; the installed app shows onboarding instead.
            let options = OpenOptions {
                practice_when_empty: std::env::var_os(PRACTICE_WHEN_EMPTY_ENV)
                    .is_some_and(|v| v == "1"),
                ..OpenOptions::default()
            };
            let core = callpad_core::paths::data_dir()
                .and_then(|dir| Callpad::open(&dir, host, options))
                .and_then(|core| core.open_database().map(|()| core))
                .unwrap_or_else(|err| {
                    eprintln!("callpad: {err}");
                    std::process::exit(1);
                });
            app.manage(Arc::new(core));
            ready_exit::setup_done();
            Ok(())
        })
        .invoke_handler(with_commands!(handler))
        .run(tauri::generate_context!())
        .unwrap_or_else(|err| {
            eprintln!("callpad: the window could not start: {err}");
            std::process::exit(1);
        });
}
