//! The callee's time zone and calling window. Pure: "now" is always passed in (Unix ms) and
//! zones come from the number, the recipient's row or the profile — never the machine's.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use super::campaign::Safeguards;
use super::tz::zone_of_number;

/// Where a recipient's zone came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ZoneSource {
    /// The number's numbering plan fixes one.
    Number,
    /// The recipient's time-zone column.
    Column,
    /// The campaign's (the profile's) zone.
    Profile,
}

/// A recipient's zone, by name (IANA), with where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalleeZone {
    pub name: String,
    pub source: ZoneSource,
}

/// The zone to keep the window in: the number's if its plan fixes one, else the row's column
/// (an IANA name such as `America/Chicago`), else the profile's. `None` when none is known (or
/// the named ones are not zones), so the recipient can be held back rather than guessed at.
pub fn callee_zone(e164: &str, column: Option<&str>, profile: Option<&str>) -> Option<CalleeZone> {
    if let Some(zone) = zone_of_number(e164) {
        return Some(CalleeZone {
            name: zone.to_owned(),
            source: ZoneSource::Number,
        });
    }
    let known = |name: Option<&str>| {
        name.map(str::trim)
            .filter(|n| !n.is_empty() && TimeZone::get(n).is_ok())
            .map(str::to_owned)
    };
    if let Some(name) = known(column) {
        return Some(CalleeZone {
            name,
            source: ZoneSource::Column,
        });
    }
    known(profile).map(|name| CalleeZone {
        name,
        source: ZoneSource::Profile,
    })
}

/// The rules for a zone by name; an unknown name is an error saying so.
pub fn zone(name: &str) -> crate::Result<TimeZone> {
    TimeZone::get(name).map_err(|_| crate::Error::InvalidCampaign {
        field: "time zone".to_owned(),
        reason: format!(
            "\"{name}\" is not an IANA time zone (such as Europe/London or America/New_York)"
        ),
    })
}

/// True when a call may start at `now_ms` in `tz`.
pub fn is_open(now_ms: i64, tz: &TimeZone, safeguards: &Safeguards) -> bool {
    next_open(now_ms, tz, safeguards) == Some(now_ms)
}

/// The first moment at or after `now_ms` when a call may start in `tz`: `now_ms` itself inside
/// the window, else the next window's opening. `None` when no day is allowed.
pub fn next_open(now_ms: i64, tz: &TimeZone, safeguards: &Safeguards) -> Option<i64> {
    let now = Timestamp::from_millisecond(now_ms).ok()?;
    let mut day: Date = now.to_zoned_datetime(tz.clone()).date();
    for _ in 0..8 {
        let weekday = day.weekday().to_monday_zero_offset() as u8;
        if safeguards.days.contains(&weekday) {
            let start = at_minute(day, safeguards.window_start_min, tz)?;
            let end = at_minute(day, safeguards.window_end_min, tz)?;
            if now_ms < start {
                return Some(start);
            }
            if now_ms < end {
                return Some(now_ms);
            }
        }
        day = day.tomorrow().ok()?;
    }
    None
}

/// The instant of `minute` minutes after midnight on local `day` (a time skipped by a clock
/// change resolves to just after it).
fn at_minute(day: Date, minute: u16, tz: &TimeZone) -> Option<i64> {
    // 24:00 (a window open to midnight) is the next day's 00:00.
    let (day, minute) = match minute {
        m if m >= 24 * 60 => (day.tomorrow().ok()?, 0),
        m => (day, m),
    };
    let dt = day.at((minute / 60) as i8, (minute % 60) as i8, 0, 0);
    Some(
        dt.to_zoned_datetime(tz.clone())
            .ok()?
            .timestamp()
            .as_millisecond(),
    )
}

/// The local date of `at_ms` in `tz`.
pub fn local_date(at_ms: i64, tz: &TimeZone) -> Option<Date> {
    Some(
        Timestamp::from_millisecond(at_ms)
            .ok()?
            .to_zoned_datetime(tz.clone())
            .date(),
    )
}

/// The instant local `day` begins in `tz`.
pub fn start_of(day: Date, tz: &TimeZone) -> Option<i64> {
    at_minute(day, 0, tz)
}

/// Reads `HH:MM-HH:MM` (e.g. `08:00-21:00`) as minutes after midnight.
pub fn parse_window(text: &str) -> crate::Result<(u16, u16)> {
    let bad = |why: &str| crate::Error::InvalidCampaign {
        field: "calling window".to_owned(),
        reason: format!("\"{text}\" {why}; write it as HH:MM-HH:MM, e.g. 08:00-21:00"),
    };
    let (a, b) = text
        .trim()
        .split_once('-')
        .ok_or_else(|| bad("has no dash"))?;
    let minute = |s: &str| -> Option<u16> {
        let (h, m) = s.trim().split_once(':')?;
        let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
        (h <= 24 && m < 60 && h * 60 + m <= 24 * 60).then(|| h * 60 + m)
    };
    let (start, end) = (
        minute(a).ok_or_else(|| bad("has a bad start"))?,
        minute(b).ok_or_else(|| bad("has a bad end"))?,
    );
    if start >= end {
        return Err(bad("closes before it opens"));
    }
    Ok((start, end))
}

/// Reads `mon-sat`, `mon,wed,fri`, `sat-mon` … as Monday-zero weekdays.
pub fn parse_days(text: &str) -> crate::Result<Vec<u8>> {
    const NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let bad = || crate::Error::InvalidCampaign {
        field: "calling days".to_owned(),
        reason: format!("\"{text}\" is not a list of days; write e.g. mon-sat or mon,wed,fri"),
    };
    let day = |s: &str| {
        let s = s.trim().to_ascii_lowercase();
        NAMES
            .iter()
            .position(|n| s.starts_with(n) && s.len() >= 3)
            .map(|i| i as u8)
    };
    let mut days = Vec::new();
    for part in text.split(',') {
        match part.split_once('-') {
            Some((a, b)) => {
                let (mut d, end) = (day(a).ok_or_else(bad)?, day(b).ok_or_else(bad)?);
                loop {
                    days.push(d);
                    if d == end {
                        break;
                    }
                    d = (d + 1) % 7;
                }
            }
            None => days.push(day(part).ok_or_else(bad)?),
        }
    }
    days.sort_unstable();
    days.dedup();
    Ok(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(text: &str) -> i64 {
        text.parse::<Timestamp>().unwrap().as_millisecond()
    }

    #[test]
    fn a_los_angeles_number_is_not_called_at_half_past_nine_there() {
        // 21:30 in Los Angeles on a Tuesday is 05:30 UTC on the Wednesday: whatever zone the
        // machine is in, only the number's zone counts.
        let zone = callee_zone("+12065550100", Some("Europe/London"), Some("Asia/Tokyo")).unwrap();
        assert_eq!(
            zone,
            CalleeZone {
                name: "America/Los_Angeles".into(),
                source: ZoneSource::Number
            }
        );
        let tz = super::zone(&zone.name).unwrap();
        let s = Safeguards::default();
        let now = ms("2026-12-02T05:30:00Z");
        assert!(!is_open(now, &tz, &s));
        assert_eq!(
            next_open(now, &tz, &s),
            Some(ms("2026-12-02T16:00:00Z")),
            "08:00 PST next day"
        );
        assert!(is_open(ms("2026-12-02T04:59:00Z"), &tz, &s), "20:59 there");
        assert!(
            !is_open(ms("2026-12-02T05:00:00Z"), &tz, &s),
            "21:00 there: closed"
        );
    }

    #[test]
    fn sunday_waits_for_monday_and_clock_changes_are_followed() {
        let tz = zone("Europe/London").unwrap();
        let s = Safeguards::default();
        // Sunday 29 March 2026 10:00 BST (clocks went forward that night): Monday 08:00 BST.
        assert_eq!(
            next_open(ms("2026-03-29T09:00:00Z"), &tz, &s),
            Some(ms("2026-03-30T07:00:00Z"))
        );
        // Saturday 28 March 07:59 GMT: opens at 08:00 GMT.
        assert_eq!(
            next_open(ms("2026-03-28T07:59:00Z"), &tz, &s),
            Some(ms("2026-03-28T08:00:00Z"))
        );
        let none = Safeguards {
            days: vec![],
            ..Safeguards::default()
        };
        assert_eq!(next_open(0, &tz, &none), None);
        let all_day = Safeguards {
            window_start_min: 0,
            window_end_min: 24 * 60,
            days: vec![0, 1, 2, 3, 4, 5, 6],
            ..Safeguards::default()
        };
        let late = ms("2026-03-28T23:59:00Z");
        assert!(is_open(late, &tz, &all_day), "open until midnight");
    }

    #[test]
    fn the_zone_falls_back_from_number_to_column_to_profile() {
        let toll_free = "+18005550100";
        assert_eq!(
            callee_zone(toll_free, Some("America/Chicago"), Some("UTC"))
                .unwrap()
                .source,
            ZoneSource::Column
        );
        let z = callee_zone(toll_free, Some("Mars/Olympus"), Some("America/Denver")).unwrap();
        assert_eq!(
            (z.name.as_str(), z.source),
            ("America/Denver", ZoneSource::Profile)
        );
        assert_eq!(
            callee_zone(toll_free, None, None),
            None,
            "never the machine's zone"
        );
        assert!(
            zone("Nowhere/Else")
                .unwrap_err()
                .to_string()
                .contains("IANA")
        );
    }

    #[test]
    fn windows_and_days_are_read_and_bad_ones_explained() {
        assert_eq!(parse_window("08:00-21:00").unwrap(), (480, 1260));
        assert_eq!(parse_window(" 9:30 - 17:00 ").unwrap(), (570, 1020));
        for bad in ["21:00-08:00", "8-9", "25:00-26:00", "", "08:00-08:00"] {
            assert!(
                parse_window(bad)
                    .unwrap_err()
                    .to_string()
                    .contains("HH:MM-HH:MM"),
                "{bad}"
            );
        }
        assert_eq!(parse_days("mon-sat").unwrap(), [0, 1, 2, 3, 4, 5]);
        assert_eq!(parse_days("Sat-Mon").unwrap(), [0, 5, 6]);
        assert_eq!(parse_days("mon,wed,friday").unwrap(), [0, 2, 4]);
        assert!(parse_days("funday").is_err());
        assert!(parse_days("").is_err());
    }
}
