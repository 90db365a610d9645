//! What a person types or pastes, turned into what will be dialled: an E.164 phone number (read by
//! libphonenumber) or a SIP address. It dials nothing and stores nothing; callers do that.
//!
//! The one door is [`parse_dialable`]; the app, the CLI (`callpad normalize`) and the tests all
//! go through it, so a number is read the same way everywhere.

mod e164_only;
mod emergency;
mod error;
mod extension;
mod finder;
mod phone;
mod region;
mod sip;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use e164_only::{AddressReader, DialAddress, dial_address};
pub use error::NumberError;
pub use extension::{EXTENSION_PAUSE, send_digits_for_extension};
pub use finder::{FoundNumber, MAX_FOUND, MAX_SEARCHED_CHARS, find_numbers};
pub use region::{is_supported_region, supported_regions};

/// Something Callpad can dial.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Dialable {
    /// A phone number libphonenumber holds valid.
    Phone(PhoneNumber),
    /// A SIP address (`sip:` or `sips:`).
    Sip(SipAddress),
}

/// A valid phone number, in the forms the UI shows and the one SignalWire dials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PhoneNumber {
    /// What is dialled, e.g. `+442079460958`. Never includes the extension.
    pub e164: String,
    /// Formatted for reading anywhere, e.g. `+44 20 7946 0958`.
    pub international: String,
    /// Formatted as dialled inside its country, e.g. `020 7946 0958`.
    pub national: String,
    /// ISO 3166 alpha-2 code of the number's region, e.g. `GB`; `001` for non-geographic
    /// numbers such as +800 freephone. (The UI can name it with `Intl.DisplayNames`.)
    pub region: String,
    /// Digits to dial once the call connects (`x123`, `ext. 123`, `;ext=123`, `#123`, `,,123`),
    /// ASCII digits only. See [`send_digits_for_extension`].
    pub extension: Option<String>,
    /// Exactly what was typed or pasted.
    pub typed: String,
}

/// A SIP address that passed a shape check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SipAddress {
    /// `sip:user@host[:port][;params]` (or `sips:`), scheme and host in lower case.
    pub uri: String,
}

impl PhoneNumber {
    /// For reading and for the dial pad: `+1 206-555-0174`, with ` ext. 12` when it has one.
    pub fn display(&self) -> String {
        match &self.extension {
            Some(ext) => format!("{} ext. {ext}", self.international),
            None => self.international.clone(),
        }
    }
}

impl Dialable {
    /// What SignalWire dials: the E.164 number or the SIP URI.
    pub fn address(&self) -> &str {
        match self {
            Dialable::Phone(phone) => &phone.e164,
            Dialable::Sip(sip) => &sip.uri,
        }
    }

    /// The extension to send after the call connects, if any.
    pub fn extension(&self) -> Option<&str> {
        match self {
            Dialable::Phone(phone) => phone.extension.as_deref(),
            Dialable::Sip(_) => None,
        }
    }
}

/// Reads what a person typed or pasted as something to dial.
///
/// - `sip:user@host` and `sips:…` are checked and kept as SIP addresses.
/// - Anything else is a phone number, parsed by libphonenumber: `+`, and the international
///   prefixes of `default_region` (`00`, `011`, …); spaces, dots, dashes, brackets and national
///   prefixes; vanity letters (`1-800-FLOWERS`); `tel:` URIs with `phone-context`; extensions.
///   It is kept only if libphonenumber's `is_valid_number` accepts it.
/// - `default_region` (e.g. `US`, `gb`) is how national numbers are read; `None` or an empty
///   string means there is none, so only international numbers can be read.
///
/// Every error says, for a person, what is wrong and what to do.
pub fn parse_dialable(input: &str, default_region: Option<&str>) -> Result<Dialable, NumberError> {
    let region = match default_region {
        Some(code) => region::parse_region(code)?,
        None => None,
    };
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(NumberError::Empty);
    }
    if emergency::is_emergency(trimmed, default_region) {
        return Err(NumberError::Emergency);
    }
    if sip::is_sip(trimmed) {
        return sip::parse_sip(trimmed).map(Dialable::Sip);
    }
    if trimmed.contains('@') {
        return Err(NumberError::InvalidSipAddress {
            reason: "it has no sip: in front".to_owned(),
        });
    }
    phone::parse_phone(input, region).map(Dialable::Phone)
}
