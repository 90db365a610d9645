//! Injected faults for the REST endpoints (500, 429, hang, drop after request) and the middleware
//! that applies them. Faults are set through the control API; they never touch `/__practice/`.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::api_error;
use crate::connection::ConnControl;
use crate::control::CONTROL_PREFIX;
use crate::space::Space;

/// What a fault does to the request it hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum FaultKind {
    /// Answer 500 without doing anything.
    Status500,
    /// Answer 429 (with `Retry-After` if given) without doing anything.
    Status429,
    /// Answer 403 `{"error":"Forbidden"}`, as for a token without the endpoint's scope.
    Status403,
    /// Do the request, then never answer; the connection stays open until shutdown.
    Hang,
    /// Do the request (a dial places the call), then close the connection with no response.
    DropAfterRequest,
}

/// One queued fault, as posted to `/__practice/faults`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Fault {
    pub(crate) kind: FaultKind,
    /// How many matching requests it hits. Default 1.
    #[serde(default = "one")]
    pub(crate) count: u32,
    /// Seconds for the `Retry-After` header of a `status429`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) retry_after: Option<u64>,
    /// Only requests whose path starts with this are hit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) path_prefix: Option<String>,
}

fn one() -> u32 {
    1
}

/// Faults waiting for requests, oldest first.
#[derive(Debug, Default)]
pub(crate) struct FaultQueue {
    faults: Vec<Fault>,
}

impl FaultQueue {
    pub(crate) fn push(&mut self, fault: Fault) {
        if fault.count > 0 {
            self.faults.push(fault);
        }
    }

    pub(crate) fn list(&self) -> &[Fault] {
        &self.faults
    }

    pub(crate) fn clear(&mut self) {
        self.faults.clear();
    }

    /// Uses up one hit of the oldest fault that matches `path`.
    fn take_for(&mut self, path: &str) -> Option<Fault> {
        let index = self.faults.iter().position(|f| {
            f.path_prefix
                .as_deref()
                .is_none_or(|prefix| path.starts_with(prefix))
        })?;
        let fault = &mut self.faults[index];
        fault.count -= 1;
        let hit = fault.clone();
        if fault.count == 0 {
            self.faults.remove(index);
        }
        Some(hit)
    }
}

/// Middleware over the whole router: applies the next matching fault to a non-control request.
pub(crate) async fn apply_faults(
    State(space): State<Arc<Space>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    if path.starts_with(CONTROL_PREFIX) {
        return next.run(request).await;
    }
    let Some(fault) = space.faults().take_for(&path) else {
        return next.run(request).await;
    };
    tracing::info!(kind = ?fault.kind, %path, "practice fault injected");
    let conn = request.extensions().get::<ConnControl>().cloned();
    match fault.kind {
        FaultKind::Status500 => {
            api_error::simple(StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error")
        }
        FaultKind::Status429 => too_many_requests(fault.retry_after),
        FaultKind::Status403 => api_error::simple(StatusCode::FORBIDDEN, "Forbidden"),
        FaultKind::Hang => {
            let _unsent = next.run(request).await;
            std::future::pending().await
        }
        FaultKind::DropAfterRequest => {
            let _unsent = next.run(request).await;
            if let Some(conn) = conn {
                conn.drop_connection();
            }
            std::future::pending().await
        }
    }
}

fn too_many_requests(retry_after: Option<u64>) -> Response {
    let mut response = (
        StatusCode::TOO_MANY_REQUESTS,
        Json(json!({ "error": "Too Many Requests", "code": "rate_limit_exceeded" })),
    )
        .into_response();
    if let Some(secs) = retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fault(kind: FaultKind, count: u32, prefix: Option<&str>) -> Fault {
        Fault {
            kind,
            count,
            retry_after: None,
            path_prefix: prefix.map(str::to_owned),
        }
    }

    #[test]
    fn faults_are_used_up_in_order_and_by_prefix() {
        let mut queue = FaultQueue::default();
        queue.push(fault(FaultKind::Hang, 1, Some("/api/relay")));
        queue.push(fault(FaultKind::Status500, 2, None));
        assert_eq!(
            queue.take_for("/api/calling/calls").unwrap().kind,
            FaultKind::Status500
        );
        assert_eq!(
            queue
                .take_for("/api/relay/rest/phone_numbers")
                .unwrap()
                .kind,
            FaultKind::Hang
        );
        assert_eq!(
            queue
                .take_for("/api/relay/rest/phone_numbers")
                .unwrap()
                .kind,
            FaultKind::Status500
        );
        assert!(queue.take_for("/api/calling/calls").is_none());
    }

    #[test]
    fn kinds_use_the_documented_names() {
        let parsed: Fault =
            serde_json::from_str(r#"{"kind":"drop_after_request","count":2}"#).unwrap();
        assert_eq!(parsed.kind, FaultKind::DropAfterRequest);
        let parsed: Fault = serde_json::from_str(r#"{"kind":"status429"}"#).unwrap();
        assert_eq!((parsed.kind, parsed.count), (FaultKind::Status429, 1));
        assert!(serde_json::from_str::<Fault>(r#"{"kind":"status503"}"#).is_err());
    }
}
