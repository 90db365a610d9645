//! Reminder campaigns running in the background of a long-lived driver (the window): at most one
//! task per campaign (and the runner's lock allows one runner per data folder), every progress to
//! the host as a [`ReminderTick`], and a desktop notice when one stops while the window is
//! hidden. The dialling itself is [`Callpad::run_reminder_campaign`]'s.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use serde::Serialize;
use ts_rs::TS;

use super::{Callpad, SessionTarget};
use crate::calls::notice::Notice;
use crate::reminders::progress::{RunControl, RunProgress};
use crate::reminders::store::CampaignState;
use crate::{Error, Result};

/// Campaigns with a runner task in this process.
#[derive(Default)]
pub(crate) struct ReminderRuns {
    tasks: Mutex<BTreeMap<i64, tokio::task::AbortHandle>>,
}

/// Something changed in a running campaign: the window re-reads its report.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReminderTick {
    #[ts(type = "number")]
    pub campaign_id: i64,
    /// `running`, `paused`, `cancelled`, `finished`, …
    pub state: String,
    /// The runner stopped (finished, paused, cancelled, or failed with `problem`).
    pub stopped: bool,
    pub problem: Option<String>,
    /// The runner's latest progress (counts, calls in progress, next call, how keys reach).
    pub progress: Option<RunProgress>,
}

/// The notice for a campaign whose runner stopped, or `None` when nothing needs saying (the
/// window is in view, or the person paused it).
pub fn finish_notice(name: &str, tick: &ReminderTick, window_visible: bool) -> Option<Notice> {
    if window_visible || !tick.stopped || tick.state == "paused" {
        return None;
    }
    Some(match &tick.problem {
        Some(problem) => Notice {
            title: format!("Reminders “{name}” stopped"),
            body: problem.clone(),
        },
        None => Notice {
            title: format!("Reminders “{name}” {}", tick.state),
            body: "Open Callpad's Reminders tab for the report.".to_owned(),
        },
    })
}

impl Callpad {
    /// Starts `id`'s runner on a background task (it keeps going while the window is hidden);
    /// a campaign whose runner is already going is left alone, never run twice. Progress goes to
    /// the host's events; a notice says when it stops.
    pub fn start_reminder_campaign(self: &Arc<Self>, id: i64) -> Result<()> {
        let campaign = self.reminder_status(id)?;
        if matches!(campaign.state.as_str(), "cancelled" | "finished") {
            return Err(Error::InvalidCampaign {
                field: format!("campaign {id}"),
                reason: format!("it is {}, so there is nothing to start", campaign.state),
            });
        }
        let mut tasks = self.reminder_runs.tasks.lock().expect("reminder runs lock");
        if tasks.get(&id).is_some_and(|t| !t.is_finished()) {
            return Ok(());
        }
        let me = self.clone();
        let task = tokio::spawn(async move {
            let events = me.host.events.clone();
            let last = Mutex::new(None);
            let tell = |p: &RunProgress| {
                *last.lock().expect("progress lock") = Some(p.clone());
                events.reminder_tick(&ReminderTick {
                    campaign_id: id,
                    state: CampaignState::Running.as_str().to_owned(),
                    stopped: false,
                    problem: None,
                    progress: Some(p.clone()),
                });
            };
            // Nothing stops it but the campaign's own state (pause, cancel) or the app's exit;
            // an exit mid-call is settled from the voice logs by the next run.
            let outcome = me
                .run_reminder_campaign(id, SessionTarget::Active, &RunControl::new(), &tell)
                .await;
            let state = me
                .reminder_status(id)
                .map(|s| s.state)
                .unwrap_or_else(|_| "unknown".to_owned());
            let (progress, problem) = match outcome {
                Ok(summary) => (summary.progress, None),
                Err(e) => (
                    last.lock().expect("progress lock").take(),
                    Some(e.to_string()),
                ),
            };
            let tick = ReminderTick {
                campaign_id: id,
                state,
                stopped: true,
                problem,
                progress,
            };
            me.host.events.reminder_tick(&tick);
            let visible = me.host.notifier.window_visible();
            if let Some(notice) = finish_notice(&campaign.name, &tick, visible) {
                me.host.notifier.show(&notice);
            }
        });
        tasks.insert(id, task.abort_handle());
        Ok(())
    }

    /// Resumes a paused campaign and starts its runner again.
    pub fn resume_reminder_run(self: &Arc<Self>, id: i64) -> Result<CampaignState> {
        let state = self.resume_reminder_campaign(id)?;
        self.start_reminder_campaign(id)?;
        Ok(state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tick(state: &str, stopped: bool, problem: Option<&str>) -> ReminderTick {
        ReminderTick {
            campaign_id: 1,
            state: state.to_owned(),
            stopped,
            problem: problem.map(str::to_owned),
            progress: None,
        }
    }

    #[test]
    fn a_notice_says_a_campaign_stopped_only_while_the_window_is_hidden() {
        let done = tick("finished", true, None);
        assert_eq!(finish_notice("Tue", &done, true), None);
        let n = finish_notice("Tue", &done, false).unwrap();
        assert_eq!(n.title, "Reminders “Tue” finished");
        assert_eq!(
            finish_notice("Tue", &tick("running", false, None), false),
            None
        );
        assert_eq!(
            finish_notice("Tue", &tick("paused", true, None), false),
            None
        );
        let failed =
            finish_notice("Tue", &tick("running", true, Some("no session")), false).unwrap();
        assert_eq!(
            (failed.title.as_str(), failed.body.as_str()),
            ("Reminders “Tue” stopped", "no session")
        );
    }
}
