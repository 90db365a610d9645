//! The SWML `request` method, performed for real: the URL, method, headers and body (every string
//! in them `${…}`-expanded) go to the server named, and the documented variables are set from the
//! answer (`request_result`, `return_value`, `request_response_code`, `…_headers`, `…_body`, and
//! `request_response.*` with `save_variables`). A failed request never ends the call.

use std::time::Duration;

use serde_json::{Map, Value, json};

use super::vars::Vars;

/// Longest (real) time a request may take when the step sets no `timeout`: SignalWire documents
/// no limit; the practice space stops waiting here so a stuck server cannot hold a call forever.
pub const REQUEST_CAP: Duration = Duration::from_secs(30);
/// Most bytes of the response body kept in `request_response_body` (as documented).
const MAX_BODY_BYTES: usize = 64 * 1024;
/// Most response headers kept (as documented).
const MAX_HEADERS: usize = 64;

/// What a request did, for the call's voice-log events.
pub(crate) struct Report {
    pub(crate) method: String,
    pub(crate) result: &'static str,
    pub(crate) code: Option<u16>,
    /// Why it failed, without the URL (it may hold a secret path).
    pub(crate) error: Option<String>,
}

/// Sends the request `params` describes and sets the documented variables in `vars`.
pub(crate) async fn perform(client: &reqwest::Client, params: &Value, vars: &mut Vars) -> Report {
    let url = params
        .get("url")
        .and_then(Value::as_str)
        .map(|u| vars.expand(u))
        .unwrap_or_default();
    let method = params
        .get("method")
        .and_then(Value::as_str)
        .map(|m| vars.expand(m).to_ascii_uppercase())
        .unwrap_or_default();
    vars.set("request_url", url.clone());
    let outcome = match build(client, &url, &method, params, vars) {
        Ok(request) => send(request).await,
        Err(message) => Err(message),
    };
    let (result, code, error) = match outcome {
        Ok(answer) => {
            let code = answer.status;
            let result = if (200..300).contains(&code) {
                "success"
            } else {
                "failed"
            };
            vars.set("request_response_code", code);
            vars.set("request_response_headers", Value::Object(answer.headers));
            let text = String::from_utf8_lossy(&answer.body).into_owned();
            if truthy(params.get("save_variables"), vars)
                && let Ok(parsed) = serde_json::from_str::<Value>(&text)
            {
                vars.set("request_response", parsed);
            }
            vars.set("request_response_body", text);
            (result, Some(code), None)
        }
        Err(message) => ("failed", None, Some(message)),
    };
    vars.set("request_result", result);
    vars.set("return_value", result);
    Report {
        method,
        result,
        code,
        error,
    }
}

fn build(
    client: &reqwest::Client,
    url: &str,
    method: &str,
    params: &Value,
    vars: &Vars,
) -> Result<reqwest::RequestBuilder, String> {
    let method = match method {
        "GET" => reqwest::Method::GET,
        "POST" => reqwest::Method::POST,
        "PUT" => reqwest::Method::PUT,
        "DELETE" => reqwest::Method::DELETE,
        other => {
            return Err(format!(
                "method must be GET, POST, PUT or DELETE, not {other:?}"
            ));
        }
    };
    let parsed = reqwest::Url::parse(url).map_err(|e| format!("the url is not a URL: {e}"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err("the url must be http:// or https://".to_owned());
    }
    let timeout = seconds(params.get("timeout"), vars).map_or(REQUEST_CAP, |t| t.min(REQUEST_CAP));
    let mut request = client.request(method, parsed).timeout(timeout);
    let mut content_type_set = false;
    if let Some(Value::Object(headers)) = params.get("headers") {
        for (name, value) in headers {
            let value = match value {
                Value::String(s) => vars.expand(s),
                other => other.to_string(),
            };
            content_type_set |= name.eq_ignore_ascii_case("content-type");
            request = request.header(name.as_str(), value);
        }
    }
    let body = match params.get("body") {
        None | Some(Value::Null) => None,
        Some(Value::String(text)) => Some(vars.expand(text)),
        Some(other) => Some(vars.expand_value(other).to_string()),
    };
    if let Some(body) = body {
        if !content_type_set {
            // As documented: without a Content-Type, the likeliest is picked from the first
            // non-blank character.
            let json = matches!(body.trim_start().chars().next(), Some('{' | '['));
            let kind = if json {
                "application/json"
            } else {
                "text/plain"
            };
            request = request.header("Content-Type", kind);
        }
        request = request.body(body);
    }
    Ok(request)
}

struct Answer {
    status: u16,
    headers: Map<String, Value>,
    body: Vec<u8>,
}

async fn send(request: reqwest::RequestBuilder) -> Result<Answer, String> {
    let response = request
        .send()
        .await
        .map_err(|e| e.without_url().to_string())?;
    let status = response.status().as_u16();
    let headers: Map<String, Value> = response
        .headers()
        .iter()
        .take(MAX_HEADERS)
        .map(|(name, value)| {
            (
                name.as_str().trim().to_ascii_lowercase(),
                json!(String::from_utf8_lossy(value.as_bytes()).trim()),
            )
        })
        .collect();
    let mut body = response
        .bytes()
        .await
        .map_err(|e| e.without_url().to_string())?
        .to_vec();
    body.truncate(MAX_BODY_BYTES);
    Ok(Answer {
        status,
        headers,
        body,
    })
}

/// A number of seconds (a number, or a string such as `"${t}"` holding one); 0 or less = none.
pub(crate) fn seconds(value: Option<&Value>, vars: &Vars) -> Option<Duration> {
    number(value, vars)
        .filter(|s| *s > 0.0)
        .and_then(|s| Duration::try_from_secs_f64(s).ok())
}

/// A number, or a string that holds one once expanded.
pub(crate) fn number(value: Option<&Value>, vars: &Vars) -> Option<f64> {
    match value? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => vars.expand(s).trim().parse().ok(),
        _ => None,
    }
    .filter(|n: &f64| n.is_finite())
}

/// `true`, or a string that is `true` once expanded.
pub(crate) fn truthy(value: Option<&Value>, vars: &Vars) -> bool {
    match value {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => vars.expand(s).trim().eq_ignore_ascii_case("true"),
        _ => false,
    }
}
