//! Fuzzes reading what a person types as something to dial: `parse_dialable` (phone numbers,
//! `tel:` URIs, `sip:`/`sips:` addresses) and the lean `dial_address` that `callpad normalize` uses.
//! Invariants: no panic; both give the same answer; what is accepted has the documented shape.
#![no_main]

use callpad_core::numbers::{DialAddress, Dialable, dial_address, parse_dialable};
use libfuzzer_sys::fuzz_target;

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
        Ok(Dialable::Phone(phone)) => {
            assert!(
                phone.e164.starts_with('+')
                    && phone.e164.len() > 2
                    && phone.e164[1..].bytes().all(|b| b.is_ascii_digit()),
                "E.164 {:?} from {text:?}",
                phone.e164
            );
            if let Some(ext) = &phone.extension {
                assert!(
                    !ext.is_empty() && ext.bytes().all(|b| b.is_ascii_digit()),
                    "extension {ext:?} from {text:?}"
                );
            }
            assert_eq!(phone.typed, text);
        }
        Ok(Dialable::Sip(sip)) => {
            let lower = sip.uri.to_ascii_lowercase();
            assert!(
                lower.starts_with("sip:") || lower.starts_with("sips:"),
                "{:?}",
                sip.uri
            );
            assert!(
                !sip.uri.chars().any(|c| c.is_whitespace() || c.is_control()),
                "{:?}",
                sip.uri
            );
        }
        Err(err) => {
            // Every refusal is a sentence for a person, on one line.
            let message = err.to_string();
            assert!(
                !message.is_empty() && !message.contains('\n'),
                "{message:?}"
            );
        }
    }
});
