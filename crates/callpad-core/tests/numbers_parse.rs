//! What `parse_dialable` makes of what people type and paste. Most inputs are libphonenumber's own
//! test cases (PhoneNumberUtilTest), checked against its real metadata.

use callpad_core::numbers::{Dialable, PhoneNumber, parse_dialable, send_digits_for_extension};

fn phone(input: &str, region: Option<&str>) -> PhoneNumber {
    match parse_dialable(input, region) {
        Ok(Dialable::Phone(phone)) => phone,
        other => panic!("{input:?} with {region:?}: {other:?}"),
    }
}

/// Asserts every `(input, region)` reads as `e164` with no extension.
fn all_read_as(e164: &str, cases: &[(&str, Option<&str>)]) {
    for (input, region) in cases {
        let read = phone(input, *region);
        assert_eq!(read.e164, e164, "{input:?} with {region:?}");
        assert_eq!(read.extension, None, "{input:?} with {region:?}");
        assert_eq!(read.typed, *input);
    }
}

#[test]
fn a_number_in_international_format_ignores_the_default_region() {
    let read = phone("+33142764978", Some("US"));
    assert_eq!(read.e164, "+33142764978");
    assert_eq!(read.region, "FR");
    assert_eq!(read.international, "+33 1 42 76 49 78");
    assert_eq!(read.national, "01 42 76 49 78");
    all_read_as(
        "+6433316005",
        &[
            ("+64 3 331 6005", None),
            ("+64 3 331 6005", Some("US")),
            ("\u{FF0B}64 3 331 6005", None),
            ("  +64 3 331 6005", None),
            ("+ 00 64 3 331 6005", Some("NZ")),
            ("+0064 3 331 6005", Some("NZ")),
            ("+01164 3 331 6005", Some("US")),
        ],
    );
}

#[test]
fn a_national_number_is_read_in_the_default_region() {
    let read = phone("6521 8000", Some("SG"));
    assert_eq!(read.e164, "+6565218000");
    assert_eq!(read.region, "SG");
    all_read_as(
        "+6433316005",
        &[
            ("033316005", Some("NZ")),
            ("33316005", Some("NZ")),
            ("03-331 6005", Some("NZ")),
            ("03 331 6005", Some("NZ")),
        ],
    );
    let read = phone("020 7946 0958", Some("GB"));
    assert_eq!(
        (read.e164.as_str(), read.international.as_str()),
        ("+442079460958", "+44 20 7946 0958")
    );
    assert_eq!(read.national, "020 7946 0958");
    assert_eq!(phone("02-36618 300", Some("IT")).e164, "+390236618300");
    assert_eq!(phone("8 017 123 45 67", Some("BY")).e164, "+375171234567");
}

#[test]
fn region_codes_are_case_insensitive_and_an_empty_one_means_none() {
    assert_eq!(phone("030 901820", Some("de")).e164, "+4930901820");
    assert_eq!(phone("030 901820", Some(" DE ")).e164, "+4930901820");
    assert_eq!(phone("+4930901820", Some("")).e164, "+4930901820");
}

#[test]
fn the_regions_international_prefixes_are_understood() {
    let read = phone("011 54 9 11 8765 4321", Some("US"));
    assert_eq!(read.e164, "+5491187654321");
    assert_eq!(read.region, "AR");
    all_read_as(
        "+16503336000",
        &[
            ("+1 (650) 333-6000", Some("US")),
            ("0011-650-333-6000", Some("SG")),
            ("0081-650-333-6000", Some("SG")),
            ("0191-650-333-6000", Some("SG")),
            ("0~01-650-333-6000", Some("PL")),
            ("++1 (650) 333-6000", Some("PL")),
            ("\u{FF0B}1 (650) 333-6000", Some("SG")),
        ],
    );
    all_read_as(
        "+442079460958",
        &[
            ("00 44 20 7946 0958", Some("DE")),
            ("0044 20 7946 0958", Some("GB")),
            ("011 44 20 7946 0958", Some("US")),
        ],
    );
    assert_eq!(phone("01164 3 331 6005", Some("US")).e164, "+6433316005");
    let freephone = phone("011 800 1234 5678", Some("US"));
    assert_eq!(freephone.e164, "+80012345678");
    assert_eq!(freephone.region, "001");
}

#[test]
fn separators_brackets_and_national_prefixes_are_handled() {
    all_read_as(
        "+16502530000",
        &[
            ("650 253 0000", Some("US")),
            ("1 650 253 0000", Some("US")),
            ("(650) 253-0000", Some("US")),
            ("650.253.0000", Some("US")),
            ("+1.650.253.0000", None),
            ("+1 [650] 253/0000", None),
            ("  +1 650 253 0000  ", None),
            ("1 (650) 253\u{00AD}-0000", Some("US")),
        ],
    );
    all_read_as(
        "+442079460958",
        &[
            ("+44 (0) 20 7946 0958", None),
            ("020-7946-0958", Some("GB")),
        ],
    );
    all_read_as(
        "+33612345678",
        &[
            ("06 12 34 56 78", Some("FR")),
            ("06.12.34.56.78", Some("FR")),
            ("+33 6 12 34 56 78", Some("GB")),
        ],
    );
    assert_eq!(phone("8 (912) 345-67-89", Some("RU")).e164, "+79123456789");
    assert_eq!(phone("090-1234-5678", Some("JP")).e164, "+819012345678");
    assert_eq!(phone("(11) 91234-5678", Some("BR")).e164, "+5511912345678");
}

#[test]
fn full_width_digits_and_spaces_are_read() {
    let read = phone(
        "\u{FF0B}\u{FF11}\u{3000}\u{FF08}\u{FF16}\u{FF15}\u{FF10}\u{FF09}\u{3000}\u{FF13}\u{FF13}\u{FF13}\u{FF0D}\u{FF16}\u{FF10}\u{FF10}\u{FF10}",
        Some("SG"),
    );
    assert_eq!(read.e164, "+16503336000");
}

#[test]
fn argentine_and_mexican_national_forms_follow_libphonenumber() {
    all_read_as(
        "+5493435551212",
        &[
            ("+54 9 343 555 1212", Some("AR")),
            ("0343 15 555 1212", Some("AR")),
        ],
    );
    all_read_as(
        "+5493715654320",
        &[
            ("+54 9 3715 65 4320", Some("AR")),
            ("03715 15 65 4320", Some("AR")),
        ],
    );
    all_read_as(
        "+541137970000",
        &[
            ("+54 11 3797 0000", Some("AR")),
            ("011 3797 0000", Some("AR")),
        ],
    );
    all_read_as(
        "+524499780001",
        &[
            ("+52 (449)978-0001", Some("MX")),
            ("(449)978-0001", Some("MX")),
        ],
    );
}

#[test]
fn shared_country_codes_resolve_to_the_right_region() {
    let ca = phone("613 555 0123", Some("CA"));
    assert_eq!(
        (ca.e164.as_str(), ca.region.as_str()),
        ("+16135550123", "CA")
    );
    let us = phone("+1 202 555 0173", Some("CA"));
    assert_eq!(us.region, "US");
    let ru = phone("8 (912) 345-67-89", Some("KZ"));
    assert_eq!(ru.region, "RU");
}

#[test]
fn vanity_letters_become_digits() {
    all_read_as(
        "+18003569377",
        &[
            ("1-800-FLOWERS", Some("US")),
            ("1 800 FLOWERS", Some("US")),
            ("+1 800 flowers", None),
        ],
    );
    assert_eq!(phone("1-800-GOT-JUNK", Some("US")).e164, "+18004685865");
    assert_eq!(phone("0800 DDA 005", Some("NZ")).e164, "+64800332005");
    assert_eq!(phone("0800 FLOWERS", Some("GB")).e164, "+448003569377");
}

#[test]
fn tel_uris_are_read() {
    all_read_as(
        "+16502530000",
        &[
            ("tel:+1-650-253-0000", None),
            ("TEL:+1-650-253-0000", Some("GB")),
            ("tel:253-0000;phone-context=+1-650", None),
        ],
    );
    all_read_as(
        "+6433316005",
        &[
            ("tel:03-331-6005;phone-context=+64", None),
            ("tel:03-331-6005;phone-context=+64", Some("NZ")),
            ("tel:331-6005;phone-context=+64-3", Some("NZ")),
            ("tel:331-6005;phone-context=+64-3", Some("US")),
            ("tel:+64-3-331-6005;isub=12345", Some("US")),
            ("tel:03-331-6005;isub=12345;phone-context=+64", None),
            ("tel:03-331-6005;phone-context=+64;a=%A1", Some("NZ")),
            ("03-331-6005;phone-context=+64", Some("NZ")),
            ("tel:033316005;phone-context=abc.nz", Some("NZ")),
        ],
    );
}

#[test]
fn extensions_are_kept_apart_from_the_number() {
    let cases: &[(&str, Option<&str>, &str, &str)] = &[
        ("03 331 6005 ext 3456", Some("NZ"), "+6433316005", "3456"),
        ("03 331 6005x3456", Some("NZ"), "+6433316005", "3456"),
        ("03-331 6005 int.3456", Some("NZ"), "+6433316005", "3456"),
        ("03 331 6005 #3456", Some("NZ"), "+6433316005", "3456"),
        ("+44 2034567890x456", Some("NZ"), "+442034567890", "456"),
        ("+44 2034567890 x456", Some("GB"), "+442034567890", "456"),
        ("+44 2034567890 X 456", Some("GB"), "+442034567890", "456"),
        ("+44-2034567890;ext=456", Some("GB"), "+442034567890", "456"),
        ("+442034567890ext456", Some("GB"), "+442034567890", "456"),
        ("+442034567890extn456", Some("GB"), "+442034567890", "456"),
        (
            "+442034567890extensi\u{F3}n456",
            Some("GB"),
            "+442034567890",
            "456",
        ),
        ("+442034567890 ext.456", Some("GB"), "+442034567890", "456"),
        (
            "+442034567890 anexo 456",
            Some("GB"),
            "+442034567890",
            "456",
        ),
        (
            "+44 2034567890 \u{434}\u{43E}\u{431} 456",
            Some("GB"),
            "+442034567890",
            "456",
        ),
        (
            "(800) 901-3355 x 7246433",
            Some("US"),
            "+18009013355",
            "7246433",
        ),
        (
            "(800) 901-3355 , ext 7246433",
            Some("US"),
            "+18009013355",
            "7246433",
        ),
        (
            "(800) 901-3355 ,extension 7246433",
            Some("US"),
            "+18009013355",
            "7246433",
        ),
        (
            "(800) 901-3355 ext: 7246433",
            Some("US"),
            "+18009013355",
            "7246433",
        ),
        (
            "(800) 901-3355 ,,7246433",
            Some("US"),
            "+18009013355",
            "7246433",
        ),
        (
            "(800) 901-3355 ;7246433",
            Some("US"),
            "+18009013355",
            "7246433",
        ),
        (
            "tel:+1-800-901-3355;ext=7246433",
            None,
            "+18009013355",
            "7246433",
        ),
        ("(650) 253-0000 ext. 123", Some("US"), "+16502530000", "123"),
        ("+1 (650) 253-0000 - 503#", None, "+16502530000", "503"),
        // Arabic-Indic digits in the extension come out as ASCII.
        (
            "1 (650) 253-0000 x\u{661}\u{662}\u{663}",
            Some("US"),
            "+16502530000",
            "123",
        ),
    ];
    for (input, region, e164, ext) in cases {
        let read = phone(input, *region);
        assert_eq!(read.e164, *e164, "{input}");
        assert_eq!(read.extension.as_deref(), Some(*ext), "{input}");
        assert!(
            !read.international.contains("ext") && !read.national.contains("ext"),
            "{input}: {read:?}"
        );
        assert_eq!(read.typed, *input);
        let dialable = parse_dialable(input, *region).unwrap();
        assert_eq!(dialable.address(), *e164);
        assert_eq!(dialable.extension(), Some(*ext));
        assert_eq!(send_digits_for_extension(ext), format!("ww{ext}"));
    }
}

#[test]
fn sip_addresses_are_kept_as_sip_uris() {
    for (input, uri) in [
        ("sip:alice@example.com", "sip:alice@example.com"),
        ("  SIP:alice@Example.com  ", "sip:alice@example.com"),
        (
            "sips:bob@sip.example.org:5061",
            "sips:bob@sip.example.org:5061",
        ),
        (
            "sip:+15551234567@pbx.example.com",
            "sip:+15551234567@pbx.example.com",
        ),
        (
            "sip:1001@192.0.2.10;transport=tcp",
            "sip:1001@192.0.2.10;transport=tcp",
        ),
        ("sip:alice@[2001:db8::1]", "sip:alice@[2001:db8::1]"),
    ] {
        // The default region plays no part in a SIP address.
        for region in [None, Some("US")] {
            let dialable = parse_dialable(input, region).unwrap();
            match &dialable {
                Dialable::Sip(sip) => assert_eq!(sip.uri, uri, "{input}"),
                other => panic!("{input}: {other:?}"),
            }
            assert_eq!(dialable.address(), uri);
            assert_eq!(dialable.extension(), None);
        }
    }
}

#[test]
fn the_same_number_typed_any_way_dials_the_same() {
    let typings = [
        ("+1 650-253-0000", None),
        ("16502530000", Some("US")),
        ("(650) 253-0000", Some("US")),
        ("tel:+16502530000", None),
        ("011 1 650 253 0000", Some("US")),
        ("00 1 650 253 0000", Some("GB")),
    ];
    for (input, region) in typings {
        assert_eq!(
            parse_dialable(input, region).unwrap().address(),
            "+16502530000",
            "{input}"
        );
    }
}
