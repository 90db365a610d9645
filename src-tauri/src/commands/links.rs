//! Commands about phone links: take the link waiting for the window, and the "which app opens
//! phone links" self-test, with or without making Callpad the default first.

use callpad_core::app::LinkOutcome;
use callpad_core::links::LinkHandlers;
use tauri::AppHandle;

use super::Core;

/// The link opened and not yet shown (at start, and after each `link-opened` event).
#[tauri::command]
pub fn link_take(core: Core<'_>) -> Option<LinkOutcome> {
    core.take_link()
}

/// Which app the desktop opens tel:, callto: and sip: links with (runs xdg-mime, off the UI thread).
#[tauri::command(async)]
pub fn link_handlers(app: AppHandle) -> LinkHandlers {
    crate::links::handlers(&app)
}

/// Makes Callpad the default for phone links, then reports what the desktop will really open.
#[tauri::command(async)]
pub fn link_make_default(app: AppHandle) -> LinkHandlers {
    crate::links::make_default(&app)
}
