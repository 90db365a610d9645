//! Fuzzes the SWML Callpad builds from a person's text: spoken messages (with voice and language),
//! caller-ID tests (the profile's name is spoken), `Document::say_and_hang_up` and prompts.
//! Invariants: no panic; the serialised body parses back; no string in it holds a `${` or `%{`
//! (a SWML variable) — only user text goes in, so any would have come from it; and the text is
//! spoken as written, but for the space that breaks a `${`/`%{`.
#![no_main]

use callpad_core::calls::{CallMode, CallPlan, MessageSource};
use callpad_core::swml::{Document, Play, Prompt, Step, say_url};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// Every string in the JSON, keys included.
fn strings<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::String(s) => out.push(s),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => {
            for (k, v) in map {
                out.push(k);
                strings(v, out);
            }
        }
        _ => {}
    }
}

fn assert_no_variables(json: &str, what: &str) {
    let value: Value = serde_json::from_str(json).expect("serialised SWML parses back");
    let mut all = Vec::new();
    strings(&value, &mut all);
    for s in all {
        assert!(
            !s.contains("${") && !s.contains("%{"),
            "{what}: a SWML variable from user text in {s:?}"
        );
    }
    assert!(
        !json.contains("${") && !json.contains("%{"),
        "{what}: {json}"
    );
}

/// What is left when the neutralising space is taken out again.
fn unbroken(s: &str) -> String {
    s.replace("$ {", "${").replace("% {", "%{")
}

fn plan(mode: CallMode, profile_name: &str) -> CallPlan {
    CallPlan {
        mode,
        destination: "+442079460958".into(),
        extension: Some("12".into()),
        caller_id: "+12065550100".into(),
        from: None,
        profile_name: profile_name.into(),
        ring_timeout_s: 25,
        max_duration_s: Some(600),
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(4, '\u{1f}');
    let message = parts.next().unwrap_or("").to_owned();
    let voice = parts.next().map(str::to_owned);
    let language = parts.next().map(str::to_owned);
    let profile_name = parts.next().unwrap_or("Front desk").to_owned();

    // The say: URL keeps the text but for the neutralising space.
    let url = say_url(&message);
    assert_eq!(unbroken(&url), format!("say:{}", unbroken(&message)));

    let deliver = plan(
        CallMode::DeliverMessage {
            message: MessageSource::Text {
                text: message.clone(),
                voice: voice.clone(),
                language: language.clone(),
            },
        },
        &profile_name,
    );
    if let Ok(request) = deliver.dial_request("14:05 UTC") {
        let body = request.to_body().to_string();
        assert_no_variables(&body, "deliver a message");
    } else {
        assert!(
            message.trim().is_empty(),
            "only an empty message is refused"
        );
    }
    let test = plan(CallMode::CallerIdTest, &profile_name);
    let request = test
        .dial_request(&message)
        .expect("a caller-ID test is always built");
    assert_no_variables(&request.to_body().to_string(), "caller-ID test");

    let mut play = Play::say(&message);
    if let Some(v) = &voice {
        play = play.voice(v.as_str());
    }
    if let Some(l) = &language {
        play = play.language(l.as_str());
    }
    let doc = Document::new(vec![
        Step::answer(),
        Step::play(play),
        Step::Prompt(Prompt::new(say_url(&profile_name))),
        Step::hangup(),
    ]);
    let json = serde_json::to_string(&doc).expect("SWML serialises");
    assert_no_variables(&json, "document");
    let back: Document = serde_json::from_str(&json).expect("SWML reads back");
    assert_eq!(back, doc);
    assert_no_variables(
        &serde_json::to_string(&Document::say_and_hang_up(&message)).unwrap(),
        "say_and_hang_up",
    );
});
