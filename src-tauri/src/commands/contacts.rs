//! Contacts: search as you type, read, add, edit, delete, and import (preview, then commit) and
//! export. Numbers are read in the active profile's region.

use callpad_core::contacts::{
    self, Contact, ContactInput, ImportPreview, ImportSummary, SearchHit,
};
use serde::Serialize;
use tauri::{AppHandle, Emitter, State};
use ts_rs::TS;

use crate::error::IpcError;
use crate::state::AppState;

/// The event an import's progress is emitted as.
pub const IMPORT_PROGRESS_EVENT: &str = "import-progress";

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
}

#[tauri::command]
pub async fn contacts_search(
    state: State<'_, AppState>,
    query: String,
    limit: u32,
) -> Result<Vec<SearchHit>, IpcError> {
    Ok(state
        .contacts
        .lock()
        .expect("contacts lock")
        .search(&query, limit as usize))
}

#[tauri::command]
pub async fn contact_get(state: State<'_, AppState>, id: i64) -> Result<Contact, IpcError> {
    Ok(state.contacts.lock().expect("contacts lock").get(id)?)
}

#[tauri::command]
pub async fn contact_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: ContactInput,
) -> Result<Contact, IpcError> {
    let region = state.region();
    let mut store = state.contacts.lock().expect("contacts lock");
    Ok(match id {
        Some(id) => store.update(id, &input, region.as_deref())?,
        None => store.add(&input, region.as_deref())?,
    })
}

#[tauri::command]
pub async fn contact_delete(state: State<'_, AppState>, id: i64) -> Result<(), IpcError> {
    Ok(state.contacts.lock().expect("contacts lock").delete(id)?)
}

/// Reads a file's raw bytes (base64 over IPC, so Rust decides the encoding) and says what importing
/// it would do, keeping the plan for `contacts_import`.
#[tauri::command]
pub async fn contacts_import_preview(
    state: State<'_, AppState>,
    content_base64: String,
) -> Result<ImportPreview, IpcError> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(content_base64.as_bytes())
        .map_err(|e| {
            IpcError::new(
                "bad_file",
                format!("The file could not be passed to Callpad ({e}); choose it again."),
            )
        })?;
    let region = state.region();
    let preview = {
        let store = state.contacts.lock().expect("contacts lock");
        contacts::preview(&store, &bytes, region.as_deref())?
    };
    *state.import.lock().expect("import lock") = Some(preview.clone());
    Ok(preview)
}

/// Imports the previewed rows in one transaction, emitting `import-progress` on the way.
#[tauri::command]
pub async fn contacts_import(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<ImportSummary, IpcError> {
    let preview = state
        .import
        .lock()
        .expect("import lock")
        .take()
        .ok_or_else(|| {
            IpcError::new(
                "no_import",
                "There is no previewed file to import; choose the file again.",
            )
        })?;
    let mut store = state.contacts.lock().expect("contacts lock");
    let summary = contacts::commit(&mut store, &preview, |done, total| {
        let _ = app.emit(
            IMPORT_PROGRESS_EVENT,
            ImportProgress {
                done: done as u32,
                total: total as u32,
            },
        );
    })?;
    Ok(summary)
}

/// Every contact as CSV (`csv`) or vCard 4.0 (`vcard`) text.
#[tauri::command]
pub async fn contacts_export(
    state: State<'_, AppState>,
    format: String,
) -> Result<String, IpcError> {
    let all = state.contacts.lock().expect("contacts lock").list()?;
    match format.as_str() {
        "csv" => Ok(String::from_utf8_lossy(&contacts::to_csv(&all)).into_owned()),
        "vcard" => Ok(contacts::to_vcard(&all)),
        other => Err(IpcError::new(
            "bad_format",
            format!("\"{other}\" is not an export format; use csv or vcard"),
        )),
    }
}
