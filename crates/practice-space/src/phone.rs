//! Address syntax the contract accepts: E.164 phone numbers (`+` then 8–15 digits) and SIP
//! addresses (`sip:user@host`), plus the practice country table used by lookups and numbers.

/// A `from`/`to`/`caller_id` value the contract accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AddressKind {
    /// `+` then 8–15 digits.
    Phone,
    /// `sip:user@host`.
    Sip,
}

/// Which kind of address `value` is, or `None` when it is neither.
pub(crate) fn address_kind(value: &str) -> Option<AddressKind> {
    if is_e164(value) {
        Some(AddressKind::Phone)
    } else if is_sip(value) {
        Some(AddressKind::Sip)
    } else {
        None
    }
}

/// `+` followed by 8 to 15 ASCII digits and nothing else.
pub(crate) fn is_e164(value: &str) -> bool {
    value.strip_prefix('+').is_some_and(|digits| {
        (8..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
    })
}

/// `sip:` (or `sips:`) then a non-empty user, `@`, and a non-empty host, with no spaces.
pub(crate) fn is_sip(value: &str) -> bool {
    let Some(rest) = value
        .strip_prefix("sip:")
        .or_else(|| value.strip_prefix("sips:"))
    else {
        return false;
    };
    if rest.chars().any(char::is_whitespace) {
        return false;
    }
    match rest.split_once('@') {
        Some((user, host)) => !user.is_empty() && !host.is_empty() && !host.contains('@'),
        None => false,
    }
}

/// A country the practice lookup knows by its calling code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Country {
    pub(crate) calling_code: &'static str,
    pub(crate) iso: &'static str,
    pub(crate) name: &'static str,
}

/// The countries the practice lookup recognises (a small, fixed table; not real numbering data).
const COUNTRIES: &[Country] = &[
    Country {
        calling_code: "1",
        iso: "US",
        name: "United States",
    },
    Country {
        calling_code: "44",
        iso: "GB",
        name: "United Kingdom",
    },
    Country {
        calling_code: "353",
        iso: "IE",
        name: "Ireland",
    },
    Country {
        calling_code: "33",
        iso: "FR",
        name: "France",
    },
    Country {
        calling_code: "49",
        iso: "DE",
        name: "Germany",
    },
    Country {
        calling_code: "31",
        iso: "NL",
        name: "Netherlands",
    },
    Country {
        calling_code: "34",
        iso: "ES",
        name: "Spain",
    },
    Country {
        calling_code: "39",
        iso: "IT",
        name: "Italy",
    },
    Country {
        calling_code: "61",
        iso: "AU",
        name: "Australia",
    },
    Country {
        calling_code: "81",
        iso: "JP",
        name: "Japan",
    },
    Country {
        calling_code: "91",
        iso: "IN",
        name: "India",
    },
    Country {
        calling_code: "52",
        iso: "MX",
        name: "Mexico",
    },
    Country {
        calling_code: "55",
        iso: "BR",
        name: "Brazil",
    },
];

/// Splits the digits of an E.164 number (without `+`) into its country and national number.
pub(crate) fn split_country(digits: &str) -> Option<(Country, &str)> {
    COUNTRIES.iter().find_map(|country| {
        digits
            .strip_prefix(country.calling_code)
            .map(|national| (*country, national))
    })
}

/// US toll-free area codes.
pub(crate) const US_TOLL_FREE: &[&str] = &["800", "833", "844", "855", "866", "877", "888"];

#[cfg(test)]
mod tests {
    use super::*;

    /// Asserts `check` passes every one of `yes` and none of `no`.
    fn sorts(check: fn(&str) -> bool, yes: &[&str], no: &[&str]) {
        for input in yes {
            assert!(check(input), "{input} should pass");
        }
        for input in no {
            assert!(!check(input), "{input} should not pass");
        }
    }

    #[test]
    fn e164_needs_plus_and_8_to_15_digits() {
        sorts(
            is_e164,
            &["+12065550100", "+12345678", "+123456789012345"],
            &[
                "+1234567",
                "+1234567890123456",
                "12065550100",
                "+1 206 555 0100",
                "+1206555010a",
            ],
        );
    }

    #[test]
    fn sip_needs_user_and_host() {
        sorts(
            is_sip,
            &[
                "sip:alice@example.com",
                "sip:1000@10.0.0.1:5060",
                "sips:alice@example.com",
            ],
            &[
                "sip:@example.com",
                "sip:alice@",
                "sip:alice",
                "sipx:alice@example.com",
                "sip:al ice@example.com",
            ],
        );
    }

    #[test]
    fn country_split_prefers_the_listed_code() {
        let (country, national) = split_country("447700900123").unwrap();
        assert_eq!(country.iso, "GB");
        assert_eq!(national, "7700900123");
        assert_eq!(split_country("12065550100").unwrap().0.iso, "US");
        assert!(split_country("999123456").is_none());
    }
}
