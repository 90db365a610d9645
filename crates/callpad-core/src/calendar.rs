//! UTC calendar times as text, for every place core writes one: history timestamps and the
//! voice-log filter (RFC 3339, `2026-11-25T14:05:09Z`) and the stamps in the names of files kept
//! aside (compact, `20260102T030405Z`). Whole seconds, proleptic Gregorian calendar, no time zone
//! database: Unix time in, text out.

/// A UTC time split into calendar fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: i64,
    minute: i64,
    second: i64,
}

impl Civil {
    /// The calendar time of Unix milliseconds `ms` (the milliseconds dropped, rounding down).
    fn of_ms(ms: i64) -> Self {
        let secs = ms.div_euclid(1000);
        let rem = secs.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
        Civil {
            year,
            month,
            day,
            hour: rem / 3600,
            minute: rem % 3600 / 60,
            second: rem % 60,
        }
    }
}

/// Unix milliseconds as RFC 3339 UTC: `2026-11-25T14:05:09Z`.
pub fn rfc3339(ms: i64) -> String {
    let c = Civil::of_ms(ms);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

/// Unix milliseconds as a compact UTC stamp for file names: `20260102T030405Z`.
pub fn compact(ms: i64) -> String {
    let c = Civil::of_ms(ms);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

/// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian calendar.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    // Shift to a calendar whose years start on 1 March, so the leap day ends a year.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_map_to_calendar_dates_across_leap_rules() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        // 2000 is a leap year (divisible by 400), 2100 is not (divisible by 100).
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(11_017), (2000, 3, 1));
        assert_eq!(civil_from_days(47_540), (2100, 2, 28));
        assert_eq!(civil_from_days(47_541), (2100, 3, 1));
    }

    #[test]
    fn both_forms_format_known_instants() {
        // (Unix ms, RFC 3339, compact)
        let cases = [
            (0, "1970-01-01T00:00:00Z", "19700101T000000Z"),
            (951_782_400_000, "2000-02-29T00:00:00Z", "20000229T000000Z"),
            (
                1_767_323_045_000,
                "2026-01-02T03:04:05Z",
                "20260102T030405Z",
            ),
            (
                1_795_615_509_000,
                "2026-11-25T14:05:09Z",
                "20261125T140509Z",
            ),
            (
                4_102_444_799_999,
                "2099-12-31T23:59:59Z",
                "20991231T235959Z",
            ),
            (
                4_107_542_399_000,
                "2100-02-28T23:59:59Z",
                "21000228T235959Z",
            ),
            // Before 1970 the milliseconds round down, not toward zero.
            (-1, "1969-12-31T23:59:59Z", "19691231T235959Z"),
        ];
        for (ms, long, short) in cases {
            assert_eq!(rfc3339(ms), long, "{ms}");
            assert_eq!(compact(ms), short, "{ms}");
        }
    }
}
