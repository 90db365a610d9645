//! `POST /api/calling/calls`: reads the command envelope and hands `dial`, `calling.end` and
//! `update` to their modules. Auth and faults are applied before it (`auth.rs`, `faults.rs`).

pub(crate) mod call;
mod dial;
mod end;
pub(crate) mod lifecycle;
pub(crate) mod swml;
mod validate;

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::Value;

use crate::api_error::{self, FieldError};
use crate::space::Space;

/// The handler for `POST /api/calling/calls`.
pub(crate) async fn calls_endpoint(State(space): State<Arc<Space>>, body: Bytes) -> Response {
    let value: Value = match serde_json::from_slice(&body) {
        Ok(value) => value,
        Err(e) => {
            return api_error::simple(StatusCode::BAD_REQUEST, format!("Malformed JSON body: {e}"));
        }
    };
    let Value::Object(envelope) = value else {
        return api_error::simple(StatusCode::BAD_REQUEST, "The body must be a JSON object");
    };
    match envelope.get("command") {
        None | Some(Value::Null) => api_error::calling_errors(&[FieldError::missing("command")]),
        Some(Value::String(command)) => match command.as_str() {
            "dial" => dial::handle(&space, &envelope),
            "calling.end" => end::handle_end(&space, &envelope),
            "update" => end::handle_update(&space, &envelope),
            other => api_error::calling_errors(&[FieldError::invalid(
                "command",
                format!("Unknown command \"{other}\"; use dial, calling.end or update"),
            )]),
        },
        Some(_) => {
            api_error::calling_errors(&[FieldError::invalid("command", "command must be a string")])
        }
    }
}
