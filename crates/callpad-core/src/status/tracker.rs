//! The one place a call's state is decided: observations from the dial response, webhooks and
//! polling are merged so the state only moves forward and duplicates or late events change nothing.

use std::collections::HashMap;

use serde::Serialize;
use ts_rs::TS;

use super::observation::{CallPhase, EndCause, Observation, Source};

/// One step of a call's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEntry {
    pub phase: CallPhase,
    #[ts(type = "number")]
    pub at_ms: i64,
    pub source: Source,
}

/// Everything known about one call's progress.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallStatusView {
    pub call_id: String,
    pub phase: CallPhase,
    /// Set once the call has ended.
    pub cause: Option<EndCause>,
    /// The end cause in words, e.g. "The line was busy".
    pub cause_text: Option<String>,
    #[ts(type = "number")]
    pub first_seen_ms: i64,
    #[ts(type = "number | null")]
    pub ringing_at_ms: Option<i64>,
    #[ts(type = "number | null")]
    pub answered_at_ms: Option<i64>,
    #[ts(type = "number | null")]
    pub ended_at_ms: Option<i64>,
    /// Talk time: from answer to end, once both are known.
    #[ts(type = "number | null")]
    pub duration_ms: Option<i64>,
    pub timeline: Vec<TimelineEntry>,
    /// Call me first: the contact's leg (the `connect` step's call), once SignalWire reports it.
    pub contact_leg: Option<LegStatusView>,
}

/// The second leg of a call (the contact in "call me first"), from its `call_state_url` webhooks.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LegStatusView {
    /// The leg's own call id.
    pub call_id: String,
    pub phase: CallPhase,
    pub cause: Option<EndCause>,
    /// The leg's end cause in words, e.g. "The line was busy".
    pub cause_text: Option<String>,
    #[ts(type = "number | null")]
    pub answered_at_ms: Option<i64>,
    #[ts(type = "number | null")]
    pub ended_at_ms: Option<i64>,
}

impl LegStatusView {
    /// "Contact: The line was busy", "Contact: ringing", for the call panel, history and CLI.
    pub fn describe(&self) -> String {
        match &self.cause_text {
            Some(text) => format!("Contact: {text}"),
            None => format!("Contact: {}", self.phase.as_str()),
        }
    }
}

impl CallStatusView {
    fn new(obs: &Observation) -> Self {
        Self {
            call_id: obs.call_id.clone(),
            phase: CallPhase::Queued,
            cause: None,
            cause_text: None,
            first_seen_ms: obs.at_ms,
            ringing_at_ms: None,
            answered_at_ms: None,
            ended_at_ms: None,
            duration_ms: None,
            timeline: Vec::new(),
            contact_leg: None,
        }
    }

    pub fn is_final(&self) -> bool {
        self.phase.is_final()
    }
}

/// What applying an observation did.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // short-lived; boxing would cost an allocation per change
pub enum Applied {
    /// The call moved forward; here is its new state.
    Advanced(CallStatusView),
    /// Nothing changed: a duplicate, a late or out-of-order event, or anything after the end.
    Unchanged,
}

/// Merges observations into one forward-only state per call.
#[derive(Debug, Default)]
pub struct Tracker {
    calls: HashMap<String, CallStatusView>,
}

impl Tracker {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn get(&self, call_id: &str) -> Option<&CallStatusView> {
        self.calls.get(call_id)
    }

    pub fn len(&self) -> usize {
        self.calls.len()
    }

    pub fn is_empty(&self) -> bool {
        self.calls.is_empty()
    }

    /// Calls that have not ended yet.
    pub fn live(&self) -> impl Iterator<Item = &CallStatusView> {
        self.calls.values().filter(|c| !c.is_final())
    }

    /// Applies one observation. The state moves only forward; an equal or earlier phase, or
    /// anything after the end, changes nothing.
    pub fn apply(&mut self, obs: Observation) -> Applied {
        let is_new = !self.calls.contains_key(&obs.call_id);
        let view = self
            .calls
            .entry(obs.call_id.clone())
            .or_insert_with(|| CallStatusView::new(&obs));
        if !is_new && obs.phase <= view.phase {
            return Applied::Unchanged;
        }
        advance(view, &obs);
        Applied::Advanced(view.clone())
    }

    /// Applies an observation about the second leg of `call_id` (already tracked). The leg moves
    /// only forward too; a leg report for an unknown call changes nothing.
    pub fn apply_leg(&mut self, call_id: &str, obs: Observation) -> Applied {
        let Some(view) = self.calls.get_mut(call_id) else {
            return Applied::Unchanged;
        };
        let is_new = view.contact_leg.is_none();
        let leg = view.contact_leg.get_or_insert_with(|| LegStatusView {
            call_id: obs.call_id.clone(),
            phase: CallPhase::Queued,
            cause: None,
            cause_text: None,
            answered_at_ms: None,
            ended_at_ms: None,
        });
        if !is_new && obs.phase <= leg.phase {
            return Applied::Unchanged;
        }
        leg.call_id = obs.call_id.clone();
        leg.phase = obs.phase;
        if obs.phase == CallPhase::Answered {
            leg.answered_at_ms = Some(obs.answered_at_ms.unwrap_or(obs.at_ms));
        }
        if obs.phase == CallPhase::Ended {
            leg.ended_at_ms = Some(obs.ended_at_ms.unwrap_or(obs.at_ms));
            let cause = obs.cause.unwrap_or(if leg.answered_at_ms.is_some() {
                EndCause::HungUp
            } else {
                EndCause::Unknown
            });
            leg.cause = Some(cause);
            leg.cause_text = Some(cause.describe().to_owned());
        }
        Applied::Advanced(view.clone())
    }
}

fn advance(view: &mut CallStatusView, obs: &Observation) {
    view.phase = obs.phase;
    view.timeline.push(TimelineEntry {
        phase: obs.phase,
        at_ms: obs.at_ms,
        source: obs.source,
    });
    if obs.phase == CallPhase::Ringing {
        view.ringing_at_ms = Some(obs.at_ms);
    }
    if obs.phase == CallPhase::Answered {
        view.answered_at_ms = Some(obs.answered_at_ms.unwrap_or(obs.at_ms));
    } else if let Some(answered) = obs.answered_at_ms {
        view.answered_at_ms.get_or_insert(answered);
    }
    if obs.phase == CallPhase::Ended {
        let ended = obs.ended_at_ms.unwrap_or(obs.at_ms);
        view.ended_at_ms = Some(ended);
        view.cause = Some(obs.cause.unwrap_or(if view.answered_at_ms.is_some() {
            EndCause::HungUp
        } else {
            EndCause::Unknown
        }));
        view.cause_text = view.cause.map(|c| c.describe().to_owned());
        view.duration_ms = view.answered_at_ms.map(|a| (ended - a).max(0));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(id: &str, phase: CallPhase, at: i64) -> Observation {
        Observation::new(id, phase, at, Source::Webhook)
    }

    fn phase_of(t: &Tracker, id: &str) -> CallPhase {
        t.get(id).unwrap().phase
    }

    #[test]
    fn a_call_moves_forward_and_keeps_its_times() {
        let mut t = Tracker::new();
        assert!(matches!(
            t.apply(obs("a", CallPhase::Created, 1_000)),
            Applied::Advanced(_)
        ));
        t.apply(obs("a", CallPhase::Ringing, 2_000));
        t.apply(obs("a", CallPhase::Answered, 5_000));
        let Applied::Advanced(view) = t.apply(obs("a", CallPhase::Ended, 65_000)) else {
            panic!("ended must advance");
        };
        assert_eq!(view.phase, CallPhase::Ended);
        assert_eq!(view.ringing_at_ms, Some(2_000));
        assert_eq!(view.answered_at_ms, Some(5_000));
        assert_eq!(view.ended_at_ms, Some(65_000));
        assert_eq!(view.duration_ms, Some(60_000));
        assert_eq!(
            view.cause,
            Some(EndCause::HungUp),
            "answered then ended without a reason"
        );
        let phases: Vec<_> = view.timeline.iter().map(|e| e.phase).collect();
        assert_eq!(
            phases,
            [
                CallPhase::Created,
                CallPhase::Ringing,
                CallPhase::Answered,
                CallPhase::Ended
            ]
        );
    }

    #[test]
    fn duplicates_and_late_events_change_nothing() {
        let mut t = Tracker::new();
        t.apply(obs("a", CallPhase::Ringing, 2_000));
        assert_eq!(
            t.apply(obs("a", CallPhase::Ringing, 2_500)),
            Applied::Unchanged
        );
        t.apply(obs("a", CallPhase::Answered, 3_000));
        assert_eq!(
            t.apply(obs("a", CallPhase::Created, 1_000)),
            Applied::Unchanged
        );
        assert_eq!(
            t.apply(obs("a", CallPhase::Ringing, 2_000)),
            Applied::Unchanged
        );
        assert_eq!(phase_of(&t, "a"), CallPhase::Answered);
        assert_eq!(t.get("a").unwrap().timeline.len(), 2);
    }

    #[test]
    fn nothing_moves_a_call_after_its_end() {
        let mut t = Tracker::new();
        t.apply(obs("a", CallPhase::Ended, 9_000).with_cause(EndCause::Busy));
        assert_eq!(
            t.apply(obs("a", CallPhase::Answered, 8_000)),
            Applied::Unchanged
        );
        assert_eq!(
            t.apply(obs("a", CallPhase::Ended, 9_500).with_cause(EndCause::HungUp)),
            Applied::Unchanged
        );
        let view = t.get("a").unwrap();
        assert_eq!(view.cause, Some(EndCause::Busy));
        assert_eq!(view.duration_ms, None, "never answered");
    }

    #[test]
    fn skipped_phases_are_fine_and_the_first_event_may_be_the_end() {
        let mut t = Tracker::new();
        let Applied::Advanced(view) = t.apply(obs("b", CallPhase::Ended, 4_000)) else {
            panic!()
        };
        assert_eq!(view.cause, Some(EndCause::Unknown));
        assert_eq!(view.ringing_at_ms, None);
        assert_eq!(t.live().count(), 0);
    }

    #[test]
    fn the_end_event_can_carry_the_answer_time() {
        let mut t = Tracker::new();
        t.apply(obs("c", CallPhase::Ringing, 1_000));
        let mut end = obs("c", CallPhase::Ended, 10_000).with_cause(EndCause::HungUp);
        end.answered_at_ms = Some(4_000);
        end.ended_at_ms = Some(9_000);
        let Applied::Advanced(view) = t.apply(end) else {
            panic!()
        };
        assert_eq!(view.answered_at_ms, Some(4_000));
        assert_eq!(view.ended_at_ms, Some(9_000));
        assert_eq!(view.duration_ms, Some(5_000));
    }

    #[test]
    fn the_second_leg_moves_forward_on_its_own() {
        let mut t = Tracker::new();
        assert_eq!(
            t.apply_leg("nobody", obs("leg", CallPhase::Ringing, 1)),
            Applied::Unchanged
        );
        t.apply(obs("a", CallPhase::Answered, 1_000));
        t.apply_leg("a", obs("leg", CallPhase::Ringing, 2_000));
        assert_eq!(
            t.apply_leg("a", obs("leg", CallPhase::Created, 1_500)),
            Applied::Unchanged
        );
        let Applied::Advanced(view) = t.apply_leg(
            "a",
            obs("leg", CallPhase::Ended, 4_000).with_cause(EndCause::Busy),
        ) else {
            panic!()
        };
        let leg = view.contact_leg.unwrap();
        assert_eq!(
            (leg.phase, leg.cause),
            (CallPhase::Ended, Some(EndCause::Busy))
        );
        assert_eq!(leg.describe(), "Contact: The line was busy");
        assert_eq!(
            view.phase,
            CallPhase::Answered,
            "the first leg is untouched"
        );
    }

    #[test]
    fn calls_are_tracked_apart() {
        let mut t = Tracker::new();
        t.apply(obs("a", CallPhase::Answered, 1));
        t.apply(obs("b", CallPhase::Ringing, 1));
        t.apply(obs("b", CallPhase::Ended, 2).with_cause(EndCause::NoAnswer));
        assert_eq!(phase_of(&t, "a"), CallPhase::Answered);
        assert_eq!(t.get("b").unwrap().cause, Some(EndCause::NoAnswer));
        assert_eq!(
            t.live().map(|c| c.call_id.as_str()).collect::<Vec<_>>(),
            ["a"]
        );
    }
}
