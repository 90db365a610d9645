//! Reading a status webhook body: SignalWire's documented `calling.call.state` envelope, and the flat
//! `{call_id, call_state, …}` form some guides show. Anything else is refused with a reason.

use serde::Deserialize;
use serde_json::Value;

use super::observation::{CallPhase, EndCause, Observation, Source};
use crate::{Error, Result};

fn bad(reason: impl Into<String>) -> Error {
    Error::BadWebhook {
        reason: reason.into(),
    }
}

#[derive(Deserialize)]
struct Fields {
    call_id: Option<Value>,
    call_state: Option<Value>,
    end_reason: Option<Value>,
    answer_time: Option<Value>,
    end_time: Option<Value>,
}

/// Parses a webhook body into an observation. `received_ms` is used when the body has no time.
pub fn parse_webhook(body: &[u8], received_ms: i64) -> Result<Observation> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| bad(format!("the body is not JSON ({e})")))?;
    let Value::Object(top) = &value else {
        return Err(bad("the body is not a JSON object"));
    };
    if let Some(kind) = top.get("event_type").and_then(Value::as_str)
        && kind != "calling.call.state"
    {
        return Err(bad(format!(
            "event_type {kind:?} is not a call state event"
        )));
    }
    // The documented envelope keeps the call under `params`; the flat form has it at the top.
    let params = match top.get("params") {
        Some(Value::Object(p)) if p.contains_key("call_state") => Value::Object(p.clone()),
        _ => value.clone(),
    };
    let fields: Fields = serde_json::from_value(params)
        .map_err(|e| bad(format!("the call fields have the wrong types ({e})")))?;

    let call_id = text(&fields.call_id)
        .filter(|id| !id.is_empty())
        .ok_or_else(|| bad("no call_id"))?;
    let state = text(&fields.call_state).ok_or_else(|| bad("no call_state"))?;
    let phase = match state.as_str() {
        "created" => CallPhase::Created,
        "ringing" => CallPhase::Ringing,
        "answered" => CallPhase::Answered,
        "ending" => CallPhase::Ending,
        "ended" => CallPhase::Ended,
        other => {
            return Err(bad(format!(
                "call_state {other:?} is not one SignalWire sends"
            )));
        }
    };
    let at_ms = top
        .get("timestamp")
        .and_then(Value::as_f64)
        .map(|secs| (secs * 1000.0).round() as i64)
        .unwrap_or(received_ms);

    let mut obs = Observation::new(call_id, phase, at_ms, Source::Webhook);
    obs.answered_at_ms = millis(&fields.answer_time);
    obs.ended_at_ms = millis(&fields.end_time);
    if phase == CallPhase::Ended {
        obs.cause = text(&fields.end_reason).map(|r| EndCause::from_reason(&r));
    }
    if phase == CallPhase::Answered {
        obs.at_ms = obs.answered_at_ms.unwrap_or(at_ms);
    }
    if phase == CallPhase::Ended
        && let Some(end) = obs.ended_at_ms
    {
        obs.at_ms = end;
    }
    Ok(obs)
}

fn text(value: &Option<Value>) -> Option<String> {
    match value {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

/// A time in Unix milliseconds; a value that looks like seconds is scaled.
fn millis(value: &Option<Value>) -> Option<i64> {
    let n = match value {
        Some(Value::Number(n)) => n.as_f64()?,
        Some(Value::String(s)) => s.parse::<f64>().ok()?,
        _ => return None,
    };
    if n <= 0.0 {
        return None;
    }
    Some(if n < 100_000_000_000.0 {
        (n * 1000.0) as i64
    } else {
        n as i64
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENVELOPE: &str = r#"{ "event_type": "calling.call.state", "timestamp": 1640000000.123,
        "project_id": "p", "space_id": "s",
        "params": { "call_id": "call-1", "node_id": "n", "call_state": "ended", "direction": "outbound",
          "device": {"type":"phone","params":{"from_number":"+15551230000","to_number":"+15559876543"}},
          "end_reason": "noAnswer", "start_time": 1640000000000, "answer_time": null,
          "end_time": 1640000025000 } }"#;

    #[test]
    fn reads_the_documented_envelope() {
        let obs = parse_webhook(ENVELOPE.as_bytes(), 7).unwrap();
        assert_eq!(obs.call_id, "call-1");
        assert_eq!(obs.phase, CallPhase::Ended);
        assert_eq!(obs.cause, Some(EndCause::NoAnswer));
        assert_eq!(obs.ended_at_ms, Some(1_640_000_025_000));
        assert_eq!(obs.at_ms, 1_640_000_025_000);
        assert_eq!(obs.answered_at_ms, None);
        assert_eq!(obs.source, Source::Webhook);
    }

    #[test]
    fn reads_the_flat_form() {
        let body = br#"{"call_id":"c2","call_state":"answered","from":"+1","to":"+2","direction":"outbound","timestamp":1640000001.5}"#;
        let obs = parse_webhook(body, 7).unwrap();
        assert_eq!(
            (obs.call_id.as_str(), obs.phase),
            ("c2", CallPhase::Answered)
        );
        assert_eq!(obs.at_ms, 1_640_000_001_500);
    }

    #[test]
    fn uses_the_receive_time_when_the_body_has_none() {
        let obs = parse_webhook(br#"{"call_id":"c3","call_state":"ringing"}"#, 42).unwrap();
        assert_eq!(obs.at_ms, 42);
    }

    #[test]
    fn refuses_what_is_not_a_call_state() {
        let bad: &[&[u8]] = &[
            b"",
            b"not json",
            b"[1,2]",
            br#"{"call_state":"ringing"}"#,
            br#"{"call_id":"c","call_state":"dancing"}"#,
            br#"{"call_id":"c"}"#,
            br#"{"event_type":"messaging.state","params":{"call_id":"c","call_state":"ended"}}"#,
            br#"{"call_id":{"x":1},"call_state":"ended"}"#,
        ];
        for body in bad {
            assert!(
                parse_webhook(body, 0).is_err(),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
    }
}
