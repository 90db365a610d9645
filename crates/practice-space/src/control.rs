//! The test control API under `/__practice/`: inject faults, steer webhook delivery, list every
//! call received, reset. No auth, loopback peers only; it is not part of SignalWire's contract.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::api_error;
use crate::calling::call::Call;
use crate::connection::ConnControl;
use crate::faults::Fault;
use crate::space::Space;
use crate::timefmt::rfc3339;

/// Every control path starts with this.
pub(crate) const CONTROL_PREFIX: &str = "/__practice/";

pub(crate) fn router() -> Router<Arc<Space>> {
    Router::new()
        .route(
            "/__practice/faults",
            post(add_faults).get(list_faults).delete(clear_faults),
        )
        .route(
            "/__practice/webhooks",
            post(set_webhooks).get(webhook_status),
        )
        .route("/__practice/calls", get(list_calls))
        .route("/__practice/dials", get(list_dials))
        .route("/__practice/calling", post(set_calling_rules))
        .route("/__practice/reset", post(reset))
        .route_layer(middleware::from_fn(loopback_only))
}

/// Refuses (403) peers that are not on this machine.
async fn loopback_only(request: Request, next: Next) -> Response {
    let local = request
        .extensions()
        .get::<ConnControl>()
        .is_some_and(|c| c.peer.ip().to_canonical().is_loopback());
    if local {
        next.run(request).await
    } else {
        api_error::simple(
            StatusCode::FORBIDDEN,
            "The practice control API only answers loopback clients",
        )
    }
}

fn parse<T: for<'de> Deserialize<'de>>(body: &[u8]) -> Result<T, String> {
    serde_json::from_slice(body).map_err(|e| format!("Bad control body: {e}"))
}

fn bad_request(message: String) -> Response {
    api_error::simple(StatusCode::BAD_REQUEST, message)
}

/// `POST /__practice/faults` with one fault object or a list of them.
async fn add_faults(State(space): State<Arc<Space>>, body: Bytes) -> Response {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(Fault),
        Many(Vec<Fault>),
    }
    let faults = match parse::<OneOrMany>(&body) {
        Ok(OneOrMany::One(fault)) => vec![fault],
        Ok(OneOrMany::Many(faults)) => faults,
        Err(message) => return bad_request(message),
    };
    let mut queue = space.faults();
    for fault in faults {
        queue.push(fault);
    }
    Json(json!({ "faults": queue.list() })).into_response()
}

async fn list_faults(State(space): State<Arc<Space>>) -> Response {
    Json(json!({ "faults": space.faults().list() })).into_response()
}

async fn clear_faults(State(space): State<Arc<Space>>) -> Response {
    space.faults().clear();
    Json(json!({ "faults": [] })).into_response()
}

/// `POST /__practice/webhooks` body: any of the counters, and `flush`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WebhookSettings {
    duplicate: Option<u32>,
    reorder: Option<u32>,
    drop: Option<u32>,
    /// `both` (default), `sha1`, `sha256` or `none`.
    signatures: Option<crate::webhooks::SignatureMode>,
    #[serde(default)]
    flush: bool,
}

async fn set_webhooks(State(space): State<Arc<Space>>, body: Bytes) -> Response {
    let settings = match parse::<WebhookSettings>(&body) {
        Ok(settings) => settings,
        Err(message) => return bad_request(message),
    };
    let status = {
        let mut control = space.webhooks.control();
        if let Some(n) = settings.duplicate {
            control.duplicate = n;
        }
        if let Some(n) = settings.reorder {
            control.reorder = n;
        }
        if let Some(n) = settings.drop {
            control.drop = n;
        }
        if let Some(mode) = settings.signatures {
            control.signatures = mode;
        }
        control.status()
    };
    if settings.flush {
        space.webhooks.flush();
    }
    Json(status).into_response()
}

async fn webhook_status(State(space): State<Arc<Space>>) -> Response {
    Json(space.webhooks.control().status()).into_response()
}

/// `GET /__practice/calls`: how many dials arrived and every call placed, with its history.
async fn list_calls(State(space): State<Arc<Space>>) -> Response {
    let book = space.calls();
    let now = space.clock.now_ms();
    let arrivals: std::collections::HashMap<&str, u64> = book
        .dials
        .iter()
        .filter_map(|d| Some((d.call_id.as_deref()?, d.arrived_ms)))
        .collect();
    let calls: Vec<Value> = book
        .iter()
        .map(|c| call_record(c, now, arrivals.get(c.id.as_str()).copied()))
        .collect();
    Json(json!({ "dial_requests": book.dial_requests, "calls": calls })).into_response()
}

/// `GET /__practice/dials`: every dial that reached the handler with its real arrival time, so a
/// client's pacing can be measured; and the space's rate and backlog.
async fn list_dials(State(space): State<Arc<Space>>) -> Response {
    let book = space.calls();
    let dials: Vec<Value> = book
        .dials
        .iter()
        .map(|d| {
            json!({
                "call_id": d.call_id,
                "to": d.to,
                "from": d.from,
                "arrived_ms": d.arrived_ms,
                "http_status": d.http_status,
            })
        })
        .collect();
    Json(json!({
        "calls_per_second": space.pacing.calls_per_second,
        "backlog": space.pacing.backlog,
        "queued": book.queued(),
        "dials": dials,
    }))
    .into_response()
}

fn call_record(call: &Call, now_ms: u64, arrived_ms: Option<u64>) -> Value {
    let history: Vec<Value> = call
        .history
        .iter()
        .map(|h| {
            json!({
                "state": h.state.as_str(),
                "at_ms": h.at_ms,
                "at": rfc3339(h.at_ms),
                "end_reason": h.end_reason.map(|r| r.as_str()),
            })
        })
        .collect();
    let swml_events: Vec<Value> = call
        .swml_events
        .iter()
        .map(
            |e| json!({ "at_ms": e.at_ms, "name": e.name, "level": e.level, "details": e.details }),
        )
        .collect();
    json!({
        "id": call.id,
        "command": "dial",
        "params": call.params,
        "from": call.dial.from,
        "to": call.dial.to,
        "parent_id": call.parent_id,
        "outcome": call.outcome.as_str(),
        "status": call.state.as_str(),
        "end_reason": call.end_reason.map(|r| r.as_str()),
        "created_at_ms": call.created_ms,
        "slot_ms": call.slot_ms,
        "start_time": call.start_ms,
        "answer_time": call.answer_ms,
        "end_time": call.end_ms,
        "now_ms": now_ms,
        "history": history,
        "arrived_ms": arrived_ms,
        "callee": call.callee.as_str(),
        "swml_events": swml_events,
        "swml_vars": call.swml_vars,
    })
}

/// `POST /__practice/calling` with `{"refuse_end_unanswered": 404|422|null, "openrpc_end_reasons": bool}`.
async fn set_calling_rules(State(space): State<Arc<Space>>, body: Bytes) -> Response {
    let rules = match parse::<crate::space::CallingRules>(&body) {
        Ok(rules) => rules,
        Err(message) => return bad_request(message),
    };
    if let Some(status) = rules.refuse_end_unanswered
        && status != 404
        && status != 422
    {
        return bad_request(format!(
            "refuse_end_unanswered must be 404 or 422, not {status}"
        ));
    }
    *space.rules() = rules.clone();
    Json(rules).into_response()
}

/// `POST /__practice/reset`: forgets calls, faults, webhook and calling settings (held webhooks
/// are dropped).
async fn reset(State(space): State<Arc<Space>>) -> Response {
    *space.rules() = crate::space::CallingRules::default();
    space.calls().clear();
    space.faults().clear();
    space.webhooks.control().reset();
    Json(json!({ "reset": true })).into_response()
}
