//! The words Callpad shows for its own fixed vocabularies — call modes and caller-ID test results —
//! in one place, so the window, the CLI and exports never word them differently. The window gets
//! them once at start (`AppInfo::vocabulary`).

use serde::Serialize;
use ts_rs::TS;

use crate::app::CallerIdTestResult;

/// One value of a vocabulary and the words shown for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Choice {
    /// The value as it crosses IPC (`callMeFirst`, `shownCorrectly`, …).
    pub value: String,
    pub label: String,
}

/// Every vocabulary the window shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Vocabulary {
    /// Call modes, in the order the call options offer them.
    pub call_modes: Vec<Choice>,
    /// What a caller-ID test's phone showed.
    pub test_results: Vec<Choice>,
}

/// The mode names history stores (`CallMode::label`) and the words for them.
pub const CALL_MODES: [(&str, &str); 3] = [
    ("callMeFirst", "Call me first"),
    ("deliverMessage", "Deliver a message"),
    ("callerIdTest", "Caller-ID test"),
];

/// The words for a mode name as history stores it; the name itself when unknown.
pub fn mode_words(name: &str) -> &str {
    CALL_MODES
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(name, |(_, words)| words)
}

impl Vocabulary {
    pub fn new() -> Self {
        let value = |v: CallerIdTestResult| {
            serde_json::to_value(v)
                .ok()
                .and_then(|j| j.as_str().map(str::to_owned))
                .unwrap_or_default()
        };
        Vocabulary {
            call_modes: CALL_MODES
                .iter()
                .map(|(value, label)| Choice {
                    value: (*value).to_owned(),
                    label: (*label).to_owned(),
                })
                .collect(),
            test_results: CallerIdTestResult::ALL
                .iter()
                .map(|r| Choice {
                    value: value(*r),
                    label: r.label().to_owned(),
                })
                .collect(),
        }
    }
}

impl Default for Vocabulary {
    fn default() -> Self {
        Vocabulary::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calls::{CallMode, MessageSource};

    #[test]
    fn every_mode_history_stores_has_words() {
        let modes = [
            CallMode::CallMeFirst {
                my_number: String::new(),
            },
            CallMode::DeliverMessage {
                message: MessageSource::SwmlUrl { url: String::new() },
            },
            CallMode::CallerIdTest,
        ];
        for mode in modes {
            assert_ne!(mode_words(mode.label()), mode.label(), "{mode:?}");
        }
        let v = Vocabulary::new();
        assert_eq!(v.test_results.len(), 4);
        assert_eq!(v.test_results[0].value, "shownCorrectly");
        assert_eq!(v.test_results[0].label, "Shown correctly");
    }
}
