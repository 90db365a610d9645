//! The `dial` command: count it, validate it, book the call into its pacing slot and answer with
//! the call object. How the call then progresses is `lifecycle.rs`.

use std::sync::Arc;

use axum::Json;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use crate::api_error::{self, FieldError};
use crate::calling::call::Call;
use crate::calling::{lifecycle, validate};
use crate::space::Space;

pub(crate) fn handle(space: &Arc<Space>, envelope: &Map<String, Value>) -> Response {
    space.calls().dial_requests += 1;

    let empty = Map::new();
    let params = match envelope.get("params") {
        None | Some(Value::Null) => &empty,
        Some(Value::Object(params)) => params,
        Some(_) => {
            return api_error::calling_errors(&[FieldError::invalid(
                "params",
                "params must be an object",
            )]);
        }
    };
    let dial = match validate::dial(params) {
        Ok(dial) => dial,
        Err(errors) => return api_error::calling_errors(&errors),
    };

    let mut book = space.calls();
    let now = space.clock.now_ms();
    let slot = lifecycle::take_slot(&mut book, now);
    let call = Call::new(dial, Value::Object(params.clone()), now, slot);
    let id = call.id.clone();
    let body = call.call_object(now);
    tracing::info!(call_id = %id, to = %call.dial.to, outcome = call.outcome.as_str(), "practice dial accepted");
    book.insert(call);
    drop(book);

    lifecycle::spawn(space, id, slot);
    Json(body).into_response()
}
