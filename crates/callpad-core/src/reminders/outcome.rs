//! What a reminder attempt ended with, and where a recipient stands. The wire names
//! (`confirmed`, `no_answer`, …) are what `--json`, the store and the report use.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How an attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Confirmed,
    Reschedule,
    AskedForCall,
    StopCalls,
    /// Answered and heard the message, without a key (message-only campaigns end here).
    Answered,
    NoInput,
    Busy,
    NoAnswer,
    Failed,
    Machine,
    /// The dial may have reached SignalWire and the logs could not settle it: a person decides.
    MayHaveBeenPlaced,
    /// The dial never reached SignalWire (refused before placing, or cut off and absent from the
    /// voice logs after the settling delay): nobody was called, so it is tried again and not
    /// counted against the retries.
    NotPlaced,
}

impl Outcome {
    pub const ALL: [Outcome; 12] = [
        Outcome::Confirmed,
        Outcome::Reschedule,
        Outcome::AskedForCall,
        Outcome::StopCalls,
        Outcome::Answered,
        Outcome::NoInput,
        Outcome::Busy,
        Outcome::NoAnswer,
        Outcome::Failed,
        Outcome::Machine,
        Outcome::MayHaveBeenPlaced,
        Outcome::NotPlaced,
    ];

    /// The wire name, e.g. `no_answer`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Confirmed => "confirmed",
            Outcome::Reschedule => "reschedule",
            Outcome::AskedForCall => "asked_for_call",
            Outcome::StopCalls => "stop_calls",
            Outcome::Answered => "answered",
            Outcome::NoInput => "no_input",
            Outcome::Busy => "busy",
            Outcome::NoAnswer => "no_answer",
            Outcome::Failed => "failed",
            Outcome::Machine => "machine",
            Outcome::MayHaveBeenPlaced => "may_have_been_placed",
            Outcome::NotPlaced => "not_placed",
        }
    }

    pub fn parse(s: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.as_str() == s)
    }

    /// True when the message reached a person or a machine: such an attempt counts towards the
    /// per-number daily and weekly caps (a busy or unanswered try does not).
    pub fn reached_someone(self) -> bool {
        matches!(
            self,
            Outcome::Confirmed
                | Outcome::Reschedule
                | Outcome::AskedForCall
                | Outcome::StopCalls
                | Outcome::Answered
                | Outcome::NoInput
                | Outcome::Machine
        )
    }
}

/// Why a recipient will never be called (the review counts these).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Exclusion {
    InvalidNumber,
    Duplicate,
    DoNotCall,
    NoTimeZone,
    BadAppointment,
    AppointmentPassed,
    /// A placeholder's cell is empty for this recipient.
    EmptyPlaceholder,
    /// No calling window opens before the appointment.
    NoWindow,
    /// The CSV line itself could not be read.
    Unreadable,
}

impl Exclusion {
    pub const ALL: [Exclusion; 9] = [
        Exclusion::InvalidNumber,
        Exclusion::Duplicate,
        Exclusion::DoNotCall,
        Exclusion::NoTimeZone,
        Exclusion::BadAppointment,
        Exclusion::AppointmentPassed,
        Exclusion::EmptyPlaceholder,
        Exclusion::NoWindow,
        Exclusion::Unreadable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Exclusion::InvalidNumber => "invalid_number",
            Exclusion::Duplicate => "duplicate",
            Exclusion::DoNotCall => "do_not_call",
            Exclusion::NoTimeZone => "no_time_zone",
            Exclusion::BadAppointment => "bad_appointment",
            Exclusion::AppointmentPassed => "appointment_passed",
            Exclusion::EmptyPlaceholder => "empty_placeholder",
            Exclusion::NoWindow => "no_window",
            Exclusion::Unreadable => "unreadable",
        }
    }

    pub fn parse(s: &str) -> Option<Exclusion> {
        Exclusion::ALL.into_iter().find(|e| e.as_str() == s)
    }
}

/// Where a recipient stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RecipientState {
    /// Due now or at `next_attempt_at`.
    Waiting,
    /// An attempt is open (its dial may have been sent).
    Calling,
    /// Finished with a final outcome.
    Done,
    /// Never called: invalid number, do-not-call, duplicate (`waiting_reason` says which).
    Excluded,
    /// An attempt could not be settled: a person must decide.
    NeedsDecision,
}

impl RecipientState {
    pub const ALL: [RecipientState; 5] = [
        RecipientState::Waiting,
        RecipientState::Calling,
        RecipientState::Done,
        RecipientState::Excluded,
        RecipientState::NeedsDecision,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RecipientState::Waiting => "waiting",
            RecipientState::Calling => "calling",
            RecipientState::Done => "done",
            RecipientState::Excluded => "excluded",
            RecipientState::NeedsDecision => "needs_decision",
        }
    }

    pub fn parse(s: &str) -> Option<RecipientState> {
        RecipientState::ALL.into_iter().find(|o| o.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip_and_match_serde() {
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.as_str()), Some(o));
            assert_eq!(serde_json::to_value(o).unwrap(), o.as_str());
        }
        for s in RecipientState::ALL {
            assert_eq!(RecipientState::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        assert_eq!(Outcome::parse("nope"), None);
        for e in Exclusion::ALL {
            assert_eq!(Exclusion::parse(e.as_str()), Some(e));
            assert_eq!(serde_json::to_value(e).unwrap(), e.as_str());
        }
    }
}
