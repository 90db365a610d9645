//! Dialling an extension after the call connects: SignalWire's `send_digits` string for it.
//! Recognising the extension in what was typed is libphonenumber's job (see `phone.rs`).

/// The pause before an extension's digits: SignalWire's `w` waits 0.5 s, so `ww` is one second,
/// enough for most auto-attendants to start listening.
pub const EXTENSION_PAUSE: &str = "ww";

/// The `send_digits` value that dials `ext` once the call is answered: a short pause, then the
/// digits; `ww123` for `123`.
///
/// Keeps only what a keypad sends (`0`–`9`, `*`, `#`) and returns an empty string when nothing
/// is left, so a caller never sends a lone pause. `parse_dialable` already gives ASCII digits.
pub fn send_digits_for_extension(ext: &str) -> String {
    let keys = ext
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '*' || *c == '#');
    let mut digits = String::with_capacity(EXTENSION_PAUSE.len() + ext.len());
    digits.push_str(EXTENSION_PAUSE);
    digits.extend(keys);
    if digits.len() == EXTENSION_PAUSE.len() {
        digits.clear();
    }
    digits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_then_sends_the_digits() {
        assert_eq!(send_digits_for_extension("123"), "ww123");
        assert_eq!(send_digits_for_extension("0"), "ww0");
        assert_eq!(send_digits_for_extension("12*#"), "ww12*#");
    }

    #[test]
    fn keeps_only_what_a_keypad_can_send() {
        assert_eq!(send_digits_for_extension(" 12-34 "), "ww1234");
        assert_eq!(send_digits_for_extension("1;2,3"), "ww123");
        assert_eq!(send_digits_for_extension(""), "");
        assert_eq!(send_digits_for_extension("ext"), "");
    }
}
