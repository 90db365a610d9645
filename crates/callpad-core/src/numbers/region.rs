//! Default regions: which two-letter codes libphonenumber has metadata for, and reading one.
//! Which region a person prefers is a setting, kept elsewhere.

use rlibphonenumber::{PHONE_NUMBER_UTIL, Region};

use super::NumberError;

/// Reads a default region such as `US` or `gb` (case and surrounding spaces do not matter).
/// An empty string means no default region, as the UI sends when none is set.
pub(super) fn parse_region(code: &str) -> Result<Option<Region>, NumberError> {
    let code = code.trim();
    if code.is_empty() {
        return Ok(None);
    }
    match Region::from_code(code) {
        // A country calling code for the region means libphonenumber has its metadata.
        Ok(region)
            if region != Region::World
                && PHONE_NUMBER_UTIL
                    .get_country_code_for_region(region)
                    .is_some() =>
        {
            Ok(Some(region))
        }
        _ => Err(NumberError::UnknownRegion {
            region: code.to_owned(),
        }),
    }
}

/// True when `code` (e.g. `US`, `gb`) is a region libphonenumber can read national numbers for.
pub fn is_supported_region(code: &str) -> bool {
    matches!(parse_region(code), Ok(Some(_)))
}

/// Every region code libphonenumber has metadata for, upper case and sorted (`AC` … `ZW`).
pub fn supported_regions() -> Vec<String> {
    let mut regions: Vec<String> = PHONE_NUMBER_UTIL
        .get_supported_regions()
        .map(|region| region.to_string())
        .collect();
    regions.sort_unstable();
    regions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_codes_are_read_case_insensitively_and_trimmed() {
        assert_eq!(parse_region("GB"), Ok(Some(Region::GB)));
        assert_eq!(parse_region(" us "), Ok(Some(Region::US)));
        assert_eq!(parse_region(""), Ok(None));
        assert_eq!(parse_region("   "), Ok(None));
    }

    #[test]
    fn unknown_and_malformed_region_codes_are_refused() {
        for code in ["ZZ", "XX", "USA", "U", "001", "1U", "ÜS"] {
            assert_eq!(
                parse_region(code),
                Err(NumberError::UnknownRegion {
                    region: code.to_owned()
                }),
                "{code}"
            );
            assert!(!is_supported_region(code), "{code}");
        }
    }

    #[test]
    fn supported_regions_are_sorted_two_letter_codes() {
        let regions = supported_regions();
        assert!(regions.len() > 240, "{}", regions.len());
        assert!(regions.windows(2).all(|w| w[0] < w[1]));
        assert!(
            regions
                .iter()
                .all(|r| r.len() == 2 && r.bytes().all(|b| b.is_ascii_uppercase()))
        );
        for code in ["US", "GB", "SG", "NZ", "AR", "DE", "JP"] {
            assert!(regions.iter().any(|r| r == code), "{code}");
        }
    }
}
