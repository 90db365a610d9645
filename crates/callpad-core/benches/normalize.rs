//! How fast `parse_dialable` reads numbers, next to python-phonenumbers on the same input.
//! Run: `pip install phonenumbers` then `cargo bench -p callpad-core --bench normalize`.
//!
//! 100,000 inputs are built deterministically from libphonenumber's example numbers for every
//! region and type: national and international forms, with separators, extensions, `tel:` URIs,
//! and some meant to be refused. Both sides get one untimed warm-up pass, then timed passes. The
//! Python side does parse + is_valid_number + format E.164; `parse_dialable` does that and also
//! formats the international and national forms, so the ratio is, if anything, conservative.

mod common;
#[path = "../tests/common/number_types.rs"]
mod number_types;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use callpad_core::numbers::{Dialable, parse_dialable, supported_regions};
use common::Rng;
use number_types::SPECIFIC_TYPES;
use rlibphonenumber::{PHONE_NUMBER_UTIL, PhoneNumber, PhoneNumberFormat, Region};

const INPUTS: usize = 100_000;
const TIMED_PASSES: usize = 3;

/// One line of input: the default region (if any) and what was typed.
struct Case {
    region: Option<String>,
    text: String,
}

struct Example {
    region: String,
    number: PhoneNumber,
}

fn examples() -> Vec<Example> {
    let mut examples = Vec::new();
    for code in supported_regions() {
        let region = Region::from_code(&code).expect("supported regions parse");
        for number_type in SPECIFIC_TYPES {
            if let Ok(number) =
                PHONE_NUMBER_UTIL.get_example_number_for_type_and_region(region, number_type)
            {
                examples.push(Example {
                    region: code.clone(),
                    number,
                });
            }
        }
    }
    examples
}

#[derive(Default)]
struct Mix {
    national: usize,
    international: usize,
    with_extension: usize,
    meant_invalid: usize,
}

fn generate(examples: &[Example], regions: &[String]) -> (Vec<Case>, Mix) {
    use PhoneNumberFormat::{E164, International, National, RFC3966};
    let mut rng = Rng(0x00C0_FFEE_5EED_1234);
    let mut mix = Mix::default();
    let mut cases = Vec::with_capacity(INPUTS);
    for _ in 0..INPUTS {
        let example = &examples[rng.below(examples.len())];
        let format = |f| PHONE_NUMBER_UTIL.format(&example.number, f).into_owned();
        let home = || Some(example.region.clone());
        let ext = 1 + rng.below(9999);
        // (default region, typed, national?, with extension?, built to be refused?)
        let (region, text, national, with_ext, invalid) = match rng.below(20) {
            0..=4 => (home(), format(National), true, false, false),
            5..=8 => (None, format(International), false, false, false),
            9 => {
                let anywhere = Some(regions[rng.below(regions.len())].clone());
                (anywhere, format(International), false, false, false)
            }
            10 => (None, format(E164), false, false, false),
            11 => (
                home(),
                format(National).replace(' ', "-"),
                true,
                false,
                false,
            ),
            12 => (
                None,
                format(International).replace(' ', "."),
                false,
                false,
                false,
            ),
            13 => {
                let typed = format!("{} ext. {ext}", format(National));
                (home(), typed, true, true, false)
            }
            14 => {
                let typed = format!("{} x{ext}", format(International));
                (None, typed, false, true, false)
            }
            15 => {
                let typed = format!("{};ext={ext}", format(RFC3966));
                (None, typed, false, true, false)
            }
            16 => {
                let mut short = format(National);
                short.pop();
                (home(), short, true, false, true)
            }
            17 => (
                None,
                format!("{}42", format(International)),
                false,
                false,
                true,
            ),
            18 if ext.is_multiple_of(2) => {
                let typed = format!("+999 {}", example.number.national_number);
                (None, typed, false, false, true)
            }
            18 => (home(), "call me maybe".to_owned(), true, false, true),
            // A national number with no region to read it in.
            _ => (None, format(National), true, false, true),
        };
        mix.national += usize::from(national);
        mix.international += usize::from(!national);
        mix.with_extension += usize::from(with_ext);
        mix.meant_invalid += usize::from(invalid);
        cases.push(Case { region, text });
    }
    (cases, mix)
}

/// E.164 for each accepted line, `-` for each refused one.
fn run_callpad(cases: &[Case]) -> Vec<String> {
    cases
        .iter()
        .map(
            |case| match parse_dialable(&case.text, case.region.as_deref()) {
                Ok(Dialable::Phone(phone)) => phone.e164,
                Ok(Dialable::Sip(sip)) => sip.uri,
                Err(_) => "-".to_owned(),
            },
        )
        .collect()
}

fn time_callpad(cases: &[Case]) -> (Vec<String>, Vec<Duration>) {
    let results = run_callpad(cases); // warm-up: lazy metadata and regexes
    let mut times = Vec::with_capacity(TIMED_PASSES);
    for _ in 0..TIMED_PASSES {
        let start = Instant::now();
        let again = run_callpad(cases);
        times.push(start.elapsed());
        assert_eq!(again, results, "parse_dialable is deterministic");
    }
    times.sort();
    (results, times)
}

/// The work python-phonenumbers does, straight on rlibphonenumber: parse, is_valid_number, E.164.
fn run_rlibphonenumber(cases: &[Case]) -> usize {
    let mut accepted = 0;
    for case in cases {
        let region = case
            .region
            .as_deref()
            .and_then(|r| Region::from_code(r).ok());
        if let Ok(number) = PHONE_NUMBER_UTIL.parse(&case.text, region)
            && PHONE_NUMBER_UTIL.is_valid_number(&number)
        {
            let e164 = PHONE_NUMBER_UTIL.format(&number, PhoneNumberFormat::E164);
            accepted += usize::from(!e164.is_empty());
        }
    }
    accepted
}

fn time_rlibphonenumber(cases: &[Case]) -> (usize, Duration) {
    let accepted = run_rlibphonenumber(cases);
    let mut times: Vec<Duration> = (0..TIMED_PASSES)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(run_rlibphonenumber(cases));
            start.elapsed()
        })
        .collect();
    times.sort();
    (accepted, times[times.len() / 2])
}

struct PythonRun {
    version: String,
    seconds: f64,
    results: Vec<String>,
}

enum Python {
    Ran(PythonRun),
    Missing,
    Failed(String),
}

fn run_python(cases: &[Case]) -> Python {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let input = dir.path().join("numbers.tsv");
    let results = dir.path().join("results.txt");
    let mut text = String::with_capacity(cases.len() * 24);
    for case in cases {
        let _ = writeln!(
            text,
            "{}\t{}",
            case.region.as_deref().unwrap_or(""),
            case.text
        );
    }
    std::fs::write(&input, text).expect("write the bench input");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/phonenumbers_compare.py");
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let output = match Command::new(&python)
        .arg(&script)
        .arg(&input)
        .arg(&results)
        .output()
    {
        Ok(output) => output,
        Err(err) => return Python::Failed(format!("{python} could not start: {err}")),
    };
    if output.status.code() == Some(3) {
        return Python::Missing;
    }
    if !output.status.success() {
        return Python::Failed(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let field = |name: &str| {
        stdout
            .lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(' '))
            .unwrap_or_default()
            .to_owned()
    };
    let results = std::fs::read_to_string(&results).expect("read the Python results");
    Python::Ran(PythonRun {
        version: field("version"),
        seconds: field("seconds").parse().unwrap_or(f64::NAN),
        results: results.lines().map(str::to_owned).collect(),
    })
}

fn rate(count: usize, seconds: f64) -> String {
    format!(
        "{:>9.0} numbers/s, {:>6.2} µs/number",
        count as f64 / seconds,
        seconds * 1e6 / count as f64
    )
}

fn main() {
    let examples = examples();
    let regions = supported_regions();
    let (cases, mix) = generate(&examples, &regions);
    println!(
        "{} inputs from {} example numbers of {} regions: {} national, {} international (+/tel:), {} with an extension, {} built to be refused",
        cases.len(),
        examples.len(),
        regions.len(),
        mix.national,
        mix.international,
        mix.with_extension,
        mix.meant_invalid,
    );

    let (ours, times) = time_callpad(&cases);
    let median = times[times.len() / 2].as_secs_f64();
    let accepted = ours.iter().filter(|r| *r != "-").count();
    println!(
        "callpad parse_dialable (rlibphonenumber): {}  [median of {TIMED_PASSES}: {:.3} s; best {:.3} s]  accepted {accepted}",
        rate(cases.len(), median),
        median,
        times[0].as_secs_f64(),
    );

    let (bare_accepted, bare) = time_rlibphonenumber(&cases);
    let bare = bare.as_secs_f64();
    println!(
        "rlibphonenumber alone (parse + is_valid_number + E.164):  {}  [median of {TIMED_PASSES}: {bare:.3} s]  accepted {bare_accepted}",
        rate(cases.len(), bare),
    );
    if std::env::var_os("NUMBERS_BENCH_SKIP_PYTHON").is_some() {
        return;
    }

    match run_python(&cases) {
        Python::Missing => {
            println!(
                "python-phonenumbers is not installed, so there is no comparison: `pip install phonenumbers` and run again"
            );
        }
        Python::Failed(why) => println!("python-phonenumbers could not run: {why}"),
        Python::Ran(python) => {
            let theirs_accepted = python.results.iter().filter(|r| *r != "-").count();
            println!(
                "python-phonenumbers {} (parse + is_valid_number + E.164): {}  [{:.3} s]  accepted {theirs_accepted}",
                python.version,
                rate(cases.len(), python.seconds),
                python.seconds,
            );
            println!(
                "parse_dialable is {:.1}x faster than python-phonenumbers (rlibphonenumber doing the same work as Python: {:.1}x)",
                python.seconds / median,
                python.seconds / bare
            );
            report_agreement(&cases, &ours, &python.results);
        }
    }
}

fn report_agreement(cases: &[Case], ours: &[String], theirs: &[String]) {
    if theirs.len() != ours.len() {
        println!(
            "python-phonenumbers answered {} lines for {} inputs; not compared",
            theirs.len(),
            ours.len()
        );
        return;
    }
    let disagreements: Vec<usize> = (0..ours.len()).filter(|&i| ours[i] != theirs[i]).collect();
    println!(
        "agreement: {} of {} lines give the same answer; {} differ",
        ours.len() - disagreements.len(),
        ours.len(),
        disagreements.len()
    );
    if disagreements.is_empty() {
        return;
    }
    // Group by country calling code and by who accepted, so metadata differences show as such.
    let mut groups: BTreeMap<(String, &str), (usize, BTreeSet<&str>)> = BTreeMap::new();
    for &i in &disagreements {
        let (accepted, side) = if ours[i] != "-" {
            (&ours[i], "only callpad accepts")
        } else {
            (&theirs[i], "only phonenumbers accepts")
        };
        let code = PHONE_NUMBER_UTIL
            .parse(accepted, None)
            .map(|n| format!("+{}", n.country_code))
            .unwrap_or_else(|_| "?".to_owned());
        let group = groups.entry((code, side)).or_default();
        group.0 += 1;
        group.1.insert(&cases[i].text);
    }
    for ((code, side), (lines, inputs)) in &groups {
        let examples: Vec<&str> = inputs.iter().take(3).copied().collect();
        println!(
            "  {code}: {lines} lines ({} distinct inputs), {side}; e.g. {examples:?}",
            inputs.len()
        );
    }
}
