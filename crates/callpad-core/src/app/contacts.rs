//! Contacts as a person handles them: search as you type, open, save, delete, import a file
//! (preview under an id, then commit that id in one transaction) and export.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Callpad;
use crate::contacts::{
    self, Contact, ContactInput, ImportPreview, ImportSummary, SearchHit, SearchPage,
};
use crate::{Error, Result};

/// Previews waiting to be committed. Only the newest few are kept; committing one removes it.
#[derive(Default)]
pub(crate) struct PendingImports {
    next_id: u32,
    waiting: BTreeMap<u32, ImportPreview>,
}

/// At most this many previews wait at once (a person previews a file, maybe another).
const MAX_WAITING: usize = 4;

impl PendingImports {
    fn keep(&mut self, preview: ImportPreview) -> u32 {
        self.next_id += 1;
        self.waiting.insert(self.next_id, preview);
        while self.waiting.len() > MAX_WAITING {
            self.waiting.pop_first();
        }
        self.next_id
    }
}

/// A file's import preview, the id to commit it by, and the words to show for what was found.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPlan {
    pub import_id: u32,
    #[serde(flatten)]
    pub preview: ImportPreview,
    pub words: ImportWords,
}

/// The preview's vocabulary in words — the same the CLI prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportWords {
    /// E.g. `Google Contacts CSV`.
    pub format: String,
    /// E.g. `comma (,)`.
    pub delimiter: String,
    /// Each column's target, in the order of `mapping`.
    pub targets: Vec<String>,
    /// The counts in one line: `3 rows: 2 ok, 1 rejected, 0 duplicates merged`.
    pub summary: String,
}

impl ImportWords {
    fn of(preview: &ImportPreview) -> Self {
        ImportWords {
            format: preview.format.to_string(),
            delimiter: contacts::delimiter_words(preview.delimiter.as_deref()),
            targets: preview
                .mapping
                .iter()
                .map(|m| m.target.to_string())
                .collect(),
            summary: preview.summary(),
        }
    }
}

/// How contacts are exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// Callpad's CSV (name, company, numbers, tags…), which Google and Outlook read.
    Csv,
    /// vCard 4.0.
    Vcard,
}

impl Callpad {
    /// The best matches for `query` (name, company, tag or digits in any format), contacts and
    /// recently called numbers.
    pub fn search_contacts(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        Ok(self.contacts()?.search(query, limit))
    }

    /// Results `offset..offset + limit` of the same search and their total, so the contact
    /// list can show and scroll every contact a page at a time.
    pub fn search_contacts_page(
        &self,
        query: &str,
        offset: usize,
        limit: usize,
    ) -> Result<SearchPage> {
        Ok(self.contacts()?.search_page(query, offset, limit))
    }

    pub fn contact(&self, id: i64) -> Result<Contact> {
        self.contacts()?.get(id)
    }

    /// Adds (no id) or changes a contact; numbers are read in the active profile's region.
    pub fn save_contact(&self, id: Option<i64>, input: &ContactInput) -> Result<Contact> {
        let region = self.region();
        let mut store = self.contacts()?;
        match id {
            Some(id) => store.update(id, input, region.as_deref()),
            None => store.add(input, region.as_deref()),
        }
    }

    pub fn delete_contact(&self, id: i64) -> Result<()> {
        self.contacts()?.delete(id)
    }

    /// Reads a file's raw bytes (Rust decides the encoding) and says what importing it would do;
    /// the plan waits under the returned id for [`Callpad::commit_import`].
    pub fn preview_import(&self, bytes: &[u8]) -> Result<ImportPlan> {
        let region = self.region();
        let preview = {
            let store = self.contacts()?;
            contacts::preview(&store, bytes, region.as_deref())?
        };
        let import_id = self
            .imports
            .lock()
            .expect("imports lock")
            .keep(preview.clone());
        let words = ImportWords::of(&preview);
        Ok(ImportPlan {
            import_id,
            preview,
            words,
        })
    }

    /// [`Callpad::preview_import`] for a file passed as base64 (how the window sends bytes).
    pub fn preview_import_base64(&self, content_base64: &str) -> Result<ImportPlan> {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(content_base64.trim().as_bytes())
            .map_err(|e| Error::BadPayload {
                what: "the file",
                detail: format!("{e}; choose it again"),
            })?;
        self.preview_import(&bytes)
    }

    /// Imports the previewed rows in one transaction, reporting progress to the host.
    pub fn commit_import(&self, import_id: u32) -> Result<ImportSummary> {
        let preview = self
            .imports
            .lock()
            .expect("imports lock")
            .waiting
            .remove(&import_id)
            .ok_or(Error::ImportNotFound)?;
        let mut store = self.contacts()?;
        let events = self.host.events.clone();
        contacts::commit(&mut store, &preview, |done, total| {
            events.import_progress(done, total)
        })
    }

    /// Every contact in `format`.
    pub fn export_contacts(&self, format: ExportFormat) -> Result<Vec<u8>> {
        let all = self.contacts()?.list()?;
        Ok(match format {
            ExportFormat::Csv => contacts::to_csv(&all),
            ExportFormat::Vcard => contacts::to_vcard(&all).into_bytes(),
        })
    }
}

impl Callpad {
    /// Writes every contact in `format` to `path` (the file the person chose), replacing it whole
    /// or not at all. Returns where it was written.
    pub fn export_contacts_to(
        &self,
        format: ExportFormat,
        path: &std::path::Path,
    ) -> Result<std::path::PathBuf> {
        super::files::write_atomically(path, &self.export_contacts(format)?)
    }
}
