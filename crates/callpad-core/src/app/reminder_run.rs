//! Running a reminder campaign from the use-case layer: the data folder's runner lock, the
//! campaign's profile and Space, where keys can reach Callpad (the listener, directly on loopback
//! or through the profile's tunnel or public URL — else message-only, said so), the do-not-call
//! list, and the runner itself (`reminders::runner`). Also the CSV export of every attempt and a
//! person's decision on a call that may have been placed.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;
use ts_rs::TS;

use super::Callpad;
use super::live::{self, SessionTarget};
use crate::calls::{NGROK_AGENT_API, SessionOptions};
use crate::contacts::{ContactInput, NumberInput};
use crate::reminders::RecipientState;
use crate::reminders::lock::{LockNote, RunnerLock};
use crate::reminders::progress::{RunControl, RunEnd, RunProgress};
use crate::reminders::runner::{Reach, RunHooks, RunOptions, RunParts, Runner};
use crate::reminders::store::{CampaignState, CampaignStore};
use crate::{Error, Result};

/// Set (in milliseconds) to shorten the settling delay — for tests on the practice space, whose
/// voice logs exist from the moment of the dial. The default is `settle::SETTLE_DELAY_MS`.
pub const SETTLE_DELAY_ENV: &str = "CALLPAD_REMINDER_SETTLE_MS";

/// How a run ended, with its last progress.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RunSummary {
    pub end: RunEnd,
    pub progress: Option<RunProgress>,
}

/// A person's decision on a recipient whose call may have been placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// They were not reached: call them again (now, inside their window).
    CallAgain,
    /// Leave them as they are: done.
    LeaveDone,
}

/// The do-not-call list as the runner sees it: the contacts' "do not call" flag.
struct ContactsDoNotCall {
    data_dir: std::path::PathBuf,
    conn: std::sync::Mutex<rusqlite::Connection>,
}

impl RunHooks for ContactsDoNotCall {
    fn is_do_not_call(&self, number: &str) -> Result<bool> {
        crate::contacts::is_opted_out(&self.conn.lock().expect("contacts lock"), number)
    }

    fn add_do_not_call(&self, number: &str, name: &str) -> Result<()> {
        let mut store = crate::contacts::ContactStore::new(crate::db::open_in(&self.data_dir)?)?;
        let holders: Vec<_> = store
            .list()?
            .into_iter()
            .filter(|c| c.numbers.iter().any(|n| n.dial == number))
            .map(|c| c.id)
            .collect();
        if holders.is_empty() {
            let name = if name.trim().is_empty() { number } else { name };
            store.add(
                &ContactInput {
                    name: name.to_owned(),
                    numbers: vec![NumberInput {
                        label: "mobile".to_owned(),
                        number: number.to_owned(),
                    }],
                    notes: "Asked by a reminder call to stop these calls.".to_owned(),
                    opt_out: true,
                    ..ContactInput::default()
                },
                None,
            )?;
        }
        for id in holders {
            store.set_opt_out(id, true)?;
        }
        Ok(())
    }
}

impl Callpad {
    /// Runs campaign `id` until nothing is left to do (waiting out calling windows and retry
    /// delays), it is paused or cancelled, or `control` stops it; `progress` hears every change.
    /// Calls go through `target` (`SessionTarget::Active` takes the campaign's own profile).
    /// Only one runner per data folder: a second gets [`Error::RunnerBusy`]. Safe to stop or
    /// kill at any moment and run again: open attempts are settled from the voice logs.
    pub async fn run_reminder_campaign(
        &self,
        id: i64,
        target: SessionTarget,
        control: &RunControl,
        progress: &(dyn Fn(&RunProgress) + Send + Sync),
    ) -> Result<RunSummary> {
        let mut lock = RunnerLock::acquire(&self.data_dir)?;
        let store = self.reminder_store()?;
        let campaign = store.campaign(id)?;
        let target = match (target, &campaign.profile) {
            (SessionTarget::Active, Some(name)) => SessionTarget::Named(name.clone()),
            (target, _) => target,
        };
        let (profile, secrets) = match target {
            SessionTarget::Direct {
                profile,
                api_token,
                signing_key,
                ngrok_authtoken,
            } => (*profile, Some((api_token, signing_key, ngrok_authtoken))),
            SessionTarget::Named(name) => {
                let p = self.profile(&name)?;
                let s = live::read_secrets(&self.vault, &p).await?;
                (p, s)
            }
            SessionTarget::Active => {
                let p = self.active_profile().ok_or(Error::NoActiveProfile)?;
                let s = live::read_secrets(&self.vault, &p).await?;
                (p, s)
            }
        };
        let (client, signing_key, ngrok, _practice) =
            live::space_client(&self.host, &profile, secrets).await?;
        let observations = tokio::sync::mpsc::unbounded_channel();
        let options = |port: Option<u16>| SessionOptions {
            method: profile.status_method,
            ngrok_authtoken: ngrok.clone(),
            ngrok_agent_api: Some(NGROK_AGENT_API.to_owned()),
            public_url: profile.public_url.clone(),
            listen_port: port,
            poll_pace: None,
            require_signed_webhooks: profile.require_signed_webhooks,
        };
        // The port the previous runner listened on, so calls it left in progress still reach
        // this one; another free port if it is taken.
        let previous = lock
            .previous()
            .port
            .filter(|_| client.space().is_loopback());
        let mut reached = crate::calls::session::reach(
            &client,
            signing_key.clone(),
            observations.0.clone(),
            &options(previous),
        )
        .await;
        if reached.is_err() && previous.is_some() {
            reached = crate::calls::session::reach(
                &client,
                signing_key.clone(),
                observations.0.clone(),
                &options(None),
            )
            .await;
        }
        let (reach, _tunnel) = match reached {
            Ok(r) => {
                r.listener
                    .set_require_signed(profile.require_signed_webhooks);
                lock.write(&LockNote {
                    pid: Some(std::process::id()),
                    port: Some(r.listener.local_addr().port()),
                })?;
                (
                    Reach {
                        sentence: format!("Keys pressed reach Callpad. {}", r.reason),
                        listener: Some(r.listener),
                    },
                    r.tunnel,
                )
            }
            Err(why) => (
                Reach {
                    listener: None,
                    sentence: format!(
                        "Message-only: keys cannot reach Callpad ({why}), so calls speak the message without the menu and record answered, busy, no answer or failed only. Add a public URL or an ngrok authtoken to the profile for keypresses."
                    ),
                },
                None,
            ),
        };
        let settle_delay_ms = std::env::var(SETTLE_DELAY_ENV)
            .ok()
            .and_then(|v| v.trim().parse::<i64>().ok())
            .filter(|v| *v >= 0)
            .unwrap_or(crate::reminders::settle::SETTLE_DELAY_MS);
        let runner = Runner::new(RunParts {
            campaign: id,
            store: Box::new(store),
            client,
            reach,
            observations,
            clock: self.host.clock.clone(),
            hooks: Arc::new(ContactsDoNotCall {
                data_dir: self.data_dir.clone(),
                conn: std::sync::Mutex::new(crate::db::open_in(&self.data_dir)?),
            }),
            options: RunOptions {
                settle_delay_ms,
                ring_timeout_s: Some(profile.ring_timeout_s),
                ..RunOptions::default()
            },
        })?;
        let last = std::sync::Mutex::new(None);
        let record = |p: &RunProgress| {
            *last.lock().expect("progress lock") = Some(p.clone());
            progress(p);
        };
        let end = runner.run(control, &record).await?;
        drop(lock);
        Ok(RunSummary {
            end,
            progress: last.into_inner().expect("progress lock"),
        })
    }

    /// A person's decision on a recipient left "may have been placed" (after checking the
    /// Space's call logs): call again, or leave it done.
    pub fn decide_reminder_recipient(
        &self,
        campaign: i64,
        line: usize,
        decision: Decision,
    ) -> Result<()> {
        let mut store = self.reminder_store()?;
        let r = store
            .recipients(campaign)?
            .into_iter()
            .find(|r| r.line == line && r.state == RecipientState::NeedsDecision)
            .ok_or_else(|| Error::InvalidCampaign {
                field: format!("line {line}"),
                reason: "no recipient on that line is waiting for a decision".to_owned(),
            })?;
        let at = match decision {
            Decision::CallAgain => Some(self.now_ms()),
            Decision::LeaveDone => None,
        };
        store.decide(r.id, at)?;
        if store.campaign(campaign)?.state == CampaignState::Finished && at.is_some() {
            store.set_campaign_state(campaign, CampaignState::Ready)?;
        }
        Ok(())
    }

    /// Every attempt of campaign `id` as CSV: one row per attempt (recipients never called get
    /// one row without an attempt), with every imported column, so it can be pasted back.
    pub fn export_reminder_attempts(&self, id: i64) -> Result<String> {
        let store = self.reminder_store()?;
        let campaign = store.campaign(id)?;
        let recipients = store.recipients(id)?;
        let mut by_recipient: HashMap<i64, Vec<_>> = HashMap::new();
        for a in store.attempts(id)? {
            by_recipient.entry(a.recipient_id).or_default().push(a);
        }
        let mut out = csv::WriterBuilder::new().from_writer(Vec::new());
        let csv_err = |e: csv::Error| Error::Internal {
            detail: format!("writing the export: {e}"),
        };
        let mut header: Vec<String> = campaign.columns.clone();
        for h in [
            "callpad_line",
            "callpad_phone",
            "callpad_state",
            "callpad_outcome",
            "callpad_attempt",
            "callpad_attempt_outcome",
            "callpad_attempt_started",
            "callpad_attempt_ended",
            "callpad_call_id",
            "callpad_next_attempt",
            "callpad_note",
        ] {
            header.push(h.to_owned());
        }
        out.write_record(&header).map_err(csv_err)?;
        for r in &recipients {
            let attempts = by_recipient.remove(&r.id).unwrap_or_default();
            let rows: Vec<Option<&crate::reminders::Attempt>> = if attempts.is_empty() {
                vec![None]
            } else {
                attempts.iter().map(Some).collect()
            };
            for (n, a) in rows.into_iter().enumerate() {
                let mut row: Vec<String> = r
                    .cells
                    .iter()
                    .map(|c| crate::contacts::spreadsheet_safe(c).into_owned())
                    .collect();
                row.resize(campaign.columns.len(), String::new());
                row.extend([
                    r.line.to_string(),
                    r.phone.clone().unwrap_or_else(|| r.typed.clone()),
                    r.state.as_str().to_owned(),
                    r.outcome.map(|o| o.as_str().to_owned()).unwrap_or_default(),
                    a.map(|_| (n + 1).to_string()).unwrap_or_default(),
                    a.and_then(|a| a.outcome)
                        .map(|o| o.as_str().to_owned())
                        .unwrap_or_else(|| {
                            a.map(|a| a.state.as_str().to_owned()).unwrap_or_default()
                        }),
                    a.map(|a| super::reminders::iso(a.started_ms))
                        .unwrap_or_default(),
                    a.and_then(|a| a.ended_ms)
                        .map(super::reminders::iso)
                        .unwrap_or_default(),
                    a.and_then(|a| a.call_id.clone()).unwrap_or_default(),
                    r.next_attempt_ms
                        .map(super::reminders::iso)
                        .unwrap_or_default(),
                    r.waiting_reason.clone().unwrap_or_default(),
                ]);
                out.write_record(&row).map_err(csv_err)?;
            }
        }
        let bytes = out.into_inner().map_err(|e| Error::Internal {
            detail: format!("writing the export: {e}"),
        })?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}
