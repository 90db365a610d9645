//! Dates and times as a person says them ("Tuesday the 3rd of December at 2:30 PM"), and reading
//! an appointment cell (`2026-12-03 14:30` and friends, or a strftime format the desk names).

use jiff::civil::{Date, DateTime};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The formats an appointment cell is tried in when the desk names none.
pub const APPOINTMENT_FORMATS: &[&str] = &[
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %I:%M %p",
    "%Y-%m-%d %I:%M%p",
];

/// "Tuesday the 3rd of December".
pub fn spoken_date(date: Date) -> String {
    let weekday = WEEKDAYS[date.weekday().to_monday_zero_offset() as usize];
    let month = MONTHS[(date.month() - 1) as usize];
    format!("{weekday} the {} of {month}", ordinal(date.day()))
}

/// "2:30 PM", "9 AM", "12 PM" (noon), "12 AM" (midnight).
pub fn spoken_time(hour: i8, minute: i8) -> String {
    let (h12, half) = match hour {
        0 => (12, "AM"),
        1..=11 => (hour, "AM"),
        12 => (12, "PM"),
        _ => (hour - 12, "PM"),
    };
    if minute == 0 {
        format!("{h12} {half}")
    } else {
        format!("{h12}:{minute:02} {half}")
    }
}

/// "Tuesday the 3rd of December at 2:30 PM".
pub fn spoken_datetime(at: DateTime) -> String {
    format!(
        "{} at {}",
        spoken_date(at.date()),
        spoken_time(at.hour(), at.minute())
    )
}

/// 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st, 22nd, 23rd, 31st.
pub fn ordinal(n: i8) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Reads an appointment cell as a local date and time, in `format` (strftime, e.g.
/// `%d/%m/%Y %H:%M`) or else in each of [`APPOINTMENT_FORMATS`].
pub fn parse_appointment(cell: &str, format: Option<&str>) -> Option<DateTime> {
    let cell = cell.trim();
    match format {
        Some(f) => DateTime::strptime(f, cell).ok(),
        None => APPOINTMENT_FORMATS
            .iter()
            .find_map(|f| DateTime::strptime(f, cell).ok()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_are_said_naturally() {
        let at = DateTime::new(2024, 12, 3, 14, 30, 0, 0).unwrap();
        assert_eq!(
            spoken_datetime(at),
            "Tuesday the 3rd of December at 2:30 PM"
        );
        assert_eq!(spoken_time(9, 0), "9 AM");
        assert_eq!(spoken_time(0, 5), "12:05 AM");
        assert_eq!(spoken_time(12, 0), "12 PM");
        assert_eq!(spoken_time(23, 59), "11:59 PM");
        let days: Vec<_> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31].map(ordinal).into();
        assert_eq!(
            days,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st"
            ]
        );
    }

    #[test]
    fn appointment_cells_are_read_in_common_and_named_formats() {
        let want = DateTime::new(2026, 12, 3, 14, 30, 0, 0).unwrap();
        for cell in [
            "2026-12-03 14:30",
            "2026-12-03T14:30",
            " 2026-12-03 02:30 PM ",
            "2026-12-03T14:30:00",
        ] {
            assert_eq!(parse_appointment(cell, None), Some(want), "{cell}");
        }
        assert_eq!(
            parse_appointment("03/12/2026 14:30", Some("%d/%m/%Y %H:%M")),
            Some(want)
        );
        assert_eq!(parse_appointment("03/12/2026 14:30", None), None);
        assert_eq!(parse_appointment("tomorrow", None), None);
        assert_eq!(
            parse_appointment("2026-02-30 10:00", None),
            None,
            "no such day"
        );
    }
}
