//! Following a call without a public webhook: `GET /api/voice/logs/{id}` (its current state),
//! `/events` (its timeline), and `GET /api/voice/logs` (the list, to find out after a crash
//! whether a dial whose answer was lost placed a call). A log can appear a few seconds late.

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
    /// The call this one is a leg of (e.g. the `connect` step's call), if any.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub parent_id: Option<String>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// One entry of a call's timeline, as SignalWire documents it:
/// `{event_at, level, name, details, project_id, log_id}`. Older or other shapes are read too
/// (`type`/`event_type` for the name, `timestamp`/`created_at` for the time); the whole entry is
/// kept in `raw`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VoiceLogEvent {
    /// What happened, e.g. `calling_call_initiated`.
    pub name: Option<String>,
    /// `info`, `warn`, `error` or `debug`.
    pub level: Option<String>,
    /// When, as sent (a timestamp string).
    pub event_at: Option<Value>,
    /// The event's details object (`{}` when absent).
    pub details: Value,
    pub log_id: Option<String>,
    pub project_id: Option<String>,
    /// The call state the event reports, when its details (or the entry) carry one.
    pub status: Option<String>,
    pub raw: Value,
}

impl<'de> Deserialize<'de> for VoiceLogEvent {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        let raw = Value::deserialize(de)?;
        let pick = |keys: &[&str]| {
            keys.iter()
                .filter_map(|k| {
                    raw.get(*k)
                        .or_else(|| raw.get("details")?.get(*k))
                        .or_else(|| raw.get("params")?.get(*k))
                })
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
            name: text(&["name", "type", "event_type", "event"]),
            level: text(&["level"]),
            event_at: pick(&["event_at", "timestamp", "created_at", "time"]),
            details: raw
                .get("details")
                .filter(|d| d.is_object())
                .cloned()
                .unwrap_or_else(|| Value::Object(Default::default())),
            log_id: text(&["log_id"]),
            project_id: text(&["project_id"]),
            status: text(&["status", "call_state", "state"]),
            raw,
        })
    }
}

/// Which logs `GET /api/voice/logs` should list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VoiceLogQuery {
    /// Only logs created after this moment (RFC 3339, e.g. `2026-11-25T14:05:09Z`).
    pub created_after: Option<String>,
    /// Only logs created before this moment.
    pub created_before: Option<String>,
    /// Logs per page, 1-1000 (SignalWire's default is 50).
    pub page_size: Option<u32>,
    pub include_deleted: bool,
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

    /// Every log the query matches, following the full-URL `links.next` to the end.
    pub async fn voice_logs(&self, query: &VoiceLogQuery) -> Result<Vec<VoiceLog>> {
        let mut url = self.space().endpoint(&["api", "voice", "logs"]);
        {
            let mut pairs = url.query_pairs_mut();
            if let Some(after) = &query.created_after {
                pairs.append_pair("created_after", after);
            }
            if let Some(before) = &query.created_before {
                pairs.append_pair("created_before", before);
            }
            if query.include_deleted {
                pairs.append_pair("include_deleted", "true");
            }
            let size = query
                .page_size
                .unwrap_or(self.config().page_size)
                .clamp(1, 1000);
            pairs.append_pair("page_size", &size.to_string());
        }
        self.list_all(url, "voice logs").await
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
    fn events_read_the_documented_shape() {
        let e: VoiceLogEvent = serde_json::from_str(
            r#"{"event_at":"2024-01-01T00:00:01Z","level":"info","name":"calling_call_initiated",
                "details":{"call_state":"created"},"project_id":"p","log_id":"l-1"}"#,
        )
        .unwrap();
        assert_eq!(e.name.as_deref(), Some("calling_call_initiated"));
        assert_eq!(e.level.as_deref(), Some("info"));
        assert_eq!(e.event_at, Some(serde_json::json!("2024-01-01T00:00:01Z")));
        assert_eq!(e.log_id.as_deref(), Some("l-1"));
        assert_eq!(e.status.as_deref(), Some("created"));
        assert_eq!(e.details["call_state"], "created");
    }

    #[test]
    fn events_in_older_shapes_are_still_read() {
        let e: VoiceLogEvent = serde_json::from_str(
            r#"{"event_type":"calling.call.state","timestamp":1640000000.5,"params":{"call_state":"ringing"}}"#,
        )
        .unwrap();
        assert_eq!(e.name.as_deref(), Some("calling.call.state"));
        assert_eq!(e.status.as_deref(), Some("ringing"));
        assert_eq!(e.event_at, Some(serde_json::json!(1640000000.5)));
        assert!(e.details.as_object().unwrap().is_empty());
    }
}
