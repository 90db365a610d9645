//! Contact commands: search, get, save, delete, import (preview by id, commit that id), export.

use callpad_core::app::{ExportFormat, ImportPlan};
use callpad_core::contacts::{Contact, ContactInput, ImportSummary, SearchPage};

use super::Core;
use crate::error::IpcError;

#[tauri::command]
pub async fn contacts_search(
    core: Core<'_>,
    query: String,
    offset: u32,
    limit: u32,
) -> Result<SearchPage, IpcError> {
    Ok(core.search_contacts_page(&query, offset as usize, limit as usize)?)
}

#[tauri::command]
pub async fn contact_get(core: Core<'_>, id: i64) -> Result<Contact, IpcError> {
    Ok(core.contact(id)?)
}

#[tauri::command]
pub async fn contact_save(
    core: Core<'_>,
    id: Option<i64>,
    input: ContactInput,
) -> Result<Contact, IpcError> {
    Ok(core.save_contact(id, &input)?)
}

#[tauri::command]
pub async fn contact_delete(core: Core<'_>, id: i64) -> Result<(), IpcError> {
    Ok(core.delete_contact(id)?)
}

/// The file's raw bytes arrive as base64, so Rust decides the encoding.
#[tauri::command]
pub async fn contacts_import_preview(
    core: Core<'_>,
    content_base64: String,
) -> Result<ImportPlan, IpcError> {
    Ok(core.preview_import_base64(&content_base64)?)
}

#[tauri::command]
pub async fn contacts_import_commit(
    core: Core<'_>,
    import_id: u32,
) -> Result<ImportSummary, IpcError> {
    Ok(core.commit_import(import_id)?)
}

/// Writes the export to the file the person chose in the Save dialog; answers where.
#[tauri::command]
pub async fn contacts_export(
    core: Core<'_>,
    format: ExportFormat,
    path: String,
) -> Result<String, IpcError> {
    Ok(core
        .export_contacts_to(format, std::path::Path::new(&path))?
        .display()
        .to_string())
}
