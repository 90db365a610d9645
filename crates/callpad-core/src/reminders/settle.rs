//! Settling attempts whose dial may have been sent, from SignalWire's voice logs, never by
//! dialling again: what a finished call's state means as an outcome, and how a dial whose answer
//! never came (a crash, a cut connection) is found in the voice-log list.
//!
//! A `placed` attempt (it has a call id) is read with `GET /api/voice/logs/{id}`. A `dialling`
//! attempt (no call id) is looked for in `GET /api/voice/logs?created_after=…`: a call to the
//! attempt's number from the campaign's caller ID, created since the attempt began, that no other
//! attempt has claimed. A log can appear a few seconds late, so "not placed" is only concluded
//! a settling delay ([`SETTLE_DELAY_MS`] unless the driver sets another) after the attempt began; if the logs cannot be read for
//! [`UNSETTLEABLE_AFTER_MS`], the attempt becomes "may have been placed" for a person to decide.

use std::collections::HashSet;

use super::outcome::Outcome;
use super::store::Attempt;
use crate::signalwire::{Client, LogStatus, VoiceLog, VoiceLogQuery};
use crate::status::{CallStatusView, EndCause};

/// How long after an attempt began its call must show in the voice logs: with no log by then,
/// the dial did not place a call (SignalWire's logs can lag a few seconds; two minutes is ample).
pub const SETTLE_DELAY_MS: i64 = 120_000;
/// How long the voice logs may stay unreadable before an attempt is left to a person.
pub const UNSETTLEABLE_AFTER_MS: i64 = 15 * 60_000;
/// How far before the attempt the voice-log list is searched (clocks differ).
const CLOCK_SLACK_MS: i64 = 60_000;

/// What the logs say about an open attempt.
#[derive(Debug, Clone, PartialEq)]
pub enum Settled {
    /// Its call exists: follow it (still live) or end the attempt with `outcome` (over).
    Found {
        call_id: String,
        outcome: Option<Outcome>,
    },
    /// No call was placed: try the recipient again.
    NotPlaced,
    /// Too early to say, or the logs could not be read this time: ask again later.
    Wait(Option<String>),
    /// The logs cannot settle it: a person decides.
    Unknown(String),
}

/// The outcome a finished voice log means, without a key report (after a crash the key, if any,
/// was not received: an answered call is `answered`, never retried). `None` while it is live.
pub fn outcome_of_log(log: &VoiceLog) -> Option<Outcome> {
    Some(match log.status.as_ref()? {
        LogStatus::Completed | LogStatus::Ended => Outcome::Answered,
        LogStatus::Busy => Outcome::Busy,
        LogStatus::NoAnswer => Outcome::NoAnswer,
        LogStatus::Failed | LogStatus::Canceled => Outcome::Failed,
        _ => return None,
    })
}

/// The outcome of a call the runner followed to its end: the key reported if any; else by how
/// it ended. An answered call with no key is `no_input` when keys could be reported, else
/// `answered` (message-only).
pub fn outcome_of_call(view: &CallStatusView, key: Option<Outcome>, keys_reach: bool) -> Outcome {
    if let Some(key) = key {
        return key;
    }
    let answered = view.answered_at_ms.is_some();
    let heard = if keys_reach {
        Outcome::NoInput
    } else {
        Outcome::Answered
    };
    match view.cause {
        Some(EndCause::Busy | EndCause::Declined) => Outcome::Busy,
        Some(EndCause::NoAnswer) => Outcome::NoAnswer,
        Some(EndCause::Failed) => Outcome::Failed,
        Some(EndCause::HungUp | EndCause::MaxDuration) => heard,
        _ if answered => heard,
        _ => Outcome::Failed,
    }
}

/// Reads a `placed` attempt's call.
pub async fn settle_placed(
    client: &Client,
    attempt: &Attempt,
    call_id: &str,
    now_ms: i64,
    delay_ms: i64,
) -> Settled {
    match client.voice_log(call_id).await {
        Ok(log) => Settled::Found {
            call_id: call_id.to_owned(),
            outcome: outcome_of_log(&log),
        },
        Err(crate::Error::NotFound { .. }) if now_ms - attempt.started_ms < delay_ms => {
            Settled::Wait(None)
        }
        Err(crate::Error::NotFound { .. }) => Settled::Unknown(format!(
            "SignalWire accepted the call {call_id} but its voice log cannot be found"
        )),
        Err(err) => unreadable(attempt, now_ms, &err),
    }
}

/// Looks for a `dialling` attempt's call in the voice-log list. `claimed` holds every call id
/// other attempts already own; a call found is added to it.
pub async fn settle_lost_dial(
    client: &Client,
    attempt: &Attempt,
    caller_id: &str,
    claimed: &mut HashSet<String>,
    now_ms: i64,
    delay_ms: i64,
) -> Settled {
    let query = VoiceLogQuery {
        created_after: Some(crate::calendar::rfc3339(
            attempt.started_ms - CLOCK_SLACK_MS,
        )),
        page_size: Some(1000),
        ..VoiceLogQuery::default()
    };
    let logs = match client.voice_logs(&query).await {
        Ok(logs) => logs,
        Err(err) => return unreadable(attempt, now_ms, &err),
    };
    match find_call(&logs, attempt, caller_id, claimed) {
        Some(log) => {
            let call_id = log.id.clone().unwrap_or_default();
            claimed.insert(call_id.clone());
            Settled::Found {
                call_id,
                outcome: outcome_of_log(log),
            }
        }
        None if now_ms - attempt.started_ms >= delay_ms => Settled::NotPlaced,
        None => Settled::Wait(None),
    }
}

/// The oldest unclaimed top-level call to the attempt's number from `caller_id`.
pub fn find_call<'a>(
    logs: &'a [VoiceLog],
    attempt: &Attempt,
    caller_id: &str,
    claimed: &HashSet<String>,
) -> Option<&'a VoiceLog> {
    // The list is newest first: the oldest match is the one this attempt dialled.
    logs.iter().rev().find(|log| {
        log.id.as_deref().is_some_and(|id| !claimed.contains(id))
            && log.to.as_deref() == Some(attempt.number.as_str())
            && log.from.as_deref() == Some(caller_id)
            && log.parent_id.is_none()
    })
}

fn unreadable(attempt: &Attempt, now_ms: i64, err: &crate::Error) -> Settled {
    if now_ms - attempt.started_ms >= UNSETTLEABLE_AFTER_MS {
        Settled::Unknown(format!("the voice logs could not be read ({err})"))
    } else {
        Settled::Wait(Some(format!("the voice logs could not be read ({err})")))
    }
}

/// Every call id the attempts already own.
pub fn claimed_ids(attempts: &[Attempt]) -> HashSet<String> {
    attempts.iter().filter_map(|a| a.call_id.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reminders::store::AttemptState;

    fn log(id: &str, to: &str, from: &str, status: &str) -> VoiceLog {
        serde_json::from_value(serde_json::json!({
            "id": id, "to": to, "from": from, "status": status
        }))
        .unwrap()
    }

    fn attempt(number: &str) -> Attempt {
        Attempt {
            id: 1,
            recipient_id: 1,
            number: number.into(),
            token: "t".into(),
            state: AttemptState::Dialling,
            call_id: None,
            started_ms: 0,
            ended_ms: None,
            outcome: None,
        }
    }

    #[test]
    fn the_oldest_unclaimed_call_to_the_number_from_the_caller_id_is_the_attempts() {
        let logs = vec![
            log("c3", "+12065550104", "+12065550100", "completed"),
            log("c2", "+12065550104", "+12065550100", "busy"),
            log("c1", "+12065550104", "+19995550100", "busy"),
            log("c0", "+12065550199", "+12065550100", "busy"),
        ];
        let a = attempt("+12065550104");
        let mut claimed = HashSet::new();
        assert_eq!(
            find_call(&logs, &a, "+12065550100", &claimed).and_then(|l| l.id.as_deref()),
            Some("c2")
        );
        claimed.insert("c2".to_owned());
        assert_eq!(
            find_call(&logs, &a, "+12065550100", &claimed).and_then(|l| l.id.as_deref()),
            Some("c3")
        );
        claimed.insert("c3".to_owned());
        assert!(find_call(&logs, &a, "+12065550100", &claimed).is_none());
    }

    #[test]
    fn finished_logs_mean_outcomes_and_an_answered_call_is_never_retried_after_a_crash() {
        let o = |s| outcome_of_log(&log("c", "+1", "+2", s));
        assert_eq!(o("completed"), Some(Outcome::Answered));
        assert_eq!(o("busy"), Some(Outcome::Busy));
        assert_eq!(o("no-answer"), Some(Outcome::NoAnswer));
        assert_eq!(o("failed"), Some(Outcome::Failed));
        assert_eq!(o("in-progress"), None);
        assert_eq!(o("ringing"), None);
    }
}
