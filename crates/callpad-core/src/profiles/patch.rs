//! A change to a profile's settings, field by field: what the settings sheet and `callpad profile
//! set` send. Only the fields present change; the name, the practice flag, the Space's identity and
//! the remembered caller ID are not settings and cannot be changed through a patch.

use serde::Deserialize;
use ts_rs::TS;

use super::profile::{Profile, StatusMethod};
use crate::Result;

/// The settings to change. `None` leaves a field as it is; for the optional numbers and the public
/// URL an empty string clears them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ProfileSettingsPatch {
    /// Two-letter region for numbers typed without a country code.
    pub default_region: Option<String>,
    /// The caller ID calls use unless another is picked (empty clears it).
    pub default_caller_id: Option<String>,
    /// The person's own phone for "call me first" (empty clears it).
    pub my_number: Option<String>,
    pub status_method: Option<StatusMethod>,
    /// Seconds a call rings before it counts as unanswered (1–600).
    pub ring_timeout_s: Option<u32>,
    /// The longest a call may last, seconds (10 s – 4 h).
    pub max_call_s: Option<u32>,
    /// A public https URL that reaches this computer (empty clears it).
    pub public_url: Option<String>,
    /// The IANA zone reminder calls fall back to (empty clears it).
    pub time_zone: Option<String>,
}

impl ProfileSettingsPatch {
    /// True when the patch changes nothing.
    pub fn is_empty(&self) -> bool {
        *self == ProfileSettingsPatch::default()
    }

    /// Applies the patch to `profile` and checks the result (see [`Profile::normalised`]).
    pub fn apply(&self, profile: &mut Profile) -> Result<()> {
        let text = |v: &String| Some(v.clone()).filter(|v| !v.trim().is_empty());
        let mut next = profile.clone();
        if let Some(region) = &self.default_region {
            next.default_region = region.clone();
        }
        if let Some(n) = &self.default_caller_id {
            next.default_caller_id = text(n);
        }
        if let Some(n) = &self.my_number {
            next.my_number = text(n);
        }
        if let Some(m) = self.status_method {
            next.status_method = m;
        }
        if let Some(s) = self.ring_timeout_s {
            next.ring_timeout_s = s;
        }
        if let Some(s) = self.max_call_s {
            next.max_call_s = s;
        }
        if let Some(u) = &self.public_url {
            next.public_url = text(u);
        }
        if let Some(z) = &self.time_zone {
            next.time_zone = text(z);
        }
        *profile = next.normalised()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> Profile {
        let mut p = Profile::new("work", "example", "proj")
            .normalised()
            .unwrap();
        p.last_caller_id = Some("+13125550142".into());
        p.my_number = Some("+12065550199".into());
        p
    }

    #[test]
    fn only_the_fields_given_change_and_the_remembered_caller_id_stays() {
        let mut p = profile();
        let patch = ProfileSettingsPatch {
            default_region: Some("gb".into()),
            ring_timeout_s: Some(30),
            ..Default::default()
        };
        patch.apply(&mut p).unwrap();
        assert_eq!(p.default_region, "GB");
        assert_eq!(p.ring_timeout_s, 30);
        assert_eq!(p.last_caller_id.as_deref(), Some("+13125550142"));
        assert_eq!(p.my_number.as_deref(), Some("+12065550199"));
        assert!(!p.practice);
    }

    #[test]
    fn an_empty_string_clears_and_a_bad_value_changes_nothing() {
        let mut p = profile();
        ProfileSettingsPatch {
            my_number: Some(" ".into()),
            ..Default::default()
        }
        .apply(&mut p)
        .unwrap();
        assert_eq!(p.my_number, None);
        let before = p.clone();
        let err = ProfileSettingsPatch {
            default_region: Some("Germany".into()),
            ring_timeout_s: Some(30),
            ..Default::default()
        }
        .apply(&mut p)
        .unwrap_err();
        assert!(err.to_string().contains("Germany"), "{err}");
        assert_eq!(p, before, "a refused patch leaves the profile as it was");
        let err = ProfileSettingsPatch {
            time_zone: Some("Mars/Olympus".into()),
            ..Default::default()
        }
        .apply(&mut p)
        .unwrap_err();
        assert!(err.to_string().contains("IANA"), "{err}");
        ProfileSettingsPatch {
            time_zone: Some("America/Chicago".into()),
            ..Default::default()
        }
        .apply(&mut p)
        .unwrap();
        assert_eq!(p.time_zone.as_deref(), Some("America/Chicago"));
    }

    #[test]
    fn the_ui_cannot_send_identity_fields() {
        let patch: ProfileSettingsPatch =
            serde_json::from_str(r#"{"practice":true,"spaceUrl":"x","lastCallerId":"+1"}"#)
                .unwrap();
        assert!(patch.is_empty(), "unknown keys are ignored, not applied");
    }
}
