//! What the window plugs into callpad-core's use-case layer: call updates and import progress as
//! Tauri events, and desktop notifications through tauri-plugin-notification.

use callpad_core::app::{EventSink, Notifier};
use callpad_core::calls::CallUpdate;
use callpad_core::calls::notice::Notice;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager};
use ts_rs::TS;

/// The event every call change is emitted as.
pub const CALL_UPDATE_EVENT: &str = "call-update";
/// The event an import's progress is emitted as.
pub const IMPORT_PROGRESS_EVENT: &str = "import-progress";

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
}

/// Emits to the window.
pub struct WindowEvents(pub AppHandle);

impl EventSink for WindowEvents {
    fn call_update(&self, update: &CallUpdate) {
        let _ = self.0.emit(CALL_UPDATE_EVENT, update);
        // The tray lists the last numbers called: an ended call is one of them now.
        if update.status.phase == callpad_core::status::CallPhase::Ended {
            crate::desktop::redraw_tray(&self.0);
        }
    }

    fn import_progress(&self, done: usize, total: usize) {
        let progress = ImportProgress {
            done: done as u32,
            total: total as u32,
        };
        let _ = self.0.emit(IMPORT_PROGRESS_EVENT, progress);
    }
}

/// Desktop notifications, shown only when core says so (the window is hidden or minimised).
pub struct DesktopNotifier(pub AppHandle);

impl Notifier for DesktopNotifier {
    fn window_visible(&self) -> bool {
        self.0
            .get_webview_window("main")
            .is_some_and(|w| w.is_visible().unwrap_or(true) && !w.is_minimized().unwrap_or(false))
    }

    fn show(&self, notice: &Notice) {
        use tauri_plugin_notification::NotificationExt;
        if let Err(err) = self
            .0
            .notification()
            .builder()
            .title(&notice.title)
            .body(&notice.body)
            .show()
        {
            tracing::warn!("could not show a desktop notification: {err}");
        }
    }
}
