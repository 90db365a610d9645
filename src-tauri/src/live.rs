//! Opening the active profile's calling session: its client (the in-process practice space for
//! the practice profile, else the Space with the token from the keychain) and forwarding every
//! call update to the window as a `call-update` event.

use std::sync::Arc;

use callpad_core::calls::{NGROK_AGENT_API, Session, SessionOptions};
use callpad_core::signalwire::{Client, Credentials, SpaceUrl};
use callpad_core::vault::SecretKind;
use tauri::{AppHandle, Emitter};
use tokio::sync::MutexGuard;

use crate::error::IpcError;
use crate::state::{AppState, Live};

/// The event every call change is emitted as.
pub const CALL_UPDATE_EVENT: &str = "call-update";

/// How fast the practice space's clock runs: `CALLPAD_PRACTICE_SPEED` (tests speed it up).
fn practice_speed() -> f64 {
    std::env::var("CALLPAD_PRACTICE_SPEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|s: &f64| s.is_finite() && *s > 0.0)
        .unwrap_or(1.0)
}

/// The live session for the active profile, opened now if it is not open yet (or if the active
/// profile changed).
pub async fn ensure<'a>(
    app: &AppHandle,
    state: &'a AppState,
) -> Result<MutexGuard<'a, Option<Live>>, IpcError> {
    let profile = {
        let profiles = state.profiles.lock().expect("profiles lock");
        profiles.require_active()?.clone()
    };
    let mut live = state.live.lock().await;
    // Reopen only when what the session connects with changed (not, say, the last caller ID).
    let same = |l: &Live| {
        l.profile.name == profile.name
            && l.profile.space_url == profile.space_url
            && l.profile.project_id == profile.project_id
            && l.profile.status_method == profile.status_method
            && l.profile.practice == profile.practice
            && l.profile.public_url == profile.public_url
    };
    if live.as_ref().is_some_and(same) {
        live.as_mut().expect("checked").profile = profile;
        return Ok(live);
    }
    *live = None;

    let mut ngrok_authtoken = None;
    let (client, signing_key, practice) = if profile.practice {
        let space = practice_space::start(practice_space::Config {
            speed: practice_speed(),
            ..Default::default()
        })
        .await
        .map_err(|e| {
            IpcError::new(
                "practice",
                format!("the practice space could not start: {e}"),
            )
        })?;
        let client = Client::new(
            SpaceUrl::parse(&space.base_url())?,
            Credentials::new(space.project_id(), space.api_token()),
        )?;
        let key = space.signing_key().to_owned();
        (client, Some(key), Some(space))
    } else {
        let vault = state.vault.clone();
        let p = profile.clone();
        let (client, key, ngrok) = tokio::task::spawn_blocking(move || {
            let client = p.client_from_vault(&vault)?;
            let secret = |kind| {
                Ok::<_, callpad_core::Error>(
                    vault.read(&p.name, kind)?.map(|k| k.expose().to_owned()),
                )
            };
            Ok::<_, callpad_core::Error>((
                client,
                secret(SecretKind::SigningKey)?,
                secret(SecretKind::NgrokAuthtoken)?,
            ))
        })
        .await
        .map_err(|e| IpcError::new("internal", e.to_string()))??;
        ngrok_authtoken = ngrok;
        (client, key, None)
    };

    let options = SessionOptions {
        method: profile.status_method,
        public_url: profile.public_url.clone(),
        ngrok_authtoken,
        ngrok_agent_api: Some(NGROK_AGENT_API.to_owned()),
        ..SessionOptions::default()
    };
    let session =
        Arc::new(Session::open(client, signing_key, state.history.clone(), options).await?);
    let mut updates = session.center.subscribe();
    let handle = app.clone();
    let history = state.history.clone();
    let forwarder = tauri::async_runtime::spawn(async move {
        loop {
            match updates.recv().await {
                Ok(update) => {
                    let _ = handle.emit(CALL_UPDATE_EVENT, &update);
                    if update.status.phase == callpad_core::status::CallPhase::Ended {
                        notify_if_hidden(&handle, &history, update.history_id);
                    }
                }
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(_) => break,
            }
        }
    });
    *live = Some(Live {
        profile,
        session,
        caller_ids: None,
        _practice: practice,
        forwarder,
    });
    Ok(live)
}

/// A desktop notification when a call ends while the window is hidden or minimised.
fn notify_if_hidden(app: &AppHandle, db: &std::sync::Mutex<rusqlite::Connection>, history_id: i64) {
    use tauri::Manager;
    use tauri_plugin_notification::NotificationExt;
    let visible = app
        .get_webview_window("main")
        .is_some_and(|w| w.is_visible().unwrap_or(true) && !w.is_minimized().unwrap_or(false));
    let entry = {
        let conn = db.lock().expect("history lock");
        callpad_core::calls::history::get(&conn, history_id)
            .ok()
            .flatten()
    };
    let Some(notice) = entry.and_then(|e| callpad_core::calls::notice::end_notice(&e, visible))
    else {
        return;
    };
    if let Err(err) = app
        .notification()
        .builder()
        .title(notice.title)
        .body(notice.body)
        .show()
    {
        tracing::warn!("could not show a desktop notification: {err}");
    }
}
