//! What a reminder attempt ended with, and where a recipient stands. The wire names
//! (`confirmed`, `no_answer`, …) are what `--json`, the store and the report use.

use serde::{Deserialize, Serialize};

/// How an attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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
}

impl Outcome {
    pub const ALL: [Outcome; 11] = [
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

/// Where a recipient stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    }
}
