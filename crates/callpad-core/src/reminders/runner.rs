//! The reminder runner: dials a campaign's due recipients at the campaign's pace (calls per
//! second, at most K in progress), re-checking the calling window, do-not-call and the
//! per-number caps just before each dial; follows each call (webhooks and/or polling) and the key
//! its `request` step reports; ends each attempt with an outcome and schedules retries by outcome.
//!
//! Never twice: every attempt is written (`dialling`) BEFORE its dial is sent. A dial whose answer
//! is lost, and every attempt left open by an earlier run (a crash, kill -9), is settled from the
//! voice logs (`settle.rs`), never re-dialled blindly. The runner sees the campaign only through
//! [`CampaignStore`] (no SQLite here); time for windows and attempts comes from the [`Clock`];
//! pacing uses monotonic time (`pace.rs`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use jiff::tz::TimeZone;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::task::JoinHandle;
use tokio::time::Instant;

use super::frequency::held_until;
use super::outcome::{Exclusion, Outcome};
use super::pace::Pacer;
use super::progress::{RunControl, RunEnd, RunProgress, next_call, tally};
use super::retry::{AfterAttempt, after_attempt};
use super::script::{self, ScriptInput};
use super::settle::{self, Settled};
use super::store::{Attempt, AttemptEnd, Campaign, CampaignState, CampaignStore, Recipient};
use super::window::{is_open, next_open, zone};
use crate::clock::Clock;
use crate::signalwire::{Call, Client, DialRequest, StatusEvent};
use crate::status::{
    Applied, CallPhase, KeyReport, Listener, Observation, PollPace, Tracker, poll_call,
};
use crate::{Error, Result};

const WEEK_MS: i64 = 7 * 24 * 3_600_000;
/// How often the runner looks at the store when nothing else wakes it.
const TICK: Duration = Duration::from_millis(250);
/// How often open attempts are looked up in the voice logs.
const SETTLE_EVERY: Duration = Duration::from_secs(2);
/// A dial that never reached SignalWire is tried again this long after (inside the window).
const NOT_PLACED_RETRY_MS: i64 = 30_000;

/// What the runner asks of the rest of Callpad: the do-not-call list.
pub trait RunHooks: Send + Sync {
    /// True when `number` is on the do-not-call list now.
    fn is_do_not_call(&self, number: &str) -> Result<bool>;
    /// Puts `number` (of recipient `name`) on the do-not-call list: they pressed "stop".
    fn add_do_not_call(&self, number: &str, name: &str) -> Result<()>;
}

/// How the runner behaves; the defaults suit a real Space.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// How long after an attempt began a missing voice log means "not placed".
    pub settle_delay_ms: i64,
    /// How long after an answered call ended its key report is still waited for.
    pub key_grace: Duration,
    /// Ring timeout sent with each dial (seconds).
    pub ring_timeout_s: Option<u32>,
    /// Polling pace when keys (and webhooks) cannot reach Callpad; beside a listener the
    /// slower backstop pace is used.
    pub poll_pace: PollPace,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            settle_delay_ms: settle::SETTLE_DELAY_MS,
            key_grace: Duration::from_secs(3),
            ring_timeout_s: None,
            poll_pace: PollPace::default(),
        }
    }
}

/// Where status webhooks and key reports arrive, if anywhere: the listener (already given the
/// observation channel's sender) and the sentence that says how it is reached.
pub struct Reach {
    pub listener: Option<Listener>,
    pub sentence: String,
}

/// Everything a run needs.
pub struct RunParts {
    pub campaign: i64,
    pub store: Box<dyn CampaignStore>,
    pub client: Client,
    pub reach: Reach,
    /// The channel the listener sends observations on (the runner's polling sends there too).
    pub observations: (UnboundedSender<Observation>, UnboundedReceiver<Observation>),
    pub clock: Arc<dyn Clock>,
    pub hooks: Arc<dyn RunHooks>,
    pub options: RunOptions,
}

/// One attempt not ended yet.
struct Live {
    attempt: Attempt,
    name: String,
    zone: Option<String>,
    call_id: Option<String>,
    /// Its dial's outcome is unknown (answer lost, or left open by an earlier run without a call
    /// id): settled from the voice-log list.
    lost: bool,
    /// Left open by an earlier run with a call id: its voice log says where it is.
    adopted: bool,
    key: Option<Outcome>,
    ended_seen: Option<Instant>,
    polling: Option<JoinHandle<()>>,
}

impl Drop for Live {
    fn drop(&mut self) {
        if let Some(task) = self.polling.take() {
            task.abort();
        }
    }
}

enum Event {
    Observation(Observation),
    Key(KeyReport),
    Dialled(i64, Result<Call>),
    Wake,
}

/// A campaign being run. Build with [`Runner::new`], then [`Runner::run`].
pub struct Runner {
    campaign: Campaign,
    caller_id: String,
    store: Box<dyn CampaignStore>,
    client: Client,
    listener: Option<Listener>,
    reach: String,
    clock: Arc<dyn Clock>,
    hooks: Arc<dyn RunHooks>,
    options: RunOptions,
    obs_tx: UnboundedSender<Observation>,
    obs_rx: UnboundedReceiver<Observation>,
    key_rx: UnboundedReceiver<KeyReport>,
    dial_tx: UnboundedSender<(i64, Result<Call>)>,
    dial_rx: UnboundedReceiver<(i64, Result<Call>)>,
    tracker: Tracker,
    live: BTreeMap<i64, Live>,
    by_call: HashMap<String, i64>,
    by_token: HashMap<String, i64>,
    /// Each recipient's ended outcomes, for the retry counts.
    outcomes: HashMap<i64, Vec<Outcome>>,
    claimed: HashSet<String>,
    pacer: Pacer,
    note: Option<String>,
    dirty: bool,
    last_settle: Option<Instant>,
}

impl Runner {
    /// Loads the campaign and its open attempts.
    pub fn new(parts: RunParts) -> Result<Runner> {
        let RunParts {
            campaign,
            store,
            client,
            reach,
            observations: (obs_tx, obs_rx),
            clock,
            hooks,
            options,
        } = parts;
        let campaign = store.campaign(campaign)?;
        let caller_id = campaign
            .caller_id
            .clone()
            .ok_or_else(|| Error::InvalidCampaign {
                field: format!("campaign {}", campaign.id),
                reason: "it has no caller ID to call from".to_owned(),
            })?;
        let (key_tx, key_rx) = unbounded_channel();
        if let Some(listener) = &reach.listener {
            listener.set_report_sink(key_tx);
        }
        let (dial_tx, dial_rx) = unbounded_channel();
        let pacer = Pacer::new(campaign.settings.safeguards.rate_per_second);
        Ok(Runner {
            campaign,
            caller_id,
            store,
            client,
            listener: reach.listener,
            reach: reach.sentence,
            clock,
            hooks,
            options,
            obs_tx,
            obs_rx,
            key_rx,
            dial_tx,
            dial_rx,
            tracker: Tracker::new(),
            live: BTreeMap::new(),
            by_call: HashMap::new(),
            by_token: HashMap::new(),
            outcomes: HashMap::new(),
            claimed: HashSet::new(),
            pacer,
            note: None,
            dirty: true,
            last_settle: None,
        })
    }

    /// Runs until nothing is left to do (waiting out windows and retry delays), the campaign is
    /// paused or cancelled (once its calls in progress have ended), or `control` stops it.
    /// `progress` hears every change, and about once a second.
    pub async fn run(
        mut self,
        control: &RunControl,
        progress: &(dyn Fn(&RunProgress) + Send + Sync),
    ) -> Result<RunEnd> {
        self.adopt()?;
        let mut last_emit: Option<Instant> = None;
        loop {
            self.finish_ended()?;
            self.settle_open().await?;
            if control.is_stopped() {
                self.emit(progress, Some(RunEnd::Stopped))?;
                return Ok(RunEnd::Stopped);
            }
            let state = self.store.campaign(self.campaign.id)?.state;
            let stopping = match state {
                CampaignState::Paused => Some(RunEnd::Paused),
                CampaignState::Cancelled => Some(RunEnd::Cancelled),
                _ => None,
            };
            let mut wake_at = Instant::now() + TICK;
            if stopping.is_none() {
                if matches!(state, CampaignState::Ready | CampaignState::Finished) {
                    self.store
                        .set_campaign_state(self.campaign.id, CampaignState::Running)?;
                }
                if let Some(at) = self.dial_due().await? {
                    wake_at = wake_at.min(at);
                }
            }
            if self.live.is_empty() {
                if let Some(end) = stopping {
                    self.emit(progress, Some(end))?;
                    return Ok(end);
                }
                if self.store.next_due_at(self.campaign.id)?.is_none() {
                    self.store
                        .set_campaign_state(self.campaign.id, CampaignState::Finished)?;
                    self.emit(progress, Some(RunEnd::Finished))?;
                    return Ok(RunEnd::Finished);
                }
            }
            if self.dirty || last_emit.is_none_or(|t| t.elapsed() >= Duration::from_secs(1)) {
                self.emit(progress, None)?;
                last_emit = Some(Instant::now());
            }
            let event = tokio::select! {
                Some(obs) = self.obs_rx.recv() => Event::Observation(obs),
                Some(key) = self.key_rx.recv() => Event::Key(key),
                Some((id, result)) = self.dial_rx.recv() => Event::Dialled(id, result),
                _ = tokio::time::sleep_until(wake_at) => Event::Wake,
                _ = control.stopped() => Event::Wake,
            };
            self.handle(event)?;
            // Take whatever else is already waiting before looking at the store again.
            while let Some(event) = self.ready_event() {
                self.handle(event)?;
            }
        }
    }

    fn ready_event(&mut self) -> Option<Event> {
        if let Ok(obs) = self.obs_rx.try_recv() {
            return Some(Event::Observation(obs));
        }
        if let Ok(key) = self.key_rx.try_recv() {
            return Some(Event::Key(key));
        }
        self.dial_rx
            .try_recv()
            .ok()
            .map(|(id, r)| Event::Dialled(id, r))
    }

    fn handle(&mut self, event: Event) -> Result<()> {
        match event {
            Event::Observation(obs) => self.on_observation(obs),
            Event::Key(report) => self.on_key(report),
            Event::Dialled(id, result) => self.on_dialled(id, result)?,
            Event::Wake => {}
        }
        Ok(())
    }

    fn now_ms(&self) -> i64 {
        self.clock.now_ms()
    }

    /// Takes over the attempts an earlier run left open: each is settled from the voice logs.
    fn adopt(&mut self) -> Result<()> {
        let recipients: HashMap<i64, Recipient> = self
            .store
            .recipients(self.campaign.id)?
            .into_iter()
            .map(|r| (r.id, r))
            .collect();
        let attempts = self.store.attempts(self.campaign.id)?;
        self.claimed = settle::claimed_ids(&attempts);
        let mut adopted = 0;
        for a in attempts {
            if let Some(outcome) = a.outcome {
                self.outcomes
                    .entry(a.recipient_id)
                    .or_default()
                    .push(outcome);
                continue;
            }
            let r = recipients.get(&a.recipient_id);
            adopted += 1;
            self.by_token.insert(a.token.clone(), a.id);
            if let Some(call_id) = &a.call_id {
                self.by_call.insert(call_id.clone(), a.id);
            }
            self.live.insert(
                a.id,
                Live {
                    name: r.map(|r| r.name.clone()).unwrap_or_default(),
                    zone: r.and_then(|r| r.zone.clone()),
                    call_id: a.call_id.clone(),
                    lost: a.call_id.is_none(),
                    adopted: a.call_id.is_some(),
                    key: None,
                    ended_seen: None,
                    polling: None,
                    attempt: a,
                },
            );
        }
        if adopted > 0 {
            self.note = Some(format!(
                "{adopted} call{} left open by an earlier run {} settled from SignalWire's voice logs, never dialled again",
                if adopted == 1 { "" } else { "s" },
                if adopted == 1 {
                    "is being"
                } else {
                    "are being"
                }
            ));
            // Calls still in progress may report their key to this runner's listener.
            if let Some(listener) = &self.listener {
                for live in self.live.values() {
                    listener.open_report(&live.attempt.token);
                }
            }
        }
        Ok(())
    }

    /// Looks up open attempts whose dial is in doubt (or adopted from an earlier run).
    async fn settle_open(&mut self) -> Result<()> {
        if self.last_settle.is_some_and(|t| t.elapsed() < SETTLE_EVERY) {
            return Ok(());
        }
        let doubtful: Vec<i64> = self
            .live
            .iter()
            .filter(|(_, l)| l.lost || l.adopted)
            .map(|(id, _)| *id)
            .collect();
        if doubtful.is_empty() {
            return Ok(());
        }
        self.last_settle = Some(Instant::now());
        for id in doubtful {
            let Some(live) = self.live.get(&id) else {
                continue;
            };
            let attempt = live.attempt.clone();
            let now = self.now_ms();
            let delay = self.options.settle_delay_ms;
            let settled = match &live.call_id {
                Some(call_id) if live.adopted => {
                    settle::settle_placed(&self.client, &attempt, call_id, now, delay).await
                }
                _ => {
                    settle::settle_lost_dial(
                        &self.client,
                        &attempt,
                        &self.caller_id,
                        &mut self.claimed,
                        now,
                        delay,
                    )
                    .await
                }
            };
            self.apply_settled(id, settled)?;
        }
        Ok(())
    }

    fn apply_settled(&mut self, id: i64, settled: Settled) -> Result<()> {
        match settled {
            Settled::Found { call_id, outcome } => {
                let was_lost = self.live.get(&id).is_some_and(|l| l.call_id.is_none());
                if was_lost {
                    self.store.attempt_placed(id, &call_id)?;
                }
                match outcome {
                    Some(outcome) => self.conclude(id, outcome)?,
                    None => self.follow(id, &call_id),
                }
            }
            Settled::NotPlaced => self.conclude(id, Outcome::NotPlaced)?,
            Settled::Wait(problem) => {
                if let Some(p) = problem {
                    self.note = Some(p);
                }
            }
            Settled::Unknown(why) => {
                self.note = Some(format!("a call may have been placed: {why}"));
                self.conclude(id, Outcome::MayHaveBeenPlaced)?;
            }
        }
        Ok(())
    }

    /// Follows attempt `id`'s call from now on (polling; webhooks come on their own).
    fn follow(&mut self, id: i64, call_id: &str) {
        let pace = if self.listener.is_some() {
            crate::calls::StatusFeed::backstop_pace()
        } else {
            self.options.poll_pace.clone()
        };
        let client = self.client.clone();
        let tx = self.obs_tx.clone();
        let call = call_id.to_owned();
        let task = tokio::spawn(async move {
            poll_call(&client, &call, &pace, &tx).await;
        });
        self.by_call.insert(call_id.to_owned(), id);
        self.claimed.insert(call_id.to_owned());
        if let Some(live) = self.live.get_mut(&id) {
            live.call_id = Some(call_id.to_owned());
            live.lost = false;
            live.adopted = false;
            live.polling = Some(task);
        }
        self.dirty = true;
    }

    /// Dials due recipients while the pace and the calls-in-progress limit allow. Returns when
    /// to wake for the next dial, if someone is due but the pace holds them.
    async fn dial_due(&mut self) -> Result<Option<Instant>> {
        let max_live = self.campaign.settings.safeguards.max_live as usize;
        for _ in 0..256 {
            if self.live.len() >= max_live {
                return Ok(None);
            }
            let now_ms = self.now_ms();
            let due = self.store.due(self.campaign.id, now_ms, 16)?;
            if due.is_empty() {
                return Ok(None);
            }
            // An attempt is prepared (written) a little ahead of its moment, then sent on it, so
            // the store's latency does not move the dial.
            let lead = (self.pacer.interval() / 2).min(Duration::from_millis(100));
            let ready = self.pacer.ready_at(Instant::now());
            if ready > Instant::now() + lead {
                return Ok(Some(ready - lead));
            }
            let mut dialled = false;
            for r in due {
                if let Some(tz) = self.check(&r, now_ms)? {
                    self.dial(r, &tz, now_ms)?;
                    dialled = true;
                    break;
                }
            }
            if dialled {
                tokio::task::yield_now().await;
            }
        }
        Ok(Some(Instant::now()))
    }

    /// The checks just before a dial: a zone, the window now, do-not-call, the per-number caps.
    /// A recipient that fails one is held (or excluded) with the reason, and `None` returned.
    fn check(&mut self, r: &Recipient, now_ms: i64) -> Result<Option<TimeZone>> {
        let s = &self.campaign.settings.safeguards;
        let (Some(phone), Some(tz)) = (
            r.phone.as_deref(),
            r.zone.as_deref().and_then(|z| zone(z).ok()),
        ) else {
            self.store.exclude(
                r.id,
                Exclusion::NoTimeZone,
                "no time zone is known for this number, so its calling window cannot be kept",
            )?;
            return Ok(None);
        };
        if self.hooks.is_do_not_call(phone)? {
            self.store.exclude(
                r.id,
                Exclusion::DoNotCall,
                "the number was put on the do-not-call list after the campaign was created",
            )?;
            self.dirty = true;
            return Ok(None);
        }
        if !is_open(now_ms, &tz, s) {
            let Some(at) = next_open(now_ms, &tz, s) else {
                self.store
                    .exclude(r.id, Exclusion::NoWindow, "no calling day is allowed")?;
                return Ok(None);
            };
            let reason = format!(
                "outside the calling window ({}, {} time); waiting until it opens",
                window_words(s.window_start_min, s.window_end_min),
                tz.iana_name().unwrap_or("their")
            );
            self.store.hold(r.id, at, &reason)?;
            self.dirty = true;
            return Ok(None);
        }
        let delivered = self
            .store
            .delivered_to(phone, now_ms.saturating_sub(WEEK_MS))?;
        if let Some(until) = held_until(now_ms, &delivered, &tz, s) {
            let at = next_open(until, &tz, s).unwrap_or(until);
            let reason = format!(
                "this number had its limit of reminders ({} a day, {} a week); held until then",
                s.max_per_day, s.max_per_week
            );
            self.store.hold(r.id, at, &reason)?;
            self.dirty = true;
            return Ok(None);
        }
        Ok(Some(tz))
    }

    /// Writes the attempt, then sends its one dial at its planned moment (on its own task, so a
    /// slow answer does not hold the pace).
    fn dial(&mut self, r: Recipient, _tz: &TimeZone, now_ms: i64) -> Result<()> {
        let phone = r.phone.clone().unwrap_or_default();
        let token = script::new_attempt_token();
        let settings = &self.campaign.settings;
        let report_url = self.listener.as_ref().map(|l| l.open_report(&token));
        let leg_url = self.listener.as_ref().map(|l| l.leg_url(&token));
        let message = r.message.clone().unwrap_or_default();
        let doc = script::build(&ScriptInput {
            message: &message,
            menu: &settings.menu,
            front_desk: settings.front_desk.as_deref(),
            caller_id: &self.caller_id,
            report_url: report_url.as_deref(),
            voicemail: settings
                .detect_machine
                .then_some(settings.voicemail.as_str()),
            front_desk_leg_url: leg_url.as_deref(),
        });
        let mut request = DialRequest::new(self.caller_id.clone(), phone, doc);
        request.timeout = self.options.ring_timeout_s;
        if let Some(listener) = &self.listener {
            request.status_url = Some(listener.status_url());
            request.status_events = StatusEvent::RECOMMENDED.to_vec();
        }
        if let Err(err) = request.validate() {
            if let Some(l) = &self.listener {
                l.close_report(&token);
            }
            self.store.exclude(
                r.id,
                Exclusion::InvalidNumber,
                &format!("SignalWire would refuse this call: {err}"),
            )?;
            return Ok(());
        }
        // Written BEFORE the dial is sent: a crash from here on leaves an attempt to settle.
        let attempt = self.store.begin_attempt(r.id, &token, now_ms)?;
        let send_at = self.pacer.ready_at(Instant::now());
        self.pacer.take(send_at);
        let client = self.client.clone();
        let tx = self.dial_tx.clone();
        let id = attempt.id;
        tokio::spawn(async move {
            tokio::time::sleep_until(send_at).await;
            let result = client.dial(&request).await;
            let _ = tx.send((id, result));
        });
        self.by_token.insert(token, id);
        self.live.insert(
            id,
            Live {
                attempt,
                name: r.name,
                zone: r.zone,
                call_id: None,
                lost: false,
                adopted: false,
                key: None,
                ended_seen: None,
                polling: None,
            },
        );
        self.dirty = true;
        Ok(())
    }

    fn on_dialled(&mut self, id: i64, result: Result<Call>) -> Result<()> {
        if !self.live.contains_key(&id) {
            return Ok(());
        }
        match result {
            Ok(call) => {
                if let Err(err) = self.store.attempt_placed(id, &call.id) {
                    // The call is followed anyway; a later run settles it from the logs.
                    self.note = Some(format!("could not record a placed call: {err}"));
                }
                self.tracker
                    .apply(Observation::from_dial(&call, crate::clock::now_ms()));
                self.follow(id, &call.id);
            }
            Err(err) if err.call_may_have_been_placed() => {
                self.note = Some(format!(
                    "a dial's answer was lost ({err}); it is settled from the voice logs, not sent again"
                ));
                if let Some(live) = self.live.get_mut(&id) {
                    live.lost = true;
                }
                self.dirty = true;
            }
            Err(err) => {
                self.note = Some(format!("a dial was refused: {err}"));
                let fatal = matches!(err, Error::Unauthorized { .. } | Error::Forbidden { .. });
                let outcome = match err {
                    Error::RateLimited { .. } | Error::Network { .. } => Outcome::NotPlaced,
                    _ if fatal => Outcome::NotPlaced,
                    _ => Outcome::Failed,
                };
                self.conclude(id, outcome)?;
                if fatal {
                    return Err(err);
                }
            }
        }
        Ok(())
    }

    fn on_observation(&mut self, obs: Observation) {
        match obs.leg.clone() {
            Some(token) => {
                let call = self
                    .by_token
                    .get(&token)
                    .and_then(|id| self.live.get(id))
                    .and_then(|l| l.call_id.clone());
                if let Some(call) = call
                    && let Applied::Advanced(view) = self.tracker.apply_leg(&call, obs)
                    && let Some(leg) = &view.contact_leg
                {
                    self.note = Some(format!("front-desk call: {}", leg.phase.as_str()));
                    self.dirty = true;
                }
            }
            None => {
                if let Applied::Advanced(_) = self.tracker.apply(obs) {
                    self.dirty = true;
                }
            }
        }
    }

    fn on_key(&mut self, report: KeyReport) {
        let Some(id) = self.by_token.get(&report.token).copied() else {
            return;
        };
        let key = report
            .body
            .get("key")
            .and_then(|k| k.as_str())
            .unwrap_or("");
        let said = report.body.get("outcome").and_then(|o| o.as_str());
        let outcome = match self.campaign.settings.menu.iter().find(|k| k.key == key) {
            Some(k) => k.outcome,
            None if said == Some(Outcome::Machine.as_str()) => Outcome::Machine,
            None => Outcome::NoInput,
        };
        let Some(live) = self.live.get_mut(&id) else {
            return;
        };
        if live.key.is_some() {
            return;
        }
        live.key = Some(outcome);
        if outcome == Outcome::StopCalls
            && let Err(err) = self.hooks.add_do_not_call(&live.attempt.number, &live.name)
        {
            self.note = Some(format!(
                "{} asked to stop these calls, but the do-not-call list could not be updated: {err}",
                live.attempt.number
            ));
        }
        self.dirty = true;
    }

    /// Ends the attempts whose call has ended (an answered one a moment after, for its key).
    fn finish_ended(&mut self) -> Result<()> {
        let keys_reach = self.listener.is_some();
        let mut finished = Vec::new();
        for (id, live) in &mut self.live {
            let Some(view) = live.call_id.as_ref().and_then(|c| self.tracker.get(c)) else {
                continue;
            };
            if view.phase != CallPhase::Ended {
                continue;
            }
            let seen = *live.ended_seen.get_or_insert_with(Instant::now);
            let answered = view.answered_at_ms.is_some()
                || view.cause == Some(crate::status::EndCause::HungUp);
            let wait = keys_reach && answered && live.key.is_none();
            if wait && seen.elapsed() < self.options.key_grace {
                continue;
            }
            finished.push((*id, settle::outcome_of_call(view, live.key, keys_reach)));
        }
        for (id, outcome) in finished {
            self.conclude(id, outcome)?;
        }
        Ok(())
    }

    /// Ends attempt `id` with `outcome` and what follows for its recipient.
    fn conclude(&mut self, id: i64, outcome: Outcome) -> Result<()> {
        let Some(live) = self.live.remove(&id) else {
            return Ok(());
        };
        let now = self.now_ms();
        let s = &self.campaign.settings;
        let tz = live
            .zone
            .as_deref()
            .and_then(|z| zone(z).ok())
            .unwrap_or(TimeZone::UTC);
        let earlier = self.outcomes.entry(live.attempt.recipient_id).or_default();
        let retry = match outcome {
            Outcome::NotPlaced => {
                let at = next_open(now + NOT_PLACED_RETRY_MS, &tz, &s.safeguards)
                    .unwrap_or(now + NOT_PLACED_RETRY_MS);
                Some((
                    at,
                    "the dial did not reach SignalWire, so nobody was called; trying again"
                        .to_owned(),
                ))
            }
            Outcome::MayHaveBeenPlaced => None,
            o => {
                let same = earlier.iter().filter(|e| **e == o).count() as u32;
                match after_attempt(o, same, now, &s.retry, &tz, &s.safeguards) {
                    AfterAttempt::Final => None,
                    AfterAttempt::RetryAt { at_ms, reason } => Some((at_ms, reason)),
                }
            }
        };
        earlier.push(outcome);
        let end = AttemptEnd {
            outcome,
            ended_ms: now,
            retry,
        };
        match self.store.end_attempt(id, &end) {
            Ok(()) => {}
            Err(err @ Error::AttemptOutOfOrder { .. }) => {
                self.note = Some(err.to_string());
            }
            Err(err) => return Err(err),
        }
        if let Some(listener) = &self.listener {
            listener.close_report(&live.attempt.token);
        }
        self.by_token.remove(&live.attempt.token);
        if let Some(call) = &live.call_id {
            self.by_call.remove(call);
        }
        self.dirty = true;
        Ok(())
    }

    fn emit(
        &mut self,
        progress: &(dyn Fn(&RunProgress) + Send + Sync),
        ended: Option<RunEnd>,
    ) -> Result<()> {
        let recipients = self.store.recipients(self.campaign.id)?;
        let (counts, done, total) = tally(&recipients);
        progress(&RunProgress {
            campaign_id: self.campaign.id,
            counts,
            in_progress: self.live.len() as u32,
            done,
            total,
            next_call: next_call(&recipients),
            message_only: self.listener.is_none(),
            reach: self.reach.clone(),
            note: self.note.take(),
            ended,
        });
        self.dirty = false;
        Ok(())
    }
}

/// "08:00-21:00".
fn window_words(start: u16, end: u16) -> String {
    format!(
        "{:02}:{:02}-{:02}:{:02}",
        start / 60,
        start % 60,
        end / 60,
        end % 60
    )
}
