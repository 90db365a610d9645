//! Search as you type: an in-memory index of everything a person may type to find someone (name,
//! company, tags, any part of a number), kept in step with the database by `ContactStore`.
//! It reads nothing from disk itself; anything with a name and numbers (a contact, a number from
//! call history) goes in as a [`SearchDoc`] tagged with its [`HitSource`].
//!
//! How it stays fast: every folded text field lives in one byte buffer (fields separated by NUL),
//! every number's digits in another, so a query is one `memchr::memmem` scan per buffer; the
//! offsets it finds map back to fields with a cursor that only moves forward.
//!
//! - `doc.rs`: what goes in (`SearchDoc`) and what comes out (`SearchHit`)
//! - `fold.rs`: folding text for comparison, and telling a digit query
//! - `fields.rs`: the byte buffers fields live in, and scanning them
//! - `index.rs`: `SearchIndex` itself: adding, replacing and removing docs
//! - `query.rs`: `SearchIndex::search`, and matching text (one word, a phrase, several words)
//! - `page.rs`: `SearchIndex::search_page`: any stretch of the results, and their total
//! - `digits.rs`: matching numbers by their digits
//! - `score.rs`: what a match scores, the best match per doc, and the order of results

mod digits;
mod doc;
mod fields;
mod fold;
mod index;
mod page;
mod query;
mod score;
#[cfg(test)]
mod tests;

pub use doc::{HitNumber, HitSource, MatchedField, RECENT_CALL_LABEL, SearchDoc, SearchHit};
pub use fold::{fold, is_digit_query};
pub use index::SearchIndex;
pub use page::SearchPage;
