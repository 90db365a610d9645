//! `callpad normalize` end to end: numbers piped in, one line out per line in, in order; bad
//! lines reported in place with exit 0, a bad `--region` refused with exit 2.

mod support;

use std::process::Output;

use support::{callpad, stdout, temp_dir};

/// `callpad normalize ARGS` with `stdin` piped in.
fn normalize(args: &[&str], stdin: &str) -> Output {
    let data = temp_dir();
    let mut all = vec!["normalize"];
    all.extend_from_slice(args);
    callpad(data.path(), &all).stdin(stdin).output()
}

#[test]
fn each_line_is_printed_as_e164_sip_or_an_error_in_order() {
    let input = "\
020 7946 0958
+33142764978
(650) 253-0000 ext. 123
not a number
011 54 9 11 8765 4321
sip:alice@Example.com

tel:+1-650-253-0000;ext=7
+44 20 7946 095
";
    let out = normalize(&["--region", "GB"], input);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "+442079460958",
            "+33142764978",
            // Read in GB, (650) 253-0000 is no number.
            "error: this is not a valid GB (+44) number; check the digits, or for a number in another country start with + and its country code",
            "error: this does not look like a phone number; type its digits, with + and the country code for a number abroad",
            // 011 is not an international prefix in GB (00 is): it reads as a national number.
            "error: the number is too long for GB; check for extra digits",
            "sip:alice@example.com",
            "error: the number is empty; type a phone number or a sip: address",
            "+16502530000;ext=7",
            "error: this is not a valid GB (+44) number; check the digits, or for a number in another country start with + and its country code",
        ],
        "{stdout}"
    );
}

#[test]
fn the_region_decides_how_national_numbers_and_prefixes_are_read() {
    let input = "(650) 253-0000 ext. 123\n011 54 9 11 8765 4321\n1-800-FLOWERS\n6521 8000\n";
    let out = normalize(&["--region", "us"], input);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "+16502530000;ext=123");
    assert_eq!(lines[1], "+5491187654321");
    assert_eq!(lines[2], "+18003569377");
    assert!(lines[3].starts_with("error: "), "{}", lines[3]);
    assert_eq!(lines.len(), 4);

    let out = normalize(&["--region", "SG"], "6521 8000\n");
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "+6565218000\n");
}

#[test]
fn without_a_region_national_numbers_ask_for_one() {
    let out = normalize(&[], "+64 3 331 6005\n03 331 6005\n");
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "+6433316005");
    assert_eq!(
        lines[1],
        "error: this number has no country code; add it with + in front (e.g. +44 20 7946 0958) or set a default region"
    );
}

#[test]
fn a_last_line_without_newline_and_crlf_endings_are_read() {
    let out = normalize(&["--region", "NZ"], "03 331 6005\r\n+6433316005");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "+6433316005\n+6433316005\n"
    );
    let out = normalize(&[], "");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn help_documents_the_output_and_exit_status() {
    let help = stdout(&normalize(&["--help"], ""));
    assert!(help.contains("--region <CC>"), "{help}");
    assert!(help.contains("error: <reason>"), "{help}");
    assert!(help.contains("0 even when some lines are errors"), "{help}");
}

#[test]
fn an_unknown_region_is_a_usage_error() {
    let out = normalize(&["--region", "ZZ"], "+6433316005\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("\"ZZ\" is not a region code"), "{stderr}");
}

#[test]
fn many_lines_stream_through() {
    let input: String = (0..20_000)
        .map(|i| format!("+1 650 253 {:04}\n", i % 10_000))
        .collect();
    let out = normalize(&["--region", "US"], &input);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 20_000);
    assert_eq!(stdout.lines().nth(1234), Some("+16502531234"));
}
