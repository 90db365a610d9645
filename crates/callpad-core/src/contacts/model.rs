//! The contact as the UI sends it (`ContactInput`) and as it is stored (`Contact`), and the checks
//! that turn the one into the other. Reading numbers is `numbers::parse_dialable`'s job, not this.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::labels;
use crate::numbers::{Dialable, NumberError, parse_dialable};
use crate::{Error, Result};

/// A contact's row id.
pub type ContactId = i64;

/// The longest name, company or tag kept (longer input is refused, not cut).
pub const MAX_TEXT_LEN: usize = 500;

/// A contact as the UI sends it to be added or replaced.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ContactInput {
    pub name: String,
    pub company: Option<String>,
    pub numbers: Vec<NumberInput>,
    pub notes: String,
    pub tags: Vec<String>,
    pub favourite: bool,
    /// "Do not call": every dialling path refuses this contact's numbers.
    pub opt_out: bool,
}

/// One number as typed, with its label (`mobile`, `work`, `home`, `main`, `other`, or free text).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct NumberInput {
    pub label: String,
    /// What the person typed: a phone number in any format (with an extension if any) or a
    /// `sip:` address.
    pub number: String,
}

/// A stored contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    #[ts(type = "number")]
    pub id: ContactId,
    pub name: String,
    pub company: Option<String>,
    pub numbers: Vec<ContactNumber>,
    pub notes: String,
    pub tags: Vec<String>,
    pub favourite: bool,
    pub opt_out: bool,
}

/// A stored number: what is dialled, what was typed, and how to show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContactNumber {
    /// `mobile`, `work`, `home`, `main`, `other`, or the person's own words.
    pub label: String,
    /// What SignalWire dials: E.164 (`+15551234567`) or a `sip:` URI.
    pub dial: String,
    /// Digits to send once the call connects, if the number had an extension.
    pub extension: Option<String>,
    /// Exactly what was typed or imported.
    pub typed: String,
    /// As dialled inside its country, e.g. `(555) 123-4567`; the URI for SIP.
    pub national: String,
    /// For reading anywhere, e.g. `+1 555-123-4567`; the URI for SIP.
    pub international: String,
}

impl ContactNumber {
    /// Reads `typed` through the number module, with `region` for numbers without a `+`.
    pub fn parse(label: &str, typed: &str, region: Option<&str>) -> Result<Self, NumberError> {
        let label = labels::normalize(label);
        Ok(match parse_dialable(typed, region)? {
            Dialable::Phone(phone) => ContactNumber {
                label,
                dial: phone.e164,
                extension: phone.extension,
                typed: phone.typed,
                national: phone.national,
                international: phone.international,
            },
            Dialable::Sip(sip) => ContactNumber {
                label,
                national: sip.uri.clone(),
                international: sip.uri.clone(),
                dial: sip.uri,
                extension: None,
                typed: typed.to_owned(),
            },
        })
    }

    /// Two numbers are the same line when they dial the same address and extension.
    pub fn same_line(&self, other: &ContactNumber) -> bool {
        self.dial == other.dial && self.extension == other.extension
    }

    /// The international form with the extension, e.g. `+1 555-123-4567 ext. 12`.
    pub fn display(&self) -> String {
        match &self.extension {
            Some(ext) => format!("{} ext. {ext}", self.international),
            None => self.international.clone(),
        }
    }
}

/// A contact that passed every check, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ValidContact {
    pub name: String,
    pub company: Option<String>,
    pub numbers: Vec<ContactNumber>,
    pub notes: String,
    pub tags: Vec<String>,
    pub favourite: bool,
    pub opt_out: bool,
}

impl ContactInput {
    /// Checks every field and reads every number; the error names the field and what is wrong.
    pub fn validate(&self, region: Option<&str>) -> Result<ValidContact> {
        let name = clean_text("name", &self.name)?;
        if name.is_empty() {
            return Err(invalid("name", "a contact needs a name"));
        }
        let company = match self.company.as_deref().map(|c| clean_text("company", c)) {
            Some(Ok(c)) if !c.is_empty() => Some(c),
            Some(Err(err)) => return Err(err),
            _ => None,
        };
        let mut numbers: Vec<ContactNumber> = Vec::with_capacity(self.numbers.len());
        for (i, input) in self.numbers.iter().enumerate() {
            let number =
                ContactNumber::parse(&input.label, &input.number, region).map_err(|err| {
                    invalid(
                        &format!("number {}", i + 1),
                        &format!("{}: {err}", super::excerpt::excerpt(&input.number)),
                    )
                })?;
            push_number(&mut numbers, number);
        }
        let mut tags = Vec::new();
        for tag in &self.tags {
            push_tag(&mut tags, &clean_text("tags", tag)?);
        }
        Ok(ValidContact {
            name,
            company,
            numbers,
            notes: self.notes.replace("\r\n", "\n").trim_end().to_owned(),
            tags,
            favourite: self.favourite,
            opt_out: self.opt_out,
        })
    }
}

impl From<&Contact> for ContactInput {
    fn from(contact: &Contact) -> Self {
        ContactInput {
            name: contact.name.clone(),
            company: contact.company.clone(),
            numbers: contact
                .numbers
                .iter()
                .map(|n| NumberInput {
                    label: n.label.clone(),
                    number: n.typed.clone(),
                })
                .collect(),
            notes: contact.notes.clone(),
            tags: contact.tags.clone(),
            favourite: contact.favourite,
            opt_out: contact.opt_out,
        }
    }
}

/// Adds `number` unless the list already has that line (the first label wins).
pub(crate) fn push_number(numbers: &mut Vec<ContactNumber>, number: ContactNumber) -> bool {
    if numbers.iter().any(|n| n.same_line(&number)) {
        return false;
    }
    numbers.push(number);
    true
}

/// Adds a tag unless it is empty or already there (ignoring case).
pub(crate) fn push_tag(tags: &mut Vec<String>, tag: &str) -> bool {
    let tag = tag.trim();
    if tag.is_empty() || tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
        return false;
    }
    tags.push(tag.to_owned());
    true
}

/// Trims, collapses inner runs of white space, and refuses control characters and overlong text.
fn clean_text(field: &str, text: &str) -> Result<String> {
    if text.chars().any(char::is_control) {
        return Err(invalid(
            field,
            "must be on one line, without control characters",
        ));
    }
    let cleaned = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if cleaned.chars().count() > MAX_TEXT_LEN {
        return Err(invalid(
            field,
            &format!("is longer than {MAX_TEXT_LEN} characters"),
        ));
    }
    Ok(cleaned)
}

fn invalid(field: &str, reason: &str) -> Error {
    Error::InvalidContact {
        field: field.to_owned(),
        reason: reason.to_owned(),
    }
}
