//! [`CampaignStore`] on the data folder's SQLite database: the schema step (`SCHEMA`, run by
//! `db::MIGRATIONS`) and the queries. Settings and cells are JSON text; times are Unix ms.

use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};

use super::campaign::CampaignSettings;
use super::outcome::{Exclusion, Outcome, RecipientState};
use super::store::{
    Attempt, AttemptEnd, AttemptState, Campaign, CampaignState, CampaignStore, NewCampaign,
    NewRecipient, Recipient,
};
use crate::{Error, Result};

/// Schema step 4: campaigns, recipients (every imported cell kept), attempts.
pub const SCHEMA: &str = "
CREATE TABLE reminder_campaigns (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    profile    TEXT,
    caller_id  TEXT,
    template   TEXT NOT NULL,
    columns    TEXT NOT NULL,
    settings   TEXT NOT NULL,
    state      TEXT NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE reminder_recipients (
    id              INTEGER PRIMARY KEY,
    campaign_id     INTEGER NOT NULL REFERENCES reminder_campaigns(id) ON DELETE CASCADE,
    line            INTEGER NOT NULL,
    phone           TEXT,
    typed           TEXT NOT NULL,
    name            TEXT NOT NULL,
    cells           TEXT NOT NULL,
    zone            TEXT,
    appointment     TEXT,
    message         TEXT,
    state           TEXT NOT NULL,
    exclusion       TEXT,
    outcome         TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,
    waiting_reason  TEXT
) STRICT;
CREATE INDEX reminder_recipients_due ON reminder_recipients(campaign_id, state, next_attempt_at);

CREATE TABLE reminder_attempts (
    id           INTEGER PRIMARY KEY,
    recipient_id INTEGER NOT NULL REFERENCES reminder_recipients(id) ON DELETE CASCADE,
    number       TEXT NOT NULL,
    token        TEXT NOT NULL UNIQUE,
    state        TEXT NOT NULL CHECK (state IN ('dialling', 'placed', 'ended')),
    call_id      TEXT,
    started_at   INTEGER NOT NULL,
    ended_at     INTEGER,
    outcome      TEXT
) STRICT;
CREATE INDEX reminder_attempts_by_number ON reminder_attempts(number, started_at);
CREATE INDEX reminder_attempts_by_recipient ON reminder_attempts(recipient_id);
";

/// The SQLite campaign store.
pub struct SqliteCampaignStore {
    conn: Connection,
}

impl SqliteCampaignStore {
    /// On an open connection whose schema is up to date (`db::open_in`).
    pub fn new(conn: Connection) -> Self {
        SqliteCampaignStore { conn }
    }
}

fn json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Internal {
        detail: format!("encoding reminder data: {e}"),
    })
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("{what}: {e}").into(),
        )
    })
}

fn bad_value(what: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("unknown {what} {value:?}").into(),
    )
}

fn campaign_row(row: &Row<'_>) -> rusqlite::Result<Campaign> {
    let state: String = row.get("state")?;
    Ok(Campaign {
        id: row.get("id")?,
        name: row.get("name")?,
        profile: row.get("profile")?,
        caller_id: row.get("caller_id")?,
        template: row.get("template")?,
        columns: from_json(&row.get::<_, String>("columns")?, "columns")?,
        settings: from_json::<CampaignSettings>(&row.get::<_, String>("settings")?, "settings")?,
        state: CampaignState::parse(&state).ok_or_else(|| bad_value("campaign state", &state))?,
        created_ms: row.get("created_at")?,
    })
}

fn recipient_row(row: &Row<'_>) -> rusqlite::Result<Recipient> {
    let state: String = row.get("state")?;
    let outcome: Option<String> = row.get("outcome")?;
    let exclusion: Option<String> = row.get("exclusion")?;
    Ok(Recipient {
        id: row.get("id")?,
        campaign_id: row.get("campaign_id")?,
        line: row.get::<_, i64>("line")? as usize,
        phone: row.get("phone")?,
        typed: row.get("typed")?,
        name: row.get("name")?,
        cells: from_json(&row.get::<_, String>("cells")?, "cells")?,
        zone: row.get("zone")?,
        appointment: row.get("appointment")?,
        message: row.get("message")?,
        state: RecipientState::parse(&state).ok_or_else(|| bad_value("recipient state", &state))?,
        exclusion: exclusion
            .map(|e| Exclusion::parse(&e).ok_or_else(|| bad_value("exclusion", &e)))
            .transpose()?,
        outcome: outcome
            .map(|o| Outcome::parse(&o).ok_or_else(|| bad_value("outcome", &o)))
            .transpose()?,
        attempts: row.get("attempts")?,
        next_attempt_ms: row.get("next_attempt_at")?,
        waiting_reason: row.get("waiting_reason")?,
    })
}

fn attempt_row(row: &Row<'_>) -> rusqlite::Result<Attempt> {
    let state: String = row.get("state")?;
    let outcome: Option<String> = row.get("outcome")?;
    Ok(Attempt {
        id: row.get("id")?,
        recipient_id: row.get("recipient_id")?,
        number: row.get("number")?,
        token: row.get("token")?,
        state: AttemptState::parse(&state).ok_or_else(|| bad_value("attempt state", &state))?,
        call_id: row.get("call_id")?,
        started_ms: row.get("started_at")?,
        ended_ms: row.get("ended_at")?,
        outcome: outcome
            .map(|o| Outcome::parse(&o).ok_or_else(|| bad_value("outcome", &o)))
            .transpose()?,
    })
}

const ATTEMPT_COLUMNS: &str = "a.id, a.recipient_id, a.number, a.token, a.state, a.call_id, a.started_at, a.ended_at, a.outcome";

impl CampaignStore for SqliteCampaignStore {
    fn create_campaign(&mut self, c: &NewCampaign, recipients: &[NewRecipient]) -> Result<i64> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO reminder_campaigns (name, profile, caller_id, template, columns, settings, state, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                c.name.trim(),
                c.profile,
                c.caller_id,
                c.template,
                json(&c.columns)?,
                json(&c.settings)?,
                CampaignState::Ready.as_str(),
                c.created_ms
            ],
        )?;
        let id = tx.last_insert_rowid();
        {
            let mut insert = tx.prepare(
                "INSERT INTO reminder_recipients
                 (campaign_id, line, phone, typed, name, cells, zone, appointment, message, state, exclusion, next_attempt_at, waiting_reason)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?;
            for r in recipients {
                insert.execute(params![
                    id,
                    r.line as i64,
                    r.phone,
                    r.typed,
                    r.name,
                    json(&r.cells)?,
                    r.zone,
                    r.appointment,
                    r.message,
                    r.state.as_str(),
                    r.exclusion.map(Exclusion::as_str),
                    r.next_attempt_ms,
                    r.waiting_reason
                ])?;
            }
        }
        tx.commit()?;
        Ok(id)
    }

    fn campaigns(&self) -> Result<Vec<Campaign>> {
        let mut stmt = self
            .conn
            .prepare("SELECT * FROM reminder_campaigns ORDER BY id DESC")?;
        let rows = stmt.query_map([], campaign_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn campaign(&self, id: i64) -> Result<Campaign> {
        self.conn
            .query_row(
                "SELECT * FROM reminder_campaigns WHERE id = ?1",
                [id],
                campaign_row,
            )
            .optional()?
            .ok_or(Error::CampaignNotFound { id })
    }

    fn set_campaign_state(&mut self, id: i64, state: CampaignState) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE reminder_campaigns SET state = ?1 WHERE id = ?2",
            params![state.as_str(), id],
        )?;
        if n == 0 {
            return Err(Error::CampaignNotFound { id });
        }
        Ok(())
    }

    fn recipients(&self, campaign: i64) -> Result<Vec<Recipient>> {
        self.campaign(campaign)?;
        let mut stmt = self.conn.prepare(
            "SELECT * FROM reminder_recipients WHERE campaign_id = ?1 ORDER BY line, id",
        )?;
        let rows = stmt.query_map([campaign], recipient_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn due(&self, campaign: i64, now_ms: i64, limit: usize) -> Result<Vec<Recipient>> {
        let mut stmt = self.conn.prepare(
            "SELECT * FROM reminder_recipients
             WHERE campaign_id = ?1 AND state = 'waiting' AND next_attempt_at <= ?2
             ORDER BY next_attempt_at, line, id LIMIT ?3",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![campaign, now_ms, limit], recipient_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn next_due_at(&self, campaign: i64) -> Result<Option<i64>> {
        Ok(self.conn.query_row(
            "SELECT min(next_attempt_at) FROM reminder_recipients WHERE campaign_id = ?1 AND state = 'waiting'",
            [campaign],
            |r| r.get(0),
        )?)
    }

    fn attempts(&self, campaign: i64) -> Result<Vec<Attempt>> {
        self.campaign(campaign)?;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ATTEMPT_COLUMNS} FROM reminder_attempts a
             JOIN reminder_recipients r ON r.id = a.recipient_id
             WHERE r.campaign_id = ?1 ORDER BY a.id"
        ))?;
        let rows = stmt.query_map([campaign], attempt_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn begin_attempt(&mut self, recipient: i64, token: &str, now_ms: i64) -> Result<Attempt> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let found: Option<(String, Option<String>)> = tx
            .query_row(
                "SELECT state, phone FROM reminder_recipients WHERE id = ?1",
                [recipient],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let out_of_order = |detail: String| Error::AttemptOutOfOrder {
            attempt: 0,
            to: "dialling",
            detail,
        };
        let Some((state, phone)) = found else {
            return Err(out_of_order(format!(
                "recipient {recipient} does not exist"
            )));
        };
        let (true, Some(number)) = (state == RecipientState::Waiting.as_str(), phone) else {
            return Err(out_of_order(format!(
                "recipient {recipient} is {state}, not waiting with a number"
            )));
        };
        tx.execute(
            "INSERT INTO reminder_attempts (recipient_id, number, token, state, started_at) VALUES (?1, ?2, ?3, 'dialling', ?4)",
            params![recipient, number, token, now_ms],
        )?;
        let id = tx.last_insert_rowid();
        tx.execute(
            "UPDATE reminder_recipients SET state = 'calling', attempts = attempts + 1, next_attempt_at = NULL, waiting_reason = NULL WHERE id = ?1",
            [recipient],
        )?;
        tx.commit()?;
        Ok(Attempt {
            id,
            recipient_id: recipient,
            number,
            token: token.to_owned(),
            state: AttemptState::Dialling,
            call_id: None,
            started_ms: now_ms,
            ended_ms: None,
            outcome: None,
        })
    }

    fn attempt_placed(&mut self, attempt: i64, call_id: &str) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE reminder_attempts SET state = 'placed', call_id = ?2 WHERE id = ?1 AND state = 'dialling'",
            params![attempt, call_id],
        )?;
        if n == 0 {
            return Err(Error::AttemptOutOfOrder {
                attempt,
                to: "placed",
                detail: "it is not dialling (already placed or ended, or no such attempt)"
                    .to_owned(),
            });
        }
        Ok(())
    }

    fn end_attempt(&mut self, attempt: i64, end: &AttemptEnd) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let recipient: Option<i64> = tx
            .query_row(
                "SELECT recipient_id FROM reminder_attempts WHERE id = ?1 AND state IN ('dialling', 'placed')",
                [attempt],
                |r| r.get(0),
            )
            .optional()?;
        let Some(recipient) = recipient else {
            return Err(Error::AttemptOutOfOrder {
                attempt,
                to: "ended",
                detail: "it has already ended, or there is no such attempt".to_owned(),
            });
        };
        tx.execute(
            "UPDATE reminder_attempts SET state = 'ended', ended_at = ?2, outcome = ?3 WHERE id = ?1",
            params![attempt, end.ended_ms, end.outcome.as_str()],
        )?;
        let (state, next, reason) = match (&end.retry, end.outcome) {
            (Some((at, reason)), _) => (RecipientState::Waiting, Some(*at), Some(reason.as_str())),
            (None, Outcome::MayHaveBeenPlaced) => (
                RecipientState::NeedsDecision,
                None,
                Some("the call may have been placed; check the voice logs before calling again"),
            ),
            (None, _) => (RecipientState::Done, None, None),
        };
        tx.execute(
            "UPDATE reminder_recipients SET state = ?2, outcome = ?3, next_attempt_at = ?4, waiting_reason = ?5 WHERE id = ?1 AND state = 'calling'",
            params![recipient, state.as_str(), end.outcome.as_str(), next, reason],
        )?;
        tx.commit()?;
        Ok(())
    }

    fn delivered_to(&self, number: &str, since_ms: i64) -> Result<Vec<i64>> {
        let reached: Vec<&str> = Outcome::ALL
            .into_iter()
            .filter(|o| o.reached_someone())
            .map(Outcome::as_str)
            .collect();
        let mut stmt = self.conn.prepare(
            "SELECT started_at, outcome FROM reminder_attempts WHERE number = ?1 AND started_at >= ?2 AND state = 'ended' ORDER BY started_at",
        )?;
        let rows = stmt.query_map(params![number, since_ms], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (at, outcome) = row?;
            if outcome.as_deref().is_some_and(|o| reached.contains(&o)) {
                out.push(at);
            }
        }
        Ok(out)
    }

    fn hold(&mut self, recipient: i64, at_ms: i64, reason: &str) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE reminder_recipients SET next_attempt_at = ?2, waiting_reason = ?3 WHERE id = ?1 AND state = 'waiting'",
            params![recipient, at_ms, reason],
        )?;
        not_waiting(recipient, n, "held")
    }

    fn exclude(&mut self, recipient: i64, exclusion: Exclusion, reason: &str) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE reminder_recipients SET state = 'excluded', exclusion = ?2, waiting_reason = ?3, next_attempt_at = NULL WHERE id = ?1 AND state = 'waiting'",
            params![recipient, exclusion.as_str(), reason],
        )?;
        not_waiting(recipient, n, "excluded")
    }

    fn decide(&mut self, recipient: i64, call_again_at: Option<i64>) -> Result<()> {
        let (state, reason) = match call_again_at {
            Some(_) => ("waiting", Some("a person chose to call again")),
            None => ("done", None),
        };
        let n = self.conn.execute(
            "UPDATE reminder_recipients SET state = ?2, next_attempt_at = ?3, waiting_reason = ?4 WHERE id = ?1 AND state = 'needs_decision'",
            params![recipient, state, call_again_at, reason],
        )?;
        if n == 0 {
            return Err(Error::InvalidCampaign {
                field: format!("recipient {recipient}"),
                reason: "it is not waiting for a decision".to_owned(),
            });
        }
        Ok(())
    }
}

fn not_waiting(recipient: i64, changed: usize, to: &'static str) -> Result<()> {
    if changed == 0 {
        return Err(Error::AttemptOutOfOrder {
            attempt: 0,
            to,
            detail: format!("recipient {recipient} is not waiting"),
        });
    }
    Ok(())
}
