//! App settings: how Callpad behaves on this desktop, whatever profile is in use — theme,
//! notifications, tray, start-up, global hotkeys and what a phone link does. They live in
//! `settings.json` under the key `appSettings`, beside the profiles (see `store.rs`); a change
//! comes as an [`AppSettingsPatch`] and is checked before anything is saved.
//!
//! - `accelerator.rs`: checking a hotkey such as `Ctrl+Alt+D`
//! - `store.rs`: reading and writing the key, under the settings file's lock

mod accelerator;
mod store;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Result};

pub use accelerator::check_accelerator;
pub use store::{APP_SETTINGS_KEY, load_app_settings, update_app_settings};

/// The select-to-call hotkey a fresh install offers.
pub const DEFAULT_SELECTION_HOTKEY: &str = "Ctrl+Alt+C";
/// The quick-dial hotkey a fresh install offers.
pub const DEFAULT_QUICK_DIAL_HOTKEY: &str = "Ctrl+Alt+D";
/// Seconds a link or hotkey counts down before it calls, unless changed.
pub const DEFAULT_CALL_COUNTDOWN_S: u32 = 5;
/// The shortest and longest countdown: long enough to read the number and cancel.
pub const CALL_COUNTDOWN_RANGE_S: std::ops::RangeInclusive<u32> = 2..=30;

/// The window's colours.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Theme {
    /// Follow the desktop's light/dark preference.
    #[default]
    System,
    Light,
    Dark,
}

/// What happens to a number that arrives from outside the window (a `tel:` link, the
/// select-to-call hotkey, `callpad dial --selection`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum NumberAction {
    /// Put it in the dial pad; the person presses Call.
    #[default]
    Prefill,
    /// Call it after a countdown of [`AppSettings::call_countdown_s`] seconds that can be
    /// cancelled.
    Call,
}

/// The global hotkeys, as accelerators (`Ctrl+Alt+C`); `None` turns one off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct Hotkeys {
    /// Reads the selected text (or the clipboard) and dials the number in it.
    pub select_to_call: Option<String>,
    /// Opens the quick-dial bar.
    pub quick_dial: Option<String>,
}

impl Default for Hotkeys {
    fn default() -> Self {
        Hotkeys {
            select_to_call: Some(DEFAULT_SELECTION_HOTKEY.to_owned()),
            quick_dial: Some(DEFAULT_QUICK_DIAL_HOTKEY.to_owned()),
        }
    }
}

/// Every app setting. Missing or unreadable fields in the file read as their defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct AppSettings {
    pub theme: Theme,
    /// Desktop notifications (call ended, reminders) are shown.
    pub notifications: bool,
    /// Start hidden in the tray instead of showing the window.
    pub start_minimised: bool,
    /// Start Callpad when the person logs in.
    pub start_at_login: bool,
    /// Closing the window hides it in the tray; Quit (tray menu) ends Callpad.
    pub close_to_tray: bool,
    pub hotkeys: Hotkeys,
    /// What a `tel:`/`callto:`/`sip:` link does.
    pub link_action: NumberAction,
    /// What the select-to-call hotkey does with the number it found.
    pub hotkey_action: NumberAction,
    /// Seconds of the cancellable countdown before a link or hotkey calls.
    pub call_countdown_s: u32,
}

impl Default for AppSettings {
    fn default() -> Self {
        AppSettings {
            theme: Theme::System,
            notifications: true,
            start_minimised: false,
            start_at_login: false,
            close_to_tray: false,
            hotkeys: Hotkeys::default(),
            link_action: NumberAction::Prefill,
            hotkey_action: NumberAction::Prefill,
            call_countdown_s: DEFAULT_CALL_COUNTDOWN_S,
        }
    }
}

/// A change to the app settings, field by field; `None` leaves a field as it is. For a hotkey
/// an empty string turns it off.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct AppSettingsPatch {
    pub theme: Option<Theme>,
    pub notifications: Option<bool>,
    pub start_minimised: Option<bool>,
    pub start_at_login: Option<bool>,
    pub close_to_tray: Option<bool>,
    pub select_to_call_hotkey: Option<String>,
    pub quick_dial_hotkey: Option<String>,
    pub link_action: Option<NumberAction>,
    pub hotkey_action: Option<NumberAction>,
    pub call_countdown_s: Option<u32>,
}

impl AppSettingsPatch {
    /// True when the patch changes nothing.
    pub fn is_empty(&self) -> bool {
        *self == AppSettingsPatch::default()
    }

    /// Applies the patch to `settings`, all or nothing: a bad field leaves `settings` as it was.
    pub fn apply(&self, settings: &mut AppSettings) -> Result<()> {
        let mut next = settings.clone();
        macro_rules! set {
            ($($field:ident),*) => {
                $(if let Some(v) = &self.$field { next.$field = v.clone(); })*
            };
        }
        set!(
            theme,
            notifications,
            start_minimised,
            start_at_login,
            close_to_tray,
            link_action,
            hotkey_action,
            call_countdown_s
        );
        if let Some(keys) = &self.select_to_call_hotkey {
            next.hotkeys.select_to_call = hotkey("select-to-call hotkey", keys)?;
        }
        if let Some(keys) = &self.quick_dial_hotkey {
            next.hotkeys.quick_dial = hotkey("quick-dial hotkey", keys)?;
        }
        next.check()?;
        *settings = next;
        Ok(())
    }
}

/// A hotkey as entered: empty turns it off, anything else must be an accelerator.
fn hotkey(field: &'static str, keys: &str) -> Result<Option<String>> {
    if keys.trim().is_empty() {
        return Ok(None);
    }
    check_accelerator(keys)
        .map(Some)
        .map_err(|reason| Error::InvalidAppSetting { field, reason })
}

impl AppSettings {
    /// Checks the settings as a whole: the countdown's range, hotkeys spelled as registered, and
    /// two hotkeys that differ.
    pub fn check(&self) -> Result<()> {
        for (field, keys) in [
            ("select-to-call hotkey", &self.hotkeys.select_to_call),
            ("quick-dial hotkey", &self.hotkeys.quick_dial),
        ] {
            if let Some(keys) = keys
                && hotkey(field, keys)?.as_ref() != Some(keys)
            {
                return Err(Error::InvalidAppSetting {
                    field,
                    reason: format!("\"{keys}\" is not spelled as Callpad registers it"),
                });
            }
        }
        if !CALL_COUNTDOWN_RANGE_S.contains(&self.call_countdown_s) {
            return Err(Error::InvalidAppSetting {
                field: "call countdown",
                reason: format!(
                    "{} s is outside {}–{} s; pick a countdown long enough to read the number and cancel",
                    self.call_countdown_s,
                    CALL_COUNTDOWN_RANGE_S.start(),
                    CALL_COUNTDOWN_RANGE_S.end()
                ),
            });
        }
        if let (Some(a), Some(b)) = (&self.hotkeys.select_to_call, &self.hotkeys.quick_dial)
            && a.eq_ignore_ascii_case(b)
        {
            return Err(Error::InvalidAppSetting {
                field: "quick-dial hotkey",
                reason: format!("{b} is already the select-to-call hotkey; give each its own keys"),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patch_changes_only_what_it_names() {
        let mut settings = AppSettings::default();
        let patch = AppSettingsPatch {
            theme: Some(Theme::Dark),
            close_to_tray: Some(true),
            quick_dial_hotkey: Some("ctrl + shift + space".into()),
            ..AppSettingsPatch::default()
        };
        patch.apply(&mut settings).unwrap();
        assert_eq!(settings.theme, Theme::Dark);
        assert!(settings.close_to_tray);
        assert_eq!(
            settings.hotkeys.quick_dial.as_deref(),
            Some("Ctrl+Shift+Space")
        );
        assert_eq!(
            settings.hotkeys.select_to_call.as_deref(),
            Some(DEFAULT_SELECTION_HOTKEY)
        );
        assert!(settings.notifications);
        let before = settings.clone();
        AppSettingsPatch::default().apply(&mut settings).unwrap();
        assert_eq!(settings, before, "an empty patch changes nothing");
    }

    #[test]
    fn an_empty_hotkey_turns_it_off() {
        let mut settings = AppSettings::default();
        let patch = AppSettingsPatch {
            select_to_call_hotkey: Some("  ".into()),
            ..AppSettingsPatch::default()
        };
        patch.apply(&mut settings).unwrap();
        assert_eq!(settings.hotkeys.select_to_call, None);
    }

    #[test]
    fn a_bad_field_changes_nothing_and_names_itself() {
        let mut settings = AppSettings::default();
        let before = settings.clone();
        let patch = AppSettingsPatch {
            theme: Some(Theme::Light),
            quick_dial_hotkey: Some("Ctrl+Alt+C".into()),
            ..AppSettingsPatch::default()
        };
        let err = patch.apply(&mut settings).unwrap_err();
        assert_eq!(err.field(), Some("quick-dial hotkey"));
        assert!(err.to_string().contains("select-to-call"), "{err}");
        assert_eq!(settings, before);

        for seconds in [0, 1, 31, u32::MAX] {
            let patch = AppSettingsPatch {
                call_countdown_s: Some(seconds),
                ..AppSettingsPatch::default()
            };
            let err = patch.apply(&mut settings).unwrap_err();
            assert_eq!(err.code(), crate::ErrorCode::InvalidAppSetting);
            assert!(err.is_usage());
        }
        assert_eq!(settings, before);
    }

    #[test]
    fn the_json_names_are_camel_case_and_missing_fields_default() {
        let json = serde_json::to_value(AppSettings::default()).unwrap();
        assert_eq!(json["theme"], "system");
        assert_eq!(json["linkAction"], "prefill");
        assert_eq!(json["callCountdownS"], DEFAULT_CALL_COUNTDOWN_S);
        assert_eq!(json["hotkeys"]["selectToCall"], DEFAULT_SELECTION_HOTKEY);
        let partial: AppSettings =
            serde_json::from_value(serde_json::json!({"theme": "dark"})).unwrap();
        assert_eq!(partial.theme, Theme::Dark);
        assert_eq!(partial.call_countdown_s, DEFAULT_CALL_COUNTDOWN_S);
        assert!(partial.notifications);
    }
}
