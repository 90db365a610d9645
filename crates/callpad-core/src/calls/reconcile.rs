//! After a crash: history rows left unfinished are settled from SignalWire's voice logs, never by
//! dialling again. Run once at start (app and CLI), before any new call of the profile is placed.
//!
//! - A dial whose answer never came ("Dialling…") becomes "May have been placed" at once; then the
//!   voice-log list (calls created since the row, to the same number from the same caller) says
//!   whether it was placed. A call found is attached to the row with its state; no call found well
//!   after the dial means it was not placed.
//! - A placed call that never reached its end gets its state from `GET /api/voice/logs/{id}`.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::history::{self, HistoryEntry, Placement};
use crate::signalwire::{Client, VoiceLog, VoiceLogQuery};
use crate::status::{CallPhase, Observation};
use crate::{Error, Result};

/// A dial row (no call id yet) newer than this may be in flight in another process: left alone.
/// A row with a call id is looked up whatever its age: reading its voice log sends nothing, and a
/// restart right after a crash must not leave a call that ended "In progress".
pub const IN_FLIGHT_MS: i64 = 60_000;
/// How long after a dial its voice log may take to appear; with no log by then, it was not placed.
pub const LOG_GRACE_MS: i64 = 120_000;
/// How far before a row's time the voice-log list is searched (clocks differ).
const CLOCK_SLACK_MS: i64 = 60_000;

/// What reconciling found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReconcileReport {
    /// Unfinished rows looked at.
    pub checked: u32,
    /// Rows whose outcome the voice logs settled (placed and followed, ended, or not placed).
    #[ts(type = "number[]")]
    pub settled: Vec<i64>,
    /// Rows still "May have been placed" (the logs do not say yet, or could not be read).
    #[ts(type = "number[]")]
    pub still_unknown: Vec<i64>,
    /// Why some rows could not be checked (e.g. offline), in words.
    pub problems: Vec<String>,
}

impl ReconcileReport {
    /// One line for a person, or `None` when there was nothing to do.
    pub fn summary(&self) -> Option<String> {
        if self.checked == 0 {
            return None;
        }
        let mut text = format!(
            "checked {} unfinished call{} from before: {} settled from SignalWire's call logs",
            self.checked,
            if self.checked == 1 { "" } else { "s" },
            self.settled.len()
        );
        if !self.still_unknown.is_empty() {
            text.push_str(&format!(
                ", {} may have been placed (check the Space's call logs before calling again)",
                self.still_unknown.len()
            ));
        }
        Some(text)
    }
}

/// Settles the unfinished history rows of `profile` (the profile `client` calls through) from
/// the voice logs, as of `now_ms`. Never dials. A row whose check fails stays as it is (or "May
/// have been placed") and the reason is in the report; only a database failure is an error.
pub async fn reconcile(
    client: &Client,
    db: &Arc<Mutex<Connection>>,
    profile: &str,
    now_ms: i64,
) -> Result<ReconcileReport> {
    let rows = {
        let conn = db.lock().expect("database lock");
        history::unfinished(&conn, profile)?
    };
    let mut report = ReconcileReport::default();
    let mut claimed = HashSet::new();
    for row in rows {
        if row.call_id.is_none() && now_ms - row.created_at_ms < IN_FLIGHT_MS {
            continue;
        }
        report.checked += 1;
        let outcome = match (&row.call_id, row.placement) {
            (Some(call_id), _) => settle_placed(client, db, &row, call_id, now_ms).await,
            (None, _) => settle_lost_dial(client, db, &row, now_ms, &mut claimed).await,
        };
        match outcome {
            Ok(true) => report.settled.push(row.id),
            Ok(false) => {
                if row.call_id.is_none() {
                    report.still_unknown.push(row.id);
                }
            }
            Err(
                err @ (Error::Database(_) | Error::DatabaseBusy(_) | Error::DatabaseOpen { .. }),
            ) => return Err(err),
            Err(err) => {
                if row.call_id.is_none() {
                    report.still_unknown.push(row.id);
                }
                report.problems.push(format!("call {}: {err}", row.id));
            }
        }
    }
    Ok(report)
}

/// A placed call that never ended here: its voice log says where it is now.
async fn settle_placed(
    client: &Client,
    db: &Arc<Mutex<Connection>>,
    row: &HistoryEntry,
    call_id: &str,
    now_ms: i64,
) -> Result<bool> {
    let log = match client.voice_log(call_id).await {
        Ok(log) => log,
        Err(Error::NotFound { .. }) => return Ok(false),
        Err(err) => return Err(err),
    };
    write_state(db, row, None, &log, now_ms)
}

/// A dial whose answer was lost: find it in the voice-log list, or decide it was not placed.
async fn settle_lost_dial(
    client: &Client,
    db: &Arc<Mutex<Connection>>,
    row: &HistoryEntry,
    now_ms: i64,
    claimed: &mut HashSet<String>,
) -> Result<bool> {
    if row.placement == Placement::Sending {
        let conn = db.lock().expect("database lock");
        history::mark_unknown(
            &conn,
            row.id,
            "Callpad stopped before SignalWire answered the dial; checking the call logs",
        )?;
    }
    let logs = client
        .voice_logs(&VoiceLogQuery {
            created_after: Some(crate::calendar::rfc3339(row.created_at_ms - CLOCK_SLACK_MS)),
            ..VoiceLogQuery::default()
        })
        .await?;
    let found = {
        let conn = db.lock().expect("database lock");
        let mut found = None;
        // Oldest first: the call closest after the row is the one it dialled.
        for log in logs.iter().rev() {
            let Some(id) = log.id.as_deref() else {
                continue;
            };
            if log.to.as_deref() != Some(row.to.as_str())
                || !matches!(log.from.as_deref(), Some(f) if f == row.from || f == row.caller_id)
                || log.parent_id.is_some()
                || claimed.contains(id)
                || history::has_call_id(&conn, id)?
            {
                continue;
            }
            found = Some(log.clone());
            break;
        }
        found
    };
    match found {
        Some(log) => {
            let id = log.id.clone().unwrap_or_default();
            claimed.insert(id.clone());
            write_state(db, row, Some(&id), &log, now_ms)?;
            Ok(true)
        }
        None if now_ms - row.created_at_ms >= LOG_GRACE_MS => {
            let conn = db.lock().expect("database lock");
            history::settle_not_placed(
                &conn,
                row.id,
                "SignalWire's call logs show no such call, so the dial that was cut off did not place one",
            )?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// Writes what a log says into the row. True when the row is settled (a call id known, or ended).
fn write_state(
    db: &Arc<Mutex<Connection>>,
    row: &HistoryEntry,
    call_id: Option<&str>,
    log: &VoiceLog,
    now_ms: i64,
) -> Result<bool> {
    let id = call_id.or(row.call_id.as_deref()).unwrap_or_default();
    let obs = Observation::from_log(id, log, now_ms);
    let mut conn = db.lock().expect("database lock");
    match obs {
        Some(obs) if obs.phase > row.phase || call_id.is_some() => {
            history::settle(&mut conn, row.id, call_id, obs.phase, obs.cause, now_ms)?;
            Ok(call_id.is_some() || obs.phase == CallPhase::Ended)
        }
        Some(_) => Ok(false),
        None if call_id.is_some() => {
            history::settle(&mut conn, row.id, call_id, row.phase, None, now_ms)?;
            Ok(true)
        }
        None => Ok(false),
    }
}
