//! Playing a call out on the practice clock: the pacing slot (`calls_per_second`), then created →
//! ringing → answered → ended as `outcome_for` decides. Each change is recorded and, if
//! subscribed, webhooked. Once answered, a scripted SWML document runs step by step (`swml/`);
//! a plain one talks 20 s, or, with a `connect` step (call me first), starts a second leg: the
//! leg's number decides its outcome by the same rule, its states go to `call_state_url`, and the
//! first leg hangs up just after the second one ends.

use std::sync::Arc;

use serde_json::json;

use crate::calling::call::{Call, CallBook, CallState, ConnectStep, DialRequest, EndReason};
use crate::calling::swml;
use crate::outcome::{Outcome, RING_SECS, TALK_SECS};
use crate::space::Space;
use crate::webhooks;

/// The simulated time at which a call dialled at `now_ms` leaves the queue: now, or one pacing
/// interval (`interval_ms` = 1000 / calls per second) after the previous call's slot, whichever
/// is later. A call ended while still queued keeps its slot used.
pub(crate) fn take_slot(book: &mut CallBook, now_ms: u64, interval_ms: f64) -> u64 {
    let now = now_ms as f64;
    let slot = book.next_slot_ms.map_or(now, |next| next.max(now));
    book.next_slot_ms = Some(slot + interval_ms);
    // Whole milliseconds, never early.
    slot.ceil() as u64
}

/// Moves `call` to `state` at `at_ms` and queues the webhook if that state is subscribed.
pub(crate) fn transition(
    space: &Space,
    call: &mut Call,
    state: CallState,
    at_ms: u64,
    end_reason: Option<EndReason>,
) {
    call.apply(state, at_ms, end_reason);
    if call.subscribed_to(state)
        && let Some(url) = call.dial.status_url.clone()
    {
        let body = webhooks::state_event_body(space, call, at_ms);
        space.webhooks.enqueue(url, body);
    }
}

/// One planned change.
struct Step {
    at_ms: u64,
    state: CallState,
    end_reason: Option<EndReason>,
}

/// The changes after `created` at `start_ms`, by outcome.
fn plan(outcome: Outcome, start_ms: u64, ring_timeout_secs: u64) -> Vec<Step> {
    let ring_end = start_ms.saturating_add(RING_SECS * 1000);
    let step = |at_ms, state, end_reason| Step {
        at_ms,
        state,
        end_reason,
    };
    let ringing = step(start_ms, CallState::Ringing, None);
    match outcome {
        Outcome::Fail => vec![step(start_ms, CallState::Ended, Some(EndReason::Error))],
        Outcome::Busy => vec![
            ringing,
            step(ring_end, CallState::Ended, Some(EndReason::Busy)),
        ],
        Outcome::Decline => vec![
            ringing,
            step(ring_end, CallState::Ended, Some(EndReason::Decline)),
        ],
        Outcome::NoAnswer => vec![
            ringing,
            step(
                start_ms.saturating_add(ring_timeout_secs * 1000),
                CallState::Ended,
                Some(EndReason::NoAnswer),
            ),
        ],
        Outcome::Answer => vec![
            ringing,
            step(ring_end, CallState::Answered, None),
            step(
                ring_end.saturating_add(TALK_SECS * 1000),
                CallState::Ended,
                Some(EndReason::Hangup),
            ),
        ],
    }
}

/// Starts playing call `id` out from its pacing slot.
pub(crate) fn spawn(space: &Arc<Space>, id: String, slot_ms: u64) {
    let task_space = Arc::clone(space);
    space.tasks.spawn(run(task_space, id, slot_ms));
}

/// What follows a step of the fixed timeline.
enum Answered {
    /// Go on with the fixed timeline (not answered yet, or a plain flow that just talks).
    Plain,
    /// The call's SWML runs step by step from here.
    Script(serde_json::Value),
    /// Its `connect` leg started and ends then (simulated ms).
    LegEnds(u64),
}

/// How long after its second leg ends the first leg hangs up (simulated ms).
const AFTER_CONNECT_MS: u64 = 500;

async fn run(space: Arc<Space>, id: String, slot_ms: u64) {
    space.clock.sleep_until(slot_ms).await;
    let steps = {
        let mut book = space.calls();
        let Some(call) = book.get_mut(&id) else {
            return;
        };
        if call.state != CallState::Queued {
            return;
        }
        transition(&space, call, CallState::Created, slot_ms, None);
        plan(call.outcome, slot_ms, call.dial.ring_timeout_secs)
    };
    for step in steps {
        space.clock.sleep_until(step.at_ms).await;
        let next = {
            let mut book = space.calls();
            let Some(call) = book.get_mut(&id) else {
                return;
            };
            if !call.is_live() {
                return;
            }
            transition(&space, call, step.state, step.at_ms, step.end_reason);
            if step.state != CallState::Answered {
                Answered::Plain
            } else if let Some(script) = call.dial.script.clone() {
                Answered::Script(script)
            } else if let Some(connect) = call.dial.connect.clone() {
                start_leg(&space, &mut book, &id, step.at_ms, connect)
                    .map_or(Answered::Plain, |(_, end, _)| Answered::LegEnds(end))
            } else {
                Answered::Plain
            }
        };
        let leg_end = match next {
            Answered::Plain => None,
            Answered::Script(script) => {
                swml::run(space, id, script, step.at_ms).await;
                return;
            }
            Answered::LegEnds(end) => Some(end),
        };
        if let Some(leg_end) = leg_end {
            // The SWML goes on after `connect` returns: hang up.
            let at = leg_end.saturating_add(AFTER_CONNECT_MS);
            space.clock.sleep_until(at).await;
            let mut book = space.calls();
            if let Some(call) = book.get_mut(&id)
                && call.is_live()
            {
                transition(&space, call, CallState::Ended, at, Some(EndReason::Hangup));
            }
            return;
        }
    }
}

/// Starts the second leg of call `id` to `connect.to` at `at_ms`, and returns the leg's id, when
/// it will end and its outcome.
pub(crate) fn start_leg(
    space: &Arc<Space>,
    book: &mut CallBook,
    id: &str,
    at_ms: u64,
    connect: ConnectStep,
) -> Option<(String, u64, Outcome)> {
    let parent = book.get(id)?;
    let dial = DialRequest {
        from: connect
            .from
            .clone()
            .unwrap_or_else(|| parent.dial.from.clone()),
        to: connect.to.clone(),
        url: None,
        status_url: connect.call_state_url.clone(),
        status_events: connect.call_state_events.clone(),
        ring_timeout_secs: connect.timeout_secs,
        connect: None,
        script: None,
        custom_variables: serde_json::Map::new(),
    };
    let params = json!({ "connect": { "to": connect.to, "from": connect.from,
        "timeout": connect.timeout_secs, "call_state_url": connect.call_state_url } });
    let mut leg = Call::new(dial, params, at_ms, at_ms);
    leg.parent_id = Some(id.to_owned());
    let leg_id = leg.id.clone();
    let steps = plan(leg.outcome, at_ms, leg.dial.ring_timeout_secs);
    let end = steps.last().map_or(at_ms, |s| s.at_ms);
    let outcome = leg.outcome;
    tracing::info!(call_id = %id, leg_id = %leg_id, to = %leg.dial.to, outcome = leg.outcome.as_str(), "practice connect step started a second leg");
    book.insert(leg);
    if let Some(parent) = book.get_mut(id) {
        parent.leg_id = Some(leg_id.clone());
    }
    spawn(space, leg_id.clone(), at_ms);
    Some((leg_id, end, outcome))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_a_pacing_interval_apart() {
        let mut book = CallBook::default();
        assert_eq!(take_slot(&mut book, 10_000, 1_000.0), 10_000);
        assert_eq!(take_slot(&mut book, 10_010, 1_000.0), 11_000);
        assert_eq!(take_slot(&mut book, 10_020, 1_000.0), 12_000);
        assert_eq!(take_slot(&mut book, 20_000, 1_000.0), 20_000);
    }

    #[test]
    fn fractional_intervals_do_not_drift() {
        let mut book = CallBook::default();
        let slots: Vec<u64> = (0..4)
            .map(|_| take_slot(&mut book, 0, 1_000.0 / 3.0))
            .collect();
        assert_eq!(slots, [0, 334, 667, 1_000]);
    }

    #[test]
    fn answered_calls_ring_then_talk() {
        let steps = plan(Outcome::Answer, 1_000, 30);
        let got: Vec<(u64, CallState)> = steps.iter().map(|s| (s.at_ms, s.state)).collect();
        assert_eq!(
            got,
            [
                (1_000, CallState::Ringing),
                (3_000, CallState::Answered),
                (23_000, CallState::Ended)
            ]
        );
    }

    #[test]
    fn no_answer_waits_for_the_dial_timeout() {
        let steps = plan(Outcome::NoAnswer, 0, 7);
        assert_eq!(steps.last().unwrap().at_ms, 7_000);
        assert_eq!(steps.last().unwrap().end_reason, Some(EndReason::NoAnswer));
    }
}
