//! A campaign's settings: the keypress menu, the schedule, the safeguards and the retry policy,
//! each with the defaults front desks get unless they change them. Plain data (serde), so any
//! store can keep it as one document.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::outcome::Outcome;

/// Everything about a campaign except its name, profile, caller ID and template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CampaignSettings {
    pub menu: Vec<MenuKey>,
    pub schedule: Schedule,
    pub safeguards: Safeguards,
    pub retry: RetryPolicy,
    /// Where "speak to us" connects the callee (E.164); without one that key is left out.
    pub front_desk: Option<String>,
    /// Listen for an answering machine and leave [`CampaignSettings::voicemail`] after the beep.
    pub detect_machine: bool,
    /// The short message left on a machine: no private details.
    pub voicemail: String,
    /// The zone used when neither the number nor the recipient's row fixes one (the profile's).
    pub fallback_zone: Option<String>,
}

impl Default for CampaignSettings {
    fn default() -> Self {
        CampaignSettings {
            menu: MenuKey::defaults(),
            schedule: Schedule::Now,
            safeguards: Safeguards::default(),
            retry: RetryPolicy::default(),
            front_desk: None,
            detect_machine: false,
            voicemail: "Hello, this is a reminder call about your appointment. Please call us back. Thank you.".to_owned(),
            fallback_zone: None,
        }
    }
}

/// One key of the menu: what pressing it says back, records and does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MenuKey {
    /// `0`-`9`, `*` or `#`.
    pub key: String,
    /// What the menu says for it ("press 1 to confirm").
    pub label: String,
    /// What is said back after the key is pressed.
    pub reply: String,
    pub outcome: Outcome,
    pub action: KeyAction,
}

/// What a key does besides recording its outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum KeyAction {
    /// Say the reply and hang up.
    HangUp,
    /// Say the reply and connect to the front desk.
    ConnectFrontDesk,
    /// Say the reply, put the number on the do-not-call list and hang up.
    DoNotCall,
}

impl MenuKey {
    /// 1 confirm, 2 reschedule, 3 speak to us (front desk), 9 stop these calls (do-not-call).
    pub fn defaults() -> Vec<MenuKey> {
        let key = |key: &str, label: &str, reply: &str, outcome, action| MenuKey {
            key: key.to_owned(),
            label: label.to_owned(),
            reply: reply.to_owned(),
            outcome,
            action,
        };
        vec![
            key(
                "1",
                "to confirm",
                "Thank you, your appointment is confirmed. Goodbye.",
                Outcome::Confirmed,
                KeyAction::HangUp,
            ),
            key(
                "2",
                "to reschedule",
                "Thank you, we will call you to find a new time. Goodbye.",
                Outcome::Reschedule,
                KeyAction::HangUp,
            ),
            key(
                "3",
                "to speak to us",
                "Please hold while we connect you.",
                Outcome::AskedForCall,
                KeyAction::ConnectFrontDesk,
            ),
            key(
                "9",
                "to stop these calls",
                "You will not receive these calls again. Goodbye.",
                Outcome::StopCalls,
                KeyAction::DoNotCall,
            ),
        ]
    }
}

/// When recipients become due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Schedule {
    /// As soon as the runner starts (a test run), still inside the calling window.
    Now,
    /// Everyone from this moment (Unix ms).
    At {
        #[ts(type = "number")]
        at_ms: i64,
    },
    /// `hours` before each recipient's appointment (the appointment column).
    Before { column: String, hours: u32 },
}

/// The safeguards, on by default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Safeguards {
    /// Minutes after local midnight the window opens (08:00 = 480).
    pub window_start_min: u16,
    /// Minutes after local midnight the window closes (21:00 = 1260); no call starts at or after.
    pub window_end_min: u16,
    /// Days calls may be made, Monday = 0 … Sunday = 6.
    pub days: Vec<u8>,
    /// At most this many reminders to one number per local day (any campaign).
    pub max_per_day: u32,
    /// At most this many reminders to one number in any seven days (any campaign).
    pub max_per_week: u32,
    /// Dials per second.
    pub rate_per_second: f64,
    /// Calls in progress at once.
    pub max_live: u32,
}

impl Default for Safeguards {
    fn default() -> Self {
        Safeguards {
            window_start_min: 8 * 60,
            window_end_min: 21 * 60,
            days: vec![0, 1, 2, 3, 4, 5],
            max_per_day: 1,
            max_per_week: 3,
            rate_per_second: 1.0,
            max_live: 5,
        }
    }
}

/// How many more tries, and how long after, for each outcome that can be retried.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RetryPolicy {
    pub busy: RetryRule,
    pub no_answer: RetryRule,
    pub failed: RetryRule,
    pub machine: RetryRule,
    pub no_input: RetryRule,
}

/// `count` retries, each `delay_min` minutes after the attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RetryRule {
    pub count: u32,
    pub delay_min: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        let rule = |count, delay_min| RetryRule { count, delay_min };
        RetryPolicy {
            busy: rule(2, 10),
            no_answer: rule(2, 30),
            failed: rule(1, 5),
            machine: rule(0, 0),
            no_input: rule(1, 60),
        }
    }
}

impl RetryPolicy {
    /// The rule for an outcome; `None` for outcomes that end the recipient.
    pub fn rule(&self, outcome: Outcome) -> Option<RetryRule> {
        match outcome {
            Outcome::Busy => Some(self.busy),
            Outcome::NoAnswer => Some(self.no_answer),
            Outcome::Failed => Some(self.failed),
            Outcome::Machine => Some(self.machine),
            Outcome::NoInput => Some(self.no_input),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_documented_ones() {
        let s = CampaignSettings::default();
        let keys: Vec<_> = s.menu.iter().map(|k| (k.key.as_str(), k.outcome)).collect();
        assert_eq!(
            keys,
            [
                ("1", Outcome::Confirmed),
                ("2", Outcome::Reschedule),
                ("3", Outcome::AskedForCall),
                ("9", Outcome::StopCalls)
            ]
        );
        assert_eq!(s.menu[3].action, KeyAction::DoNotCall);
        assert_eq!(s.safeguards.days, [0, 1, 2, 3, 4, 5], "Monday to Saturday");
        assert_eq!(
            (s.safeguards.window_start_min, s.safeguards.window_end_min),
            (480, 1260)
        );
        assert_eq!(
            s.retry.rule(Outcome::Busy),
            Some(RetryRule {
                count: 2,
                delay_min: 10
            })
        );
        assert_eq!(
            s.retry.rule(Outcome::NoInput),
            Some(RetryRule {
                count: 1,
                delay_min: 60
            })
        );
        assert_eq!(s.retry.rule(Outcome::Confirmed), None);
    }

    #[test]
    fn settings_survive_a_round_trip_as_json() {
        let s = CampaignSettings {
            schedule: Schedule::Before {
                column: "appointment".into(),
                hours: 24,
            },
            ..CampaignSettings::default()
        };
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<CampaignSettings>(&json).unwrap(), s);
    }
}
