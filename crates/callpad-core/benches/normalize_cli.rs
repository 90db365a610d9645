//! `callpad normalize` against a bare rlibphonenumber loop on the same 100,000 US lines, in one run.
//! Run: `cargo build --release -p callpad-cli && cargo bench -p callpad-core --bench normalize_cli`.
//!
//! Two processes read the same file on stdin and write one line per input line to /dev/null:
//! the release `callpad normalize --region US`, and this bench re-run as a bare loop (read a line,
//! rlibphonenumber parse + is_valid_number + format E.164, write it). Each runs untimed once, then
//! eleven timed runs alternate; medians and bests, their ratios and each one's peak RSS
//! (`/usr/bin/time`) are printed. The same figures for the loops in this process follow: `parse_dialable`, the lean
//! `AddressReader` that `normalize` uses, and the bare loop.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use callpad_core::numbers::{AddressReader, parse_dialable};
use rlibphonenumber::{PHONE_NUMBER_UTIL, PhoneNumberFormat, Region};

const LINES: usize = 100_000;
const TIMED_RUNS: usize = 11;
const CHILD_ENV: &str = "NORMALIZE_CLI_BENCH_CHILD";

/// Area codes in use across the US, so most lines are valid numbers.
const AREA_CODES: [u16; 24] = [
    201, 202, 206, 212, 213, 303, 305, 312, 404, 415, 503, 512, 602, 617, 650, 702, 713, 718, 773,
    808, 818, 917, 949, 972,
];

/// xorshift64*: a fixed seed, so every run reads the same lines.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

/// 100,000 US numbers as people type them: brackets, dashes, dots, +1, bare digits, some with an
/// extension and some mistyped (a digit short or long).
fn us_lines() -> String {
    let mut rng = Rng(0x0005_EED0_0000_0001);
    let mut text = String::with_capacity(LINES * 18);
    for _ in 0..LINES {
        let npa = AREA_CODES[rng.below(AREA_CODES.len() as u64) as usize];
        let nxx = 200 + rng.below(800);
        let line = rng.below(10_000);
        let _ = match rng.below(20) {
            0..=4 => writeln!(text, "({npa}) {nxx}-{line:04}"),
            5..=8 => writeln!(text, "{npa}-{nxx}-{line:04}"),
            9..=10 => writeln!(text, "{npa}.{nxx}.{line:04}"),
            11..=13 => writeln!(text, "+1 {npa} {nxx} {line:04}"),
            14..=15 => writeln!(text, "1{npa}{nxx}{line:04}"),
            16 => writeln!(text, "{npa}-{nxx}-{line:04} x{}", 1 + rng.below(9999)),
            17 => writeln!(text, "{npa}-{nxx}-{:03}", line / 10),
            18 => writeln!(text, "+1 {npa} {nxx} {line:04}9"),
            _ => writeln!(text, "{npa}{nxx}{line:04}"),
        };
    }
    text
}

/// The bare loop: what rlibphonenumber alone does for each line.
fn bare_loop(input: impl BufRead, output: impl Write) -> io::Result<()> {
    let mut output = BufWriter::with_capacity(64 * 1024, output);
    for line in input.lines() {
        let line = line?;
        match PHONE_NUMBER_UTIL.parse(&line, Some(Region::US)) {
            Ok(number) if PHONE_NUMBER_UTIL.is_valid_number(&number) => writeln!(
                output,
                "{}",
                PHONE_NUMBER_UTIL.format(&number, PhoneNumberFormat::E164)
            )?,
            _ => writeln!(output, "error")?,
        }
    }
    output.flush()
}

/// The release `callpad` (`cargo build --release -p callpad-cli`, which the README runs first).
fn callpad_binary() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let binary = target.join("release/callpad");
    if !binary.exists() {
        eprintln!(
            "{} is missing: run `cargo build --release -p callpad-cli` first",
            binary.display()
        );
        std::process::exit(2);
    }
    binary
}

struct Run {
    wall: Duration,
    peak_rss_kib: Option<u64>,
}

/// Runs `program args` with `input` on stdin and `output` as stdout, under `/usr/bin/time` for
/// its peak RSS when that is installed.
fn run(program: &Path, args: &[&str], child: bool, input: &Path, output: Stdio) -> Run {
    let rss_file = tempfile::NamedTempFile::new().expect("a temporary file");
    let timed = Path::new("/usr/bin/time").exists();
    let mut command = if timed {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-f").arg("%M").arg("-o").arg(rss_file.path());
        c.arg(program);
        c
    } else {
        Command::new(program)
    };
    command.args(args);
    if child {
        command.env(CHILD_ENV, "bare");
    }
    command
        .stdin(File::open(input).expect("the input file"))
        .stdout(output)
        .stderr(Stdio::inherit());
    let start = Instant::now();
    let status = command.status().expect("the program starts");
    let wall = start.elapsed();
    assert!(status.success(), "{} failed: {status}", program.display());
    let peak_rss_kib = std::fs::read_to_string(rss_file.path())
        .ok()
        .and_then(|s| s.trim().lines().last()?.trim().parse().ok());
    Run { wall, peak_rss_kib }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn mib(kib: Option<u64>) -> String {
    kib.map_or("n/a".to_owned(), |k| {
        format!("{:.1} MiB", k as f64 / 1024.0)
    })
}

/// Each loop over the lines in this process, median of three timed passes after a warm-up.
fn in_process(lines: &[&str]) {
    let time = |f: &dyn Fn() -> usize| {
        std::hint::black_box(f());
        median(
            (0..3)
                .map(|_| {
                    let start = Instant::now();
                    std::hint::black_box(f());
                    start.elapsed()
                })
                .collect(),
        )
    };
    let bare = time(&|| {
        lines
            .iter()
            .filter_map(|l| {
                let n = PHONE_NUMBER_UTIL.parse(l, Some(Region::US)).ok()?;
                PHONE_NUMBER_UTIL
                    .is_valid_number(&n)
                    .then(|| PHONE_NUMBER_UTIL.format(&n, PhoneNumberFormat::E164).len())
            })
            .count()
    });
    let reader = AddressReader::new(Some("US")).expect("US is a region");
    let lean = time(&|| lines.iter().filter(|l| reader.read(l).is_ok()).count());
    let full = time(&|| {
        lines
            .iter()
            .filter(|l| parse_dialable(l, Some("US")).is_ok())
            .count()
    });
    let s = |d: Duration| d.as_secs_f64();
    println!(
        "in process: bare loop {:.3} s; AddressReader (normalize's path) {:.3} s = {:.2}x; parse_dialable {:.3} s = {:.2}x",
        s(bare),
        s(lean),
        s(lean) / s(bare),
        s(full),
        s(full) / s(bare)
    );
}

fn main() {
    if std::env::var_os(CHILD_ENV).is_some() {
        if let Err(err) = bare_loop(io::stdin().lock(), io::stdout().lock()) {
            eprintln!("bare loop: {err}");
            std::process::exit(1);
        }
        return;
    }
    let text = us_lines();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let input = dir.path().join("us.txt");
    std::fs::write(&input, &text).expect("write the input");
    let callpad = callpad_binary();
    let me = std::env::current_exe().expect("the bench's own path");
    let callpad_args = ["normalize", "--region", "US"];

    // Same answers: every line the bare loop accepts, callpad gives the same E.164.
    let capture = |program: &Path, args: &[&str], child: bool| {
        let out = tempfile::NamedTempFile::new().expect("a temporary file");
        run(program, args, child, &input, out.reopen().unwrap().into());
        std::fs::read_to_string(out.path()).expect("the output")
    };
    let ours = capture(&callpad, &callpad_args, false);
    let bare = capture(&me, &[], true);
    let (ours, bare): (Vec<&str>, Vec<&str>) = (ours.lines().collect(), bare.lines().collect());
    assert_eq!(ours.len(), LINES, "callpad writes one line per input line");
    assert_eq!(bare.len(), LINES);
    let mut accepted = 0;
    for (i, (o, b)) in ours.iter().zip(&bare).enumerate() {
        let o_number = o.split(";ext=").next().unwrap_or(o);
        if *b != "error" {
            accepted += 1;
            assert_eq!(o_number, *b, "line {i}");
        } else {
            assert!(o.starts_with("error: "), "line {i}: {o}");
        }
    }
    println!(
        "{LINES} US lines ({accepted} valid, {} refused), same answers from both",
        LINES - accepted
    );

    let (mut ours_runs, mut bare_runs) = (Vec::new(), Vec::new());
    for _ in 0..TIMED_RUNS {
        ours_runs.push(run(&callpad, &callpad_args, false, &input, Stdio::null()));
        bare_runs.push(run(&me, &[], true, &input, Stdio::null()));
    }
    let peak = |runs: &[Run]| runs.iter().filter_map(|r| r.peak_rss_kib).max();
    let ours_peak = peak(&ours_runs);
    let bare_peak = peak(&bare_runs);
    let ours_wall = median(ours_runs.iter().map(|r| r.wall).collect()).as_secs_f64();
    let bare_wall = median(bare_runs.iter().map(|r| r.wall).collect()).as_secs_f64();
    let best = |runs: &[Run]| runs.iter().map(|r| r.wall).min().unwrap().as_secs_f64();
    let (ours_best, bare_best) = (best(&ours_runs), best(&bare_runs));
    println!(
        "callpad normalize --region US (release): {ours_wall:.3} s, peak RSS {}  [median of {TIMED_RUNS}]",
        mib(ours_peak)
    );
    println!(
        "bare rlibphonenumber loop (release):     {bare_wall:.3} s, peak RSS {}  [median of {TIMED_RUNS}]",
        mib(bare_peak)
    );
    let rss_ratio = match (ours_peak, bare_peak) {
        (Some(o), Some(b)) => format!("{:.2}x", o as f64 / b as f64),
        _ => "n/a".to_owned(),
    };
    println!(
        "ratio: time {:.2}x (best runs {ours_best:.3} s / {bare_best:.3} s = {:.2}x), peak RSS {rss_ratio} (goal: time <= 1.2x)",
        ours_wall / bare_wall,
        ours_best / bare_best
    );
    let lines: Vec<&str> = text.lines().collect();
    in_process(&lines);
}
