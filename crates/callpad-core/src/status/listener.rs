//! The local status listener: an HTTP server on 127.0.0.1 (a random free port) that receives
//! `status_url` webhooks and hands each accepted one to the tracker's channel. Tunnels are elsewhere.
//!
//! The webhook path carries an unguessable per-session token; when the profile has a signing key,
//! the `X-SignalWire-Signature` must match the URL SignalWire posted to plus the raw body.

use std::net::SocketAddr;
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use rand::RngCore;
use tokio::sync::{mpsc, oneshot};

use super::observation::Observation;
use super::signature::{SIGNATURE_HEADER, verify};
use super::webhook::parse_webhook;
use crate::{Error, Result};

/// The largest webhook body accepted; SignalWire's are well under 2 KiB.
pub const BODY_LIMIT: usize = 64 * 1024;

struct Shared {
    token: String,
    signing_key: Option<String>,
    /// The base URL SignalWire posts to (a tunnel's public URL, or the local one).
    public_base: RwLock<String>,
    tx: mpsc::UnboundedSender<Observation>,
    clock: fn() -> i64,
}

/// A running listener. Dropping it stops the server.
pub struct Listener {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
}

impl Listener {
    /// Starts listening on `127.0.0.1:0`. Accepted webhooks become observations on `tx`.
    /// With a signing key, only correctly signed webhooks are accepted.
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
            public_base: RwLock::new(format!("http://{addr}")),
            tx,
            clock: crate::clock::now_ms,
        });
        let app = Router::new()
            .route("/status/{token}", post(receive))
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

    /// The `status_url` to give SignalWire in a dial.
    pub fn status_url(&self) -> String {
        let base = self.shared.public_base.read().expect("lock").clone();
        format!("{base}/status/{}", self.shared.token)
    }

    /// True when webhooks must carry a valid signature.
    pub fn verifies_signatures(&self) -> bool {
        self.shared.signing_key.is_some()
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

async fn receive(
    State(shared): State<Arc<Shared>>,
    Path(token): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, &'static str) {
    if !constant_time_eq(token.as_bytes(), shared.token.as_bytes()) {
        tracing::warn!("status webhook refused: unknown path token");
        return (StatusCode::NOT_FOUND, "not found\n");
    }
    if let Some(key) = &shared.signing_key {
        let mut url = format!(
            "{}/status/{}",
            shared.public_base.read().expect("lock"),
            shared.token
        );
        if let Some(q) = &query {
            url.push('?');
            url.push_str(q);
        }
        let given = headers
            .get(SIGNATURE_HEADER)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if !verify(key, &url, &body, given) {
            tracing::warn!(
                "status webhook refused: {} (check the profile's signing key)",
                if given.is_empty() {
                    "no signature"
                } else {
                    "bad signature"
                }
            );
            return (StatusCode::FORBIDDEN, "bad signature\n");
        }
    }
    match parse_webhook(&body, (shared.clock)()) {
        Ok(obs) => {
            if shared.tx.send(obs).is_err() {
                return (StatusCode::SERVICE_UNAVAILABLE, "not tracking calls\n");
            }
            (StatusCode::NO_CONTENT, "")
        }
        Err(err) => {
            tracing::warn!("{err}");
            (StatusCode::BAD_REQUEST, "not a call state webhook\n")
        }
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
