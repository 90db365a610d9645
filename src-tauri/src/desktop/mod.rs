//! The desktop around the window: global hotkeys (`hotkeys.rs`), the tray icon (`tray.rs`), and
//! the window's start-up and close behaviour (`window.rs`). App settings reach them through
//! [`TauriDesktop`], core's `Desktop`; what each hotkey or tray entry does is decided in core.

mod hotkeys;
mod tray;
mod window;

use std::sync::Arc;

use callpad_core::app::{Callpad, Desktop, DesktopDial, DesktopStatus};
use callpad_core::app_settings::AppSettings;
use tauri::{AppHandle, Emitter, Manager};

pub use hotkeys::plugin as hotkey_plugin;
pub use tray::{install as install_tray, redraw as redraw_tray};
pub use window::{on_window_event, show_at_start};

/// The event a number from outside the window arrives as (payload: `DesktopDial`).
pub const DESKTOP_DIAL_EVENT: &str = "desktop-dial";
/// The event that opens the quick-dial bar (no payload).
pub const QUICK_DIAL_EVENT: &str = "quick-dial";

/// Applies app settings to this desktop: hotkeys and start-at-login.
pub struct TauriDesktop(pub AppHandle);

impl Desktop for TauriDesktop {
    fn apply(&self, settings: &AppSettings) -> DesktopStatus {
        let mut problems = hotkeys::register(&self.0, &settings.hotkeys);
        if let Err(problem) = set_autostart(&self.0, settings.start_at_login) {
            problems.push(problem);
        }
        DesktopStatus {
            wayland: callpad_core::selection::is_wayland(),
            tray: self.0.tray_by_id(tray::TRAY_ID).is_some(),
            problems,
        }
    }
}

fn set_autostart(app: &AppHandle, on: bool) -> Result<(), String> {
    use tauri_plugin_autostart::ManagerExt;
    let launcher = app.autolaunch();
    let now = launcher.is_enabled().unwrap_or(false);
    if now == on {
        return Ok(());
    }
    let result = if on {
        launcher.enable()
    } else {
        launcher.disable()
    };
    result.map_err(|e| format!("Start at login could not be changed: {e}"))
}

/// The shared core.
pub(crate) fn core(app: &AppHandle) -> Arc<Callpad> {
    app.state::<Arc<Callpad>>().inner().clone()
}

/// Shows the window, focused, and hands it numbers to dial.
pub(crate) fn hand_to_window(app: &AppHandle, dial: &DesktopDial) {
    window::show(app);
    let _ = app.emit(DESKTOP_DIAL_EVENT, dial);
}
