//! Phone links reaching the window. tauri-plugin-single-instance (one Callpad per data folder)
//! hands a second launch's arguments to the running window, which comes to the front; a link among
//! them (or among the first launch's) goes to `Callpad::open_link`, and the window is told to take
//! it. tauri-plugin-deep-link declares the schemes (tauri.conf.json) and registers Callpad with the
//! desktop when the person asks (`link_make_default`).

use std::sync::Arc;

use callpad_core::app::Callpad;
use callpad_core::links::{Desktop, LinkHandlers, link_in_args, single_instance_id};
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// The event that tells the window a link is waiting (`link_take` gets it).
pub const LINK_EVENT: &str = "link-opened";

/// The single-instance plugin, keyed on the data folder. Register it before every other plugin:
/// a second launch must hand over before anything else starts.
pub fn single_instance<R: Runtime>(identifier: &str, data_dir: &std::path::Path) -> TauriPlugin<R> {
    tauri_plugin_single_instance::Builder::new()
        .dbus_id(single_instance_id(identifier, data_dir))
        .callback(|app, argv, _cwd| second_launch(app, &argv))
        .build()
}

/// A second launch: bring the window forward and open its link, if it brought one.
fn second_launch<R: Runtime>(app: &AppHandle<R>, argv: &[String]) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    let Some(link) = link_in_args(argv.iter().skip(1)) else {
        return;
    };
    match app.try_state::<Arc<Callpad>>() {
        Some(core) => {
            core.open_link(&link);
            let _ = app.emit(LINK_EVENT, ());
        }
        None => tracing::warn!("a link arrived before Callpad had started; it was dropped"),
    }
}

/// The first launch's link (`callpad-app tel:…`, as the desktop runs `Exec=callpad-app %u`):
/// kept for the window, which takes it when it starts.
pub fn launch_link(core: &Callpad) {
    if let Some(link) = link_in_args(std::env::args().skip(1)) {
        core.open_link(&link);
    }
}

/// Callpad's own desktop entries: the .deb's (`<productName>.desktop`) and the one the deep-link
/// plugin writes when registering (`<binary>-handler.desktop`).
fn our_desktop_files<R: Runtime>(app: &AppHandle<R>) -> Vec<String> {
    let mut ours = vec![format!(
        "{}.desktop",
        app.config().product_name.as_deref().unwrap_or("Callpad")
    )];
    if let Some(name) = tauri::utils::platform::current_exe()
        .ok()
        .and_then(|exe| exe.file_name().map(|n| n.to_string_lossy().into_owned()))
    {
        ours.push(format!("{name}-handler.desktop"));
    }
    ours
}

/// Which app the desktop opens tel:, callto: and sip: links with.
pub fn handlers<R: Runtime>(app: &AppHandle<R>) -> LinkHandlers {
    Desktop::from_env().link_handlers(&our_desktop_files(app))
}

/// Registers Callpad for every scheme in tauri.conf.json, then asks the desktop again.
pub fn make_default<R: Runtime>(app: &AppHandle<R>) -> LinkHandlers {
    use tauri_plugin_deep_link::DeepLinkExt;
    Desktop::from_env().make_default(
        || app.deep_link().register_all().map_err(|e| e.to_string()),
        &our_desktop_files(app),
    )
}
