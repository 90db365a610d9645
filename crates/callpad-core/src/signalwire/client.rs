//! The HTTP side of the SignalWire client: one authenticated `reqwest` client per Space, timeouts,
//! retries for idempotent requests, and the single-shot path a dial takes. Endpoints live elsewhere.

use std::error::Error as _;
use std::fmt;
use std::time::{Duration, SystemTime};

use reqwest::Method;
use reqwest::header::{ACCEPT, CONTENT_TYPE, RETRY_AFTER};
use serde::de::DeserializeOwned;
use url::Url;

use super::credentials::Credentials;
use super::error_body::status_error;
use super::retry::{RetryPolicy, parse_retry_after};
use super::space_url::SpaceUrl;
use crate::error::NetworkProblem;
use crate::{Error, Result};

/// The User-Agent every request carries.
pub const USER_AGENT: &str = concat!("callpad/", env!("CARGO_PKG_VERSION"));

/// Timeouts, retries and page size. `Default` suits a person waiting on a button.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientConfig {
    /// How long opening a connection (TCP + TLS) may take.
    pub connect_timeout: Duration,
    /// How long a whole request may take, connection and body included.
    pub request_timeout: Duration,
    /// Retries for idempotent requests (never for a dial).
    pub retry: RetryPolicy,
    /// `page_size` asked for when listing numbers.
    pub page_size: u32,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            page_size: 100,
        }
    }
}

/// A typed client for one Space. Cheap to clone (the connection pool is shared).
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    space: SpaceUrl,
    credentials: Credentials,
    config: ClientConfig,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("space", &self.space.as_str())
            .field("project_id", &self.credentials.project_id)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// What came back from one try, body read in full.
pub(crate) struct Reply {
    pub status: u16,
    pub retry_after: Option<Duration>,
    pub body: Vec<u8>,
}

/// Why one try got no reply.
#[derive(Debug)]
pub(crate) enum Transport {
    /// No connection was made: the request was certainly not sent.
    Connect {
        problem: NetworkProblem,
        detail: String,
    },
    /// Connected, but no complete answer in time: the request may have been received.
    Timeout,
    /// Connected, then the connection broke: the request may have been received.
    Lost { detail: String },
}

impl Client {
    /// A client with the default timeouts and retries.
    pub fn new(space: SpaceUrl, credentials: Credentials) -> Result<Self> {
        Client::with_config(space, credentials, ClientConfig::default())
    }

    pub fn with_config(
        space: SpaceUrl,
        credentials: Credentials,
        config: ClientConfig,
    ) -> Result<Self> {
        credentials.check()?;
        let http = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(config.connect_timeout.min(config.request_timeout))
            .timeout(config.request_timeout)
            // A redirect could carry the credentials elsewhere; SignalWire's API does not redirect.
            .redirect(reqwest::redirect::Policy::none())
            .https_only(!space.is_loopback())
            .build()
            .map_err(|e| Error::ClientSetup {
                detail: innermost(&e),
            })?;
        Ok(Client {
            http,
            space,
            credentials,
            config,
        })
    }

    pub fn space(&self) -> &SpaceUrl {
        &self.space
    }

    pub fn project_id(&self) -> &str {
        &self.credentials.project_id
    }

    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// One try, no retry, whole body read.
    async fn attempt(
        &self,
        method: &Method,
        url: &Url,
        body: Option<&[u8]>,
    ) -> Result<Reply, Transport> {
        let mut request = self
            .http
            .request(method.clone(), url.clone())
            .basic_auth(
                &self.credentials.project_id,
                Some(self.credentials.api_token.expose()),
            )
            .header(ACCEPT, "application/json");
        if let Some(body) = body {
            request = request
                .header(CONTENT_TYPE, "application/json")
                .body(body.to_vec());
        }
        let response = request.send().await.map_err(|e| transport(&e))?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, SystemTime::now()));
        let body = response.bytes().await.map_err(|e| transport(&e))?;
        Ok(Reply {
            status,
            retry_after,
            body: body.to_vec(),
        })
    }

    /// An idempotent request: retried after 429, 5xx and broken connections, with backoff and
    /// `Retry-After`. A timeout is not retried (a person is waiting). `what` names the resource for
    /// a 404 message.
    pub(crate) async fn request_json<T: DeserializeOwned>(
        &self,
        method: Method,
        url: &Url,
        body: Option<Vec<u8>>,
        what: &str,
    ) -> Result<T> {
        let reply = self.request_with_retries(method, url, body, what).await?;
        decode(&reply)
    }

    pub(crate) async fn request_with_retries(
        &self,
        method: Method,
        url: &Url,
        body: Option<Vec<u8>>,
        what: &str,
    ) -> Result<Reply> {
        let policy = &self.config.retry;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let (error, retry_after) = match self.attempt(&method, url, body.as_deref()).await {
                Ok(reply) if (200..300).contains(&reply.status) => return Ok(reply),
                Ok(reply) => {
                    let error = self.status_error(&reply, what);
                    if !matches!(reply.status, 429 | 500..=599) {
                        return Err(error);
                    }
                    (error, reply.retry_after)
                }
                Err(Transport::Timeout) => return Err(self.timeout_error()),
                Err(failure) => (self.transport_error(failure), None),
            };
            let Some(wait) = policy.wait_before(attempt, retry_after) else {
                return Err(error);
            };
            tracing::debug!(
                method = %method,
                path = url.path(),
                attempt,
                wait_ms = wait.as_millis() as u64,
                error = error.code().as_str(),
                "retrying SignalWire request"
            );
            tokio::time::sleep(wait).await;
        }
    }

    /// A request that must not be repeated (a dial): one try. Anything that leaves open whether
    /// SignalWire acted on it becomes [`Error::DialOutcomeUnknown`].
    pub(crate) async fn request_once<T: DeserializeOwned>(
        &self,
        url: &Url,
        body: Vec<u8>,
        what: &str,
    ) -> Result<T> {
        let reply = match self.attempt(&Method::POST, url, Some(&body)).await {
            Ok(reply) => reply,
            Err(Transport::Timeout) => {
                return Err(Error::DialOutcomeUnknown {
                    reason: format!(
                        "no answer from SignalWire within {} s",
                        self.config.request_timeout.as_secs_f32()
                    ),
                });
            }
            Err(Transport::Lost { detail }) => {
                return Err(Error::DialOutcomeUnknown {
                    reason: format!("the connection broke before SignalWire answered: {detail}"),
                });
            }
            Err(failure @ Transport::Connect { .. }) => return Err(self.transport_error(failure)),
        };
        match reply.status {
            200..=299 => decode(&reply).map_err(|e| Error::DialOutcomeUnknown {
                reason: format!(
                    "SignalWire accepted it ({}) but its answer could not be read: {e}",
                    reply.status
                ),
            }),
            500..=599 => Err(Error::DialOutcomeUnknown {
                reason: format!(
                    "SignalWire answered {} (a server error), which does not say whether the call went out",
                    reply.status
                ),
            }),
            _ => Err(self.status_error(&reply, what)),
        }
    }

    fn status_error(&self, reply: &Reply, what: &str) -> Error {
        let token = &self.credentials.api_token;
        status_error(
            reply.status,
            &reply.body,
            reply.retry_after,
            what,
            &|text| token.scrub(text),
        )
    }

    fn timeout_error(&self) -> Error {
        Error::Timeout {
            after: self.config.request_timeout,
        }
    }

    fn transport_error(&self, failure: Transport) -> Error {
        let token = &self.credentials.api_token;
        match failure {
            Transport::Connect { problem, detail } => Error::Network {
                host: self.space.host(),
                problem,
                detail: token.scrub(&detail),
            },
            Transport::Timeout => self.timeout_error(),
            Transport::Lost { detail } => Error::ConnectionLost {
                host: self.space.host(),
                detail: token.scrub(&detail),
            },
        }
    }
}

/// Parses a 2xx body; an empty body reads as JSON `null` (so `Option<T>` and lenient types cope).
pub(crate) fn decode<T: DeserializeOwned>(reply: &Reply) -> Result<T> {
    let body: &[u8] = if reply.body.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        &reply.body
    };
    serde_json::from_slice(body).map_err(|e| Error::UndecodableResponse {
        status: reply.status,
        detail: e.to_string(),
    })
}

/// Sorts a `reqwest` failure into "never sent", "timed out" or "lost after sending".
fn transport(error: &reqwest::Error) -> Transport {
    let detail = innermost(error);
    if error.is_connect() {
        let problem = if error.is_dns() {
            NetworkProblem::Dns
        } else if error.is_timeout() {
            NetworkProblem::ConnectTimeout
        } else if let Some(kind) = io_kind(error) {
            match kind {
                std::io::ErrorKind::ConnectionRefused => NetworkProblem::Refused,
                std::io::ErrorKind::NetworkUnreachable | std::io::ErrorKind::HostUnreachable => {
                    NetworkProblem::Unreachable
                }
                _ if looks_like_tls(&detail) => NetworkProblem::Tls,
                _ => NetworkProblem::Other,
            }
        } else if looks_like_tls(&detail) {
            NetworkProblem::Tls
        } else {
            NetworkProblem::Other
        };
        return Transport::Connect { problem, detail };
    }
    if error.is_timeout() {
        return Transport::Timeout;
    }
    Transport::Lost { detail }
}

fn io_kind(error: &reqwest::Error) -> Option<std::io::ErrorKind> {
    let mut source = error.source();
    while let Some(err) = source {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            return Some(io.kind());
        }
        source = err.source();
    }
    None
}

fn looks_like_tls(detail: &str) -> bool {
    let lower = detail.to_ascii_lowercase();
    ["certificate", "tls", "handshake", "invalid peer"]
        .iter()
        .any(|needle| lower.contains(needle))
}

/// The deepest cause's message, e.g. "Connection refused (os error 111)": it says what happened
/// without the request URL.
fn innermost(error: &(dyn std::error::Error + 'static)) -> String {
    let mut deepest: &dyn std::error::Error = error;
    while let Some(next) = deepest.source() {
        deepest = next;
    }
    deepest.to_string()
}
