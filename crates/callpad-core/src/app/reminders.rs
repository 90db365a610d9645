//! Reminder campaigns as a front desk handles them: create one from a CSV (checked, reviewed,
//! stored with every recipient, excluded ones too), list them, and see one's status. Dialling
//! (the runner) is not here yet. The rules are `crate::reminders`'; this file wires them to the
//! data folder's database, profiles and do-not-call list.

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

use super::Callpad;
use crate::numbers::{Dialable, parse_dialable};
use crate::reminders::campaign::CampaignSettings;
use crate::reminders::frequency::held_until;
use crate::reminders::recipients::{CsvOptions, read_csv};
use crate::reminders::sqlite::SqliteCampaignStore;
use crate::reminders::store::{CampaignState, CampaignStore, NewCampaign, NewRecipient};
use crate::reminders::tz::zone_of_number;
use crate::reminders::window::{next_open, zone};
use crate::reminders::{Exclusion, Outcome, RecipientState};
use crate::{Error, Result};

const WEEK_MS: i64 = 7 * 24 * 3_600_000;

/// A campaign to create from a CSV file.
#[derive(Debug, Clone)]
pub struct NewReminderCampaign {
    pub name: String,
    pub csv: Vec<u8>,
    pub template: String,
    /// Menu, schedule, safeguards, retries, front desk; `fallback_zone` `None` takes the zone of
    /// the caller ID's numbering plan.
    pub settings: CampaignSettings,
    /// `region` `None` takes the profile's.
    pub csv_options: CsvOptions,
    /// `None` takes the profile's default (or last used) caller ID.
    pub caller_id: Option<String>,
    /// `None` takes the active profile (or none, when there is no profile at all).
    pub profile: Option<String>,
}

/// A campaign as creating it would store it (see [`Callpad::plan_reminder_campaign`]).
pub(crate) struct PlannedCampaign {
    pub profile: Option<String>,
    pub caller_id: String,
    pub settings: CampaignSettings,
    pub read: crate::reminders::recipients::ReadCsv,
    /// Recipients the per-number caps hold back to a later day.
    pub held_by_caps: usize,
    pub now: i64,
}

/// What creating a campaign found.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CampaignReview {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    /// Due now (inside their window).
    pub call_now: usize,
    /// Due later: a schedule, outside their window, or held by the frequency caps.
    pub call_later: usize,
    /// Never called (every one listed in `excluded`).
    pub never: usize,
    pub invalid: usize,
    pub do_not_call: usize,
    pub duplicates: usize,
    pub excluded: Vec<ExcludedRow>,
}

/// A row that will not be called, and why.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ExcludedRow {
    pub line: usize,
    pub phone: String,
    pub name: String,
    /// `invalid_number`, `duplicate`, `do_not_call`, `no_time_zone`, … (see `Exclusion`).
    pub kind: Option<Exclusion>,
    pub reason: String,
}

/// One campaign in the list.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CampaignListing {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub state: String,
    pub created_at: String,
    pub recipients: usize,
    pub counts: BTreeMap<String, usize>,
}

/// A campaign's status: `counts` by outcome (finished recipients) or state (the rest), and
/// every recipient.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CampaignStatus {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub state: String,
    pub profile: Option<String>,
    pub caller_id: Option<String>,
    pub template: String,
    pub counts: BTreeMap<String, usize>,
    pub recipients: Vec<RecipientStatus>,
}

/// One recipient in a status.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RecipientStatus {
    pub line: usize,
    /// E.164, or the cell as imported when it is not a number.
    pub phone: String,
    pub name: String,
    pub state: RecipientState,
    /// Why it is never called, with `state` `excluded`.
    pub exclusion: Option<Exclusion>,
    pub outcome: Option<Outcome>,
    pub attempts: u32,
    /// ISO 8601 (UTC), or null.
    pub next_attempt_at: Option<String>,
    pub waiting_reason: Option<String>,
    pub zone: Option<String>,
    pub message: Option<String>,
}

/// ISO 8601 in UTC for Unix ms.
pub fn iso(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms).map_or_else(|_| ms.to_string(), |t| t.to_string())
}

impl Callpad {
    pub(super) fn reminder_store(&self) -> Result<SqliteCampaignStore> {
        // The first open judges a damaged file; later connections share it.
        self.stores()?;
        Ok(SqliteCampaignStore::new(crate::db::open_in(
            &self.data_dir,
        )?))
    }

    /// Reads the CSV, checks the template against its columns, checks every row (numbers,
    /// duplicates, do-not-call, zone, appointment, window, frequency caps) and stores the
    /// campaign with all its recipients. Nothing is stored when the file or a setting is unusable.
    pub fn create_reminder_campaign(&self, new: NewReminderCampaign) -> Result<CampaignReview> {
        let name = new.name.trim().to_owned();
        if name.is_empty() {
            return Err(Error::InvalidCampaign {
                field: "name".to_owned(),
                reason: "the campaign needs a name".to_owned(),
            });
        }
        let plan = self.plan_reminder_campaign(&new)?;
        let mut store = self.reminder_store()?;
        let id = store.create_campaign(
            &NewCampaign {
                name: name.clone(),
                profile: plan.profile,
                caller_id: Some(plan.caller_id),
                template: new.template.clone(),
                columns: plan.read.columns.clone(),
                settings: plan.settings,
                created_ms: plan.now,
            },
            &plan.read.recipients,
        )?;
        Ok(review(id, name, &plan.read.recipients, plan.now))
    }

    /// Everything creating a campaign checks and decides, without storing anything: the
    /// profile, caller ID and settings it would use and every recipient as it would be stored.
    pub(crate) fn plan_reminder_campaign(
        &self,
        new: &NewReminderCampaign,
    ) -> Result<PlannedCampaign> {
        let invalid = |field: &str, reason: String| Error::InvalidCampaign {
            field: field.to_owned(),
            reason,
        };
        let profile = match &new.profile {
            Some(p) => Some(self.profile(p)?),
            None => self.active_profile(),
        };
        let mut options = new.csv_options.clone();
        if options.region.is_none() {
            options.region = profile.as_ref().map(|p| p.default_region.clone());
        }
        let phone = |field: &str, text: &str| match parse_dialable(text, options.region.as_deref())
        {
            Ok(Dialable::Phone(p)) => Ok(p.e164),
            Ok(Dialable::Sip(_)) => Err(invalid(
                field,
                "must be a phone number, not a SIP address".to_owned(),
            )),
            Err(e) => Err(invalid(field, e.to_string())),
        };
        let caller_id = match new
            .caller_id
            .as_deref()
            .filter(|c| !c.trim().is_empty())
            .or(profile.as_ref().and_then(|p| p.preferred_caller_id()))
        {
            Some(c) => phone("caller ID", c)?,
            None => {
                return Err(invalid(
                    "caller ID",
                    "no caller ID: pass --caller-id or set the profile's default caller ID"
                        .to_owned(),
                ));
            }
        };
        let mut settings = new.settings.clone();
        settings.front_desk = settings
            .front_desk
            .as_deref()
            .map(|d| phone("front desk", d))
            .transpose()?;
        if settings.fallback_zone.is_none() {
            // The profile's zone, else the zone of the caller ID's numbering plan.
            settings.fallback_zone = profile
                .as_ref()
                .and_then(|p| p.time_zone.clone())
                .or_else(|| zone_of_number(&caller_id).map(str::to_owned));
        }
        check_safeguards(&settings)?;
        let now = self.now_ms();
        let mut read = {
            let contacts = self.contacts()?;
            read_csv(
                &new.csv,
                &new.template,
                &settings,
                &options,
                now,
                &mut |n| crate::contacts::is_opted_out(contacts.connection(), n),
            )?
        };
        let store = self.reminder_store()?;
        let mut held_by_caps = 0;
        for r in &mut read.recipients {
            held_by_caps += usize::from(apply_caps(r, &store, &settings, now)?);
        }
        Ok(PlannedCampaign {
            held_by_caps,
            profile: profile.map(|p| p.name),
            caller_id,
            settings,
            read,
            now,
        })
    }

    /// Every reminder campaign, newest first, with its counts.
    pub fn reminder_campaigns(&self) -> Result<Vec<CampaignListing>> {
        let store = self.reminder_store()?;
        let mut out = Vec::new();
        for c in store.campaigns()? {
            let recipients = store.recipients(c.id)?;
            let mut counts = BTreeMap::new();
            for r in &recipients {
                *counts.entry(r.count_key()).or_insert(0) += 1;
            }
            out.push(CampaignListing {
                id: c.id,
                name: c.name,
                state: c.state.as_str().to_owned(),
                created_at: iso(c.created_ms),
                recipients: recipients.len(),
                counts,
            });
        }
        Ok(out)
    }

    /// Pauses a campaign (the runner starts no new call; calls in progress end as they will).
    pub fn pause_reminder_campaign(&self, id: i64) -> Result<CampaignState> {
        self.move_campaign(
            id,
            "pause",
            CampaignState::Paused,
            &[CampaignState::Ready, CampaignState::Running],
        )
    }

    /// Resumes a paused campaign.
    pub fn resume_reminder_campaign(&self, id: i64) -> Result<CampaignState> {
        self.move_campaign(id, "resume", CampaignState::Ready, &[CampaignState::Paused])
    }

    /// Cancels a campaign for good: nobody more is called.
    pub fn cancel_reminder_campaign(&self, id: i64) -> Result<CampaignState> {
        self.move_campaign(
            id,
            "cancel",
            CampaignState::Cancelled,
            &[
                CampaignState::Ready,
                CampaignState::Running,
                CampaignState::Paused,
            ],
        )
    }

    fn move_campaign(
        &self,
        id: i64,
        verb: &str,
        to: CampaignState,
        from: &[CampaignState],
    ) -> Result<CampaignState> {
        let mut store = self.reminder_store()?;
        let now = store.campaign(id)?.state;
        if now == to || (to == CampaignState::Ready && now == CampaignState::Running) {
            return Ok(now);
        }
        if !from.contains(&now) {
            return Err(Error::InvalidCampaign {
                field: format!("campaign {id}"),
                reason: format!("it is {}, so there is nothing to {verb}", now.as_str()),
            });
        }
        store.set_campaign_state(id, to)?;
        Ok(to)
    }

    /// One campaign's status, every recipient included.
    pub fn reminder_status(&self, id: i64) -> Result<CampaignStatus> {
        let store = self.reminder_store()?;
        let c = store.campaign(id)?;
        let recipients = store.recipients(id)?;
        let mut counts = BTreeMap::new();
        for r in &recipients {
            *counts.entry(r.count_key()).or_insert(0) += 1;
        }
        Ok(CampaignStatus {
            id: c.id,
            name: c.name,
            state: c.state.as_str().to_owned(),
            profile: c.profile,
            caller_id: c.caller_id,
            template: c.template,
            counts,
            recipients: recipients
                .into_iter()
                .map(|r| RecipientStatus {
                    line: r.line,
                    phone: r.phone.unwrap_or(r.typed),
                    name: r.name,
                    state: r.state,
                    exclusion: r.exclusion,
                    outcome: r.outcome,
                    attempts: r.attempts,
                    next_attempt_at: r.next_attempt_ms.map(iso),
                    waiting_reason: r.waiting_reason,
                    zone: r.zone,
                    message: r.message,
                })
                .collect(),
        })
    }
}

fn check_safeguards(s: &CampaignSettings) -> Result<()> {
    let g = &s.safeguards;
    let bad = |field: &str, reason: &str| {
        Err(Error::InvalidCampaign {
            field: field.to_owned(),
            reason: reason.to_owned(),
        })
    };
    if g.days.is_empty() || g.days.iter().any(|d| *d > 6) {
        return bad("calling days", "name at least one day, e.g. mon-sat");
    }
    if g.window_start_min >= g.window_end_min || g.window_end_min > 24 * 60 {
        return bad(
            "calling window",
            "the window must open before it closes, e.g. 08:00-21:00",
        );
    }
    if g.max_per_day == 0 || g.max_per_week == 0 {
        return bad(
            "frequency caps",
            "at least one reminder per day and per week must be allowed",
        );
    }
    if !(g.rate_per_second > 0.0 && g.rate_per_second <= 100.0) {
        return bad("rate", "calls per second must be above 0 and at most 100");
    }
    if g.max_live == 0 || g.max_live > 100 {
        return bad("max live", "calls in progress at once must be 1-100");
    }
    if let Some(z) = &s.fallback_zone {
        zone(z)?;
    }
    Ok(())
}

/// Holds a waiting recipient back until the per-number caps allow it (reminders already sent to
/// the number by any campaign count), then to the window's next opening after that. True when
/// it was held.
fn apply_caps(
    r: &mut NewRecipient,
    store: &dyn CampaignStore,
    s: &CampaignSettings,
    now: i64,
) -> Result<bool> {
    let (RecipientState::Waiting, Some(phone), Some(zone_name), Some(due)) =
        (r.state, &r.phone, &r.zone, r.next_attempt_ms)
    else {
        return Ok(false);
    };
    let tz = zone(zone_name)?;
    let delivered = store.delivered_to(phone, now.saturating_sub(WEEK_MS))?;
    if let Some(until) = held_until(due, &delivered, &tz, &s.safeguards) {
        let at = next_open(until, &tz, &s.safeguards).unwrap_or(until);
        r.next_attempt_ms = Some(at);
        r.waiting_reason = Some(format!(
            "this number had its limit of reminders ({} a day, {} a week); held until then",
            s.safeguards.max_per_day, s.safeguards.max_per_week
        ));
        return Ok(true);
    }
    Ok(false)
}

pub(crate) fn review(
    id: i64,
    name: String,
    recipients: &[NewRecipient],
    now: i64,
) -> CampaignReview {
    let mut out = CampaignReview {
        id,
        name,
        call_now: 0,
        call_later: 0,
        never: 0,
        invalid: 0,
        do_not_call: 0,
        duplicates: 0,
        excluded: Vec::new(),
    };
    for r in recipients {
        match (r.state, r.next_attempt_ms) {
            (RecipientState::Waiting, Some(at)) if at <= now => out.call_now += 1,
            (RecipientState::Waiting, _) => out.call_later += 1,
            _ => {
                out.never += 1;
                let reason = r.waiting_reason.clone().unwrap_or_default();
                match r.exclusion {
                    Some(Exclusion::InvalidNumber) => out.invalid += 1,
                    Some(Exclusion::DoNotCall) => out.do_not_call += 1,
                    Some(Exclusion::Duplicate) => out.duplicates += 1,
                    _ => {}
                }
                out.excluded.push(ExcludedRow {
                    line: r.line,
                    phone: r.phone.clone().unwrap_or_else(|| r.typed.clone()),
                    name: r.name.clone(),
                    kind: r.exclusion,
                    reason,
                });
            }
        }
    }
    out
}
