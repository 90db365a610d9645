//! Phone links as the desktop hands them over: every form issue 13 lists (`tel:` global, with a
//! `phone-context`, with `;ext=`, `callto://`, `callto:`, `sip:`, percent-encoded), each read to
//! the normalised number, its country and extension, and a pre-fill the dial pad reads back the
//! same; hostile links refused with a sentence saying why, never a panic.

use callpad_core::links::{LinkScheme, MAX_LINK_LEN, is_link, link_in_args, parse_link};
use callpad_core::numbers::{Dialable, NumberError, parse_dialable};

/// The link read in `region`, as (scheme, E.164 or SIP URI, region, extension, prefill).
fn read(link: &str, region: Option<&str>) -> (LinkScheme, String, String, Option<String>, String) {
    let parsed = parse_link(link, region).unwrap_or_else(|e| panic!("{link}: {e}"));
    // Whatever the dial pad is given reads back as the same thing to dial.
    let again = parse_dialable(&parsed.prefill, None)
        .unwrap_or_else(|e| panic!("prefill {:?} of {link}: {e}", parsed.prefill));
    assert_eq!(again.address(), parsed.dialable.address(), "{link}");
    assert_eq!(again.extension(), parsed.dialable.extension(), "{link}");
    let (region, ext) = match &parsed.dialable {
        Dialable::Phone(p) => (p.region.clone(), p.extension.clone()),
        Dialable::Sip(_) => (String::new(), None),
    };
    (
        parsed.scheme,
        parsed.dialable.address().to_owned(),
        region,
        ext,
        parsed.prefill,
    )
}

fn reason(link: &str, region: Option<&str>) -> NumberError {
    match parse_link(link, region) {
        Ok(parsed) => panic!("{link} was read as {parsed:?}"),
        Err(err) => err,
    }
}

#[test]
fn every_listed_form_reads_to_the_number_its_country_and_extension() {
    use LinkScheme::*;
    let none = None;
    for (link, region, want) in [
        (
            "tel:+1-206-555-0174",
            none,
            (Tel, "+12065550174", "US", None, "+1 206-555-0174"),
        ),
        (
            "tel:5550174;phone-context=+1206",
            none,
            (Tel, "+12065550174", "US", None, "+1 206-555-0174"),
        ),
        (
            "tel:+12065550174;ext=12",
            none,
            (
                Tel,
                "+12065550174",
                "US",
                Some("12"),
                "+1 206-555-0174 ext. 12",
            ),
        ),
        (
            "callto://+442079460958",
            none,
            (Callto, "+442079460958", "GB", None, "+44 20 7946 0958"),
        ),
        (
            "callto:+442079460958",
            none,
            (Callto, "+442079460958", "GB", None, "+44 20 7946 0958"),
        ),
        (
            "sip:alice@example.com",
            none,
            (
                Sip,
                "sip:alice@example.com",
                "",
                None,
                "sip:alice@example.com",
            ),
        ),
        // Percent-encoded, as browsers and mail clients pass them on.
        (
            "tel:%2B1%20206%20555%200174",
            none,
            (Tel, "+12065550174", "US", None, "+1 206-555-0174"),
        ),
        (
            "tel:5550174;phone-context=%2B1206",
            none,
            (Tel, "+12065550174", "US", None, "+1 206-555-0174"),
        ),
        (
            "callto:%2B44%2020%207946%200958",
            none,
            (Callto, "+442079460958", "GB", None, "+44 20 7946 0958"),
        ),
        (
            "sip:alice%40example.com",
            none,
            (
                Sip,
                "sip:alice@example.com",
                "",
                None,
                "sip:alice@example.com",
            ),
        ),
        (
            "tel:+44%C2%A020%C2%A07946%C2%A00958",
            none,
            (Tel, "+442079460958", "GB", None, "+44 20 7946 0958"),
        ),
    ] {
        let (scheme, address, region_got, ext, prefill) = read(link, region);
        assert_eq!(
            (
                scheme,
                address.as_str(),
                region_got.as_str(),
                ext.as_deref(),
                prefill.as_str()
            ),
            want,
            "{link}"
        );
    }
}

#[test]
fn the_forms_seen_in_the_wild_are_read_too() {
    for (link, region, e164, ext) in [
        ("TEL:+1-206-555-0174", None, "+12065550174", None),
        ("tel://+1-206-555-0174", None, "+12065550174", None),
        ("tel:+1.206.555.0174", None, "+12065550174", None),
        ("tel:+1 (206) 555-0174", None, "+12065550174", None),
        ("  tel:+12065550174  ", None, "+12065550174", None),
        ("tel:+12065550174;EXT=1-2", None, "+12065550174", Some("12")),
        (
            "tel:+12065550174;isub=1411;ext=7",
            None,
            "+12065550174",
            Some("7"),
        ),
        ("tel:+12065550174;unknown=x", None, "+12065550174", None),
        // A global number keeps its own country; a phone-context beside it is ignored.
        (
            "tel:+442079460958;phone-context=+1206",
            None,
            "+442079460958",
            None,
        ),
        (
            "tel:555-0174;phone-context=+1-206",
            None,
            "+12065550174",
            None,
        ),
        // No country code and no phone-context: read in the profile's region, as typed numbers are.
        ("tel:(206) 555-0174", Some("US"), "+12065550174", None),
        ("tel:020 7946 0958", Some("GB"), "+442079460958", None),
        ("callto://+442079460958/", None, "+442079460958", None),
        ("callto:+442079460958?call", None, "+442079460958", None),
        ("CALLTO:+44 20 7946 0958", None, "+442079460958", None),
        ("tel:1-800-FLOWERS", Some("US"), "+18003569377", None),
    ] {
        let (_, address, _, got_ext, _) = read(link, region);
        assert_eq!(address, e164, "{link}");
        assert_eq!(got_ext.as_deref(), ext, "{link}");
    }
    let (scheme, uri, ..) = read("SIPS:Bob@PBX.Example.org:5061", None);
    assert_eq!(
        (scheme, uri.as_str()),
        (LinkScheme::Sip, "sips:Bob@pbx.example.org:5061")
    );
}

#[test]
fn hostile_and_broken_links_say_what_is_wrong() {
    let link_reason = |link: &str| match reason(link, Some("US")) {
        NumberError::InvalidLink { reason } => reason,
        other => panic!("{link}: {other:?}"),
    };
    assert_eq!(
        link_reason("http://example.com/"),
        "Callpad opens tel:, callto: and sip: links, not http:"
    );
    assert_eq!(
        link_reason("+12065550174"),
        "it has no scheme; Callpad opens tel:, callto: and sip: links"
    );
    assert_eq!(link_reason("tel:"), "there is no number after tel:");
    assert_eq!(link_reason("callto://"), "there is no number after callto:");
    assert_eq!(
        link_reason("callto://alice.smith"),
        "callto:alice.smith names a Skype contact, not a phone number"
    );
    assert_eq!(
        link_reason("tel:+1206555%2"),
        "a % in it is not followed by two hex digits"
    );
    assert_eq!(
        link_reason("tel:+1206%FF5550174"),
        "its %-escapes do not spell UTF-8 text"
    );
    assert_eq!(
        link_reason("tel:+1206%0A5550174"),
        "it contains an escaped control character"
    );
    assert_eq!(
        link_reason("tel:+1206\n5550174"),
        "it contains a control character"
    );
    assert_eq!(
        link_reason("tel:+1206<script>"),
        "the number holds '<', which no phone number has"
    );
    assert_eq!(
        link_reason("tel:alice@example.com"),
        "the number holds '@', which no phone number has"
    );
    assert_eq!(
        link_reason("tel:+12065550174;ext=twelve"),
        "its ;ext= is not a run of digits"
    );
    assert_eq!(
        link_reason("tel:7042;phone-context=example.com"),
        "the number is local to the network example.com and has no country code"
    );
    assert_eq!(
        link_reason(&format!("tel:+1{}", "2".repeat(MAX_LINK_LEN))),
        format!("it is longer than {MAX_LINK_LEN} characters")
    );
    // A long scheme is quoted back shortened.
    let long_scheme = format!("{}:x", "x".repeat(500));
    assert!(link_reason(&long_scheme).ends_with("not xxxxxxxxxxxxxxxxxxxx…:"));

    // The number readers' own reasons come through unchanged.
    assert_eq!(reason("tel:911", Some("US")), NumberError::Emergency);
    assert_eq!(reason("tel:112", None), NumberError::Emergency);
    assert_eq!(reason("tel:5550174", None), NumberError::NeedsRegion);
    assert_eq!(
        reason("tel:555-1234;phone-context=1-331", None),
        NumberError::InvalidTelUri
    );
    assert_eq!(
        reason("tel:555;phone-context=+", None),
        NumberError::InvalidTelUri
    );
    assert!(matches!(
        reason("tel:+1-206-555", None),
        NumberError::TooShort { .. }
    ));
    assert!(matches!(
        reason("sip:alice", None),
        NumberError::InvalidSipAddress { .. }
    ));
    assert_eq!(reason("   ", None), NumberError::Empty);

    for link in [
        "tel:+1206<script>",
        "callto://alice.smith",
        "tel:7042;phone-context=example.com",
    ] {
        let err = reason(link, None);
        assert_eq!(err.code(), "invalid_link");
        assert!(
            err.to_string().starts_with("this link cannot be dialled: "),
            "{err}"
        );
    }
}

#[test]
fn launch_arguments_are_told_apart_from_links() {
    for link in [
        "tel:+1",
        "TEL:1",
        "callto://x",
        "sip:a@b",
        "sips:a@b",
        " tel:1",
    ] {
        assert!(is_link(link), "{link}");
    }
    for other in [
        "",
        "tel",
        "+12065550174",
        "--verbose",
        "http://x",
        "telx:1",
        "1tel:2",
        "é:tel",
    ] {
        assert!(!is_link(other), "{other}");
    }
    assert_eq!(
        link_in_args(["--flag", "tel:+12065550174"]),
        Some("tel:+12065550174".to_owned())
    );
    assert_eq!(link_in_args(["--flag", "other"]), None);
    assert_eq!(link_in_args(Vec::<String>::new()), None);
}

#[test]
fn any_text_after_a_scheme_is_an_answer_not_a_panic() {
    let tails = [
        "",
        "%",
        "%%",
        "%zz",
        "%e2%82",
        "//",
        "///",
        ";",
        ";;;",
        ";ext=",
        ";ext=;ext=1",
        ";phone-context=",
        ";phone-context=.",
        ";phone-context=-a-.b",
        "+",
        "++1",
        "@",
        "@@",
        "😀",
        "\u{200B}",
        "a:b:c",
        "[",
        "[::1]",
        "%00",
        "%2B%2B",
        "?",
        "#",
        "/",
    ];
    for scheme in ["tel:", "callto:", "callto://", "sip:", "sips:", "TeL:"] {
        for tail in tails {
            for region in [None, Some("US"), Some("ZZ")] {
                let link = format!("{scheme}{tail}");
                if let Err(err) = parse_link(&link, region) {
                    let message = err.to_string();
                    assert!(
                        !message.is_empty() && !message.contains('\n'),
                        "{link}: {message}"
                    );
                }
            }
        }
    }
}
