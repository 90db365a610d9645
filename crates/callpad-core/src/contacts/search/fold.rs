//! Folding text so case, accents and spacing do not matter to search, and reading the digits a
//! person typed as part of a number.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower case, accents dropped, runs of white space made one space, control characters
/// (including the index's NUL separator) removed: `  José  O'Neill ` → `jose o'neill`.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return fold_ascii(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfd() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if c.is_control() || is_combining_mark(c) {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// [`fold`] for ASCII text, which has no accents to drop.
fn fold_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_ascii_whitespace() {
        let mut letters = word
            .bytes()
            .filter(|b| !b.is_ascii_control())
            .map(|b| char::from(b.to_ascii_lowercase()))
            .peekable();
        if letters.peek().is_some() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.extend(letters);
        }
    }
    out
}

/// True for a query made only of what numbers are written with (`+1 (555) 12`, `555-12`), with
/// at least one digit.
pub fn is_digit_query(query: &str) -> bool {
    let mut any_digit = false;
    for c in query.chars() {
        if c.is_ascii_digit() {
            any_digit = true;
        } else if !matches!(c, ' ' | '+' | '-' | '(' | ')' | '.' | '/' | '\t') {
            return false;
        }
    }
    any_digit
}

pub(super) fn digits_of(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_drops_case_accents_and_extra_space() {
        let cases = [
            ("  José   O'Neill ", "jose o'neill"),
            ("ÅSA Ørsted", "asa ørsted"),
            ("a\u{0}b", "ab"),
            ("A \u{1} B\tc", "a b c"),
            ("É \u{1} B", "e b"),
        ];
        for (text, folded) in cases {
            assert_eq!(fold(text), folded, "{text:?}");
        }
    }

    #[test]
    fn digit_queries_are_recognised() {
        let cases = [
            ("555 12", true),
            ("+1 (555) 123-4", true),
            ("jane 5", false),
            (" - ", false),
        ];
        for (query, digits) in cases {
            assert_eq!(is_digit_query(query), digits, "{query:?}");
        }
    }
}
