//! Polling: `GET /api/voice/logs/{id}` (the call as a voice log, with log-style statuses such as
//! `in-progress` and `no-answer`) and `GET /api/voice/logs/{id}/events` (its timeline).

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::api_error;
use crate::calling::call::{CallState, EndReason, billing_ms, rounded_secs};
use crate::space::Space;
use crate::timefmt::{float_secs, rfc3339};

/// The voice-log status for a call in `state`; `answered` says whether it was ever answered.
///
/// | call state / end reason           | log status    |
/// |-----------------------------------|---------------|
/// | queued                            | `queued`      |
/// | created                           | `initiated`   |
/// | ringing                           | `ringing`     |
/// | answered                          | `in-progress` |
/// | ended after being answered        | `completed`   |
/// | ended `busy` or `decline`         | `busy`        |
/// | ended `noAnswer`                  | `no-answer`   |
/// | ended `error`                     | `failed`      |
/// | ended `cancel`/`hangup` unanswered | `canceled`   |
pub(crate) fn log_status(
    state: CallState,
    reason: Option<EndReason>,
    answered: bool,
) -> &'static str {
    match state {
        CallState::Queued => "queued",
        CallState::Created => "initiated",
        CallState::Ringing => "ringing",
        CallState::Answered => "in-progress",
        CallState::Ended if answered => "completed",
        CallState::Ended => match reason {
            Some(EndReason::Busy | EndReason::Decline) => "busy",
            Some(EndReason::NoAnswer) => "no-answer",
            Some(EndReason::Error) => "failed",
            Some(EndReason::Cancel | EndReason::Hangup) | None => "canceled",
        },
    }
}

pub(crate) async fn get_log(State(space): State<Arc<Space>>, Path(id): Path<String>) -> Response {
    let book = space.calls();
    let Some(call) = book.get(&id) else {
        return api_error::not_found();
    };
    let now = space.clock.now_ms();
    let duration_ms = call.talk_ms(now);
    Json(json!({
        "id": call.id,
        "from": call.dial.from,
        "to": call.dial.to,
        "direction": "outbound",
        "status": log_status(call.state, call.end_reason, call.answer_ms.is_some()),
        "call_state": call.state.as_str(),
        "end_reason": call.end_reason.map(|r| r.as_str()),
        "duration": rounded_secs(duration_ms),
        "duration_ms": duration_ms,
        "billing_ms": billing_ms(duration_ms),
        "charge": 0.0,
        "type": call.call_type(),
        "source": "realtime_api",
        "url": call.dial.url,
        "created_at": rfc3339(call.created_ms),
        "updated_at": rfc3339(call.last_change_ms()),
        "answered_at": call.answer_ms.map(rfc3339),
        "ended_at": call.end_ms.map(rfc3339),
    }))
    .into_response()
}

pub(crate) async fn get_events(
    State(space): State<Arc<Space>>,
    Path(id): Path<String>,
) -> Response {
    let book = space.calls();
    let Some(call) = book.get(&id) else {
        return api_error::not_found();
    };
    let mut answered = false;
    let data: Vec<Value> = call
        .history
        .iter()
        .map(|entry| {
            answered |= entry.state == CallState::Answered;
            json!({
                "id": entry.id,
                "call_id": call.id,
                "event_type": "calling.call.state",
                "call_state": entry.state.as_str(),
                "status": log_status(entry.state, entry.end_reason, answered),
                "end_reason": entry.end_reason.map(|r| r.as_str()),
                "timestamp": float_secs(entry.at_ms),
                "created_at": rfc3339(entry.at_ms),
            })
        })
        .collect();
    let path = format!("/api/voice/logs/{}/events", call.id);
    Json(json!({
        "links": { "self": path, "first": path },
        "data": data,
    }))
    .into_response()
}
