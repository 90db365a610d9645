//! History commands: list and search, record a caller-ID test's result, export.

use callpad_core::app::{CallerIdTestResult, HistoryFormat};
use callpad_core::calls::{HistoryEntry, ReconcileReport};

use super::Core;
use crate::error::IpcError;

#[tauri::command]
pub async fn history_list(
    core: Core<'_>,
    query: String,
    limit: u32,
) -> Result<Vec<HistoryEntry>, IpcError> {
    Ok(core.history(&query, limit as usize)?)
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

#[tauri::command]
pub async fn history_export(core: Core<'_>, format: HistoryFormat) -> Result<String, IpcError> {
    Ok(String::from_utf8_lossy(&core.export_history(format)?).into_owned())
}
