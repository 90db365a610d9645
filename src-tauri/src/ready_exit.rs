//! The start-up benchmark's finish line (README.md, "Benchmarks"): with `CALLPAD_EXIT_WHEN_READY=1`
//! the app exits with status 0 as soon as the UI reports its first screen rendered with Rust's
//! first answers (`app_ready`), the method of Tauri's own start-up benchmark. Before exiting it
//! writes to stderr when, since the process started, the Rust setup had finished and the first
//! screen was up (`callpad-ready: setup_ms=… ready_ms=…`), so the benchmark can say where the time
//! went. Without the variable the report is ignored.

use std::sync::atomic::{AtomicU64, Ordering};

/// Set to `1` to exit once the first screen is up.
pub const EXIT_WHEN_READY_ENV: &str = "CALLPAD_EXIT_WHEN_READY";

static SETUP_MS: AtomicU64 = AtomicU64::new(0);

fn asked() -> bool {
    std::env::var_os(EXIT_WHEN_READY_ENV).is_some_and(|v| v == "1")
}

/// Milliseconds since this process started (Linux: from /proc; 0 where unknown).
fn since_start_ms() -> u64 {
    let read = || -> Option<u64> {
        let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
        let after = stat.rsplit_once(')')?.1;
        // Field 22 (starttime, in clock ticks since boot) is the 20th after the command name.
        let ticks: f64 = after.split_whitespace().nth(19)?.parse().ok()?;
        let uptime = std::fs::read_to_string("/proc/uptime").ok()?;
        let now: f64 = uptime.split_whitespace().next()?.parse().ok()?;
        Some(((now - ticks / 100.0) * 1000.0).max(0.0) as u64)
    };
    read().unwrap_or(0)
}

/// The Rust setup (data folder, database) is done.
pub fn setup_done() {
    if asked() {
        SETUP_MS.store(since_start_ms(), Ordering::Relaxed);
    }
}

/// The UI's first screen is on: exit if the benchmark asked for it.
pub fn first_screen_shown() {
    if asked() {
        eprintln!(
            "callpad-ready: setup_ms={} ready_ms={}",
            SETUP_MS.load(Ordering::Relaxed),
            since_start_ms()
        );
        std::process::exit(0);
    }
}
