//! The far end's side of a script: what a `prompt` collects and what `detect_machine` finds, by
//! the callee the number picked (`outcome::callee_for`), and how long each takes.

use serde_json::Value;

use super::request::number;
use super::vars::Vars;
use crate::outcome::{Callee, KEY_PRESS_DELAY_SECS};

/// Default `initial_timeout` and `digit_timeout` of `prompt` (seconds, as documented).
const PROMPT_TIMEOUT_SECS: f64 = 5.0;
/// Simulated ms until `detect_machine` tells a person ("Hello?", then silence).
pub const HUMAN_DETECT_MS: u64 = 1_500;
/// Simulated ms until it tells a machine (`machine_voice_threshold`'s default, 1.25 s).
pub const MACHINE_DETECT_MS: u64 = 1_250;
/// Simulated ms until a machine's greeting ends with the beep (`detect_message_end: true`).
pub const MACHINE_BEEP_MS: u64 = 5_000;
/// `detect_machine`'s default `timeout` (seconds).
const DETECT_TIMEOUT_SECS: f64 = 30.0;

/// What a prompt collected, and how long after the media ended it finished.
pub(crate) struct Collected {
    pub(crate) after_ms: u64,
    /// `match_digits` or `no_input`.
    pub(crate) result: &'static str,
    pub(crate) value: String,
    pub(crate) terminator: Option<char>,
}

/// The callee's answer to a `prompt` whose media has just finished.
pub(crate) fn prompt(callee: Callee, params: &Value, vars: &Vars) -> Collected {
    let ms = |key: &str| {
        let secs = number(params.get(key), vars).unwrap_or(PROMPT_TIMEOUT_SECS);
        (secs.max(0.0) * 1000.0).round() as u64
    };
    let initial_ms = ms("initial_timeout");
    let press_ms = KEY_PRESS_DELAY_SECS * 1000;
    match callee {
        Callee::Presses(key) if press_ms <= initial_ms => {
            let terminators = params
                .get("terminators")
                .and_then(Value::as_str)
                .map(|t| vars.expand(t))
                .unwrap_or_default();
            if terminators.contains(key) {
                return Collected {
                    after_ms: press_ms,
                    result: "match_digits",
                    value: String::new(),
                    terminator: Some(key),
                };
            }
            let max_digits = number(params.get("max_digits"), vars).unwrap_or(1.0);
            // One key is all this person presses: with room for more, the digit timeout ends it.
            let wait_more = if max_digits > 1.0 {
                ms("digit_timeout")
            } else {
                0
            };
            Collected {
                after_ms: press_ms + wait_more,
                result: "match_digits",
                value: key.to_string(),
                terminator: None,
            }
        }
        _ => Collected {
            after_ms: initial_ms,
            result: "no_input",
            value: String::new(),
            terminator: None,
        },
    }
}

/// What `detect_machine` found, and how long it took.
pub(crate) struct Detected {
    pub(crate) after_ms: u64,
    /// `human`, `machine` or `unknown`.
    pub(crate) result: &'static str,
    pub(crate) beep: bool,
}

/// The result of `detect_machine` with `params` on a call answered by `callee`.
pub(crate) fn detect(callee: Callee, params: &Value, vars: &Vars) -> Detected {
    let detectors = params
        .get("detectors")
        .and_then(Value::as_str)
        .map_or_else(|| "amd,fax".to_owned(), |d| vars.expand(d));
    let amd = detectors.split(',').any(|d| d.trim() == "amd");
    let message_end = super::request::truthy(params.get("detect_message_end"), vars);
    let timeout_ms = (number(params.get("timeout"), vars)
        .unwrap_or(DETECT_TIMEOUT_SECS)
        .max(0.0)
        * 1000.0)
        .round() as u64;
    let (after_ms, result, beep) = match callee {
        _ if !amd => (timeout_ms, "unknown", false),
        Callee::Machine if message_end => (MACHINE_BEEP_MS, "machine", true),
        Callee::Machine => (MACHINE_DETECT_MS, "machine", false),
        Callee::Presses(_) | Callee::Silent => (HUMAN_DETECT_MS, "human", false),
    };
    if after_ms > timeout_ms {
        return Detected {
            after_ms: timeout_ms,
            result: "unknown",
            beep: false,
        };
    }
    Detected {
        after_ms,
        result,
        beep,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_person_presses_a_second_after_the_prompt_and_silence_times_out() {
        let v = Vars::default();
        let p = json!({"play": "say:x", "max_digits": 1, "initial_timeout": 8.0});
        let got = prompt(Callee::Presses('2'), &p, &v);
        assert_eq!(
            (got.after_ms, got.result, got.value.as_str()),
            (1_000, "match_digits", "2")
        );
        let got = prompt(Callee::Silent, &p, &v);
        assert_eq!(
            (got.after_ms, got.result, got.value.as_str()),
            (8_000, "no_input", "")
        );
        let got = prompt(Callee::Machine, &json!({"play": "say:x"}), &v);
        assert_eq!((got.after_ms, got.result), (5_000, "no_input"));
        let got = prompt(Callee::Presses('1'), &json!({"initial_timeout": 0.5}), &v);
        assert_eq!(got.result, "no_input", "too quick to press");
        let got = prompt(
            Callee::Presses('3'),
            &json!({"max_digits": 4, "digit_timeout": 2}),
            &v,
        );
        assert_eq!((got.after_ms, got.value.as_str()), (3_000, "3"));
        let got = prompt(Callee::Presses('9'), &json!({"terminators": "#9"}), &v);
        assert_eq!((got.value.as_str(), got.terminator), ("", Some('9')));
    }

    #[test]
    fn machines_are_told_from_people() {
        let v = Vars::default();
        let amd = json!({"detectors": "amd", "detect_message_end": true});
        let got = detect(Callee::Machine, &amd, &v);
        assert_eq!(
            (got.after_ms, got.result, got.beep),
            (MACHINE_BEEP_MS, "machine", true)
        );
        let got = detect(Callee::Machine, &json!({}), &v);
        assert_eq!((got.after_ms, got.result), (MACHINE_DETECT_MS, "machine"));
        assert_eq!(detect(Callee::Silent, &amd, &v).result, "human");
        assert_eq!(
            detect(
                Callee::Presses('1'),
                &json!({"detectors": "fax", "timeout": 3}),
                &v
            )
            .result,
            "unknown"
        );
        let got = detect(
            Callee::Machine,
            &json!({"detect_message_end": true, "timeout": 2}),
            &v,
        );
        assert_eq!((got.after_ms, got.result), (2_000, "unknown"));
    }
}
