//! What the search index takes in and gives back: a [`SearchDoc`] per searchable thing (a
//! contact, or a number from call history) and a [`SearchHit`] per result.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::contacts::model::{Contact, ContactId};
use crate::numbers::{Dialable, parse_dialable};

/// Where a hit comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum HitSource {
    Contact {
        #[ts(type = "number")]
        id: ContactId,
    },
    /// A number from call history that is no contact's number: there is nothing to open, only
    /// something to call again.
    Call {
        /// What was dialled: E.164 or a `sip:` URI.
        number: String,
    },
}

/// The label a call-history number shows.
pub const RECENT_CALL_LABEL: &str = "recent call";

/// What the index holds about one searchable thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc {
    pub source: HitSource,
    pub name: String,
    pub company: Option<String>,
    pub tags: Vec<String>,
    pub numbers: Vec<HitNumber>,
    pub favourite: bool,
    pub opt_out: bool,
    /// When the number was last called (Unix ms), for call-history docs: among equally good
    /// matches they come most recent first. `None` for contacts, which come by name.
    pub last_called_ms: Option<i64>,
}

/// A number as a hit shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HitNumber {
    pub label: String,
    /// E.164 or `sip:` URI: what would be dialled.
    pub dial: String,
    /// International format, with the extension if any.
    pub display: String,
    /// National format (digits searched as well as the E.164 digits).
    pub national: String,
}

/// Which part of the hit matched the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum MatchedField {
    /// Nothing: the empty query lists favourites first, then everyone by name.
    None,
    Name,
    Company,
    Tag,
    Number,
}

/// One search result, best first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub source: HitSource,
    pub name: String,
    pub company: Option<String>,
    /// The number that matched a digit query, else the first number (none for a contact
    /// without numbers).
    pub number: Option<HitNumber>,
    pub favourite: bool,
    pub opt_out: bool,
    pub matched: MatchedField,
    /// Higher is better; only the order matters.
    pub score: u32,
}

impl SearchDoc {
    /// The document for a stored contact.
    pub fn from_contact(contact: &Contact) -> Self {
        SearchDoc {
            source: HitSource::Contact { id: contact.id },
            name: contact.name.clone(),
            company: contact.company.clone(),
            tags: contact.tags.clone(),
            numbers: contact
                .numbers
                .iter()
                .map(|n| HitNumber {
                    label: n.label.clone(),
                    dial: n.dial.clone(),
                    display: n.display(),
                    national: n.national.clone(),
                })
                .collect(),
            favourite: contact.favourite,
            opt_out: contact.opt_out,
            last_called_ms: None,
        }
    }

    /// The document for a number called at `at_ms` (E.164 or `sip:` URI, as history stores
    /// it), named after the contact recorded with the call if any, else the number itself.
    pub fn from_call(number: &str, contact_name: Option<&str>, at_ms: i64) -> Self {
        let (display, national) = match parse_dialable(number, None) {
            Ok(Dialable::Phone(phone)) => (phone.international, phone.national),
            Ok(Dialable::Sip(sip)) => (sip.uri.clone(), sip.uri),
            // Written by an older Callpad, or by hand: shown as stored.
            Err(_) => (number.to_owned(), number.to_owned()),
        };
        let name = contact_name
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map_or_else(|| display.clone(), str::to_owned);
        SearchDoc {
            source: HitSource::Call {
                number: number.to_owned(),
            },
            name,
            company: None,
            tags: Vec::new(),
            numbers: vec![HitNumber {
                label: RECENT_CALL_LABEL.to_owned(),
                dial: number.to_owned(),
                display,
                national,
            }],
            favourite: false,
            opt_out: false,
            last_called_ms: Some(at_ms),
        }
    }

    /// True when the name is just one of the doc's own phone numbers written out (a call to
    /// a number nobody named): its digits already find it, scored as a number, so the name is
    /// not searched as text too (that would make `555` a "word" of the name and rank the number
    /// above contacts whose number merely contains `555`).
    pub(super) fn name_is_own_number(&self) -> bool {
        self.numbers
            .iter()
            .any(|n| n.dial.starts_with('+') && n.display == self.name)
    }
}
