//! Running an answered call's inline SWML step by step on the practice clock: `answer`, `play`,
//! `prompt`, `switch`, `request` (performed for real), `connect` (a second leg, as in
//! `lifecycle.rs`), `hangup`, `detect_machine`, `set`, `unset`, `sleep`, `label`. A `switch` case
//! runs, then the steps after the `switch`; the end of `main` hangs up. Any other method stops the
//! script with an error event and hangs up. What the far end does is `callee.rs`.

mod callee;
pub(crate) mod document;
mod media;
mod request;
mod vars;

use std::sync::Arc;

use serde_json::{Map, Value, json};

use crate::calling::call::{CallState, EndReason, SwmlEvent};
use crate::calling::{lifecycle, validate};
use crate::outcome::{Callee, Outcome};
use crate::space::Space;
use vars::Vars;

pub use callee::{HUMAN_DETECT_MS, MACHINE_BEEP_MS, MACHINE_DETECT_MS};
pub use media::{AUDIO_FILE_SECS, ONE_RING_SECS};
pub use request::REQUEST_CAP;

/// `answer.max_duration`'s default (seconds): SignalWire's 4 hours.
const DEFAULT_MAX_DURATION_SECS: u64 = 14_400;

/// What to do after a step.
enum Flow {
    Next,
    /// Run these steps, then go on after the current one.
    Enter(Vec<Value>),
    /// The call has ended (or the script stopped it).
    Stop,
}

/// One running script.
struct Run {
    space: Arc<Space>,
    id: String,
    callee: Callee,
    vars: Vars,
    /// The simulated time the script has reached.
    at_ms: u64,
    /// When `answer.max_duration` ends the call.
    deadline_ms: u64,
}

/// Runs `document` for call `id`, answered at `answered_ms`, until it hangs up.
pub(crate) async fn run(space: Arc<Space>, id: String, document: Value, answered_ms: u64) {
    let Some(mut run) = Run::new(space, id, answered_ms) else {
        return;
    };
    let main = document::main(&document).cloned().unwrap_or_default();
    let mut frames: Vec<(Vec<Value>, usize)> = vec![(main, 0)];
    while let Some((steps, index)) = frames.last_mut() {
        let Some(step) = steps.get(*index).cloned() else {
            frames.pop();
            continue;
        };
        *index += 1;
        let flow = run.step(&step).await;
        run.save_vars();
        match flow {
            Flow::Next => {}
            Flow::Enter(steps) => frames.push((steps, 0)),
            Flow::Stop => return,
        }
    }
    // The end of the script ends the call.
    run.end(EndReason::Hangup);
}

impl Run {
    fn new(space: Arc<Space>, id: String, answered_ms: u64) -> Option<Self> {
        let (callee, vars) = {
            let book = space.calls();
            let call = book.get(&id)?;
            let mut vars = Vars::default();
            let call_type = if call.is_sip() { "sip" } else { "phone" };
            for (key, value) in [
                ("call_id", json!(call.id)),
                ("node_id", json!(space.node_id)),
                ("segment_id", json!(call.id)),
                ("call_state", json!("answered")),
                ("direction", json!("outbound")),
                ("type", json!(call_type)),
                ("from", json!(call.dial.from)),
                ("to", json!(call.dial.to)),
                ("headers", json!([])),
                ("project_id", json!(space.project_id)),
                ("space_id", json!(space.space_id)),
            ] {
                vars.call.insert(key.to_owned(), value);
            }
            vars.envs = call.dial.custom_variables.clone();
            (call.callee, vars)
        };
        Some(Self {
            space,
            id,
            callee,
            vars,
            at_ms: answered_ms,
            deadline_ms: answered_ms.saturating_add(DEFAULT_MAX_DURATION_SECS * 1000),
        })
    }

    async fn step(&mut self, step: &Value) -> Flow {
        let Some((name, params)) = document::method(step) else {
            return self.fail("", "a SWML step must be an object with exactly one method");
        };
        let params = params.clone();
        match name {
            "answer" => {
                if let Some(secs) = request::number(params.get("max_duration"), &self.vars) {
                    let ms = (secs.max(0.0) * 1000.0) as u64;
                    self.deadline_ms = self.started_ms().saturating_add(ms);
                }
                Flow::Next
            }
            "play" => {
                let mut urls = media::urls(params.get("url"), &self.vars);
                urls.extend(media::urls(params.get("urls"), &self.vars));
                self.wait_for(media::duration_ms(&urls, self.space.ms_per_word))
                    .await
            }
            "prompt" => self.prompt(&params).await,
            "switch" => self.switch(&params),
            "request" => self.request(&params).await,
            "connect" => self.connect(&params).await,
            "detect_machine" => self.detect(&params).await,
            "hangup" => {
                let reason = params.get("reason").and_then(Value::as_str);
                self.end(match reason {
                    Some("busy") => EndReason::Busy,
                    Some("decline") => EndReason::Decline,
                    _ => EndReason::Hangup,
                });
                Flow::Stop
            }
            "set" => match params {
                Value::Object(values) => {
                    for (key, value) in values {
                        let value = self.vars.expand_value(&value);
                        self.vars.set(&key, value);
                    }
                    Flow::Next
                }
                _ => self.fail(name, "set takes an object of variables"),
            },
            "unset" => {
                let names = match params.get("vars").unwrap_or(&params) {
                    Value::String(one) => vec![one.clone()],
                    Value::Array(many) => many
                        .iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect(),
                    _ => Vec::new(),
                };
                for name in names {
                    self.vars.vars.remove(&name);
                }
                Flow::Next
            }
            "sleep" => {
                let ms = request::number(params.get("duration").or(Some(&params)), &self.vars);
                self.wait_for(ms.unwrap_or(0.0).max(0.0) as u64).await
            }
            "label" => Flow::Next,
            other => self.fail(
                other,
                &format!("the practice space does not run the SWML method {other:?}"),
            ),
        }
    }

    async fn prompt(&mut self, params: &Value) -> Flow {
        let urls = media::urls(params.get("play"), &self.vars);
        if let Flow::Stop = self
            .wait_for(media::duration_ms(&urls, self.space.ms_per_word))
            .await
        {
            return Flow::Stop;
        }
        let got = callee::prompt(self.callee, params, &self.vars);
        if let Flow::Stop = self.wait_for(got.after_ms).await {
            return Flow::Stop;
        }
        self.vars.set("prompt_result", got.result);
        self.vars.set("prompt_value", got.value.clone());
        if let Some(key) = got.terminator {
            self.vars.set("prompt_digit_terminator", key.to_string());
        }
        self.event(
            "swml_prompt",
            "info",
            json!({ "prompt_result": got.result, "prompt_value": got.value }),
        );
        Flow::Next
    }

    fn switch(&mut self, params: &Value) -> Flow {
        let Some(variable) = params.get("variable").and_then(Value::as_str) else {
            return self.fail("switch", "switch needs a variable");
        };
        let value = self.vars.text(variable);
        let chosen = params
            .get("case")
            .and_then(Value::as_object)
            .and_then(|cases| cases.get(&value))
            .or_else(|| params.get("default"));
        match chosen {
            Some(Value::Array(steps)) => Flow::Enter(steps.clone()),
            _ => Flow::Next,
        }
    }

    async fn request(&mut self, params: &Value) -> Flow {
        let client = self.space.swml_http.clone();
        let report = request::perform(&client, params, &mut self.vars).await;
        self.at_ms = self.at_ms.max(self.space.clock.now_ms());
        if let Some(error) = &report.error {
            tracing::warn!(call_id = %self.id, %error, "practice SWML request failed");
        }
        self.event(
            "swml_request",
            "info",
            json!({ "method": report.method, "request_result": report.result,
                    "request_response_code": report.code, "error": report.error }),
        );
        if !self.live() {
            return Flow::Stop;
        }
        // `result`: a switch on `return_value`.
        match params.get("result") {
            Some(Value::Object(result)) => {
                let mut switch = Map::clone(result);
                switch.insert("variable".to_owned(), json!("return_value"));
                self.switch(&Value::Object(switch))
            }
            _ => Flow::Next,
        }
    }

    async fn connect(&mut self, params: &Value) -> Flow {
        let expanded = self.vars.expand_value(params);
        let step = match expanded.as_object().map(validate::connect_step) {
            Some(Ok(step)) => step,
            Some(Err(errors)) => {
                let message = errors.first().map_or("", |e| e.message.as_str()).to_owned();
                return self.fail("connect", &message);
            }
            None => return self.fail("connect", "connect takes an object with a to"),
        };
        let leg = {
            let mut book = self.space.calls();
            lifecycle::start_leg(&self.space, &mut book, &self.id, self.at_ms, step)
        };
        let Some((_, leg_end, outcome)) = leg else {
            return Flow::Stop;
        };
        let waited = self.wait_for(leg_end.saturating_sub(self.at_ms)).await;
        let result = if outcome == Outcome::Answer {
            "connected"
        } else {
            "failed"
        };
        self.vars.set("connect_result", result);
        self.event("swml_connect", "info", json!({ "connect_result": result }));
        waited
    }

    async fn detect(&mut self, params: &Value) -> Flow {
        let got = callee::detect(self.callee, params, &self.vars);
        let waits = params
            .get("wait")
            .is_none_or(|w| request::truthy(Some(w), &self.vars));
        if waits && let Flow::Stop = self.wait_for(got.after_ms).await {
            return Flow::Stop;
        }
        self.vars.set("detect_result", got.result);
        self.vars.set("detect_machine_beep", got.beep);
        self.vars.set("detect_ms", got.after_ms);
        self.event(
            "swml_detect_machine",
            "info",
            json!({ "detect_result": got.result }),
        );
        if let Some(url) = params.get("status_url").and_then(Value::as_str) {
            let body = json!({
                "event_type": "calling.call.detect",
                "event_channel": format!("swml:{}", self.id),
                "timestamp": self.at_ms as f64 / 1000.0,
                "project_id": self.space.project_id,
                "space_id": self.space.space_id,
                "params": {
                    "control_id": crate::ids::uuid_v4(),
                    "detect": { "type": "machine", "params": { "event": got.result.to_ascii_uppercase() } },
                    "call_id": self.id,
                    "node_id": self.space.node_id,
                    "segment_id": self.id,
                },
            });
            let url = self.vars.expand(url);
            self.space
                .webhooks
                .enqueue(url, serde_json::to_vec(&body).unwrap_or_default());
        }
        Flow::Next
    }

    /// Waits `ms` of simulated time; `Stop` if the call ended meanwhile or hit `max_duration`.
    async fn wait_for(&mut self, ms: u64) -> Flow {
        let target = self.at_ms.saturating_add(ms);
        let until = target.min(self.deadline_ms);
        self.space.clock.sleep_until(until).await;
        self.at_ms = until;
        if !self.live() {
            return Flow::Stop;
        }
        if target > self.deadline_ms {
            self.end(EndReason::Hangup);
            return Flow::Stop;
        }
        Flow::Next
    }

    fn started_ms(&self) -> u64 {
        self.space
            .calls()
            .get(&self.id)
            .and_then(|c| c.answer_ms)
            .unwrap_or(self.at_ms)
    }

    fn live(&self) -> bool {
        self.space
            .calls()
            .get(&self.id)
            .is_some_and(|c| c.is_live())
    }

    fn end(&self, reason: EndReason) {
        let mut book = self.space.calls();
        if let Some(call) = book.get_mut(&self.id)
            && call.is_live()
        {
            lifecycle::transition(
                &self.space,
                call,
                CallState::Ended,
                self.at_ms,
                Some(reason),
            );
        }
    }

    /// Stops the script on a step it cannot run: an `error` event naming it, then hang up.
    fn fail(&self, method: &str, message: &str) -> Flow {
        tracing::warn!(call_id = %self.id, method, message, "practice SWML script stopped");
        self.event(
            "swml_error",
            "error",
            json!({ "method": method, "message": message }),
        );
        self.end(EndReason::Hangup);
        Flow::Stop
    }

    fn event(&self, name: &'static str, level: &'static str, details: Value) {
        if let Some(call) = self.space.calls().get_mut(&self.id) {
            call.swml_events.push(SwmlEvent {
                at_ms: self.at_ms,
                name,
                level,
                details,
            });
        }
    }

    fn save_vars(&self) {
        if let Some(call) = self.space.calls().get_mut(&self.id) {
            call.swml_vars = self.vars.vars.clone();
        }
    }
}
