//! Injected faults: 500 and 429 answer without acting; `hang` and `drop_after_request` act (a dial
//! places its call) and then never answer or cut the TCP connection.

use std::time::Duration;

use base64::Engine;
use reqwest::StatusCode;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::common::*;

/// Writes a complete authenticated dial request by hand and returns the open socket.
async fn raw_dial(h: &Harness, to: &str) -> TcpStream {
    let body = dial_body(to, json!({})).to_string();
    let auth = base64::engine::general_purpose::STANDARD.encode(format!(
        "{}:{}",
        h.space.project_id(),
        h.space.api_token()
    ));
    let request = format!(
        "POST /api/calling/calls HTTP/1.1\r\nHost: {}\r\nAuthorization: Basic {auth}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        h.space.addr(),
        body.len()
    );
    let mut stream = TcpStream::connect(h.space.addr()).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    stream
}

async fn calls(h: &Harness) -> (u64, Vec<serde_json::Value>) {
    let calls = h.control_get("/__practice/calls").await;
    (
        calls["dial_requests"].as_u64().unwrap(),
        calls["calls"].as_array().unwrap().clone(),
    )
}

#[tokio::test]
async fn status500_answers_500_without_placing_the_call() {
    let h = Harness::with_fault(json!({ "kind": "status500", "count": 2 })).await;
    for _ in 0..2 {
        let (status, body) = h.post_calls(&dial_body("+12065550175", json!({}))).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(body["error"].is_string(), "{body}");
    }
    assert_eq!(calls(&h).await, (0, vec![]));
    let (status, _) = h.post_calls(&dial_body("+12065550175", json!({}))).await;
    assert_eq!(status, StatusCode::OK);
    let (dials, placed) = calls(&h).await;
    assert_eq!((dials, placed.len()), (1, 1));
}

#[tokio::test]
async fn status429_carries_retry_after() {
    let h = Harness::with_fault(json!({ "kind": "status429", "count": 1, "retry_after": 1 })).await;
    let response = h
        .authed(reqwest::Method::POST, "/api/calling/calls")
        .json(&dial_body("+12065550175", json!({})))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()["retry-after"], "1");
    let (_, body) = read(response).await;
    assert!(body["error"].is_string());
    assert_eq!(calls(&h).await.1.len(), 0);

    // Without retry_after there is no header.
    h.add_fault(json!({ "kind": "status429" })).await;
    let response = h
        .authed(reqwest::Method::GET, "/api/relay/rest/phone_numbers")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(response.headers().get("retry-after").is_none());
    let (status, _) = h.get("/api/relay/rest/phone_numbers").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn hang_places_the_call_and_never_answers() {
    let h = Harness::with_fault(json!({ "kind": "hang" })).await;
    let result = h
        .authed(reqwest::Method::POST, "/api/calling/calls")
        .timeout(Duration::from_millis(400))
        .json(&dial_body("+12065550175", json!({})))
        .send()
        .await;
    let error = result.expect_err("no answer");
    assert!(error.is_timeout(), "{error:?}");
    let (dials, placed) = calls(&h).await;
    assert_eq!((dials, placed.len()), (1, 1), "the server got the dial");

    // By hand: the connection stays open and silent.
    h.add_fault(json!({ "kind": "hang" })).await;
    let mut stream = raw_dial(&h, "+12065550176").await;
    let mut buf = [0u8; 64];
    let read = tokio::time::timeout(Duration::from_millis(400), stream.read(&mut buf)).await;
    assert!(read.is_err(), "nothing arrives, not even a close: {read:?}");
    assert_eq!(calls(&h).await.1.len(), 2);

    // Shutting the space down closes it.
    h.space.shutdown().await;
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buf))
        .await
        .expect("closed at shutdown");
    assert!(matches!(read, Ok(0) | Err(_)), "{read:?}");
}

#[tokio::test]
async fn drop_after_request_places_the_call_then_cuts_the_connection() {
    let h = Harness::with_fault(json!({ "kind": "drop_after_request", "count": 2 })).await;

    let mut stream = raw_dial(&h, "+12065550175").await;
    let mut received = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut received))
        .await
        .expect("the connection is closed, not left hanging");
    assert!(matches!(read, Ok(0) | Err(_)), "{read:?}");
    assert!(
        received.is_empty(),
        "no response bytes: {:?}",
        String::from_utf8_lossy(&received)
    );

    let (dials, placed) = calls(&h).await;
    assert_eq!((dials, placed.len()), (1, 1), "the dial reached the server");
    assert_eq!(placed[0]["params"]["to"], "+12065550175");

    // A client sees a failed request, not a timeout.
    let error = h
        .authed(reqwest::Method::POST, "/api/calling/calls")
        .timeout(Duration::from_secs(5))
        .json(&dial_body("+12065550176", json!({})))
        .send()
        .await
        .expect_err("no response");
    assert!(!error.is_timeout(), "{error:?}");
    assert_eq!(calls(&h).await.1.len(), 2);

    // Faults are used up; the next dial is answered.
    let (status, _) = h.post_calls(&dial_body("+12065550177", json!({}))).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn path_prefix_limits_a_fault_and_the_control_api_is_never_hit() {
    let h = Harness::with_fault(
        json!({ "kind": "status500", "count": 1, "path_prefix": "/api/relay/" }),
    )
    .await;
    assert_eq!(
        h.control_get("/__practice/faults").await["faults"][0]["count"],
        1
    );
    let (status, _) = h.post_calls(&dial_body("+12065550175", json!({}))).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = h.get("/api/voice/logs/unknown").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = h.get("/api/relay/rest/verified_caller_ids").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    let (status, _) = h.get("/api/relay/rest/verified_caller_ids").await;
    assert_eq!(status, StatusCode::OK);

    h.add_fault(json!([{ "kind": "status500" }, { "kind": "status429", "count": 3 }]))
        .await;
    assert_eq!(
        h.control_get("/__practice/faults").await["faults"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let cleared = h
        .http
        .delete(h.url("/__practice/faults"))
        .send()
        .await
        .unwrap();
    assert_eq!(cleared.status(), StatusCode::OK);
    assert_eq!(
        h.control_get("/__practice/faults").await["faults"],
        json!([])
    );
    let (status, _) = h.get("/api/relay/rest/phone_numbers").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn faults_hit_before_auth_so_any_request_uses_them_up() {
    let h = Harness::with_fault(json!({ "kind": "status500" })).await;
    assert_eq!(
        h.unauthed_status("/api/relay/rest/phone_numbers").await,
        StatusCode::INTERNAL_SERVER_ERROR
    );
    assert_eq!(
        h.unauthed_status("/api/relay/rest/phone_numbers").await,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn bad_fault_requests_are_refused() {
    let h = Harness::start().await;
    for body in [
        json!({ "kind": "status503" }),
        json!({ "count": 1 }),
        json!({ "kind": "hang", "cuont": 2 }),
        json!({ "kind": "hang", "count": -1 }),
    ] {
        let (status, reply) = h.control_post("/__practice/faults", body.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert!(reply["error"].is_string());
    }
    assert_eq!(
        h.control_get("/__practice/faults").await["faults"],
        json!([])
    );
}
