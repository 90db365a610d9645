//! The one error type of the practice space: what can stop it from starting.
//! Problems with a request are answered over HTTP (`api_error.rs`), never returned as this type.

use std::net::SocketAddr;

/// Why a practice space could not start.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The listening socket could not be opened (port taken, address not local, …).
    #[error("the practice space cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },

    /// `Config::speed` was zero, negative or not a number.
    #[error("the practice clock speed must be a finite number above 0, not {0}")]
    InvalidSpeed(f64),

    /// `Config::calls_per_second` was zero, negative or not a number.
    #[error(
        "the practice calling rate must be a finite number of calls per second above 0, not {0}"
    )]
    InvalidRate(f64),

    /// `Config::backlog` was 0.
    #[error("the practice call backlog must hold at least 1 queued call")]
    InvalidBacklog,

    /// A credential in the `Config` was empty.
    #[error("the practice {what} must not be empty")]
    EmptyCredential { what: &'static str },

    /// The HTTP client used to send status webhooks could not be built.
    #[error("the webhook HTTP client could not start: {0}")]
    WebhookClient(#[from] reqwest::Error),
}
