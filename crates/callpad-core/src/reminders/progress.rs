//! What a running campaign tells its driver: [`RunProgress`] (counts by outcome, calls in
//! progress, the next call and when, done of total, how keys reach Callpad), how a run ended
//! ([`RunEnd`]), and [`RunControl`], the handle a driver stops a run with. Plain data for IPC.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;
use ts_rs::TS;

use super::outcome::RecipientState;
use super::store::Recipient;

/// A running campaign's state, sent whenever it changes (and about once a second).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RunProgress {
    #[ts(type = "number")]
    pub campaign_id: i64,
    /// Finished recipients by outcome (`confirmed`, `busy`, …), the rest by state (`waiting`,
    /// `calling`, `excluded`, `needs_decision`): the same keys as `remind status`.
    pub counts: BTreeMap<String, u32>,
    /// Calls dialled and not ended yet (including dials being settled from the voice logs).
    pub in_progress: u32,
    /// Recipients finished (done, or waiting for a person's decision).
    pub done: u32,
    /// Recipients that will be called at all (every recipient but the excluded).
    pub total: u32,
    /// Who is called next, and when.
    pub next_call: Option<NextCall>,
    /// True when keys cannot reach Callpad, so calls speak the message without a menu.
    pub message_only: bool,
    /// How keypresses reach Callpad, or why they cannot, in a sentence.
    pub reach: String,
    /// The latest thing worth saying ("settled 2 calls from the voice logs").
    pub note: Option<String>,
    /// Set on the last progress of a run: why it ended.
    pub ended: Option<RunEnd>,
}

/// The next recipient due.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NextCall {
    pub phone: String,
    pub name: String,
    /// ISO 8601 (UTC).
    pub at: String,
    #[ts(type = "number")]
    pub at_ms: i64,
    /// Why then (outside the calling window, a retry, the per-number limit), if not "now".
    pub reason: Option<String>,
}

/// Why a run stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RunEnd {
    /// Nobody is left to call (some may wait for a person's decision).
    Finished,
    /// The campaign was paused; calls in progress ended first.
    Paused,
    /// The campaign was cancelled; calls in progress ended first.
    Cancelled,
    /// The driver stopped the run ([`RunControl::stop`]); calls in progress go on at SignalWire
    /// and the next run settles them from the voice logs.
    Stopped,
}

/// How a driver stops a run: share it (e.g. in an `Arc`) and call [`RunControl::stop`].
#[derive(Debug, Default)]
pub struct RunControl {
    stop: AtomicBool,
    wake: tokio::sync::Notify,
}

impl RunControl {
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks the run to return as soon as it can (within a fraction of a second).
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
        self.wake.notify_waiters();
    }

    pub fn is_stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    /// Resolves once [`RunControl::stop`] has been called.
    pub async fn stopped(&self) {
        while !self.is_stopped() {
            let notified = self.wake.notified();
            if self.is_stopped() {
                return;
            }
            notified.await;
        }
    }
}

/// The counts and totals of a campaign's recipients.
pub fn tally(recipients: &[Recipient]) -> (BTreeMap<String, u32>, u32, u32) {
    let mut counts = BTreeMap::new();
    let (mut done, mut total) = (0, 0);
    for r in recipients {
        *counts.entry(r.count_key()).or_insert(0) += 1;
        if r.state != RecipientState::Excluded {
            total += 1;
        }
        if matches!(
            r.state,
            RecipientState::Done | RecipientState::NeedsDecision
        ) {
            done += 1;
        }
    }
    (counts, done, total)
}

/// The waiting recipient due first.
pub fn next_call(recipients: &[Recipient]) -> Option<NextCall> {
    recipients
        .iter()
        .filter(|r| r.state == RecipientState::Waiting)
        .filter_map(|r| Some((r.next_attempt_ms?, r)))
        .min_by_key(|(at, r)| (*at, r.line))
        .map(|(at, r)| NextCall {
            phone: r.phone.clone().unwrap_or_else(|| r.typed.clone()),
            name: r.name.clone(),
            at: crate::calendar::rfc3339(at),
            at_ms: at,
            reason: r.waiting_reason.clone(),
        })
}
