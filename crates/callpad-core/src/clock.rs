//! Wall-clock time in Unix milliseconds, the one unit call times are kept in.
//! Passed around as a plain `fn` so tests can substitute their own.

/// Now, in Unix milliseconds.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}
