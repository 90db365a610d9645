//! The caller IDs a profile may call from: owned voice-capable numbers and verified caller IDs,
//! and the check made before dialling. Fetching pages is the SignalWire client's job, not this file's.

use serde::Serialize;
use ts_rs::TS;

use crate::profiles::compact_number;
use crate::signalwire::{Client, PhoneNumber, VerifiedCallerId};
use crate::{Error, Result};

/// Why a number may be shown as caller ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CallerIdKind {
    /// The project owns it.
    Owned,
    /// The project proved it controls it.
    Verified,
}

/// One caller ID.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallerId {
    /// E.164.
    pub number: String,
    /// The friendly name set in the Space, if any.
    pub name: Option<String>,
    pub kind: CallerIdKind,
}

/// A project's caller IDs: the usable ones, and those SignalWire would refuse (kept so the
/// refusal can say why).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallerIds {
    /// Owned numbers with voice, then verified caller IDs; each number once.
    pub usable: Vec<CallerId>,
    /// Verified caller IDs whose verification has not finished.
    pub pending_verification: Vec<CallerId>,
    /// Owned numbers without the voice capability (text-only).
    pub without_voice: Vec<CallerId>,
}

impl CallerIds {
    /// Sorts SignalWire's two listings into usable and not.
    pub fn from_listings(owned: Vec<PhoneNumber>, verified: Vec<VerifiedCallerId>) -> Self {
        let mut ids = CallerIds::default();
        let owned = owned
            .into_iter()
            .map(|n| entry(n.can_call(), CallerIdKind::Owned, &n.number, n.name));
        let verified = verified
            .into_iter()
            .map(|v| entry(v.is_verified(), CallerIdKind::Verified, &v.number, v.name));
        for (usable, id) in owned.chain(verified) {
            if usable {
                ids.push_usable(id);
            } else if id.kind == CallerIdKind::Owned {
                ids.without_voice.push(id);
            } else {
                ids.pending_verification.push(id);
            }
        }
        let usable: Vec<String> = ids.usable.iter().map(|c| c.number.clone()).collect();
        ids.pending_verification
            .retain(|c| !usable.contains(&c.number));
        ids.without_voice.retain(|c| !usable.contains(&c.number));
        ids
    }

    fn push_usable(&mut self, id: CallerId) {
        if !self.usable.iter().any(|c| c.number == id.number) {
            self.usable.push(id);
        }
    }

    /// The usable caller ID with this number (spaces and dashes ignored), if any.
    pub fn find(&self, number: &str) -> Option<&CallerId> {
        let wanted = compact_number(number);
        self.usable.iter().find(|c| c.number == wanted)
    }
}

/// A listing's entry: whether SignalWire would accept it as caller ID, and the caller ID (the
/// number compacted, a blank name dropped).
fn entry(usable: bool, kind: CallerIdKind, number: &str, name: Option<String>) -> (bool, CallerId) {
    let id = CallerId {
        number: compact_number(number),
        name: name.filter(|n| !n.trim().is_empty()),
        kind,
    };
    (usable, id)
}

/// Every caller ID of the project behind `client`: owned numbers and verified caller IDs, all
/// pages of both (needs the token's Numbers scope).
pub async fn list_caller_ids(client: &Client) -> Result<CallerIds> {
    let (owned, verified) = tokio::join!(client.phone_numbers(), client.verified_caller_ids());
    Ok(CallerIds::from_listings(owned?, verified?))
}

/// Refuses a caller ID SignalWire would refuse (`not_valid_for_caller_id`), saying why; used
/// before dialling so the person learns it before a call is attempted.
pub fn ensure_caller_id_allowed<'a>(ids: &'a CallerIds, number: &str) -> Result<&'a CallerId> {
    if let Some(id) = ids.find(number) {
        return Ok(id);
    }
    let wanted = compact_number(number);
    let refused = |reason: String| Error::CallerIdNotAllowed {
        number: number.trim().to_owned(),
        reason,
    };
    if ids.pending_verification.iter().any(|c| c.number == wanted) {
        return Err(refused(
            "its verification is not finished; complete it in your Space (Phone Numbers → Verified Caller IDs) first".to_owned(),
        ));
    }
    if ids.without_voice.iter().any(|c| c.number == wanted) {
        return Err(refused(
            "this project owns it, but it cannot make calls (no voice capability)".to_owned(),
        ));
    }
    let choices = if ids.usable.is_empty() {
        "this project has no usable caller ID yet: buy a number or verify one in your Space"
            .to_owned()
    } else {
        let list: Vec<&str> = ids.usable.iter().map(|c| c.number.as_str()).collect();
        format!("use one of {}", list.join(", "))
    };
    Err(refused(format!(
        "it is neither a number this project owns nor a verified caller ID; {choices}"
    )))
}

/// What a lookup says about a number, for the caller-ID picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LookupSummary {
    /// E.164.
    pub number: String,
    pub caller_name: Option<String>,
    pub carrier: Option<String>,
    /// `wireless`, `landline`, `voip`, …
    pub line_type: Option<String>,
    pub location: Option<String>,
}

/// Looks a number up (caller name, carrier, line type). SignalWire may bill each lookup, so only
/// a person's explicit request should call this. The number is read like any dialled number.
pub async fn look_up(client: &Client, number: &str, region: Option<&str>) -> Result<LookupSummary> {
    let e164 = match crate::numbers::parse_dialable(number, region)? {
        crate::numbers::Dialable::Phone(p) => p.e164,
        crate::numbers::Dialable::Sip(_) => {
            return Err(Error::InvalidRequest {
                field: "number",
                reason: "a SIP address cannot be looked up; give a phone number".into(),
            });
        }
    };
    let found = client.lookup(&e164).await?;
    let carrier = found.carrier.as_ref();
    Ok(LookupSummary {
        number: found.e164.clone().unwrap_or(e164),
        caller_name: found
            .cnam
            .and_then(|c| c.caller_id)
            .filter(|n| !n.trim().is_empty()),
        carrier: carrier.and_then(|c| c.name.clone()),
        line_type: carrier.and_then(|c| c.linetype.clone()),
        location: found.location.or_else(|| {
            carrier.and_then(|c| match (&c.city, &c.state) {
                (Some(city), Some(state)) => Some(format!("{city}, {state}")),
                (Some(city), None) => Some(city.clone()),
                (None, state) => state.clone(),
            })
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(number: &str, caps: &[&str]) -> PhoneNumber {
        PhoneNumber {
            id: None,
            number: number.into(),
            name: Some(format!("name {number}")),
            capabilities: caps.iter().map(|c| c.to_string()).collect(),
            number_type: None,
            country_code: None,
        }
    }

    fn verified(number: &str, ok: bool) -> VerifiedCallerId {
        VerifiedCallerId {
            id: None,
            number: number.into(),
            name: None,
            verified: Some(ok),
            status: None,
            extension: None,
            verified_at: None,
        }
    }

    fn sample() -> CallerIds {
        CallerIds::from_listings(
            vec![
                owned("+12065550100", &["voice", "sms"]),
                owned("+12025550143", &["sms"]),
            ],
            vec![
                verified("+14155550111", true),
                verified("+13035550177", false),
                verified("+12065550100", true),
            ],
        )
    }

    #[test]
    fn listings_sort_into_usable_and_not() {
        let ids = sample();
        let usable: Vec<(&str, CallerIdKind)> = ids
            .usable
            .iter()
            .map(|c| (c.number.as_str(), c.kind))
            .collect();
        assert_eq!(
            usable,
            [
                ("+12065550100", CallerIdKind::Owned),
                ("+14155550111", CallerIdKind::Verified)
            ]
        );
        assert_eq!(ids.usable[0].name.as_deref(), Some("name +12065550100"));
        assert_eq!(ids.pending_verification[0].number, "+13035550177");
        assert_eq!(ids.without_voice[0].number, "+12025550143");
    }

    #[test]
    fn allowed_caller_ids_pass_with_or_without_spaces() {
        let ids = sample();
        assert_eq!(
            ensure_caller_id_allowed(&ids, "+1 206 555 0100")
                .unwrap()
                .kind,
            CallerIdKind::Owned
        );
        assert_eq!(
            ensure_caller_id_allowed(&ids, "+14155550111").unwrap().kind,
            CallerIdKind::Verified
        );
    }

    #[test]
    fn refusals_say_why() {
        let ids = sample();
        let err = ensure_caller_id_allowed(&ids, "+13035550177").unwrap_err();
        assert_eq!(err.code(), "caller_id_not_allowed");
        assert!(
            err.to_string().contains("verification is not finished"),
            "{err}"
        );
        let err = ensure_caller_id_allowed(&ids, "+12025550143").unwrap_err();
        assert!(err.to_string().contains("no voice capability"), "{err}");
        let err = ensure_caller_id_allowed(&ids, "+19995550000").unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("neither a number this project owns nor a verified caller ID"),
            "{msg}"
        );
        assert!(msg.contains("+12065550100, +14155550111"), "{msg}");
        let err = ensure_caller_id_allowed(&CallerIds::default(), "+19995550000").unwrap_err();
        assert!(err.to_string().contains("no usable caller ID yet"), "{err}");
    }
}
