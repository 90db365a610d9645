//! Call history: listing and searching it, recording a caller-ID test's result, exporting CSV.

use callpad_core::calls::{HistoryEntry, history};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command]
pub async fn history_list(
    state: State<'_, AppState>,
    query: String,
    limit: u32,
) -> Result<Vec<HistoryEntry>, IpcError> {
    let db = state.history.lock().expect("history lock");
    Ok(history::list(&db, &query, limit as usize)?)
}

/// Stores what the person holding the test phone saw, e.g. "shown correctly".
#[tauri::command]
pub async fn history_set_test_result(
    state: State<'_, AppState>,
    id: i64,
    result: String,
) -> Result<(), IpcError> {
    let db = state.history.lock().expect("history lock");
    Ok(history::set_test_result(&db, id, &result)?)
}

/// The whole history as CSV text.
#[tauri::command]
pub async fn history_export_csv(state: State<'_, AppState>) -> Result<String, IpcError> {
    let db = state.history.lock().expect("history lock");
    let mut out = Vec::new();
    history::export_csv(&db, &mut out)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}
