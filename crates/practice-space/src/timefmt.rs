//! Formatting simulated milliseconds as RFC 3339 UTC timestamps and as float seconds.
//! It owns no clock; callers pass the time in.

/// `2024-05-10T17:29:37Z` for a count of milliseconds since the Unix epoch (UTC, whole seconds).
pub(crate) fn rfc3339(ms: u64) -> String {
    let secs = ms / 1000;
    let days = i64::try_from(secs / 86_400).unwrap_or(i64::MAX);
    let rem = secs % 86_400;
    let (year, month, day) = civil_date(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Seconds since the Unix epoch as a float with millisecond precision (the webhook `timestamp`).
pub(crate) fn float_secs(ms: u64) -> f64 {
    ms as f64 / 1000.0
}

/// Proleptic Gregorian (year, month, day) for a count of days since 1970-01-01.
fn civil_date(days_since_epoch: i64) -> (i64, u32, u32) {
    // Shift the epoch to 0000-03-01 so leap days fall at the end of each 400-year era's years.
    let shifted = days_since_epoch + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (
        year,
        u32::try_from(month).unwrap_or(1),
        u32::try_from(day).unwrap_or(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_640_000_000_123), "2021-12-20T11:33:20Z");
        // 2024-02-29 (a leap day) at 23:59:59.
        assert_eq!(rfc3339(1_709_251_199_000), "2024-02-29T23:59:59Z");
        assert_eq!(rfc3339(1_709_251_200_000), "2024-03-01T00:00:00Z");
    }

    #[test]
    fn float_seconds_keep_milliseconds() {
        assert!((float_secs(1_640_000_000_123) - 1_640_000_000.123).abs() < 1e-6);
    }
}
