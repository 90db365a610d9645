//! The shared state of one running practice space: identity, clock, calls, faults, webhooks, tasks,
//! pacing and the SWML settings.
//! Handlers reach it through `State<Arc<Space>>`; its locks are never held across an `.await`.

use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::calling::call::CallBook;
use crate::clock::Clock;
use crate::faults::FaultQueue;
use crate::tasks::Tasks;
use crate::webhooks::Webhooks;

pub(crate) struct Space {
    pub(crate) project_id: String,
    pub(crate) api_token: String,
    pub(crate) signing_key: String,
    /// Reported as `space_id` in webhooks.
    pub(crate) space_id: String,
    /// Reported as `node_id` in webhooks.
    pub(crate) node_id: String,
    /// `http://127.0.0.1:PORT`, used for absolute links.
    pub(crate) base_url: String,
    pub(crate) clock: Clock,
    pub(crate) calls: Mutex<CallBook>,
    pub(crate) faults: Mutex<FaultQueue>,
    pub(crate) webhooks: Webhooks,
    pub(crate) tasks: Tasks,
    pub(crate) rules: Mutex<CallingRules>,
    /// The calling rate and backlog.
    pub(crate) pacing: Pacing,
    /// Simulated ms a SWML `say:` takes per word.
    pub(crate) ms_per_word: u64,
    /// The client SWML `request` steps are sent with (no overall timeout; each step sets one).
    pub(crate) swml_http: reqwest::Client,
}

/// How fast calls leave the queue and how many may wait in it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pacing {
    pub(crate) calls_per_second: f64,
    pub(crate) backlog: usize,
}

impl Pacing {
    /// Simulated ms between two calls' slots.
    pub(crate) fn interval_ms(self) -> f64 {
        1000.0 / self.calls_per_second
    }
}

/// How strict `calling.end` is, set through `POST /__practice/calling` (tests of the fallbacks).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CallingRules {
    /// Answer `calling.end` for a call not answered yet with this status (404 or 422) instead of
    /// ending it, as a Space may for a call that is not active yet.
    #[serde(default)]
    pub(crate) refuse_end_unanswered: Option<u16>,
    /// Accept only the OpenRPC spec's end reasons (`hangup`, `busy`); others get 422.
    #[serde(default)]
    pub(crate) openrpc_end_reasons: bool,
}

impl Space {
    pub(crate) fn calls(&self) -> MutexGuard<'_, CallBook> {
        self.calls.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn faults(&self) -> MutexGuard<'_, FaultQueue> {
        self.faults.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn rules(&self) -> MutexGuard<'_, CallingRules> {
        self.rules.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
