//! Placing calls: the three call modes turned into dial requests with SWML built as data, and the
//! call center that dials, tracks live status and records history. Status merging is in `status`.

pub mod modes;

pub use modes::{CallMode, CallPlan, DEFAULT_RING_TIMEOUT_S, MessageSource};
