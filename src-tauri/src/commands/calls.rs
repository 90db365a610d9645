//! Calls: opening the active profile's session (and saying how status will arrive), listing its
//! caller IDs, placing a call from a Call press, and hanging up. Updates arrive as events.

use callpad_core::caller_ids::{CallerIds, LookupSummary, look_up};
use callpad_core::calls::{CallRequest, PlacedCall, StatusChoice, plan_call};
use tauri::{AppHandle, State};

use crate::error::IpcError;
use crate::live;
use crate::state::AppState;

/// Opens the active profile's session if needed and says how call status will arrive, and why.
#[tauri::command]
pub async fn session_status(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<StatusChoice, IpcError> {
    let live = live::ensure(&app, &state).await?;
    Ok(live.as_ref().expect("ensured").session.choice.clone())
}

/// The caller IDs the active profile may use (all pages), listed once per session.
#[tauri::command]
pub async fn caller_ids(
    app: AppHandle,
    state: State<'_, AppState>,
    refresh: bool,
) -> Result<CallerIds, IpcError> {
    let mut guard = live::ensure(&app, &state).await?;
    Ok(guard.as_mut().expect("ensured").caller_ids(refresh).await?)
}

/// Places a call. The dial is sent at most once; see `CallCenter::place`.
#[tauri::command]
pub async fn call_place(
    app: AppHandle,
    state: State<'_, AppState>,
    request: CallRequest,
) -> Result<PlacedCall, IpcError> {
    let (session, profile, ids) = {
        let mut guard = live::ensure(&app, &state).await?;
        let live = guard.as_mut().expect("ensured");
        let ids = live.caller_ids(false).await?;
        (live.session.clone(), live.profile.clone(), ids)
    };
    let (plan, meta) = plan_call(&profile, &ids, &request)?;
    let placed = session.center.place(&plan, &meta).await?;
    // The number now comes up in search as a recent call (unless a contact holds it). History
    // has the call already; a failure here only delays that until the next start.
    if let Err(err) = state.contacts.lock().expect("contacts lock").note_call(
        &plan.destination,
        meta.contact_name.as_deref(),
        callpad_core::clock::now_ms(),
    ) {
        tracing::warn!("could not add the call to search: {err}");
    }
    let _ = state
        .profiles
        .lock()
        .expect("profiles lock")
        .remember_caller_id(&profile.name, &plan.caller_id);
    Ok(placed)
}

/// Hangs up a live call (`calling.end`).
#[tauri::command]
pub async fn call_hang_up(
    app: AppHandle,
    state: State<'_, AppState>,
    call_id: String,
) -> Result<(), IpcError> {
    let session = {
        let guard = live::ensure(&app, &state).await?;
        guard.as_ref().expect("ensured").session.clone()
    };
    Ok(session.center.hang_up(&call_id).await?)
}

/// Looks a number up (caller name, carrier, line type) through the active profile. SignalWire may
/// bill each lookup; the UI says so and only calls this when asked.
#[tauri::command]
pub async fn number_lookup(
    app: AppHandle,
    state: State<'_, AppState>,
    number: String,
) -> Result<LookupSummary, IpcError> {
    let (session, region) = {
        let guard = live::ensure(&app, &state).await?;
        let live = guard.as_ref().expect("ensured");
        (live.session.clone(), live.profile.default_region.clone())
    };
    Ok(look_up(session.center.client(), &number, Some(&region)).await?)
}
