//! The test harness: a practice space with a client that speaks to it, a tiny webhook receiver,
//! and helpers that wait for a definite event (a call's state, a log's status, webhooks held or
//! every queued webhook delivered) instead of sleeping.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::StatusCode as AxumStatus;
use hmac::{Hmac, KeyInit, Mac};
use practice_space::{Config, RunningSpace};
use reqwest::StatusCode;
use serde_json::{Value, json};
use sha1::Sha1;
use tokio::sync::Notify;

/// Fast enough that a 2 s ring takes 40 ms, slow enough that steps stay apart on a busy machine.
pub const FAST: f64 = 50.0;
/// How long any wait in a test may take before it fails.
pub const DEADLINE: Duration = Duration::from_secs(15);
/// A number the practice project owns (voice capable).
pub const OWNED: &str = "+12065550100";

pub struct Harness {
    pub space: RunningSpace,
    pub http: reqwest::Client,
}

impl Harness {
    pub async fn start() -> Self {
        Self::with_speed(FAST).await
    }

    pub async fn with_speed(speed: f64) -> Self {
        Self::with_config(Config {
            speed,
            ..Config::default()
        })
        .await
    }

    pub async fn with_config(config: Config) -> Self {
        let space = practice_space::start(config)
            .await
            .expect("practice space starts");
        Self {
            space,
            http: reqwest::Client::new(),
        }
    }

    /// A practice space with `fault` queued before anything is asked of it.
    pub async fn with_fault(fault: Value) -> Self {
        let h = Self::start().await;
        h.add_fault(fault).await;
        h
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.space.base_url())
    }

    /// An authenticated request builder.
    pub fn authed(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, self.url(path))
            .basic_auth(self.space.project_id(), Some(self.space.api_token()))
    }

    pub async fn post_calls(&self, body: &Value) -> (StatusCode, Value) {
        let response = self
            .authed(reqwest::Method::POST, "/api/calling/calls")
            .json(body)
            .send()
            .await
            .expect("request sent");
        read(response).await
    }

    /// Posts `body` to the calling API, expects a 422 and returns its `(code, attribute)` pairs.
    pub async fn calling_refused(&self, body: &Value) -> Vec<(String, String)> {
        let (status, reply) = self.post_calls(body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body} → {reply}");
        calling_errors(&reply)
    }

    /// Sends [`update_command`].
    pub async fn update(&self, id: &str, status: &str) -> (StatusCode, Value) {
        self.post_calls(&update_command(id, status)).await
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        let response = self
            .authed(reqwest::Method::GET, path)
            .send()
            .await
            .expect("request sent");
        read(response).await
    }

    /// The status a GET of `path` without credentials gets.
    pub async fn unauthed_status(&self, path: &str) -> StatusCode {
        let response = self.http.get(self.url(path)).send().await;
        response.expect("request sent").status()
    }

    /// Dials `to` from the owned number with inline SWML, `extra` merged into `params`; expects 200.
    pub async fn dial(&self, to: &str, extra: Value) -> Value {
        let (status, body) = self.post_calls(&dial_body(to, extra)).await;
        assert_eq!(status, StatusCode::OK, "dial refused: {body}");
        body
    }

    pub async fn end(&self, id: &str, params: Value) -> (StatusCode, Value) {
        self.post_calls(&json!({ "command": "calling.end", "id": id, "params": params }))
            .await
    }

    pub async fn control_get(&self, path: &str) -> Value {
        let response = self.http.get(self.url(path)).send().await.unwrap();
        let (status, body) = read(response).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
        body
    }

    pub async fn control_post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        let response = self
            .http
            .post(self.url(path))
            .json(&body)
            .send()
            .await
            .unwrap();
        read(response).await
    }

    pub async fn add_fault(&self, fault: Value) {
        let (status, body) = self.control_post("/__practice/faults", fault).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }

    /// The control API's record of call `id`.
    pub async fn record(&self, id: &str) -> Value {
        let calls = self.control_get("/__practice/calls").await;
        calls["calls"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("call {id} not in {calls}"))
    }

    /// Returns once every webhook queued so far has been sent (or dropped or held, as the
    /// controls say): the space sends webhooks one at a time in the order they were queued, so
    /// when the end of a call placed now reaches a receiver of its own, nothing queued before it
    /// (a duplicate, a second report of an end) is still on its way. Call it after the event
    /// whose webhooks are counted, then assert what did not arrive.
    pub async fn drain_webhooks(&self) {
        let marker = Receiver::start().await;
        // Ends in 2: fails at once, and only the end is reported.
        self.dial(
            "+12065550172",
            json!({ "status_url": marker.url("/drained") }),
        )
        .await;
        marker.wait_for(1).await;
    }

    /// Polls the control API until `/__practice/webhooks` reports `held` webhooks held back.
    pub async fn wait_for_held(&self, held: u64) {
        poll(&format!("{held} webhooks held"), || async {
            let status = self.control_get("/__practice/webhooks").await;
            (status["held"] == held).then_some(()).ok_or(status)
        })
        .await
    }

    /// Polls the control API until call `id` is in `state`.
    pub async fn wait_for_state(&self, id: &str, state: &str) -> Value {
        poll(&format!("call {id} in {state}"), || async {
            let record = self.record(id).await;
            if record["status"] == state {
                Ok(record)
            } else {
                Err(record)
            }
        })
        .await
    }

    /// Polls the voice log until its `status` is `status`.
    pub async fn wait_for_log_status(&self, id: &str, status: &str) -> Value {
        poll(&format!("log {id} {status}"), || async {
            let (code, log) = self.get(&format!("/api/voice/logs/{id}")).await;
            assert_eq!(code, StatusCode::OK);
            if log["status"] == status {
                Ok(log)
            } else {
                Err(log)
            }
        })
        .await
    }
}

/// Calls `check` every 5 ms until it gives `Ok`, failing after [`DEADLINE`] with `what` and the
/// last thing it saw.
async fn poll<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, Value>>,
{
    let started = Instant::now();
    loop {
        match check().await {
            Ok(done) => return done,
            Err(seen) => assert!(started.elapsed() < DEADLINE, "never {what}: {seen}"),
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

pub async fn read(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    let text = response.text().await.expect("body read");
    let body = serde_json::from_str(&text).unwrap_or_else(|_| json!({ "raw": text }));
    (status, body)
}

pub fn swml() -> Value {
    json!({ "version": "1.0.0", "sections": { "main": [ {"answer": {}}, {"play": {"url": "say:Hello"}}, {"hangup": {}} ] } })
}

/// A dial envelope from the owned number to `to`, with `extra` merged into `params`.
pub fn dial_body(to: &str, extra: Value) -> Value {
    let mut params = json!({ "from": OWNED, "to": to, "swml": swml() });
    if let Value::Object(extra) = extra {
        for (k, v) in extra {
            if v.is_null() {
                params.as_object_mut().unwrap().remove(&k);
            } else {
                params[k] = v;
            }
        }
    }
    json!({ "command": "dial", "params": params })
}

/// `(state, at_ms)` of every history entry.
pub fn history(record: &Value) -> Vec<(String, u64)> {
    record["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["state"].as_str().unwrap().to_owned(),
                h["at_ms"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The history as states with times relative to `created` (queued is left out).
pub fn timeline(record: &Value) -> Vec<(String, u64)> {
    let entries = history(record);
    let created = entries
        .iter()
        .find(|(s, _)| s == "created")
        .map(|(_, at)| *at)
        .expect("created in history");
    entries
        .into_iter()
        .filter(|(s, _)| s != "queued")
        .map(|(s, at)| (s, at - created))
        .collect()
}

/// `status` and `body` are a relay-shaped 422: one error with its status, detail, title and code.
pub fn assert_relay_422(status: reqwest::StatusCode, body: &Value) {
    assert_eq!(status, reqwest::StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let errors = body["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    let error = &errors[0];
    assert_eq!(error["status"], "422");
    for key in ["detail", "title", "code"] {
        assert!(
            error[key].as_str().is_some_and(|s| !s.is_empty()),
            "{key} in {error}"
        );
    }
}

/// The `name` link (`self`, `first`, `next`, `prev`) of a list page; it must be there.
pub fn link<'a>(page: &'a Value, name: &str) -> &'a str {
    page["links"][name].as_str().unwrap()
}

/// A JSON object's keys, sorted.
pub fn sorted_keys(object: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = object
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

/// The timeline of an answered call at 1×: rings 2 s, talks 20 s.
pub const ANSWERED_TIMELINE: [(&str, u64); 4] = [
    ("created", 0),
    ("ringing", 0),
    ("answered", 2_000),
    ("ended", 22_000),
];

pub fn steps(list: &[(&str, u64)]) -> Vec<(String, u64)> {
    list.iter().map(|(s, t)| ((*s).to_owned(), *t)).collect()
}

/// Lowercase hex HMAC-SHA1, computed here independently of the crate.
pub fn hmac_sha1_hex(key: &str, message: &[u8]) -> String {
    let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(key.as_bytes()).unwrap();
    mac.update(message);
    hex::encode(mac.finalize().into_bytes())
}

/// Lowercase hex HMAC-SHA256, computed here independently of the crate.
pub fn hmac_sha256_hex(key: &str, message: &[u8]) -> String {
    let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(key.as_bytes()).unwrap();
    mac.update(message);
    hex::encode(mac.finalize().into_bytes())
}

/// One webhook (or SWML request) as the receiver got it.
#[derive(Debug, Clone)]
pub struct Hit {
    pub method: String,
    /// Every header, names lowercase.
    pub headers: Vec<(String, String)>,
    /// Path and query as requested.
    pub path_and_query: String,
    pub signature: Option<String>,
    pub sha256: Option<String>,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

impl Hit {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("webhook body is JSON")
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn call_state(&self) -> String {
        self.json()["params"]["call_state"]
            .as_str()
            .unwrap()
            .to_owned()
    }
}

#[derive(Default)]
struct Inbox {
    hits: Mutex<Vec<Hit>>,
    arrived: Notify,
    /// What every request is answered with; 200 and no body when unset.
    reply: Option<(u16, String)>,
}

/// A tiny HTTP server that records every request and answers 200 (or what it was told).
pub struct Receiver {
    addr: SocketAddr,
    inbox: Arc<Inbox>,
    task: tokio::task::JoinHandle<()>,
}

impl Receiver {
    pub async fn start() -> Self {
        Self::start_inbox(Inbox::default()).await
    }

    /// A receiver that answers every request with `status` and the JSON `body`.
    pub async fn answering(status: u16, body: Value) -> Self {
        Self::start_inbox(Inbox {
            reply: Some((status, body.to_string())),
            ..Inbox::default()
        })
        .await
    }

    async fn start_inbox(inbox: Inbox) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let inbox = Arc::new(inbox);
        let app = axum::Router::new()
            .fallback(record_hit)
            .with_state(Arc::clone(&inbox));
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Self { addr, inbox, task }
    }

    /// A full URL on this receiver.
    pub fn url(&self, path_and_query: &str) -> String {
        format!("http://{}{path_and_query}", self.addr)
    }

    pub fn hits(&self) -> Vec<Hit> {
        self.inbox.hits.lock().unwrap().clone()
    }

    /// Waits until at least `n` webhooks arrived and returns them all.
    pub async fn wait_for(&self, n: usize) -> Vec<Hit> {
        let started = Instant::now();
        loop {
            let notified = self.inbox.arrived.notified();
            let hits = self.hits();
            if hits.len() >= n {
                return hits;
            }
            let left = DEADLINE.saturating_sub(started.elapsed());
            assert!(
                !left.is_zero(),
                "only {} of {n} webhooks arrived: {hits:?}",
                hits.len()
            );
            let _ = tokio::time::timeout(left, notified).await;
        }
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn record_hit(
    State(inbox): State<Arc<Inbox>>,
    request: Request,
) -> (AxumStatus, [(&'static str, &'static str); 1], String) {
    let (parts, body) = request.into_parts();
    let body: Bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
    let header = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let hit = Hit {
        method: parts.method.to_string(),
        headers: parts
            .headers
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_owned(),
                    v.to_str().unwrap_or_default().to_owned(),
                )
            })
            .collect(),
        path_and_query: parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default(),
        signature: header("x-signalwire-signature"),
        sha256: header("x-signalwire-sha256-signature"),
        content_type: header("content-type"),
        body: body.to_vec(),
    };
    inbox.hits.lock().unwrap().push(hit);
    inbox.arrived.notify_waiters();
    let (status, body) = inbox.reply.clone().unwrap_or((200, String::new()));
    (
        AxumStatus::from_u16(status).unwrap(),
        [("content-type", "application/json")],
        body,
    )
}

/// A loopback URL nothing listens on.
pub async fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}/status")
}

/// The `update` command, setting call `id`'s status (`canceled` or `completed`).
pub fn update_command(id: &str, status: &str) -> Value {
    json!({ "command": "update", "params": { "id": id, "status": status } })
}

/// Asserts a calling-API 422 body and returns `(code, attribute)` of every entry.
pub fn calling_errors(body: &Value) -> Vec<(String, String)> {
    let errors = body["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no errors[] in {body}"));
    assert!(!errors.is_empty());
    errors
        .iter()
        .map(|e| {
            assert_eq!(e["type"], "validation_error", "{e}");
            let code = e["code"].as_str().expect("code is a string");
            assert!(!e["message"].as_str().expect("message").is_empty(), "{e}");
            assert_eq!(
                e["url"].as_str().expect("url"),
                format!("https://developer.signalwire.com/rest/overview/error-codes/#{code}")
            );
            (
                code.to_owned(),
                e["attribute"].as_str().expect("attribute").to_owned(),
            )
        })
        .collect()
}

/// `(code, attribute)` pairs, for comparing with [`calling_errors`].
pub fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(c, a)| ((*c).to_owned(), (*a).to_owned()))
        .collect()
}

/// True if `s` looks like `YYYY-MM-DDTHH:MM:SSZ`.
pub fn is_rfc3339_utc(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && b[19] == b'Z'
        && b.iter()
            .enumerate()
            .all(|(i, c)| [4, 7, 10, 13, 16, 19].contains(&i) || c.is_ascii_digit())
}

/// True for a lowercase hyphenated UUID version 4.
pub fn is_uuid_v4(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.iter().map(|p| p.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
        && s.chars()
            .all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c))
        && parts[2].starts_with('4')
}
