//! Contacts benchmark: search latency over 100,000 contacts (p50/p99 per query over a mixed set
//! of names, prefixes and digits) and importing a 100,000-row CSV, against a plain `csv` read of
//! the same file. Prints figures; asserts nothing. Run: `cargo bench -p callpad-core --bench contacts`.

mod common;

use std::time::{Duration, Instant};

use callpad_core::contacts::{self, ContactStore};
use callpad_core::db;
use common::Rng;
use common::people::generate_csv;

const CONTACTS: usize = 100_000;
const ROUNDS: usize = 7;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let csv = generate_csv(CONTACTS);
    println!(
        "contacts bench: {CONTACTS} generated rows, {:.1} MiB of CSV",
        csv.len() as f64 / 1048576.0
    );

    // Baseline: read the same CSV with the csv crate and nothing else.
    let start = Instant::now();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(csv.as_bytes());
    let mut fields = 0usize;
    for record in reader.records() {
        fields += record.unwrap().len();
    }
    let baseline = start.elapsed();
    println!(
        "baseline  plain csv read: {:8.1} ms ({fields} fields)",
        ms(baseline)
    );

    // Import into a fresh database file, as the app would.
    let dir = std::env::temp_dir().join(format!("callpad-bench-contacts-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut store = ContactStore::new(db::open_in(&dir).unwrap()).unwrap();
    let start = Instant::now();
    let preview = contacts::preview(&store, csv.as_bytes(), Some("US")).unwrap();
    let previewed = start.elapsed();
    let summary = contacts::commit(&mut store, &preview, |_, _| {}).unwrap();
    let total = start.elapsed();
    if let Some(first) = preview.rejected.first() {
        println!(
            "import    {} rows rejected, e.g. {first}",
            preview.rejected.len()
        );
    }
    println!(
        "import    preview (parse + normalise every number): {:8.1} ms",
        ms(previewed)
    );
    println!(
        "import    commit (one transaction + index):         {:8.1} ms",
        ms(total - previewed)
    );
    println!(
        "import    total: {:8.1} ms = {:.1}x the plain csv read; {} contacts created, {} duplicates merged",
        ms(total),
        total.as_secs_f64() / baseline.as_secs_f64(),
        summary.created,
        preview.duplicates_merged
    );

    // Opening the app: the index is built from the database.
    drop(store);
    let start = Instant::now();
    let store = ContactStore::new(db::open_in(&dir).unwrap()).unwrap();
    println!(
        "open      load {} contacts and build the index: {:8.1} ms",
        store.count().unwrap(),
        ms(start.elapsed())
    );

    // Queries drawn from the data, as a person would type them.
    let all = store.list().unwrap();
    let mut rng = Rng(42);
    let mut queries: Vec<(&str, String)> = Vec::new();
    for _ in 0..40 {
        let c = &all[rng.below(all.len())];
        let first = c.name.split(' ').next().unwrap().to_owned();
        let last = c.name.rsplit(' ').next().unwrap().to_owned();
        let digits: String = c.numbers[0]
            .national
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let from = rng.below(digits.len().saturating_sub(4));
        queries.push(("full name", c.name.clone()));
        queries.push(("1-char prefix", first.chars().take(1).collect()));
        queries.push(("3-char prefix", first.chars().take(3).collect()));
        queries.push(("surname", last.to_lowercase()));
        queries.push(("two words, swapped", format!("{last} {first}")));
        queries.push((
            "digits (4-7)",
            digits[from..(from + 4 + rng.below(4)).min(digits.len())].to_owned(),
        ));
        queries.push(("formatted number", c.numbers[0].national.clone()));
    }
    for q in [
        "5",
        "55",
        "201 555",
        "+44 20",
        "acme",
        "golf",
        "zzqx",
        "maria garcia",
    ] {
        queries.push(("fixed", q.to_owned()));
    }
    queries.push(("empty (favourites, then by name)", String::new()));

    let mut samples: Vec<(&str, Duration)> = Vec::new();
    let mut best = vec![Duration::MAX; queries.len()];
    let mut hits = 0usize;
    for _ in 0..ROUNDS {
        for (i, (kind, q)) in queries.iter().enumerate() {
            let start = Instant::now();
            let found = store.search(q, 20);
            let took = start.elapsed();
            samples.push((kind, took));
            best[i] = best[i].min(took);
            hits += found.len();
        }
    }
    let mut slowest: Vec<(Duration, &str)> = best
        .iter()
        .zip(&queries)
        .map(|(d, (_, q))| (*d, q.as_str()))
        .collect();
    slowest.sort();
    best.sort();
    let mut times: Vec<Duration> = samples.iter().map(|(_, d)| *d).collect();
    times.sort();
    println!(
        "search    {} queries x {ROUNDS} rounds over {} contacts (limit 20, {hits} hits): p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        queries.len(),
        store.count().unwrap(),
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99)),
        ms(*times.last().unwrap())
    );
    // The same with each query's best round: what a query costs when nothing else (another
    // process, the OS) takes the core away in the middle of it.
    println!(
        "search    best of {ROUNDS} rounds per query: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        ms(percentile(&best, 0.5)),
        ms(percentile(&best, 0.99)),
        ms(*best.last().unwrap())
    );
    let slow: Vec<String> = slowest
        .iter()
        .rev()
        .take(5)
        .map(|(d, q)| format!("\"{q}\" {:.3} ms", ms(*d)))
        .collect();
    println!(
        "search    slowest queries (best round): {}",
        slow.join(", ")
    );
    let mut kinds: Vec<&str> = queries.iter().map(|(k, _)| *k).collect();
    kinds.dedup();
    kinds.sort();
    kinds.dedup();
    for kind in kinds {
        let mut of_kind: Vec<Duration> = samples
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, d)| *d)
            .collect();
        of_kind.sort();
        println!(
            "          {kind:34} p50 {:.3} ms  p99 {:.3} ms",
            ms(percentile(&of_kind, 0.5)),
            ms(percentile(&of_kind, 0.99))
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
