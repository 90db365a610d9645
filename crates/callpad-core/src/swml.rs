//! SWML (SignalWire Markup Language) as typed data: the call flows Callpad sends inline with a dial.
//! Built and serialised with serde, never by pasting text into a template; it does not run SWML.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The only SWML version there is.
pub const VERSION: &str = "1.0.0";

/// A whole SWML document: `{"version":"1.0.0","sections":{"main":[…]}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub version: String,
    pub sections: Sections,
}

/// The named step lists; `main` runs first.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Sections {
    pub main: Vec<Step>,
    /// Other sections, reachable with `execute`/`transfer`.
    #[serde(flatten)]
    pub other: BTreeMap<String, Vec<Step>>,
}

impl Document {
    /// A document whose `main` section is `steps`.
    pub fn new(steps: Vec<Step>) -> Self {
        Document {
            version: VERSION.to_owned(),
            sections: Sections {
                main: steps,
                other: BTreeMap::new(),
            },
        }
    }

    /// Answer, speak `text`, hang up: the flow of a spoken message.
    pub fn say_and_hang_up(text: &str) -> Self {
        Document::new(vec![
            Step::answer(),
            Step::play(Play::say(text)),
            Step::hangup(),
        ])
    }
}

/// One SWML step; serialises as a one-key object such as `{"play":{"url":"say:Hi"}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Answer(Answer),
    Play(Play),
    Prompt(Prompt),
    Switch(Switch),
    Request(Request),
    Connect(Connect),
    Hangup(Hangup),
    /// Answering-machine detection; the result is in `detect_result` (`machine`, `human`, …).
    DetectMachine(DetectMachine),
    /// Sets script variables, e.g. `{"set":{"say_voice":"gcloud.en-US-Neural2-A"}}`.
    Set(BTreeMap<String, Value>),
}

impl Step {
    pub fn answer() -> Self {
        Step::Answer(Answer::default())
    }

    pub fn play(play: Play) -> Self {
        Step::Play(play)
    }

    pub fn hangup() -> Self {
        Step::Hangup(Hangup::default())
    }
}

/// Picks up the call. `max_duration` (seconds) caps the call's length; dial has no such field.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Answer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_duration: Option<u32>,
}

/// What `play` plays: one URL or several in turn. A URL is `say:Text`, `silence:2` or audio.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Media {
    One { url: String },
    Many { urls: Vec<String> },
}

/// Plays audio or speech. There is no separate `say` step: speech is `play` with a `say:` URL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Play {
    #[serde(flatten)]
    pub media: Media,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub say_voice: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub say_language: Option<String>,
}

impl Play {
    /// Plays one URL (audio file, `say:…` or `silence:…`).
    pub fn url(url: impl Into<String>) -> Self {
        Play {
            media: Media::One { url: url.into() },
            say_voice: None,
            say_language: None,
        }
    }

    /// Plays several URLs in turn.
    pub fn urls(urls: Vec<String>) -> Self {
        Play {
            media: Media::Many { urls },
            say_voice: None,
            say_language: None,
        }
    }

    /// Speaks `text` (any text: quotes, braces, newlines are kept as they are).
    pub fn say(text: &str) -> Self {
        Play::url(say_url(text))
    }

    /// Silence for `seconds`.
    pub fn silence(seconds: f64) -> Self {
        Play::url(silence_url(seconds))
    }

    /// The voice to speak with; like spoken text, it cannot expand a SWML variable.
    pub fn voice(mut self, voice: impl Into<String>) -> Self {
        self.say_voice = Some(neutralise_variables(&voice.into()));
        self
    }

    /// The language to speak in; like spoken text, it cannot expand a SWML variable.
    pub fn language(mut self, language: impl Into<String>) -> Self {
        self.say_language = Some(neutralise_variables(&language.into()));
        self
    }
}

/// `say:` + text, the URL form of speech. The text cannot expand a SWML variable: see
/// [`neutralise_variables`].
pub fn say_url(text: &str) -> String {
    format!("say:{}", neutralise_variables(text))
}

/// `text` with every `${` and `%{` (how SWML writes a variable, e.g. `${envs.secret}`) broken by
/// a space, `$ {` and `% {`, so text from a person is spoken as written and never expands a
/// variable. Everything else is kept as it is.
pub fn neutralise_variables(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if matches!(c, '$' | '%') && chars.peek() == Some(&'{') {
            out.push(' ');
        }
    }
    out
}

/// `silence:` + seconds.
pub fn silence_url(seconds: f64) -> String {
    format!("silence:{seconds}")
}

/// One URL or a list of them (how `prompt.play` is written).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// Plays something and collects digits into `prompt_value`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prompt {
    pub play: OneOrMany,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_digits: Option<u32>,
    /// Keys that end input, e.g. `#`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminators: Option<String>,
    /// Seconds to wait for the first digit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_timeout: Option<f64>,
    /// Seconds to wait between digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digit_timeout: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub say_voice: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub say_language: Option<String>,
}

impl Prompt {
    pub fn new(play: impl Into<String>) -> Self {
        Prompt {
            play: OneOrMany::One(play.into()),
            max_digits: None,
            terminators: None,
            initial_timeout: None,
            digit_timeout: None,
            say_voice: None,
            say_language: None,
        }
    }
}

/// Branches on a variable's value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Switch {
    pub variable: String,
    pub case: BTreeMap<String, Vec<Step>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Vec<Step>>,
}

/// Sends an HTTP request from the call flow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub url: String,
    /// `GET`, `POST`, `PUT`, `DELETE`.
    pub method: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
}

/// Bridges the call to another number or SIP address (the second leg).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Connect {
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Ring timeout in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<u32>,
    /// Where SignalWire posts the second leg's own `calling.call.state` callbacks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_state_url: Option<String>,
    /// Which of the second leg's states to post (SignalWire's default: `["ended"]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub call_state_events: Vec<String>,
}

/// Listens to who answered: `{"detect_machine":{"detectors":"amd","detect_message_end":true}}`
/// waits for the greeting's end (the beep) before the flow goes on when it is a machine.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DetectMachine {
    /// `amd`, `fax` or `amd,fax`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detectors: Option<String>,
    /// Stop detecting at the beep / end of the greeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detect_message_end: Option<bool>,
    /// Seconds to detect for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<f64>,
}

/// Ends the call: `{"hangup":{}}`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Hangup {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn spoken_message_document_has_the_documented_shape() {
        let doc = Document::say_and_hang_up("Hello");
        assert_eq!(
            serde_json::to_value(&doc).unwrap(),
            json!({"version":"1.0.0","sections":{"main":[
                {"answer":{}},{"play":{"url":"say:Hello"}},{"hangup":{}}]}})
        );
    }

    #[test]
    fn hostile_text_round_trips_as_data() {
        let text = "Hi \"Bob\" {\"x\":1} ${envs.secret} %{call.from}\nline two\\ 'single' </end>";
        let doc = Document::say_and_hang_up(text);
        let json = serde_json::to_string(&doc).unwrap();

        let parsed: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            parsed["sections"]["main"][1]["play"]["url"],
            "say:Hi \"Bob\" {\"x\":1} $ {envs.secret} % {call.from}\nline two\\ 'single' </end>"
        );
        assert_eq!(parsed["sections"]["main"].as_array().unwrap().len(), 3);
        assert_eq!(
            parsed.as_object().unwrap().len(),
            2,
            "no keys injected: {json}"
        );

        let back: Document = serde_json::from_str(&json).unwrap();
        assert_eq!(back, doc);
    }

    #[test]
    fn spoken_text_cannot_expand_a_variable() {
        // Found by the `swml` fuzz target: `${…}`/`%{…}` in a message went out as written.
        for (text, spoken) in [
            ("${envs.secret}", "$ {envs.secret}"),
            ("%{call.from}", "% {call.from}"),
            ("$${x} %%{y}", "$$ {x} %% {y}"),
            ("$ {already} {plain} $5 100%", "$ {already} {plain} $5 100%"),
            ("${", "$ {"),
            ("é${😀}", "é$ {😀}"),
        ] {
            assert_eq!(say_url(text), format!("say:{spoken}"), "{text:?}");
        }
        let play = Play::say("x").voice("${envs.v}").language("%{lang}");
        assert_eq!(play.say_voice.as_deref(), Some("$ {envs.v}"));
        assert_eq!(play.say_language.as_deref(), Some("% {lang}"));
    }

    #[test]
    fn every_step_serialises_as_a_one_key_object() {
        let mut vars = BTreeMap::new();
        vars.insert("say_voice".to_owned(), json!("gcloud.en-US-Neural2-A"));
        let mut case = BTreeMap::new();
        case.insert("1".to_owned(), vec![Step::play(Play::say("One"))]);
        let doc = Document::new(vec![
            Step::Answer(Answer {
                max_duration: Some(300),
            }),
            Step::Set(vars),
            Step::play(
                Play::urls(vec![say_url("a"), silence_url(2.0)])
                    .voice("polly.Joanna")
                    .language("en-US"),
            ),
            Step::Prompt(Prompt {
                max_digits: Some(1),
                terminators: Some("#".into()),
                initial_timeout: Some(5.0),
                digit_timeout: Some(2.5),
                ..Prompt::new(say_url("Press 1"))
            }),
            Step::Switch(Switch {
                variable: "prompt_value".into(),
                case,
                default: Some(vec![Step::hangup()]),
            }),
            Step::Request(Request {
                url: "https://example.com/hook".into(),
                method: "POST".into(),
                headers: Some(BTreeMap::from([("X-Test".to_owned(), "1".to_owned())])),
                body: Some(json!({"digit":"${prompt_value}"})),
            }),
            Step::Connect(Connect {
                to: "+15551234567".into(),
                from: Some("+12065550100".into()),
                timeout: Some(20),
                call_state_url: Some("https://hooks.example.com/leg/t/1".into()),
                call_state_events: vec!["ringing".into(), "answered".into(), "ended".into()],
            }),
            Step::hangup(),
        ]);
        let value = serde_json::to_value(&doc).unwrap();
        let main = value["sections"]["main"].as_array().unwrap();
        for step in main {
            assert_eq!(step.as_object().unwrap().len(), 1, "{step}");
        }
        assert_eq!(main[0], json!({"answer":{"max_duration":300}}));
        assert_eq!(
            main[1],
            json!({"set":{"say_voice":"gcloud.en-US-Neural2-A"}})
        );
        assert_eq!(
            main[2],
            json!({"play":{"urls":["say:a","silence:2"],"say_voice":"polly.Joanna","say_language":"en-US"}})
        );
        assert_eq!(
            main[3],
            json!({"prompt":{"play":"say:Press 1","max_digits":1,"terminators":"#",
                             "initial_timeout":5.0,"digit_timeout":2.5}})
        );
        assert_eq!(
            main[4],
            json!({"switch":{"variable":"prompt_value","case":{"1":[{"play":{"url":"say:One"}}]},
                             "default":[{"hangup":{}}]}})
        );
        assert_eq!(main[5]["request"]["headers"]["X-Test"], "1");
        assert_eq!(
            main[6],
            json!({"connect":{"to":"+15551234567","from":"+12065550100","timeout":20,
                "call_state_url":"https://hooks.example.com/leg/t/1",
                "call_state_events":["ringing","answered","ended"]}})
        );
        assert_eq!(main[7], json!({"hangup":{}}));

        let back: Document = serde_json::from_value(value).unwrap();
        assert_eq!(back, doc);
    }

    #[test]
    fn other_sections_sit_beside_main() {
        let mut doc = Document::say_and_hang_up("x");
        doc.sections
            .other
            .insert("voicemail".into(), vec![Step::play(Play::silence(1.5))]);
        let value = serde_json::to_value(&doc).unwrap();
        assert_eq!(
            value["sections"]["voicemail"][0]["play"]["url"],
            "silence:1.5"
        );
    }
}
