//! A phone link given to Callpad (at launch, or by a second launch the running window takes
//! over): read it, decide what it does (pre-fill, or call after a countdown) and keep the answer
//! until the window takes it, so a link that arrives before the window is ready is not lost.

use serde::Serialize;
use ts_rs::TS;

use super::Callpad;
use crate::ErrorCode;
use crate::app_settings::NumberAction;
use crate::links::{LinkScheme, parse_link};
use crate::numbers::Dialable;

/// The longest part of a link the window quotes back.
const SHOWN_LINK_CHARS: usize = 120;

/// What a link did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum LinkOutcome {
    /// The link holds something to dial.
    Dial(LinkDial),
    /// It does not; says why.
    Refused(LinkRefused),
}

/// A link's number, ready for the dial pad.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LinkDial {
    /// The link as it came (shortened for showing).
    pub link: String,
    pub scheme: LinkScheme,
    /// The normalised number (E.164, its country, the extension apart) or SIP address.
    pub dialable: Dialable,
    /// What the dial pad is filled with; it reads back as `dialable`.
    pub prefill: String,
    /// Pre-fill, or call once `countdown_seconds` have passed without Cancel (the `link_action`
    /// and `call_countdown_s` app settings). Always `prefill` when the number belongs to a
    /// do-not-call contact or no profile is in use.
    pub action: NumberAction,
    pub countdown_seconds: u32,
    /// A contact holding this number asked not to be called: Call will be refused.
    pub do_not_call: bool,
}

/// A link that holds nothing Callpad can dial.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LinkRefused {
    /// The link as it came (shortened for showing).
    pub link: String,
    pub code: ErrorCode,
    /// What is wrong with it, for a person.
    pub message: String,
}

impl Callpad {
    /// Reads a link handed to Callpad, keeps the outcome for the window ([`Callpad::take_link`])
    /// and returns it. National numbers are read in the active profile's region.
    pub fn open_link(&self, text: &str) -> LinkOutcome {
        let outcome = self.read_link(text);
        *self.link.lock().expect("link lock") = Some(outcome.clone());
        outcome
    }

    /// The last link opened and not yet taken; the window takes it when it starts and on each
    /// link event, so it shows each link once.
    pub fn take_link(&self) -> Option<LinkOutcome> {
        self.link.lock().expect("link lock").take()
    }

    fn read_link(&self, text: &str) -> LinkOutcome {
        let link = shown(text);
        let parsed = match parse_link(text, self.region().as_deref()) {
            Ok(parsed) => parsed,
            Err(err) => {
                let err = crate::Error::from(err);
                return LinkOutcome::Refused(LinkRefused {
                    link,
                    code: err.code(),
                    message: err.to_string(),
                });
            }
        };
        // The call itself checks again; a store that cannot be read must not lose the link.
        let do_not_call = self
            .contacts()
            .and_then(|c| c.is_opted_out(parsed.dialable.address()))
            .unwrap_or(false);
        let has_profile = self.region().is_some();
        let settings = self.app_settings();
        let action = match settings.link_action {
            NumberAction::Call if has_profile && !do_not_call => NumberAction::Call,
            _ => NumberAction::Prefill,
        };
        LinkOutcome::Dial(LinkDial {
            link,
            scheme: parsed.scheme,
            dialable: parsed.dialable,
            prefill: parsed.prefill,
            action,
            countdown_seconds: settings.call_countdown_s,
            do_not_call,
        })
    }
}

/// The link trimmed, control characters replaced and cut at [`SHOWN_LINK_CHARS`].
fn shown(text: &str) -> String {
    let text = text.trim();
    let mut out: String = text
        .chars()
        .take(SHOWN_LINK_CHARS)
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect();
    if text.chars().nth(SHOWN_LINK_CHARS).is_some() {
        out.push('…');
    }
    out
}
