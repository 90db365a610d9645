//! Contacts: the people Callpad calls, stored in the SQLite database, searched as you type,
//! imported from CSV/vCard and exported again. Reading numbers is `numbers`'; dialling is not here.
//!
//! - `model.rs`: `ContactInput` (from the UI) and `Contact` (stored), and their checks
//! - `store.rs`: add / update / delete / get / list, favourite, do-not-call
//! - `search/`: the in-memory index behind search as you type (contacts, and recently called
//!   numbers that are no contact's)
//! - `import.rs`: preview, then commit in one transaction; `decode.rs` reads the file's bytes as
//!   text, `import_csv.rs` / `import_vcard.rs` read each format, `import_types.rs` holds what they
//!   produce and what a preview reports, `import_merge.rs` folds duplicates
//! - `excerpt.rs`: quoting file text safely in messages
//! - `export.rs`: Callpad CSV and vCard 4.0

mod decode;
mod excerpt;
mod export;
mod import;
mod import_csv;
mod import_merge;
mod import_types;
mod import_vcard;
pub mod labels;
mod model;
mod search;
mod store;

pub use excerpt::{EXCERPT_CHARS, excerpt};
pub use export::{spreadsheet_safe, to_csv, to_vcard};
pub use import::{commit, preview};
pub use import_types::{
    ColumnMapping, ColumnTarget, ImportFormat, ImportPreview, ImportSummary, RejectedRow,
    delimiter_words,
};
pub use model::{
    Contact, ContactId, ContactInput, ContactNumber, MAX_TEXT_LEN, NumberInput, ValidContact,
};
pub use search::{
    HitNumber, HitSource, MatchedField, RECENT_CALL_LABEL, SearchDoc, SearchHit, SearchIndex,
    SearchPage, fold, is_digit_query,
};
pub use store::{ContactStore, RECENT_CALLS_LOADED, is_opted_out};
