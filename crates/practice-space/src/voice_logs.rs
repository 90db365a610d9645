//! Polling: `GET /api/voice/logs/{id}` (the call object's fields, with log-style statuses such as
//! `in-progress` and `no-answer`), `GET /api/voice/logs/{id}/events` (its timeline, in the
//! documented `{event_at, level, name, details, project_id, log_id}` shape, with what its SWML did) and `GET /api/voice/logs`
//! (every log, newest first, `created_before|on|after` filters, paged with full-URL links).

use std::sync::Arc;

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::api_error;
use crate::calling::call::{Call, CallState, EndReason};
use crate::pagination;
use crate::space::Space;
use crate::timefmt::rfc3339;

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

/// A call as its voice log shows it: the call object, `status` in the log's vocabulary.
fn log_json(call: &Call, now_ms: u64) -> Value {
    call.object_with_status(
        now_ms,
        log_status(call.state, call.end_reason, call.answer_ms.is_some()),
    )
}

pub(crate) async fn get_log(State(space): State<Arc<Space>>, Path(id): Path<String>) -> Response {
    let book = space.calls();
    let Some(call) = book.get(&id) else {
        return api_error::not_found();
    };
    Json(log_json(call, space.clock.now_ms())).into_response()
}

/// The event name for a state, as SignalWire's logs spell them.
fn event_name(state: CallState) -> &'static str {
    match state {
        CallState::Queued => "calling_call_queued",
        CallState::Created => "calling_call_initiated",
        CallState::Ringing => "calling_call_ringing",
        CallState::Answered => "calling_call_answered",
        CallState::Ended => "calling_call_ended",
    }
}

pub(crate) async fn get_events(
    State(space): State<Arc<Space>>,
    Path(id): Path<String>,
) -> Response {
    let book = space.calls();
    let Some(call) = book.get(&id) else {
        return api_error::not_found();
    };
    let states = call.history.iter().map(|entry| {
        let level = match entry.end_reason {
            Some(EndReason::Error) => "error",
            _ => "info",
        };
        let details = json!({
            "call_state": entry.state.as_str(),
            "end_reason": entry.end_reason.map(|r| r.as_str()),
        });
        (entry.at_ms, level, event_name(entry.state), details)
    });
    let swml = call
        .swml_events
        .iter()
        .map(|e| (e.at_ms, e.level, e.name, e.details.clone()));
    let mut events: Vec<(u64, &str, &str, Value)> = states.chain(swml).collect();
    // In time order; at the same moment a state change comes before what the script did then.
    events.sort_by_key(|(at_ms, ..)| *at_ms);
    let data: Vec<Value> = events
        .into_iter()
        .map(|(at_ms, level, name, details)| {
            json!({
                "event_at": rfc3339(at_ms),
                "level": level,
                "name": name,
                "details": details,
                "project_id": space.project_id,
                "log_id": call.id,
            })
        })
        .collect();
    Json(json!({ "data": data })).into_response()
}

/// `created_after` and friends: RFC 3339 (compared as UTC text, which sorts like time) or a date.
fn passes(filter: &HashMap<String, String>, created: &str) -> bool {
    let created_day = &created[..created.len().min(10)];
    filter
        .get("created_after")
        .is_none_or(|t| created > t.as_str())
        && filter
            .get("created_before")
            .is_none_or(|t| created < t.as_str())
        && filter
            .get("created_on")
            .is_none_or(|t| created_day == &t[..t.len().min(10)])
}

/// `GET /api/voice/logs`: every call, newest first, filtered and paged.
pub(crate) async fn list_logs(
    State(space): State<Arc<Space>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let page = match pagination::parse(&query) {
        Ok(page) => page,
        Err(detail) => return pagination::invalid(detail),
    };
    let book = space.calls();
    let now = space.clock.now_ms();
    let mut logs: Vec<&Call> = book
        .iter()
        .filter(|c| passes(&query, &rfc3339(c.created_ms)))
        .collect();
    logs.reverse();
    let total = logs.len();
    let data: Vec<Value> = logs
        .into_iter()
        .skip(page.offset)
        .take(page.size)
        .map(|c| log_json(c, now))
        .collect();
    // Filters stay on every link, so following `next` keeps listing the same logs.
    let prefix = format!("{}/api/voice/logs", space.base_url);
    let mut kept: Vec<(&String, &String)> = query
        .iter()
        .filter(|(k, _)| k.starts_with("created_") || k.as_str() == "include_deleted")
        .collect();
    kept.sort();
    let links = pagination::links_with(&prefix, &kept, page, total);
    Json(json!({ "links": links, "data": data })).into_response()
}
