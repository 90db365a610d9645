//! Placing calls: the three call modes turned into dial requests with SWML built as data, and the
//! call center that dials, tracks live status and records history. Status merging is in `status`.

pub mod center;
pub mod history;
pub mod modes;
pub mod notice;
pub mod reconcile;
pub mod request;
pub mod session;
pub mod tunnel;

pub use center::{CallCenter, CallMeta, CallUpdate, PlacedCall, StatusFeed};
pub use history::{HistoryEntry, HistoryEvent, NewCall, Placement};
pub use modes::{CallMode, CallPlan, MessageSource, ModeName, SUGGESTED_VOICES};
pub use reconcile::{ReconcileReport, reconcile};
pub use request::{CallRequest, CallTarget, ResolvedCall, plan_call, preselected_caller_id};
pub use session::{NGROK_AGENT_API, Session, SessionOptions, StatusChoice, StatusInUse};
