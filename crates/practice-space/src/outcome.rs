//! The practice rules for what happens to a dialled call: the last digit of the number called
//! picks whether it is answered ([`outcome_for`]); for an answered call the second-to-last digit
//! picks who answered and which key they press ([`callee_for`]). Also the simulated durations
//! they use. It decides; `calling/lifecycle.rs` and `calling/swml/` play it out.

/// How long a call rings before it is answered, busy or declined (simulated seconds).
pub const RING_SECS: u64 = 2;
/// How long an answered call stays up before the far end hangs up (simulated seconds).
pub const TALK_SECS: u64 = 20;
/// The ring timeout used when a dial gives no `timeout` (simulated seconds).
pub const DEFAULT_RING_TIMEOUT_SECS: u64 = 30;
/// With the default rate (`Config::calls_per_second` = 1), at most one call per this many
/// simulated seconds starts progressing; the rest wait `queued`.
pub const PACING_INTERVAL_SECS: u64 = 1;

/// What the practice space does with a call once its turn comes.
///
/// Every call first becomes `created`; then:
///
/// | Outcome    | Then                                                                         |
/// |------------|------------------------------------------------------------------------------|
/// | `Busy`     | `ringing` for [`RING_SECS`], then `ended` with end reason `busy`             |
/// | `NoAnswer` | `ringing` until the dial's `timeout` (default 30 s), then `ended` `noAnswer` |
/// | `Fail`     | `ended` at once with end reason `error`; it never rings                      |
/// | `Decline`  | `ringing` for [`RING_SECS`], then `ended` with end reason `decline`          |
/// | `Answer`   | `ringing` for [`RING_SECS`], `answered` for [`TALK_SECS`], `ended` `hangup`  |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// The far end is busy.
    Busy,
    /// Nobody picks up before the ring timeout.
    NoAnswer,
    /// The call fails before it rings.
    Fail,
    /// The far end rejects the call while it rings.
    Decline,
    /// The far end answers, talks, then hangs up.
    Answer,
}

impl Outcome {
    /// The lowercase name used in the control API (`busy`, `no_answer`, `fail`, `decline`, `answer`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Busy => "busy",
            Self::NoAnswer => "no_answer",
            Self::Fail => "fail",
            Self::Decline => "decline",
            Self::Answer => "answer",
        }
    }
}

/// The outcome of a call to `to`, by the last digit of the number:
///
/// | Last digit of `to`          | Outcome                                            |
/// |-----------------------------|----------------------------------------------------|
/// | `0`                         | [`Outcome::Busy`]: rings 2 s, ended `busy`         |
/// | `1`                         | [`Outcome::NoAnswer`]: rings until `timeout`       |
/// | `2`                         | [`Outcome::Fail`]: ended `error` at once           |
/// | `3`                         | [`Outcome::Decline`]: rings 2 s, ended `decline`   |
/// | `4`–`9`, or a `sip:` address | [`Outcome::Answer`]: rings 2 s, up 20 s, `hangup` |
///
/// The rule is deterministic so a test can pick the outcome it needs by choosing the number:
/// `+12065550170` is busy, `+12065550171` never answers, `+12065550175` answers.
pub fn outcome_for(to: &str) -> Outcome {
    let lower = to.trim_start().to_ascii_lowercase();
    if lower.starts_with("sip:") || lower.starts_with("sips:") {
        return Outcome::Answer;
    }
    match to.trim_end().chars().last() {
        Some('0') => Outcome::Busy,
        Some('1') => Outcome::NoAnswer,
        Some('2') => Outcome::Fail,
        Some('3') => Outcome::Decline,
        _ => Outcome::Answer,
    }
}

/// Who answers an answered call, and what they do when a SWML `prompt` asks for a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Callee {
    /// A person who presses this key (`'1'`, `'2'`, `'3'` or `'9'`) once the prompt has played.
    Presses(char),
    /// A person who presses nothing: the prompt times out.
    Silent,
    /// An answering machine: `detect_machine` says `machine`, and it presses nothing.
    Machine,
}

impl Callee {
    /// The name used in the control API: `presses_1`, `presses_2`, …, `silent`, `machine`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Presses('2') => "presses_2",
            Self::Presses('3') => "presses_3",
            Self::Presses('9') => "presses_9",
            Self::Presses(_) => "presses_1",
            Self::Silent => "silent",
            Self::Machine => "machine",
        }
    }
}

/// Seconds after a prompt finishes playing before a [`Callee::Presses`] person presses the key.
pub const KEY_PRESS_DELAY_SECS: u64 = 1;

/// Who answers a call to `to`, by the **second-to-last** digit of the number (the last digit
/// decides whether it is answered at all, see [`outcome_for`], so the two never collide):
///
/// | Second-to-last digit      | Callee                                      |
/// |---------------------------|---------------------------------------------|
/// | `1`, `2`, `3`, `9`        | [`Callee::Presses`] that key                |
/// | `0`                       | [`Callee::Silent`]: presses nothing          |
/// | `8`                       | [`Callee::Machine`]: an answering machine    |
/// | `4`–`7`, or a `sip:` address | [`Callee::Presses`] `1`                  |
///
/// `+12065550115` answers and presses 1, `+12065550195` presses 9, `+12065550105` never presses a
/// key, `+12065550185` is a machine.
pub fn callee_for(to: &str) -> Callee {
    let lower = to.trim_start().to_ascii_lowercase();
    if lower.starts_with("sip:") || lower.starts_with("sips:") {
        return Callee::Presses('1');
    }
    match to.trim_end().chars().rev().nth(1) {
        Some(key @ ('1' | '2' | '3' | '9')) => Callee::Presses(key),
        Some('0') => Callee::Silent,
        Some('8') => Callee::Machine,
        _ => Callee::Presses('1'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_digit_picks_the_outcome() {
        assert_eq!(outcome_for("+12065550170"), Outcome::Busy);
        assert_eq!(outcome_for("+12065550171"), Outcome::NoAnswer);
        assert_eq!(outcome_for("+12065550172"), Outcome::Fail);
        assert_eq!(outcome_for("+12065550173"), Outcome::Decline);
        for digit in '4'..='9' {
            assert_eq!(outcome_for(&format!("+1206555017{digit}")), Outcome::Answer);
        }
    }

    #[test]
    fn second_to_last_digit_picks_the_callee() {
        for key in ['1', '2', '3', '9'] {
            assert_eq!(
                callee_for(&format!("+120655501{key}5")),
                Callee::Presses(key)
            );
        }
        assert_eq!(callee_for("+12065550105"), Callee::Silent);
        assert_eq!(callee_for("+12065550185"), Callee::Machine);
        for other in ['4', '5', '6', '7'] {
            assert_eq!(
                callee_for(&format!("+120655501{other}5")),
                Callee::Presses('1')
            );
        }
        assert_eq!(callee_for("sip:alice80@example.com"), Callee::Presses('1'));
        assert_eq!(callee_for("5"), Callee::Presses('1'));
        // The last digit still decides the outcome: ...80 is busy, not a machine that answers.
        assert_eq!(outcome_for("+12065550180"), Outcome::Busy);
    }

    #[test]
    fn sip_addresses_answer_whatever_they_end_with() {
        assert_eq!(outcome_for("sip:alice0@example.com"), Outcome::Answer);
        assert_eq!(outcome_for("sip:2000@pbx.example.com"), Outcome::Answer);
        assert_eq!(outcome_for("SIP:agent@10.0.0.1"), Outcome::Answer);
    }
}
