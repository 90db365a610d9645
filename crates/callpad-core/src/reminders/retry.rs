//! When a recipient is tried again after an attempt, by outcome: its rule's count and delay,
//! and a retry that would fall outside the calling window waits for the next window. Pure.

use jiff::tz::TimeZone;

use super::campaign::{RetryPolicy, Safeguards};
use super::outcome::Outcome;
use super::window::next_open;

/// What follows an attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterAttempt {
    /// The recipient is finished with this outcome.
    Final,
    /// Try again at `at_ms`; `reason` says why then (for `waiting_reason`).
    RetryAt { at_ms: i64, reason: String },
}

/// `earlier_same` is how many of the recipient's earlier attempts ended with the same outcome
/// (so with `busy = 2 × 10 min` the first two busy attempts are retried and the third is final).
pub fn after_attempt(
    outcome: Outcome,
    earlier_same: u32,
    ended_ms: i64,
    policy: &RetryPolicy,
    tz: &TimeZone,
    safeguards: &Safeguards,
) -> AfterAttempt {
    let Some(rule) = policy.rule(outcome) else {
        return AfterAttempt::Final;
    };
    if earlier_same >= rule.count {
        return AfterAttempt::Final;
    }
    let due = ended_ms.saturating_add(i64::from(rule.delay_min) * 60_000);
    match next_open(due, tz, safeguards) {
        Some(at_ms) if at_ms == due => AfterAttempt::RetryAt {
            at_ms,
            reason: format!(
                "retry {} of {} after {}",
                earlier_same + 1,
                rule.count,
                outcome.as_str()
            ),
        },
        Some(at_ms) => AfterAttempt::RetryAt {
            at_ms,
            reason: format!(
                "retry {} of {} after {}, outside the calling window until then",
                earlier_same + 1,
                rule.count,
                outcome.as_str()
            ),
        },
        None => AfterAttempt::Final,
    }
}

/// Reads `busy=2@10m,no-answer=2@30m,failed=1@5m,machine=0,no-input=1@60m` onto `base`
/// (outcomes left out keep their rule). Delays take `m` or `h`.
pub fn parse_retry(text: &str, base: &RetryPolicy) -> crate::Result<RetryPolicy> {
    let bad = |part: &str, why: &str| crate::Error::InvalidCampaign {
        field: "retry".to_owned(),
        reason: format!(
            "\"{part}\" {why}; write e.g. busy=2@10m,no-answer=2@30m,failed=1@5m,machine=0,no-input=1@60m"
        ),
    };
    let mut policy = base.clone();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, rule) = part.split_once('=').ok_or_else(|| bad(part, "has no ="))?;
        let slot = match name.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "busy" => &mut policy.busy,
            "no-answer" => &mut policy.no_answer,
            "failed" => &mut policy.failed,
            "machine" => &mut policy.machine,
            "no-input" => &mut policy.no_input,
            _ => {
                return Err(bad(
                    part,
                    "names no retried outcome (busy, no-answer, failed, machine, no-input)",
                ));
            }
        };
        let (count, delay) = match rule.split_once('@') {
            Some((c, d)) => (c, Some(d)),
            None => (rule, None),
        };
        slot.count = count
            .trim()
            .parse()
            .map_err(|_| bad(part, "has no count"))?;
        if slot.count > 10 {
            return Err(bad(part, "retries more than 10 times"));
        }
        if let Some(delay) = delay {
            let delay = delay.trim();
            let no_delay = || bad(part, "has no delay such as 10m or 2h");
            let unit = delay.chars().last().ok_or_else(no_delay)?;
            let n: u32 = delay[..delay.len() - unit.len_utf8()]
                .parse()
                .map_err(|_| no_delay())?;
            slot.delay_min = match unit {
                'm' => n,
                'h' => n.saturating_mul(60),
                _ => return Err(bad(part, "has no delay such as 10m or 2h")),
            };
        }
    }
    Ok(policy)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(text: &str) -> i64 {
        text.parse::<jiff::Timestamp>().unwrap().as_millisecond()
    }

    #[test]
    fn busy_is_retried_twice_ten_minutes_apart_then_final() {
        let tz = TimeZone::get("Europe/London").unwrap();
        let (p, s) = (RetryPolicy::default(), Safeguards::default());
        let ended = ms("2026-12-01T10:00:00Z");
        let after = |n| after_attempt(Outcome::Busy, n, ended, &p, &tz, &s);
        assert!(
            matches!(after(0), AfterAttempt::RetryAt { at_ms, .. } if at_ms == ended + 600_000)
        );
        assert!(matches!(after(1), AfterAttempt::RetryAt { .. }));
        assert_eq!(after(2), AfterAttempt::Final);
        assert_eq!(
            after_attempt(Outcome::Machine, 0, ended, &p, &tz, &s),
            AfterAttempt::Final
        );
        assert_eq!(
            after_attempt(Outcome::Confirmed, 0, ended, &p, &tz, &s),
            AfterAttempt::Final
        );
    }

    #[test]
    fn a_retry_past_the_window_waits_for_the_next_one() {
        let tz = TimeZone::get("America/Los_Angeles").unwrap();
        let (p, s) = (RetryPolicy::default(), Safeguards::default());
        // No answer at 20:45 Los Angeles time (Tue): +30 min is 21:15, closed; Wed 08:00 PST.
        let ended = ms("2026-12-02T04:45:00Z");
        let AfterAttempt::RetryAt { at_ms, reason } =
            after_attempt(Outcome::NoAnswer, 0, ended, &p, &tz, &s)
        else {
            panic!("expected a retry")
        };
        assert_eq!(at_ms, ms("2026-12-02T16:00:00Z"));
        assert!(reason.contains("outside the calling window"), "{reason}");
    }

    #[test]
    fn retry_flags_are_read_and_bad_ones_explained() {
        let p = parse_retry(
            "busy=3@15m, no-answer=1@2h,machine=0",
            &RetryPolicy::default(),
        )
        .unwrap();
        assert_eq!((p.busy.count, p.busy.delay_min), (3, 15));
        assert_eq!((p.no_answer.count, p.no_answer.delay_min), (1, 120));
        assert_eq!(p.machine.count, 0);
        assert_eq!(p.failed, RetryPolicy::default().failed, "left alone");
        for bad in ["busy", "busy=x", "busy=1@10s", "ringing=1@1m", "busy=99@1m"] {
            let err = parse_retry(bad, &RetryPolicy::default())
                .unwrap_err()
                .to_string();
            assert!(err.contains("busy=2@10m"), "{bad}: {err}");
        }
    }
}
