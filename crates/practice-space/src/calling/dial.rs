//! The `dial` command: note its real arrival time, count it, validate it, refuse it when the
//! backlog of queued calls is full, book the call into its pacing slot and answer with the call
//! object. How the call then progresses is `lifecycle.rs`.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use crate::api_error::{self, Code, FieldError};
use crate::calling::call::{Call, DialArrival};
use crate::calling::{lifecycle, validate};
use crate::space::Space;

pub(crate) fn handle(space: &Arc<Space>, envelope: &Map<String, Value>) -> Response {
    let arrived_ms = real_now_ms();
    let empty = Map::new();
    let params = match envelope.get("params") {
        None | Some(Value::Null) => &empty,
        Some(Value::Object(params)) => params,
        Some(_) => &empty,
    };
    let text = |key: &str| params.get(key).and_then(Value::as_str).map(str::to_owned);
    let mut arrival = DialArrival {
        call_id: None,
        to: text("to"),
        from: text("from"),
        arrived_ms,
        http_status: StatusCode::UNPROCESSABLE_ENTITY.as_u16(),
    };
    let (response, call_id) = place(space, envelope, params);
    arrival.http_status = response.status().as_u16();
    arrival.call_id = call_id;
    let mut book = space.calls();
    book.dial_requests += 1;
    book.dials.push(arrival);
    response
}

/// Validates and books the dial; the response, and the id of the call it placed.
fn place(
    space: &Arc<Space>,
    envelope: &Map<String, Value>,
    params: &Map<String, Value>,
) -> (Response, Option<String>) {
    if envelope
        .get("params")
        .is_some_and(|p| !p.is_null() && !p.is_object())
    {
        let refusal = FieldError::invalid("params", "params must be an object");
        return (api_error::calling_errors(&[refusal]), None);
    }
    let dial = match validate::dial(params) {
        Ok(dial) => dial,
        Err(errors) => return (api_error::calling_errors(&errors), None),
    };

    let mut book = space.calls();
    let backlog = space.pacing.backlog;
    if book.queued() >= backlog {
        let refusal = FieldError::new(
            Code::MaxQueuedCallsExceeded,
            "to",
            format!(
                "{backlog} calls are already queued, the most this Space holds; dial again once some have started"
            ),
        );
        tracing::info!(backlog, "practice dial refused: the call backlog is full");
        return (api_error::calling_errors(&[refusal]), None);
    }
    let now = space.clock.now_ms();
    let slot = lifecycle::take_slot(&mut book, now, space.pacing.interval_ms());
    let call = Call::new(dial, Value::Object(params.clone()), now, slot);
    let id = call.id.clone();
    let body = call.call_object(now);
    tracing::info!(call_id = %id, to = %call.dial.to, outcome = call.outcome.as_str(), "practice dial accepted");
    book.insert(call);
    drop(book);

    lifecycle::spawn(space, id.clone(), slot);
    (Json(body).into_response(), Some(id))
}

/// Real wall-clock time, Unix milliseconds.
fn real_now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}
