//! What every accepted number or SIP address must look like, and every refusal, shared by the
//! `numbers` and `links` fuzz targets.

use callpad_core::numbers::{Dialable, NumberError};

/// E.164 is `+` and digits, an extension ASCII digits, a SIP URI starts with its scheme and holds
/// no space or control character.
pub fn check_dialable(dialable: &Dialable, text: &str) {
    match dialable {
        Dialable::Phone(phone) => {
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
        }
        Dialable::Sip(sip) => {
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
    }
}

/// Every refusal is a sentence for a person, on one line.
pub fn check_refusal(err: &NumberError) {
    let message = err.to_string();
    assert!(
        !message.is_empty() && !message.contains('\n'),
        "{message:?}"
    );
}
