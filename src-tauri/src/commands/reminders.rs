//! Reminder commands: the form's defaults, the live preview of a draft, create, list, report,
//! pause / resume / cancel, start (the runner works on in the background) and the CSV export.

use callpad_core::app::reminder_window::{ReminderDraft, ReminderPreview, ReminderReport};
use callpad_core::app::reminders::{CampaignListing, CampaignReview};
use callpad_core::reminders::CampaignSettings;

use super::Core;
use crate::error::IpcError;

#[tauri::command]
pub fn reminder_defaults(core: Core<'_>) -> CampaignSettings {
    core.reminder_defaults()
}

#[tauri::command]
pub async fn reminder_preview(
    core: Core<'_>,
    draft: ReminderDraft,
) -> Result<ReminderPreview, IpcError> {
    Ok(core.preview_reminder_draft(&draft).await?)
}

#[tauri::command]
pub async fn reminder_create(
    core: Core<'_>,
    draft: ReminderDraft,
) -> Result<CampaignReview, IpcError> {
    Ok(core.create_reminder_draft(&draft).await?)
}

#[tauri::command]
pub async fn reminder_campaigns(core: Core<'_>) -> Result<Vec<CampaignListing>, IpcError> {
    Ok(core.reminder_campaigns()?)
}

#[tauri::command]
pub async fn reminder_report(core: Core<'_>, id: i64) -> Result<ReminderReport, IpcError> {
    Ok(core.reminder_report(id)?)
}

#[tauri::command]
pub async fn reminder_start(core: Core<'_>, id: i64) -> Result<(), IpcError> {
    Ok(core.inner().start_reminder_campaign(id)?)
}

#[tauri::command]
pub async fn reminder_pause(core: Core<'_>, id: i64) -> Result<String, IpcError> {
    Ok(core.pause_reminder_campaign(id)?.as_str().to_owned())
}

#[tauri::command]
pub async fn reminder_resume(core: Core<'_>, id: i64) -> Result<String, IpcError> {
    Ok(core.inner().resume_reminder_run(id)?.as_str().to_owned())
}

#[tauri::command]
pub async fn reminder_cancel(core: Core<'_>, id: i64) -> Result<String, IpcError> {
    Ok(core.cancel_reminder_campaign(id)?.as_str().to_owned())
}

/// Writes every attempt as CSV to the file the person chose in the Save dialog; answers where.
#[tauri::command]
pub async fn reminder_export(core: Core<'_>, id: i64, path: String) -> Result<String, IpcError> {
    Ok(core
        .export_reminder_csv_to(id, std::path::Path::new(&path))?
        .display()
        .to_string())
}
