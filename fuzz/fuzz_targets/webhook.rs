//! Fuzzes reading a status webhook body (`callpad_core::status::parse_webhook`): raw bytes, and
//! well-formed envelopes whose fields hold fuzzed values. Invariants: no panic; an accepted body
//! names a call and its times are consistent; a refused one is the `bad_webhook` error.
#![no_main]

use callpad_core::status::{CallPhase, parse_webhook};
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

const RECEIVED_MS: i64 = 1_700_000_000_000;

/// A fuzzed JSON value from a few bytes of text: a number when it reads as one, else a string.
fn field(text: &str) -> Value {
    match serde_json::from_str::<Value>(text) {
        Ok(v) if !v.is_object() && !v.is_array() => v,
        _ => Value::String(text.to_owned()),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let body = if selector & 1 == 0 {
        rest.to_vec()
    } else {
        // An envelope (documented or flat) whose values are pieces of the fuzz input.
        let text = String::from_utf8_lossy(rest);
        let mut parts = text.split('|');
        let mut next = || field(parts.next().unwrap_or(""));
        let fields = json!({
            "call_id": next(), "call_state": next(), "end_reason": next(),
            "answer_time": next(), "end_time": next(),
        });
        let timestamp = next();
        if selector & 2 == 0 {
            serde_json::to_vec(&json!({
                "event_type": "calling.call.state", "timestamp": timestamp, "params": fields,
            }))
            .unwrap()
        } else {
            let mut flat = fields;
            flat["timestamp"] = timestamp;
            serde_json::to_vec(&flat).unwrap()
        }
    };
    match parse_webhook(&body, RECEIVED_MS) {
        Ok(obs) => {
            assert!(!obs.call_id.is_empty(), "accepted without a call id");
            if obs.phase == CallPhase::Ended
                && let Some(end) = obs.ended_at_ms
            {
                assert_eq!(obs.at_ms, end);
            }
            if obs.phase != CallPhase::Ended {
                assert!(obs.cause.is_none(), "a cause before the end: {obs:?}");
            }
        }
        Err(err) => {
            assert_eq!(err.code(), "bad_webhook", "{err}");
            assert!(!err.to_string().is_empty());
        }
    }
});
