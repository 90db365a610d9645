//! One call as the practice space keeps it (request, state, timestamps, history, what its SWML
//! did) and the book of all calls and dial arrivals. It renders the call object; it does not move
//! calls along (`lifecycle.rs` and `swml/` do).

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use crate::ids::uuid_v4;
use crate::outcome::{Callee, Outcome};
use crate::timefmt::rfc3339;

/// The documented call states, plus `queued` for calls waiting for their pacing slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CallState {
    Queued,
    Created,
    Ringing,
    Answered,
    Ended,
}

impl CallState {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Created => "created",
            Self::Ringing => "ringing",
            Self::Answered => "answered",
            Self::Ended => "ended",
        }
    }

    /// The states a dial may subscribe to in `status_events`: the REST spec's `created ringing
    /// answered ended` and the OpenRPC spec's `queued initiated ringing answered ending ended`.
    /// `initiated` is reported as `created`; `ending` is accepted, and the practice space, which
    /// goes straight from answered to ended, never sends it. `Ok(None)` = accepted, never sent.
    pub(crate) fn from_status_event(name: &str) -> Result<Option<Self>, ()> {
        match name {
            "queued" => Ok(Some(Self::Queued)),
            "created" | "initiated" => Ok(Some(Self::Created)),
            "ringing" => Ok(Some(Self::Ringing)),
            "answered" => Ok(Some(Self::Answered)),
            "ending" => Ok(None),
            "ended" => Ok(Some(Self::Ended)),
            _ => Err(()),
        }
    }
}

/// Why a call ended, in the spellings `calling.end` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EndReason {
    Hangup,
    Cancel,
    Busy,
    NoAnswer,
    Decline,
    Error,
}

impl EndReason {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Hangup => "hangup",
            Self::Cancel => "cancel",
            Self::Busy => "busy",
            Self::NoAnswer => "noAnswer",
            Self::Decline => "decline",
            Self::Error => "error",
        }
    }

    pub(crate) fn parse(name: &str) -> Option<Self> {
        [
            Self::Hangup,
            Self::Cancel,
            Self::Busy,
            Self::NoAnswer,
            Self::Decline,
            Self::Error,
        ]
        .into_iter()
        .find(|r| r.as_str() == name)
    }
}

/// One step of a call's history.
#[derive(Debug, Clone)]
pub(crate) struct HistoryEntry {
    pub(crate) state: CallState,
    pub(crate) at_ms: u64,
    pub(crate) end_reason: Option<EndReason>,
}

/// What a validated dial asked for.
#[derive(Debug, Clone)]
pub(crate) struct DialRequest {
    pub(crate) from: String,
    pub(crate) to: String,
    pub(crate) url: Option<String>,
    pub(crate) status_url: Option<String>,
    pub(crate) status_events: Vec<CallState>,
    pub(crate) ring_timeout_secs: u64,
    /// The first `connect` step of the inline SWML's `main`, run once the call is answered.
    pub(crate) connect: Option<ConnectStep>,
    /// The inline SWML document, when it is run step by step once answered (it uses more than
    /// `answer`, `play`, `connect` and `hangup`; see `validate::scripted`).
    pub(crate) script: Option<Value>,
    /// `custom_variables`, read in SWML as `${envs.NAME}`.
    pub(crate) custom_variables: Map<String, Value>,
}

/// Something a call's SWML did, shown in its voice-log events and the control API.
#[derive(Debug, Clone)]
pub(crate) struct SwmlEvent {
    pub(crate) at_ms: u64,
    /// `swml_prompt`, `swml_request`, `swml_detect_machine`, `swml_connect`, `swml_error`.
    pub(crate) name: &'static str,
    /// `info`, or `error` for a step that stopped the script.
    pub(crate) level: &'static str,
    pub(crate) details: Value,
}

/// One `dial` command that reached the handler, as the control API's `/__practice/dials` shows it.
#[derive(Debug, Clone)]
pub(crate) struct DialArrival {
    /// The call it placed; `None` when the dial was refused.
    pub(crate) call_id: Option<String>,
    pub(crate) to: Option<String>,
    pub(crate) from: Option<String>,
    /// Real wall-clock time of arrival, Unix milliseconds (not the simulated clock).
    pub(crate) arrived_ms: u64,
    /// The HTTP status it was answered with.
    pub(crate) http_status: u16,
}

/// A SWML `connect` step: the second leg the call bridges to.
#[derive(Debug, Clone)]
pub(crate) struct ConnectStep {
    pub(crate) to: String,
    pub(crate) from: Option<String>,
    pub(crate) timeout_secs: u64,
    pub(crate) call_state_url: Option<String>,
    /// Default `["ended"]`.
    pub(crate) call_state_events: Vec<CallState>,
}

/// A call the space accepted.
#[derive(Debug, Clone)]
pub(crate) struct Call {
    pub(crate) id: String,
    /// The dial's `params` exactly as received.
    pub(crate) params: Value,
    pub(crate) dial: DialRequest,
    pub(crate) outcome: Outcome,
    pub(crate) state: CallState,
    pub(crate) end_reason: Option<EndReason>,
    /// When the dial was accepted (simulated ms).
    pub(crate) created_ms: u64,
    /// When the call leaves the queue (simulated ms).
    pub(crate) slot_ms: u64,
    pub(crate) start_ms: Option<u64>,
    pub(crate) answer_ms: Option<u64>,
    pub(crate) end_ms: Option<u64>,
    pub(crate) history: Vec<HistoryEntry>,
    /// For a second leg: the call whose `connect` step made it.
    pub(crate) parent_id: Option<String>,
    /// For a call with a `connect` step: its second leg, once started.
    pub(crate) leg_id: Option<String>,
    /// Who answers, by the second-to-last digit of `to`.
    pub(crate) callee: Callee,
    /// What its SWML did, in order.
    pub(crate) swml_events: Vec<SwmlEvent>,
    /// The SWML script's variables (`prompt_value`, `request_result`, …) as they are now.
    pub(crate) swml_vars: Map<String, Value>,
}

impl Call {
    pub(crate) fn new(dial: DialRequest, params: Value, created_ms: u64, slot_ms: u64) -> Self {
        let outcome = crate::outcome::outcome_for(&dial.to);
        let callee = crate::outcome::callee_for(&dial.to);
        let mut call = Self {
            id: uuid_v4(),
            params,
            dial,
            outcome,
            state: CallState::Queued,
            end_reason: None,
            created_ms,
            slot_ms,
            start_ms: None,
            answer_ms: None,
            end_ms: None,
            history: Vec::new(),
            parent_id: None,
            leg_id: None,
            callee,
            swml_events: Vec::new(),
            swml_vars: Map::new(),
        };
        call.push_history(CallState::Queued, created_ms, None);
        call
    }

    pub(crate) fn is_live(&self) -> bool {
        self.state != CallState::Ended
    }

    pub(crate) fn is_sip(&self) -> bool {
        self.dial.to.starts_with("sip:") || self.dial.to.starts_with("sips:")
    }

    /// The time of the latest history entry.
    pub(crate) fn last_change_ms(&self) -> u64 {
        self.history.last().map_or(self.created_ms, |h| h.at_ms)
    }

    /// Moves the call to `state` at `at_ms`.
    pub(crate) fn apply(&mut self, state: CallState, at_ms: u64, end_reason: Option<EndReason>) {
        self.state = state;
        match state {
            CallState::Created => self.start_ms = Some(at_ms),
            CallState::Answered => self.answer_ms = Some(at_ms),
            CallState::Ended => {
                self.end_ms = Some(at_ms);
                self.end_reason = end_reason;
            }
            CallState::Queued | CallState::Ringing => {}
        }
        self.push_history(state, at_ms, end_reason);
    }

    fn push_history(&mut self, state: CallState, at_ms: u64, end_reason: Option<EndReason>) {
        self.history.push(HistoryEntry {
            state,
            at_ms,
            end_reason,
        });
    }

    /// Whether a change to `state` is reported to `status_url`.
    pub(crate) fn subscribed_to(&self, state: CallState) -> bool {
        self.dial.status_url.is_some() && self.dial.status_events.contains(&state)
    }

    /// Milliseconds the call has been (or was) answered, as of `now_ms`.
    pub(crate) fn talk_ms(&self, now_ms: u64) -> u64 {
        match self.answer_ms {
            Some(answered) => self.end_ms.unwrap_or(now_ms).saturating_sub(answered),
            None => 0,
        }
    }

    /// `relay_sip_call` for `sip:` destinations, else `relay_pstn_call`.
    pub(crate) fn call_type(&self) -> &'static str {
        if self.is_sip() {
            "relay_sip_call"
        } else {
            "relay_pstn_call"
        }
    }

    /// The documented call object, as of `now_ms`.
    pub(crate) fn call_object(&self, now_ms: u64) -> Value {
        self.object_with_status(now_ms, self.state.as_str())
    }

    /// The call object's fields with `status` in the caller's vocabulary (the voice log uses
    /// its own). `duration` is null until the call ends.
    pub(crate) fn object_with_status(&self, now_ms: u64, status: &str) -> Value {
        let duration_ms = self.talk_ms(now_ms);
        let duration = self.end_ms.map(|_| rounded_secs(duration_ms));
        json!({
            "id": self.id,
            "from": self.dial.from,
            "to": self.dial.to,
            "direction": "outbound-api",
            "status": status,
            "created_at": rfc3339(self.created_ms),
            "charge": 0.0,
            "charge_details": [],
            "duration": duration,
            "duration_ms": duration_ms,
            "billing_ms": billing_ms(duration_ms),
            "type": self.call_type(),
            "parent_id": self.parent_id,
            "url": self.dial.url,
            "source": "realtime_api",
        })
    }
}

/// Whole seconds, rounded to nearest.
pub(crate) fn rounded_secs(ms: u64) -> u64 {
    (ms + 500) / 1000
}

/// Billing counts whole started seconds.
pub(crate) fn billing_ms(duration_ms: u64) -> u64 {
    duration_ms.div_ceil(1000) * 1000
}

/// Every call the space accepted, in arrival order, plus the counters the control API reports.
#[derive(Debug, Default)]
pub(crate) struct CallBook {
    order: Vec<String>,
    by_id: HashMap<String, Call>,
    /// Every `dial` command that passed auth, valid or not.
    pub(crate) dial_requests: u64,
    /// Each of those dials, in arrival order.
    pub(crate) dials: Vec<DialArrival>,
    /// The earliest simulated moment (ms, fractional) the next call may leave the queue.
    pub(crate) next_slot_ms: Option<f64>,
}

impl CallBook {
    pub(crate) fn insert(&mut self, call: Call) {
        self.order.push(call.id.clone());
        self.by_id.insert(call.id.clone(), call);
    }

    pub(crate) fn get(&self, id: &str) -> Option<&Call> {
        self.by_id.get(id)
    }

    pub(crate) fn get_mut(&mut self, id: &str) -> Option<&mut Call> {
        self.by_id.get_mut(id)
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &Call> {
        self.order.iter().filter_map(|id| self.by_id.get(id))
    }

    /// How many calls wait `queued` for their pacing slot (the backlog).
    pub(crate) fn queued(&self) -> usize {
        self.by_id
            .values()
            .filter(|c| c.state == CallState::Queued)
            .count()
    }

    /// Forgets every call, dial and counter except the pacing slot (the rate limit still applies).
    pub(crate) fn clear(&mut self) {
        self.order.clear();
        self.by_id.clear();
        self.dials.clear();
        self.dial_requests = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn billing_rounds_up_to_whole_seconds() {
        assert_eq!(billing_ms(0), 0);
        assert_eq!(billing_ms(1), 1000);
        assert_eq!(billing_ms(20_000), 20_000);
        assert_eq!(billing_ms(20_001), 21_000);
    }

    #[test]
    fn end_reasons_round_trip() {
        for name in ["hangup", "cancel", "busy", "noAnswer", "decline", "error"] {
            assert_eq!(EndReason::parse(name).unwrap().as_str(), name);
        }
        assert!(EndReason::parse("no_answer").is_none());
    }
}
