//! SignalWire's webhook signatures: `X-SignalWire-Signature` (lowercase hex HMAC-SHA1) and
//! `X-SignalWire-SHA256-Signature` (lowercase hex HMAC-SHA256), both keyed with the project's
//! Signing Key over the full URL as requested (query included, no `user:pass@`) then the raw body.
//! Deciding what to do with an unsigned request is the listener's business, not this file's.

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use sha2::Sha256;

/// The HMAC-SHA1 header SignalWire signs webhooks with.
pub const SIGNATURE_HEADER: &str = "X-SignalWire-Signature";
/// The HMAC-SHA256 header SignalWire adds on call requests; preferred when present.
pub const SHA256_SIGNATURE_HEADER: &str = "X-SignalWire-SHA256-Signature";

/// Which HMAC a signature header uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    Sha1,
    Sha256,
}

/// The signature SignalWire would send in `X-SignalWire-Signature` for this URL and body.
pub fn sign(key: &str, url: &str, body: &[u8]) -> String {
    sign_with(Algorithm::Sha1, key, url, body)
}

/// The signature for either header.
pub fn sign_with(algorithm: Algorithm, key: &str, url: &str, body: &[u8]) -> String {
    match algorithm {
        Algorithm::Sha1 => hex::encode(mac::<Hmac<Sha1>>(key, url, body).finalize().into_bytes()),
        Algorithm::Sha256 => {
            hex::encode(mac::<Hmac<Sha256>>(key, url, body).finalize().into_bytes())
        }
    }
}

/// The keyed HMAC over the URL then the body, for either hash.
fn mac<M: Mac + KeyInit>(key: &str, url: &str, body: &[u8]) -> M {
    let mut mac =
        <M as KeyInit>::new_from_slice(key.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(url.as_bytes());
    mac.update(body);
    mac
}

/// True when `header` is the right HMAC-SHA1 signature, compared in constant time.
pub fn verify(key: &str, url: &str, body: &[u8], header: &str) -> bool {
    verify_with(Algorithm::Sha1, key, url, body, header)
}

/// True when `header` is the right signature for `algorithm`, compared in constant time.
/// Upper-case hex is accepted.
pub fn verify_with(algorithm: Algorithm, key: &str, url: &str, body: &[u8], header: &str) -> bool {
    let Ok(given) = hex::decode(header.trim()) else {
        return false;
    };
    match algorithm {
        Algorithm::Sha1 => mac::<Hmac<Sha1>>(key, url, body)
            .verify_slice(&given)
            .is_ok(),
        Algorithm::Sha256 => mac::<Hmac<Sha256>>(key, url, body)
            .verify_slice(&given)
            .is_ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The vector in signalwire-js `validateRequest.test.ts` (and the Python and Ruby SDKs' tests).
    const OFFICIAL_KEY: &str = "PSK_7TruNcSNTxp4zNrykMj4EPzF";
    const OFFICIAL_URL: &str = "https://81f2-2-45-18-191.ngrok-free.app/";
    const OFFICIAL_BODY: &str = r#"{"call":{"call_id":"b5d63b2e-f75b-4dc8-b6d4-269b635f96c0","node_id":"fa3570ae-f8bd-42c2-83f4-9950d906c91b@us-west","segment_id":"b5d63b2e-f75b-4dc8-b6d4-269b635f96c0","call_state":"created","direction":"inbound","type":"phone","from":"+12135877632","to":"+12089806814","from_number":"+12135877632","to_number":"+12089806814","project_id":"4b7ae78a-d02e-4889-a63b-08b156d5916e","space_id":"62615f44-2a34-4235-b38b-76b5a1de6ef8"},"vars":{}}"#;
    const OFFICIAL_SHA1: &str = "b18500437ebb010220ddd770cbe6fd531ea0ba0d";

    #[test]
    fn matches_the_official_signalwire_vector() {
        assert_eq!(
            sign(OFFICIAL_KEY, OFFICIAL_URL, OFFICIAL_BODY.as_bytes()),
            OFFICIAL_SHA1
        );
        assert!(verify(
            OFFICIAL_KEY,
            OFFICIAL_URL,
            OFFICIAL_BODY.as_bytes(),
            OFFICIAL_SHA1
        ));
        assert!(!verify(
            "PSK_foo",
            OFFICIAL_URL,
            OFFICIAL_BODY.as_bytes(),
            OFFICIAL_SHA1
        ));
        assert!(!verify(
            OFFICIAL_KEY,
            &format!("{OFFICIAL_URL}bar?q=hello"),
            OFFICIAL_BODY.as_bytes(),
            OFFICIAL_SHA1
        ));
    }

    #[test]
    fn matches_independent_hmacs() {
        // RFC 2202 test case 2 and RFC 4231 test case 2: key "Jefe", "what do ya want for nothing?".
        assert_eq!(
            sign("Jefe", "what do ya want ", b"for nothing?"),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"
        );
        assert_eq!(
            sign_with(
                Algorithm::Sha256,
                "Jefe",
                "what do ya want ",
                b"for nothing?"
            ),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn verifies_only_the_exact_url_body_and_key() {
        let url = "https://abc.ngrok.app/status/tok?x=1";
        let body = br#"{"event_type":"calling.call.state"}"#;
        for algorithm in [Algorithm::Sha1, Algorithm::Sha256] {
            let sig = sign_with(algorithm, "PSK_key", url, body);
            assert!(verify_with(algorithm, "PSK_key", url, body, &sig));
            assert!(verify_with(
                algorithm,
                "PSK_key",
                url,
                body,
                &sig.to_uppercase()
            ));
            assert!(!verify_with(algorithm, "PSK_other", url, body, &sig));
            assert!(!verify_with(
                algorithm,
                "PSK_key",
                "https://abc.ngrok.app/status/tok",
                body,
                &sig
            ));
            assert!(!verify_with(algorithm, "PSK_key", url, b"{}", &sig));
            assert!(!verify_with(algorithm, "PSK_key", url, body, "not hex"));
            assert!(!verify_with(algorithm, "PSK_key", url, body, ""));
        }
        let sha1 = sign("PSK_key", url, body);
        assert!(!verify_with(Algorithm::Sha256, "PSK_key", url, body, &sha1));
    }
}
