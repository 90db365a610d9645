//! What a person asks for when they press Call — a mode, who to call (typed text, one of a
//! contact's numbers, a recent number or a history row), maybe a caller ID — and the check that
//! turns it into a [`CallPlan`] for a profile. Resolving the target is `app::calls`; nothing is sent here.

use serde::Deserialize;
use ts_rs::TS;

use super::center::CallMeta;
use super::modes::{CallMode, CallPlan};
use crate::caller_ids::{CallerIds, ensure_caller_id_allowed};
use crate::numbers::{Dialable, parse_dialable};
use crate::profiles::Profile;
use crate::{Error, Result};

/// Who a Call press is for, named structurally: Rust reads typed text once, at the press, and
/// stored numbers are never round-tripped through a display string.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum CallTarget {
    /// Exactly what the dial pad shows at the press, read in the profile's region.
    #[serde(rename_all = "camelCase")]
    Typed { text: String },
    /// One of a contact's stored numbers, named by what it dials (E.164 or `sip:`).
    #[serde(rename_all = "camelCase")]
    Contact {
        #[ts(type = "number")]
        contact_id: i64,
        dial: String,
    },
    /// A number Callpad produced earlier (a recent call in search): E.164 or `sip:`.
    #[serde(rename_all = "camelCase")]
    Number {
        dial: String,
        extension: Option<String>,
    },
    /// Call again whoever a history row called.
    #[serde(rename_all = "camelCase")]
    History {
        #[ts(type = "number")]
        history_id: i64,
    },
}

/// A Call press (from the window) or `callpad call` (from a terminal).
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallRequest {
    pub mode: CallMode,
    pub target: CallTarget,
    /// The caller ID picked; the profile's last or default one when absent.
    pub caller_id: Option<String>,
    /// The number the call is placed from when it differs from the caller ID (the CLI's `--from`).
    #[serde(default)]
    #[ts(optional)]
    pub from: Option<String>,
    /// A ring timeout for this call only, seconds (the CLI's `--timeout`); else the profile's.
    #[serde(default)]
    #[ts(optional)]
    pub ring_timeout_s: Option<u32>,
    /// The region typed numbers are read in for this call (the CLI's `--region`); else the
    /// profile's.
    #[serde(default)]
    #[ts(optional)]
    pub region: Option<String>,
}

/// A request whose target has been resolved into what to dial.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedCall {
    pub mode: CallMode,
    /// E.164 or a `sip:` URI.
    pub address: String,
    pub extension: Option<String>,
    pub contact_id: Option<i64>,
    pub contact_name: Option<String>,
    pub caller_id: Option<String>,
    pub from: Option<String>,
    pub ring_timeout_s: Option<u32>,
}

impl ResolvedCall {
    /// A request for `dialable` with nothing else set.
    pub fn new(mode: CallMode, dialable: &Dialable) -> Self {
        ResolvedCall {
            mode,
            address: dialable.address().to_owned(),
            extension: dialable.extension().map(str::to_owned),
            contact_id: None,
            contact_name: None,
            caller_id: None,
            from: None,
            ring_timeout_s: None,
        }
    }
}

/// The caller ID a call uses when none is picked: the profile's last, else its default, else the
/// project's first usable one. The one rule every driver (window, CLI, campaigns) preselects by.
pub fn preselected_caller_id(profile: &Profile, caller_ids: &CallerIds) -> Option<String> {
    profile
        .preferred_caller_id()
        .map(str::to_owned)
        .filter(|n| caller_ids.find(n).is_some())
        .or_else(|| caller_ids.usable.first().map(|c| c.number.clone()))
}

/// Checks a resolved request against the profile and its caller IDs and builds the plan to dial:
/// the caller ID (and `from`) must be owned with voice or verified, call-me-first needs the
/// person's own phone, and the ring timeout must be one SignalWire accepts.
pub fn plan_call(
    profile: &Profile,
    caller_ids: &CallerIds,
    call: &ResolvedCall,
) -> Result<(CallPlan, CallMeta)> {
    let picked = call.caller_id.clone().filter(|c| !c.trim().is_empty());
    let caller_id = match picked {
        Some(c) => c,
        None => preselected_caller_id(profile, caller_ids).ok_or(Error::InvalidRequest {
            field: "caller ID",
            reason:
                "the profile has no caller ID to call from; add a number to the Space or verify one"
                    .into(),
        })?,
    };
    let caller_id = ensure_caller_id_allowed(caller_ids, &caller_id)?
        .number
        .clone();
    let from = match call.from.as_deref().filter(|f| !f.trim().is_empty()) {
        Some(from) => Some(ensure_caller_id_allowed(caller_ids, from)?.number.clone()),
        None => None,
    };
    let ring_timeout_s = call.ring_timeout_s.unwrap_or(profile.ring_timeout_s);
    if !(1..=600).contains(&ring_timeout_s) {
        return Err(Error::InvalidRequest {
            field: "ring timeout",
            reason: format!("{ring_timeout_s} s is outside 1–600 s"),
        });
    }

    let mode = match &call.mode {
        CallMode::CallMeFirst { my_number } => {
            let mine = Some(my_number.as_str())
                .filter(|n| !n.trim().is_empty())
                .or(profile.my_number.as_deref())
                .ok_or(Error::InvalidRequest {
                    field: "my number",
                    reason: "\"call me first\" needs your own phone number; set it in the profile (Settings → My phone, or --my-number)"
                        .into(),
                })?;
            let mine = parse_dialable(mine, Some(&profile.default_region))?;
            CallMode::CallMeFirst {
                my_number: mine.address().to_owned(),
            }
        }
        other => other.clone(),
    };
    let plan = CallPlan {
        mode,
        destination: call.address.clone(),
        extension: call.extension.clone(),
        caller_id,
        from,
        profile_name: profile.name.clone(),
        ring_timeout_s,
        max_duration_s: Some(profile.max_call_s),
    };
    let meta = CallMeta {
        profile: profile.name.clone(),
        contact_id: call.contact_id,
        contact_name: call.contact_name.clone(),
    };
    Ok((plan, meta))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::caller_ids::{CallerId, CallerIdKind};
    use crate::calls::MessageSource;

    fn profile() -> Profile {
        let mut p = Profile::new("Front desk", "example", "project");
        p.default_region = "GB".into();
        p
    }

    fn ids() -> CallerIds {
        CallerIds {
            usable: vec![CallerId {
                number: "+12065550100".into(),
                name: None,
                kind: CallerIdKind::Owned,
            }],
            pending_verification: vec![CallerId {
                number: "+13035550177".into(),
                name: None,
                kind: CallerIdKind::Verified,
            }],
            without_voice: vec![],
        }
    }

    fn message(number: &str, caller_id: Option<&str>) -> ResolvedCall {
        let mode = CallMode::DeliverMessage {
            message: MessageSource::Text {
                text: "Reminder".into(),
                voice: None,
                language: None,
            },
        };
        let dialable = parse_dialable(number, Some("GB")).unwrap();
        ResolvedCall {
            contact_id: Some(7),
            contact_name: Some("Ann".into()),
            caller_id: caller_id.map(str::to_owned),
            ..ResolvedCall::new(mode, &dialable)
        }
    }

    #[test]
    fn a_national_number_is_read_in_the_profile_region_and_the_extension_kept_apart() {
        let (plan, meta) =
            plan_call(&profile(), &ids(), &message("020 7946 0958 ext. 12", None)).unwrap();
        assert_eq!(plan.destination, "+442079460958");
        assert_eq!(plan.extension.as_deref(), Some("12"));
        assert_eq!(plan.caller_id, "+12065550100", "first usable caller ID");
        assert_eq!(meta.contact_id, Some(7));
        assert_eq!(meta.profile, "Front desk");
    }

    #[test]
    fn a_caller_id_that_is_neither_owned_nor_verified_is_refused() {
        // A stranger's number, then one still awaiting verification.
        for caller_id in ["+15550001111", "+13035550177"] {
            let err = plan_call(
                &profile(),
                &ids(),
                &message("+442079460958", Some(caller_id)),
            )
            .unwrap_err();
            assert_eq!(err.code(), "caller_id_not_allowed", "{caller_id}: {err}");
        }
    }

    #[test]
    fn call_me_first_uses_the_profiles_number_when_none_is_given() {
        let mut p = profile();
        let req = ResolvedCall {
            mode: CallMode::CallMeFirst {
                my_number: String::new(),
            },
            ..message("+442079460958", None)
        };
        assert!(
            plan_call(&p, &ids(), &req)
                .unwrap_err()
                .to_string()
                .contains("your own phone number")
        );
        p.my_number = Some("+12065550199".into());
        let (plan, _) = plan_call(&p, &ids(), &req).unwrap();
        assert_eq!(
            plan.mode,
            CallMode::CallMeFirst {
                my_number: "+12065550199".into()
            }
        );
    }

    #[test]
    fn from_must_be_usable_too_and_a_stale_last_caller_id_is_not_preselected() {
        let mut p = profile();
        let mut call = message("+442079460958", None);
        call.from = Some("sip:desk@example.com".into());
        let err = plan_call(&p, &ids(), &call).unwrap_err();
        assert_eq!(err.code(), "caller_id_not_allowed", "{err}");
        call.from = Some("+12065550100".into());
        let (plan, _) = plan_call(&p, &ids(), &call).unwrap();
        assert_eq!(plan.from.as_deref(), Some("+12065550100"));
        p.last_caller_id = Some("+13035550177".into());
        assert_eq!(
            preselected_caller_id(&p, &ids()).as_deref(),
            Some("+12065550100"),
            "a pending caller ID is not preselected"
        );
        call.ring_timeout_s = Some(0);
        assert_eq!(
            plan_call(&p, &ids(), &call).unwrap_err().code(),
            "invalid_request"
        );
    }
}
