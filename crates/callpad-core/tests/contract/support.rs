//! Test plumbing: a practice space per test, clients aimed at it with quick retries, a plain dial,
//! and the practice control API (`/__practice/…`) for faults, for counting what reached the
//! server and for waiting until every webhook was delivered.

use std::time::Duration;

use callpad_core::signalwire::{
    Call, Client, ClientConfig, Credentials, DialRequest, RetryPolicy, SpaceUrl,
};
use callpad_core::swml::Document;
use practice_space::RunningSpace;
use serde_json::Value;

pub const OWNED: &str = "+12065550100";
/// Ends in 7: the practice space answers it.
pub const ANSWERS: &str = "+15551234567";
/// Ends in 1: rings until the ring timeout.
pub const NO_ANSWER: &str = "+15551234561";
/// A verified caller ID still pending, so refused as caller ID.
pub const PENDING_CALLER_ID: &str = "+13035550177";

pub struct Practice {
    pub space: RunningSpace,
    control: reqwest::Client,
}

impl Practice {
    /// A practice space whose clock runs 50× fast.
    pub async fn start() -> Self {
        let space = practice_space::start(practice_space::Config {
            speed: 50.0,
            ..Default::default()
        })
        .await
        .expect("practice space starts");
        Practice {
            space,
            control: reqwest::Client::new(),
        }
    }

    /// [`Practice::start`] with `fault` queued before anything is asked of it.
    pub async fn with_fault(fault: Value) -> Self {
        let practice = Self::start().await;
        practice.fault(fault).await;
        practice
    }

    pub fn space_url(&self) -> SpaceUrl {
        SpaceUrl::parse(&self.space.base_url()).unwrap()
    }

    /// Quick retries (1 ms base), 2 items a page so listings span pages.
    pub fn config() -> ClientConfig {
        ClientConfig {
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(10),
            retry: RetryPolicy {
                max_attempts: 3,
                base_delay: Duration::from_millis(1),
                max_delay: Duration::from_millis(20),
                max_retry_after: Duration::from_secs(5),
            },
            page_size: 2,
        }
    }

    pub fn client(&self) -> Client {
        self.client_with(Self::config())
    }

    pub fn client_with(&self, config: ClientConfig) -> Client {
        let credentials = Credentials::new(self.space.project_id(), self.space.api_token());
        Client::with_config(self.space_url(), credentials, config).unwrap()
    }

    pub fn client_with_token(&self, token: &str) -> Client {
        let credentials = Credentials::new(self.space.project_id(), token);
        Client::with_config(self.space_url(), credentials, Self::config()).unwrap()
    }

    fn control_url(&self, path: &str) -> String {
        format!("{}/__practice/{path}", self.space.base_url())
    }

    /// Queues a fault, e.g. `{"kind":"status500","count":2}`.
    pub async fn fault(&self, fault: Value) {
        let response = self
            .control
            .post(self.control_url("faults"))
            .json(&fault)
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "fault {fault} refused");
    }

    /// Posts to a control path, e.g. `("webhooks", {"signatures":"none"})`; expects success.
    pub async fn control(&self, path: &str, body: Value) {
        let response = self
            .control
            .post(self.control_url(path))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success(),
            "control {path} {body} refused"
        );
    }

    /// How many hits of queued faults are still waiting.
    pub async fn faults_left(&self) -> u64 {
        let listing = self.control_get("faults").await;
        listing["faults"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["count"].as_u64().unwrap())
            .sum()
    }

    /// `{dial_requests, calls:[…]}`: every dial that reached the server.
    pub async fn calls(&self) -> Value {
        self.control_get("calls").await
    }

    /// `GET /__practice/PATH` as JSON.
    async fn control_get(&self, path: &str) -> Value {
        self.control
            .get(self.control_url(path))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    pub async fn placed_calls(&self) -> Vec<Value> {
        self.calls().await["calls"].as_array().unwrap().clone()
    }

    pub async fn dial_requests(&self) -> u64 {
        self.calls().await["dial_requests"].as_u64().unwrap()
    }

    /// Waits until every webhook the first call placed will ever send has been delivered: the
    /// call has ended at the Space, and the delivery counter has reached one webhook per state it
    /// went through that its `status_events` asked for (webhook controls left at their defaults).
    pub async fn until_webhooks_delivered(&self) {
        let started = std::time::Instant::now();
        loop {
            let call = self.placed_calls().await.remove(0);
            let asked: Vec<&Value> = call["params"]["status_events"]
                .as_array()
                .map(|events| events.iter().collect())
                .unwrap_or_default();
            let states: Vec<&Value> = call["history"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| &h["state"])
                .collect();
            let expected = states.iter().filter(|s| asked.contains(s)).count() as u64;
            let attempted = self.webhook_status().await["attempted"].as_u64().unwrap();
            if call["status"] == "ended" && attempted >= expected {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "{attempted} of {expected} webhooks delivered: {call}"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// `GET /__practice/webhooks`: the delivery settings and counters.
    pub async fn webhook_status(&self) -> Value {
        self.control_get("webhooks").await
    }
}

/// Dials `to` from [`OWNED`] with a short spoken message; the dial must succeed.
pub async fn dial_message(client: &Client, to: &str) -> Call {
    client
        .dial(&DialRequest::new(OWNED, to, Document::say_and_hang_up("x")))
        .await
        .unwrap()
}

/// A Space URL on loopback where nothing listens.
pub async fn dead_space() -> SpaceUrl {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    SpaceUrl::parse(&format!("http://127.0.0.1:{port}")).unwrap()
}
