//! The fixed practice data every space starts with: the numbers the practice project owns and the
//! caller IDs it has verified. The HTTP listings of them live in `numbers.rs`.

/// A phone number the practice project owns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OwnedNumber {
    /// The number's resource id (a fixed UUID).
    pub id: &'static str,
    /// E.164.
    pub number: &'static str,
    /// Friendly name.
    pub name: &'static str,
    /// Subset of `voice`, `sms`, `mms`, `fax`.
    pub capabilities: &'static [&'static str],
    /// `longcode` or `toll-free`.
    pub number_type: &'static str,
    /// ISO 3166 country code.
    pub country_code: &'static str,
}

/// A caller ID the practice project registered for verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerifiedCallerId {
    /// The entry's resource id (a fixed UUID).
    pub id: &'static str,
    /// E.164.
    pub number: &'static str,
    /// Friendly name.
    pub name: &'static str,
    /// `true` once verification finished; only then may it be used as caller ID.
    pub verified: bool,
    /// `Verified` or `Awaiting Verification`, as SignalWire spells them.
    pub status: &'static str,
    /// An extension dialled after the number, if any.
    pub extension: Option<&'static str>,
    /// When verification finished (RFC 3339), for verified ones.
    pub verified_at: Option<&'static str>,
}

/// The numbers the practice project owns, in listing order. `+12025550143` has no `voice`
/// capability (SMS only), so a client that filters for calling should leave it out.
pub const OWNED_NUMBERS: &[OwnedNumber] = &[
    OwnedNumber {
        id: "9d3b1c52-0a4e-4f7e-8c11-2f6a9e0b5a01",
        number: "+12065550100",
        name: "Seattle office",
        capabilities: &["voice", "sms", "mms", "fax"],
        number_type: "longcode",
        country_code: "US",
    },
    OwnedNumber {
        id: "9d3b1c52-0a4e-4f7e-8c11-2f6a9e0b5a02",
        number: "+13125550142",
        name: "Chicago desk",
        capabilities: &["voice", "sms"],
        number_type: "longcode",
        country_code: "US",
    },
    OwnedNumber {
        id: "9d3b1c52-0a4e-4f7e-8c11-2f6a9e0b5a03",
        number: "+18885550175",
        name: "Support line (toll-free)",
        capabilities: &["voice"],
        number_type: "toll-free",
        country_code: "US",
    },
    OwnedNumber {
        id: "9d3b1c52-0a4e-4f7e-8c11-2f6a9e0b5a04",
        number: "+447700900123",
        name: "UK mobile",
        capabilities: &["voice", "sms"],
        number_type: "longcode",
        country_code: "GB",
    },
    OwnedNumber {
        id: "9d3b1c52-0a4e-4f7e-8c11-2f6a9e0b5a05",
        number: "+442079460958",
        name: "London office",
        capabilities: &["voice"],
        number_type: "longcode",
        country_code: "GB",
    },
    OwnedNumber {
        id: "9d3b1c52-0a4e-4f7e-8c11-2f6a9e0b5a06",
        number: "+12025550143",
        name: "Text-only line (no voice)",
        capabilities: &["sms", "mms"],
        number_type: "longcode",
        country_code: "US",
    },
];

/// The caller IDs the practice project registered, in listing order. `+13035550177` is still
/// `Awaiting Verification`, so the space refuses it as caller ID.
pub const VERIFIED_CALLER_IDS: &[VerifiedCallerId] = &[
    VerifiedCallerId {
        id: "4c0e7a90-5b7d-4d55-9f3e-6a1b2c3d4e01",
        number: "+14155550111",
        name: "Alex (mobile)",
        verified: true,
        status: "Verified",
        extension: None,
        verified_at: Some("2024-01-16T09:30:00Z"),
    },
    VerifiedCallerId {
        id: "4c0e7a90-5b7d-4d55-9f3e-6a1b2c3d4e02",
        number: "+447911123456",
        name: "Sam (UK mobile)",
        verified: true,
        status: "Verified",
        extension: None,
        verified_at: Some("2024-01-16T09:30:00Z"),
    },
    VerifiedCallerId {
        id: "4c0e7a90-5b7d-4d55-9f3e-6a1b2c3d4e03",
        number: "+16175550199",
        name: "Boston home",
        verified: true,
        status: "Verified",
        extension: None,
        verified_at: Some("2024-01-16T09:30:00Z"),
    },
    VerifiedCallerId {
        id: "4c0e7a90-5b7d-4d55-9f3e-6a1b2c3d4e04",
        number: "+13035550177",
        name: "Denver (verification pending)",
        verified: false,
        status: "Awaiting Verification",
        extension: None,
        verified_at: None,
    },
];

/// Whether `number` may be used as caller ID: owned (any capability), or verified and not pending.
pub fn usable_as_caller_id(number: &str) -> bool {
    OWNED_NUMBERS.iter().any(|n| n.number == number)
        || VERIFIED_CALLER_IDS
            .iter()
            .any(|v| v.number == number && v.verified)
}

/// The owned number with this E.164 value, if any.
pub fn owned_number(number: &str) -> Option<&'static OwnedNumber> {
    OWNED_NUMBERS.iter().find(|n| n.number == number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_caller_ids_are_not_usable() {
        for yes in ["+12065550100", "+14155550111"] {
            assert!(usable_as_caller_id(yes), "{yes}");
        }
        for no in ["+13035550177", "+19995550100"] {
            assert!(!usable_as_caller_id(no), "{no}");
        }
    }

    #[test]
    fn at_least_one_owned_number_cannot_call() {
        assert!(
            OWNED_NUMBERS
                .iter()
                .any(|n| !n.capabilities.contains(&"voice"))
        );
    }
}
