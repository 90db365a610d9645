//! Fuzzes previewing a contacts import from CSV bytes (`callpad_core::contacts::preview`, which
//! also decodes UTF-16/Windows-1252 and detects Google/Outlook/Callpad columns), against a store
//! that already holds a contact so merging is checked too.
//! Invariants: no panic; every row read is either kept or rejected with a line and a reason; the
//! counts add up.
#![no_main]

#[path = "import_checks.rs"]
mod import_checks;

use libfuzzer_sys::fuzz_target;

/// Headers the column detection knows, so short inputs reach the row checks.
const HEADERS: [&str; 4] = [
    "",
    "Name,Phone,Email,Tags\n",
    "Given Name,Family Name,Phone 1 - Type,Phone 1 - Value,Group Membership\n",
    "First Name;Last Name;Mobile Phone;Business Phone\n",
];

fuzz_target!(|data: &[u8]| import_checks::check_with_start(&HEADERS, data));
