//! Placing a call: `DialRequest` with every documented `dial` parameter, checked here before
//! anything is sent, and `Client::dial`, which sends it exactly once (a dial is not idempotent).

use std::collections::BTreeMap;

use serde::Serialize;

use super::call::Call;
use super::client::Client;
use super::wire_enum::wire_enum;
use crate::swml::Document;
use crate::{Error, Result};

/// Most custom variables a dial may carry.
pub const MAX_CUSTOM_VARIABLES: usize = 20;
/// Ring timeout bounds, in seconds.
pub const TIMEOUT_RANGE: std::ops::RangeInclusive<u32> = 1..=600;

wire_enum! {
    /// A call state whose webhook SignalWire should send to `status_url`.
    pub enum StatusEvent {
        Created = "created",
        Ringing = "ringing",
        Answered = "answered",
        Ended = "ended",
    }
}

impl StatusEvent {
    /// Every event (SignalWire's default is only `ended`).
    pub const ALL: [StatusEvent; 4] = [
        StatusEvent::Created,
        StatusEvent::Ringing,
        StatusEvent::Answered,
        StatusEvent::Ended,
    ];
}

/// How the `url` is fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum UrlMethod {
    #[serde(rename = "GET")]
    Get,
    #[serde(rename = "POST")]
    Post,
}

/// What the call does once answered: SWML fetched from a URL, or SWML sent inline.
#[derive(Debug, Clone, PartialEq)]
pub enum CallFlow {
    Url {
        url: String,
        method: Option<UrlMethod>,
        fallback_url: Option<String>,
    },
    Swml(Document),
}

impl CallFlow {
    pub fn url(url: impl Into<String>) -> Self {
        CallFlow::Url {
            url: url.into(),
            method: None,
            fallback_url: None,
        }
    }
}

impl From<Document> for CallFlow {
    fn from(document: Document) -> Self {
        CallFlow::Swml(document)
    }
}

/// Everything a `dial` can say. Build with [`DialRequest::new`], then set the optional fields.
#[derive(Debug, Clone, PartialEq)]
pub struct DialRequest {
    /// The number (or `sip:` address) the call comes from: E.164 such as `+12065550100`.
    pub from: String,
    /// Who is called: E.164 or `sip:user@host`.
    pub to: String,
    /// The number shown to the callee; must be owned or verified.
    pub caller_id: Option<String>,
    /// Exactly one of `url` or `swml`, by construction.
    pub flow: CallFlow,
    pub status_url: Option<String>,
    /// Empty means SignalWire's default (`ended` only).
    pub status_events: Vec<StatusEvent>,
    /// Ring timeout in seconds, 1–600.
    pub timeout: Option<u32>,
    /// At most 20 pairs, read in SWML as `${envs.key}`.
    pub custom_variables: BTreeMap<String, String>,
    /// DTMF sent once answered: `0-9 A-D * # w ,`.
    pub send_digits: Option<String>,
    pub max_price_per_minute: Option<f64>,
    /// Codec names, e.g. `PCMU`, `OPUS`; empty means SignalWire's choice.
    pub codecs: Vec<String>,
    pub region: Option<String>,
}

impl DialRequest {
    pub fn new(from: impl Into<String>, to: impl Into<String>, flow: impl Into<CallFlow>) -> Self {
        DialRequest {
            from: from.into(),
            to: to.into(),
            caller_id: None,
            flow: flow.into(),
            status_url: None,
            status_events: Vec::new(),
            timeout: None,
            custom_variables: BTreeMap::new(),
            send_digits: None,
            max_price_per_minute: None,
            codecs: Vec::new(),
            region: None,
        }
    }

    /// Everything that can be known wrong without asking SignalWire.
    pub fn validate(&self) -> Result<()> {
        check_address("from", &self.from)?;
        check_address("to", &self.to)?;
        if let Some(caller_id) = &self.caller_id {
            check_address("caller_id", caller_id)?;
        }
        match &self.flow {
            CallFlow::Url {
                url, fallback_url, ..
            } => {
                check_url("url", url)?;
                if let Some(fallback) = fallback_url {
                    check_url("fallback_url", fallback)?;
                }
            }
            CallFlow::Swml(document) => {
                if document.sections.main.is_empty() {
                    return Err(invalid("swml", "the main section has no steps"));
                }
            }
        }
        if let Some(status_url) = &self.status_url {
            check_url("status_url", status_url)?;
        }
        if let Some(timeout) = self.timeout
            && !TIMEOUT_RANGE.contains(&timeout)
        {
            return Err(invalid(
                "timeout",
                &format!("{timeout} s is outside 1–600 seconds"),
            ));
        }
        if self.custom_variables.len() > MAX_CUSTOM_VARIABLES {
            return Err(invalid(
                "custom_variables",
                &format!(
                    "{} given, at most {MAX_CUSTOM_VARIABLES} allowed",
                    self.custom_variables.len()
                ),
            ));
        }
        if self.custom_variables.keys().any(|k| k.trim().is_empty()) {
            return Err(invalid("custom_variables", "a name is empty"));
        }
        if let Some(digits) = &self.send_digits {
            if let Some(bad) = digits.chars().find(|c| !is_send_digit(*c)) {
                return Err(invalid(
                    "send_digits",
                    &format!("'{bad}' is not allowed; use 0-9 A-D * # w ,"),
                ));
            }
            if digits.is_empty() {
                return Err(invalid("send_digits", "it is empty"));
            }
        }
        if let Some(price) = self.max_price_per_minute
            && !(price.is_finite() && price > 0.0)
        {
            return Err(invalid(
                "max_price_per_minute",
                "it must be a positive amount",
            ));
        }
        Ok(())
    }

    /// The JSON body SignalWire expects: `{"command":"dial","params":{…}}`.
    pub fn to_body(&self) -> serde_json::Value {
        let (url, url_method, fallback_url, swml) = match &self.flow {
            CallFlow::Url {
                url,
                method,
                fallback_url,
            } => (Some(url.as_str()), *method, fallback_url.as_deref(), None),
            CallFlow::Swml(document) => (None, None, None, Some(document)),
        };
        let params = DialParams {
            from: &self.from,
            to: &self.to,
            caller_id: self.caller_id.as_deref(),
            url,
            url_method,
            fallback_url,
            swml,
            status_url: self.status_url.as_deref(),
            status_events: &self.status_events,
            timeout: self.timeout,
            custom_variables: &self.custom_variables,
            send_digits: self.send_digits.as_deref(),
            max_price_per_minute: self.max_price_per_minute,
            codecs: &self.codecs,
            region: self.region.as_deref(),
        };
        serde_json::json!({ "command": "dial", "params": params })
    }
}

#[derive(Serialize)]
struct DialParams<'a> {
    from: &'a str,
    to: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    caller_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url_method: Option<UrlMethod>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fallback_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    swml: Option<&'a Document>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status_url: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    status_events: &'a [StatusEvent],
    #[serde(skip_serializing_if = "Option::is_none")]
    timeout: Option<u32>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    custom_variables: &'a BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    send_digits: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_price_per_minute: Option<f64>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    codecs: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<&'a str>,
}

impl Client {
    /// Places a call. Sent exactly once, never retried: when the outcome is unknown (timeout,
    /// broken connection, 5xx, unreadable 2xx) the error is [`Error::DialOutcomeUnknown`].
    pub async fn dial(&self, request: &DialRequest) -> Result<Call> {
        request.validate()?;
        let url = self.space().endpoint(&["api", "calling", "calls"]);
        let body = serde_json::to_vec(&request.to_body()).expect("a JSON value always serialises");
        self.request_once(&url, body, "calling endpoint").await
    }
}

fn invalid(field: &'static str, reason: &str) -> Error {
    Error::InvalidRequest {
        field,
        reason: reason.to_owned(),
    }
}

fn is_send_digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, 'A'..='D' | '*' | '#' | 'w' | ',')
}

/// True for E.164: `+`, a non-zero digit, then 5–14 more digits.
pub fn is_e164(text: &str) -> bool {
    let Some(digits) = text.strip_prefix('+') else {
        return false;
    };
    (6..=15).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
        && !digits.starts_with('0')
}

/// A phone number in E.164 or a `sip:user@host` address.
fn check_address(field: &'static str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(invalid(field, "it is empty"));
    }
    if is_e164(value) {
        return Ok(());
    }
    if let Some(rest) = value.strip_prefix("sip:")
        && let Some((user, host)) = rest.split_once('@')
        && !user.is_empty()
        && !host.is_empty()
        && !rest.chars().any(char::is_whitespace)
    {
        return Ok(());
    }
    Err(invalid(
        field,
        &format!(
            "\"{value}\" is not an E.164 number (like +12065550100) or a sip:user@host address"
        ),
    ))
}

fn check_url(field: &'static str, value: &str) -> Result<()> {
    match url::Url::parse(value) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => Ok(()),
        _ => Err(invalid(
            field,
            &format!("\"{value}\" is not an http(s) URL"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::swml::{Document, Play, Step};
    use serde_json::json;

    fn spoken() -> Document {
        Document::new(vec![
            Step::answer(),
            Step::play(Play::say("Hello")),
            Step::hangup(),
        ])
    }

    #[test]
    fn inline_swml_is_sent_as_an_object_with_every_param() {
        let mut request = DialRequest::new("+12065550100", "+15559876543", spoken());
        request.caller_id = Some("+12065550100".into());
        request.status_url = Some("https://hooks.example.com/status?x=1".into());
        request.status_events = StatusEvent::ALL.to_vec();
        request.timeout = Some(25);
        request
            .custom_variables
            .insert("name".into(), "Ada \"the\" ${x}".into());
        request.send_digits = Some("ww1234#".into());
        request.max_price_per_minute = Some(0.05);
        request.codecs = vec!["PCMU".into(), "PCMA".into()];
        request.region = Some("us".into());
        request.validate().unwrap();
        let body = request.to_body();
        assert_eq!(
            body,
            json!({"command":"dial","params":{
                "from":"+12065550100","to":"+15559876543","caller_id":"+12065550100",
                "swml":{"version":"1.0.0","sections":{"main":[{"answer":{}},{"play":{"url":"say:Hello"}},{"hangup":{}}]}},
                "status_url":"https://hooks.example.com/status?x=1",
                "status_events":["created","ringing","answered","ended"],
                "timeout":25,
                "custom_variables":{"name":"Ada \"the\" ${x}"},
                "send_digits":"ww1234#",
                "max_price_per_minute":0.05,
                "codecs":["PCMU","PCMA"],
                "region":"us"}})
        );
    }

    #[test]
    fn url_flow_sends_url_method_and_fallback_and_no_swml() {
        let request = DialRequest::new(
            "+12065550100",
            "sip:alice@example.com",
            CallFlow::Url {
                url: "https://example.com/swml".into(),
                method: Some(UrlMethod::Get),
                fallback_url: Some("https://backup.example.com/swml".into()),
            },
        );
        request.validate().unwrap();
        let params = &request.to_body()["params"];
        assert_eq!(params["url"], "https://example.com/swml");
        assert_eq!(params["url_method"], "GET");
        assert_eq!(params["fallback_url"], "https://backup.example.com/swml");
        assert!(params.get("swml").is_none());
        assert!(params.get("status_events").is_none());
        assert!(params.get("custom_variables").is_none());
        assert!(params.get("timeout").is_none());
    }

    #[test]
    fn local_validation_names_the_field() {
        let base = DialRequest::new("+12065550100", "+15559876543", spoken());
        let cases: Vec<(DialRequest, &str)> = vec![
            (
                DialRequest {
                    to: "555-1234".into(),
                    ..base.clone()
                },
                "to",
            ),
            (
                DialRequest {
                    from: "".into(),
                    ..base.clone()
                },
                "from",
            ),
            (
                DialRequest {
                    caller_id: Some("+0123456".into()),
                    ..base.clone()
                },
                "caller_id",
            ),
            (
                DialRequest {
                    timeout: Some(0),
                    ..base.clone()
                },
                "timeout",
            ),
            (
                DialRequest {
                    timeout: Some(601),
                    ..base.clone()
                },
                "timeout",
            ),
            (
                DialRequest {
                    send_digits: Some("12x".into()),
                    ..base.clone()
                },
                "send_digits",
            ),
            (
                DialRequest {
                    max_price_per_minute: Some(-1.0),
                    ..base.clone()
                },
                "max_price_per_minute",
            ),
            (
                DialRequest {
                    status_url: Some("ftp://x".into()),
                    ..base.clone()
                },
                "status_url",
            ),
            (
                DialRequest {
                    flow: CallFlow::url("not a url"),
                    ..base.clone()
                },
                "url",
            ),
            (
                DialRequest {
                    flow: Document::new(vec![]).into(),
                    ..base.clone()
                },
                "swml",
            ),
            (
                DialRequest {
                    custom_variables: (0..21).map(|i| (format!("k{i}"), "v".into())).collect(),
                    ..base.clone()
                },
                "custom_variables",
            ),
        ];
        for (request, field) in cases {
            let err = request.validate().unwrap_err();
            assert!(
                matches!(&err, Error::InvalidRequest { field: f, .. } if *f == field),
                "{field}: {err:?}"
            );
        }
        let twenty = DialRequest {
            custom_variables: (0..20).map(|i| (format!("k{i}"), "v".into())).collect(),
            timeout: Some(600),
            send_digits: Some("0123456789ABCD*#w,".into()),
            ..base
        };
        twenty.validate().unwrap();
    }

    #[test]
    fn e164_shape() {
        assert!(is_e164("+12065550100"));
        assert!(is_e164("+447700900123"));
        assert!(!is_e164("12065550100"));
        assert!(!is_e164("+1 206 555 0100"));
        assert!(!is_e164("+1234567890123456"));
        assert!(!is_e164("+"));
    }
}
