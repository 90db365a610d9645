//! Turns a non-2xx answer into the crate's [`Error`], reading whichever error body SignalWire sent:
//! `{"errors":[…]}` in the calling or relay shape, `{"error":"…"}`, plain text, or nothing.

use std::time::Duration;

use serde_json::Value;

use crate::Error;
use crate::error::ApiErrorEntry;

/// The longest piece of a server's text we quote back to a person.
const MAX_DETAIL: usize = 200;

/// Maps a refusal to an error. `what` names the thing asked for, for 404 ("call abc").
/// `scrub` removes secrets from any text quoted from the body.
pub(crate) fn status_error(
    status: u16,
    body: &[u8],
    retry_after: Option<Duration>,
    what: &str,
    scrub: &dyn Fn(&str) -> String,
) -> Error {
    let parsed: Option<Value> = serde_json::from_slice(body).ok();
    let detail = summary(parsed.as_ref(), body).map(|d| scrub(&d));
    match status {
        401 => Error::Unauthorized { detail },
        403 => Error::Forbidden { detail },
        404 => Error::NotFound {
            what: what.to_owned(),
            detail,
        },
        400 | 422 => {
            let mut errors = parsed.as_ref().map(entries).unwrap_or_default();
            for entry in &mut errors {
                entry.message = scrub(&entry.message);
            }
            if errors.is_empty() {
                errors.push(ApiErrorEntry {
                    message: detail.unwrap_or_else(|| "no reason given".to_owned()),
                    ..ApiErrorEntry::default()
                });
            }
            Error::Rejected { status, errors }
        }
        429 => Error::RateLimited { retry_after },
        500..=599 => Error::Server { status, detail },
        _ => Error::UnexpectedStatus { status, detail },
    }
}

/// Every entry of `errors[]`, whichever of the two documented shapes it has.
pub(crate) fn entries(body: &Value) -> Vec<ApiErrorEntry> {
    let Some(list) = body.get("errors").and_then(Value::as_array) else {
        return Vec::new();
    };
    list.iter().filter_map(entry).collect()
}

fn entry(item: &Value) -> Option<ApiErrorEntry> {
    if let Some(text) = item.as_str() {
        return Some(ApiErrorEntry {
            message: text.to_owned(),
            ..ApiErrorEntry::default()
        });
    }
    let text = |key: &str| {
        item.get(key).and_then(|v| match v {
            Value::String(s) if !s.is_empty() => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
    };
    let code = text("code");
    let message = text("message")
        .or_else(|| text("detail"))
        .or_else(|| text("title"))
        .or_else(|| code.clone())?;
    let attribute = text("attribute").or_else(|| {
        let source = item.get("source")?;
        source
            .get("parameter")
            .or_else(|| source.get("pointer"))
            .and_then(Value::as_str)
            .map(str::to_owned)
    });
    Some(ApiErrorEntry {
        code,
        message,
        attribute,
        doc_url: text("url"),
    })
}

/// A one-line summary of an error body for the 401/403/404/5xx messages.
fn summary(parsed: Option<&Value>, body: &[u8]) -> Option<String> {
    let text = match parsed {
        Some(value) => value
            .get("error")
            .or_else(|| value.get("message"))
            .or_else(|| value.get("detail"))
            .and_then(|v| match v {
                Value::String(s) => Some(s.clone()),
                Value::Object(_) => v.get("message").and_then(Value::as_str).map(str::to_owned),
                _ => None,
            })
            .or_else(|| {
                let list = entries(value);
                (!list.is_empty()).then(|| {
                    list.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; ")
                })
            })?,
        None => {
            let raw = String::from_utf8_lossy(body);
            let raw = raw.trim();
            if raw.is_empty() || raw.starts_with('<') {
                return None;
            }
            raw.to_owned()
        }
    };
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.is_empty() {
        return None;
    }
    Some(truncate(&one_line))
}

fn truncate(text: &str) -> String {
    if text.chars().count() <= MAX_DETAIL {
        return text.to_owned();
    }
    let cut: String = text.chars().take(MAX_DETAIL).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(status: u16, body: &str) -> Error {
        status_error(status, body.as_bytes(), None, "call abc", &|s| {
            s.replace("SECRET", "***")
        })
    }

    #[test]
    fn calling_shape_422_lists_every_entry() {
        let body = r#"{"errors":[
            {"type":"validation_error","code":"missing_required_parameter","message":"url or swml is required","attribute":"url","url":"https://developer.signalwire.com/x"},
            {"type":"validation_error","code":"invalid_parameter","message":"to is not valid","attribute":"to"}]}"#;
        let err = map(422, body);
        let Error::Rejected { status, errors } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(*status, 422);
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].attribute.as_deref(), Some("url"));
        assert_eq!(
            errors[0].doc_url.as_deref(),
            Some("https://developer.signalwire.com/x")
        );
        assert_eq!(errors[1].code.as_deref(), Some("invalid_parameter"));
        let msg = err.to_string();
        assert!(msg.contains("url: url or swml is required"), "{msg}");
        assert!(
            msg.contains("to: to is not valid [invalid_parameter]"),
            "{msg}"
        );
    }

    #[test]
    fn relay_shape_422_uses_detail_and_title() {
        let body = r#"{"errors":[
            {"detail":"Number is not valid","status":"422","title":"Invalid Parameter","code":"invalid_parameter"},
            {"status":422,"title":"Unprocessable","code":"not_valid_for_caller_id"}]}"#;
        let Error::Rejected { errors, .. } = map(422, body) else {
            panic!()
        };
        assert_eq!(errors[0].message, "Number is not valid");
        assert_eq!(errors[1].message, "Unprocessable");
        assert_eq!(errors[1].code.as_deref(), Some("not_valid_for_caller_id"));
        assert!(errors[1].hint().is_some());
    }

    #[test]
    fn simple_bodies_and_empty_bodies_are_tolerated() {
        let err = map(401, r#"{"error":"Unauthorized"}"#);
        assert!(matches!(&err, Error::Unauthorized { detail: Some(d) } if d == "Unauthorized"));
        assert!(matches!(map(401, ""), Error::Unauthorized { detail: None }));
        assert!(matches!(
            map(403, "<html>nope</html>"),
            Error::Forbidden { detail: None }
        ));
        let err = map(404, "not here");
        assert!(err.to_string().contains("call abc"), "{err}");
        assert!(err.to_string().contains("not here"), "{err}");
        assert!(matches!(map(502, ""), Error::Server { status: 502, .. }));
        assert!(matches!(
            map(418, "{}"),
            Error::UnexpectedStatus { status: 418, .. }
        ));
        let err = map(400, r#"{"error":"bad json"}"#);
        assert!(err.to_string().contains("bad json"), "{err}");
    }

    #[test]
    fn secrets_in_bodies_are_scrubbed() {
        let err = map(401, r#"{"error":"token SECRET is wrong"}"#);
        assert!(!err.to_string().contains("SECRET"), "{err}");
        let err = map(422, r#"{"errors":[{"message":"SECRET bad","code":"x"}]}"#);
        assert!(!err.to_string().contains("SECRET"), "{err}");
    }

    #[test]
    fn long_text_is_cut() {
        let long = "x".repeat(1000);
        let Error::Server {
            detail: Some(d), ..
        } = map(500, &long)
        else {
            panic!()
        };
        assert!(d.chars().count() <= MAX_DETAIL + 1);
    }
}
