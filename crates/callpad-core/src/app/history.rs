//! Call history as a person reads it: newest first and searchable, the result a caller-ID test
//! showed on the test phone (a fixed vocabulary, worded here), and export.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Callpad;
use crate::calls::{HistoryEntry, history};
use crate::{Error, Result};

/// What the test phone showed during a caller-ID test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CallerIdTestResult {
    ShownCorrectly,
    DifferentNumber,
    UnknownOrWithheld,
    NotReceived,
}

impl CallerIdTestResult {
    /// Every result, in the order the picker offers them.
    pub const ALL: [CallerIdTestResult; 4] = [
        CallerIdTestResult::ShownCorrectly,
        CallerIdTestResult::DifferentNumber,
        CallerIdTestResult::UnknownOrWithheld,
        CallerIdTestResult::NotReceived,
    ];

    /// The words shown for it (and stored in history, so exports read plainly).
    pub fn label(self) -> &'static str {
        match self {
            CallerIdTestResult::ShownCorrectly => "Shown correctly",
            CallerIdTestResult::DifferentNumber => "A different number was shown",
            CallerIdTestResult::UnknownOrWithheld => "Shown as unknown or withheld",
            CallerIdTestResult::NotReceived => "Not received",
        }
    }
}

/// A history row as the History pane shows it: the entry and its number formatted for reading.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HistoryRow {
    #[serde(flatten)]
    pub entry: HistoryEntry,
    /// `to` as the dial pad shows it, e.g. `+1 206-555-0175`.
    pub to_display: String,
}

/// How history is exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum HistoryFormat {
    Csv,
}

impl Callpad {
    /// Calls matching `query` (name or digits in any format), newest first.
    pub fn history(&self, query: &str, limit: usize) -> Result<Vec<HistoryEntry>> {
        let db = self.history_db()?;
        let db = db.lock().expect("history lock");
        history::list(&db, query, limit)
    }

    /// Like [`Self::history`], each number formatted for reading.
    pub fn history_rows(&self, query: &str, limit: usize) -> Result<Vec<HistoryRow>> {
        Ok(self
            .history(query, limit)?
            .into_iter()
            .map(|entry| HistoryRow {
                to_display: super::numbers::for_reading(&entry.to),
                entry,
            })
            .collect())
    }

    /// Records what the person holding the test phone saw.
    pub fn set_test_result(&self, history_id: i64, result: CallerIdTestResult) -> Result<()> {
        let db = self.history_db()?;
        let db = db.lock().expect("history lock");
        if history::get(&db, history_id)?.is_none() {
            return Err(Error::InvalidRequest {
                field: "history",
                reason: format!("there is no call {history_id} in history"),
            });
        }
        history::set_test_result(&db, history_id, result.label())
    }

    /// The whole history in `format`.
    pub fn export_history(&self, format: HistoryFormat) -> Result<Vec<u8>> {
        let db = self.history_db()?;
        let db = db.lock().expect("history lock");
        let mut out = Vec::new();
        match format {
            HistoryFormat::Csv => history::export_csv(&db, &mut out)?,
        }
        Ok(out)
    }
}

impl Callpad {
    /// Writes the whole history in `format` to `path` (the file the person chose), replacing it
    /// whole or not at all. Returns where it was written.
    pub fn export_history_to(
        &self,
        format: HistoryFormat,
        path: &std::path::Path,
    ) -> Result<std::path::PathBuf> {
        super::files::write_atomically(path, &self.export_history(format)?)
    }
}
