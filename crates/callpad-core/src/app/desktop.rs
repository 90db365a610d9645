//! The desktop around the window: app settings (applied through [`Desktop`]), numbers found in
//! the selection for the select-to-call hotkey and `callpad dial --selection`, the favourites
//! Ctrl+1..9 and the tray dial, and pausing notifications. The tray's menu is `tray.rs`.

use std::sync::atomic::Ordering;

use serde::Serialize;
use ts_rs::TS;

use super::Callpad;
use crate::app_settings::{self, AppSettings, AppSettingsPatch, NumberAction};
use crate::numbers::{FoundNumber, find_numbers};
use crate::selection::{Selection, SelectionSource};
use crate::{Error, Result};

/// How many favourites Ctrl+1..9 and the tray offer.
pub const FAVOURITES_SHOWN: usize = 9;

/// App settings as the settings sheet shows them: the settings, and what the desktop made of them.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppSettingsView {
    pub settings: AppSettings,
    pub desktop: DesktopStatus,
}

/// What the desktop shell could and could not do with the settings (filled in by [`Desktop`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DesktopStatus {
    /// A Wayland session: global hotkeys and reading the selection are restricted there.
    pub wayland: bool,
    /// Whether the shell has a tray icon (close-to-tray and start-minimised need one).
    pub tray: bool,
    /// One sentence per setting the desktop refused (a hotkey another app holds, autostart).
    pub problems: Vec<String>,
}

/// Applies app settings to the desktop: hotkeys, autostart, tray. The window plugs one in; the
/// CLI and tests use [`NoDesktop`].
pub trait Desktop: Send + Sync {
    /// Makes the desktop match `settings`, saying what it could not do.
    fn apply(&self, _settings: &AppSettings) -> DesktopStatus {
        DesktopStatus::default()
    }
}

/// No desktop shell (the CLI, tests).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoDesktop;

impl Desktop for NoDesktop {}

/// A favourite contact's number, for Ctrl+1..9 and the tray.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Favourite {
    #[ts(type = "number")]
    pub contact_id: i64,
    pub name: String,
    /// The number dialled (E.164 or `sip:`), as the contact holds it.
    pub dial: String,
    /// What goes in the dial pad, and reads well: `+1 206-555-0175 ext. 7`.
    pub input: String,
}

/// Numbers that arrive from outside the window, and what to do with them. Emitted to the window
/// as the `desktop-dial` event (the hotkey, the tray) and answered by `dial_from_selection`.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DesktopDial {
    /// Where they came from: `selection`, `clipboard`, `tray`.
    pub source: String,
    /// Each number, in order (several → the window offers a picker).
    pub numbers: Vec<FoundNumber>,
    pub action: NumberAction,
    /// Seconds before a `call` action dials (0: at once, for an explicit tray click).
    pub countdown_s: u32,
    /// When nothing was found: what to do next.
    pub message: Option<String>,
}

impl DesktopDial {
    /// The `tel:` link for one found number (`tel:+12065550174;ext=12`), as the CLI hands it over.
    pub fn tel_uri(found: &FoundNumber) -> String {
        match &found.number.extension {
            Some(ext) => format!("tel:{};ext={ext}", found.number.e164),
            None => format!("tel:{}", found.number.e164),
        }
    }
}

impl Callpad {
    /// The app settings as saved (defaults where unset).
    pub fn app_settings(&self) -> AppSettings {
        app_settings::load_app_settings(&self.data_dir)
    }

    /// The app settings and what the desktop made of them (the settings sheet opens with this).
    pub fn app_settings_view(&self) -> AppSettingsView {
        let settings = self.app_settings();
        let desktop = self.host.desktop.apply(&settings);
        AppSettingsView { settings, desktop }
    }

    /// Changes the app settings (saved at once, beside the profiles) and applies them.
    pub fn update_app_settings(&self, patch: &AppSettingsPatch) -> Result<AppSettingsView> {
        let settings = app_settings::update_app_settings(&self.data_dir, patch)?;
        let desktop = self.host.desktop.apply(&settings);
        Ok(AppSettingsView { settings, desktop })
    }

    /// Pauses (or resumes) desktop notices until Callpad quits (the tray's toggle).
    pub fn pause_notifications(&self, paused: bool) {
        self.notifications_paused.store(paused, Ordering::Relaxed);
    }

    pub fn notifications_paused(&self) -> bool {
        self.notifications_paused.load(Ordering::Relaxed)
    }

    /// The phone numbers in `text`, national ones read in the active profile's region.
    pub fn find_numbers(&self, text: &str) -> Result<Vec<FoundNumber>> {
        Ok(find_numbers(text, self.region().as_deref())?)
    }

    /// Reads the selection (or the clipboard) and finds the numbers in it, with what the
    /// select-to-call setting says to do. Nothing found is not an error: `message` says why.
    pub fn dial_from_selection(&self, source: SelectionSource) -> Result<DesktopDial> {
        let settings = self.app_settings();
        let selection = crate::selection::read_selection(source)?;
        self.dial_from_text(&selection, &settings)
    }

    /// [`Self::dial_from_selection`] for text already read (tests, the CLI's `--text`).
    pub fn dial_from_text(
        &self,
        selection: &Selection,
        settings: &AppSettings,
    ) -> Result<DesktopDial> {
        let numbers = self.find_numbers(&selection.text)?;
        let message = numbers.is_empty().then(|| {
            let what = selection.source.words();
            if selection.text.trim().is_empty() {
                format!("the {what} is empty; select a phone number, then press the hotkey again")
            } else {
                format!("no phone number was found in the {what}; select the number itself, with its area code")
            }
        });
        Ok(DesktopDial {
            source: selection.source.as_str().to_owned(),
            numbers,
            action: settings.hotkey_action,
            countdown_s: settings.call_countdown_s,
            message,
        })
    }

    /// Up to nine favourite contacts with a number to call (do-not-call contacts are left out),
    /// by name: Ctrl+1..9 and the tray.
    pub fn favourites(&self) -> Result<Vec<Favourite>> {
        let contacts = self.contacts()?.list()?;
        Ok(contacts
            .into_iter()
            .filter(|c| c.favourite && !c.opt_out)
            .filter_map(|c| {
                let number = c.numbers.first()?;
                Some(Favourite {
                    contact_id: c.id,
                    name: c.name.clone(),
                    dial: number.dial.clone(),
                    input: number.display(),
                })
            })
            .take(FAVOURITES_SHOWN)
            .collect())
    }

    /// What the tray's "dial" entries send the window: `input`, called at once.
    pub fn tray_dial(&self, input: &str) -> Result<DesktopDial> {
        let found = self.find_numbers(input)?;
        if found.is_empty() {
            return Err(Error::InvalidRequest {
                field: "number",
                reason: format!("\"{input}\" is not a number Callpad can call"),
            });
        }
        Ok(DesktopDial {
            source: "tray".to_owned(),
            numbers: found.into_iter().take(1).collect(),
            action: NumberAction::Call,
            countdown_s: 0,
            message: None,
        })
    }
}
