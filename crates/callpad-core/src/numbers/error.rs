//! Why something typed cannot be dialled, in words for the person who typed it.
//! Each message names what to do; `code()` gives the stable name the UI and scripts branch on.

/// Why an input is not something Callpad can dial.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    /// Nothing but spaces.
    #[error("the number is empty; type a phone number or a sip: address")]
    Empty,

    /// An emergency number (see `emergency.rs`): Callpad never dials one.
    #[error("Callpad cannot place emergency calls — use a phone")]
    Emergency,

    /// Fewer digits than any number of the region (or than any number at all).
    #[error(
        "the number is too short{}; check for missing digits",
        in_region(region)
    )]
    TooShort {
        /// Where it was read as a number of, e.g. `GB`, when that is known.
        region: Option<String>,
    },

    /// More digits than any number of the region (or than any number at all).
    #[error("the number is too long{}; check for extra digits", in_region(region))]
    TooLong {
        /// Where it was read as a number of, e.g. `GB`, when that is known.
        region: Option<String>,
    },

    /// The digits have a possible length but are not a number libphonenumber knows in the region.
    #[error(
        "this is not a valid {} number; check the digits, or for a number in another country start with + and its country code",
        describe_region(region, *country_code)
    )]
    InvalidForRegion {
        /// The region the number was read as, e.g. `GB`; `001` for non-geographic codes like +800.
        region: String,
        /// Its country calling code, e.g. 44.
        country_code: u16,
    },

    /// A national number and no default region to read it in.
    #[error(
        "this number has no country code; add it with + in front (e.g. +44 20 7946 0958) or set a default region"
    )]
    NeedsRegion,

    /// Letters that are neither a vanity number (1-800-FLOWERS) nor an extension label.
    #[error(
        "there are letters where digits belong; type the number in digits (a whole vanity number like 1-800-FLOWERS is fine)"
    )]
    LettersInNumber,

    /// The digits after + (or after the international prefix) are no country's calling code.
    #[error(
        "the country code is not valid; check the digits after + (or after the international prefix such as 00 or 011)"
    )]
    InvalidCountryCode,

    /// Punctuation and nothing a number could be made of.
    #[error(
        "this does not look like a phone number; type its digits, with + and the country code for a number abroad"
    )]
    NotANumber,

    /// A `tel:` URI whose `phone-context` is not a `+` prefix or a domain name.
    #[error(
        "the tel: address has an invalid phone-context; use a global number such as tel:+1-201-555-0123"
    )]
    InvalidTelUri,

    /// The default region is not a region libphonenumber knows.
    #[error(
        "\"{region}\" is not a region code Callpad knows; use a two-letter ISO 3166 code such as US or GB"
    )]
    UnknownRegion { region: String },

    /// Something that starts like a SIP address but is not one.
    #[error("this is not a usable SIP address: {reason}; write it as sip:user@host")]
    InvalidSipAddress { reason: String },

    /// A `tel:`, `callto:` or `sip:` link that is not one Callpad can read (see `links`).
    #[error("this link cannot be dialled: {reason}")]
    InvalidLink { reason: String },
}

impl NumberError {
    /// A stable, machine-readable name for the kind of error.
    pub fn code(&self) -> &'static str {
        match self {
            NumberError::Empty => "empty",
            NumberError::Emergency => "emergency",
            NumberError::TooShort { .. } => "too_short",
            NumberError::TooLong { .. } => "too_long",
            NumberError::InvalidForRegion { .. } => "invalid_for_region",
            NumberError::NeedsRegion => "needs_region",
            NumberError::LettersInNumber => "letters_in_number",
            NumberError::InvalidCountryCode => "invalid_country_code",
            NumberError::NotANumber => "not_a_number",
            NumberError::InvalidTelUri => "invalid_tel_uri",
            NumberError::UnknownRegion { .. } => "unknown_region",
            NumberError::InvalidSipAddress { .. } => "invalid_sip_address",
            NumberError::InvalidLink { .. } => "invalid_link",
        }
    }
}

fn in_region(region: &Option<String>) -> String {
    match region.as_deref() {
        Some(region) if region != NON_GEOGRAPHIC => format!(" for {region}"),
        _ => String::new(),
    }
}

fn describe_region(region: &str, country_code: u16) -> String {
    if region == NON_GEOGRAPHIC {
        format!("+{country_code}")
    } else {
        format!("{region} (+{country_code})")
    }
}

/// libphonenumber's region for country codes that belong to no country (+800, +808, +870, …).
pub(super) const NON_GEOGRAPHIC: &str = "001";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_for_region_names_the_region_and_its_code() {
        let err = NumberError::InvalidForRegion {
            region: "GB".into(),
            country_code: 44,
        };
        assert_eq!(
            err.to_string(),
            "this is not a valid GB (+44) number; check the digits, or for a number in another country start with + and its country code"
        );
        let err = NumberError::InvalidForRegion {
            region: NON_GEOGRAPHIC.into(),
            country_code: 800,
        };
        assert!(err.to_string().contains("not a valid +800 number"), "{err}");
    }

    #[test]
    fn too_short_names_the_region_only_when_known() {
        let known = NumberError::TooShort {
            region: Some("US".into()),
        };
        assert_eq!(
            known.to_string(),
            "the number is too short for US; check for missing digits"
        );
        let unknown = NumberError::TooLong { region: None };
        assert_eq!(
            unknown.to_string(),
            "the number is too long; check for extra digits"
        );
    }
}
