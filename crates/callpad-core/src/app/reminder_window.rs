//! Reminder campaigns as the window's Reminders tab handles them: the draft as the form holds it
//! (the CSV as base64), a live preview of a draft (the columns and what each becomes, what the
//! first recipients will hear, who is called now, later or never — nothing stored), whether
//! keypresses can reach Callpad, the report with every attempt, and its CSV export.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Callpad;
use super::reminders::{CampaignReview, CampaignStatus, NewReminderCampaign, iso, review};
use crate::calls::StatusInUse;
use crate::reminders::campaign::CampaignSettings;
use crate::reminders::progress::{NextCall, next_call, tally};
use crate::reminders::recipients::{CsvOptions, NAME_COLUMNS, PHONE_COLUMNS, ZONE_COLUMNS};
use crate::reminders::script::{menu_words, offered};
use crate::reminders::store::CampaignStore;
use crate::reminders::template::{FIRST_NAME_COLUMNS, PLACE_COLUMNS, WITH_COLUMNS, key_of};
use crate::reminders::{Outcome, RecipientState};
use crate::{Error, Result};

/// How many recipients the preview shows the message of.
pub const HEARD_PREVIEW: usize = 3;

/// Headers offered as the appointment column when none is chosen, in order.
pub const APPOINTMENT_COLUMNS: &[&str] = &[
    "appointment",
    "appointment_time",
    "appointment_at",
    "appointment_date",
    "date_time",
    "datetime",
    "when",
    "start",
    "starts_at",
];

/// A campaign as the window's form holds it.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReminderDraft {
    pub name: String,
    /// The file's raw bytes, base64 (Rust decides the encoding and the delimiter).
    pub csv_base64: String,
    pub template: String,
    pub settings: CampaignSettings,
    /// The appointment column (a header), for `{date}`, `{time}` and "hours before".
    pub appointment_column: Option<String>,
    /// strftime format of its cells; common ISO forms are read without one.
    pub appointment_format: Option<String>,
    /// `None` (or empty) takes the one the window's caller-ID picker preselects (the last used,
    /// else the profile's default, else the first usable one).
    pub caller_id: Option<String>,
}

impl ReminderDraft {
    fn decode(&self) -> Result<NewReminderCampaign> {
        use base64::Engine;
        let csv = base64::engine::general_purpose::STANDARD
            .decode(self.csv_base64.trim().as_bytes())
            .map_err(|e| Error::BadPayload {
                what: "the file",
                detail: format!("{e}; choose it again"),
            })?;
        let text = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        Ok(NewReminderCampaign {
            name: self.name.clone(),
            csv,
            template: self.template.clone(),
            settings: self.settings.clone(),
            csv_options: CsvOptions {
                region: None,
                appointment_column: text(&self.appointment_column),
                appointment_format: text(&self.appointment_format),
            },
            caller_id: text(&self.caller_id),
            profile: None,
        })
    }
}

/// One column of the file and what it becomes, as the import preview shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ColumnUse {
    pub column: String,
    /// In words: "Phone number", "Name", "Appointment", "Time zone", "{doctor}".
    pub becomes: String,
}

/// A setting or the template that stops the draft, with the field it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DraftProblem {
    pub field: String,
    pub message: String,
}

/// What one recipient will hear, and when the call is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HeardMessage {
    pub line: usize,
    pub name: String,
    pub phone: String,
    /// The message, then the menu when keys can reach Callpad.
    pub words: String,
    /// ISO 8601 (UTC): due now or then.
    pub due_at: Option<String>,
    pub zone: Option<String>,
    pub waiting_reason: Option<String>,
}

/// Whether keypresses can reach Callpad (the callback listener is reachable), and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeypressReach {
    /// No reachable listener: the call speaks the message and hangs up; only answered / busy /
    /// no answer / failed are recorded.
    pub message_only: bool,
    pub reason: String,
}

/// What a draft would do, nothing stored.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReminderPreview {
    pub columns: Vec<ColumnUse>,
    /// The appointment column Callpad would pick (by header) when none is chosen.
    pub suggested_appointment: Option<String>,
    /// The placeholders this file offers, e.g. `{first_name}`, `{doctor}`.
    pub placeholders: Vec<String>,
    /// Set when the template or a setting stops the campaign; the counts are then absent.
    pub problem: Option<DraftProblem>,
    pub review: Option<CampaignReview>,
    /// Of `review.call_later`, those held back by the per-number daily/weekly caps.
    pub held_by_caps: usize,
    pub heard: Vec<HeardMessage>,
    /// The caller ID the calls will show.
    pub caller_id: Option<String>,
    pub keypresses: KeypressReach,
}

/// One attempt in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttemptRow {
    /// The recipient's line in the file.
    pub line: usize,
    pub name: String,
    pub number: String,
    /// `dialling`, `placed` or `ended`.
    pub state: String,
    pub outcome: Option<Outcome>,
    pub started_at: String,
    pub ended_at: Option<String>,
}

/// A campaign's progress and report: counts, who is being called, who is next, every attempt.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReminderReport {
    pub status: CampaignStatus,
    /// Recipients that will be called at all (not excluded).
    pub to_call: u32,
    /// Of those, the ones finished (a final outcome, or left for a person to decide).
    pub finished: u32,
    /// Final outcomes in the order the chart shows them, with their counts (zeros left out).
    pub outcomes: Vec<OutcomeCount>,
    pub in_progress: Vec<CallingNow>,
    pub next_call: Option<NextCall>,
    pub attempts: Vec<AttemptRow>,
    /// Every key of `status.counts` (each outcome and recipient state) in words, for the
    /// counts and the tables.
    pub count_words: Vec<CountWord>,
}

/// A count's key (`confirmed`, `waiting`, …) and its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CountWord {
    pub key: String,
    pub label: String,
}

/// A recipient's state in words, for the counts.
pub fn state_words(s: RecipientState) -> &'static str {
    match s {
        RecipientState::Waiting => "Waiting",
        RecipientState::Calling => "Calling now",
        RecipientState::Done => "Done",
        RecipientState::Excluded => "Not called",
        RecipientState::NeedsDecision => "A person must decide",
    }
}

/// A recipient whose call is in progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallingNow {
    pub name: String,
    pub phone: String,
}

/// How many recipients ended with an outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OutcomeCount {
    pub outcome: Outcome,
    /// In words: "Confirmed", "No answer".
    pub label: String,
    pub count: usize,
}

/// An outcome in words, for the report and the chart.
pub fn outcome_words(o: Outcome) -> &'static str {
    match o {
        Outcome::Confirmed => "Confirmed",
        Outcome::Reschedule => "Wants to reschedule",
        Outcome::AskedForCall => "Asked to speak to us",
        Outcome::StopCalls => "Asked to stop these calls",
        Outcome::Answered => "Answered (no keys)",
        Outcome::NoInput => "No key pressed",
        Outcome::Busy => "Busy",
        Outcome::NoAnswer => "No answer",
        Outcome::Failed => "Failed",
        Outcome::Machine => "Answering machine",
        Outcome::MayHaveBeenPlaced => "May have been placed — check",
        Outcome::NotPlaced => "Not placed (tried again)",
    }
}

fn find(keys: &[String], names: &[&str]) -> Option<usize> {
    names.iter().find_map(|n| keys.iter().position(|k| k == n))
}

/// Each column's use, the appointment column Callpad suggests, and the placeholders on offer.
fn column_uses(
    columns: &[String],
    appointment: Option<&str>,
) -> (Vec<ColumnUse>, Option<String>, Vec<String>) {
    let keys: Vec<String> = columns.iter().map(|c| key_of(c)).collect();
    let suggested = find(&keys, APPOINTMENT_COLUMNS).map(|i| columns[i].clone());
    let appointment = appointment
        .map(key_of)
        .and_then(|a| keys.iter().position(|k| *k == a));
    let roles: [(Option<usize>, &str); 7] = [
        (find(&keys, PHONE_COLUMNS), "Phone number"),
        (find(&keys, NAME_COLUMNS), "Name ({name})"),
        (find(&keys, FIRST_NAME_COLUMNS), "First name ({first_name})"),
        (appointment, "Appointment ({date}, {time})"),
        (find(&keys, ZONE_COLUMNS), "Time zone"),
        (find(&keys, WITH_COLUMNS), "With ({with})"),
        (find(&keys, PLACE_COLUMNS), "Place ({place})"),
    ];
    let uses = columns
        .iter()
        .enumerate()
        .map(|(i, c)| ColumnUse {
            column: c.clone(),
            becomes: roles
                .iter()
                .find(|(at, _)| *at == Some(i))
                .map_or_else(|| format!("{{{}}}", keys[i]), |(_, w)| (*w).to_owned()),
        })
        .collect();
    let mut placeholders = vec!["{first_name}".to_owned(), "{name}".to_owned()];
    if appointment.is_some() {
        placeholders.extend(["{date}".to_owned(), "{time}".to_owned()]);
    }
    for (at, p) in [(roles[5].0, "{with}"), (roles[6].0, "{place}")] {
        if at.is_some() {
            placeholders.push(p.to_owned());
        }
    }
    for k in &keys {
        let p = format!("{{{k}}}");
        if !k.is_empty() && !placeholders.contains(&p) {
            placeholders.push(p);
        }
    }
    (uses, suggested, placeholders)
}

impl Callpad {
    /// Whether keypresses can reach Callpad on the active profile's session: they arrive at the
    /// callback listener, so only a listening session (practice, a tunnel, a public URL) gets
    /// them; otherwise a campaign runs message-only.
    pub async fn reminder_keypress_reach(&self) -> KeypressReach {
        match self.connect().await {
            Ok(choice) if choice.method == StatusInUse::Listen => KeypressReach {
                message_only: false,
                reason: "Keypresses reach Callpad: each call offers the menu and records the key."
                    .to_owned(),
            },
            Ok(choice) => KeypressReach {
                message_only: true,
                reason: format!(
                    "Message-only: no reachable listener ({}), so calls speak the message and hang up; only answered, busy, no answer and failed are recorded.",
                    choice.reason.trim_end_matches('.')
                ),
            },
            Err(e) => KeypressReach {
                message_only: true,
                reason: format!("Message-only: the session could not open ({e})."),
            },
        }
    }

    /// What creating `draft` would do, nothing stored: the file's columns and their uses (an
    /// unreadable file is an error), then — unless the template or a setting stops it, which is
    /// `problem` — the review counts and what the first recipients will hear.
    pub async fn preview_reminder_draft(&self, draft: &ReminderDraft) -> Result<ReminderPreview> {
        let new = self.decode_draft(draft).await?;
        let keypresses = self.reminder_keypress_reach().await;
        // The file alone first (a neutral message, no appointment): its columns, or why not.
        let columns = crate::reminders::recipients::read_csv(
            &new.csv,
            "-",
            &CampaignSettings::default(),
            &CsvOptions {
                region: self.region(),
                ..CsvOptions::default()
            },
            self.now_ms(),
            &mut |_| Ok(false),
        )?
        .columns;
        let appointment =
            new.csv_options
                .appointment_column
                .clone()
                .or(match &new.settings.schedule {
                    crate::reminders::Schedule::Before { column, .. } => Some(column.clone()),
                    _ => None,
                });
        let (uses, suggested, placeholders) = column_uses(&columns, appointment.as_deref());
        let mut out = ReminderPreview {
            columns: uses,
            suggested_appointment: suggested,
            placeholders,
            problem: None,
            review: None,
            held_by_caps: 0,
            heard: Vec::new(),
            caller_id: None,
            keypresses,
        };
        let plan = match self.plan_reminder_campaign(&new) {
            Ok(plan) => plan,
            Err(Error::InvalidCampaign { field, reason }) => {
                out.problem = Some(DraftProblem {
                    message: format!("{field}: {reason}"),
                    field,
                });
                return Ok(out);
            }
            Err(e) => return Err(e),
        };
        let menu = offered(&plan.settings.menu, plan.settings.front_desk.as_deref());
        out.heard = plan
            .read
            .recipients
            .iter()
            .filter(|r| r.state == RecipientState::Waiting)
            .take(HEARD_PREVIEW)
            .map(|r| {
                let message = r.message.clone().unwrap_or_default();
                HeardMessage {
                    line: r.line,
                    name: r.name.clone(),
                    phone: r.phone.clone().unwrap_or_else(|| r.typed.clone()),
                    words: if out.keypresses.message_only {
                        message
                    } else {
                        format!("{} {}", message.trim(), menu_words(&menu))
                    },
                    due_at: r.next_attempt_ms.map(iso),
                    zone: r.zone.clone(),
                    waiting_reason: r.waiting_reason.clone(),
                }
            })
            .collect();
        out.review = Some(review(
            0,
            new.name.trim().to_owned(),
            &plan.read.recipients,
            plan.now,
        ));
        out.held_by_caps = plan.held_by_caps;
        out.caller_id = Some(plan.caller_id);
        Ok(out)
    }

    /// Creates the campaign `draft` describes (see [`Callpad::create_reminder_campaign`]).
    pub async fn create_reminder_draft(&self, draft: &ReminderDraft) -> Result<CampaignReview> {
        let new = self.decode_draft(draft).await?;
        self.create_reminder_campaign(new)
    }

    /// The draft as a campaign to create; without a caller ID, the one the caller-ID picker
    /// preselects on the open session (none without a session).
    async fn decode_draft(&self, draft: &ReminderDraft) -> Result<NewReminderCampaign> {
        let mut new = draft.decode()?;
        if new.caller_id.is_none()
            && self
                .active_profile()
                .is_some_and(|p| p.preferred_caller_id().is_none())
        {
            new.caller_id = self
                .caller_id_picker(false)
                .await
                .ok()
                .and_then(|p| p.preselected);
        }
        Ok(new)
    }

    /// A campaign's progress and report: its status, counts by outcome in chart order, calls
    /// in progress, the next call and when, and every attempt.
    pub fn reminder_report(&self, id: i64) -> Result<ReminderReport> {
        let status = self.reminder_status(id)?;
        let store = self.reminder_store()?;
        let recipients = store.recipients(id)?;
        let by_id: BTreeMap<i64, &crate::reminders::Recipient> =
            recipients.iter().map(|r| (r.id, r)).collect();
        let attempts = store
            .attempts(id)?
            .into_iter()
            .map(|a| {
                let r = by_id.get(&a.recipient_id);
                AttemptRow {
                    line: r.map_or(0, |r| r.line),
                    name: r.map(|r| r.name.clone()).unwrap_or_default(),
                    number: a.number,
                    state: a.state.as_str().to_owned(),
                    outcome: a.outcome,
                    started_at: iso(a.started_ms),
                    ended_at: a.ended_ms.map(iso),
                }
            })
            .collect();
        let (_, finished, to_call) = tally(&recipients);
        let mut outcomes = Vec::new();
        for o in Outcome::ALL {
            let count = recipients
                .iter()
                .filter(|r| {
                    matches!(
                        r.state,
                        RecipientState::Done | RecipientState::NeedsDecision
                    )
                })
                .filter(|r| r.outcome == Some(o))
                .count();
            if count > 0 {
                outcomes.push(OutcomeCount {
                    outcome: o,
                    label: outcome_words(o).to_owned(),
                    count,
                });
            }
        }
        let in_progress = recipients
            .iter()
            .filter(|r| r.state == RecipientState::Calling)
            .map(|r| CallingNow {
                name: r.name.clone(),
                phone: r.phone.clone().unwrap_or_else(|| r.typed.clone()),
            })
            .collect();
        let next_call = next_call(&recipients);
        Ok(ReminderReport {
            status,
            to_call,
            finished,
            outcomes,
            in_progress,
            next_call,
            attempts,
            count_words: Outcome::ALL
                .into_iter()
                .map(|o| (o.as_str(), outcome_words(o)))
                .chain(
                    RecipientState::ALL
                        .into_iter()
                        .map(|s| (s.as_str(), state_words(s))),
                )
                .map(|(key, label)| CountWord {
                    key: key.to_owned(),
                    label: label.to_owned(),
                })
                .collect(),
        })
    }

    /// Writes [`Callpad::export_reminder_attempts`] (the CSV `remind export` prints) to `path`
    /// (the file the person chose), whole or not at all.
    pub fn export_reminder_csv_to(
        &self,
        id: i64,
        path: &std::path::Path,
    ) -> Result<std::path::PathBuf> {
        super::files::write_atomically(path, self.export_reminder_attempts(id)?.as_bytes())
    }

    /// A new campaign's defaults (menu, schedule, safeguards, retries), for the form to start from.
    pub fn reminder_defaults(&self) -> CampaignSettings {
        CampaignSettings::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(c: &[&str]) -> Vec<String> {
        c.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn columns_say_what_they_become_and_which_placeholders_they_offer() {
        let (uses, suggested, placeholders) = column_uses(
            &cols(&["Patient", "Mobile", "Appointment", "Doctor", "Room No."]),
            Some("appointment"),
        );
        let becomes: Vec<_> = uses.iter().map(|u| u.becomes.as_str()).collect();
        assert_eq!(
            becomes,
            [
                "Name ({name})",
                "Phone number",
                "Appointment ({date}, {time})",
                "With ({with})",
                "{room_no}"
            ]
        );
        assert_eq!(suggested.as_deref(), Some("Appointment"));
        assert!(placeholders.contains(&"{date}".to_owned()));
        assert!(placeholders.contains(&"{with}".to_owned()));
        assert!(!placeholders.contains(&"{place}".to_owned()));
        assert!(placeholders.contains(&"{room_no}".to_owned()));
        // Without an appointment column there is no {date}.
        let (_, _, p) = column_uses(&cols(&["name", "phone"]), None);
        assert_eq!(p, ["{first_name}", "{name}", "{phone}"]);
    }
}
