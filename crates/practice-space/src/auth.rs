//! HTTP Basic auth for the REST endpoints: `project_id:api_token`, else 401 `{"error":"Unauthorized"}`.
//! The control API under `/__practice/` is not behind it (see `control.rs`).

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::api_error;
use crate::space::Space;

/// Middleware: lets the request through only with the space's Basic credentials.
pub(crate) async fn require_basic_auth(
    State(space): State<Arc<Space>>,
    request: Request,
    next: Next,
) -> Response {
    if is_authorized(request.headers(), &space.project_id, &space.api_token) {
        next.run(request).await
    } else {
        let mut response = api_error::simple(StatusCode::UNAUTHORIZED, "Unauthorized");
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"SignalWire practice space\""),
        );
        response
    }
}

fn is_authorized(headers: &HeaderMap, project_id: &str, api_token: &str) -> bool {
    let Some(value) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let Some((scheme, encoded)) = value.trim().split_once(' ') else {
        return false;
    };
    if !scheme.eq_ignore_ascii_case("basic") {
        return false;
    }
    let Ok(decoded) = STANDARD.decode(encoded.trim()) else {
        return false;
    };
    let expected = format!("{project_id}:{api_token}");
    constant_time_eq(&decoded, expected.as_bytes())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::AUTHORIZATION, HeaderValue::from_str(value).unwrap());
        h
    }

    #[test]
    fn accepts_only_the_exact_pair() {
        let good = format!("Basic {}", STANDARD.encode("p:t"));
        assert!(is_authorized(&headers(&good), "p", "t"));
        let lower = format!("basic {}", STANDARD.encode("p:t"));
        assert!(is_authorized(&headers(&lower), "p", "t"));
        let wrong = format!("Basic {}", STANDARD.encode("p:x"));
        assert!(!is_authorized(&headers(&wrong), "p", "t"));
        assert!(!is_authorized(&headers("Bearer abc"), "p", "t"));
        assert!(!is_authorized(&headers("Basic !!!"), "p", "t"));
        assert!(!is_authorized(&HeaderMap::new(), "p", "t"));
    }
}
