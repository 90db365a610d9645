//! Call commands: connect the profile's session, its caller IDs, place, hang up, look up.
//! Updates arrive as `call-update` events (see `host.rs`).

use callpad_core::app::{CallStarted, CallerIdPicker};
use callpad_core::caller_ids::LookupSummary;
use callpad_core::calls::{CallRequest, StatusChoice};
use callpad_core::status::WebhookTally;

use super::Core;
use crate::error::IpcError;

#[tauri::command]
pub async fn session_connect(core: Core<'_>) -> Result<StatusChoice, IpcError> {
    Ok(core.connect().await?)
}

#[tauri::command]
pub async fn session_webhooks(core: Core<'_>) -> Result<Option<WebhookTally>, IpcError> {
    Ok(core.webhook_tally().await)
}

#[tauri::command]
pub async fn caller_ids(core: Core<'_>, refresh: bool) -> Result<CallerIdPicker, IpcError> {
    Ok(core.caller_id_picker(refresh).await?)
}

#[tauri::command]
pub async fn call_place(core: Core<'_>, request: CallRequest) -> Result<CallStarted, IpcError> {
    Ok(core.place_call(&request).await?)
}

#[tauri::command]
pub async fn call_hang_up(core: Core<'_>, call_id: String) -> Result<(), IpcError> {
    Ok(core.hang_up(&call_id).await?)
}

#[tauri::command]
pub async fn number_lookup(core: Core<'_>, number: String) -> Result<LookupSummary, IpcError> {
    Ok(core.look_up_number(&number).await?)
}
