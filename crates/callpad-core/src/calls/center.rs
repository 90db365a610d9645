//! The call center: places a call (history first, then exactly one dial), follows it by webhooks
//! and/or polling through one tracker, records every state, hangs up, and broadcasts each change.
//!
//! The UI and the CLI subscribe to [`CallUpdate`]s; nothing here knows about windows or terminals.
//! A history write that fails after the dial is never only logged: it rides on the update as a
//! `warning` and stays listed in [`CallCenter::write_failures`], so the person is told.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rusqlite::Connection;
use serde::Serialize;
use tokio::sync::{broadcast, mpsc};
use ts_rs::TS;

use super::history::{self, NewCall, Placement};
use super::modes::CallPlan;
use crate::signalwire::{Call, Client, EndReason, StatusEvent};
use crate::status::{
    Applied, CallPhase, CallStatusView, EndCause, Listener, Observation, PollPace, Source, Tracker,
    WebhookTally, poll_call,
};
use crate::swml::Step;
use crate::{Error, Result, clock};

/// How live status reaches Callpad.
pub enum StatusFeed {
    /// Poll the voice log; needs no public URL.
    Poll(PollPace),
    /// SignalWire posts webhooks to this listener (directly on loopback, or through a tunnel).
    /// The voice log is still polled slowly as a backstop, since webhooks may never arrive.
    Listen {
        listener: Listener,
        backstop: PollPace,
    },
}

impl StatusFeed {
    /// The slow polling used beside a listener.
    pub fn backstop_pace() -> PollPace {
        PollPace {
            first: std::time::Duration::from_secs(5),
            growth: 1.5,
            max: std::time::Duration::from_secs(20),
            ..PollPace::default()
        }
    }
}

/// One change to one call, as the UI receives it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallUpdate {
    /// The call's row in history.
    #[ts(type = "number")]
    pub history_id: i64,
    pub status: CallStatusView,
    /// Set when this change could not be saved in history: say it to the person (CLI: stderr and
    /// a non-zero exit; app: a visible notice). The call itself goes on.
    pub warning: Option<String>,
}

/// Who and what a call is for, besides the plan itself.
#[derive(Debug, Clone, Default)]
pub struct CallMeta {
    pub profile: String,
    pub contact_id: Option<i64>,
    pub contact_name: Option<String>,
}

/// A call SignalWire accepted.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlacedCall {
    #[ts(type = "number")]
    pub history_id: i64,
    pub call_id: String,
    /// The caller ID the call shows.
    pub caller_id: String,
    pub status: CallStatusView,
    /// Set when history could not record that the call was placed (see [`CallUpdate::warning`]).
    pub warning: Option<String>,
}

struct State {
    tracker: Tracker,
    rows: HashMap<String, i64>,
    /// History row → call id, to file a second leg's reports under its call.
    calls_by_row: HashMap<i64, String>,
}

struct Shared {
    db: Arc<Mutex<Connection>>,
    state: Mutex<State>,
    updates: broadcast::Sender<CallUpdate>,
    /// Every history write that failed after a dial, in words.
    write_failures: Mutex<Vec<String>>,
}

impl Shared {
    /// Applies an observation and, if the call moved, records it and tells subscribers.
    fn apply(&self, obs: Observation) {
        let mut state = self.state.lock().expect("call state lock");
        let applied = match obs.leg.as_deref() {
            Some(tag) => {
                let Some(call_id) = tag
                    .parse::<i64>()
                    .ok()
                    .and_then(|row| state.calls_by_row.get(&row).cloned())
                else {
                    tracing::debug!("a second-leg report for a call not followed here");
                    return;
                };
                state.tracker.apply_leg(&call_id, obs)
            }
            None => state.tracker.apply(obs),
        };
        let Applied::Advanced(view) = applied else {
            return;
        };
        if let Some(&row) = state.rows.get(&view.call_id) {
            self.record(row, &view);
        }
    }

    /// Records a state in history and broadcasts it. A failed write is returned (and broadcast)
    /// as a warning the person must see.
    fn record(&self, row: i64, view: &CallStatusView) -> Option<String> {
        let warning = {
            let mut db = self.db.lock().expect("database lock");
            let warning = history::record(&mut db, row, view).err().map(|err| {
                tracing::error!(
                    call_id = view.call_id,
                    "could not record the call's state: {err}"
                );
                format!(
                    "history could not record that the call is {} ({err}); the call goes on, but history will show an older state",
                    view.phase.as_str()
                )
            });
            if view.phase == CallPhase::Ended {
                // The WAL is folded back here, once a call is over, instead of inside whichever
                // commit crosses SQLite's threshold — which could be the insert in front of a dial.
                if let Err(err) = db.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
                    tracing::warn!("could not checkpoint the database: {err}");
                }
            }
            warning
        };
        if let Some(w) = &warning {
            self.write_failures
                .lock()
                .expect("write failures lock")
                .push(w.clone());
        }
        let _ = self.updates.send(CallUpdate {
            history_id: row,
            status: view.clone(),
            warning: warning.clone(),
        });
        warning
    }
}

/// Places calls and follows them. Cheap to share behind an `Arc`.
pub struct CallCenter {
    client: Client,
    shared: Arc<Shared>,
    obs_tx: mpsc::UnboundedSender<Observation>,
    method: StatusFeed,
}

impl CallCenter {
    /// A call center over `client`, recording into `db`. Observations from the listener (if any)
    /// must be sent on the channel `observations` returns a sender for; see [`CallCenter::channel`].
    pub fn new(
        client: Client,
        db: Arc<Mutex<Connection>>,
        method: StatusFeed,
        observations: (
            mpsc::UnboundedSender<Observation>,
            mpsc::UnboundedReceiver<Observation>,
        ),
    ) -> CallCenter {
        let (obs_tx, mut obs_rx) = observations;
        let (updates, _) = broadcast::channel(256);
        // No automatic checkpoints on this connection: they would land on the history insert
        // that precedes a dial. `Shared::record` checkpoints when a call ends.
        if let Err(err) =
            db.lock()
                .expect("database lock")
                .pragma_update(None, "wal_autocheckpoint", 0)
        {
            tracing::warn!("could not turn off automatic checkpoints: {err}");
        }
        let shared = Arc::new(Shared {
            db,
            state: Mutex::new(State {
                tracker: Tracker::new(),
                rows: HashMap::new(),
                calls_by_row: HashMap::new(),
            }),
            updates,
            write_failures: Mutex::new(Vec::new()),
        });
        let merger = shared.clone();
        tokio::spawn(async move {
            while let Some(obs) = obs_rx.recv().await {
                merger.apply(obs);
            }
        });
        CallCenter {
            client,
            shared,
            obs_tx,
            method,
        }
    }

    /// The channel observations flow through; give its sender to a [`Listener`].
    pub fn channel() -> (
        mpsc::UnboundedSender<Observation>,
        mpsc::UnboundedReceiver<Observation>,
    ) {
        mpsc::unbounded_channel()
    }

    /// The client calls are placed with.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Every call's changes from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<CallUpdate> {
        self.shared.updates.subscribe()
    }

    /// "listen" or "poll": how status is arriving.
    pub fn method_name(&self) -> &'static str {
        match self.method {
            StatusFeed::Poll(_) => "poll",
            StatusFeed::Listen { .. } => "listen",
        }
    }

    /// What the listener has received this session; `None` when polling.
    pub fn webhook_tally(&self) -> Option<WebhookTally> {
        match &self.method {
            StatusFeed::Listen { listener, .. } => Some(listener.tally()),
            StatusFeed::Poll(_) => None,
        }
    }

    /// Every history write that failed after a dial this session, in words, oldest first.
    pub fn write_failures(&self) -> Vec<String> {
        self.shared
            .write_failures
            .lock()
            .expect("write failures lock")
            .clone()
    }

    /// The latest known state of a call.
    pub fn status(&self, call_id: &str) -> Option<CallStatusView> {
        let state = self.shared.state.lock().expect("call state lock");
        state.tracker.get(call_id).cloned()
    }

    /// Places a call: records it in history, refuses a destination marked "do not call", sends the
    /// dial exactly once, and starts following it. A dial that may have reached SignalWire is never
    /// resent; it is recorded as "may have been placed" and returned as that error.
    pub async fn place(&self, plan: &CallPlan, meta: &CallMeta) -> Result<PlacedCall> {
        let mut request = plan.dial_request(&clock_utc_hhmm())?;
        {
            let db = self.shared.db.lock().expect("database lock");
            if crate::contacts::is_opted_out(&db, &plan.destination)? {
                return Err(Error::OptedOut {
                    number: plan.destination.clone(),
                });
            }
        }
        if let StatusFeed::Listen { listener, .. } = &self.method {
            request.status_url = Some(listener.status_url());
            request.status_events = StatusEvent::RECOMMENDED.to_vec();
        }
        request.validate()?;

        let row = {
            let db = self.shared.db.lock().expect("database lock");
            history::begin(
                &db,
                &NewCall {
                    profile: meta.profile.clone(),
                    mode: plan.mode.name(),
                    from: request.from.clone(),
                    to: plan.destination.clone(),
                    caller_id: plan.caller_id.clone(),
                    contact_id: meta.contact_id,
                    contact_name: meta.contact_name.clone(),
                    created_at_ms: clock::now_ms(),
                },
            )?
        };
        // Call me first: the contact's leg reports to its own listener path, tagged with the row.
        if let StatusFeed::Listen { listener, .. } = &self.method {
            track_second_leg(&mut request, &listener.leg_url(&row.to_string()));
        }

        let call = match self.client.dial(&request).await {
            Ok(call) => call,
            Err(err) => {
                let placement = if err.call_may_have_been_placed() {
                    Placement::Unknown
                } else {
                    Placement::NotPlaced
                };
                let db = self.shared.db.lock().expect("database lock");
                history::mark_failed(&db, row, placement, &err.to_string())?;
                return Err(err);
            }
        };

        let (view, warning) = {
            let mut state = self.shared.state.lock().expect("call state lock");
            let placed_warning = {
                let db = self.shared.db.lock().expect("database lock");
                history::mark_placed(&db, row, &call.id).err().map(|err| {
                    tracing::error!(call_id = call.id, "could not record the placed call: {err}");
                    format!(
                        "the call was placed (id {}), but history could not record it ({err}); it may show as \"Dialling…\" until Callpad next starts",
                        call.id
                    )
                })
            };
            if let Some(w) = &placed_warning {
                self.shared
                    .write_failures
                    .lock()
                    .expect("write failures lock")
                    .push(w.clone());
            }
            state.rows.insert(call.id.clone(), row);
            state.calls_by_row.insert(row, call.id.clone());
            state
                .tracker
                .apply(Observation::from_dial(&call, clock::now_ms()));
            let view = state.tracker.get(&call.id).cloned().expect("just applied");
            let recorded = self.shared.record(row, &view);
            (view, placed_warning.or(recorded))
        };
        self.follow(&call.id);
        Ok(PlacedCall {
            history_id: row,
            call_id: call.id,
            caller_id: plan.caller_id.clone(),
            status: view,
            warning,
        })
    }

    fn follow(&self, call_id: &str) {
        let pace = match &self.method {
            StatusFeed::Poll(pace) => pace.clone(),
            StatusFeed::Listen { backstop, .. } => backstop.clone(),
        };
        let client = self.client.clone();
        let tx = self.obs_tx.clone();
        let call_id = call_id.to_owned();
        tokio::spawn(async move {
            poll_call(&client, &call_id, &pace, &tx).await;
        });
    }

    /// Hangs up a live call in any state: `calling.end` (reason `cancel` while it rings, `hangup`
    /// once answered; a refused reason is sent again as `hangup`), and for a call not answered yet
    /// that `calling.end` cannot reach (404/422) the `update {status:"canceled"}` fallback.
    pub async fn hang_up(&self, call_id: &str) -> Result<()> {
        let phase = self.status(call_id).map(|v| v.phase);
        if phase == Some(CallPhase::Ended) {
            return Ok(());
        }
        let answered = matches!(phase, Some(CallPhase::Answered | CallPhase::Ending));
        let reason = if answered {
            EndReason::Hangup
        } else {
            EndReason::Cancel
        };
        let cause = if answered {
            EndCause::HungUp
        } else {
            EndCause::Cancelled
        };
        let mut answer = self.client.end(call_id, reason.clone()).await;
        if reason != EndReason::Hangup && matches!(answer, Err(Error::Rejected { .. })) {
            // Some documents list only `hangup` and `busy` as reasons.
            answer = self.client.end(call_id, EndReason::Hangup).await;
        }
        if !answered && matches!(answer, Err(Error::NotFound { .. } | Error::Rejected { .. })) {
            tracing::debug!(
                call_id,
                "calling.end refused for an unanswered call; cancelling"
            );
            answer = match self.client.update_status(call_id, "canceled").await {
                // Answered in the meantime: end it as an answered call.
                Err(err) if err.has_api_code("cannot_cancel_in_progress") => {
                    self.client.end(call_id, EndReason::Hangup).await
                }
                other => other,
            };
        }
        if let Some(call) = answer? {
            self.note_final(&call, cause);
        }
        Ok(())
    }

    fn note_final(&self, call: &Call, cause: EndCause) {
        let obs = Observation::from_dial(call, clock::now_ms());
        if obs.phase.is_final() {
            let _ = self.obs_tx.send(Observation {
                source: Source::Local,
                cause: obs.cause.or(Some(cause)),
                ..obs
            });
        }
    }
}

/// Puts the second leg's `call_state_url` (and the events wanted) on every `connect` step.
fn track_second_leg(request: &mut crate::signalwire::DialRequest, url: &str) {
    if let crate::signalwire::CallFlow::Swml(document) = &mut request.flow {
        for step in &mut document.sections.main {
            if let Step::Connect(connect) = step {
                connect.call_state_url = Some(url.to_owned());
                connect.call_state_events = StatusEvent::RECOMMENDED
                    .iter()
                    .map(|e| e.as_str().to_owned())
                    .collect();
            }
        }
    }
}

/// The current UTC time of day as spoken in caller-ID tests, e.g. "14:05 UTC".
fn clock_utc_hhmm() -> String {
    let stamp = crate::calendar::rfc3339(clock::now_ms());
    format!("{} UTC", &stamp[11..16])
}
