//! The call object SignalWire returns from `/api/calling/calls`, its status, and hanging up with
//! `calling.end`. Placing a call is in `dial.rs`; following one over time is in `voice_log.rs`.

use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::client::Client;
use super::lenient;
use super::wire_enum::wire_enum;
use crate::{Error, Result};

wire_enum! {
    /// A call's state as the calling API reports it.
    pub enum CallStatus {
        Queued = "queued",
        Initiated = "initiated",
        Created = "created",
        Ringing = "ringing",
        Answered = "answered",
        Ending = "ending",
        Ended = "ended",
        Failed = "failed",
        Canceled = "canceled" | "cancelled",
        Completed = "completed",
    }
}

impl CallStatus {
    /// True once the call is over and will not change again.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            CallStatus::Ended | CallStatus::Failed | CallStatus::Canceled | CallStatus::Completed
        )
    }
}

wire_enum! {
    /// Why a call is being ended, as `calling.end` spells it.
    pub enum EndReason {
        Hangup = "hangup",
        Cancel = "cancel",
        Busy = "busy",
        NoAnswer = "noAnswer",
        Decline = "decline",
        Error = "error",
    }
}

/// A call as SignalWire describes it. Every field but the ID may be missing or null.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawCall")]
pub struct Call {
    pub id: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub direction: Option<String>,
    pub status: Option<CallStatus>,
    pub created_at: Option<String>,
    pub charge: Option<f64>,
    pub duration: Option<f64>,
    pub duration_ms: Option<u64>,
    pub billing_ms: Option<u64>,
    /// `relay_pstn_call`, `relay_sip_call`, …
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub parent_id: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
}

/// The wire form, accepting `call_id` as well as `id` (some guides show `{call_id, status}`).
#[derive(Deserialize)]
struct RawCall {
    #[serde(default, deserialize_with = "lenient::opt_string")]
    id: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    call_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    from: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    to: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    direction: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_any")]
    status: Option<CallStatus>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    created_at: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_f64")]
    charge: Option<f64>,
    #[serde(default, deserialize_with = "lenient::opt_f64")]
    duration: Option<f64>,
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    duration_ms: Option<u64>,
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    billing_ms: Option<u64>,
    #[serde(rename = "type", default, deserialize_with = "lenient::opt_string")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    parent_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    url: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    source: Option<String>,
}

impl TryFrom<RawCall> for Call {
    type Error = String;

    fn try_from(raw: RawCall) -> Result<Self, String> {
        let id = raw
            .id
            .or(raw.call_id)
            .filter(|id| !id.is_empty())
            .ok_or("the call has no id")?;
        Ok(Call {
            id,
            from: raw.from,
            to: raw.to,
            direction: raw.direction,
            status: raw.status,
            created_at: raw.created_at,
            charge: raw.charge,
            duration: raw.duration,
            duration_ms: raw.duration_ms,
            billing_ms: raw.billing_ms,
            kind: raw.kind,
            parent_id: raw.parent_id,
            url: raw.url,
            source: raw.source,
        })
    }
}

#[derive(Serialize)]
struct EndCommand<'a> {
    command: &'static str,
    id: &'a str,
    params: EndParams<'a>,
}

#[derive(Serialize)]
struct EndParams<'a> {
    reason: &'a str,
}

/// The body of a `calling.end` command.
pub(crate) fn end_body(call_id: &str, reason: &EndReason) -> serde_json::Value {
    serde_json::to_value(EndCommand {
        command: "calling.end",
        id: call_id,
        params: EndParams {
            reason: reason.as_str(),
        },
    })
    .expect("a struct of strings always serialises")
}

pub(crate) fn check_call_id(call_id: &str) -> Result<()> {
    if call_id.trim().is_empty() {
        return Err(Error::InvalidRequest {
            field: "call id",
            reason: "it is empty".to_owned(),
        });
    }
    Ok(())
}

impl Client {
    /// Ends a call (`calling.end`). Safe to resend, so it is retried like a read. Returns the call
    /// as SignalWire reports it after the command, when it sends one back.
    pub async fn end(&self, call_id: &str, reason: EndReason) -> Result<Option<Call>> {
        check_call_id(call_id)?;
        let url = self.space().endpoint(&["api", "calling", "calls"]);
        let body = serde_json::to_vec(&end_body(call_id, &reason))
            .expect("a JSON value always serialises");
        let reply = self
            .request_with_retries(Method::POST, &url, Some(body), &format!("call {call_id}"))
            .await?;
        // The answer is the call object; a body without one still means it was accepted.
        Ok(serde_json::from_slice::<Call>(&reply.body).ok())
    }
}

/// The body of an `update` command: `{"command":"update","params":{"id":…,"status":…}}`.
pub(crate) fn update_body(call_id: &str, status: &str) -> serde_json::Value {
    serde_json::json!({"command": "update", "params": {"id": call_id, "status": status}})
}

impl Client {
    /// Sets a call's status with the `update` command: `canceled` cancels a call that is still
    /// queued or ringing, `completed` ends an answered one. Retried like a read (it cannot place a
    /// call). Returns the call as SignalWire reports it after the command, when it sends one.
    pub async fn update_status(&self, call_id: &str, status: &str) -> Result<Option<Call>> {
        check_call_id(call_id)?;
        let url = self.space().endpoint(&["api", "calling", "calls"]);
        let body = serde_json::to_vec(&update_body(call_id, status))
            .expect("a JSON value always serialises");
        let reply = self
            .request_with_retries(Method::POST, &url, Some(body), &format!("call {call_id}"))
            .await?;
        Ok(serde_json::from_slice::<Call>(&reply.body).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_call_object_parses() {
        let call: Call = serde_json::from_str(
            r#"{"id":"c-1","from":"+12065550100","to":"+15551234567","direction":"outbound-api",
                "status":"queued","created_at":"2024-01-01T00:00:00Z","charge":0.0,"charge_details":[],
                "duration":null,"duration_ms":null,"billing_ms":null,"type":"relay_pstn_call",
                "parent_id":null,"url":null,"source":"realtime_api","brand_new_field":{"x":1}}"#,
        )
        .unwrap();
        assert_eq!(call.id, "c-1");
        assert_eq!(call.status, Some(CallStatus::Queued));
        assert_eq!(call.kind.as_deref(), Some("relay_pstn_call"));
        assert_eq!(call.duration, None);
    }

    #[test]
    fn call_id_alias_and_unknown_status_are_accepted() {
        let call: Call = serde_json::from_str(r#"{"call_id":"c-2","status":"warp"}"#).unwrap();
        assert_eq!(call.id, "c-2");
        assert_eq!(call.status, Some(CallStatus::Other("warp".into())));
        let call: Call =
            serde_json::from_str(r#"{"id":"c-3","call_id":"c-3","status":null}"#).unwrap();
        assert_eq!(call.status, None);
        assert!(serde_json::from_str::<Call>(r#"{"status":"queued"}"#).is_err());
    }

    #[test]
    fn end_command_has_top_level_id_and_params() {
        let body = end_body("abc", &EndReason::NoAnswer);
        assert_eq!(
            body,
            serde_json::json!({"command":"calling.end","id":"abc","params":{"reason":"noAnswer"}})
        );
    }

    #[test]
    fn update_command_keeps_the_id_in_params() {
        assert_eq!(
            update_body("abc", "canceled"),
            serde_json::json!({"command":"update","params":{"id":"abc","status":"canceled"}})
        );
    }

    #[test]
    fn final_statuses() {
        assert!(CallStatus::Ended.is_final());
        assert!(CallStatus::from("cancelled").is_final());
        assert!(!CallStatus::Ringing.is_final());
        assert_eq!(CallStatus::Canceled.to_string(), "canceled");
    }
}
