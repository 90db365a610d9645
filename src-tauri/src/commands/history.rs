//! History commands: list and search, record a caller-ID test's result, export.

use callpad_core::app::{CallerIdTestResult, HistoryFormat, HistoryRow};
use callpad_core::calls::ReconcileReport;

use super::Core;
use crate::error::IpcError;

#[tauri::command]
pub async fn history_list(
    core: Core<'_>,
    query: String,
    limit: u32,
) -> Result<Vec<HistoryRow>, IpcError> {
    Ok(core.history_rows(&query, limit as usize)?)
}

#[tauri::command]
pub async fn history_set_test_result(
    core: Core<'_>,
    id: i64,
    result: CallerIdTestResult,
) -> Result<(), IpcError> {
    Ok(core.set_test_result(id, result)?)
}

/// Settles calls a crash left unfinished, from the voice logs (never by dialling).
#[tauri::command]
pub async fn history_reconcile(core: Core<'_>) -> Result<Option<ReconcileReport>, IpcError> {
    Ok(core.reconcile_history().await?)
}

/// Writes the export to the file the person chose in the Save dialog; answers where.
#[tauri::command]
pub async fn history_export(
    core: Core<'_>,
    format: HistoryFormat,
    path: String,
) -> Result<String, IpcError> {
    Ok(core
        .export_history_to(format, std::path::Path::new(&path))?
        .display()
        .to_string())
}
