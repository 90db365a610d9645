//! How a practice space is set up: where it listens, its credentials, how fast its clock runs,
//! its calling rate and backlog, and how long spoken SWML takes.
//! It holds settings only; starting the server is `server.rs`.

use std::net::{Ipv4Addr, SocketAddr};

/// Settings for one practice space.
///
/// Every field has a fixed, readable default (see [`Config::default`]), so a space started with
/// `Config::default()` always accepts the same credentials.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Address to listen on. Default `127.0.0.1:0`: a free port chosen by the system.
    pub bind: SocketAddr,
    /// The practice project ID (the Basic auth user name). Default `practice-project`.
    pub project_id: String,
    /// The practice API token (the Basic auth password). Default `PTpractice-token`.
    pub api_token: String,
    /// The key status webhooks are signed with. Default `PSKpractice-signing-key`.
    pub signing_key: String,
    /// How fast the practice clock runs: `1.0` is real time, `50.0` makes a 2 s ring take 40 ms.
    /// Ringing, talking, ring timeouts and the 1 call per second pacing all scale with it.
    /// Must be finite and above zero.
    pub speed: f64,
    /// How many calls per simulated second leave the queue (SignalWire's per-Space calling rate).
    /// Default [`DEFAULT_CALLS_PER_SECOND`] (1). Faster dials are accepted and wait `queued`, as the
    /// real service does. Must be finite and above zero.
    pub calls_per_second: f64,
    /// How many calls may wait `queued` at once; a dial beyond it is refused with 422
    /// `max_queued_calls_exceeded`. Default [`DEFAULT_BACKLOG`] (10,000, SignalWire's default).
    /// Must be at least 1.
    pub backlog: usize,
    /// Simulated milliseconds a SWML `say:` takes per spoken word. Default
    /// [`DEFAULT_MS_PER_WORD`] (400, about 150 words a minute); it scales with `speed` like every
    /// other simulated time, so a fast clock or a small value makes reminder flows quick to test.
    pub ms_per_word: u64,
}

/// Calls per second a default [`Config`] lets leave the queue.
pub const DEFAULT_CALLS_PER_SECOND: f64 = 1.0;
/// Queued calls a default [`Config`] holds before refusing dials.
pub const DEFAULT_BACKLOG: usize = 10_000;
/// Simulated milliseconds per spoken word a default [`Config`] uses.
pub const DEFAULT_MS_PER_WORD: u64 = 400;
/// The project ID a default [`Config`] uses.
pub const DEFAULT_PROJECT_ID: &str = "practice-project";
/// The API token a default [`Config`] uses.
pub const DEFAULT_API_TOKEN: &str = "PTpractice-token";
/// The signing key a default [`Config`] uses.
pub const DEFAULT_SIGNING_KEY: &str = "PSKpractice-signing-key";

impl Default for Config {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            project_id: DEFAULT_PROJECT_ID.to_owned(),
            api_token: DEFAULT_API_TOKEN.to_owned(),
            signing_key: DEFAULT_SIGNING_KEY.to_owned(),
            speed: 1.0,
            calls_per_second: DEFAULT_CALLS_PER_SECOND,
            backlog: DEFAULT_BACKLOG,
            ms_per_word: DEFAULT_MS_PER_WORD,
        }
    }
}
