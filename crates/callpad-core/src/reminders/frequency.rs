//! The per-number caps: at most `max_per_day` reminders in the callee's local day and
//! `max_per_week` in any seven days, across every campaign. A reminder counts once it reached a
//! person or a machine (a busy or unanswered try is not a reminder). Pure: times are passed in.

use jiff::tz::TimeZone;

use super::campaign::Safeguards;
use super::window::{local_date, start_of};

const WEEK_MS: i64 = 7 * 24 * 3_600_000;

/// When the caps next allow a reminder to this number: `None` if they allow one at `now_ms`,
/// else the moment they will. `delivered_ms` are the times earlier reminders reached it.
pub fn held_until(now_ms: i64, delivered_ms: &[i64], tz: &TimeZone, s: &Safeguards) -> Option<i64> {
    let mut until: Option<i64> = None;
    let today = local_date(now_ms, tz)?;
    let today_count = delivered_ms
        .iter()
        .filter(|&&t| t <= now_ms && local_date(t, tz) == Some(today))
        .count();
    if today_count >= s.max_per_day as usize {
        until = today.tomorrow().ok().and_then(|d| start_of(d, tz));
    }
    let mut week: Vec<i64> = delivered_ms
        .iter()
        .copied()
        .filter(|&t| t <= now_ms && t > now_ms.saturating_sub(WEEK_MS))
        .collect();
    week.sort_unstable();
    let max = s.max_per_week as usize;
    if week.len() >= max {
        // Free again when enough of them are more than seven days old.
        let freed = week.get(week.len() - max).map(|t| t + WEEK_MS);
        until = until.max(freed);
    }
    until
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(text: &str) -> i64 {
        text.parse::<jiff::Timestamp>().unwrap().as_millisecond()
    }

    #[test]
    fn one_a_day_in_the_callees_day() {
        let tz = TimeZone::get("America/Los_Angeles").unwrap();
        let s = Safeguards::default();
        let morning = ms("2026-12-01T17:00:00Z"); // 09:00 there
        assert_eq!(held_until(morning, &[], &tz, &s), None);
        let evening = ms("2026-12-02T03:00:00Z"); // 19:00 there, the same local day (UTC's next)
        assert_eq!(
            held_until(evening, &[morning], &tz, &s),
            Some(ms("2026-12-02T08:00:00Z")),
            "local midnight"
        );
    }

    #[test]
    fn three_a_week_rolling() {
        let tz = TimeZone::get("Europe/London").unwrap();
        let s = Safeguards::default();
        let day = 24 * 3_600_000;
        let first = ms("2026-12-01T10:00:00Z");
        let sent = [first, first + day, first + 2 * day];
        let now = first + 3 * day;
        assert_eq!(held_until(now, &sent, &tz, &s), Some(first + WEEK_MS));
        assert_eq!(held_until(first + WEEK_MS + 1, &sent, &tz, &s), None);
        let lenient = Safeguards {
            max_per_week: 4,
            ..Safeguards::default()
        };
        assert_eq!(held_until(now, &sent, &tz, &lenient), None);
    }
}
