//! The words Callpad shows for its own fixed vocabularies — call modes and caller-ID test results
//! (the words live beside each enum) — gathered, so the window, the CLI and exports never word them differently. The window gets
//! them once at start (`AppInfo::vocabulary`).

use serde::Serialize;
use ts_rs::TS;

use crate::app::CallerIdTestResult;
use crate::calls::ModeName;

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

impl Vocabulary {
    pub fn new() -> Self {
        let value = |v: CallerIdTestResult| {
            serde_json::to_value(v)
                .ok()
                .and_then(|j| j.as_str().map(str::to_owned))
                .unwrap_or_default()
        };
        Vocabulary {
            call_modes: ModeName::ALL
                .iter()
                .map(|m| Choice {
                    value: m.as_str().to_owned(),
                    label: m.words().to_owned(),
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
    fn every_mode_history_stores_reads_back_and_has_words() {
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
            assert_eq!(ModeName::parse(mode.label()), mode.name(), "{mode:?}");
            assert_ne!(mode.name().words(), mode.label(), "{mode:?}");
        }
        let v = Vocabulary::new();
        assert_eq!(v.call_modes.len(), 3);
        assert_eq!(v.test_results.len(), 4);
        assert_eq!(v.test_results[0].value, "shownCorrectly");
        assert_eq!(v.test_results[0].label, "Shown correctly");
    }
}
