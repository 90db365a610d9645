//! Ending calls: `calling.end` (top-level `id`, `params.reason`) and the older `update` command
//! (`params.id`, `params.status`). Ending an ended call answers 200 with it, unchanged.

use std::sync::Arc;

use axum::Json;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use crate::api_error::{self, FieldError};
use crate::calling::call::{CallState, EndReason};
use crate::calling::lifecycle;
use crate::space::Space;

/// `{"command":"calling.end","id":"…","params":{"reason":"hangup"}}`.
pub(crate) fn handle_end(space: &Arc<Space>, envelope: &Map<String, Value>) -> Response {
    let mut errors = Vec::new();
    let id = required_string(envelope.get("id"), "id", &mut errors);
    let mut reason = None;
    match envelope.get("params") {
        None | Some(Value::Null) => errors.push(FieldError::missing("params")),
        Some(Value::Object(params)) => match params.get("reason") {
            None | Some(Value::Null) => {}
            Some(Value::String(name)) if EndReason::parse(name).is_some() => {
                reason = EndReason::parse(name);
            }
            Some(_) => errors.push(FieldError::invalid(
                "reason",
                "reason must be one of hangup, cancel, busy, noAnswer, decline, error",
            )),
        },
        Some(_) => errors.push(FieldError::invalid("params", "params must be an object")),
    }
    match id {
        Some(id) if errors.is_empty() => end_call(space, &id, |_| Ok(reason)),
        _ => api_error::calling_errors(&errors),
    }
}

/// `{"command":"update","params":{"id":"…","status":"canceled"|"completed"}}`.
///
/// `canceled` ends a call that has not been answered (end reason `cancel`) and is refused (422) once
/// it is answered; `completed` ends a call in any live state.
pub(crate) fn handle_update(space: &Arc<Space>, envelope: &Map<String, Value>) -> Response {
    let mut errors = Vec::new();
    let Some(params) = envelope.get("params").and_then(Value::as_object) else {
        return api_error::calling_errors(&[FieldError::missing("params")]);
    };
    let id = required_string(params.get("id"), "id", &mut errors);
    let status = required_string(params.get("status"), "status", &mut errors);
    let cancel = match status.as_deref() {
        Some("canceled") => true,
        Some("completed") | None => false,
        Some(_) => {
            errors.push(FieldError::invalid(
                "status",
                "status must be canceled or completed",
            ));
            false
        }
    };
    match id {
        Some(id) if errors.is_empty() => end_call(space, &id, |state| {
            if cancel && state == CallState::Answered {
                Err(FieldError::invalid(
                    "status",
                    "an answered call cannot be canceled; use completed",
                ))
            } else {
                Ok(None)
            }
        }),
        _ => api_error::calling_errors(&errors),
    }
}

fn required_string(
    value: Option<&Value>,
    attribute: &str,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    match value {
        None | Some(Value::Null) => {
            errors.push(FieldError::missing(attribute));
            None
        }
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        Some(_) => {
            errors.push(FieldError::invalid(
                attribute,
                format!("{attribute} must be a non-empty string"),
            ));
            None
        }
    }
}

/// Ends call `id`. `decide` sees the live state and gives the reason (`None`: `hangup` once
/// answered, else `cancel`) or refuses. An ended call is answered as it is, with no new webhook.
fn end_call(
    space: &Arc<Space>,
    id: &str,
    decide: impl FnOnce(CallState) -> Result<Option<EndReason>, FieldError>,
) -> Response {
    let mut book = space.calls();
    let now = space.clock.now_ms();
    let Some(call) = book.get_mut(id) else {
        return api_error::not_found();
    };
    if call.is_live() {
        let reason = match decide(call.state) {
            Ok(reason) => reason.unwrap_or(if call.state == CallState::Answered {
                EndReason::Hangup
            } else {
                EndReason::Cancel
            }),
            Err(error) => return api_error::calling_errors(&[error]),
        };
        let at = now.max(call.last_change_ms());
        tracing::info!(call_id = %id, reason = reason.as_str(), "practice call ended by request");
        lifecycle::transition(space, call, CallState::Ended, at, Some(reason));
    }
    Json(call.call_object(now)).into_response()
}
