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

/// Most bytes a custom variable's value may hold.
pub const MAX_CUSTOM_VARIABLE_BYTES: usize = 1024;
/// Name prefixes SignalWire keeps for itself (compared case-insensitively).
pub const RESERVED_VARIABLE_PREFIXES: [&str; 4] = ["signalwire_", "sw_", "rtc_", "internal_"];

wire_enum! {
    /// A call state whose webhook SignalWire should send to `status_url`. The REST spec lists
    /// `created ringing answered ended`; the OpenRPC spec `queued initiated ringing answered ending
    /// ended`.
    pub enum StatusEvent {
        Queued = "queued",
        Initiated = "initiated",
        Created = "created",
        Ringing = "ringing",
        Answered = "answered",
        Ending = "ending",
        Ended = "ended",
    }
}

impl StatusEvent {
    /// What Callpad asks for: valid under both documented lists (the dial's own answer gives the
    /// first state). SignalWire's default is only `ended`.
    pub const RECOMMENDED: [StatusEvent; 3] = [
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
    },
    Swml(Document),
}

impl CallFlow {
    pub fn url(url: impl Into<String>) -> Self {
        CallFlow::Url {
            url: url.into(),
            method: None,
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
    /// SWML fetched when the `url` fails or the inline `swml` cannot run (allowed with either).
    pub fallback_url: Option<String>,
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
    /// Where the call is placed from; one region is sent as a string, several as a list.
    pub region: Vec<String>,
}

impl DialRequest {
    pub fn new(from: impl Into<String>, to: impl Into<String>, flow: impl Into<CallFlow>) -> Self {
        DialRequest {
            from: from.into(),
            to: to.into(),
            caller_id: None,
            flow: flow.into(),
            fallback_url: None,
            status_url: None,
            status_events: Vec::new(),
            timeout: None,
            custom_variables: BTreeMap::new(),
            send_digits: None,
            max_price_per_minute: None,
            codecs: Vec::new(),
            region: Vec::new(),
        }
    }

    /// Everything that can be known wrong without asking SignalWire.
    pub fn validate(&self) -> Result<()> {
        check_address("from", &self.from)?;
        check_address("to", &self.to)?;
        if let Some(caller_id) = &self.caller_id {
            check_address("caller_id", caller_id)?;
        }
        if let Some(fallback) = &self.fallback_url {
            check_url("fallback_url", fallback)?;
        }
        match &self.flow {
            CallFlow::Url { url, .. } => {
                check_url("url", url)?;
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
                    "{} given, at most {MAX_CUSTOM_VARIABLES} allowed [too_many_custom_variables]",
                    self.custom_variables.len()
                ),
            ));
        }
        for (name, value) in &self.custom_variables {
            check_custom_variable(name, value)?;
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
            && !(price.is_finite() && price >= 0.0)
        {
            return Err(invalid(
                "max_price_per_minute",
                "it must be an amount of 0 or more",
            ));
        }
        if self.region.iter().any(|r| r.trim().is_empty()) {
            return Err(invalid("region", "a region name is empty"));
        }
        Ok(())
    }

    /// The JSON body SignalWire expects: `{"command":"dial","params":{…}}`.
    pub fn to_body(&self) -> serde_json::Value {
        let (url, url_method, swml) = match &self.flow {
            CallFlow::Url { url, method } => (Some(url.as_str()), *method, None),
            CallFlow::Swml(document) => (None, None, Some(document)),
        };
        let region = match self.region.as_slice() {
            [] => None,
            [one] => Some(serde_json::Value::from(one.as_str())),
            many => Some(serde_json::Value::from(many.to_vec())),
        };
        let params = DialParams {
            from: &self.from,
            to: &self.to,
            caller_id: self.caller_id.as_deref(),
            url,
            url_method,
            fallback_url: self.fallback_url.as_deref(),
            swml,
            status_url: self.status_url.as_deref(),
            status_events: &self.status_events,
            timeout: self.timeout,
            custom_variables: &self.custom_variables,
            send_digits: self.send_digits.as_deref(),
            max_price_per_minute: self.max_price_per_minute,
            codecs: &self.codecs,
            region,
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
    region: Option<serde_json::Value>,
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

/// A custom variable SignalWire would accept: the documented name rule, no reserved prefix, and
/// a non-empty value of at most 1,024 bytes. The reason names SignalWire's own error code.
pub fn check_custom_variable(name: &str, value: &str) -> Result<()> {
    let mut chars = name.chars();
    let well_formed = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !well_formed {
        return Err(invalid(
            "custom_variables",
            &format!(
                "the name {:?} must start with a letter or _ and hold only letters, digits and _ [invalid_custom_variable_name]",
                shorten(name, 40)
            ),
        ));
    }
    let lower = name.to_ascii_lowercase();
    if let Some(prefix) = RESERVED_VARIABLE_PREFIXES
        .iter()
        .find(|p| lower.starts_with(*p))
    {
        return Err(invalid(
            "custom_variables",
            &format!(
                "the name {name:?} starts with {prefix:?}, which SignalWire reserves [reserved_custom_variable_name]"
            ),
        ));
    }
    if value.is_empty() || value.len() > MAX_CUSTOM_VARIABLE_BYTES {
        return Err(invalid(
            "custom_variables",
            &format!(
                "the value of {name:?} must be 1 to {MAX_CUSTOM_VARIABLE_BYTES} bytes, not {} [custom_variable_value_too_long]",
                value.len()
            ),
        ));
    }
    Ok(())
}

/// At most `max` characters of `text` (cut on a character boundary), with "…" when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{cut}…")
}

/// A phone number in E.164 or a `sip:`/`sips:` `user@host` address.
fn check_address(field: &'static str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(invalid(field, "it is empty"));
    }
    if is_e164(value) {
        return Ok(());
    }
    if let Some(rest) = value
        .strip_prefix("sip:")
        .or_else(|| value.strip_prefix("sips:"))
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
            "\"{value}\" is not an E.164 number (like +12065550100) or a sip:user@host (or sips:) address"
        ),
    ))
}

fn check_url(field: &'static str, value: &str) -> Result<()> {
    match url::Url::parse(value) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => Ok(()),
        _ => Err(invalid(
            field,
            &format!(
                "\"{}\" is not an http(s) URL",
                super::space_url::strip_userinfo(value)
            ),
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
        request.status_events = StatusEvent::RECOMMENDED.to_vec();
        request.timeout = Some(25);
        request
            .custom_variables
            .insert("name".into(), "Ada \"the\" ${x}".into());
        request.send_digits = Some("ww1234#".into());
        request.max_price_per_minute = Some(0.05);
        request.codecs = vec!["PCMU".into(), "PCMA".into()];
        request.region = vec!["us".into()];
        request.validate().unwrap();
        let body = request.to_body();
        assert_eq!(
            body,
            json!({"command":"dial","params":{
                "from":"+12065550100","to":"+15559876543","caller_id":"+12065550100",
                "swml":{"version":"1.0.0","sections":{"main":[{"answer":{}},{"play":{"url":"say:Hello"}},{"hangup":{}}]}},
                "status_url":"https://hooks.example.com/status?x=1",
                "status_events":["ringing","answered","ended"],
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
        let mut request = DialRequest::new(
            "+12065550100",
            "sip:alice@example.com",
            CallFlow::Url {
                url: "https://example.com/swml".into(),
                method: Some(UrlMethod::Get),
            },
        );
        request.fallback_url = Some("https://backup.example.com/swml".into());
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
                    region: vec![" ".into()],
                    ..base.clone()
                },
                "region",
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
    fn not_stricter_than_the_service() {
        let mut r = DialRequest::new("+12065550100", "sips:bob@example.com", spoken());
        r.max_price_per_minute = Some(0.0);
        r.region = vec!["us-east".into(), "us-west".into()];
        r.fallback_url = Some("https://backup.example.com/swml".into());
        r.validate().unwrap();
        let params = &r.to_body()["params"];
        assert_eq!(params["max_price_per_minute"], 0.0);
        assert_eq!(params["region"], json!(["us-east", "us-west"]));
        assert_eq!(params["fallback_url"], "https://backup.example.com/swml");
        assert!(params["swml"].is_object());
        r.region = vec!["us".into()];
        assert_eq!(r.to_body()["params"]["region"], "us");
    }

    #[test]
    fn custom_variables_follow_the_documented_rules() {
        let ok = [("name", "Ada"), ("_x1", "v"), ("Sw", "v"), ("swx", "v")];
        for (k, v) in ok {
            check_custom_variable(k, v).unwrap_or_else(|e| panic!("{k}: {e}"));
        }
        check_custom_variable("k", &"x".repeat(1024)).unwrap();
        let bad = [
            ("1abc", "v", "invalid_custom_variable_name"),
            ("has-dash", "v", "invalid_custom_variable_name"),
            ("", "v", "invalid_custom_variable_name"),
            ("naïve", "v", "invalid_custom_variable_name"),
            ("signalwire_id", "v", "reserved_custom_variable_name"),
            ("SW_thing", "v", "reserved_custom_variable_name"),
            ("Rtc_x", "v", "reserved_custom_variable_name"),
            ("internal_x", "v", "reserved_custom_variable_name"),
            ("k", "", "custom_variable_value_too_long"),
        ];
        for (k, v, code) in bad {
            let err = check_custom_variable(k, v).unwrap_err().to_string();
            assert!(err.contains(code), "{k}: {err}");
        }
        let err = check_custom_variable("k", &"é".repeat(513))
            .unwrap_err()
            .to_string();
        assert!(err.contains("custom_variable_value_too_long"), "{err}");
        let mut r = DialRequest::new("+12065550100", "+15559876543", spoken());
        r.custom_variables.insert("sw_x".into(), "v".into());
        assert!(r.validate().is_err());
    }

    #[test]
    fn a_bad_url_is_quoted_without_its_password() {
        let r = DialRequest::new(
            "+12065550100",
            "+15559876543",
            CallFlow::url("ftp://user:s3cretpw@example.com/x"),
        );
        let err = r.validate().unwrap_err().to_string();
        assert!(!err.contains("s3cretpw"), "{err}");
        assert!(err.contains("ftp://example.com/x"), "{err}");
    }

    #[test]
    fn e164_shape() {
        for (input, e164) in [
            ("+12065550100", true),
            ("+447700900123", true),
            ("12065550100", false),
            ("+1 206 555 0100", false),
            ("+1234567890123456", false),
            ("+", false),
        ] {
            assert_eq!(is_e164(input), e164, "{input}");
        }
    }
}
