//! Start-up and idle memory of the release app against a bare Tauri v2 app (benches/bare-app),
//! both built in the same run. Start-up is Tauri's own method: the time from starting the process
//! until it exits by itself, which it does (`CALLPAD_EXIT_WHEN_READY=1`) once its first screen has
//! rendered with its first answers from Rust — for Callpad, the contact list holding the first of
//! 10,000 contacts. Memory: RSS and PSS (`/proc/<pid>/smaps_rollup`) of every process of the app
//! (itself, WebKitWebProcess, WebKitNetworkProcess) 10 s after start. Run: `./x bench-startup`
//! (builds, then runs this under Xvfb with a keyring). Knobs: CALLPAD_BENCH_RUNS (start-ups per
//! app, default 10), CALLPAD_BENCH_CONTACTS (default 10000), CALLPAD_BENCH_IDLE_S (default 10).

#[path = "../../../crates/callpad-core/benches/common/mod.rs"]
mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use callpad_e2e::bench::{fresh_dir, median, ms, practice_with_contacts, release_binary};

const READY_TIMEOUT: Duration = Duration::from_secs(60);

fn knob(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct Subject {
    label: &'static str,
    binary: PathBuf,
    data_dir: PathBuf,
}

impl Subject {
    fn spawn(&self, exit_when_ready: bool) -> Child {
        let log = std::fs::File::create(self.log()).unwrap();
        let mut cmd = Command::new(&self.binary);
        cmd.env("CALLPAD_DATA_DIR", &self.data_dir)
            .stdout(Stdio::null())
            .stderr(log);
        if exit_when_ready {
            cmd.env("CALLPAD_EXIT_WHEN_READY", "1");
        }
        cmd.spawn()
            .unwrap_or_else(|err| panic!("start {}: {err}", self.binary.display()))
    }

    /// Where its stderr goes: beside its data folder.
    fn log(&self) -> PathBuf {
        self.data_dir.with_extension("log")
    }

    /// Start to ready, in ms: the process exits 0 by itself when its first screen is up. A start
    /// that GTK could not even begin (Xvfb refusing a connection now and then, exit 101 at once)
    /// is tried again, up to three times.
    fn start_up(&self) -> f64 {
        for _ in 0..3 {
            match self.try_start_up() {
                Ok(ms) => return ms,
                Err(log) if log.contains("Failed to initialize gtk") => {
                    eprintln!("  ({}: GTK could not open the display; again)", self.label);
                    std::thread::sleep(Duration::from_secs(1));
                }
                Err(log) => panic!("{} failed: {log}", self.label),
            }
        }
        panic!("{}: GTK could not open the display three times", self.label)
    }

    fn try_start_up(&self) -> Result<f64, String> {
        let started = Instant::now();
        let mut child = self.spawn(true);
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                let took = ms(started.elapsed());
                let log = std::fs::read_to_string(self.log()).unwrap_or_default();
                return if status.success() {
                    Ok(took)
                } else {
                    Err(format!("exited with {status}: {log}"))
                };
            }
            if started.elapsed() > READY_TIMEOUT {
                stop(&mut child);
                return Err(format!(
                    "not ready within {READY_TIMEOUT:?} (does it report app_ready?)"
                ));
            }
            std::thread::sleep(Duration::from_micros(500));
        }
    }

    /// The app's own account of its last start (`callpad-ready: setup_ms=… ready_ms=…`).
    fn own_account(&self) -> Option<(f64, f64)> {
        let log = std::fs::read_to_string(self.log()).ok()?;
        let line = log
            .lines()
            .find_map(|l| l.strip_prefix("callpad-ready: "))?;
        let field = |name: &str| {
            line.split_whitespace()
                .find_map(|kv| kv.strip_prefix(name))
                .and_then(|v| v.parse::<f64>().ok())
        };
        Some((field("setup_ms=")?, field("ready_ms=")?))
    }

    /// KiB of RSS and PSS per process name, `idle` after start.
    fn memory(&self, idle: Duration) -> BTreeMap<String, (u64, u64)> {
        let mut child = self.spawn(false);
        std::thread::sleep(idle);
        let mut by_name = BTreeMap::new();
        for pid in tree(child.id()) {
            if let Some((rss, pss)) = rollup(pid) {
                let name = std::fs::read_to_string(format!("/proc/{pid}/comm"))
                    .unwrap_or_default()
                    .trim()
                    .to_owned();
                let slot: &mut (u64, u64) = by_name.entry(name).or_default();
                slot.0 += rss;
                slot.1 += pss;
            }
        }
        stop(&mut child);
        by_name
    }
}

/// `root` and every process under it (WebKit starts its processes as children, some through
/// bwrap).
fn tree(root: u32) -> Vec<u32> {
    let mut parents: Vec<(u32, u32)> = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses.
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        let Some(after) = stat.rsplit_once(')').map(|(_, rest)| rest) else {
            continue;
        };
        if let Some(ppid) = after.split_whitespace().nth(1).and_then(|p| p.parse().ok()) {
            parents.push((pid, ppid));
        }
    }
    let mut out = vec![root];
    let mut i = 0;
    while i < out.len() {
        let parent = out[i];
        out.extend(
            parents
                .iter()
                .filter(|(_, pp)| *pp == parent)
                .map(|(p, _)| *p),
        );
        i += 1;
    }
    out
}

/// (Rss, Pss) in KiB from /proc/<pid>/smaps_rollup.
fn rollup(pid: u32) -> Option<(u64, u64)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse::<u64>().ok())
    };
    Some((field("Rss:")?, field("Pss:")?))
}

/// Ends a process this benchmark started, and everything it started.
fn stop(child: &mut Child) {
    let pids: Vec<String> = tree(child.id()).iter().map(u32::to_string).collect();
    let _ = Command::new("kill").arg("-KILL").args(&pids).status();
    let _ = child.wait();
    // Give the killed web processes a moment to go before the next run measures.
    std::thread::sleep(Duration::from_millis(300));
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` lists targets; this one runs only when asked.
    }
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "no DISPLAY: run the benchmark with ./x bench-startup (Xvfb)"
    );
    let runs = knob("CALLPAD_BENCH_RUNS", 10) as usize;
    let contacts = knob("CALLPAD_BENCH_CONTACTS", 10_000) as usize;
    let idle = Duration::from_secs(knob("CALLPAD_BENCH_IDLE_S", 10));

    let callpad_dir = fresh_dir("startup-callpad");
    let imported = practice_with_contacts(&callpad_dir, &common::people::generate_csv(contacts));
    let bare_dir = fresh_dir("startup-bare");
    let subjects = [
        Subject {
            label: "bare Tauri app",
            binary: release_binary("callpad-bare-app"),
            data_dir: bare_dir,
        },
        Subject {
            label: "Callpad",
            binary: release_binary("callpad-app"),
            data_dir: callpad_dir,
        },
    ];
    println!(
        "start-up bench: release builds, {imported} contacts in Callpad's data folder (practice profile), {runs} runs each, alternating"
    );
    // One unmeasured start each: the files are in the page cache for every measured run.
    for s in &subjects {
        s.start_up();
    }
    let mut times: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    let mut accounts = Vec::new();
    for _ in 0..runs {
        for (i, s) in subjects.iter().enumerate() {
            times[i].push(s.start_up());
        }
        accounts.extend(subjects[1].own_account());
    }
    for (s, t) in subjects.iter().zip(&times) {
        let mut sorted = t.clone();
        sorted.sort_by(f64::total_cmp);
        println!(
            "  {:<15} start to ready: median {:7.1} ms  (min {:.1}, max {:.1})",
            s.label,
            median(t),
            sorted[0],
            sorted[sorted.len() - 1]
        );
    }
    if !accounts.is_empty() {
        let setup: Vec<f64> = accounts.iter().map(|a| a.0).collect();
        let ready: Vec<f64> = accounts.iter().map(|a| a.1).collect();
        println!(
            "  Callpad's own clock (median, 10 ms ticks): Rust setup done {:.0} ms after exec, first screen {:.0} ms",
            median(&setup),
            median(&ready)
        );
    }
    let startup_ratio = median(&times[1]) / median(&times[0]);
    println!("  start-up ratio: {startup_ratio:.2}x the bare app (goal <= 1.2x)");

    // Memory: three idle samples each, alternating; the median total of each.
    let mut totals: [Vec<(u64, u64)>; 2] = [Vec::new(), Vec::new()];
    let mut last: [BTreeMap<String, (u64, u64)>; 2] = [BTreeMap::new(), BTreeMap::new()];
    for _ in 0..3 {
        for (i, s) in subjects.iter().enumerate() {
            let by_name = s.memory(idle);
            let rss = by_name.values().map(|v| v.0).sum();
            let pss = by_name.values().map(|v| v.1).sum();
            totals[i].push((rss, pss));
            last[i] = by_name;
        }
    }
    let mut med = [(0.0, 0.0); 2];
    for (i, s) in subjects.iter().enumerate() {
        let rss: Vec<f64> = totals[i].iter().map(|t| mib(t.0)).collect();
        let pss: Vec<f64> = totals[i].iter().map(|t| mib(t.1)).collect();
        med[i] = (median(&rss), median(&pss));
        let parts: Vec<String> = last[i]
            .iter()
            .map(|(name, (r, p))| format!("{name} {:.0}/{:.0}", mib(*r), mib(*p)))
            .collect();
        println!(
            "  {:<15} idle after {}s: RSS {:6.1} MiB, PSS {:6.1} MiB  (RSS/PSS MiB: {})",
            s.label,
            idle.as_secs(),
            med[i].0,
            med[i].1,
            parts.join(", ")
        );
    }
    println!(
        "  memory ratio: RSS {:.2}x, PSS {:.2}x the bare app (goal <= 1.15x)",
        med[1].0 / med[0].0,
        med[1].1 / med[0].1
    );
    let summary = format!(
        "startup_ms bare={:.1} callpad={:.1} ratio={startup_ratio:.2}\nrss_mib bare={:.1} callpad={:.1} ratio={:.2}\npss_mib bare={:.1} callpad={:.1} ratio={:.2}\n",
        median(&times[0]),
        median(&times[1]),
        med[0].0,
        med[1].0,
        med[1].0 / med[0].0,
        med[0].1,
        med[1].1,
        med[1].1 / med[0].1
    );
    let out: &Path = &callpad_e2e::workspace_root().join("target/bench/startup.txt");
    std::fs::write(out, summary).unwrap();
    println!("  (figures also in {})", out.display());
}
