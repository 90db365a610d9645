//! Following a call without a public webhook: `GET /api/voice/logs/{id}` (its current state) and
//! `/events` (its timeline). A log can appear a few seconds after the dial; callers poll.

use std::collections::BTreeMap;

use reqwest::Method;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::call::check_call_id;
use super::client::Client;
use super::lenient;
use super::wire_enum::wire_enum;
use crate::Result;

wire_enum! {
    /// A call's state as the voice log reports it (a different vocabulary from the calling API).
    pub enum LogStatus {
        Queued = "queued",
        Initiated = "initiated",
        Created = "created",
        Ringing = "ringing",
        Answered = "answered",
        InProgress = "in-progress" | "in_progress",
        Joined = "joined",
        Ending = "ending",
        Ended = "ended",
        Completed = "completed",
        Busy = "busy",
        Failed = "failed",
        NoAnswer = "no-answer" | "no_answer",
        Canceled = "canceled" | "cancelled",
    }
}

impl LogStatus {
    /// True once the call is over.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            LogStatus::Ended
                | LogStatus::Completed
                | LogStatus::Busy
                | LogStatus::Failed
                | LogStatus::NoAnswer
                | LogStatus::Canceled
        )
    }
}

/// One call's log entry. Anything beyond the common fields is kept in `extra`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VoiceLog {
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub id: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub from: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub to: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub direction: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_any")]
    pub status: Option<LogStatus>,
    /// Seconds.
    #[serde(default, deserialize_with = "lenient::opt_f64")]
    pub duration: Option<f64>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub created_at: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_f64")]
    pub charge: Option<f64>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// One entry of a call's timeline. SignalWire's field names vary, so the common ones are picked
/// out and the whole entry is kept in `raw`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VoiceLogEvent {
    /// What happened (`type`, `event_type`, `event` or `name`).
    pub kind: Option<String>,
    /// The call state it reports (`status`, `call_state` or `state`), if any.
    pub status: Option<String>,
    /// When (`timestamp`, `created_at` or `time`), as sent.
    pub timestamp: Option<Value>,
    pub raw: Value,
}

impl<'de> Deserialize<'de> for VoiceLogEvent {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        let raw = Value::deserialize(de)?;
        let pick = |keys: &[&str]| {
            keys.iter()
                .filter_map(|k| raw.get(*k).or_else(|| raw.get("params")?.get(*k)))
                .find(|v| !v.is_null())
                .cloned()
        };
        let text = |keys: &[&str]| {
            pick(keys).map(|v| match v {
                Value::String(s) => s,
                other => other.to_string(),
            })
        };
        Ok(VoiceLogEvent {
            kind: text(&["type", "event_type", "event", "name"]),
            status: text(&["status", "call_state", "state"]),
            timestamp: pick(&["timestamp", "created_at", "time"]),
            raw,
        })
    }
}

impl Client {
    /// The log entry of one call (404 → [`crate::Error::NotFound`] until it appears).
    pub async fn voice_log(&self, call_id: &str) -> Result<VoiceLog> {
        check_call_id(call_id)?;
        let url = self.space().endpoint(&["api", "voice", "logs", call_id]);
        self.request_json(
            Method::GET,
            &url,
            None,
            &format!("voice log for call {call_id}"),
        )
        .await
    }

    /// A call's timeline, oldest first as SignalWire sends it (all pages).
    pub async fn voice_log_events(&self, call_id: &str) -> Result<Vec<VoiceLogEvent>> {
        check_call_id(call_id)?;
        let url = self
            .space()
            .endpoint(&["api", "voice", "logs", call_id, "events"]);
        self.list_all(url, &format!("voice log events for call {call_id}"))
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voice_log_parses_with_unknown_fields() {
        let log: VoiceLog = serde_json::from_str(
            r#"{"id":"c-1","from":"+12065550100","to":"+15551234567","status":"no-answer",
                "duration":"0","created_at":"2024-01-01T00:00:00Z","source":"realtime_api"}"#,
        )
        .unwrap();
        assert_eq!(log.status, Some(LogStatus::NoAnswer));
        assert!(log.status.as_ref().unwrap().is_final());
        assert_eq!(log.duration, Some(0.0));
        assert_eq!(log.extra["source"], "realtime_api");
        let log: VoiceLog = serde_json::from_str(r#"{"status":"teleported"}"#).unwrap();
        assert_eq!(log.status, Some(LogStatus::Other("teleported".into())));
    }

    #[test]
    fn events_pick_common_fields_from_either_shape() {
        let e: VoiceLogEvent = serde_json::from_str(
            r#"{"event_type":"calling.call.state","timestamp":1640000000.5,"params":{"call_state":"ringing"}}"#,
        )
        .unwrap();
        assert_eq!(e.kind.as_deref(), Some("calling.call.state"));
        assert_eq!(e.status.as_deref(), Some("ringing"));
        assert_eq!(e.timestamp, Some(serde_json::json!(1640000000.5)));
        let e: VoiceLogEvent =
            serde_json::from_str(r#"{"type":"answered","created_at":"2024-01-01T00:00:01Z"}"#)
                .unwrap();
        assert_eq!(e.kind.as_deref(), Some("answered"));
        assert_eq!(e.status, None);
    }
}
