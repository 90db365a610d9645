//! Numbers as a person types them: the dial pad's preview (what will be dialled, and whether a
//! contact holding it asked not to be called), numbers formatted for reading, and the regions a
//! default region can be chosen from.

use serde::Serialize;
use ts_rs::TS;

use super::Callpad;
use crate::Result;
use crate::numbers::{Dialable, parse_dialable, supported_regions};

/// What the dial pad shows under the number while it is typed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NumberPreview {
    pub dialable: Dialable,
    /// A contact holding this number asked not to be called: Call will be refused.
    pub do_not_call: bool,
}

/// A region a profile's default region can be: its code and its country calling code (the UI
/// names it in the person's language).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegionChoice {
    /// ISO 3166 alpha-2, e.g. `GB`.
    pub code: String,
    /// e.g. 44.
    pub calling_code: u16,
}

impl Callpad {
    /// Reads `input` as the dial pad does (in `region`, else the active profile's) and says
    /// whether it belongs to a do-not-call contact — before Call is pressed.
    pub fn preview_number(&self, input: &str, region: Option<&str>) -> Result<NumberPreview> {
        let fallback = self.region();
        let region = region
            .filter(|r| !r.trim().is_empty())
            .map(str::to_owned)
            .or(fallback);
        let dialable = parse_dialable(input, region.as_deref())?;
        let do_not_call = self.contacts()?.is_opted_out(dialable.address())?;
        Ok(NumberPreview {
            dialable,
            do_not_call,
        })
    }
}

/// Every region libphonenumber can read national numbers for, by code.
pub fn region_choices() -> Vec<RegionChoice> {
    supported_regions()
        .into_iter()
        .filter_map(|code| {
            let region = rlibphonenumber::Region::from_code(&code).ok()?;
            let calling_code = rlibphonenumber::PHONE_NUMBER_UTIL
                .get_country_code_for_region(region)
                .filter(|c| *c > 0)?;
            Some(RegionChoice {
                code,
                calling_code: u16::try_from(calling_code).ok()?,
            })
        })
        .collect()
}

/// `address` formatted for reading (`+1 206-555-0175`), or as it is when it is not a phone number.
pub fn for_reading(address: &str) -> String {
    match parse_dialable(address, None) {
        Ok(Dialable::Phone(phone)) => phone.international,
        _ => address.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_have_calling_codes() {
        let regions = region_choices();
        let gb = regions.iter().find(|r| r.code == "GB").unwrap();
        assert_eq!(gb.calling_code, 44);
        assert!(
            regions
                .iter()
                .any(|r| r.code == "DE" && r.calling_code == 49)
        );
        assert!(regions.len() > 200, "{}", regions.len());
    }

    #[test]
    fn numbers_read_as_the_dial_pad_shows_them() {
        assert_eq!(for_reading("+12065550175"), "+1 206-555-0175");
        assert_eq!(for_reading("sip:ann@example.com"), "sip:ann@example.com");
    }
}
