//! What a person asks for when they press Call — a mode, a number as typed, maybe a contact and a
//! caller ID — checked and turned into a [`CallPlan`] for the active profile. Nothing is sent here.

use serde::Deserialize;
use ts_rs::TS;

use super::center::CallMeta;
use super::modes::{CallMode, CallPlan};
use crate::caller_ids::{CallerIds, ensure_caller_id_allowed};
use crate::numbers::parse_dialable;
use crate::profiles::Profile;
use crate::{Error, Result};

/// A Call button press.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallRequest {
    pub mode: CallMode,
    /// The number as typed or as stored on the contact (any format, extension allowed).
    pub number: String,
    #[ts(type = "number | null")]
    pub contact_id: Option<i64>,
    pub contact_name: Option<String>,
    /// The caller ID picked; the profile's last or default one when absent.
    pub caller_id: Option<String>,
}

/// Checks a request against the profile and its caller IDs and builds the plan to dial.
pub fn plan_call(
    profile: &Profile,
    caller_ids: &CallerIds,
    request: &CallRequest,
) -> Result<(CallPlan, CallMeta)> {
    let dialable = parse_dialable(&request.number, Some(&profile.default_region))?;
    let destination = dialable.address().to_owned();
    let extension = dialable.extension().map(str::to_owned);
    let caller_id = request
        .caller_id
        .clone()
        .filter(|c| !c.trim().is_empty())
        .or_else(|| profile.preferred_caller_id().map(str::to_owned))
        .or_else(|| caller_ids.usable.first().map(|c| c.number.clone()))
        .ok_or(Error::InvalidRequest {
            field: "caller ID",
            reason:
                "the profile has no caller ID to call from; add a number to the Space or verify one"
                    .into(),
        })?;
    let caller_id = ensure_caller_id_allowed(caller_ids, &caller_id)?
        .number
        .clone();

    let mode = match &request.mode {
        CallMode::CallMeFirst { my_number } => {
            let mine = Some(my_number.as_str())
                .filter(|n| !n.trim().is_empty())
                .or(profile.my_number.as_deref())
                .ok_or(Error::InvalidRequest {
                    field: "my number",
                    reason: "\"call me first\" needs your own phone number; set it in the profile"
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
        destination,
        extension,
        caller_id,
        from: None,
        profile_name: profile.name.clone(),
        ring_timeout_s: profile.ring_timeout_s,
        max_duration_s: Some(profile.max_call_s),
    };
    let meta = CallMeta {
        profile: profile.name.clone(),
        contact_id: request.contact_id,
        contact_name: request.contact_name.clone(),
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

    fn message(number: &str, caller_id: Option<&str>) -> CallRequest {
        CallRequest {
            mode: CallMode::DeliverMessage {
                message: MessageSource::Text {
                    text: "Reminder".into(),
                    voice: None,
                    language: None,
                },
            },
            number: number.into(),
            contact_id: Some(7),
            contact_name: Some("Ann".into()),
            caller_id: caller_id.map(str::to_owned),
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
        let err = plan_call(
            &profile(),
            &ids(),
            &message("+442079460958", Some("+15550001111")),
        )
        .unwrap_err();
        assert_eq!(err.code(), "caller_id_not_allowed", "{err}");
        let pending = plan_call(
            &profile(),
            &ids(),
            &message("+442079460958", Some("+13035550177")),
        )
        .unwrap_err();
        assert_eq!(pending.code(), "caller_id_not_allowed", "{pending}");
    }

    #[test]
    fn an_invalid_number_says_why() {
        let err = plan_call(&profile(), &ids(), &message("12", None)).unwrap_err();
        assert_eq!(err.code(), "invalid_number", "{err}");
    }

    #[test]
    fn call_me_first_uses_the_profiles_number_when_none_is_given() {
        let mut p = profile();
        let req = CallRequest {
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
}
