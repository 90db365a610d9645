//! Finding the phone numbers in a piece of text (a selection, the clipboard): libphonenumber's
//! matcher picks the candidates ("call me at (206) 555-0174 ext. 12 tomorrow" → one number with
//! its extension), and each one is then read through [`super::parse_dialable`], so a found number
//! is exactly what the dial pad would make of it (emergency numbers are never offered).

use rlibphonenumber::phonenumber_matcher::{Leniency, PHONE_MATCHER_FACTORY};
use serde::Serialize;
use ts_rs::TS;

use super::{Dialable, NumberError, PhoneNumber, parse_dialable, region};

/// At most this much text is searched (a selection can be a whole document).
pub const MAX_SEARCHED_CHARS: usize = 20_000;
/// At most this many numbers are offered.
pub const MAX_FOUND: usize = 20;
/// How many candidates the matcher may reject before it gives up (bounds its work).
const MAX_TRIES: u64 = 500;

/// A phone number found in text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FoundNumber {
    /// The number as the dial pad reads it (`typed` is the text it was found as).
    pub number: PhoneNumber,
    /// What goes in the dial pad for it: `+1 206-555-0174 ext. 12`.
    pub input: String,
    /// A few words around it, to tell several apart in a picker.
    pub context: String,
}

/// The phone numbers in `text`, in order, each once (by number and extension). National numbers
/// are read as numbers of `default_region`; with no region only international ones are found.
pub fn find_numbers(
    text: &str,
    default_region: Option<&str>,
) -> Result<Vec<FoundNumber>, NumberError> {
    let region = match default_region {
        Some(code) => region::parse_region(code)?,
        None => None,
    };
    let text = head(text, MAX_SEARCHED_CHARS);
    let mut found: Vec<FoundNumber> = Vec::new();
    let matches = PHONE_MATCHER_FACTORY
        .matcher_builder(text)
        .preferred_region(region)
        .leniency(Leniency::Valid)
        .max_tries(MAX_TRIES)
        // The fallible matcher never panics, whatever the text.
        .build_fallible();
    for m in matches.flatten() {
        let Ok(Dialable::Phone(number)) = parse_dialable(m.raw_string, default_region) else {
            continue;
        };
        if found
            .iter()
            .any(|f| f.number.e164 == number.e164 && f.number.extension == number.extension)
        {
            continue;
        }
        let context = context(text, m.start, m.end());
        let input = number.display();
        found.push(FoundNumber {
            number,
            input,
            context,
        });
        if found.len() == MAX_FOUND {
            break;
        }
    }
    Ok(found)
}

/// The first `max` characters of `text`.
fn head(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// Up to 24 characters either side of `start..end`, on one line, with … where cut.
fn context(text: &str, start: usize, end: usize) -> String {
    const SIDE: usize = 24;
    let before = &text[..start];
    let after = &text[end..];
    let cut_before = before.char_indices().rev().nth(SIDE - 1).map(|(i, _)| i);
    let cut_after = after.char_indices().nth(SIDE).map(|(i, _)| i);
    let mut out = String::new();
    if let Some(i) = cut_before {
        out.push('…');
        out.push_str(&before[i..]);
    } else {
        out.push_str(before);
    }
    out.push_str(&text[start..end]);
    match cut_after {
        Some(i) => {
            out.push_str(&after[..i]);
            out.push('…');
        }
        None => out.push_str(after),
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e164s(text: &str, region: Option<&str>) -> Vec<(String, Option<String>)> {
        find_numbers(text, region)
            .unwrap()
            .into_iter()
            .map(|f| (f.number.e164, f.number.extension))
            .collect()
    }

    #[test]
    fn a_number_in_a_sentence_with_its_extension() {
        let found = find_numbers("call me at (206) 555-0174 ext. 12 tomorrow", Some("US")).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].number.e164, "+12065550174");
        assert_eq!(found[0].number.extension.as_deref(), Some("12"));
        assert_eq!(found[0].input, "+1 206-555-0174 ext. 12");
        assert!(
            found[0].number.typed.starts_with("(206) 555-0174"),
            "{:?}",
            found[0]
        );
        assert_eq!(
            found[0].context,
            "call me at (206) 555-0174 ext. 12 tomorrow"
        );
    }

    #[test]
    fn several_numbers_in_order_each_once() {
        let text = "Office +44 20 7946 0958, mobile 206.555.0174 — or again +44 (0)20 7946 0958.";
        assert_eq!(
            e164s(text, Some("US")),
            [
                ("+442079460958".to_owned(), None),
                ("+12065550174".to_owned(), None)
            ]
        );
    }

    #[test]
    fn national_numbers_need_a_region_and_international_ones_do_not() {
        assert_eq!(e164s("ring 020 7946 0958 today", Some("GB")).len(), 1);
        assert!(e164s("ring 020 7946 0958 today", None).is_empty());
        assert_eq!(e164s("ring +33 1 23 45 67 89", None)[0].0, "+33123456789");
    }

    #[test]
    fn text_without_numbers_finds_nothing() {
        for text in [
            "",
            "no numbers here",
            "order 12345 shipped on 2024-05-06 at 10:30",
            "call 911 now",
            "\u{0}\u{fffd}+++((((",
        ] {
            assert!(e164s(text, Some("US")).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_huge_selection_is_searched_only_so_far_and_capped() {
        let many: String = (0..200)
            .map(|i| format!("+1 206 555 {:04} ", 100 + i))
            .collect();
        let found = find_numbers(&many, Some("US")).unwrap();
        assert_eq!(found.len(), MAX_FOUND);
        let late = format!("{}+1 206 555 0174", "x".repeat(MAX_SEARCHED_CHARS));
        assert!(find_numbers(&late, Some("US")).unwrap().is_empty());
    }

    #[test]
    fn context_is_cut_on_character_boundaries() {
        let text = format!("{} (206) 555-0174 {}", "é".repeat(40), "ü".repeat(40));
        let found = find_numbers(&text, Some("US")).unwrap();
        assert_eq!(found.len(), 1);
        let context = &found[0].context;
        assert_eq!(
            *context,
            format!("…{} (206) 555-0174 {}…", "é".repeat(23), "ü".repeat(23))
        );
    }

    #[test]
    fn an_unknown_region_is_an_error() {
        assert!(matches!(
            find_numbers("x", Some("XX")),
            Err(NumberError::UnknownRegion { .. })
        ));
    }
}
