//! The route table: REST endpoints behind Basic auth, the control API, `{"error":"Not Found"}` for
//! anything else, and the fault middleware around it all. Handlers live in their own modules.

use std::sync::Arc;

use axum::Router;
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::response::Response;
use axum::routing::{get, post};

use crate::space::Space;
use crate::{api_error, auth, calling, control, faults, lookup, numbers, voice_logs};

pub(crate) fn router(space: Arc<Space>) -> Router {
    let rest = Router::new()
        .route("/api/calling/calls", post(calling::calls_endpoint))
        .route("/api/voice/logs", get(voice_logs::list_logs))
        .route("/api/voice/logs/{id}", get(voice_logs::get_log))
        .route("/api/voice/logs/{id}/events", get(voice_logs::get_events))
        .route(
            "/api/relay/rest/phone_numbers",
            get(numbers::list_phone_numbers),
        )
        .route(
            "/api/relay/rest/phone_numbers/{id}",
            get(numbers::get_phone_number),
        )
        .route(
            "/api/relay/rest/verified_caller_ids",
            get(numbers::list_verified_caller_ids),
        )
        .route(
            "/api/relay/rest/verified_caller_ids/{id}",
            get(numbers::get_verified_caller_id),
        )
        .route(
            "/api/relay/rest/lookup/phone_number/{number}",
            get(lookup::lookup),
        )
        .route_layer(from_fn_with_state(
            Arc::clone(&space),
            auth::require_basic_auth,
        ));
    Router::new()
        .merge(rest)
        .merge(control::router())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(from_fn_with_state(Arc::clone(&space), faults::apply_faults))
        .with_state(space)
}

async fn not_found() -> Response {
    api_error::not_found()
}

async fn method_not_allowed() -> Response {
    api_error::simple(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed")
}
