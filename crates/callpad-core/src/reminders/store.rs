//! The campaign store as the runner and the use-case layer see it: the [`CampaignStore`] trait
//! and its plain types, with nothing of SQLite in them (a later issue puts the same queue on
//! PostgreSQL so several front desks share it). `sqlite.rs` is the implementation used today.
//!
//! Attempts only move forward: `dialling` (written BEFORE the dial is sent) → `placed` (SignalWire
//! answered with a call id) → `ended` (an outcome). Each move is one transaction together with
//! the recipient's state, and a move out of order is refused with
//! [`crate::Error::AttemptOutOfOrder`], so two runners or a replayed event cannot go backwards.

use serde::Serialize;

use super::campaign::CampaignSettings;
use super::outcome::{Exclusion, Outcome, RecipientState};
use crate::Result;

/// A campaign to create.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCampaign {
    pub name: String,
    pub profile: Option<String>,
    pub caller_id: Option<String>,
    pub template: String,
    /// The imported headers, in file order; every recipient has one cell per column.
    pub columns: Vec<String>,
    pub settings: CampaignSettings,
    pub created_ms: i64,
}

/// A recipient to create (already checked: excluded ones carry their reason).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewRecipient {
    /// The line of the file it came from.
    pub line: usize,
    /// E.164; `None` when the number could not be read.
    pub phone: Option<String>,
    /// The number as imported.
    pub typed: String,
    pub name: String,
    /// Every imported cell, in the campaign's column order.
    pub cells: Vec<String>,
    /// IANA zone the window is kept in (`None`: none known, so excluded).
    pub zone: Option<String>,
    /// The appointment as local `YYYY-MM-DDTHH:MM:SS`, when there is an appointment column.
    pub appointment: Option<String>,
    /// The rendered message.
    pub message: Option<String>,
    pub state: RecipientState,
    /// Why it is excluded (with `state` excluded).
    pub exclusion: Option<Exclusion>,
    pub next_attempt_ms: Option<i64>,
    pub waiting_reason: Option<String>,
}

/// Where a campaign stands as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CampaignState {
    Ready,
    Running,
    Paused,
    Cancelled,
    Finished,
}

impl CampaignState {
    pub fn as_str(self) -> &'static str {
        match self {
            CampaignState::Ready => "ready",
            CampaignState::Running => "running",
            CampaignState::Paused => "paused",
            CampaignState::Cancelled => "cancelled",
            CampaignState::Finished => "finished",
        }
    }

    pub fn parse(s: &str) -> Option<CampaignState> {
        [
            CampaignState::Ready,
            CampaignState::Running,
            CampaignState::Paused,
            CampaignState::Cancelled,
            CampaignState::Finished,
        ]
        .into_iter()
        .find(|c| c.as_str() == s)
    }
}

/// A stored campaign.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Campaign {
    pub id: i64,
    pub name: String,
    pub profile: Option<String>,
    pub caller_id: Option<String>,
    pub template: String,
    pub columns: Vec<String>,
    pub settings: CampaignSettings,
    pub state: CampaignState,
    pub created_ms: i64,
}

/// A stored recipient.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Recipient {
    pub id: i64,
    pub campaign_id: i64,
    pub line: usize,
    pub phone: Option<String>,
    pub typed: String,
    pub name: String,
    pub cells: Vec<String>,
    pub zone: Option<String>,
    pub appointment: Option<String>,
    pub message: Option<String>,
    pub state: RecipientState,
    pub exclusion: Option<Exclusion>,
    /// The last attempt's outcome.
    pub outcome: Option<Outcome>,
    pub attempts: u32,
    pub next_attempt_ms: Option<i64>,
    pub waiting_reason: Option<String>,
}

impl Recipient {
    /// The key it is counted under: its outcome once done, else its state.
    pub fn count_key(&self) -> String {
        match (self.state, self.outcome) {
            (RecipientState::Done, Some(o)) => o.as_str().to_owned(),
            (state, _) => state.as_str().to_owned(),
        }
    }
}

/// Where an attempt stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AttemptState {
    /// Written before the dial is sent: the dial may or may not have reached SignalWire.
    Dialling,
    /// SignalWire accepted the dial and named the call.
    Placed,
    /// Finished with an outcome.
    Ended,
}

impl AttemptState {
    pub fn as_str(self) -> &'static str {
        match self {
            AttemptState::Dialling => "dialling",
            AttemptState::Placed => "placed",
            AttemptState::Ended => "ended",
        }
    }

    pub fn parse(s: &str) -> Option<AttemptState> {
        [
            AttemptState::Dialling,
            AttemptState::Placed,
            AttemptState::Ended,
        ]
        .into_iter()
        .find(|a| a.as_str() == s)
    }
}

/// A stored attempt.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Attempt {
    pub id: i64,
    pub recipient_id: i64,
    /// The number dialled (E.164).
    pub number: String,
    /// The unguessable token in the attempt's report URL.
    pub token: String,
    pub state: AttemptState,
    pub call_id: Option<String>,
    pub started_ms: i64,
    pub ended_ms: Option<i64>,
    pub outcome: Option<Outcome>,
}

/// How an attempt ends and what follows for its recipient.
#[derive(Debug, Clone, PartialEq)]
pub struct AttemptEnd {
    pub outcome: Outcome,
    pub ended_ms: i64,
    /// `Some((at, reason))` to try again then; `None` ends the recipient (or, for
    /// [`Outcome::MayHaveBeenPlaced`], leaves it for a person to decide).
    pub retry: Option<(i64, String)>,
}

/// The campaign queue. Implementations keep every write in one transaction.
pub trait CampaignStore: Send {
    /// Stores a campaign and all its recipients (excluded ones too, to be shown) at once.
    fn create_campaign(
        &mut self,
        campaign: &NewCampaign,
        recipients: &[NewRecipient],
    ) -> Result<i64>;
    /// Every campaign, newest first.
    fn campaigns(&self) -> Result<Vec<Campaign>>;
    /// One campaign, or [`crate::Error::CampaignNotFound`].
    fn campaign(&self, id: i64) -> Result<Campaign>;
    fn set_campaign_state(&mut self, id: i64, state: CampaignState) -> Result<()>;
    /// A campaign's recipients, in file order.
    fn recipients(&self, campaign: i64) -> Result<Vec<Recipient>>;
    /// Waiting recipients due at `now_ms` (earliest first, then by line), at most `limit`.
    fn due(&self, campaign: i64, now_ms: i64, limit: usize) -> Result<Vec<Recipient>>;
    /// When the next waiting recipient is due (`None`: nobody is waiting).
    fn next_due_at(&self, campaign: i64) -> Result<Option<i64>>;
    /// A campaign's attempts, oldest first.
    fn attempts(&self, campaign: i64) -> Result<Vec<Attempt>>;
    /// Opens an attempt for a `waiting` recipient (it becomes `calling`): call this BEFORE the
    /// dial is sent. Refused if the recipient is not waiting.
    fn begin_attempt(&mut self, recipient: i64, token: &str, now_ms: i64) -> Result<Attempt>;
    /// `dialling` → `placed`, with SignalWire's call id.
    fn attempt_placed(&mut self, attempt: i64, call_id: &str) -> Result<()>;
    /// `dialling`/`placed` → `ended`, and the recipient moves on (done, waiting, or a person
    /// decides).
    fn end_attempt(&mut self, attempt: i64, end: &AttemptEnd) -> Result<()>;
    /// When reminders reached `number` (any campaign) since `since_ms`: for the frequency caps.
    fn delivered_to(&self, number: &str, since_ms: i64) -> Result<Vec<i64>>;
    /// Moves a `waiting` recipient's next try to `at_ms`, saying why (the window closed, the
    /// caps hold it). Refused if it is not waiting.
    fn hold(&mut self, recipient: i64, at_ms: i64, reason: &str) -> Result<()>;
    /// A `waiting` recipient will not be called after all (put on do-not-call since it was
    /// imported): it becomes `excluded` with `exclusion` and `reason`.
    fn exclude(&mut self, recipient: i64, exclusion: Exclusion, reason: &str) -> Result<()>;
    /// A person's decision on a `needs_decision` recipient: `Some(at)` calls it again from then
    /// (`waiting`), `None` marks it done as it is.
    fn decide(&mut self, recipient: i64, call_again_at: Option<i64>) -> Result<()>;
}
