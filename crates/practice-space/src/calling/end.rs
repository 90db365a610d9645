//! Ending calls: `calling.end` (top-level `id`, `params.reason`) and `update` (`params.id`,
//! `params.status`) with the documented state rules: `canceled` only while queued or ringing,
//! `completed` only once answered, and nothing for a call in a final state. Ending an ended call
//! with `calling.end` answers 200 with it, unchanged. `POST /__practice/calling` can make
//! `calling.end` refuse unanswered calls, or accept only the OpenRPC reasons.

use std::sync::Arc;

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use crate::api_error::{self, Code, FieldError};
use crate::calling::call::{CallState, EndReason};
use crate::calling::lifecycle;
use crate::space::Space;

/// `{"command":"calling.end","id":"…","params":{"reason":"hangup"}}`.
pub(crate) fn handle_end(space: &Arc<Space>, envelope: &Map<String, Value>) -> Response {
    let rules = space.rules().clone();
    let mut errors = Vec::new();
    let id = required_string(envelope.get("id"), "id", &mut errors);
    let mut reason = None;
    match envelope.get("params") {
        None | Some(Value::Null) => errors.push(FieldError::missing("params")),
        Some(Value::Object(params)) => match params.get("reason") {
            None | Some(Value::Null) => {}
            Some(Value::String(name))
                if EndReason::parse(name).is_some()
                    && (!rules.openrpc_end_reasons || name == "hangup" || name == "busy") =>
            {
                reason = EndReason::parse(name);
            }
            Some(_) => errors.push(FieldError::invalid(
                "reason",
                if rules.openrpc_end_reasons {
                    "reason must be one of hangup, busy"
                } else {
                    "reason must be one of hangup, cancel, busy, noAnswer, decline, error"
                },
            )),
        },
        Some(_) => errors.push(FieldError::invalid("params", "params must be an object")),
    }
    let Some(id) = id.filter(|_| errors.is_empty()) else {
        return api_error::calling_errors(&errors);
    };
    if let Some(status) = rules.refuse_end_unanswered {
        let unanswered = space
            .calls()
            .get(&id)
            .is_some_and(|c| c.is_live() && c.answer_ms.is_none());
        if unanswered {
            tracing::info!(call_id = %id, status, "practice calling.end refused for an unanswered call");
            return if status == 404 {
                api_error::not_found()
            } else {
                api_error::calling_errors(&[FieldError::new(
                    Code::InvalidState,
                    "id",
                    "calling.end works on active calls; cancel a call that is not answered yet with update status canceled",
                )])
            };
        }
    }
    end_call(space, &id, |_| Ok(reason))
}

/// `{"command":"update","params":{"id":"…","status":"canceled"|"completed"}}`.
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
    let Some(id) = id.filter(|_| errors.is_empty()) else {
        return api_error::calling_errors(&errors);
    };
    {
        let book = space.calls();
        let Some(call) = book.get(&id) else {
            return api_error::not_found();
        };
        if !call.is_live() {
            return api_error::calling_errors(&[FieldError::new(
                Code::CannotUpdateCompleted,
                "id",
                "the call has ended and cannot be updated",
            )]);
        }
    }
    end_call(space, &id, |state| match (cancel, state) {
        (true, CallState::Answered) => Err(FieldError::new(
            Code::CannotCancelInProgress,
            "status",
            "an answered call cannot be canceled; use completed",
        )),
        (true, _) => Ok(Some(EndReason::Cancel)),
        (false, CallState::Answered) => Ok(Some(EndReason::Hangup)),
        (false, _) => Err(FieldError::new(
            Code::InvalidState,
            "status",
            "only an answered call can be completed; use canceled",
        )),
    })
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
/// A call's second leg (call me first) ends with it.
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
    let mut ended_leg = None;
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
        ended_leg = call.leg_id.clone();
    }
    let body = call.call_object(now);
    if let Some(leg_id) = ended_leg
        && let Some(leg) = book.get_mut(&leg_id)
        && leg.is_live()
    {
        let at = now.max(leg.last_change_ms());
        let reason = if leg.state == CallState::Answered {
            EndReason::Hangup
        } else {
            EndReason::Cancel
        };
        lifecycle::transition(space, leg, CallState::Ended, at, Some(reason));
    }
    (StatusCode::OK, Json(body)).into_response()
}
