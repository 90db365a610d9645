//! Reminder calls: campaigns that call each recipient with a spoken message and a keypress menu,
//! inside the callee's calling window, with retries by outcome, and never twice. This slice holds
//! the model, the store and the pure rules; the runner that dials comes later.
//!
//! - `campaign.rs`: a campaign's settings (menu, schedule, safeguards, retry policy) and defaults
//! - `outcome.rs`: what an attempt ended with, and a recipient's state
//! - `recipients.rs`: reading a CSV into recipients (every column kept) with the review
//! - `template.rs`: placeholders, checked before start, filled per recipient
//! - `spoken.rs`: dates and times as a person says them
//! - `script.rs`: the SWML call flow, built as data
//! - `window.rs`: the callee's zone and calling window (clock passed in)
//! - `retry.rs`: when a recipient is tried again; `frequency.rs`: per-number daily/weekly caps
//! - `store.rs`: the [`CampaignStore`] trait the runner uses; `sqlite.rs`: its SQLite form
//! - `tz/`: the number → zone table generated from libphonenumber's map

pub mod campaign;
pub mod frequency;
pub mod outcome;
pub mod recipients;
pub mod retry;
pub mod script;
pub mod spoken;
pub mod sqlite;
pub mod store;
pub mod template;
pub mod tz;
pub mod window;

pub use campaign::{
    CampaignSettings, KeyAction, MenuKey, RetryPolicy, RetryRule, Safeguards, Schedule,
};
pub use outcome::{Exclusion, Outcome, RecipientState};
pub use store::{
    Attempt, AttemptEnd, Campaign, CampaignStore, NewCampaign, NewRecipient, Recipient,
};
