//! The shape `Dialable` has when it crosses IPC: JSON tagged by `kind`, camelCase fields, and the
//! TypeScript ts-rs declares for it.

use callpad_core::numbers::{Dialable, PhoneNumber, SipAddress, parse_dialable};
use serde_json::json;
use ts_rs::{Config, TS};

/// Asserts `input` (no default region) serialises as `json` and reads back as itself.
fn crosses_ipc_as(input: &str, json: serde_json::Value) {
    let dialable = parse_dialable(input, None).unwrap();
    let value = serde_json::to_value(&dialable).unwrap();
    assert_eq!(value, json);
    let back: Dialable = serde_json::from_value(value).unwrap();
    assert_eq!(back, dialable);
}

#[test]
fn a_phone_number_serialises_tagged_with_its_extension_apart() {
    crosses_ipc_as(
        "+44 20 7946 0958 x12",
        json!({
            "kind": "phone",
            "e164": "+442079460958",
            "international": "+44 20 7946 0958",
            "national": "020 7946 0958",
            "region": "GB",
            "extension": "12",
            "typed": "+44 20 7946 0958 x12",
        }),
    );
}

#[test]
fn a_number_without_extension_serialises_it_as_null() {
    let value = serde_json::to_value(parse_dialable("6521 8000", Some("SG")).unwrap()).unwrap();
    assert_eq!(value["extension"], serde_json::Value::Null);
    assert_eq!(value["e164"], "+6565218000");
}

#[test]
fn a_sip_address_serialises_tagged() {
    crosses_ipc_as(
        "sip:alice@example.com",
        json!({ "kind": "sip", "uri": "sip:alice@example.com" }),
    );
}

#[test]
fn typescript_declarations_match_the_json() {
    let cfg = Config::default();
    let dialable = Dialable::decl(&cfg);
    assert!(dialable.contains("\"kind\": \"phone\""), "{dialable}");
    assert!(dialable.contains("\"kind\": \"sip\""), "{dialable}");
    let phone = PhoneNumber::decl(&cfg);
    for field in [
        "e164: string",
        "international: string",
        "national: string",
        "region: string",
        "extension: string | null",
        "typed: string",
    ] {
        assert!(phone.contains(field), "{field} in {phone}");
    }
    assert!(SipAddress::decl(&cfg).contains("uri: string"));
}
