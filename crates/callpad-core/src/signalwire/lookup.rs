//! Number lookup (`/api/relay/rest/lookup/phone_number/{e164}?include=carrier,cnam`): carrier, line
//! type and caller name for one number. It may be billed, so nothing here calls it on its own.

use std::collections::BTreeMap;

use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::client::Client;
use super::dial::is_e164;
use super::lenient;
use crate::{Error, Result};

/// What SignalWire knows about a number. Fields it did not send are `None`; anything else it sent
/// is kept in `extra`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumberLookup {
    /// The number in E.164 (`e164`, else `number`).
    #[serde(default, deserialize_with = "lenient::opt_string", alias = "number")]
    pub e164: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub national_number_formatted: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub country_code: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub location: Option<String>,
    #[serde(default, deserialize_with = "lenient::vec_or_empty")]
    pub timezones: Vec<String>,
    #[serde(default, deserialize_with = "lenient::opt_any")]
    pub carrier: Option<Carrier>,
    #[serde(default, deserialize_with = "lenient::opt_any")]
    pub cnam: Option<Cnam>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// The carrier block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Carrier {
    /// The carrier's name (`lec`, the local exchange carrier, when no `name` is given).
    #[serde(default, deserialize_with = "lenient::opt_string", alias = "lec")]
    pub name: Option<String>,
    /// `wireless`, `landline`, `voip`, …
    #[serde(default, deserialize_with = "lenient::opt_string", alias = "line_type")]
    pub linetype: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub city: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub state: Option<String>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// The caller-name block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cnam {
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub caller_id: Option<String>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

impl Client {
    /// Looks up carrier and caller name for an E.164 number. May be billed by SignalWire.
    pub async fn lookup(&self, e164: &str) -> Result<NumberLookup> {
        if !is_e164(e164) {
            return Err(Error::InvalidRequest {
                field: "number",
                reason: format!("\"{e164}\" is not an E.164 number (like +12065550100)"),
            });
        }
        let mut url =
            self.space()
                .endpoint(&["api", "relay", "rest", "lookup", "phone_number", e164]);
        url.query_pairs_mut().append_pair("include", "carrier,cnam");
        self.request_json(Method::GET, &url, None, &format!("number {e164}"))
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_parses_the_carrier_and_cnam_blocks() {
        let found: NumberLookup = serde_json::from_str(
            r#"{"country_code_number":1,"national_number":"2065550100","e164":"+12065550100",
                "national_number_formatted":"(206) 555-0100","location":"Seattle, WA",
                "timezones":["America/Los_Angeles"],"country_code":"US",
                "carrier":{"lrn":"2065550000","spid":"1234","ocn":"1234","lata":"674","city":"SEATTLE",
                           "state":"WA","jurisdiction":"INDETERMINATE","lec":"Practice Wireless","linetype":"wireless"},
                "cnam":{"caller_id":"SEATTLE OFFICE"}}"#,
        )
        .unwrap();
        assert_eq!(found.e164.as_deref(), Some("+12065550100"));
        let carrier = found.carrier.unwrap();
        assert_eq!(carrier.name.as_deref(), Some("Practice Wireless"));
        assert_eq!(carrier.linetype.as_deref(), Some("wireless"));
        assert_eq!(carrier.extra["lrn"], "2065550000");
        assert_eq!(
            found.cnam.unwrap().caller_id.as_deref(),
            Some("SEATTLE OFFICE")
        );
        assert_eq!(found.extra["country_code_number"], 1);
    }

    #[test]
    fn missing_blocks_are_none() {
        let found: NumberLookup =
            serde_json::from_str(r#"{"number":"+1206","carrier":null,"cnam":"?"}"#).unwrap();
        assert_eq!(found.e164.as_deref(), Some("+1206"));
        assert!(found.carrier.is_none());
        assert!(found.cnam.is_none());
    }
}
