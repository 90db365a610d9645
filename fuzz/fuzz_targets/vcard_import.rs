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

fuzz_target!(|data: &[u8]| import_checks::check_with_start(&STARTS, data));
