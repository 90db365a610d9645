//! Contacts benchmark (search latency over 100,000 contacts, CSV import speed).
fn main() {}
