//! Reminder calls: campaigns that call each recipient with a spoken message and a keypress menu,
//! inside the callee's calling window, with retries by outcome, and never twice. This slice holds
//! the model, the store, the pure rules and the runner.
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
//! - `runner.rs`: the runner that dials (pace, checks before each dial, outcomes, retries);
//!   `settle.rs`: open attempts settled from the voice logs; `pace.rs`: dial pacing;
//!   `lock.rs`: one runner per data folder; `progress.rs`: what a run reports and its control

pub mod campaign;
pub mod frequency;
pub mod lock;
pub mod outcome;
pub mod pace;
pub mod progress;
pub mod recipients;
pub mod retry;
pub mod runner;
pub mod script;
pub mod settle;
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
