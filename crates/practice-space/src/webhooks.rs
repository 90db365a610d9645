//! Status webhooks: the `calling.call.state` body, its signatures (`X-SignalWire-Signature` HMAC-SHA1
//! and `X-SignalWire-SHA256-Signature` HMAC-SHA256, over the URL as the HTTP client requests it),
//! and one delivery worker that sends them in order, best-effort, with the duplicate / reorder /
//! drop / signature-mode test controls.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha1::Sha1;
use sha2::Sha256;
use tokio::sync::mpsc;

use crate::calling::call::{Call, CallState};
use crate::space::Space;
use crate::timefmt::float_secs;

/// The header the HMAC-SHA1 signature travels in.
pub(crate) const SIGNATURE_HEADER: &str = "X-SignalWire-Signature";
/// The header the HMAC-SHA256 signature travels in.
pub(crate) const SHA256_SIGNATURE_HEADER: &str = "X-SignalWire-SHA256-Signature";

/// Which signature headers webhooks carry (control API `signatures`). Default: both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum SignatureMode {
    #[default]
    Both,
    Sha1,
    Sha256,
    /// No signature at all, as SignalWire may send status callbacks.
    None,
}

/// Lowercase hex HMAC-SHA1 keyed with the signing key over the URL, then the raw body.
pub(crate) fn sign(signing_key: &str, url: &str, body: &[u8]) -> String {
    // HMAC takes keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(signing_key.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(url.as_bytes());
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// Lowercase hex HMAC-SHA256 keyed with the signing key over the URL, then the raw body.
pub(crate) fn sign_sha256(signing_key: &str, url: &str, body: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(signing_key.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(url.as_bytes());
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// The URL the receiver sees for `url` once an HTTP client requests it: parsed and normalised
/// (a bare origin gains `/`, `..` is resolved, percent-encoding is normalised), without the
/// `#fragment` (never sent) and without `user:pass@` (sent as a header, not in the URL).
pub(crate) fn requested_url(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(mut parsed) => {
            parsed.set_fragment(None);
            let _ = parsed.set_username("");
            let _ = parsed.set_password(None);
            parsed.to_string()
        }
        Err(_) => url.to_owned(),
    }
}

/// The `calling.call.state` envelope for `call` as of its change at `at_ms`.
pub(crate) fn state_event_body(space: &Space, call: &Call, at_ms: u64) -> Vec<u8> {
    let device_type = if call.is_sip() { "sip" } else { "phone" };
    let end_reason = match call.state {
        CallState::Ended => call.end_reason.map(|r| r.as_str()),
        _ => None,
    };
    let body = json!({
        "event_type": "calling.call.state",
        "timestamp": float_secs(at_ms),
        "project_id": space.project_id,
        "space_id": space.space_id,
        "params": {
            "call_id": call.id,
            "node_id": space.node_id,
            "call_state": call.state.as_str(),
            "direction": "outbound",
            "device": {
                "type": device_type,
                "params": { "from_number": call.dial.from, "to_number": call.dial.to },
            },
            "end_reason": end_reason,
            "start_time": call.start_ms.unwrap_or(call.created_ms),
            "answer_time": call.answer_ms,
            "end_time": call.end_ms,
        },
    });
    serde_json::to_vec(&body).unwrap_or_default()
}

/// One signed webhook ready to send.
#[derive(Debug, Clone)]
struct Delivery {
    url: String,
    body: Vec<u8>,
    sha1: Option<String>,
    sha256: Option<String>,
}

enum Job {
    Deliver(Delivery),
    /// Release webhooks held for reordering, newest first.
    Flush,
}

/// What the control API may change about delivery, and counters it reports.
#[derive(Debug, Default)]
pub(crate) struct WebhookControl {
    /// Each of the next N webhooks is sent twice, back to back.
    pub(crate) duplicate: u32,
    /// The next N webhooks are held; when the Nth arrives all N are sent newest first.
    pub(crate) reorder: u32,
    /// The next N webhooks are never sent.
    pub(crate) drop: u32,
    /// Which signature headers are sent.
    pub(crate) signatures: SignatureMode,
    held: Vec<(Delivery, u32)>,
    /// Webhooks handed to the network (duplicates count twice) and those that failed.
    pub(crate) attempted: u64,
    pub(crate) failed: u64,
}

impl WebhookControl {
    /// Forgets the held webhooks and every setting.
    pub(crate) fn reset(&mut self) {
        *self = Self::default();
    }

    /// What to send now for a new webhook: drop wins, then duplicate marks it, then reorder holds it.
    fn route(&mut self, delivery: Delivery) -> Vec<Delivery> {
        if self.drop > 0 {
            self.drop -= 1;
            tracing::debug!(url = %delivery.url, "practice webhook dropped on request");
            return Vec::new();
        }
        let copies = if self.duplicate > 0 {
            self.duplicate -= 1;
            2
        } else {
            1
        };
        if self.reorder > 0 {
            self.held.push((delivery, copies));
            self.reorder -= 1;
            return if self.reorder == 0 {
                self.release()
            } else {
                Vec::new()
            };
        }
        vec![delivery; copies as usize]
    }

    fn release(&mut self) -> Vec<Delivery> {
        self.held
            .drain(..)
            .rev()
            .flat_map(|(d, copies)| std::iter::repeat_n(d, copies as usize))
            .collect()
    }
}

/// The sending side of the delivery worker.
pub(crate) struct Webhooks {
    signing_key: String,
    jobs: mpsc::UnboundedSender<Job>,
    control: Arc<Mutex<WebhookControl>>,
}

/// The receiving side, run by [`deliver_forever`].
pub(crate) struct DeliveryWorker {
    jobs: mpsc::UnboundedReceiver<Job>,
    control: Arc<Mutex<WebhookControl>>,
    client: reqwest::Client,
}

impl Webhooks {
    pub(crate) fn new(signing_key: &str, client: reqwest::Client) -> (Self, DeliveryWorker) {
        let (tx, rx) = mpsc::unbounded_channel();
        let control = Arc::new(Mutex::new(WebhookControl::default()));
        (
            Self {
                signing_key: signing_key.to_owned(),
                jobs: tx,
                control: Arc::clone(&control),
            },
            DeliveryWorker {
                jobs: rx,
                control,
                client,
            },
        )
    }

    /// Signs and queues a webhook. Never waits: the call clock does not depend on delivery.
    pub(crate) fn enqueue(&self, url: String, body: Vec<u8>) {
        let mode = self.control().signatures;
        let signed = requested_url(&url);
        let sha1 = matches!(mode, SignatureMode::Both | SignatureMode::Sha1)
            .then(|| sign(&self.signing_key, &signed, &body));
        let sha256 = matches!(mode, SignatureMode::Both | SignatureMode::Sha256)
            .then(|| sign_sha256(&self.signing_key, &signed, &body));
        let _ = self.jobs.send(Job::Deliver(Delivery {
            url,
            body,
            sha1,
            sha256,
        }));
    }

    /// Releases held webhooks now (newest first), even if fewer than asked for arrived.
    pub(crate) fn flush(&self) {
        let _ = self.jobs.send(Job::Flush);
    }

    pub(crate) fn control(&self) -> MutexGuard<'_, WebhookControl> {
        self.control.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The settings and counters the control API reports.
#[derive(Debug, Serialize)]
pub(crate) struct WebhookStatus {
    pub(crate) duplicate: u32,
    pub(crate) reorder: u32,
    pub(crate) drop: u32,
    pub(crate) signatures: SignatureMode,
    pub(crate) held: usize,
    pub(crate) attempted: u64,
    pub(crate) failed: u64,
}

impl WebhookControl {
    pub(crate) fn status(&self) -> WebhookStatus {
        WebhookStatus {
            duplicate: self.duplicate,
            reorder: self.reorder,
            drop: self.drop,
            signatures: self.signatures,
            held: self.held.len(),
            attempted: self.attempted,
            failed: self.failed,
        }
    }
}

/// Sends queued webhooks one after another until the space shuts down. A failure is logged and
/// the webhook dropped; there are no retries.
pub(crate) async fn deliver_forever(mut worker: DeliveryWorker) {
    while let Some(job) = worker.jobs.recv().await {
        let batch = {
            let mut control = worker
                .control
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            match job {
                Job::Deliver(delivery) => control.route(delivery),
                Job::Flush => control.release(),
            }
        };
        for delivery in batch {
            let ok = send(&worker.client, &delivery).await;
            let mut control = worker
                .control
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            control.attempted += 1;
            if !ok {
                control.failed += 1;
            }
        }
    }
}

async fn send(client: &reqwest::Client, delivery: &Delivery) -> bool {
    let mut request = client
        .post(&delivery.url)
        .header(reqwest::header::CONTENT_TYPE, "application/json");
    if let Some(sig) = &delivery.sha1 {
        request = request.header(SIGNATURE_HEADER, sig);
    }
    if let Some(sig) = &delivery.sha256 {
        request = request.header(SHA256_SIGNATURE_HEADER, sig);
    }
    let result = request.body(delivery.body.clone()).send().await;
    // Logged without any `user:pass@` the URL may hold.
    let shown = requested_url(&delivery.url);
    match result {
        Ok(response) if response.status().is_success() => true,
        Ok(response) => {
            tracing::warn!(url = %shown, status = %response.status(), "practice webhook refused; dropped");
            false
        }
        Err(_) => {
            tracing::warn!(url = %shown, "practice webhook not delivered; dropped");
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delivery(n: u8) -> Delivery {
        Delivery {
            url: format!("http://x/{n}"),
            body: vec![n],
            sha1: None,
            sha256: None,
        }
    }

    fn urls(batch: &[Delivery]) -> Vec<&str> {
        batch.iter().map(|d| d.url.as_str()).collect()
    }

    #[test]
    fn signature_matches_a_known_value() {
        // HMAC-SHA1("key", "The quick brown fox jumps over the lazy dog"), a published test vector.
        assert_eq!(
            sign("key", "The quick brown fox ", b"jumps over the lazy dog"),
            "de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9"
        );
    }

    #[test]
    fn signs_the_official_signalwire_vector() {
        // signalwire-js validateRequest.test.ts.
        let body = r#"{"call":{"call_id":"b5d63b2e-f75b-4dc8-b6d4-269b635f96c0","node_id":"fa3570ae-f8bd-42c2-83f4-9950d906c91b@us-west","segment_id":"b5d63b2e-f75b-4dc8-b6d4-269b635f96c0","call_state":"created","direction":"inbound","type":"phone","from":"+12135877632","to":"+12089806814","from_number":"+12135877632","to_number":"+12089806814","project_id":"4b7ae78a-d02e-4889-a63b-08b156d5916e","space_id":"62615f44-2a34-4235-b38b-76b5a1de6ef8"},"vars":{}}"#;
        let url = "https://81f2-2-45-18-191.ngrok-free.app/";
        assert_eq!(
            sign("PSK_7TruNcSNTxp4zNrykMj4EPzF", url, body.as_bytes()),
            "b18500437ebb010220ddd770cbe6fd531ea0ba0d"
        );
        // RFC 4231 test case 2.
        assert_eq!(
            sign_sha256("Jefe", "what do ya want ", b"for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn the_signed_url_is_the_one_requested() {
        assert_eq!(requested_url("http://127.0.0.1:9"), "http://127.0.0.1:9/");
        assert_eq!(
            requested_url("http://127.0.0.1:9/a/../status/t?x=1#frag"),
            "http://127.0.0.1:9/status/t?x=1"
        );
        assert_eq!(
            requested_url("http://u:p@127.0.0.1:9/s?q=a b"),
            "http://127.0.0.1:9/s?q=a%20b"
        );
    }

    #[test]
    fn reorder_holds_then_releases_newest_first() {
        let mut control = WebhookControl {
            reorder: 3,
            ..Default::default()
        };
        assert!(control.route(delivery(1)).is_empty());
        assert!(control.route(delivery(2)).is_empty());
        assert_eq!(
            urls(&control.route(delivery(3))),
            ["http://x/3", "http://x/2", "http://x/1"]
        );
        assert_eq!(urls(&control.route(delivery(4))), ["http://x/4"]);
    }

    #[test]
    fn duplicate_and_drop_count_down() {
        let mut control = WebhookControl {
            duplicate: 1,
            drop: 1,
            ..Default::default()
        };
        assert!(control.route(delivery(1)).is_empty());
        assert_eq!(
            urls(&control.route(delivery(2))),
            ["http://x/2", "http://x/2"]
        );
        assert_eq!(urls(&control.route(delivery(3))), ["http://x/3"]);
    }
}
