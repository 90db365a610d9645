//! Fuzzes reading phone links (`callpad_core::links::parse_link`): `tel:`, `callto:`, `sip:` with
//! their parameters and percent escapes, as a second launch hands them to the window.
//! Invariants: no panic; an accepted link has the documented shape and its pre-fill reads back
//! (through `parse_dialable`, as the dial pad reads it) as the same number and extension; every
//! refusal is one sentence.
#![no_main]

use callpad_core::links::{is_link, parse_link};
use callpad_core::numbers::parse_dialable;
use libfuzzer_sys::fuzz_target;

#[path = "dialable_checks.rs"]
mod dialable_checks;

/// The first byte picks a default region and a prefix, so the fuzzer reaches every reader.
const REGIONS: [Option<&str>; 4] = [None, Some("US"), Some("GB"), Some("ZZ")];
const PREFIXES: [&str; 16] = [
    "",
    "tel:",
    "tel:+",
    "tel://",
    "tel:555;phone-context=",
    "tel:+1206555;ext=",
    "TEL:%2B",
    "callto:",
    "callto://",
    "callto://+44",
    "sip:",
    "sips:",
    "sip:alice%40",
    "sip:a@",
    "tel:;",
    "callto:%",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let region = REGIONS[usize::from(selector & 3)];
    let text = format!(
        "{}{}",
        PREFIXES[usize::from(selector >> 4)],
        String::from_utf8_lossy(rest)
    );
    match parse_link(&text, region) {
        Ok(link) => {
            assert!(is_link(&text), "{text:?} was read but is not a link");
            dialable_checks::check_dialable(&link.dialable, &text);
            let again = parse_dialable(&link.prefill, None)
                .unwrap_or_else(|e| panic!("prefill {:?} of {text:?}: {e}", link.prefill));
            assert_eq!(again.address(), link.dialable.address(), "{text:?}");
            assert_eq!(again.extension(), link.dialable.extension(), "{text:?}");
        }
        Err(err) => dialable_checks::check_refusal(&err),
    }
});
