//! The tray icon's menu as data: show/hide, the active profile, the last five numbers called and
//! the favourites (each dials), a running reminder campaign's progress, pausing notifications and
//! Quit. The shell draws [`TrayMenu`] and hands a clicked entry's id back to [`Callpad::tray_act`],
//! so what each entry does is decided (and tested) here.

use serde::Serialize;
use ts_rs::TS;

use super::Callpad;
use super::desktop::DesktopDial;
use super::numbers::for_reading;
use crate::reminders::RecipientState;
use crate::{Error, Result};

/// How many recent numbers the tray lists.
pub const RECENT_SHOWN: usize = 5;

/// One entry of the tray menu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum TrayEntry {
    /// A clickable (or, when `enabled` is false, a read-only) line.
    Item {
        id: String,
        label: String,
        enabled: bool,
    },
    /// A line with a check mark.
    Check {
        id: String,
        label: String,
        checked: bool,
    },
    Separator,
    Submenu {
        label: String,
        entries: Vec<TrayEntry>,
    },
}

/// The whole tray menu, top to bottom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TrayMenu {
    pub entries: Vec<TrayEntry>,
    /// The icon's tooltip: "Callpad — <profile>".
    pub tooltip: String,
}

/// What a clicked entry asks for, read back from its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrayAction {
    /// Show the window (focused), or hide it when shown.
    ToggleWindow,
    /// Call this number (the window shows the call).
    Dial(String),
    /// Pause or resume desktop notices.
    ToggleNotifications,
    /// End Callpad.
    Quit,
}

impl TrayAction {
    const WINDOW: &'static str = "window";
    const NOTIFICATIONS: &'static str = "notifications";
    const QUIT: &'static str = "quit";
    const DIAL: &'static str = "dial:";

    /// The entry id for this action.
    pub fn id(&self) -> String {
        match self {
            TrayAction::ToggleWindow => Self::WINDOW.to_owned(),
            TrayAction::Dial(input) => format!("{}{input}", Self::DIAL),
            TrayAction::ToggleNotifications => Self::NOTIFICATIONS.to_owned(),
            TrayAction::Quit => Self::QUIT.to_owned(),
        }
    }

    /// The action of an entry id; `None` for ids that are not actions (read-only lines).
    pub fn from_id(id: &str) -> Option<TrayAction> {
        match id {
            Self::WINDOW => Some(TrayAction::ToggleWindow),
            Self::NOTIFICATIONS => Some(TrayAction::ToggleNotifications),
            Self::QUIT => Some(TrayAction::Quit),
            _ => id
                .strip_prefix(Self::DIAL)
                .filter(|n| !n.trim().is_empty())
                .map(|n| TrayAction::Dial(n.to_owned())),
        }
    }
}

/// What the shell does after an entry was clicked.
#[derive(Debug, Clone)]
pub enum TrayOutcome {
    /// Show or hide the window.
    ToggleWindow,
    /// Show the window and hand it this dial (the `desktop-dial` event).
    Dial(DesktopDial),
    /// Only the menu changed: draw it again.
    Redraw,
    Quit,
}

impl Callpad {
    /// The tray menu as things are now. `window_visible` names the first entry (Show / Hide).
    pub fn tray_menu(&self, window_visible: bool) -> TrayMenu {
        let item = |action: TrayAction, label: String| TrayEntry::Item {
            id: action.id(),
            label,
            enabled: true,
        };
        let line = |id: &str, label: String| TrayEntry::Item {
            id: id.to_owned(),
            label,
            enabled: false,
        };
        let profile = self.active_profile().map(|p| p.name);
        let mut entries = vec![
            item(
                TrayAction::ToggleWindow,
                if window_visible {
                    "Hide Callpad"
                } else {
                    "Show Callpad"
                }
                .to_owned(),
            ),
            line(
                "profile",
                match &profile {
                    Some(name) => format!("Profile: {name}"),
                    None => "No profile yet: open Callpad to connect one".to_owned(),
                },
            ),
            TrayEntry::Separator,
        ];
        let recent = self.recent_numbers().unwrap_or_default();
        entries.push(TrayEntry::Submenu {
            label: "Recent calls".to_owned(),
            entries: if recent.is_empty() {
                vec![line("recent-none", "No calls yet".to_owned())]
            } else {
                recent
                    .into_iter()
                    .map(|(label, to)| item(TrayAction::Dial(to), label))
                    .collect()
            },
        });
        let favourites = self.favourites().unwrap_or_default();
        entries.push(TrayEntry::Submenu {
            label: "Favourites".to_owned(),
            entries: if favourites.is_empty() {
                vec![line(
                    "favourites-none",
                    "No favourites: star a contact to list it here".to_owned(),
                )]
            } else {
                favourites
                    .into_iter()
                    .map(|f| {
                        let label = format!("{} — {}", f.name, f.input);
                        item(TrayAction::Dial(f.input), label)
                    })
                    .collect()
            },
        });
        if let Some(progress) = self.campaign_progress() {
            entries.push(line("campaign", progress));
        }
        entries.push(TrayEntry::Separator);
        entries.push(TrayEntry::Check {
            id: TrayAction::ToggleNotifications.id(),
            label: "Pause notifications".to_owned(),
            checked: self.notifications_paused(),
        });
        entries.push(item(TrayAction::Quit, "Quit Callpad".to_owned()));
        TrayMenu {
            entries,
            tooltip: match profile {
                Some(name) => format!("Callpad — {name}"),
                None => "Callpad".to_owned(),
            },
        }
    }

    /// Does what the tray entry `id` asks; an id that is no action (a read-only line) redraws.
    pub fn tray_act(&self, id: &str) -> Result<TrayOutcome> {
        Ok(match TrayAction::from_id(id) {
            Some(TrayAction::ToggleWindow) => TrayOutcome::ToggleWindow,
            Some(TrayAction::Dial(input)) => TrayOutcome::Dial(self.tray_dial(&input)?),
            Some(TrayAction::ToggleNotifications) => {
                self.pause_notifications(!self.notifications_paused());
                TrayOutcome::Redraw
            }
            Some(TrayAction::Quit) => TrayOutcome::Quit,
            None => TrayOutcome::Redraw,
        })
    }

    /// The last [`RECENT_SHOWN`] numbers called, newest first, each once: (label, number).
    fn recent_numbers(&self) -> Result<Vec<(String, String)>> {
        let mut out: Vec<(String, String)> = Vec::new();
        for entry in self.history("", 50)? {
            if out.iter().any(|(_, to)| *to == entry.to) || entry.to.starts_with("sip") {
                continue;
            }
            let number = for_reading(&entry.to);
            let label = match &entry.contact_name {
                Some(name) => format!("{name} — {number}"),
                None => number,
            };
            out.push((label, entry.to.clone()));
            if out.len() == RECENT_SHOWN {
                break;
            }
        }
        Ok(out)
    }

    /// "Reminders “Clinic”: 3 of 10 called" for the first running campaign, if one is running.
    pub fn campaign_progress(&self) -> Option<String> {
        let campaigns = self.reminder_campaigns().ok()?;
        let running = campaigns.iter().find(|c| c.state == "running")?;
        let count = |s: RecipientState| running.counts.get(s.as_str()).copied().unwrap_or(0);
        let to_call = running
            .recipients
            .saturating_sub(count(RecipientState::Excluded));
        let open = count(RecipientState::Waiting) + count(RecipientState::Calling);
        let done = to_call.saturating_sub(open);
        Some(format!(
            "Reminders “{}”: {done} of {to_call} called",
            running.name
        ))
    }
}

/// An error for a tray click that could not be done (shown as a notice by the shell).
pub fn tray_error(err: &Error) -> String {
    format!("Callpad could not do that: {err}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_lines_are_no_actions() {
        for action in [
            TrayAction::ToggleWindow,
            TrayAction::Dial("+12065550174".into()),
            TrayAction::ToggleNotifications,
            TrayAction::Quit,
        ] {
            assert_eq!(TrayAction::from_id(&action.id()), Some(action));
        }
        for id in ["profile", "campaign", "recent-none", "dial:", "dial:  ", ""] {
            assert_eq!(TrayAction::from_id(id), None, "{id}");
        }
    }
}
