//! Status by polling: `GET /api/voice/logs/{id}` while a call is live, quickly at first and then
//! backing off, until the call ends. Needs no public URL. A log that appears late is waited for.

use std::time::Duration;

use tokio::sync::mpsc;

use super::observation::Observation;
use crate::signalwire::Client;
use crate::{Error, clock};

/// How often to poll. The defaults suit a real Space; tests shrink them.
#[derive(Debug, Clone)]
pub struct PollPace {
    /// The first wait, used while the call is being set up or ringing.
    pub first: Duration,
    /// Each wait grows by this factor, up to `max`.
    pub growth: f64,
    pub max: Duration,
    /// How long a missing log (404) is tolerated before giving up.
    pub log_grace: Duration,
    /// Polling stops after this long even if the call never ends (a stuck call).
    pub give_up_after: Duration,
}

impl Default for PollPace {
    fn default() -> Self {
        Self {
            first: Duration::from_millis(1_000),
            growth: 1.25,
            max: Duration::from_secs(5),
            log_grace: Duration::from_secs(30),
            give_up_after: Duration::from_secs(4 * 60 * 60),
        }
    }
}

/// The shortest and longest one poll request may take before it is dropped and retried at the
/// next tick (the pace's `max` interval, kept within these).
pub const POLL_REQUEST_TIMEOUT_MIN: Duration = Duration::from_secs(2);
pub const POLL_REQUEST_TIMEOUT_MAX: Duration = Duration::from_secs(5);

/// Why polling stopped.
#[derive(Debug, PartialEq, Eq)]
pub enum PollEnd {
    /// The call reached its end.
    Ended,
    /// The receiver went away (nobody is tracking the call any more).
    Abandoned,
    /// The log never appeared within the grace period.
    NoLog,
    /// `give_up_after` passed without an end.
    GaveUp,
}

/// Polls one call's voice log until it ends, sending every readable state to `tx`
/// (the tracker drops repeats). Errors other than a missing log are retried at the next tick;
/// the client already retries transient failures itself.
pub async fn poll_call(
    client: &Client,
    call_id: &str,
    pace: &PollPace,
    tx: &mpsc::UnboundedSender<Observation>,
) -> PollEnd {
    let started = tokio::time::Instant::now();
    let mut wait = pace.first;
    let mut seen_log = false;
    loop {
        tokio::time::sleep(wait).await;
        if tx.is_closed() {
            return PollEnd::Abandoned;
        }
        // A hung request must not stall the poll for the client's whole timeout (30 s): give up
        // on it after about one poll interval and ask again at the next tick.
        let per_request = pace
            .max
            .clamp(POLL_REQUEST_TIMEOUT_MIN, POLL_REQUEST_TIMEOUT_MAX);
        let answer = match tokio::time::timeout(per_request, client.voice_log(call_id)).await {
            Ok(answer) => answer,
            Err(_) => Err(Error::Timeout { after: per_request }),
        };
        match answer {
            Ok(log) => {
                seen_log = true;
                if let Some(obs) = Observation::from_log(call_id, &log, clock::now_ms()) {
                    let ended = obs.phase.is_final();
                    if tx.send(obs).is_err() {
                        return PollEnd::Abandoned;
                    }
                    if ended {
                        return PollEnd::Ended;
                    }
                }
            }
            Err(Error::NotFound { .. }) if !seen_log => {
                if started.elapsed() >= pace.log_grace {
                    tracing::warn!(
                        call_id,
                        "no voice log appeared for the call; stopped polling"
                    );
                    return PollEnd::NoLog;
                }
                continue;
            }
            Err(err) => tracing::warn!(call_id, "polling the call's status failed: {err}"),
        }
        if started.elapsed() >= pace.give_up_after {
            return PollEnd::GaveUp;
        }
        wait =
            Duration::from_secs_f64((wait.as_secs_f64() * pace.growth).min(pace.max.as_secs_f64()));
    }
}
