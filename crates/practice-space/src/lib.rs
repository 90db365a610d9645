//! The practice space: SignalWire's documented contract served on loopback, so Callpad can be tried
//! and tested with no account and no real calls. It stands in for SignalWire only.
//!
//! Start one with [`start`] and point a client at [`RunningSpace::base_url`]:
//!
//! ```no_run
//! # async fn demo() -> Result<(), practice_space::Error> {
//! let space = practice_space::start(practice_space::Config {
//!     speed: 50.0,
//!     ..Default::default()
//! })
//! .await?;
//! println!("listening on {}", space.base_url());
//! space.shutdown().await;
//! # Ok(())
//! # }
//! ```
//!
//! What happens to a dialled call is decided by [`outcome_for`]; the numbers the practice project owns
//! or has verified are in [`seed`]. Tests steer faults and webhooks through the control API under
//! `/__practice/` (see the crate README).

mod api_error;
mod auth;
mod calling;
mod clock;
mod config;
mod connection;
mod control;
mod error;
mod faults;
mod ids;
mod lookup;
mod numbers;
mod outcome;
mod pagination;
mod phone;
mod routes;
pub mod seed;
mod server;
mod space;
mod tasks;
mod timefmt;
mod voice_logs;
mod webhooks;

pub use calling::swml::{
    AUDIO_FILE_SECS, HUMAN_DETECT_MS, MACHINE_BEEP_MS, MACHINE_DETECT_MS, ONE_RING_SECS,
    REQUEST_CAP,
};
pub use config::{
    Config, DEFAULT_API_TOKEN, DEFAULT_BACKLOG, DEFAULT_CALLS_PER_SECOND, DEFAULT_MS_PER_WORD,
    DEFAULT_PROJECT_ID, DEFAULT_SIGNING_KEY,
};
pub use error::Error;
pub use outcome::{
    Callee, DEFAULT_RING_TIMEOUT_SECS, KEY_PRESS_DELAY_SECS, Outcome, PACING_INTERVAL_SECS,
    RING_SECS, TALK_SECS, callee_for, outcome_for,
};
pub use server::{RunningSpace, start};
