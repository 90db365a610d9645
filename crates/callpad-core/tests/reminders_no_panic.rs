//! Whatever a person types into a reminder setting — the template, the window, the days, the
//! retry rules, an appointment cell, a CSV — Callpad answers with a value or an error, never a
//! panic.

use callpad_core::reminders::campaign::{CampaignSettings, RetryPolicy};
use callpad_core::reminders::recipients::{CsvOptions, read_csv};
use callpad_core::reminders::retry::parse_retry;
use callpad_core::reminders::spoken::parse_appointment;
use callpad_core::reminders::template::Template;
use callpad_core::reminders::tz::zone_of_number;
use callpad_core::reminders::window::{parse_days, parse_window};

const ODD: &[&str] = &[
    "",
    " ",
    "{",
    "}",
    "{}",
    "{{",
    "}}",
    "{{}",
    "{}}",
    "{é}",
    "{name",
    "name}",
    "{na{me}",
    "{😀}",
    "é",
    "😀",
    "=",
    "@",
    "busy=1@5é",
    "busy=1@é",
    "busy=@m",
    "busy=1@m",
    "no_answer=4294967296@1m",
    "-",
    "--",
    ":-:",
    "99:99-99:99",
    "24:00-24:00",
    "00:00-24:00",
    "65535:00-1:00",
    "mon-",
    "-mon",
    "mon-mon",
    "sun-sat",
    "m",
    "mo",
    "\u{0}",
    "\u{200b}{name}\u{200b}",
    "${envs.x}",
    "%{a}",
    "2026-13-45 25:61",
    "9999999-12-03 14:30",
    "+",
    "+1",
    "+0000000000000000000000",
    "a,b\n\"unclosed",
    "phone\n\"",
    "phone;name\n+12065550100;${envs.x}\n",
    "phone\n+12065550100,extra,cells\n",
    "sep=;\nphone;name\n12;x\n",
    "\u{feff}phone\n+442079460958\n",
];

#[test]
fn odd_text_never_panics() {
    let columns = vec!["name".to_owned(), "phone".to_owned()];
    let settings = CampaignSettings::default();
    for text in ODD {
        let _ = Template::parse(text, &columns, true);
        let _ = Template::parse(text, &[], false);
        let _ = parse_window(text);
        let _ = parse_days(text);
        let _ = parse_retry(text, &RetryPolicy::default());
        let _ = parse_appointment(text, None);
        let _ = parse_appointment(text, Some(text));
        let _ = zone_of_number(text);
        let options = CsvOptions {
            region: Some("US".into()),
            ..CsvOptions::default()
        };
        let _ = read_csv(
            text.as_bytes(),
            "Hi {name}",
            &settings,
            &options,
            0,
            &mut |_| Ok(false),
        );
        let _ = read_csv(
            b"name,phone\nA,+12065550100\n",
            text,
            &settings,
            &options,
            i64::MAX,
            &mut |_| Ok(false),
        );
    }
}
