//! Every background task of a space (connections, call clocks, webhook delivery) in one set, so
//! shutting the space down stops them all. It does not know what the tasks do.

use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use tokio::task::JoinSet;

#[derive(Default)]
struct Inner {
    set: JoinSet<()>,
    closed: bool,
}

/// A shared handle on the space's tasks.
#[derive(Clone, Default)]
pub(crate) struct Tasks {
    inner: Arc<Mutex<Inner>>,
}

impl Tasks {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `task` until it ends or the space shuts down. Ignored once the space is shutting down.
    pub(crate) fn spawn<F>(&self, task: F)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        let mut inner = self.lock();
        if inner.closed {
            return;
        }
        while inner.set.try_join_next().is_some() {}
        inner.set.spawn(task);
    }

    /// Stops every task without waiting.
    pub(crate) fn abort_all(&self) {
        let mut inner = self.lock();
        inner.closed = true;
        inner.set.abort_all();
    }

    /// Stops every task and waits until all of them are gone.
    pub(crate) async fn shutdown(&self) {
        loop {
            let mut set = {
                let mut inner = self.lock();
                inner.closed = true;
                std::mem::take(&mut inner.set)
            };
            if set.is_empty() {
                return;
            }
            set.abort_all();
            while set.join_next().await.is_some() {}
        }
    }
}
