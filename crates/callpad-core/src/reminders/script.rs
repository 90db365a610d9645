//! The reminder call flow as SWML data: answer, (optionally) detect a machine and leave the
//! voicemail-safe message, speak the message with the menu, switch on `prompt_value`, report the
//! key with `request` to the attempt's own unguessable URL, say the reply, then connect (front
//! desk) or hang up. Every piece of person-written text goes through `say:` URLs, which
//! neutralise SWML variables, so a cell holding `${envs.x}` is spoken, never expanded.

use std::collections::BTreeMap;

use rand::RngCore;
use serde_json::json;

use super::campaign::{KeyAction, MenuKey};
use super::outcome::Outcome;
use crate::swml::{Connect, DetectMachine, Document, Play, Prompt, Request, Step, Switch, say_url};

/// Seconds the menu waits for a key.
pub const KEY_TIMEOUT_SECONDS: f64 = 8.0;

/// What one attempt's flow is built from.
pub struct ScriptInput<'a> {
    /// The rendered message for this recipient.
    pub message: &'a str,
    pub menu: &'a [MenuKey],
    /// E.164 the "speak to us" key connects to; its key is left out without one.
    pub front_desk: Option<&'a str>,
    /// The caller ID the front-desk leg shows.
    pub caller_id: &'a str,
    /// Where the key is reported (the attempt's URL); `None` runs message-only.
    pub report_url: Option<&'a str>,
    /// The voicemail-safe message, when machines are detected.
    pub voicemail: Option<&'a str>,
    /// Where the front-desk leg's own states are posted (its `call_state_url`), so that leg is
    /// followed too.
    pub front_desk_leg_url: Option<&'a str>,
}

/// A new unguessable attempt token (128 random bits, hex): the last part of its report path.
pub fn new_attempt_token() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The path a key is reported on for attempt `token`, under the callback listener.
pub fn report_path(token: &str) -> String {
    format!("/reminders/{token}/key")
}

/// The menu keys this flow offers (the front-desk key only with a front desk to connect to).
pub fn offered<'a>(menu: &'a [MenuKey], front_desk: Option<&str>) -> Vec<&'a MenuKey> {
    menu.iter()
        .filter(|k| k.action != KeyAction::ConnectFrontDesk || front_desk.is_some())
        .collect()
}

/// "Press 1 to confirm. Press 2 to reschedule."
pub fn menu_words(keys: &[&MenuKey]) -> String {
    keys.iter()
        .map(|k| format!("Press {} {}.", k.key, k.label.trim()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Builds the flow.
pub fn build(input: &ScriptInput<'_>) -> Document {
    let mut main = vec![Step::answer()];
    if let Some(voicemail) = input.voicemail {
        main.push(Step::DetectMachine(DetectMachine {
            detectors: Some("amd".to_owned()),
            detect_message_end: Some(true),
            timeout: None,
        }));
        let mut on_machine = vec![Step::play(Play::say(voicemail))];
        on_machine.extend(report(input.report_url, "", Outcome::Machine));
        on_machine.push(Step::hangup());
        main.push(Step::Switch(Switch {
            variable: "detect_result".to_owned(),
            case: BTreeMap::from([("machine".to_owned(), on_machine)]),
            default: None,
        }));
    }
    let Some(url) = input.report_url else {
        // Message-only: nobody would hear what a key does.
        main.push(Step::play(Play::say(input.message)));
        main.push(Step::hangup());
        return Document::new(main);
    };
    let keys = offered(input.menu, input.front_desk);
    let mut prompt = Prompt::new(say_url(&format!(
        "{} {}",
        input.message.trim(),
        menu_words(&keys)
    )));
    prompt.max_digits = Some(1);
    prompt.initial_timeout = Some(KEY_TIMEOUT_SECONDS);
    main.push(Step::Prompt(prompt));
    let mut case = BTreeMap::new();
    for key in keys {
        let mut steps = report(Some(url), &key.key, key.outcome);
        steps.push(Step::play(Play::say(&key.reply)));
        match (key.action, input.front_desk) {
            (KeyAction::ConnectFrontDesk, Some(desk)) => steps.push(Step::Connect(Connect {
                to: desk.to_owned(),
                from: Some(input.caller_id.to_owned()),
                timeout: Some(30),
                call_state_url: input.front_desk_leg_url.map(str::to_owned),
                call_state_events: if input.front_desk_leg_url.is_some() {
                    vec!["answered".to_owned(), "ended".to_owned()]
                } else {
                    Vec::new()
                },
            })),
            _ => steps.push(Step::hangup()),
        }
        case.insert(key.key.clone(), steps);
    }
    let mut default = report(Some(url), "${prompt_value}", Outcome::NoInput);
    default.push(Step::hangup());
    main.push(Step::Switch(Switch {
        variable: "prompt_value".to_owned(),
        case,
        default: Some(default),
    }));
    Document::new(main)
}

/// The `request` step reporting `key` and `outcome` (nothing without a URL).
fn report(url: Option<&str>, key: &str, outcome: Outcome) -> Vec<Step> {
    url.map(|url| {
        Step::Request(Request {
            url: url.to_owned(),
            method: "POST".to_owned(),
            headers: None,
            body: Some(json!({ "key": key, "outcome": outcome.as_str() })),
        })
    })
    .into_iter()
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reminders::campaign::MenuKey;

    fn doc(
        report_url: Option<&str>,
        front_desk: Option<&str>,
        voicemail: Option<&str>,
    ) -> serde_json::Value {
        let menu = MenuKey::defaults();
        serde_json::to_value(build(&ScriptInput {
            message: "Hi ${envs.secret} %{call.to}, see you Tuesday.",
            menu: &menu,
            front_desk,
            caller_id: "+15550000001",
            report_url,
            voicemail,
            front_desk_leg_url: Some("https://cb.example/leg/x/t"),
        }))
        .unwrap()
    }

    #[test]
    fn the_menu_flow_reports_each_key_then_replies_and_connects_or_hangs_up() {
        let url = "https://cb.example/reminders/abc/key";
        let v = doc(Some(url), Some("+15550000002"), None);
        let main = &v["sections"]["main"];
        assert!(main[0].get("answer").is_some());
        let play = main[1]["prompt"]["play"].as_str().unwrap();
        assert!(
            play.starts_with("say:Hi $ {envs.secret} % {call.to}"),
            "{play}"
        );
        assert!(play.ends_with("Press 1 to confirm. Press 2 to reschedule. Press 3 to speak to us. Press 9 to stop these calls."), "{play}");
        let sw = &main[2]["switch"];
        assert_eq!(sw["variable"], "prompt_value");
        assert_eq!(
            sw["case"]["1"][0]["request"]["body"],
            json!({"key": "1", "outcome": "confirmed"})
        );
        assert_eq!(sw["case"]["1"][0]["request"]["url"], url);
        assert!(sw["case"]["1"][2].get("hangup").is_some());
        assert_eq!(sw["case"]["3"][2]["connect"]["to"], "+15550000002");
        assert_eq!(sw["case"]["3"][2]["connect"]["from"], "+15550000001");
        assert_eq!(
            sw["case"]["3"][2]["connect"]["call_state_url"],
            "https://cb.example/leg/x/t"
        );
        assert_eq!(
            sw["case"]["3"][2]["connect"]["call_state_events"],
            json!(["answered", "ended"])
        );
        assert_eq!(
            sw["case"]["9"][0]["request"]["body"]["outcome"],
            "stop_calls"
        );
        assert_eq!(
            sw["default"][0]["request"]["body"],
            json!({"key": "${prompt_value}", "outcome": "no_input"})
        );
    }

    #[test]
    fn without_a_front_desk_key_3_is_not_offered() {
        let v = doc(Some("https://x/r"), None, None);
        let sw = &v["sections"]["main"][2]["switch"];
        assert!(sw["case"].get("3").is_none());
        assert!(
            !v["sections"]["main"][1]["prompt"]["play"]
                .as_str()
                .unwrap()
                .contains("Press 3")
        );
    }

    #[test]
    fn message_only_and_machine_detection() {
        let v = doc(None, None, Some("Please call ${envs.x} back."));
        let main = v["sections"]["main"].as_array().unwrap();
        assert_eq!(main[1]["detect_machine"]["detectors"], "amd");
        let on_machine = &main[2]["switch"]["case"]["machine"];
        assert_eq!(
            on_machine[0]["play"]["url"],
            "say:Please call $ {envs.x} back."
        );
        assert!(
            on_machine[1].get("hangup").is_some(),
            "no request without a listener"
        );
        assert_eq!(
            main[3]["play"]["url"],
            "say:Hi $ {envs.secret} % {call.to}, see you Tuesday."
        );
        assert!(main[4].get("hangup").is_some());
        assert!(!v.to_string().contains("prompt"));
    }

    #[test]
    fn attempt_tokens_are_long_and_distinct() {
        let (a, b) = (new_attempt_token(), new_attempt_token());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
        assert_eq!(report_path(&a), format!("/reminders/{a}/key"));
    }
}
