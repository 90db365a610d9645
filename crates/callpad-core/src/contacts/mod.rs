//! Contacts: the people Callpad calls, stored in the SQLite database, searched as you type,
//! imported from CSV/vCard and exported again. Reading numbers is `numbers`'; dialling is not here.
//!
//! - `model.rs`: `ContactInput` (from the UI) and `Contact` (stored), and their checks
//! - `store.rs`: add / update / delete / get / list, favourite, do-not-call
//! - `search/`: the in-memory index behind search as you type (contacts, and recently called
//!   numbers that are no contact's)
//! - `import.rs` (+ `import_csv.rs`, `import_vcard.rs`): preview, then commit in one transaction
//! - `export.rs`: Callpad CSV and vCard 4.0

mod export;
mod import;
mod import_csv;
mod import_vcard;
pub mod labels;
mod model;
mod search;
mod store;

pub use export::{spreadsheet_safe, to_csv, to_vcard};
pub use import::{
    ColumnMapping, ColumnTarget, EXCERPT_CHARS, ImportFormat, ImportPreview, ImportSummary,
    RejectedRow, commit, excerpt, preview,
};
pub use model::{
    Contact, ContactId, ContactInput, ContactNumber, MAX_TEXT_LEN, NumberInput, ValidContact,
};
pub use search::{
    HitNumber, HitSource, MatchedField, RECENT_CALL_LABEL, SearchDoc, SearchHit, SearchIndex, fold,
    is_digit_query,
};
pub use store::{ContactStore, RECENT_CALLS_LOADED, is_opted_out};
