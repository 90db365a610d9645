//! Reminder pacing on the practice space: 300 calls at 5 per second through the real runner
//! (`Callpad::run_reminder_campaign`: attempt written, SWML built, dial sent, call followed),
//! then the seed's loop (`post(); sleep(0.2)`) sending 300 dials to the same space. Both are
//! measured the same way: the practice space's control API reports each dial's arrival time.
//! Figures: how long 300 dials took (last arrival − first + one interval), the most dials in any
//! one-second window, and the seed loop's time over the runner's.
//! Run: `cargo bench -p callpad-core --bench reminder_pacing` (about two minutes).
//! `PACING_BENCH_CALLS` sets the number of calls (default 300).

use std::sync::Arc;
use std::time::Duration;

use callpad_core::app::reminders::NewReminderCampaign;
use callpad_core::app::{Callpad, Host, OpenOptions, SessionTarget};
use callpad_core::profiles::Profile;
use callpad_core::reminders::progress::{RunControl, RunEnd};
use callpad_core::reminders::recipients::CsvOptions;
use callpad_core::reminders::{CampaignSettings, RetryPolicy, RetryRule};
use callpad_core::signalwire::{Client, Credentials, DialRequest, SpaceUrl};
use callpad_core::swml::{Document, Play, Step};
use callpad_core::vault::Secret;

const RATE: f64 = 5.0;

fn number(i: usize, tail: u8) -> String {
    // Last digit 2: the practice space fails the call at once, so calls never pile up.
    format!("+1206555{:03}{tail}", i)
}

async fn arrivals(base: &str) -> Vec<f64> {
    let body: serde_json::Value = reqwest::get(format!("{base}/__practice/dials"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut at: Vec<f64> = body["dials"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["arrived_ms"].as_f64())
        .collect();
    at.sort_by(f64::total_cmp);
    at
}

/// (time for all dials in ms, most dials in any one-second window).
fn figures(at: &[f64]) -> (f64, usize) {
    let span = at.last().unwrap() - at.first().unwrap() + 1000.0 / RATE;
    let mut most = 0;
    let mut start = 0;
    for end in 0..at.len() {
        while at[end] - at[start] >= 1000.0 {
            start += 1;
        }
        most = most.max(end - start + 1);
    }
    (span, most)
}

#[tokio::main]
async fn main() {
    let calls: usize = std::env::var("PACING_BENCH_CALLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let space = practice_space::start(practice_space::Config {
        speed: 20.0,
        calls_per_second: 10.0,
        ..Default::default()
    })
    .await
    .unwrap();
    let base = space.base_url();
    let dir = tempfile::tempdir().unwrap();
    let core =
        Arc::new(Callpad::open(dir.path(), Host::default(), OpenOptions::default()).unwrap());
    let mut csv = String::from("name,phone\n");
    for i in 0..calls {
        csv.push_str(&format!("P{i},{}\n", number(i, 2)));
    }
    let mut settings = CampaignSettings::default();
    settings.safeguards.rate_per_second = RATE;
    settings.safeguards.max_live = 5;
    settings.safeguards.window_start_min = 0;
    settings.safeguards.window_end_min = 24 * 60;
    settings.safeguards.days = (0..7).collect();
    let none = RetryRule {
        count: 0,
        delay_min: 0,
    };
    settings.retry = RetryPolicy {
        busy: none,
        no_answer: none,
        failed: none,
        machine: none,
        no_input: none,
    };
    let review = core
        .create_reminder_campaign(NewReminderCampaign {
            name: "Pacing".into(),
            csv: csv.into_bytes(),
            template: "Hello {name}.".into(),
            settings,
            csv_options: CsvOptions::default(),
            caller_id: Some("+12065550100".into()),
            profile: None,
        })
        .unwrap();
    assert_eq!(review.call_now, calls, "{review:?}");
    let target = SessionTarget::Direct {
        profile: Box::new(
            Profile::new("bench", &base, space.project_id())
                .normalised()
                .unwrap(),
        ),
        api_token: Secret::new(space.api_token()),
        signing_key: Some(Secret::new(space.signing_key())),
        ngrok_authtoken: None,
    };
    let control = RunControl::new();
    let summary = core
        .run_reminder_campaign(review.id, target, &control, &|_| {})
        .await
        .unwrap();
    assert_eq!(summary.end, RunEnd::Finished);
    let runner = arrivals(&base).await;
    assert_eq!(runner.len(), calls);

    // The seed's loop: post, then sleep 0.2 s, 300 times.
    let client = Client::new(
        SpaceUrl::parse(&base).unwrap(),
        Credentials::new(space.project_id(), space.api_token()),
    )
    .unwrap();
    for i in 0..calls {
        let doc = Document::new(vec![
            Step::answer(),
            Step::play(Play::say("Hello.")),
            Step::hangup(),
        ]);
        let _ = client
            .dial(&DialRequest::new(
                "+12065550100",
                number(i, 2).replace("2065", "3125"),
                doc,
            ))
            .await;
        tokio::time::sleep(Duration::from_secs_f64(1.0 / RATE)).await;
    }
    let all = arrivals(&base).await;
    let seed: Vec<f64> = all.iter().copied().skip(calls).collect();
    let (runner_ms, runner_most) = figures(&runner);
    if let Some((k, w)) = runner
        .windows(6)
        .enumerate()
        .min_by(|a, b| (a.1[5] - a.1[0]).total_cmp(&(b.1[5] - b.1[0])))
    {
        let gaps: Vec<f64> = w.windows(2).map(|p| p[1] - p[0]).collect();
        println!(
            "  runner's tightest six dials: #{k}..#{} over {:.0} ms (gaps {gaps:?})",
            k + 5,
            w[5] - w[0]
        );
    }
    let (seed_ms, seed_most) = figures(&seed);
    let target_ms = calls as f64 * 1000.0 / RATE;
    println!("reminder pacing: {calls} calls at {RATE}/s on the practice space");
    println!(
        "  runner:    {:>8.1} ms for {calls} dials ({:+.2}% of {target_ms:.0} ms), at most {runner_most} in any 1 s",
        runner_ms,
        (runner_ms / target_ms - 1.0) * 100.0
    );
    println!(
        "  seed loop: {:>8.1} ms for {calls} dials ({:+.2}% of {target_ms:.0} ms), at most {seed_most} in any 1 s",
        seed_ms,
        (seed_ms / target_ms - 1.0) * 100.0
    );
    println!("  seed loop / runner: {:.4}", seed_ms / runner_ms);
    let within = (runner_ms / target_ms - 1.0).abs() <= 0.01;
    let capped = runner_most <= RATE as usize;
    println!(
        "  runner within 1% of {target_ms:.0} ms: {}; never more than {} in a second: {}",
        if within { "yes" } else { "NO" },
        RATE as usize,
        if capped { "yes" } else { "NO" }
    );
    space.shutdown().await;
    if !(within && capped) {
        std::process::exit(1);
    }
}
