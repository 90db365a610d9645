//! The shared state of one running practice space: identity, clock, calls, faults, webhooks, tasks.
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
}

impl Space {
    pub(crate) fn calls(&self) -> MutexGuard<'_, CallBook> {
        self.calls.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn faults(&self) -> MutexGuard<'_, FaultQueue> {
        self.faults.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
