//! No text may panic a parser: numbers (`parse_dialable`, as `callpad normalize`, `call --to`
//! and the dial pad use it), contact numbers, CSV and vCard imports, and the do-not-call check.
//! Inputs are random strings built from the pieces that break byte-slicing code (multi-byte and
//! zero-width characters next to `sip:`/`tel:` prefixes, digits of other scripts, controls),
//! from a fixed seed so a failure reproduces; each failure is reported with its input.

use std::panic::{AssertUnwindSafe, catch_unwind};

use callpad_core::contacts::{self, ContactInput, ContactNumber, ContactStore, NumberInput};
use callpad_core::db;
use callpad_core::numbers::parse_dialable;
use callpad_core::profiles::Profile;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Pieces that random inputs are made of.
const PIECES: &[&str] = &[
    "0",
    "1",
    "2",
    "5",
    "7",
    "9",
    "+",
    " ",
    "-",
    "(",
    ")",
    ".",
    "/",
    "sip:",
    "sips:",
    "SIP:",
    "tel:",
    "s",
    "i",
    "p",
    ":",
    ";",
    ";ext=",
    "x",
    "ext.",
    "#",
    "*",
    ",",
    "@",
    "%",
    "%2B",
    "[",
    "]",
    "=",
    "?",
    "\"",
    "'",
    "\t",
    "\r",
    "\n",
    "\0",
    "\u{7}",
    "\u{1b}[31m",
    "😀",
    "\u{200B}",
    "\u{200D}",
    "\u{FEFF}",
    "\u{202E}",
    "é",
    "ß",
    "€",
    "Ω",
    "中",
    "\u{FF0B}",
    "１",
    "٣",
    "۵",
    "०",
    "\u{0301}",
    "\u{FFFD}",
    "phone-context=",
    "example.com",
    "00",
    "011",
    "+44",
    "+1",
    "800",
    "FLOWERS",
    "a",
    "Z",
    "BEGIN:VCARD",
    "END:VCARD",
    "TEL:",
    "FN:",
    "=\r\n",
    "\\",
    "sep=;",
];

fn random_text(rng: &mut StdRng, max_pieces: usize) -> String {
    let n = rng.random_range(0..=max_pieces);
    let mut out = String::new();
    for _ in 0..n {
        if rng.random_bool(0.1) {
            // Any character at all, now and then.
            if let Some(c) = char::from_u32(rng.random_range(0..0x11_0000)) {
                out.push(c);
            }
        } else {
            out.push_str(PIECES[rng.random_range(0..PIECES.len())]);
        }
    }
    out
}

/// Runs `f`, and returns the panic message if it panicked.
fn panics(f: impl FnOnce()) -> Option<String> {
    catch_unwind(AssertUnwindSafe(f)).err().map(|payload| {
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default()
    })
}

fn assert_none_panicked(what: &str, failures: Vec<(String, String)>) {
    assert!(
        failures.is_empty(),
        "{what} panicked on {} inputs, e.g.:\n{}",
        failures.len(),
        failures
            .iter()
            .take(10)
            .map(|(input, message)| format!("  {input:?}: {message}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The inputs the defect report named, and their neighbours.
const KNOWN_BAD: &[&str] = &[
    "😀",
    "😀\n",
    "1\u{200B}23",
    "+1\u{200B}650 253 0000",
    "+1 650\u{200B}253 0000",
    "\u{200B}+16502530000",
    "ab😀",
    "s😀",
    "si😀",
    "sip😀",
    "sips😀",
    "é",
    "1é",
    "12é",
    "123é",
    "tel😀",
    "te😀:+1",
    "sip:😀@example.com",
    "sip:alice@😀.com",
    "sip:alice@[😀]",
    "sip:alice@example.com:😀",
    "sip:alice@example.com;😀=1",
    "sip:%😀@example.com",
    "sip:%2😀@example.com",
];

#[test]
fn the_inputs_that_crashed_normalize_are_errors_not_panics() {
    for input in KNOWN_BAD {
        for region in [None, Some("US"), Some("GB")] {
            let outcome = catch_unwind(|| parse_dialable(input, region));
            assert!(outcome.is_ok(), "{input:?} in {region:?} panicked");
        }
    }
    // A zero-width space copied from a web page is no reason to refuse the number, but if it is
    // refused it must say why, not crash.
    assert!(parse_dialable("😀", Some("US")).is_err());
}

#[test]
fn no_random_text_panics_the_number_parser() {
    let mut rng = StdRng::seed_from_u64(0x5eed_0001);
    let mut failures = Vec::new();
    for _ in 0..20_000 {
        let input = random_text(&mut rng, 12);
        for region in [None, Some("US"), Some("GB"), Some("DE")] {
            if let Some(message) = panics(|| {
                let _ = parse_dialable(&input, region);
                let _ = ContactNumber::parse("mobile", &input, region);
            }) {
                failures.push((input.clone(), message));
                break;
            }
        }
    }
    assert_none_panicked("parse_dialable", failures);
}

#[test]
fn no_random_text_panics_the_do_not_call_check() {
    let conn = db::open_in_memory().unwrap();
    let mut rng = StdRng::seed_from_u64(0x5eed_0002);
    let mut failures = Vec::new();
    for _ in 0..5_000 {
        let input = random_text(&mut rng, 10);
        if let Some(message) = panics(|| {
            let _ = contacts::is_opted_out(&conn, &input);
        }) {
            failures.push((input, message));
        }
    }
    assert_none_panicked("is_opted_out", failures);
}

#[test]
fn no_random_csv_or_vcard_panics_the_importer() {
    let store = ContactStore::new(db::open_in_memory().unwrap()).unwrap();
    let mut rng = StdRng::seed_from_u64(0x5eed_0003);
    let mut failures = Vec::new();
    for i in 0..600 {
        let mut file = String::new();
        match i % 3 {
            // A CSV with a header and random cells.
            0 => {
                file.push_str("Name,Phone,Notes\n");
                for _ in 0..rng.random_range(1..8) {
                    let cells: Vec<String> = (0..3).map(|_| random_text(&mut rng, 6)).collect();
                    file.push_str(&cells.join(","));
                    file.push('\n');
                }
            }
            // A vCard with random values.
            1 => {
                for _ in 0..rng.random_range(1..4) {
                    file.push_str("BEGIN:VCARD\r\nVERSION:3.0\r\n");
                    file.push_str(&format!("FN:{}\r\n", random_text(&mut rng, 5)));
                    file.push_str(&format!("TEL;TYPE=CELL:{}\r\n", random_text(&mut rng, 6)));
                    file.push_str(&random_text(&mut rng, 6));
                    file.push_str("\r\nEND:VCARD\r\n");
                }
            }
            // Anything at all.
            _ => file = random_text(&mut rng, 40),
        }
        let mut bytes = file.into_bytes();
        // Now and then a byte that is not UTF-8 (a stray Windows-1252 byte, or half a character).
        if rng.random_bool(0.2) && !bytes.is_empty() {
            let at = rng.random_range(0..bytes.len());
            bytes.insert(at, rng.random_range(0x80..=0xFF));
        }
        let region = [None, Some("US"), Some("GB")][i % 3];
        if let Some(message) = panics(|| {
            let _ = contacts::preview(&store, &bytes, region);
        }) {
            failures.push((String::from_utf8_lossy(&bytes).into_owned(), message));
        }
    }
    assert_none_panicked("contacts::preview", failures);
}

#[test]
fn no_random_text_panics_search_contact_checks_or_profile_checks() {
    let mut store = ContactStore::new(db::open_in_memory().unwrap()).unwrap();
    let mut rng = StdRng::seed_from_u64(0x5eed_0004);
    let mut failures = Vec::new();
    for i in 0..3_000 {
        let text = random_text(&mut rng, 10);
        let other = random_text(&mut rng, 6);
        if let Some(message) = panics(|| {
            let input = ContactInput {
                name: text.clone(),
                company: Some(other.clone()),
                numbers: vec![NumberInput {
                    label: other.clone(),
                    number: text.clone(),
                }],
                notes: text.clone(),
                tags: vec![other.clone()],
                ..ContactInput::default()
            };
            let _ = input.validate(Some("US"));
            if i % 10 == 0 {
                let _ = store.add(&input, Some("US"));
            }
            let _ = store.search(&text, 10);
            let _ = contacts::fold(&text);
            let _ = contacts::is_digit_query(&text);
            let _ = contacts::excerpt(&text);
            let _ = contacts::spreadsheet_safe(&text);
            let mut profile = Profile::new(text.clone(), other.clone(), text.clone());
            profile.default_region = other.clone();
            profile.default_caller_id = Some(text.clone());
            profile.public_url = Some(other.clone());
            let _ = profile.normalised();
            let _ = callpad_core::call_id::parse_call_id(&text);
        }) {
            failures.push((format!("{text:?} / {other:?}"), message));
        }
    }
    assert_none_panicked("search, contact or profile checks", failures);
}
