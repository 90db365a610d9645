//! The `X-SignalWire-Signature` of a status webhook: lowercase hex HMAC-SHA1 over the URL as posted
//! (query included) followed by the raw body, keyed with the project's Signing Key.

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

/// The header SignalWire signs webhooks with.
pub const SIGNATURE_HEADER: &str = "X-SignalWire-Signature";

fn mac(key: &str, url: &str, body: &[u8]) -> Hmac<Sha1> {
    let mut mac =
        Hmac::<Sha1>::new_from_slice(key.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(url.as_bytes());
    mac.update(body);
    mac
}

/// The signature SignalWire would send for this URL and body.
pub fn sign(key: &str, url: &str, body: &[u8]) -> String {
    hex::encode(mac(key, url, body).finalize().into_bytes())
}

/// True when `header` is the right signature, compared in constant time. Upper-case hex is accepted.
pub fn verify(key: &str, url: &str, body: &[u8], header: &str) -> bool {
    let Ok(given) = hex::decode(header.trim()) else {
        return false;
    };
    mac(key, url, body).verify_slice(&given).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_an_independent_hmac_sha1() {
        // RFC 2202 test case 2: key "Jefe", data "what do ya want for nothing?".
        let sig = sign("Jefe", "what do ya want ", b"for nothing?");
        assert_eq!(sig, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    }

    #[test]
    fn verifies_only_the_exact_url_body_and_key() {
        let url = "https://abc.ngrok.app/status/tok?x=1";
        let body = br#"{"event_type":"calling.call.state"}"#;
        let sig = sign("PSK_key", url, body);
        assert!(verify("PSK_key", url, body, &sig));
        assert!(verify("PSK_key", url, body, &sig.to_uppercase()));
        assert!(!verify("PSK_other", url, body, &sig));
        assert!(!verify(
            "PSK_key",
            "https://abc.ngrok.app/status/tok",
            body,
            &sig
        ));
        assert!(!verify("PSK_key", url, b"{}", &sig));
        assert!(!verify("PSK_key", url, body, "not hex"));
        assert!(!verify("PSK_key", url, body, ""));
    }
}
