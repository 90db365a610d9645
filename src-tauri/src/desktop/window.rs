//! The main window's life on the desktop: shown or kept in the tray at start ("start minimised"),
//! hidden instead of closed when "close to tray" is on (and there is a tray to come back from),
//! and brought to the front when a hotkey or the tray needs it.

use tauri::{AppHandle, Manager, Window, WindowEvent};

const MAIN: &str = "main";

/// Shows the window at start unless the app settings keep it in the tray (only when there is one).
pub fn show_at_start(app: &AppHandle, start_minimised: bool) {
    let has_tray = app.tray_by_id(super::tray::TRAY_ID).is_some();
    if start_minimised && has_tray {
        return;
    }
    show(app);
}

/// Shows, unminimises and focuses the main window.
pub fn show(app: &AppHandle) {
    if let Some(window) = app.get_webview_window(MAIN) {
        let _ = window.show();
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
    super::tray::redraw(app);
}

/// Hides the window when shown, shows it when hidden (the tray's first entry).
pub fn toggle(app: &AppHandle) {
    let Some(window) = app.get_webview_window(MAIN) else {
        return;
    };
    if window.is_visible().unwrap_or(false) && !window.is_minimized().unwrap_or(false) {
        let _ = window.hide();
        super::tray::redraw(app);
    } else {
        show(app);
    }
}

/// Close-to-tray: a close request hides the window instead, when the setting is on and the tray
/// is there to bring it back.
pub fn on_window_event(window: &Window, event: &WindowEvent) {
    let WindowEvent::CloseRequested { api, .. } = event else {
        return;
    };
    if window.label() != MAIN {
        return;
    }
    let app = window.app_handle();
    let core = super::core(app);
    if core.app_settings().close_to_tray && app.tray_by_id(super::tray::TRAY_ID).is_some() {
        api.prevent_close();
        let _ = window.hide();
        super::tray::redraw(app);
    }
}
