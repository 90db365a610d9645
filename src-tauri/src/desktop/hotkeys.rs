//! The two global hotkeys (tauri-plugin-global-shortcut): select-to-call reads the selection and
//! hands the numbers core finds in it to the window; quick-dial opens the quick-dial bar. Core
//! checks the keys; here they are only registered (and a refusal is reported in words).

use std::sync::Mutex;

use callpad_core::app::DesktopDial;
use callpad_core::app_settings::{Hotkeys, NumberAction};
use callpad_core::selection::SelectionSource;
use tauri::{AppHandle, Emitter, Manager, Wry};
use tauri_plugin_global_shortcut::{GlobalShortcutExt, Shortcut, ShortcutState};

/// The shortcuts registered now: (select-to-call, quick-dial).
#[derive(Default)]
struct Registered(Mutex<(Option<Shortcut>, Option<Shortcut>)>);

/// The plugin, with the handler that tells the two hotkeys apart.
pub fn plugin() -> tauri::plugin::TauriPlugin<Wry> {
    tauri_plugin_global_shortcut::Builder::new()
        .with_handler(|app, shortcut, event| {
            if event.state() != ShortcutState::Pressed {
                return;
            }
            let Some(registered) = app.try_state::<Registered>() else {
                return;
            };
            let (select, quick) = *registered.0.lock().expect("hotkeys lock");
            let handle = app.app_handle().clone();
            if select.as_ref() == Some(shortcut) {
                // Reading the selection waits on its owner: off the event loop.
                std::thread::spawn(move || select_to_call(&handle));
            } else if quick.as_ref() == Some(shortcut) {
                super::window::show(app.app_handle());
                let _ = app.emit(super::QUICK_DIAL_EVENT, ());
            }
        })
        .build()
}

fn select_to_call(app: &AppHandle) {
    let core = super::core(app);
    let dial = core
        .dial_from_selection(SelectionSource::Primary)
        .unwrap_or_else(|err| DesktopDial {
            source: SelectionSource::Primary.as_str().to_owned(),
            numbers: Vec::new(),
            action: NumberAction::Prefill,
            countdown_s: 0,
            message: Some(err.to_string()),
        });
    super::hand_to_window(app, &dial);
}

/// Registers the hotkeys `hotkeys` names (unregistering the previous ones); each one that
/// cannot be registered is one sentence in the answer.
pub fn register(app: &AppHandle, hotkeys: &Hotkeys) -> Vec<String> {
    let mut problems = Vec::new();
    if callpad_core::selection::is_wayland() {
        problems.push(
            "This is a Wayland session: global hotkeys may not reach Callpad. Bind `callpad dial --selection` to a shortcut in your desktop's keyboard settings instead."
                .to_owned(),
        );
    }
    let shortcuts = app.global_shortcut();
    let _ = shortcuts.unregister_all();
    let mut parse = |what: &str, keys: &Option<String>| -> Option<Shortcut> {
        let keys = keys.as_deref()?;
        match keys.parse::<Shortcut>() {
            Ok(shortcut) => match shortcuts.register(shortcut) {
                Ok(()) => Some(shortcut),
                Err(err) => {
                    problems.push(format!(
                        "The {what} hotkey {keys} could not be registered ({err}); another app may hold it: pick other keys"
                    ));
                    None
                }
            },
            Err(err) => {
                problems.push(format!(
                    "The {what} hotkey {keys} is not usable here ({err}); pick other keys"
                ));
                None
            }
        }
    };
    let select = parse("select-to-call", &hotkeys.select_to_call);
    let quick = parse("quick-dial", &hotkeys.quick_dial);
    match app.try_state::<Registered>() {
        Some(registered) => *registered.0.lock().expect("hotkeys lock") = (select, quick),
        None => {
            app.manage(Registered(Mutex::new((select, quick))));
        }
    }
    problems
}
