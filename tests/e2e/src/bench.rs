//! What the window benchmarks (`tests/e2e/benches`) share: the release binaries they measure, a
//! data folder on the practice profile filled with generated contacts through the `callpad` CLI,
//! and percentiles. The benchmarks print figures; they assert only that the app did its part.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::workspace_root;

/// A release binary in `target/release`; `./x bench-startup` and `./x bench-contacts` build them.
pub fn release_binary(name: &str) -> PathBuf {
    let path = workspace_root().join("target/release").join(name);
    assert!(
        path.is_file(),
        "{} is not built: run the benchmark through ./x (README.md, \"Benchmarks\"), which builds the release binaries first",
        path.display()
    );
    path
}

/// `target/bench/<name>`, emptied.
pub fn fresh_dir(name: &str) -> PathBuf {
    let dir = workspace_root().join("target/bench").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the release `callpad` CLI on `data_dir`; panics with its output unless it succeeds.
fn cli(data_dir: &Path, args: &[&str]) -> String {
    let out = Command::new(release_binary("callpad"))
        .args(args)
        .env("CALLPAD_DATA_DIR", data_dir)
        .output()
        .expect("run callpad");
    assert!(
        out.status.success(),
        "callpad {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Puts the practice profile in `data_dir` (as the window's *Start practising*) and imports the
/// contacts of `csv`, as a person would with `callpad contacts import`. Returns how many were
/// imported (numbers shared by two generated rows merge, so a few less than the rows).
pub fn practice_with_contacts(data_dir: &Path, csv: &str) -> usize {
    cli(data_dir, &["profile", "practice"]);
    let file = data_dir.join("contacts.csv");
    std::fs::write(&file, csv).unwrap();
    let said = cli(
        data_dir,
        &[
            "contacts",
            "import",
            file.to_str().unwrap(),
            "--region",
            "US",
        ],
    );
    std::fs::remove_file(&file).unwrap();
    // "Imported: N new contacts, M merged into existing contacts."
    said.lines()
        .find_map(|l| l.strip_prefix("Imported: "))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("callpad contacts import said: {said}"))
}

/// The value at fraction `p` (0–1) of `values`, nearest rank; `values` need not be sorted.
pub fn percentile(values: &[f64], p: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// The median of `values`.
pub fn median(values: &[f64]) -> f64 {
    percentile(values, 0.5)
}

/// Milliseconds, as a float.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
