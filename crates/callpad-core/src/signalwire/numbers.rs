//! The numbers a project may show as caller ID: the phone numbers it owns and the caller IDs it
//! has verified (relay REST, paginated). Choosing between them is the app's business, not this file's.

use serde::{Deserialize, Serialize};

use super::client::Client;
use super::lenient;
use crate::Result;

/// A phone number the project owns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneNumber {
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub id: Option<String>,
    /// E.164.
    pub number: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub name: Option<String>,
    /// `voice`, `sms`, `mms`, `fax`, …
    #[serde(default, deserialize_with = "lenient::vec_or_empty")]
    pub capabilities: Vec<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub number_type: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub country_code: Option<String>,
}

impl PhoneNumber {
    /// True when the number can place calls.
    pub fn can_call(&self) -> bool {
        self.capabilities
            .iter()
            .any(|c| c.eq_ignore_ascii_case("voice"))
    }
}

/// A number the project proved it controls, usable as caller ID once verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifiedCallerId {
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub id: Option<String>,
    /// E.164.
    pub number: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_any")]
    pub verified: Option<bool>,
    /// `Verified` or `Awaiting Verification` (compared case-insensitively).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub status: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub extension: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub verified_at: Option<String>,
}

impl VerifiedCallerId {
    /// True when SignalWire will accept it as caller ID.
    pub fn is_verified(&self) -> bool {
        self.verified.unwrap_or_else(|| {
            self.status
                .as_deref()
                .is_some_and(|s| s.trim().eq_ignore_ascii_case("verified"))
        })
    }
}

impl Client {
    /// Every phone number the project owns (all pages). Needs the token's Numbers scope.
    pub async fn phone_numbers(&self) -> Result<Vec<PhoneNumber>> {
        let mut url = self
            .space()
            .endpoint(&["api", "relay", "rest", "phone_numbers"]);
        url.query_pairs_mut()
            .append_pair("page_size", &self.config().page_size.to_string());
        self.list_all(url, "phone numbers").await
    }

    /// Every verified (or pending) caller ID of the project (all pages). Needs the Voice scope.
    pub async fn verified_caller_ids(&self) -> Result<Vec<VerifiedCallerId>> {
        let mut url = self
            .space()
            .endpoint(&["api", "relay", "rest", "verified_caller_ids"]);
        url.query_pairs_mut()
            .append_pair("page_size", &self.config().page_size.to_string());
        self.list_all(url, "verified caller IDs").await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_parse_leniently() {
        let n: PhoneNumber = serde_json::from_str(
            r#"{"id":"x","number":"+12065550100","name":null,"capabilities":["voice","sms"],
                "number_type":"longcode","country_code":"US","extra":1}"#,
        )
        .unwrap();
        assert!(n.can_call());
        assert_eq!(n.name, None);
        let n: PhoneNumber =
            serde_json::from_str(r#"{"number":"+1","capabilities":null}"#).unwrap();
        assert!(!n.can_call());
    }

    #[test]
    fn verification_falls_back_to_status() {
        for status in ["Verified", "verified", " VERIFIED "] {
            let v: VerifiedCallerId = serde_json::from_value(
                serde_json::json!({"number":"+14155550111","status":status}),
            )
            .unwrap();
            assert!(v.is_verified(), "{status}");
        }
        let v: VerifiedCallerId = serde_json::from_str(
            r#"{"number":"+1","status":"Awaiting Verification","extension":"12","verified_at":null}"#,
        )
        .unwrap();
        assert!(!v.is_verified());
        assert_eq!(v.extension.as_deref(), Some("12"));
        let v: VerifiedCallerId = serde_json::from_str(
            r#"{"number":"+13035550177","verified":false,"status":"pending"}"#,
        )
        .unwrap();
        assert!(!v.is_verified());
    }
}
