//! Reading a reminder CSV into recipients: any column names, every cell kept; the phone, name,
//! appointment and time-zone columns found by header (or named); each row checked — number,
//! duplicate, do-not-call, zone, appointment, message — so the review can show, by line, who
//! will not be called and why. Pure apart from the do-not-call look-up passed in.

use csv::{ReaderBuilder, Trim};
use jiff::civil::DateTime;

use super::campaign::{CampaignSettings, Schedule};
use super::outcome::{Exclusion, RecipientState};
use super::store::NewRecipient;
use super::template::{Fill, Template, key_of};
use super::window::{callee_zone, next_open, zone};
use crate::contacts::excerpt;
use crate::numbers::{Dialable, parse_dialable};
use crate::{Error, Result};

/// Headers read as the phone column, in order of preference.
pub const PHONE_COLUMNS: &[&str] = &[
    "phone",
    "mobile",
    "mobile_phone",
    "cell",
    "phone_number",
    "number",
    "telephone",
    "tel",
];
/// Headers read as the name column.
pub const NAME_COLUMNS: &[&str] = &[
    "name",
    "full_name",
    "patient",
    "client",
    "customer",
    "contact",
];
/// Headers read as the time-zone column.
pub const ZONE_COLUMNS: &[&str] = &["time_zone", "timezone", "tz", "zone"];

/// What a CSV is read with.
#[derive(Debug, Clone, Default)]
pub struct CsvOptions {
    /// Region national numbers are read in (e.g. `US`).
    pub region: Option<String>,
    /// The appointment column (a header); required by `{date}`, `{time}` and `--before`.
    pub appointment_column: Option<String>,
    /// strftime format of the appointment cells; common ISO forms are tried without one.
    pub appointment_format: Option<String>,
}

/// A CSV read into recipients.
#[derive(Debug, Clone)]
pub struct ReadCsv {
    pub columns: Vec<String>,
    pub recipients: Vec<NewRecipient>,
}

/// Finds `names`' first match among `keys`.
fn find(keys: &[String], names: &[&str]) -> Option<usize> {
    names.iter().find_map(|n| keys.iter().position(|k| k == n))
}

/// Reads `bytes` and checks every row. `do_not_call(e164)` says whether a number is on the
/// do-not-call list; `now_ms` places "now" schedules and the windows.
pub fn read_csv(
    bytes: &[u8],
    template_text: &str,
    settings: &CampaignSettings,
    options: &CsvOptions,
    now_ms: i64,
    do_not_call: &mut dyn FnMut(&str) -> Result<bool>,
) -> Result<ReadCsv> {
    let unreadable = |reason: String| Error::ImportUnreadable { reason };
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|_| unreadable("it is not UTF-8 text; save it as CSV UTF-8".to_owned()))?;
    let (text, first_line) = match text.split_once('\n') {
        Some((first, rest)) if first.trim().to_ascii_lowercase().starts_with("sep=") => (rest, 2),
        _ => (text, 1),
    };
    let header_line = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| header_line.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(Trim::All)
        .from_reader(text.as_bytes());
    let columns: Vec<String> = reader
        .headers()
        .map_err(|e| unreadable(format!("its header row cannot be read ({e})")))?
        .iter()
        .map(str::to_owned)
        .collect();
    if columns.iter().all(|c| c.is_empty()) {
        return Err(unreadable(
            "the file is empty; the first row must name the columns (e.g. name,phone,appointment)"
                .to_owned(),
        ));
    }
    let keys: Vec<String> = columns.iter().map(|c| key_of(c)).collect();
    let phone_col = find(&keys, PHONE_COLUMNS).ok_or_else(|| {
        unreadable(format!(
            "no column holds phone numbers (the columns are {}); name one phone",
            columns
                .iter()
                .take(20)
                .map(|c| excerpt(c))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })?;
    let name_col = find(&keys, NAME_COLUMNS);
    let first_col = find(&keys, &["first_name", "given_name", "firstname"]);
    let last_col = find(&keys, &["last_name", "family_name", "surname", "lastname"]);
    let zone_col = find(&keys, ZONE_COLUMNS);
    let appointment_col = match (&options.appointment_column, &settings.schedule) {
        (Some(c), _) | (None, Schedule::Before { column: c, .. }) => {
            Some(keys.iter().position(|k| *k == key_of(c)).ok_or_else(|| {
                Error::InvalidCampaign {
                    field: "appointment column".to_owned(),
                    reason: format!(
                        "there is no column \"{c}\"; the columns are {}",
                        columns.join(", ")
                    ),
                }
            })?)
        }
        (None, _) => None,
    };
    let template = Template::parse(template_text, &columns, appointment_col.is_some())?;
    if let Some(z) = &settings.fallback_zone {
        zone(z)?;
    }

    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    let mut recipients = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize) + first_line - 1;
                recipients.push(excluded(
                    line,
                    "",
                    "",
                    vec![],
                    Exclusion::Unreadable,
                    format!("line {line} cannot be read ({e})"),
                ));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize) + first_line - 1;
        let mut cells: Vec<String> = record.iter().map(str::to_owned).collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        cells.resize(columns.len(), String::new());
        let typed = cells[phone_col].clone();
        let name = match (name_col, first_col, last_col) {
            (Some(i), ..) if !cells[i].is_empty() => cells[i].clone(),
            (_, first, last) => [first, last]
                .into_iter()
                .flatten()
                .map(|i| cells[i].as_str())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
        };
        let reject =
            |kind, reason: String| excluded(line, &typed, &name, cells.clone(), kind, reason);
        let phone = match parse_dialable(&typed, options.region.as_deref()) {
            Ok(Dialable::Phone(p)) => p.e164,
            Ok(Dialable::Sip(_)) => {
                recipients.push(reject(
                    Exclusion::InvalidNumber,
                    "a SIP address has no calling window; use a phone number".to_owned(),
                ));
                continue;
            }
            Err(e) => {
                recipients.push(reject(
                    Exclusion::InvalidNumber,
                    format!("invalid number \"{}\": {e}", excerpt(&typed)),
                ));
                continue;
            }
        };
        let mut recipient = reject(Exclusion::InvalidNumber, String::new());
        recipient.phone = Some(phone.clone());
        recipient.exclusion = None;
        if let Some(first) = seen.get(&phone) {
            recipient.waiting_reason = Some(format!("duplicate of line {first}: not called twice"));
            recipient.exclusion = Some(Exclusion::Duplicate);
            recipients.push(recipient);
            continue;
        }
        seen.insert(phone.clone(), line);
        if do_not_call(&phone)? {
            recipient.waiting_reason = Some("on the do-not-call list".to_owned());
            recipient.exclusion = Some(Exclusion::DoNotCall);
            recipients.push(recipient);
            continue;
        }
        let Some(callee) = callee_zone(
            &phone,
            zone_col.map(|i| cells[i].as_str()),
            settings.fallback_zone.as_deref(),
        ) else {
            recipient.waiting_reason = Some(
                "no time zone: the number spans zones and neither a time-zone column nor the profile names one".to_owned(),
            );
            recipient.exclusion = Some(Exclusion::NoTimeZone);
            recipients.push(recipient);
            continue;
        };
        let tz = zone(&callee.name)?;
        recipient.zone = Some(callee.name.clone());
        let appointment: Option<DateTime> = match appointment_col {
            Some(i) => match super::spoken::parse_appointment(
                &cells[i],
                options.appointment_format.as_deref(),
            ) {
                Some(at) => Some(at),
                None => {
                    recipient.waiting_reason = Some(format!(
                        "the appointment \"{}\" cannot be read; write it as 2026-12-03 14:30 or name its format",
                        excerpt(&cells[i])
                    ));
                    recipient.exclusion = Some(Exclusion::BadAppointment);
                    recipients.push(recipient);
                    continue;
                }
            },
            None => None,
        };
        recipient.appointment = appointment.map(|a| a.to_string());
        let appointment_ms = appointment
            .and_then(|a| a.to_zoned_datetime(tz.clone()).ok())
            .map(|z| z.timestamp().as_millisecond());
        match template.render(&Fill {
            name: &name,
            cells: &cells,
            appointment,
        }) {
            Ok(message) => recipient.message = Some(message),
            Err(why) => {
                recipient.waiting_reason = Some(why);
                recipient.exclusion = Some(Exclusion::EmptyPlaceholder);
                recipients.push(recipient);
                continue;
            }
        }
        if appointment_ms.is_some_and(|at| at <= now_ms) {
            recipient.waiting_reason = Some("the appointment has already passed".to_owned());
            recipient.exclusion = Some(Exclusion::AppointmentPassed);
            recipients.push(recipient);
            continue;
        }
        let due = match &settings.schedule {
            Schedule::Now => now_ms,
            Schedule::At { at_ms } => (*at_ms).max(now_ms),
            Schedule::Before { hours, .. } => appointment_ms
                .map_or(now_ms, |at| at - i64::from(*hours) * 3_600_000)
                .max(now_ms),
        };
        match next_open(due, &tz, &settings.safeguards) {
            Some(at) if appointment_ms.is_none_or(|appt| at < appt) => {
                recipient.state = RecipientState::Waiting;
                recipient.exclusion = None;
                recipient.next_attempt_ms = Some(at);
                recipient.waiting_reason = (at > due)
                    .then(|| format!("outside the calling window ({}) until then", callee.name));
            }
            _ => {
                recipient.waiting_reason =
                    Some("no calling window opens before the appointment".to_owned());
                recipient.exclusion = Some(Exclusion::NoWindow);
            }
        }
        recipients.push(recipient);
    }
    if recipients.is_empty() {
        return Err(unreadable("there are no rows under the header".to_owned()));
    }
    Ok(ReadCsv {
        columns,
        recipients,
    })
}

fn excluded(
    line: usize,
    typed: &str,
    name: &str,
    cells: Vec<String>,
    kind: Exclusion,
    reason: String,
) -> NewRecipient {
    NewRecipient {
        exclusion: Some(kind),
        line,
        phone: None,
        typed: typed.to_owned(),
        name: name.to_owned(),
        cells,
        zone: None,
        appointment: None,
        message: None,
        state: RecipientState::Excluded,
        next_attempt_ms: None,
        waiting_reason: Some(reason),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(text: &str) -> i64 {
        text.parse::<jiff::Timestamp>().unwrap().as_millisecond()
    }

    fn read(
        csv: &str,
        template: &str,
        settings: &CampaignSettings,
        now: i64,
        dnc: &[&str],
    ) -> Result<ReadCsv> {
        let options = CsvOptions {
            region: Some("US".into()),
            ..CsvOptions::default()
        };
        read_csv(
            csv.as_bytes(),
            template,
            settings,
            &options,
            now,
            &mut |n| Ok(dnc.contains(&n)),
        )
    }

    #[test]
    fn rows_are_checked_and_every_column_kept() {
        let csv = "Name,Phone,Appointment,Doctor,Notes\n\
                   Ada,(206) 555-0100,2026-12-03 14:30,Dr B,bring forms\n\
                   Bob,not a number,2026-12-03 15:00,Dr B,\n\
                   Cy,+1 206 555 0100,2026-12-03 16:00,Dr B,\n\
                   Di,+12125550123,2026-12-03 09:00,Dr C,\n\
                   Ed,+12125550124,2026-12-01 09:00,Dr C,\n";
        let s = CampaignSettings {
            schedule: Schedule::Before {
                column: "Appointment".into(),
                hours: 24,
            },
            ..CampaignSettings::default()
        };
        let now = ms("2026-12-01T20:00:00Z");
        let read = read(
            csv,
            "Hi {name}, {with} on {date} at {time}",
            &s,
            now,
            &["+12125550123"],
        )
        .unwrap();
        assert_eq!(
            read.columns,
            ["Name", "Phone", "Appointment", "Doctor", "Notes"]
        );
        let r = &read.recipients;
        assert_eq!(r.len(), 5);
        assert_eq!(r[0].state, RecipientState::Waiting, "{:?}", r[0]);
        assert_eq!(r[0].phone.as_deref(), Some("+12065550100"));
        assert_eq!(r[0].cells[4], "bring forms");
        assert_eq!(r[0].zone.as_deref(), Some("America/Los_Angeles"));
        assert_eq!(
            r[0].message.as_deref(),
            Some("Hi Ada, Dr B on Thursday the 3rd of December at 2:30 PM")
        );
        // 24 h before 14:30 PST on the 3rd is 22:30 UTC on the 2nd, inside the window there.
        assert_eq!(r[0].next_attempt_ms, Some(ms("2026-12-02T22:30:00Z")));
        assert_eq!((r[1].line, r[1].state), (3, RecipientState::Excluded));
        assert!(
            r[1].waiting_reason
                .as_deref()
                .unwrap()
                .starts_with("invalid number")
        );
        assert_eq!(
            r[2].waiting_reason.as_deref(),
            Some("duplicate of line 2: not called twice")
        );
        assert_eq!(
            r[3].waiting_reason.as_deref(),
            Some("on the do-not-call list")
        );
        assert_eq!(
            r[4].waiting_reason.as_deref(),
            Some("the appointment has already passed")
        );
        let kinds: Vec<_> = r.iter().map(|r| r.exclusion).collect();
        use Exclusion::*;
        assert_eq!(
            kinds,
            [
                None,
                Some(InvalidNumber),
                Some(Duplicate),
                Some(DoNotCall),
                Some(AppointmentPassed)
            ]
        );
    }

    #[test]
    fn now_outside_the_callees_window_waits_with_a_reason() {
        let csv = "name;phone\nAda;+12065550100\n";
        let now = ms("2026-12-02T05:30:00Z"); // 21:30 in Los Angeles
        let r = read(
            csv,
            "Hello {first_name}",
            &CampaignSettings::default(),
            now,
            &[],
        )
        .unwrap()
        .recipients;
        assert_eq!(r[0].next_attempt_ms, Some(ms("2026-12-02T16:00:00Z")));
        assert!(
            r[0].waiting_reason
                .as_deref()
                .unwrap()
                .contains("outside the calling window")
        );
    }

    #[test]
    fn unusable_files_and_templates_are_refused_before_anything_is_stored() {
        let s = CampaignSettings::default();
        let err = |csv: &str, t: &str| read(csv, t, &s, 0, &[]).unwrap_err().to_string();
        assert!(err("name,email\nA,a@b\n", "Hi").contains("no column holds phone numbers"));
        assert!(
            err("name,phone\nA,+12065550100\n", "Hi {nope}")
                .contains("{nope} is not a placeholder")
        );
        assert!(err("name,phone\n", "Hi").contains("no rows"));
        assert!(err("", "Hi").contains("empty"));
        let bad_zone = CampaignSettings {
            fallback_zone: Some("Mars/Base".into()),
            ..CampaignSettings::default()
        };
        assert!(
            read("name,phone\nA,+12065550100\n", "Hi", &bad_zone, 0, &[])
                .unwrap_err()
                .to_string()
                .contains("IANA")
        );
    }

    #[test]
    fn a_number_spanning_zones_needs_a_zone_column_or_the_profiles() {
        let csv = "name,phone,tz\nA,+18005550100,America/Chicago\nB,+18885550100,\n";
        let r = read(csv, "Hi", &CampaignSettings::default(), 0, &[])
            .unwrap()
            .recipients;
        assert_eq!(r[0].zone.as_deref(), Some("America/Chicago"));
        assert_eq!(r[1].state, RecipientState::Excluded);
        assert!(
            r[1].waiting_reason
                .as_deref()
                .unwrap()
                .starts_with("no time zone")
        );
    }
}
