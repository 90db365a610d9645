//! Fuzzes `callpad normalize`'s line reader (crates/callpad-cli/src/normalize.rs, compiled in
//! here as it is) with arbitrary bytes. Invariants: no panic and no I/O error; exactly one output
//! line per input line, each an E.164 number, a SIP URI or `error: <reason>`.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The CLI module's only outside need: its failure type.
mod exit {
    pub struct Failure;
    impl Failure {
        pub fn failed(_message: impl Into<String>) -> Self {
            Failure
        }
    }
}

#[allow(dead_code)]
#[path = "../../crates/callpad-cli/src/normalize.rs"]
mod normalize;

const REGIONS: [Option<&str>; 4] = [None, Some("US"), Some("GB"), Some("FR")];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, input)) = data.split_first() else {
        return;
    };
    let region = REGIONS[usize::from(selector & 3)];
    let mut out = Vec::new();
    normalize::normalize(input, &mut out, region, selector & 4 != 0)
        .expect("normalize never fails on in-memory input");
    let expected = input.split(|&b| b == b'\n').count() - usize::from(input.ends_with(b"\n"));
    let expected = if input.is_empty() { 0 } else { expected };
    let out = String::from_utf8(out).expect("output is UTF-8");
    assert_eq!(
        out.lines().count(),
        expected,
        "one line out per line in: {input:?} -> {out:?}"
    );
    assert!(out.is_empty() || out.ends_with('\n'));
    for line in out.lines() {
        assert!(
            line.starts_with('+')
                || line.starts_with("sip:")
                || line.starts_with("sips:")
                || line.starts_with("error: "),
            "{line:?}"
        );
    }
});
