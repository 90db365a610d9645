//! The call modes a person picks — call me first, deliver a message, caller-ID test — and the dial
//! request each one becomes. SWML is built as typed data, so names and messages are never code.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::numbers::send_digits_for_extension;
use crate::signalwire::{CallFlow, DialRequest};
use crate::swml::{Answer, Connect, Document, Play, Step};
use crate::{Error, Result};

/// Voices to offer for spoken messages, as SignalWire names them: engine.voice.
pub const SUGGESTED_VOICES: [&str; 4] = [
    "gcloud.en-US-Neural2-F",
    "gcloud.en-US-Neural2-D",
    "polly.Joanna",
    "polly.Matthew",
];

/// What the message of a "deliver a message" call is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum MessageSource {
    /// Spoken by text-to-speech.
    #[serde(rename_all = "camelCase")]
    Text {
        text: String,
        /// A voice named engine.voice, e.g. `gcloud.en-US-Neural2-F` or `polly.Joanna` (see
        /// [`SUGGESTED_VOICES`]); a bare name resolves against a default engine that can change.
        voice: Option<String>,
        language: Option<String>,
    },
    /// The person's own SWML document at a URL.
    #[serde(rename_all = "camelCase")]
    SwmlUrl { url: String },
}

/// How the call goes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "mode", rename_all = "camelCase")]
pub enum CallMode {
    /// Ring the person's own phone first; when they answer, connect them to the destination.
    #[serde(rename_all = "camelCase")]
    CallMeFirst { my_number: String },
    /// Call the destination and play a message.
    #[serde(rename_all = "camelCase")]
    DeliverMessage { message: MessageSource },
    /// Call a test phone and speak which caller ID and profile were used, and when.
    CallerIdTest,
}

/// Which mode a call was placed in, without its settings: what history keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ModeName {
    CallMeFirst,
    DeliverMessage,
    CallerIdTest,
}

impl ModeName {
    /// Every mode, in the order the call options offer them.
    pub const ALL: [ModeName; 3] = [
        ModeName::CallMeFirst,
        ModeName::DeliverMessage,
        ModeName::CallerIdTest,
    ];

    /// The name as history stores it and IPC carries it (`callMeFirst`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            ModeName::CallMeFirst => "callMeFirst",
            ModeName::DeliverMessage => "deliverMessage",
            ModeName::CallerIdTest => "callerIdTest",
        }
    }

    /// The words shown for it.
    pub fn words(self) -> &'static str {
        match self {
            ModeName::CallMeFirst => "Call me first",
            ModeName::DeliverMessage => "Deliver a message",
            ModeName::CallerIdTest => "Caller-ID test",
        }
    }

    /// The mode a stored name means; an unknown one reads as a message call.
    pub fn parse(text: &str) -> ModeName {
        ModeName::ALL
            .into_iter()
            .find(|m| m.as_str() == text)
            .unwrap_or(ModeName::DeliverMessage)
    }
}

impl CallMode {
    /// Which mode this is.
    pub fn name(&self) -> ModeName {
        match self {
            CallMode::CallMeFirst { .. } => ModeName::CallMeFirst,
            CallMode::DeliverMessage { .. } => ModeName::DeliverMessage,
            CallMode::CallerIdTest => ModeName::CallerIdTest,
        }
    }

    /// A short name for history and logs.
    pub fn label(&self) -> &'static str {
        self.name().as_str()
    }
}

/// Everything needed to turn a mode into a dial.
#[derive(Debug, Clone, PartialEq)]
pub struct CallPlan {
    pub mode: CallMode,
    /// The number (E.164) or SIP address being called: the contact, or the test phone.
    pub destination: String,
    /// Digits to send after the destination answers (an extension), if any.
    pub extension: Option<String>,
    /// The caller ID shown to whoever is called.
    pub caller_id: String,
    /// The number the call is placed from, when it differs from the caller ID shown
    /// (`from` and `caller_id` of the dial); usually `None`.
    pub from: Option<String>,
    /// The profile's name, spoken in caller-ID tests.
    pub profile_name: String,
    pub ring_timeout_s: u32,
    /// Caps the call's length (SWML `answer.max_duration`), seconds.
    pub max_duration_s: Option<u32>,
}

impl CallPlan {
    /// The dial request for this plan. `now_utc` is the time spoken in caller-ID tests,
    /// e.g. "14:05 UTC".
    pub fn dial_request(&self, now_utc: &str) -> Result<DialRequest> {
        let answer = Step::Answer(Answer {
            max_duration: self.max_duration_s,
        });
        let mut request = match &self.mode {
            CallMode::CallMeFirst { my_number } => {
                if my_number.trim().is_empty() {
                    return Err(Error::InvalidRequest {
                        field: "my_number",
                        reason: "\"call me first\" needs your own phone number in the profile"
                            .into(),
                    });
                }
                let steps = vec![
                    answer,
                    Step::play(Play::say("Connecting your call.")),
                    Step::Connect(Connect {
                        to: self.destination.clone(),
                        from: Some(self.caller_id.clone()),
                        timeout: Some(self.ring_timeout_s),
                        ..Connect::default()
                    }),
                    Step::hangup(),
                ];
                // The first leg rings the person's own phone; the destination is the second leg.
                DialRequest::new(&self.caller_id, my_number, Document::new(steps))
            }
            CallMode::DeliverMessage { message } => {
                let flow = match message {
                    MessageSource::Text {
                        text,
                        voice,
                        language,
                    } => {
                        if text.trim().is_empty() {
                            return Err(Error::InvalidRequest {
                                field: "message",
                                reason: "the message to speak is empty".into(),
                            });
                        }
                        let mut play = Play::say(text);
                        if let Some(v) = voice.as_deref().filter(|v| !v.is_empty()) {
                            play = play.voice(v);
                        }
                        if let Some(l) = language.as_deref().filter(|l| !l.is_empty()) {
                            play = play.language(l);
                        }
                        CallFlow::Swml(Document::new(vec![
                            answer,
                            Step::play(play),
                            Step::hangup(),
                        ]))
                    }
                    MessageSource::SwmlUrl { url } => CallFlow::url(url.trim()),
                };
                let mut request = DialRequest::new(&self.caller_id, &self.destination, flow);
                request.send_digits = self
                    .extension
                    .as_deref()
                    .map(send_digits_for_extension)
                    .filter(|d| !d.is_empty());
                request
            }
            CallMode::CallerIdTest => {
                let text = format!(
                    "This is a Callpad caller I D test. The caller I D is {}. The profile is {}. The time is {}. Again, the caller I D is {}.",
                    spell_digits(&self.caller_id),
                    self.profile_name,
                    now_utc,
                    spell_digits(&self.caller_id),
                );
                let steps = vec![answer, Step::play(Play::say(&text)), Step::hangup()];
                DialRequest::new(&self.caller_id, &self.destination, Document::new(steps))
            }
        };
        if let Some(from) = self.from.as_deref().filter(|f| *f != self.caller_id) {
            request.from = from.to_owned();
            request.caller_id = Some(self.caller_id.clone());
        }
        request.timeout = Some(self.ring_timeout_s);
        Ok(request)
    }
}

/// "+12065550100" → "plus 1, 2 0 6, 5 5 5, 0 1 0 0" style: every digit spoken on its own.
fn spell_digits(number: &str) -> String {
    let mut out = String::new();
    for ch in number.chars() {
        if ch == '+' {
            out.push_str("plus ");
        } else if ch.is_ascii_digit() {
            out.push(ch);
            out.push(' ');
        } else {
            out.push(ch);
        }
    }
    out.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn plan(mode: CallMode) -> CallPlan {
        CallPlan {
            mode,
            destination: "+442079460958".into(),
            extension: None,
            caller_id: "+12065550100".into(),
            from: None,
            profile_name: "Front desk".into(),
            ring_timeout_s: crate::profiles::DEFAULT_RING_TIMEOUT_S,
            max_duration_s: Some(600),
        }
    }

    fn main_steps(request: &DialRequest) -> Vec<Value> {
        let body = request.to_body();
        body["params"]["swml"]["sections"]["main"]
            .as_array()
            .unwrap()
            .clone()
    }

    #[test]
    fn call_me_first_rings_me_then_connects_the_contact() {
        let r = plan(CallMode::CallMeFirst {
            my_number: "+13125550142".into(),
        })
        .dial_request("10:00 UTC")
        .unwrap();
        assert_eq!(r.to, "+13125550142");
        assert_eq!(r.from, "+12065550100");
        assert_eq!(r.timeout, Some(25));
        let steps = main_steps(&r);
        assert_eq!(steps[0]["answer"]["max_duration"], 600);
        assert_eq!(steps[2]["connect"]["to"], "+442079460958");
        assert_eq!(steps[2]["connect"]["from"], "+12065550100");
        assert_eq!(steps[2]["connect"]["timeout"], 25);
        assert!(steps[3].get("hangup").is_some());
    }

    #[test]
    fn call_me_first_needs_my_number() {
        let err = plan(CallMode::CallMeFirst {
            my_number: " ".into(),
        })
        .dial_request("x")
        .unwrap_err();
        assert!(err.to_string().contains("your own phone number"), "{err}");
    }

    #[test]
    fn a_message_is_data_whatever_it_holds() {
        let text = "Hi \"Ann\" — ${envs.secret} {braces}\nnew line";
        let mut p = plan(CallMode::DeliverMessage {
            message: MessageSource::Text {
                text: text.into(),
                voice: Some("gcloud.en-US-Neural2-F".into()),
                language: None,
            },
        });
        p.extension = Some("123".into());
        let r = p.dial_request("x").unwrap();
        assert_eq!(r.to, "+442079460958");
        assert_eq!(r.send_digits.as_deref(), Some("ww123"));
        let steps = main_steps(&r);
        let spoken = "Hi \"Ann\" — $ {envs.secret} {braces}\nnew line";
        assert_eq!(steps[1]["play"]["url"], format!("say:{spoken}"));
        assert_eq!(steps[1]["play"]["say_voice"], "gcloud.en-US-Neural2-F");
    }

    #[test]
    fn a_message_can_be_the_users_own_swml_url() {
        let r = plan(CallMode::DeliverMessage {
            message: MessageSource::SwmlUrl {
                url: "https://example.com/reminder.yaml".into(),
            },
        })
        .dial_request("x")
        .unwrap();
        let body = r.to_body();
        assert_eq!(body["params"]["url"], "https://example.com/reminder.yaml");
        assert!(body["params"].get("swml").is_none());
    }

    #[test]
    fn an_empty_message_is_refused() {
        let err = plan(CallMode::DeliverMessage {
            message: MessageSource::Text {
                text: "  ".into(),
                voice: None,
                language: None,
            },
        })
        .dial_request("x")
        .unwrap_err();
        assert!(err.to_string().contains("empty"), "{err}");
    }

    #[test]
    fn caller_id_test_speaks_the_caller_id_profile_and_time() {
        let r = plan(CallMode::CallerIdTest)
            .dial_request("14:05 UTC")
            .unwrap();
        assert_eq!(r.from, "+12065550100");
        let steps = main_steps(&r);
        let said = steps[1]["play"]["url"].as_str().unwrap();
        assert!(said.starts_with("say:"));
        assert!(said.contains("plus 1 2 0 6 5 5 5 0 1 0 0"), "{said}");
        assert!(said.contains("Front desk"), "{said}");
        assert!(said.contains("14:05 UTC"), "{said}");
    }

    #[test]
    fn a_separate_from_number_keeps_the_caller_id_apart() {
        let mut p = plan(CallMode::CallerIdTest);
        p.from = Some("+13125550142".into());
        let r = p.dial_request("x").unwrap();
        assert_eq!(r.from, "+13125550142");
        assert_eq!(r.caller_id.as_deref(), Some("+12065550100"));
        p.from = Some("+12065550100".into());
        assert_eq!(p.dial_request("x").unwrap().caller_id, None);
    }

    #[test]
    fn modes_cross_ipc_as_tagged_objects() {
        let json = serde_json::to_value(CallMode::CallMeFirst {
            my_number: "+1".into(),
        })
        .unwrap();
        assert_eq!(
            json,
            serde_json::json!({"mode": "callMeFirst", "myNumber": "+1"})
        );
    }
}
