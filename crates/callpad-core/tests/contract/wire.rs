//! What the client puts on the wire and how it reads answers the practice space never gives: a
//! scripted one-request-per-connection server on loopback that records each request verbatim.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use callpad_core::Error;
use callpad_core::signalwire::{
    CallStatus, Client, Credentials, DialRequest, SpaceUrl, USER_AGENT,
};
use callpad_core::swml::Document;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::support::Practice;

/// A server that answers the n-th connection with `replies[n]` and records every request.
struct Scripted {
    space: SpaceUrl,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Scripted {
    async fn start(replies: Vec<String>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let space = SpaceUrl::parse(&format!("http://{}", listener.local_addr().unwrap())).unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        tokio::spawn(async move {
            for reply in replies {
                let Ok((mut socket, _)) = listener.accept().await else {
                    return;
                };
                let request = read_request(&mut socket).await;
                seen.lock().unwrap().push(request);
                socket.write_all(reply.as_bytes()).await.unwrap();
                socket.shutdown().await.ok();
            }
        });
        Scripted { space, requests }
    }

    fn client(&self) -> Client {
        Client::with_config(
            self.space.clone(),
            Credentials::new("proj-1", "PTsecret-token"),
            Practice::config(),
        )
        .unwrap()
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

async fn read_request(socket: &mut tokio::net::TcpStream) -> String {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = socket.read(&mut chunk).await.unwrap();
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&buf);
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end]
                .lines()
                .find_map(|l| {
                    let (name, value) = l.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())?
                })
                .unwrap_or(0);
            if buf.len() >= end + 4 + length {
                break;
            }
        }
    }
    String::from_utf8(buf).unwrap()
}

fn reply(status: &str, headers: &[&str], body: &str) -> String {
    let mut text = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for header in headers {
        text.push_str(header);
        text.push_str("\r\n");
    }
    text.push_str("\r\n");
    text.push_str(body);
    text
}

fn dial() -> DialRequest {
    DialRequest::new(
        "+12065550100",
        "+15551234567",
        Document::say_and_hang_up("Hi"),
    )
}

#[tokio::test]
async fn requests_carry_basic_auth_the_user_agent_and_json() {
    let server = Scripted::start(vec![reply(
        "200 OK",
        &["Content-Type: application/json"],
        r#"{"call_id":"c-9","status":"queued"}"#,
    )])
    .await;

    let call = server.client().dial(&dial()).await.unwrap();

    assert_eq!(call.id, "c-9", "call_id is read as the id");
    assert_eq!(call.status, Some(CallStatus::Queued));
    let request = &server.requests()[0];
    let lower = request.to_ascii_lowercase();
    assert!(
        request.starts_with("POST /api/calling/calls HTTP/1.1\r\n"),
        "{request}"
    );
    // base64("proj-1:PTsecret-token")
    assert!(
        request.contains("authorization: Basic cHJvai0xOlBUc2VjcmV0LXRva2Vu\r\n")
            || request.contains("Authorization: Basic cHJvai0xOlBUc2VjcmV0LXRva2Vu\r\n"),
        "{request}"
    );
    assert!(lower.contains(&format!(
        "user-agent: {}\r\n",
        USER_AGENT.to_ascii_lowercase()
    )));
    assert!(USER_AGENT.starts_with("callpad/"));
    assert!(
        lower.contains("content-type: application/json\r\n"),
        "{request}"
    );
    assert!(lower.contains("accept: application/json\r\n"), "{request}");
    let body = &request[request.find("\r\n\r\n").unwrap() + 4..];
    let body: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(body["command"], "dial");
    assert_eq!(body["params"]["swml"]["version"], "1.0.0");
}

#[tokio::test]
async fn end_sends_calling_end_with_a_top_level_id() {
    let server = Scripted::start(vec![reply(
        "200 OK",
        &[],
        r#"{"id":"c-1","status":"ended"}"#,
    )])
    .await;
    server
        .client()
        .end("c-1", callpad_core::signalwire::EndReason::Hangup)
        .await
        .unwrap();
    let request = &server.requests()[0];
    let body = &request[request.find("\r\n\r\n").unwrap() + 4..];
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(body).unwrap(),
        serde_json::json!({"command":"calling.end","id":"c-1","params":{"reason":"hangup"}})
    );
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_honoured() {
    let when = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(2));
    let server = Scripted::start(vec![
        reply(
            "429 Too Many Requests",
            &[&format!("Retry-After: {when}")],
            r#"{"error":"Too Many Requests"}"#,
        ),
        reply(
            "200 OK",
            &[],
            r#"{"links":{},"data":[{"number":"+12065550100"}]}"#,
        ),
    ])
    .await;
    let started = Instant::now();

    let numbers = server.client().phone_numbers().await.unwrap();

    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(900),
        "waited only {waited:?}"
    );
    assert!(waited < Duration::from_secs(4), "waited {waited:?}");
    assert_eq!(numbers.len(), 1);
    assert_eq!(server.requests().len(), 2);
    assert!(server.requests()[0].contains("page_size=2"));
}

#[tokio::test]
async fn an_unreadable_2xx_to_a_dial_means_it_may_have_been_placed() {
    let server = Scripted::start(vec![reply("200 OK", &[], "<html>oops</html>")]).await;
    let err = server.client().dial(&dial()).await.unwrap_err();
    assert!(matches!(err, Error::DialOutcomeUnknown { .. }), "{err:?}");
    assert!(err.to_string().contains("accepted it (200)"), "{err}");
}

#[tokio::test]
async fn an_unreadable_2xx_to_a_read_is_a_bad_response() {
    let server = Scripted::start(vec![reply("200 OK", &[], "{\"id\": [1,")]).await;
    let err = server.client().voice_log("c-1").await.unwrap_err();
    assert!(
        matches!(err, Error::UndecodableResponse { status: 200, .. }),
        "{err:?}"
    );
    assert_eq!(err.code(), "bad_response");
}

#[tokio::test]
async fn a_next_link_to_another_host_is_not_followed() {
    let server = Scripted::start(vec![reply(
        "200 OK",
        &[],
        r#"{"links":{"next":"https://elsewhere.example.com/api/relay/rest/phone_numbers?page=2"},
            "data":[{"number":"+12065550100"}]}"#,
    )])
    .await;
    let err = server.client().phone_numbers().await.unwrap_err();
    assert!(err.to_string().contains("leaves the Space"), "{err}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_403_names_the_missing_scope_and_does_not_retry() {
    let server = Scripted::start(vec![reply(
        "403 Forbidden",
        &[],
        r#"{"error":"Forbidden: token lacks scope PTsecret-token"}"#,
    )])
    .await;
    let err = server.client().phone_numbers().await.unwrap_err();
    assert!(matches!(err, Error::Forbidden { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("Numbers for phone numbers"), "{msg}");
    assert!(
        !msg.contains("PTsecret-token"),
        "the token is scrubbed: {msg}"
    );
    assert_eq!(server.requests().len(), 1);
}
