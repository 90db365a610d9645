//! What `parse_dialable` refuses, and what it tells the person: each message says why and what
//! to do, each error has a stable code, and the crate's `Error` carries it as `invalid_number`.

use callpad_core::numbers::{NumberError, parse_dialable};

fn refused(input: &str, region: Option<&str>) -> NumberError {
    match parse_dialable(input, region) {
        Err(err) => err,
        Ok(ok) => panic!("{input:?} with {region:?} was accepted: {ok:?}"),
    }
}

/// Asserts each `(input, region)` is refused as `is_kind` says, with `code` and a message that
/// contains `advice` (what to do).
fn each_refused(
    cases: &[(&str, Option<&str>)],
    is_kind: fn(&NumberError) -> bool,
    code: &str,
    advice: &str,
) {
    for (input, region) in cases {
        let err = refused(input, *region);
        assert!(is_kind(&err), "{input:?} with {region:?}: {err:?}");
        assert_eq!(err.code(), code, "{input:?}");
        assert!(err.to_string().contains(advice), "{err}");
    }
}

#[test]
fn an_empty_field_is_refused() {
    each_refused(
        &[("", Some("US")), ("   ", Some("US")), ("\t\n", Some("US"))],
        |e| *e == NumberError::Empty,
        "empty",
        "type a phone number",
    );
}

#[test]
fn too_few_digits_are_too_short() {
    each_refused(
        &[
            ("1", Some("US")),
            ("12", Some("US")),
            ("123", Some("US")),
            ("011", Some("US")),
            ("0044", Some("GB")),
            ("+49 0", Some("DE")),
            ("8123", Some("BY")),
            ("+1 650 253 000", None),
        ],
        |e| matches!(e, NumberError::TooShort { .. }),
        "too_short",
        "check for missing digits",
    );
    assert_eq!(
        refused("+1 650 253 000", None).to_string(),
        "the number is too short for US; check for missing digits"
    );
    // A + number is not blamed on the default region.
    assert_eq!(
        refused("+44 2", Some("US")),
        NumberError::TooShort { region: None }
    );
}

#[test]
fn too_many_digits_are_too_long() {
    each_refused(
        &[
            ("+1 650 253 00000", None),
            ("12345678901234567890", Some("US")),
            ("01495 72553301873 810104", Some("GB")),
        ],
        |e| matches!(e, NumberError::TooLong { .. }),
        "too_long",
        "check for extra digits",
    );
    assert_eq!(
        refused("01495 72553301873 810104", Some("GB")).to_string(),
        "the number is too long for GB; check for extra digits"
    );
}

#[test]
fn a_possible_length_that_is_not_a_real_number_names_the_region() {
    let err = refused("+44 20 7946 095", None);
    assert_eq!(
        err,
        NumberError::InvalidForRegion {
            region: "GB".into(),
            country_code: 44
        }
    );
    assert_eq!(err.code(), "invalid_for_region");
    assert!(
        err.to_string().contains("not a valid GB (+44) number"),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("start with + and its country code"),
        "{err}"
    );

    // 555-01XX and N11-style area codes are not real US numbers; the region the person chose is
    // named when the country code is theirs (CA, not US, for +1).
    assert!(matches!(
        refused("(555) 010-0000", Some("US")),
        NumberError::InvalidForRegion { ref region, country_code: 1 } if region == "US"
    ));
    assert!(matches!(
        refused("+1 200 555 0123", Some("CA")),
        NumberError::InvalidForRegion { ref region, country_code: 1 } if region == "CA"
    ));
    assert!(matches!(
        refused("312 345 678", Some("IT")),
        NumberError::InvalidForRegion { ref region, country_code: 39 } if region == "IT"
    ));
}

#[test]
fn a_national_number_without_a_region_asks_for_a_country_code() {
    let inputs = [
        "020 7946 0958",
        "(650) 253-0000",
        "011 54 9 11 8765 4321",
        "00 44 20 7946 0958",
    ];
    let cases: Vec<(&str, Option<&str>)> = inputs
        .iter()
        .flat_map(|input| [None, Some(""), Some("  ")].map(|region| (*input, region)))
        .collect();
    for advice in ["add it with + in front", "set a default region"] {
        each_refused(
            &cases,
            |e| *e == NumberError::NeedsRegion,
            "needs_region",
            advice,
        );
    }
}

#[test]
fn letters_where_digits_belong_are_refused() {
    each_refused(
        &[
            ("12 MICROSOFT", Some("NZ")),
            ("1 Still not a number", Some("NZ")),
            // A letter O for a zero: libphonenumber drops it, leaving too few digits.
            ("+44 20 7946 O958", None),
            ("+44 20 7946 O958x", None),
            ("(650) 253-00O0", Some("US")),
        ],
        |e| *e == NumberError::LettersInNumber,
        "letters_in_number",
        "type the number in digits",
    );
}

#[test]
fn text_with_no_number_in_it_is_not_a_number() {
    each_refused(
        &[
            ("This is not a phone number", Some("NZ")),
            ("hello", Some("US")),
            ("+---", Some("DE")),
            ("+***", Some("DE")),
        ],
        |e| *e == NumberError::NotANumber,
        "not_a_number",
        "type its digits",
    );
}

#[test]
fn an_unknown_country_code_is_refused() {
    each_refused(
        &[
            ("+999 1234567", None),
            ("+210 3456 56789", Some("NZ")),
            ("+ 00 210 3 331 6005", Some("NZ")),
            ("011 999 1234 5678", Some("US")),
        ],
        |e| *e == NumberError::InvalidCountryCode,
        "invalid_country_code",
        "check the digits after +",
    );
}

#[test]
fn a_tel_uri_with_a_bad_phone_context_is_refused() {
    each_refused(
        &[
            ("tel:555-1234;phone-context=1-331", Some("NZ")),
            ("tel:033316005;phone-context=+", Some("NZ")),
            ("tel:033316005;phone-context=", Some("NZ")),
        ],
        |e| *e == NumberError::InvalidTelUri,
        "invalid_tel_uri",
        "use a global number",
    );
}

#[test]
fn an_unknown_default_region_is_refused_even_for_good_numbers() {
    for region in ["ZZ", "XX", "USA", "1"] {
        let err = refused("+1 650 253 0000", Some(region));
        assert_eq!(
            err,
            NumberError::UnknownRegion {
                region: region.into()
            }
        );
        assert_eq!(err.code(), "unknown_region");
        assert!(err.to_string().contains("such as US or GB"), "{err}");
    }
}

#[test]
fn malformed_sip_addresses_say_what_is_wrong() {
    for (input, reason) in [
        ("sip:alice example.com", "it contains a space"),
        ("sip:@example.com", "the user part before @ is empty"),
        ("sip:alice@", "the host after @ is empty"),
        ("sip:alice", "the user part and @ are missing"),
        (
            "sip:alice@exa_mple.com",
            "the host is not a valid host name",
        ),
        (
            "sips:alice@example.com:99999",
            "the port after : must be a number from 1 to 65535",
        ),
        ("alice@example.com", "it has no sip: in front"),
    ] {
        let err = refused(input, Some("US"));
        assert_eq!(
            err,
            NumberError::InvalidSipAddress {
                reason: reason.into()
            },
            "{input}"
        );
        assert_eq!(err.code(), "invalid_sip_address");
        assert!(
            err.to_string().ends_with("write it as sip:user@host"),
            "{err}"
        );
    }
}

#[test]
fn every_message_is_a_sentence_for_a_person() {
    let errors = [
        refused("", None),
        refused("1", Some("US")),
        refused("+1 650 253 00000", None),
        refused("+44 20 7946 095", None),
        refused("020 7946 0958", None),
        refused("12 MICROSOFT", Some("NZ")),
        refused("+999 1234567", None),
        refused("hello", Some("US")),
        refused("tel:555-1234;phone-context=1-331", None),
        refused("1", Some("ZZ")),
        refused("sip:alice", None),
    ];
    let mut codes: Vec<&str> = errors.iter().map(NumberError::code).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), errors.len(), "each kind has its own code");
    for err in errors {
        let msg = err.to_string();
        assert!(
            msg.starts_with(|c: char| c.is_lowercase() || c == '"'),
            "{msg}"
        );
        assert!(msg.contains(';'), "says what to do after why: {msg}");
        assert!(!msg.contains("Nsn") && !msg.contains("Idd"), "{msg}");
    }
}

#[test]
fn the_crate_error_carries_a_number_error_as_invalid_number() {
    let number_error = refused("+44 20 7946 095", None);
    let error = callpad_core::Error::from(number_error.clone());
    assert_eq!(error.code(), "invalid_number");
    assert_eq!(error.to_string(), number_error.to_string());
}
