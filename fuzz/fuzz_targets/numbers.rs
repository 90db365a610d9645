//! Fuzzes reading what a person types as something to dial: `parse_dialable` (phone numbers,
//! `tel:` URIs, `sip:`/`sips:` addresses) and the lean `dial_address` that `callpad normalize` uses.
//! Invariants: no panic; both give the same answer; what is accepted has the documented shape.
#![no_main]

use callpad_core::numbers::{DialAddress, Dialable, dial_address, parse_dialable};
use libfuzzer_sys::fuzz_target;

#[path = "dialable_checks.rs"]
mod dialable_checks;

/// The first byte picks a default region and a prefix, so the fuzzer reaches every reader.
const REGIONS: [Option<&str>; 8] = [
    None,
    Some("US"),
    Some("GB"),
    Some("de"),
    Some("IN"),
    Some(""),
    Some(" jp "),
    Some("ZZ"),
];
const PREFIXES: [&str; 8] = [
    "",
    "sip:",
    "sips:",
    "tel:",
    "tel:+1",
    "SIP:user@",
    "+",
    "tel:123;phone-context=",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let region = REGIONS[usize::from(selector & 7)];
    let text = format!(
        "{}{}",
        PREFIXES[usize::from(selector >> 5)],
        String::from_utf8_lossy(rest)
    );
    let full = parse_dialable(&text, region);
    let lean = dial_address(&text, region);
    assert_eq!(
        lean,
        full.clone().map(DialAddress::from),
        "dial_address and parse_dialable differ on {text:?} in {region:?}"
    );
    match full {
        Ok(dialable) => {
            dialable_checks::check_dialable(&dialable, &text);
            if let Dialable::Phone(phone) = &dialable {
                assert_eq!(phone.typed, text);
            }
        }
        Err(err) => dialable_checks::check_refusal(&err),
    }
});
