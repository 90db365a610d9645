//! The local status listener: an HTTP server on 127.0.0.1 (a random free port) that receives
//! `status_url` webhooks (and the second leg's `call_state_url` ones) and hands each accepted one
//! to the tracker's channel, counting what it received. Tunnels are elsewhere.
//!
//! Trust: the unguessable per-session token in the path is what authenticates a webhook, because
//! SignalWire does not promise to sign status callbacks. A request that carries a signature must
//! carry the right one (SHA256 preferred, else SHA1) or it is refused; an unsigned one on the right
//! path is accepted and counted as unsigned — unless the profile requires signed webhooks.
//!
//! Reminder calls report the key pressed with a SWML `request` step (unsigned, per the contract)
//! to `/reminders/{attempt token}/key`: only tokens opened with [`Listener::open_report`] are
//! accepted, anything else is a 404 that changes nothing.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, OriginalUri, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use rand::RngCore;
use serde::Serialize;
use tokio::sync::{mpsc, oneshot};
use ts_rs::TS;

use super::observation::Observation;
use super::signature::{Algorithm, SHA256_SIGNATURE_HEADER, SIGNATURE_HEADER, verify_with};
use super::webhook::parse_webhook;
use crate::{Error, Result};

/// The largest webhook body accepted; SignalWire's are well under 2 KiB.
pub const BODY_LIMIT: usize = 64 * 1024;

/// What the listener has received this session, for "12 webhooks, 0 signed".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WebhookTally {
    /// Requests that reached the listener, accepted or not.
    #[ts(type = "number")]
    pub received: u64,
    /// Accepted with a signature that matched the profile's signing key.
    #[ts(type = "number")]
    pub signed: u64,
    /// Accepted without a signature that could be checked (none sent, or no signing key here).
    #[ts(type = "number")]
    pub unsigned: u64,
    /// Refused: wrong path token, a wrong signature, unsigned while signatures are required, or
    /// a body that is not a call state.
    #[ts(type = "number")]
    pub refused: u64,
    /// Why the latest refusal happened, in words (never holds a secret).
    pub last_refusal: Option<String>,
}

impl WebhookTally {
    /// "12 webhooks, 0 signed" (and ", 3 refused" when any were).
    pub fn sentence(&self) -> String {
        let accepted = self.signed + self.unsigned;
        let mut text = format!(
            "{accepted} webhook{}, {} signed",
            if accepted == 1 { "" } else { "s" },
            self.signed
        );
        if self.refused > 0 {
            text.push_str(&format!(", {} refused", self.refused));
        }
        text
    }

    /// A plain warning when webhooks were refused, saying what it means and what to do.
    pub fn warning(&self) -> Option<String> {
        if self.refused == 0 {
            return None;
        }
        Some(format!(
            "{} webhook{} refused ({}); live status may come only from the slower call-log polling",
            self.refused,
            if self.refused == 1 { " was" } else { "s were" },
            self.last_refusal.as_deref().unwrap_or("see the log")
        ))
    }
}

#[derive(Default)]
struct Counters {
    received: AtomicU64,
    signed: AtomicU64,
    unsigned: AtomicU64,
    refused: AtomicU64,
    last_refusal: Mutex<Option<String>>,
}

impl Counters {
    fn refuse(&self, why: &str) {
        self.refused.fetch_add(1, Ordering::Relaxed);
        *self.last_refusal.lock().expect("tally lock") = Some(why.to_owned());
        tracing::warn!("status webhook refused: {why}");
    }
}

/// A key a reminder call reported on its attempt's path: the attempt token and the JSON body.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyReport {
    pub token: String,
    pub body: serde_json::Value,
}

struct Shared {
    token: String,
    /// Attempt tokens whose key reports are accepted, and where they go.
    reports: Mutex<(Vec<String>, Option<mpsc::UnboundedSender<KeyReport>>)>,
    signing_key: Option<String>,
    require_signed: AtomicBool,
    /// The base URL SignalWire posts to (a tunnel's public URL, or the local one).
    public_base: RwLock<String>,
    tx: mpsc::UnboundedSender<Observation>,
    clock: fn() -> i64,
    counters: Counters,
}

/// A running listener. Dropping it stops the server.
pub struct Listener {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
}

impl Listener {
    /// Starts listening on `127.0.0.1:0`. Accepted webhooks become observations on `tx`.
    /// With a signing key, signatures that are present are checked.
    pub async fn start(
        signing_key: Option<String>,
        tx: mpsc::UnboundedSender<Observation>,
    ) -> Result<Listener> {
        Self::start_on(SocketAddr::from(([127, 0, 0, 1], 0)), signing_key, tx).await
    }

    /// Like [`Listener::start`] on a chosen loopback address.
    pub async fn start_on(
        addr: SocketAddr,
        signing_key: Option<String>,
        tx: mpsc::UnboundedSender<Observation>,
    ) -> Result<Listener> {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| Error::Listener {
                detail: format!("could not listen on {addr}: {e}"),
            })?;
        let addr = listener.local_addr().map_err(|e| Error::Listener {
            detail: e.to_string(),
        })?;
        let mut token = [0u8; 24];
        rand::rng().fill_bytes(&mut token);
        let shared = Arc::new(Shared {
            token: hex::encode(token),
            signing_key: signing_key.filter(|k| !k.is_empty()),
            require_signed: AtomicBool::new(false),
            public_base: RwLock::new(format!("http://{addr}")),
            tx,
            clock: crate::clock::now_ms,
            counters: Counters::default(),
            reports: Mutex::new((Vec::new(), None)),
        });
        let app = Router::new()
            .route("/status/{token}", post(receive_status))
            .route("/leg/{token}/{tag}", post(receive_leg))
            .route("/reminders/{token}/key", post(receive_key))
            .fallback(wrong_path)
            .layer(DefaultBodyLimit::max(BODY_LIMIT))
            .with_state(shared.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
        });
        Ok(Listener {
            addr,
            shared,
            stop: Some(stop),
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Sets the public base URL SignalWire reaches this listener through (a tunnel), e.g.
    /// `https://abc.ngrok.app`. Until set, the local `http://127.0.0.1:PORT` is used.
    pub fn set_public_base(&self, base: &str) {
        *self.shared.public_base.write().expect("lock") = base.trim_end_matches('/').to_owned();
    }

    /// Refuse every webhook without a valid signature (the profile's "require signed webhooks").
    pub fn set_require_signed(&self, require: bool) {
        self.shared.require_signed.store(require, Ordering::Relaxed);
    }

    /// True when unsigned webhooks are refused.
    pub fn requires_signatures(&self) -> bool {
        self.shared.require_signed.load(Ordering::Relaxed)
    }

    /// The `status_url` to give SignalWire in a dial.
    pub fn status_url(&self) -> String {
        let base = self.shared.public_base.read().expect("lock").clone();
        format!("{base}/status/{}", self.shared.token)
    }

    /// The `call_state_url` for the second leg of the call recorded as `tag` (its history row).
    pub fn leg_url(&self, tag: &str) -> String {
        let base = self.shared.public_base.read().expect("lock").clone();
        let mut url = format!("{base}/leg/{}/", self.shared.token);
        url.extend(url::form_urlencoded::byte_serialize(tag.as_bytes()));
        url
    }

    /// Where accepted key reports go (a reminder runner's channel).
    pub fn set_report_sink(&self, tx: mpsc::UnboundedSender<KeyReport>) {
        self.shared.reports.lock().expect("reports lock").1 = Some(tx);
    }

    /// Accepts key reports for attempt `token` from now on and returns the URL to report to.
    pub fn open_report(&self, token: &str) -> String {
        let mut reports = self.shared.reports.lock().expect("reports lock");
        if !reports.0.iter().any(|t| t == token) {
            reports.0.push(token.to_owned());
        }
        let base = self.shared.public_base.read().expect("lock").clone();
        format!("{base}{}", crate::reminders::script::report_path(token))
    }

    /// Stops accepting key reports for attempt `token` (its attempt has ended).
    pub fn close_report(&self, token: &str) {
        self.shared
            .reports
            .lock()
            .expect("reports lock")
            .0
            .retain(|t| t != token);
    }

    /// True when a signing key is there to check signatures with.
    pub fn verifies_signatures(&self) -> bool {
        self.shared.signing_key.is_some()
    }

    /// What has been received so far.
    pub fn tally(&self) -> WebhookTally {
        let c = &self.shared.counters;
        WebhookTally {
            received: c.received.load(Ordering::Relaxed),
            signed: c.signed.load(Ordering::Relaxed),
            unsigned: c.unsigned.load(Ordering::Relaxed),
            refused: c.refused.load(Ordering::Relaxed),
            last_refusal: c.last_refusal.lock().expect("tally lock").clone(),
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

async fn wrong_path(State(shared): State<Arc<Shared>>) -> (StatusCode, &'static str) {
    shared.counters.received.fetch_add(1, Ordering::Relaxed);
    shared
        .counters
        .refuse("a request came to a path without this session's token");
    (StatusCode::NOT_FOUND, "not found\n")
}

async fn receive_status(
    State(shared): State<Arc<Shared>>,
    Path(token): Path<String>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, &'static str) {
    receive(&shared, &token, None, &uri, &headers, &body)
}

async fn receive_leg(
    State(shared): State<Arc<Shared>>,
    Path((token, tag)): Path<(String, String)>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, &'static str) {
    receive(&shared, &token, Some(tag), &uri, &headers, &body)
}

async fn receive_key(
    State(shared): State<Arc<Shared>>,
    Path(token): Path<String>,
    body: Bytes,
) -> (StatusCode, &'static str) {
    let counters = &shared.counters;
    counters.received.fetch_add(1, Ordering::Relaxed);
    let sink = {
        let reports = shared.reports.lock().expect("reports lock");
        let known = reports.0.iter().fold(false, |hit, t| {
            hit | constant_time_eq(t.as_bytes(), token.as_bytes())
        });
        known.then(|| reports.1.clone()).flatten()
    };
    let Some(sink) = sink else {
        counters.refuse("a key report came to a path no open reminder attempt has");
        return (StatusCode::NOT_FOUND, "not found\n");
    };
    let Ok(body) = serde_json::from_slice::<serde_json::Value>(&body) else {
        counters.refuse("a key report whose body is not JSON");
        return (StatusCode::BAD_REQUEST, "not a key report\n");
    };
    counters.unsigned.fetch_add(1, Ordering::Relaxed);
    if sink.send(KeyReport { token, body }).is_err() {
        counters.refuse("no reminder runner is listening any more");
        return (StatusCode::SERVICE_UNAVAILABLE, "not running\n");
    }
    (StatusCode::NO_CONTENT, "")
}

/// How a request's signature checked out.
enum Trust {
    Signed,
    Unsigned,
    Refused(&'static str),
}

fn judge(shared: &Shared, url: &str, headers: &HeaderMap, body: &[u8]) -> Trust {
    let header = |name: &str| {
        headers
            .get(name)
            .map(|v| v.to_str().unwrap_or("").trim().to_owned())
    };
    let sha256 = header(SHA256_SIGNATURE_HEADER);
    let sha1 = header(SIGNATURE_HEADER);
    let require = shared.require_signed.load(Ordering::Relaxed);
    let Some(key) = &shared.signing_key else {
        if require {
            return Trust::Refused(
                "signed webhooks are required, but this profile has no signing key to check them with",
            );
        }
        return Trust::Unsigned;
    };
    let (algorithm, given) = match (sha256, sha1) {
        (Some(given), _) => (Algorithm::Sha256, given),
        (None, Some(given)) => (Algorithm::Sha1, given),
        (None, None) if require => {
            return Trust::Refused(
                "it carried no signature and this profile requires signed webhooks",
            );
        }
        (None, None) => return Trust::Unsigned,
    };
    if verify_with(algorithm, key, url, body, &given) {
        Trust::Signed
    } else {
        Trust::Refused("its signature did not match; check the profile's signing key")
    }
}

fn receive(
    shared: &Shared,
    token: &str,
    leg: Option<String>,
    uri: &axum::http::Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> (StatusCode, &'static str) {
    let counters = &shared.counters;
    counters.received.fetch_add(1, Ordering::Relaxed);
    if !constant_time_eq(token.as_bytes(), shared.token.as_bytes()) {
        counters.refuse("a request came with a wrong path token");
        return (StatusCode::NOT_FOUND, "not found\n");
    }
    // The URL as SignalWire requested it: the public base, then the path and query as received.
    let path = uri.path_and_query().map_or(uri.path(), |p| p.as_str());
    let url = format!("{}{path}", shared.public_base.read().expect("lock"));
    let trust = judge(shared, &url, headers, body);
    if let Trust::Refused(why) = trust {
        counters.refuse(why);
        return (StatusCode::FORBIDDEN, "bad signature\n");
    }
    match parse_webhook(body, (shared.clock)()) {
        Ok(mut obs) => {
            obs.leg = leg;
            // Counted before the tracker sees it, so a tally read on the update includes it.
            let counter = match trust {
                Trust::Signed => &counters.signed,
                _ => &counters.unsigned,
            };
            counter.fetch_add(1, Ordering::Relaxed);
            if shared.tx.send(obs).is_err() {
                counter.fetch_sub(1, Ordering::Relaxed);
                counters.refuse("no call is being tracked any more");
                return (StatusCode::SERVICE_UNAVAILABLE, "not tracking calls\n");
            }
            (StatusCode::NO_CONTENT, "")
        }
        Err(err) => {
            counters.refuse(&err.to_string());
            (StatusCode::BAD_REQUEST, "not a call state webhook\n")
        }
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tally_reads_as_a_sentence_and_warns_on_refusals() {
        let mut t = WebhookTally {
            received: 12,
            signed: 0,
            unsigned: 12,
            ..WebhookTally::default()
        };
        assert_eq!(t.sentence(), "12 webhooks, 0 signed");
        assert_eq!(t.warning(), None);
        t.refused = 2;
        t.last_refusal = Some("its signature did not match".into());
        assert_eq!(t.sentence(), "12 webhooks, 0 signed, 2 refused");
        let warning = t.warning().unwrap();
        assert!(
            warning.contains("2 webhooks were refused") && warning.contains("did not match"),
            "{warning}"
        );
        let one = WebhookTally {
            signed: 1,
            ..WebhookTally::default()
        };
        assert_eq!(one.sentence(), "1 webhook, 1 signed");
    }
}
