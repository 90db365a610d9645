//! What a SignalWire call ID looks like (a UUID, `8-4-4-4-12` hex digits), checked before any
//! request names one, so a mistyped ID is refused here instead of being sent. Every driver
//! (CLI `hangup`, the app's hang-up) reads a typed or pasted ID through [`parse_call_id`].

use crate::{Error, Result};

/// The call ID in `text` (spaces around it dropped, hex in lower case), or an error saying
/// what a call ID looks like. Nothing is sent either way.
pub fn parse_call_id(text: &str) -> Result<String> {
    let id = text.trim();
    if id.is_empty() {
        return Err(invalid("it is empty"));
    }
    if !is_uuid(id) {
        return Err(invalid(&format!(
            "\"{}\" is not a call ID; a call ID looks like 3f1c0e2a-9b7d-4c1e-8a5f-0d2b6c4e8f10 (as `callpad call` and the history print it)",
            id.chars()
                .take(60)
                .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
                .collect::<String>()
        )));
    }
    Ok(id.to_ascii_lowercase())
}

/// True for `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in hex digits (any case).
pub fn is_uuid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

fn invalid(reason: &str) -> Error {
    Error::InvalidRequest {
        field: "call id",
        reason: reason.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_pass_and_anything_else_is_refused_saying_what_an_id_looks_like() {
        assert_eq!(
            parse_call_id(" 3F1C0E2A-9B7D-4C1E-8A5F-0D2B6C4E8F10\n").unwrap(),
            "3f1c0e2a-9b7d-4c1e-8a5f-0d2b6c4e8f10"
        );
        for bad in [
            "not-a-uuid",
            "3f1c0e2a9b7d4c1e8a5f0d2b6c4e8f10",
            "3f1c0e2a-9b7d-4c1e-8a5f-0d2b6c4e8f1",
            "3f1c0e2a-9b7d-4c1e-8a5f-0d2b6c4e8f1g",
            "3f1c0e2a-9b7d-4c1e-8a5f_0d2b6c4e8f10",
            "😀😀😀😀😀😀😀😀😀",
            "3f1c0e2a-9b7d-4c1e-8a5f-0d2b6c4e8f10/../x",
        ] {
            let err = parse_call_id(bad).unwrap_err();
            assert_eq!(err.code(), "invalid_request", "{bad}");
            assert!(err.to_string().contains("looks like"), "{err}");
        }
        assert!(
            parse_call_id("  ")
                .unwrap_err()
                .to_string()
                .contains("empty")
        );
    }
}
