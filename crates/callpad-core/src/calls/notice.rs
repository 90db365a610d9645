//! The desktop notice shown when a call ends while the window is hidden: whether to show one, and
//! its words. Showing it is the app shell's job.

use super::history::{HistoryEntry, Placement};
use crate::status::{CallPhase, EndCause};

/// A notice's title and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub title: String,
    pub body: String,
}

/// The notice for a call that just changed, or `None` when nothing needs saying: only an ended
/// call, and only while the person cannot see the window.
pub fn end_notice(entry: &HistoryEntry, window_visible: bool) -> Option<Notice> {
    if window_visible || entry.phase != CallPhase::Ended || entry.placement != Placement::Placed {
        return None;
    }
    let who = entry
        .contact_name
        .clone()
        .unwrap_or_else(|| entry.to.clone());
    let failed = entry.end_cause.is_some_and(EndCause::is_failure);
    Some(Notice {
        title: if failed {
            format!("Call to {who} failed")
        } else {
            format!("Call to {who} ended")
        },
        body: entry.outcome.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calls::history::{self, NewCall};
    use crate::db;
    use crate::status::{Observation, Source, Tracker};

    fn ended(cause: EndCause, name: Option<&str>) -> HistoryEntry {
        let mut conn = db::open_in_memory().unwrap();
        let row = history::begin(
            &conn,
            &NewCall {
                profile: "P".into(),
                mode: crate::calls::ModeName::DeliverMessage,
                from: "+12065550100".into(),
                to: "+12065550170".into(),
                caller_id: "+12065550100".into(),
                contact_id: None,
                contact_name: name.map(str::to_owned),
                created_at_ms: 1,
            },
        )
        .unwrap();
        history::mark_placed(&conn, row, "c").unwrap();
        let mut t = Tracker::new();
        t.apply(Observation::new("c", CallPhase::Ended, 2, Source::Webhook).with_cause(cause));
        history::record(&mut conn, row, t.get("c").unwrap()).unwrap();
        history::get(&conn, row).unwrap().unwrap()
    }

    #[test]
    fn a_failed_call_is_announced_only_when_the_window_is_hidden() {
        let entry = ended(EndCause::Busy, Some("Ann Lee"));
        assert_eq!(end_notice(&entry, true), None);
        assert_eq!(
            end_notice(&entry, false),
            Some(Notice {
                title: "Call to Ann Lee failed".into(),
                body: "The line was busy".into()
            })
        );
    }

    #[test]
    fn an_ended_call_names_the_number_when_there_is_no_contact() {
        let notice = end_notice(&ended(EndCause::HungUp, None), false).unwrap();
        assert_eq!(notice.title, "Call to +12065550170 ended");
        assert_eq!(notice.body, "Hung up");
    }
}
