//! Validation of a `dial` command's `params` exactly as the contract documents it. Every problem
//! found becomes one `errors[]` entry; nothing is stopped at the first one.

use serde_json::{Map, Value};

use crate::api_error::{Code, FieldError};
use crate::calling::call::{CallState, ConnectStep, DialRequest};
use crate::calling::swml::document;
use crate::outcome::DEFAULT_RING_TIMEOUT_SECS;
use crate::phone::{AddressKind, address_kind};
use crate::seed;

/// Largest number of `custom_variables` entries accepted.
const MAX_CUSTOM_VARIABLES: usize = 20;
/// Most bytes a custom variable's value may hold.
const MAX_CUSTOM_VARIABLE_BYTES: usize = 1024;
/// Custom variable name prefixes SignalWire keeps (any case).
const RESERVED_PREFIXES: [&str; 4] = ["signalwire_", "sw_", "rtc_", "internal_"];
/// Accepted ring timeout range, in seconds.
const TIMEOUT_RANGE: std::ops::RangeInclusive<u64> = 1..=600;
/// Characters `send_digits` may hold.
const SEND_DIGITS_CHARS: &str = "0123456789ABCD*#w,";

/// Checks `params` and returns what the dial asks for, or every problem found.
pub(crate) fn dial(params: &Map<String, Value>) -> Result<DialRequest, Vec<FieldError>> {
    let mut errors = Vec::new();

    let from = address(params, "from", &mut errors);
    let to = address(params, "to", &mut errors);
    let caller_id = address(params, "caller_id", &mut errors);

    // The caller ID shown is `caller_id`, or `from` when there is none; a phone number there must be
    // one the project owns (with voice) or has verified. SIP addresses are not checked.
    let (shown_attr, shown) = if present(params, "caller_id") {
        ("caller_id", caller_id.as_ref())
    } else {
        ("from", from.as_ref())
    };
    if let Some((number, AddressKind::Phone)) = shown {
        let owned = seed::owned_number(number);
        if owned.is_some_and(|n| !n.capabilities.contains(&"voice")) {
            errors.push(FieldError::new(
                Code::NotVoiceCapable,
                shown_attr,
                format!(
                    "{number} is owned by this project but cannot make calls (no voice capability)"
                ),
            ));
        } else if !seed::usable_as_caller_id(number) {
            let code = if shown_attr == "caller_id" {
                Code::NotPurchasedOrVerified
            } else {
                Code::NumberNotVerified
            };
            errors.push(FieldError::new(
                code,
                shown_attr,
                format!(
                    "{number} is not a number this project owns or has verified, so it cannot be used as caller ID"
                ),
            ));
        }
    }

    let url = check_call_script(params, &mut errors);
    let connect = find_connect(params, &mut errors);
    check_region(params, &mut errors);
    check_url_method(params, &mut errors);
    check_http_url(params, "fallback_url", &mut errors);
    let status_url = check_http_url(params, "status_url", &mut errors);
    let status_events = check_status_events(params, &mut errors);
    let ring_timeout_secs = check_timeout(params, &mut errors);
    check_send_digits(params, &mut errors);
    check_custom_variables(params, &mut errors);
    check_max_price(params, &mut errors);

    match (from, to) {
        (Some((from, _)), Some((to, _))) if errors.is_empty() => Ok(DialRequest {
            from,
            to,
            url,
            status_url,
            status_events,
            ring_timeout_secs,
            connect,
            script: params
                .get("swml")
                .and_then(|swml| document::parse(swml).ok())
                .filter(document::scripted),
            custom_variables: params
                .get("custom_variables")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default(),
        }),
        _ => Err(errors),
    }
}

/// Whether `key` is there and not `null`.
fn present(params: &Map<String, Value>, key: &str) -> bool {
    params.get(key).is_some_and(|v| !v.is_null())
}

/// A `from`/`to`/`caller_id`. `from` and `to` are required; `caller_id` is optional.
fn address(
    params: &Map<String, Value>,
    key: &str,
    errors: &mut Vec<FieldError>,
) -> Option<(String, AddressKind)> {
    let required = key != "caller_id";
    match params.get(key) {
        None | Some(Value::Null) => {
            if required {
                errors.push(FieldError::missing(key));
            }
            None
        }
        Some(Value::String(s)) if s.is_empty() && required => {
            errors.push(FieldError::missing(key));
            None
        }
        Some(Value::String(s)) => match address_kind(s) {
            Some(kind) => Some((s.clone(), kind)),
            None => {
                let message = format!(
                    "{key} \"{s}\" is not an E.164 number (+ and 8 to 15 digits) or a sip:user@host address"
                );
                errors.push(if key == "caller_id" {
                    FieldError::new(Code::NotValidForCallerId, key, message)
                } else {
                    FieldError::invalid(key, message)
                });
                None
            }
        },
        Some(_) => {
            errors.push(FieldError::invalid(key, format!("{key} must be a string")));
            None
        }
    }
}

/// Exactly one of `url` and `swml`. Returns the `url`, if that is what was given.
fn check_call_script(params: &Map<String, Value>, errors: &mut Vec<FieldError>) -> Option<String> {
    let has_url = present(params, "url");
    let has_swml = present(params, "swml");
    match (has_url, has_swml) {
        (false, false) => {
            errors.push(FieldError::new(
                Code::MissingRequiredParameter,
                "url",
                "Either url (a URL that returns SWML) or swml (an inline SWML document) is required",
            ));
            None
        }
        (true, true) => {
            errors.push(FieldError::invalid(
                "swml",
                "Give either url or swml, not both",
            ));
            None
        }
        (true, false) => check_http_url(params, "url", errors),
        (false, true) => {
            if let Err(message) = document::parse(&params["swml"]) {
                errors.push(FieldError::invalid("swml", message));
            }
            None
        }
    }
}

/// An optional `http://` or `https://` URL. Returns it when valid.
fn check_http_url(
    params: &Map<String, Value>,
    key: &str,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    match params.get(key) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if is_http_url(s) => Some(s.clone()),
        Some(_) => {
            errors.push(FieldError::invalid(
                key,
                format!("{key} must be an http:// or https:// URL"),
            ));
            None
        }
    }
}

fn is_http_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/') && !r.contains(char::is_whitespace))
}

fn check_url_method(params: &Map<String, Value>, errors: &mut Vec<FieldError>) {
    match params.get("url_method") {
        None | Some(Value::Null) => {}
        Some(Value::String(m)) if m == "GET" || m == "POST" => {}
        Some(_) => errors.push(FieldError::invalid(
            "url_method",
            "url_method must be GET or POST",
        )),
    }
}

/// `status_events`: a list drawn from either documented list (`created ringing answered ended`,
/// or `queued initiated ringing answered ending ended`). Default `["ended"]`.
fn check_status_events(
    params: &Map<String, Value>,
    errors: &mut Vec<FieldError>,
) -> Vec<CallState> {
    events_list(params, "status_events", errors)
}

fn events_list(
    params: &Map<String, Value>,
    key: &str,
    errors: &mut Vec<FieldError>,
) -> Vec<CallState> {
    const ALLOWED: &str = "queued, initiated, created, ringing, answered, ending, ended";
    let Some(value) = params.get(key).filter(|v| !v.is_null()) else {
        return vec![CallState::Ended];
    };
    let Some(items) = value.as_array() else {
        errors.push(FieldError::invalid(
            key,
            format!("{key} must be a list of {ALLOWED}"),
        ));
        return Vec::new();
    };
    let mut events = Vec::new();
    let mut bad = Vec::new();
    for item in items {
        match item.as_str().map(CallState::from_status_event) {
            Some(Ok(Some(state))) => events.push(state),
            Some(Ok(None)) => {}
            _ => bad.push(item.to_string()),
        }
    }
    if !bad.is_empty() {
        errors.push(FieldError::invalid(
            key,
            format!("{key} may only hold {ALLOWED} (not {})", bad.join(", ")),
        ));
    }
    events
}

/// The first `connect` step of an inline SWML `main` (object or JSON string), for call me first.
fn find_connect(params: &Map<String, Value>, errors: &mut Vec<FieldError>) -> Option<ConnectStep> {
    let document = document::parse(params.get("swml")?).ok()?;
    let connect = document::main(&document)?
        .iter()
        .find_map(|step| step.get("connect"))?
        .as_object()?;
    match connect_step(connect) {
        Ok(step) => Some(step),
        Err(found) => {
            errors.extend(found);
            None
        }
    }
}

/// A `connect` step's parameters: `to` (E.164 or `sip:`), `from`, `timeout` (1-600 s, default
/// 30), `call_state_url`, `call_state_events` (default `["ended"]`).
pub(crate) fn connect_step(connect: &Map<String, Value>) -> Result<ConnectStep, Vec<FieldError>> {
    let mut errors = Vec::new();
    let to = match connect.get("to").and_then(Value::as_str) {
        Some(to) if address_kind(to).is_some() => Some(to.to_owned()),
        _ => {
            errors.push(FieldError::invalid(
                "swml",
                "the connect step needs a to: an E.164 number or a sip: address",
            ));
            None
        }
    };
    let call_state_url = match connect.get("call_state_url") {
        None | Some(Value::Null) => None,
        Some(Value::String(u)) if is_http_url(u) => Some(u.clone()),
        Some(_) => {
            errors.push(FieldError::invalid(
                "swml",
                "connect.call_state_url must be an http:// or https:// URL",
            ));
            None
        }
    };
    let call_state_events = events_list(connect, "call_state_events", &mut errors);
    let timeout_secs = connect
        .get("timeout")
        .and_then(Value::as_u64)
        .filter(|t| TIMEOUT_RANGE.contains(t))
        .unwrap_or(DEFAULT_RING_TIMEOUT_SECS);
    match to {
        Some(to) if errors.is_empty() => Ok(ConnectStep {
            to,
            from: connect
                .get("from")
                .and_then(Value::as_str)
                .map(str::to_owned),
            timeout_secs,
            call_state_url,
            call_state_events,
        }),
        _ => Err(errors),
    }
}

/// `region`: a string or a list of strings.
fn check_region(params: &Map<String, Value>, errors: &mut Vec<FieldError>) {
    match params.get("region") {
        None | Some(Value::Null) | Some(Value::String(_)) => {}
        Some(Value::Array(items)) if items.iter().all(Value::is_string) => {}
        Some(_) => errors.push(FieldError::invalid(
            "region",
            "region must be a string or a list of strings",
        )),
    }
}

/// `timeout`: a whole number of seconds from 1 to 600. Default 30.
fn check_timeout(params: &Map<String, Value>, errors: &mut Vec<FieldError>) -> u64 {
    match params.get("timeout") {
        None | Some(Value::Null) => DEFAULT_RING_TIMEOUT_SECS,
        Some(Value::Number(n)) if n.as_u64().is_some_and(|t| TIMEOUT_RANGE.contains(&t)) => {
            n.as_u64().unwrap_or(DEFAULT_RING_TIMEOUT_SECS)
        }
        Some(_) => {
            errors.push(FieldError::invalid(
                "timeout",
                "timeout must be a whole number of seconds from 1 to 600",
            ));
            DEFAULT_RING_TIMEOUT_SECS
        }
    }
}

fn check_send_digits(params: &Map<String, Value>, errors: &mut Vec<FieldError>) {
    match params.get("send_digits") {
        None | Some(Value::Null) => {}
        Some(Value::String(d)) if d.chars().all(|c| SEND_DIGITS_CHARS.contains(c)) => {}
        Some(_) => errors.push(FieldError::invalid(
            "send_digits",
            "send_digits may only hold 0-9, A-D, *, #, w and ,",
        )),
    }
}

fn check_custom_variables(params: &Map<String, Value>, errors: &mut Vec<FieldError>) {
    let Some(value) = params.get("custom_variables").filter(|v| !v.is_null()) else {
        return;
    };
    let Some(vars) = value.as_object() else {
        errors.push(FieldError::invalid(
            "custom_variables",
            "custom_variables must be an object of string values",
        ));
        return;
    };
    if vars.len() > MAX_CUSTOM_VARIABLES {
        errors.push(FieldError::new(
            Code::TooManyCustomVariables,
            "custom_variables",
            format!(
                "custom_variables may hold at most {MAX_CUSTOM_VARIABLES} entries, not {}",
                vars.len()
            ),
        ));
    }
    let mut names: Vec<&String> = vars.keys().collect();
    names.sort_unstable();
    for name in names {
        let mut chars = name.chars();
        let well_formed = chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
        let lower = name.to_ascii_lowercase();
        if !well_formed {
            errors.push(FieldError::new(
                Code::InvalidCustomVariableName,
                "custom_variables",
                format!("custom variable name {name:?} must match ^[A-Za-z_][A-Za-z0-9_]*$"),
            ));
        } else if RESERVED_PREFIXES.iter().any(|p| lower.starts_with(p)) {
            errors.push(FieldError::new(
                Code::ReservedCustomVariableName,
                "custom_variables",
                format!("custom variable name {name:?} uses a reserved prefix"),
            ));
        }
        match &vars[name] {
            Value::String(v) if !v.is_empty() && v.len() <= MAX_CUSTOM_VARIABLE_BYTES => {}
            Value::String(v) => errors.push(FieldError::new(
                Code::CustomVariableValueTooLong,
                "custom_variables",
                format!(
                    "custom variable {name:?} must be 1 to {MAX_CUSTOM_VARIABLE_BYTES} bytes, not {}",
                    v.len()
                ),
            )),
            _ => errors.push(FieldError::invalid(
                "custom_variables",
                format!("custom_variables values must be strings ({name} is not)"),
            )),
        }
    }
}

fn check_max_price(params: &Map<String, Value>, errors: &mut Vec<FieldError>) {
    match params.get("max_price_per_minute") {
        None | Some(Value::Null) => {}
        Some(Value::Number(n)) if n.as_f64().is_some_and(|p| p >= 0.0) => {}
        Some(_) => errors.push(FieldError::invalid(
            "max_price_per_minute",
            "max_price_per_minute must be a number of at least 0",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn params(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    fn attrs(errors: &[FieldError]) -> Vec<(&str, &str)> {
        errors
            .iter()
            .map(|e| (e.code.as_str(), e.attribute.as_str()))
            .collect()
    }

    #[test]
    fn a_minimal_dial_gets_the_defaults() {
        let dial = dial(&params(json!({
            "from": "+12065550100", "to": "+12065550175",
            "swml": {"version": "1.0.0", "sections": {"main": [{"hangup": {}}]}}
        })))
        .unwrap();
        assert_eq!(dial.status_events, [CallState::Ended]);
        assert_eq!(dial.ring_timeout_secs, 30);
        assert_eq!(dial.url, None);
    }

    #[test]
    fn swml_may_be_a_json_string() {
        let ok = dial(&params(json!({
            "from": "+12065550100", "to": "+12065550175",
            "swml": "{\"version\":\"1.0.0\",\"sections\":{\"main\":[]}}"
        })));
        assert!(ok.is_ok());
        let bad = dial(&params(json!({
            "from": "+12065550100", "to": "+12065550175", "swml": "{not json"
        })))
        .unwrap_err();
        assert_eq!(attrs(&bad), [("invalid_parameter", "swml")]);
    }

    #[test]
    fn every_problem_is_reported() {
        let errors = dial(&params(json!({
            "timeout": 0, "send_digits": "12x", "url_method": "PUT"
        })))
        .unwrap_err();
        assert_eq!(
            attrs(&errors),
            [
                ("missing_required_parameter", "from"),
                ("missing_required_parameter", "to"),
                ("missing_required_parameter", "url"),
                ("invalid_parameter", "url_method"),
                ("invalid_parameter", "timeout"),
                ("invalid_parameter", "send_digits"),
            ]
        );
    }

    #[test]
    fn an_invalid_caller_id_does_not_fall_back_to_from() {
        let errors = dial(&params(json!({
            "from": "+19995550100", "to": "+12065550175", "caller_id": "12345",
            "url": "https://example.com/swml"
        })))
        .unwrap_err();
        assert_eq!(attrs(&errors), [("not_valid_for_caller_id", "caller_id")]);
    }

    #[test]
    fn sip_from_needs_no_ownership() {
        assert!(
            dial(&params(json!({
                "from": "sip:desk@example.com", "to": "sip:bob@example.com",
                "url": "https://example.com/swml"
            })))
            .is_ok()
        );
    }
}
