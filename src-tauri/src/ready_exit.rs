//! The start-up benchmark's finish line (README.md, "Benchmarks"): with `CALLPAD_EXIT_WHEN_READY=1`
//! the app exits with status 0 as soon as the UI reports its first screen rendered with Rust's
//! first answers (`app_ready`), the method of Tauri's own start-up benchmark. Otherwise the report
//! is ignored.

/// Set to `1` to exit once the first screen is up.
pub const EXIT_WHEN_READY_ENV: &str = "CALLPAD_EXIT_WHEN_READY";

/// The UI's first screen is on: exit if the benchmark asked for it.
pub fn first_screen_shown() {
    if std::env::var_os(EXIT_WHEN_READY_ENV).is_some_and(|v| v == "1") {
        std::process::exit(0);
    }
}
