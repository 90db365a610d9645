//! Live call status: one tracker merges the dial response, webhooks and polling into one state per
//! call that only moves forward. How updates arrive (listener, poller) is built on top of this.

pub mod listener;
pub mod observation;
pub mod poller;
pub mod signature;
pub mod tracker;
pub mod webhook;

pub use listener::{KeyReport, Listener, WebhookTally};
pub use observation::{CallPhase, EndCause, Observation, Source};
pub use poller::{PollEnd, PollPace, poll_call};
pub use signature::{
    Algorithm, SHA256_SIGNATURE_HEADER, SIGNATURE_HEADER, sign, sign_with, verify, verify_with,
};
pub use tracker::{Applied, CallStatusView, LegStatusView, TimelineEntry, Tracker};
pub use webhook::parse_webhook;
