//! Call history in SQLite: every call Callpad tries to place, written BEFORE the dial is sent (so an
//! ambiguous dial is never lost), then updated with each state. Searching, redial and CSV export.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::status::{CallPhase, CallStatusView, EndCause, Source};
use crate::{Result, calendar};

/// The history tables; appended to `db::MIGRATIONS`.
pub const SCHEMA: &str = "
CREATE TABLE calls (
    id             INTEGER PRIMARY KEY,
    call_id        TEXT UNIQUE,
    profile        TEXT NOT NULL,
    mode           TEXT NOT NULL,
    from_number    TEXT NOT NULL,
    to_number      TEXT NOT NULL,
    caller_id      TEXT NOT NULL,
    contact_id     INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    contact_name   TEXT,
    placement      TEXT NOT NULL CHECK (placement IN ('sending', 'placed', 'notPlaced', 'unknown')),
    placement_note TEXT,
    phase          TEXT NOT NULL,
    end_cause      TEXT,
    created_at_ms  INTEGER NOT NULL,
    answered_at_ms INTEGER,
    ended_at_ms    INTEGER,
    duration_ms    INTEGER,
    test_result    TEXT
) STRICT;
CREATE INDEX calls_by_time ON calls(created_at_ms DESC);

CREATE TABLE call_events (
    call_row INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    phase    TEXT NOT NULL,
    at_ms    INTEGER NOT NULL,
    source   TEXT NOT NULL
) STRICT;
CREATE INDEX call_events_by_call ON call_events(call_row, at_ms);
";

/// The second leg of a call (call me first's contact): its id, phase and end cause.
pub const V3_SECOND_LEG: &str = "
ALTER TABLE calls ADD COLUMN leg_call_id TEXT;
ALTER TABLE calls ADD COLUMN leg_phase TEXT;
ALTER TABLE calls ADD COLUMN leg_end_cause TEXT;
";

/// Whether the dial reached SignalWire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Placement {
    /// Written before the request went out; still waiting for the answer.
    Sending,
    /// SignalWire accepted the call.
    Placed,
    /// Known not to have been placed (refused, or never sent).
    NotPlaced,
    /// The request may have reached SignalWire but no answer came back: the call may have been
    /// placed. Check the Space's logs before calling again.
    Unknown,
}

/// The facts about a call known before dialling.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCall {
    pub profile: String,
    pub mode: super::modes::ModeName,
    pub from: String,
    pub to: String,
    pub caller_id: String,
    pub contact_id: Option<i64>,
    pub contact_name: Option<String>,
    pub created_at_ms: i64,
}

/// One state a call went through.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEvent {
    pub phase: CallPhase,
    #[ts(type = "number")]
    pub at_ms: i64,
    pub source: Source,
}

/// A call as history shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    #[ts(type = "number")]
    pub id: i64,
    pub call_id: Option<String>,
    pub profile: String,
    pub mode: super::modes::ModeName,
    pub from: String,
    pub to: String,
    pub caller_id: String,
    #[ts(type = "number | null")]
    pub contact_id: Option<i64>,
    pub contact_name: Option<String>,
    pub placement: Placement,
    pub placement_note: Option<String>,
    pub phase: CallPhase,
    pub end_cause: Option<EndCause>,
    /// The end cause in words, or what happened to the dial.
    pub outcome: String,
    #[ts(type = "number")]
    pub created_at_ms: i64,
    #[ts(type = "number | null")]
    pub answered_at_ms: Option<i64>,
    #[ts(type = "number | null")]
    pub ended_at_ms: Option<i64>,
    #[ts(type = "number | null")]
    pub duration_ms: Option<i64>,
    /// For caller-ID tests: what the person holding the phone saw.
    pub test_result: Option<String>,
    pub events: Vec<HistoryEvent>,
    /// Call me first: the contact's leg, once SignalWire reported it.
    pub contact_leg_phase: Option<CallPhase>,
    pub contact_leg_cause: Option<EndCause>,
    /// The contact's leg in words, e.g. "Contact: The line was busy".
    pub contact_outcome: Option<String>,
}

/// A phase as stored: its serde name (`queued`, `ringing`, …); an unreadable one counts as queued.
fn parse_phase(text: &str) -> CallPhase {
    enum_parse(text).unwrap_or(CallPhase::Queued)
}

fn enum_str<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn enum_parse<T: for<'de> Deserialize<'de>>(text: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(text.to_owned())).ok()
}

/// Records a call about to be dialled and returns its history row. Call this before sending.
pub fn begin(conn: &Connection, call: &NewCall) -> Result<i64> {
    conn.execute(
        "INSERT INTO calls (profile, mode, from_number, to_number, caller_id, contact_id, contact_name,
                            placement, phase, created_at_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'sending', 'queued', ?8)",
        params![
            call.profile,
            call.mode.as_str(),
            call.from,
            call.to,
            call.caller_id,
            call.contact_id,
            call.contact_name,
            call.created_at_ms
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// SignalWire accepted the dial and gave it this id.
pub fn mark_placed(conn: &Connection, row: i64, call_id: &str) -> Result<()> {
    conn.execute(
        "UPDATE calls SET placement = 'placed', call_id = ?2 WHERE id = ?1",
        params![row, call_id],
    )?;
    Ok(())
}

/// The dial failed: known not placed (`Placement::NotPlaced`) or maybe placed (`Unknown`).
pub fn mark_failed(conn: &Connection, row: i64, placement: Placement, note: &str) -> Result<()> {
    let phase = if placement == Placement::NotPlaced {
        "ended"
    } else {
        "queued"
    };
    conn.execute(
        "UPDATE calls SET placement = ?2, placement_note = ?3, phase = ?4 WHERE id = ?1",
        params![row, enum_str(&placement), note, phase],
    )?;
    Ok(())
}

/// Stores a call's latest state and the timeline entries not stored yet, in one transaction.
pub fn record(conn: &mut Connection, row: i64, view: &CallStatusView) -> Result<()> {
    let tx = conn.transaction()?;
    let leg = view.contact_leg.as_ref();
    tx.execute(
        "UPDATE calls SET phase = ?2, end_cause = ?3, answered_at_ms = ?4, ended_at_ms = ?5,
                          duration_ms = ?6, leg_call_id = ?7, leg_phase = ?8, leg_end_cause = ?9
         WHERE id = ?1",
        params![
            row,
            view.phase.as_str(),
            view.cause.map(|c| enum_str(&c)),
            view.answered_at_ms,
            view.ended_at_ms,
            view.duration_ms,
            leg.map(|l| l.call_id.clone()),
            leg.map(|l| l.phase.as_str()),
            leg.and_then(|l| l.cause).map(|c| enum_str(&c)),
        ],
    )?;
    let stored: i64 = tx.query_row(
        "SELECT count(*) FROM call_events WHERE call_row = ?1",
        [row],
        |r| r.get(0),
    )?;
    for entry in view.timeline.iter().skip(stored as usize) {
        tx.execute(
            "INSERT INTO call_events (call_row, phase, at_ms, source) VALUES (?1, ?2, ?3, ?4)",
            params![
                row,
                entry.phase.as_str(),
                entry.at_ms,
                enum_str(&entry.source)
            ],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// Rows a crash may have left unfinished: a dial whose answer never came (`sending`), one that
/// may have been placed (`unknown`), or a placed call that never reached its end. Oldest first.
pub fn unfinished(conn: &Connection, profile: &str) -> Result<Vec<HistoryEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE profile = ?1 AND (placement IN ('sending', 'unknown')
                                          OR (placement = 'placed' AND phase != 'ended'))
         ORDER BY created_at_ms, id"
    ))?;
    let rows = stmt.query_map([profile], entry_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// True when some history row already carries this call id.
pub fn has_call_id(conn: &Connection, call_id: &str) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM calls WHERE call_id = ?1", [call_id], |_| {
            Ok(())
        })
        .optional()?
        .is_some())
}

/// Marks a dial whose answer was lost as "may have been placed", with why.
pub fn mark_unknown(conn: &Connection, row: i64, note: &str) -> Result<()> {
    conn.execute(
        "UPDATE calls SET placement = 'unknown', placement_note = ?2 WHERE id = ?1",
        params![row, note],
    )?;
    Ok(())
}

/// Settles a row from the voice logs: the call `call_id` (when found) reached `phase` (and its
/// end cause) as of `at_ms`. One transaction; the event is recorded as polled.
pub fn settle(
    conn: &mut Connection,
    row: i64,
    call_id: Option<&str>,
    phase: CallPhase,
    cause: Option<EndCause>,
    at_ms: i64,
) -> Result<()> {
    let tx = conn.transaction()?;
    if let Some(id) = call_id {
        tx.execute(
            "UPDATE calls SET placement = 'placed', call_id = ?2 WHERE id = ?1",
            params![row, id],
        )?;
    }
    let ended = (phase == CallPhase::Ended).then_some(at_ms);
    tx.execute(
        "UPDATE calls SET phase = ?2, end_cause = COALESCE(?3, end_cause),
                          ended_at_ms = COALESCE(ended_at_ms, ?4)
         WHERE id = ?1",
        params![row, phase.as_str(), cause.map(|c| enum_str(&c)), ended],
    )?;
    tx.execute(
        "INSERT INTO call_events (call_row, phase, at_ms, source) VALUES (?1, ?2, ?3, 'poll')",
        params![row, phase.as_str(), at_ms],
    )?;
    tx.commit()?;
    Ok(())
}

/// The voice logs showed no such call long after the dial: it was not placed.
pub fn settle_not_placed(conn: &Connection, row: i64, note: &str) -> Result<()> {
    mark_failed(conn, row, Placement::NotPlaced, note)
}

/// Stores what the person saw on the test phone in a caller-ID test.
pub fn set_test_result(conn: &Connection, row: i64, result: &str) -> Result<()> {
    conn.execute(
        "UPDATE calls SET test_result = ?2 WHERE id = ?1",
        params![row, result],
    )?;
    Ok(())
}

const SELECT: &str =
    "SELECT id, call_id, profile, mode, from_number, to_number, caller_id, contact_id,
    contact_name, placement, placement_note, phase, end_cause, created_at_ms, answered_at_ms,
    ended_at_ms, duration_ms, test_result, leg_phase, leg_end_cause FROM calls";

fn entry_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<HistoryEntry> {
    let placement = enum_parse(&r.get::<_, String>(9)?).unwrap_or(Placement::Unknown);
    let phase = parse_phase(&r.get::<_, String>(11)?);
    let end_cause: Option<EndCause> = r.get::<_, Option<String>>(12)?.and_then(|c| enum_parse(&c));
    let note: Option<String> = r.get(10)?;
    let leg_phase: Option<CallPhase> = r.get::<_, Option<String>>(18)?.map(|p| parse_phase(&p));
    let leg_cause: Option<EndCause> = r.get::<_, Option<String>>(19)?.and_then(|c| enum_parse(&c));
    let contact_outcome = leg_phase.map(|phase| match leg_cause {
        Some(cause) => format!("Contact: {}", cause.describe()),
        None => format!("Contact: {}", phase.as_str()),
    });
    let outcome = match (placement, end_cause) {
        (Placement::Unknown, _) => "May have been placed — check the Space's call logs".to_owned(),
        (Placement::NotPlaced, _) => format!("Not placed: {}", note.clone().unwrap_or_default()),
        (Placement::Sending, _) => "Dialling…".to_owned(),
        (Placement::Placed, Some(cause)) => cause.describe().to_owned(),
        (Placement::Placed, None) => match phase {
            CallPhase::Queued | CallPhase::Created => "Placed".to_owned(),
            CallPhase::Ringing => "Ringing".to_owned(),
            CallPhase::Answered | CallPhase::Ending => "In progress".to_owned(),
            CallPhase::Ended => EndCause::Unknown.describe().to_owned(),
        },
    };
    Ok(HistoryEntry {
        id: r.get(0)?,
        call_id: r.get(1)?,
        profile: r.get(2)?,
        mode: super::modes::ModeName::parse(&r.get::<_, String>(3)?),
        from: r.get(4)?,
        to: r.get(5)?,
        caller_id: r.get(6)?,
        contact_id: r.get(7)?,
        contact_name: r.get(8)?,
        placement,
        placement_note: note,
        phase,
        end_cause,
        outcome,
        created_at_ms: r.get(13)?,
        answered_at_ms: r.get(14)?,
        ended_at_ms: r.get(15)?,
        duration_ms: r.get(16)?,
        test_result: r.get(17)?,
        events: Vec::new(),
        contact_leg_phase: leg_phase,
        contact_leg_cause: leg_cause,
        contact_outcome,
    })
}

fn with_events(conn: &Connection, mut entry: HistoryEntry) -> Result<HistoryEntry> {
    let mut stmt = conn.prepare_cached(
        "SELECT phase, at_ms, source FROM call_events WHERE call_row = ?1 ORDER BY rowid",
    )?;
    entry.events = stmt
        .query_map([entry.id], |r| {
            Ok(HistoryEvent {
                phase: parse_phase(&r.get::<_, String>(0)?),
                at_ms: r.get(1)?,
                source: enum_parse(&r.get::<_, String>(2)?).unwrap_or(Source::Local),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(entry)
}

/// One call by its history row.
pub fn get(conn: &Connection, row: i64) -> Result<Option<HistoryEntry>> {
    let entry = conn
        .query_row(&format!("{SELECT} WHERE id = ?1"), [row], entry_from_row)
        .optional()?;
    entry.map(|e| with_events(conn, e)).transpose()
}

/// The most recent calls first. A query matches the contact's name, or any run of digits of the
/// number called (`555 12` finds `+1 555 123…`).
pub fn list(conn: &Connection, query: &str, limit: usize) -> Result<Vec<HistoryEntry>> {
    let q = query.trim();
    let digits: String = q.chars().filter(char::is_ascii_digit).collect();
    let looks_numeric = !digits.is_empty()
        && q.chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c));
    let mut stmt;
    let rows = if q.is_empty() {
        stmt = conn.prepare_cached(&format!(
            "{SELECT} ORDER BY created_at_ms DESC, id DESC LIMIT ?1"
        ))?;
        stmt.query_map(params![limit as i64], entry_from_row)?
    } else if looks_numeric {
        stmt = conn.prepare_cached(&format!(
            "{SELECT} WHERE instr(to_number, ?1) > 0 OR instr(caller_id, ?1) > 0
             ORDER BY created_at_ms DESC, id DESC LIMIT ?2"
        ))?;
        stmt.query_map(params![digits, limit as i64], entry_from_row)?
    } else {
        stmt = conn.prepare_cached(&format!(
            "{SELECT} WHERE contact_name LIKE ?1 ESCAPE '\\' OR profile LIKE ?1 ESCAPE '\\'
             ORDER BY created_at_ms DESC, id DESC LIMIT ?2"
        ))?;
        let pattern = format!(
            "%{}%",
            q.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        stmt.query_map(params![pattern, limit as i64], entry_from_row)?
    };
    let entries: Vec<HistoryEntry> = rows.collect::<rusqlite::Result<_>>()?;
    entries.into_iter().map(|e| with_events(conn, e)).collect()
}

/// Writes history as CSV (newest first): one row per call with its outcome and times in UTC.
pub fn export_csv(conn: &Connection, out: impl std::io::Write) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "started_utc",
        "profile",
        "mode",
        "contact",
        "to",
        "from",
        "caller_id",
        "call_id",
        "outcome",
        "answered_utc",
        "ended_utc",
        "duration_s",
        "test_result",
    ])
    .map_err(csv_error)?;
    for e in list(conn, "", usize::MAX >> 1)? {
        w.write_record(
            [
                calendar::rfc3339(e.created_at_ms),
                e.profile,
                e.mode.as_str().to_owned(),
                e.contact_name.unwrap_or_default(),
                e.to,
                e.from,
                e.caller_id,
                e.call_id.unwrap_or_default(),
                e.outcome,
                e.answered_at_ms.map(calendar::rfc3339).unwrap_or_default(),
                e.ended_at_ms.map(calendar::rfc3339).unwrap_or_default(),
                e.duration_ms
                    .map(|d| format!("{:.1}", d as f64 / 1000.0))
                    .unwrap_or_default(),
                e.test_result.unwrap_or_default(),
            ]
            // Names and other text a spreadsheet would run as a formula get a leading `'`.
            .map(|cell| crate::contacts::spreadsheet_safe(&cell).into_owned()),
        )
        .map_err(csv_error)?;
    }
    w.flush().map_err(|e| crate::Error::HistoryExport {
        detail: e.to_string(),
    })?;
    Ok(())
}

fn csv_error(e: csv::Error) -> crate::Error {
    crate::Error::HistoryExport {
        detail: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;
    use crate::status::{Observation, Tracker};

    fn new_call(to: &str, name: Option<&str>, at: i64) -> NewCall {
        NewCall {
            profile: "Practice".into(),
            mode: crate::calls::ModeName::DeliverMessage,
            from: "+12065550100".into(),
            to: to.into(),
            caller_id: "+12065550100".into(),
            contact_id: None,
            contact_name: name.map(str::to_owned),
            created_at_ms: at,
        }
    }

    #[test]
    fn a_call_is_recorded_before_dialling_and_follows_its_states() {
        let mut conn = db::open_in_memory().unwrap();
        let row = begin(&conn, &new_call("+442079460958", Some("Ann Lee"), 1_000)).unwrap();
        let e = get(&conn, row).unwrap().unwrap();
        assert_eq!(e.placement, Placement::Sending);
        assert_eq!(e.outcome, "Dialling…");

        mark_placed(&conn, row, "call-abc").unwrap();
        let mut tracker = Tracker::new();
        for (phase, at) in [(CallPhase::Ringing, 2_000), (CallPhase::Answered, 3_000)] {
            tracker.apply(Observation::new("call-abc", phase, at, Source::Webhook));
            record(&mut conn, row, tracker.get("call-abc").unwrap()).unwrap();
        }
        tracker.apply(
            Observation::new("call-abc", CallPhase::Ended, 63_000, Source::Poll)
                .with_cause(EndCause::HungUp),
        );
        record(&mut conn, row, tracker.get("call-abc").unwrap()).unwrap();
        // Recording the same state twice adds no events.
        record(&mut conn, row, tracker.get("call-abc").unwrap()).unwrap();

        let e = get(&conn, row).unwrap().unwrap();
        assert_eq!(e.call_id.as_deref(), Some("call-abc"));
        assert_eq!(e.phase, CallPhase::Ended);
        assert_eq!(e.end_cause, Some(EndCause::HungUp));
        assert_eq!(e.duration_ms, Some(60_000));
        assert_eq!(e.outcome, "Hung up");
        let phases: Vec<_> = e.events.iter().map(|ev| ev.phase).collect();
        assert_eq!(
            phases,
            [CallPhase::Ringing, CallPhase::Answered, CallPhase::Ended]
        );
        assert_eq!(e.events[2].source, Source::Poll);
    }

    #[test]
    fn an_ambiguous_dial_stays_in_history_as_such() {
        let conn = db::open_in_memory().unwrap();
        let row = begin(&conn, &new_call("+12065550199", None, 1)).unwrap();
        mark_failed(&conn, row, Placement::Unknown, "the connection dropped").unwrap();
        let e = get(&conn, row).unwrap().unwrap();
        assert_eq!(e.placement, Placement::Unknown);
        assert!(e.outcome.contains("May have been placed"), "{}", e.outcome);

        let row2 = begin(&conn, &new_call("+12065550199", None, 2)).unwrap();
        mark_failed(&conn, row2, Placement::NotPlaced, "caller ID not verified").unwrap();
        let e2 = get(&conn, row2).unwrap().unwrap();
        assert_eq!(e2.outcome, "Not placed: caller ID not verified");
    }

    #[test]
    fn history_is_searchable_by_digits_and_name_newest_first() {
        let conn = db::open_in_memory().unwrap();
        begin(&conn, &new_call("+15551234567", Some("Bob Stone"), 10)).unwrap();
        begin(&conn, &new_call("+442079460958", Some("Ann Lee"), 20)).unwrap();
        begin(
            &conn,
            &new_call("+15559990000", Some("Ann's office 100%"), 30),
        )
        .unwrap();
        let names = |q: &str| -> Vec<String> {
            list(&conn, q, 10)
                .unwrap()
                .into_iter()
                .map(|e| e.contact_name.unwrap_or_default())
                .collect()
        };
        assert_eq!(names(""), ["Ann's office 100%", "Ann Lee", "Bob Stone"]);
        assert_eq!(names("555 12"), ["Bob Stone"]);
        assert_eq!(names("(207) 946"), ["Ann Lee"]);
        assert_eq!(names("ann"), ["Ann's office 100%", "Ann Lee"]);
        assert_eq!(names("100%"), ["Ann's office 100%"]);
        assert_eq!(names("zed"), Vec::<String>::new());
    }

    #[test]
    fn exports_csv_with_outcomes_and_utc_times() {
        let mut conn = db::open_in_memory().unwrap();
        let row = begin(
            &conn,
            &new_call(
                "+15551234567",
                Some("Bob, \"the\" builder"),
                1_764_079_509_000,
            ),
        )
        .unwrap();
        mark_placed(&conn, row, "c1").unwrap();
        let mut t = Tracker::new();
        t.apply(
            Observation::new("c1", CallPhase::Ended, 1_764_079_519_000, Source::Webhook)
                .with_cause(EndCause::Busy),
        );
        record(&mut conn, row, t.get("c1").unwrap()).unwrap();
        set_test_result(&conn, row, "shown correctly").unwrap();
        let mut out = Vec::new();
        export_csv(&conn, &mut out).unwrap();
        let mut reader = csv::Reader::from_reader(out.as_slice());
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(&rows[0][0], "2025-11-25T14:05:09Z");
        assert_eq!(&rows[0][3], "Bob, \"the\" builder");
        assert_eq!(&rows[0][8], "The line was busy");
        assert_eq!(&rows[0][12], "shown correctly");
    }
}
