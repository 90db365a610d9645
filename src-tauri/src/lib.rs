//! The Callpad desktop shell: the window, the host adapters (`host.rs`: events, notifications),
//! the desktop around it (`desktop/`: hotkeys, tray, close-to-tray) and IPC commands (`commands/`) that each call one method of `callpad_core::app::Callpad`.
//! No decisions are made here; the command names are listed once in `command_list.rs`.

#[macro_use]
mod command_list;
mod commands;
mod desktop;
mod error;
mod host;
pub mod ipc_types;
mod links;
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
    let data_dir = callpad_core::paths::data_dir().unwrap_or_else(|err| {
        eprintln!("callpad: {err}");
        std::process::exit(1);
    });
    let context = tauri::generate_context!();
    let identifier = context.config().identifier.clone();
    tauri::Builder::default()
        // First: a second launch on this data folder hands its link to this window and exits.
        .plugin(links::single_instance(&identifier, &data_dir))
        .plugin(tauri_plugin_deep_link::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(desktop::hotkey_plugin())
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            None,
        ))
        .on_window_event(desktop::on_window_event)
        .setup(move |app| {
            let handle = app.handle().clone();
            let host = Host {
                practice: Arc::new(InProcessPractice::from_env()),
                events: Arc::new(host::WindowEvents(handle.clone())),
                notifier: Arc::new(host::DesktopNotifier(handle.clone())),
                desktop: Arc::new(desktop::TauriDesktop(handle.clone())),
                ..Host::default()
            };
            // `./x run` asks for the practice space when no account is configured, so a developer
            // lands on the dial pad; the installed app shows onboarding instead.
            let options = OpenOptions {
                practice_when_empty: std::env::var_os(PRACTICE_WHEN_EMPTY_ENV)
                    .is_some_and(|v| v == "1"),
                ..OpenOptions::default()
            };
            let core = Callpad::open(&data_dir, host, options)
                .and_then(|core| core.open_database().map(|()| core))
                .unwrap_or_else(|err| {
                    eprintln!("callpad: {err}");
                    std::process::exit(1);
                });
            // Launched with a link (`Exec=callpad-app %u`): the dial pad shows it once it opens.
            links::launch_link(&core);
            let core = Arc::new(core);
            app.manage(core.clone());
            // No tray on this desktop is no reason not to start: the window stays the way back.
            if let Err(err) = desktop::install_tray(&handle) {
                tracing::warn!("no tray icon: {err}");
            }
            // Hotkeys and start-at-login as the app settings say (problems show in the sheet).
            let view = core.app_settings_view();
            for problem in &view.desktop.problems {
                tracing::warn!("{problem}");
            }
            desktop::show_at_start(&handle, view.settings.start_minimised);
            ready_exit::setup_done();
            Ok(())
        })
        .invoke_handler(with_commands!(handler))
        .run(context)
        .unwrap_or_else(|err| {
            eprintln!("callpad: the window could not start: {err}");
            std::process::exit(1);
        });
}
