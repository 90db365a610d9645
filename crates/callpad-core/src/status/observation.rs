//! What one source says about a call at one moment (a phase, maybe an end cause, times), and how
//! the calling API's and the voice log's vocabularies map onto it. No state is kept here.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::signalwire::{Call, CallStatus, LogStatus, VoiceLog};

/// Where a call is, in the order a call goes through them. A call never moves backwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CallPhase {
    /// Accepted by SignalWire and waiting its turn (calls are paced per Space).
    Queued,
    Created,
    Ringing,
    Answered,
    Ending,
    Ended,
}

impl CallPhase {
    pub fn is_final(self) -> bool {
        self == CallPhase::Ended
    }

    /// The word SignalWire's `call_state` uses.
    pub fn as_str(self) -> &'static str {
        match self {
            CallPhase::Queued => "queued",
            CallPhase::Created => "created",
            CallPhase::Ringing => "ringing",
            CallPhase::Answered => "answered",
            CallPhase::Ending => "ending",
            CallPhase::Ended => "ended",
        }
    }
}

/// Why a call ended, in the app's words (SignalWire's spellings differ across docs; all map here).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum EndCause {
    /// Someone hung up after the call was answered.
    HungUp,
    Busy,
    NoAnswer,
    Declined,
    /// Ended by Callpad or the caller before it was answered.
    Cancelled,
    /// The network or SignalWire could not complete the call.
    Failed,
    /// The maximum call length was reached.
    MaxDuration,
    /// The call was abandoned (for example the caller left a queue).
    Abandoned,
    /// Ended, but no source said why.
    Unknown,
}

impl EndCause {
    /// Maps an `end_reason` spelling from a webhook or `calling.end`.
    pub fn from_reason(reason: &str) -> EndCause {
        match reason
            .trim()
            .to_ascii_lowercase()
            .replace('-', "_")
            .as_str()
        {
            "hangup" | "hung_up" | "completed" => EndCause::HungUp,
            "busy" => EndCause::Busy,
            "noanswer" | "no_answer" | "timeout" => EndCause::NoAnswer,
            "decline" | "declined" | "rejected" => EndCause::Declined,
            "cancel" | "canceled" | "cancelled" => EndCause::Cancelled,
            "error" | "failed" | "not_found" | "notfound" => EndCause::Failed,
            "max_duration" | "maxduration" => EndCause::MaxDuration,
            "abandoned" => EndCause::Abandoned,
            _ => EndCause::Unknown,
        }
    }

    /// The end reason in words, for the call panel and history.
    pub fn describe(self) -> &'static str {
        match self {
            EndCause::HungUp => "Hung up",
            EndCause::Busy => "The line was busy",
            EndCause::NoAnswer => "No one answered",
            EndCause::Declined => "The call was declined",
            EndCause::Cancelled => "Cancelled before it was answered",
            EndCause::Failed => "The call could not be connected",
            EndCause::MaxDuration => "Ended at the maximum call length",
            EndCause::Abandoned => "The call was abandoned",
            EndCause::Unknown => "Ended",
        }
    }

    /// True when the call was never answered because of the far end or the network.
    pub fn is_failure(self) -> bool {
        matches!(
            self,
            EndCause::Busy | EndCause::NoAnswer | EndCause::Declined | EndCause::Failed
        )
    }
}

/// Which source an observation came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Source {
    /// The response to the dial request.
    Dial,
    /// A `status_url` webhook.
    Webhook,
    /// Polling `GET /api/voice/logs/{id}`.
    Poll,
    /// Callpad itself (a hang-up it sent, a local timeout).
    Local,
}

/// What one source says about one call. Times are Unix milliseconds.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    pub call_id: String,
    pub phase: CallPhase,
    pub cause: Option<EndCause>,
    /// When the source says this phase was reached, else when Callpad received it.
    pub at_ms: i64,
    pub source: Source,
    pub answered_at_ms: Option<i64>,
    pub ended_at_ms: Option<i64>,
    /// Set when this is about the second leg of a call (call me first's contact), not the call
    /// itself: the tag the leg's `call_state_url` carries (the call's history row).
    pub leg: Option<String>,
}

impl Observation {
    pub fn new(call_id: impl Into<String>, phase: CallPhase, at_ms: i64, source: Source) -> Self {
        Self {
            call_id: call_id.into(),
            phase,
            cause: None,
            at_ms,
            source,
            answered_at_ms: None,
            ended_at_ms: None,
            leg: None,
        }
    }

    pub fn with_cause(mut self, cause: EndCause) -> Self {
        self.cause = Some(cause);
        self
    }

    /// What the dial response says; an absent or unknown status counts as queued.
    pub fn from_dial(call: &Call, now_ms: i64) -> Observation {
        let (phase, cause) = call
            .status
            .as_ref()
            .map(phase_of_call_status)
            .unwrap_or((CallPhase::Queued, None));
        let mut obs = Observation::new(call.id.clone(), phase, now_ms, Source::Dial);
        obs.cause = cause;
        obs
    }

    /// What a voice log says, or `None` when its status is missing or unknown.
    pub fn from_log(call_id: &str, log: &VoiceLog, now_ms: i64) -> Option<Observation> {
        let (phase, cause) = phase_of_log_status(log.status.as_ref()?)?;
        let mut obs = Observation::new(call_id, phase, now_ms, Source::Poll);
        obs.cause = cause;
        Some(obs)
    }
}

fn phase_of_call_status(status: &CallStatus) -> (CallPhase, Option<EndCause>) {
    match status {
        CallStatus::Queued | CallStatus::Initiated => (CallPhase::Queued, None),
        CallStatus::Created => (CallPhase::Created, None),
        CallStatus::Ringing => (CallPhase::Ringing, None),
        CallStatus::Answered => (CallPhase::Answered, None),
        CallStatus::Ending => (CallPhase::Ending, None),
        CallStatus::Ended | CallStatus::Completed => (CallPhase::Ended, None),
        CallStatus::Failed => (CallPhase::Ended, Some(EndCause::Failed)),
        CallStatus::Canceled => (CallPhase::Ended, Some(EndCause::Cancelled)),
        CallStatus::Other(_) => (CallPhase::Queued, None),
    }
}

fn phase_of_log_status(status: &LogStatus) -> Option<(CallPhase, Option<EndCause>)> {
    Some(match status {
        LogStatus::Queued | LogStatus::Initiated => (CallPhase::Queued, None),
        LogStatus::Created => (CallPhase::Created, None),
        LogStatus::Ringing => (CallPhase::Ringing, None),
        LogStatus::Answered | LogStatus::InProgress | LogStatus::Joined => {
            (CallPhase::Answered, None)
        }
        LogStatus::Ending => (CallPhase::Ending, None),
        LogStatus::Ended => (CallPhase::Ended, None),
        // "completed" is a call that was answered and then hung up normally.
        LogStatus::Completed => (CallPhase::Ended, Some(EndCause::HungUp)),
        LogStatus::Busy => (CallPhase::Ended, Some(EndCause::Busy)),
        LogStatus::Failed => (CallPhase::Ended, Some(EndCause::Failed)),
        LogStatus::NoAnswer => (CallPhase::Ended, Some(EndCause::NoAnswer)),
        LogStatus::Canceled => (CallPhase::Ended, Some(EndCause::Cancelled)),
        LogStatus::Other(_) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_end_reason_spelling_maps() {
        let cases = [
            ("hangup", EndCause::HungUp),
            ("cancel", EndCause::Cancelled),
            ("busy", EndCause::Busy),
            ("noAnswer", EndCause::NoAnswer),
            ("no_answer", EndCause::NoAnswer),
            ("decline", EndCause::Declined),
            ("declined", EndCause::Declined),
            ("error", EndCause::Failed),
            ("abandoned", EndCause::Abandoned),
            ("max_duration", EndCause::MaxDuration),
            ("not_found", EndCause::Failed),
            ("something-new", EndCause::Unknown),
        ];
        for (reason, want) in cases {
            assert_eq!(EndCause::from_reason(reason), want, "{reason}");
        }
    }

    #[test]
    fn phases_are_ordered_as_a_call_goes() {
        assert!(CallPhase::Queued < CallPhase::Created);
        assert!(CallPhase::Created < CallPhase::Ringing);
        assert!(CallPhase::Ringing < CallPhase::Answered);
        assert!(CallPhase::Answered < CallPhase::Ending);
        assert!(CallPhase::Ending < CallPhase::Ended);
    }

    #[test]
    fn voice_log_statuses_map_to_phases_and_causes() {
        let log = |s: &str| VoiceLog {
            id: Some("c".into()),
            from: None,
            to: None,
            direction: None,
            status: Some(LogStatus::from(s)),
            duration: None,
            created_at: None,
            charge: None,
            parent_id: None,
            extra: Default::default(),
        };
        let got = |s: &str| Observation::from_log("c", &log(s), 1).map(|o| (o.phase, o.cause));
        assert_eq!(got("in-progress"), Some((CallPhase::Answered, None)));
        assert_eq!(
            got("no-answer"),
            Some((CallPhase::Ended, Some(EndCause::NoAnswer)))
        );
        assert_eq!(got("busy"), Some((CallPhase::Ended, Some(EndCause::Busy))));
        assert_eq!(
            got("canceled"),
            Some((CallPhase::Ended, Some(EndCause::Cancelled)))
        );
        assert_eq!(
            got("completed"),
            Some((CallPhase::Ended, Some(EndCause::HungUp)))
        );
        assert_eq!(got("ended"), Some((CallPhase::Ended, None)));
        assert_eq!(got("teleported"), None);
    }
}
