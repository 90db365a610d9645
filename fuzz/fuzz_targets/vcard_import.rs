//! Fuzzes previewing a contacts import from vCard bytes (`callpad_core::contacts::preview`):
//! inputs are steered to the vCard reader with a `BEGIN:VCARD` line unless they start with one.
//! Invariants: as for CSV (`import_checks.rs`).
#![no_main]

#[path = "import_checks.rs"]
mod import_checks;

use libfuzzer_sys::fuzz_target;

const STARTS: [&str; 4] = [
    "",
    "BEGIN:VCARD\r\n",
    "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\n",
    "BEGIN:VCARD\r\nVERSION:4.0\r\nTEL;TYPE=cell:",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let mut bytes = STARTS[usize::from(selector & 3)].as_bytes().to_vec();
    bytes.extend_from_slice(rest);
    import_checks::check_preview(&bytes, selector & 4 != 0);
});
