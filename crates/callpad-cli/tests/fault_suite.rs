//! The fault suite: Callpad driven through the faults people meet — a webhook flood full of
//! duplicates, reordering, forgeries and garbage; SignalWire API faults on dial, end and polling;
//! `kill -9` of the CLI mid-call, mid-dial and mid-import; a missing or locked keychain; damaged
//! data files. Each scenario is a named check feeding one tally (tried / held), printed to stderr
//! and written to `target/fault-suite.txt`; the test fails unless every check held.
//! Run: `cargo test -p callpad-cli --test fault_suite` (part of `./x test`'s cargo test step);
//! the tally is written to the process's stderr directly, so it shows without `--nocapture`.
//! The desktop app is not killed here (it needs a display); the CLI runs the same use-case layer.

#[path = "../../callpad-core/benches/common/state_webhook.rs"]
mod state_webhook;
mod support;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use callpad_core::calls::history::{self, HistoryEntry, Placement};
use callpad_core::contacts::ContactStore;
use callpad_core::db;
use callpad_core::status::{
    Algorithm, CallPhase, EndCause, Listener, SHA256_SIGNATURE_HEADER, SIGNATURE_HEADER, Tracker,
    sign_with,
};
use practice_space::RunningSpace;
use serde_json::{Value, json};
use state_webhook::state_webhook;
use tokio::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_callpad");
const OWNED: &str = "+12065550100";
/// Answers: rings 2 s, talks 20 s (simulated).
const ANSWERS: &str = "+12065550175";
/// Never answers: rings until the dial's timeout.
const NO_ANSWER: &str = "+12065550171";
/// Busy after 2 s of ringing.
const BUSY: &str = "+12065550170";

/// One named check: held or not, with what was seen.
struct Check {
    area: &'static str,
    name: String,
    held: bool,
    detail: String,
}

fn check(area: &'static str, name: impl Into<String>, outcome: Result<String, String>) -> Check {
    let (held, detail) = match outcome {
        Ok(d) => (true, d),
        Err(d) => (false, d),
    };
    Check {
        area,
        name: name.into(),
        held,
        detail,
    }
}

/// `Err(why)` unless `cond` holds.
fn ensure(cond: bool, why: impl FnOnce() -> String) -> Result<(), String> {
    if cond { Ok(()) } else { Err(why()) }
}

// ---------------------------------------------------------------------------------------------
// Processes and the practice space

async fn start_space(speed: f64) -> RunningSpace {
    practice_space::start(practice_space::Config {
        speed,
        ..Default::default()
    })
    .await
    .expect("a practice space starts")
}

fn cli(space: Option<&RunningSpace>, data: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .env("CALLPAD_DATA_DIR", data)
        .env_remove("RUST_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    for var in support::SIGNALWIRE_VARS {
        command.env_remove(var);
    }
    if let Some(space) = space {
        command
            .env("SIGNALWIRE_SPACE_URL", space.base_url())
            .env("SIGNALWIRE_PROJECT_ID", space.project_id())
            .env("SIGNALWIRE_API_TOKEN", space.api_token());
    }
    command
}

/// Runs the CLI to its end (at most 90 s): exit code, stdout, stderr.
async fn run(mut command: Command) -> Result<(Option<i32>, String, String), String> {
    let output: Output = tokio::time::timeout(Duration::from_secs(90), command.output())
        .await
        .map_err(|_| "the CLI did not finish within 90 s".to_owned())?
        .map_err(|e| format!("could not run the CLI: {e}"))?;
    let out = String::from_utf8_lossy(&output.stdout).into_owned();
    let err = String::from_utf8_lossy(&output.stderr).into_owned();
    if err.contains("panicked") {
        return Err(format!("the CLI panicked: {err}"));
    }
    Ok((output.status.code(), out, err))
}

async fn control(space: &RunningSpace, method: &str, what: &str, body: Option<Value>) -> Value {
    let url = format!("{}/__practice/{what}", space.base_url());
    let http = reqwest::Client::new();
    let request = match method {
        "POST" => http.post(url).json(&body.unwrap_or(json!({}))),
        _ => http.get(url),
    };
    request
        .send()
        .await
        .expect("the control API answers")
        .json()
        .await
        .expect("the control API answers JSON")
}

async fn fault(space: &RunningSpace, fault: Value) {
    control(space, "POST", "faults", Some(fault)).await;
}

/// `(dial_requests, placed calls)` as the practice space counted them.
async fn dials(space: &RunningSpace) -> (u64, Vec<Value>) {
    let calls = control(space, "GET", "calls", None).await;
    let placed = calls["calls"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|c| c["parent_id"].is_null())
        .collect();
    (calls["dial_requests"].as_u64().unwrap_or(u64::MAX), placed)
}

/// Waits (checking every 20 ms, at most `limit`) until `ready` holds.
async fn until<F, Fut>(limit: Duration, mut ready: F) -> Result<(), String>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let started = Instant::now();
    while started.elapsed() < limit {
        if ready().await {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Err(format!("timed out after {limit:?}"))
}

fn rows(data: &Path) -> Vec<HistoryEntry> {
    db::open_in(data)
        .ok()
        .and_then(|c| history::list(&c, "", 100).ok())
        .unwrap_or_default()
}

/// Moves every history row 3 minutes into the past: the restart happens "later", past the
/// minute in which reconciling leaves a dial row alone as possibly in flight in another process.
fn restart_later(data: &Path) -> Result<(), String> {
    let conn = db::open_in(data).map_err(|e| e.to_string())?;
    conn.execute(
        "UPDATE calls SET created_at_ms = created_at_ms - 180000",
        [],
    )
    .map_err(|e| e.to_string())?;
    Ok(())
}

/// The line a person reads first: Callpad's own (`callpad: …`), else the first one; without
/// terminal colours, cut to 160 characters.
fn first_line(text: &str) -> String {
    let plain = strip_ansi(text);
    let line = plain
        .lines()
        .find(|l| l.starts_with("callpad:"))
        .or_else(|| plain.lines().find(|l| !l.trim().is_empty()))
        .unwrap_or("")
        .trim();
    let mut cut: String = line.chars().take(160).collect();
    if cut.len() < line.len() {
        cut.push('…');
    }
    cut
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `callpad history` as a person reads it after the restart: the row's outcome is there.
async fn history_shows(data: &Path, outcome: &str) -> Result<(), String> {
    let (code, out, err) = run(cli(None, data, &["history"])).await?;
    ensure(code == Some(0) && out.contains(outcome), || {
        format!("`callpad history` does not show \"{outcome}\": {out}{err}")
    })
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// 1. The webhook flood

const KEY: &str = "PSK_fault_suite_signing_key_42";
const WEBHOOKS: usize = 10_000;
const DUPLICATES: usize = WEBHOOKS / 5;
const BAD_SIGNATURE: usize = WEBHOOKS / 10;
const MALFORMED: usize = WEBHOOKS / 20;
/// Calls answered (5 states each) and not (3 states): 1000 × 5 + 500 × 3 = 6,500 distinct events.
const ANSWERED_CALLS: usize = 1000;
const UNANSWERED_CALLS: usize = 500;
const LANES: usize = 16;

/// A small deterministic generator (xorshift64*), so the flood is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Genuine,
    BadSignature,
    Malformed,
}

#[derive(Clone)]
struct Delivery {
    kind: Kind,
    /// The state's place in its call (genuine ones), for measuring order.
    rank: usize,
    body: Vec<u8>,
    /// `(header, value)`, or none for an unsigned webhook.
    signature: Option<(&'static str, String)>,
}

fn call_id(n: usize) -> String {
    format!("f00d{n:04x}-0000-4000-8000-{n:012x}")
}

fn states(n: usize) -> Vec<(&'static str, Option<&'static str>)> {
    const UNANSWERED: [&str; 4] = ["busy", "noAnswer", "decline", "error"];
    if n < ANSWERED_CALLS {
        vec![
            ("created", None),
            ("ringing", None),
            ("answered", None),
            ("ending", None),
            ("ended", Some("hangup")),
        ]
    } else {
        vec![
            ("created", None),
            ("ringing", None),
            ("ended", Some(UNANSWERED[n % UNANSWERED.len()])),
        ]
    }
}

fn envelope(n: usize, state: &str, reason: Option<&str>) -> Vec<u8> {
    state_webhook(&call_id(n), n, state, reason, n < ANSWERED_CALLS, OWNED)
}

fn malformed_body(i: usize, rng: &mut Rng) -> Vec<u8> {
    let good = envelope(i % 50, "answered", None);
    match i % 8 {
        0 => good[..good.len() / 2].to_vec(),
        1 => b"call_id=abc&call_state=answered".to_vec(),
        2 => Vec::new(),
        3 => b"{}".to_vec(),
        4 => br#"{"event_type":"calling.call.state"}"#.to_vec(),
        5 => br#"{"event_type":"calling.call.state","params":{"call_state":"ended"}}"#.to_vec(),
        6 => (0..64).map(|_| rng.next() as u8 | 0x80).collect(),
        _ => br#"[1,2,3]"#.to_vec(),
    }
}

/// The 10,000 deliveries, dealt to lanes (one lane per call, so its order is kept).
fn flood_plan(url: &str) -> (Vec<Vec<Delivery>>, usize) {
    let mut rng = Rng(0x5EED_F00D_CAFE_0001);
    let calls = ANSWERED_CALLS + UNANSWERED_CALLS;
    let sign = |rng: &mut Rng, body: &[u8]| match rng.below(10) {
        0 => None, // unsigned on the right path: accepted and counted as unsigned
        1 => Some((
            SHA256_SIGNATURE_HEADER,
            sign_with(Algorithm::Sha256, KEY, url, body),
        )),
        _ => Some((SIGNATURE_HEADER, sign_with(Algorithm::Sha1, KEY, url, body))),
    };
    // Each call's states in order, then duplicates right after a random original.
    let mut per_call: Vec<Vec<Delivery>> = (0..calls)
        .map(|n| {
            states(n)
                .into_iter()
                .enumerate()
                .map(|(rank, (state, reason))| Delivery {
                    kind: Kind::Genuine,
                    rank,
                    body: envelope(n, state, reason),
                    signature: None,
                })
                .collect()
        })
        .collect();
    for _ in 0..DUPLICATES {
        let n = rng.below(calls);
        let at = rng.below(per_call[n].len());
        let copy = per_call[n][at].clone();
        per_call[n].insert(at + 1, copy);
    }
    // Reverse whole calls until a fifth of all deliveries arrive after a later state.
    let mut out_of_order = 0;
    let mut order: Vec<usize> = (0..calls).collect();
    for i in (1..calls).rev() {
        order.swap(i, rng.below(i + 1));
    }
    for n in order {
        if out_of_order >= WEBHOOKS / 5 {
            break;
        }
        per_call[n].reverse();
        out_of_order += late_ones(&per_call[n]);
    }
    for list in &mut per_call {
        for d in list.iter_mut() {
            d.signature = sign(&mut rng, &d.body);
        }
    }
    // Forgeries (a wrong key, or a signature of another body) and garbage, among the real ones.
    for i in 0..BAD_SIGNATURE + MALFORMED {
        let n = rng.below(calls);
        let (kind, body, signature) = if i < BAD_SIGNATURE {
            // A forged end with the wrong cause: if it got in, the final state would be wrong.
            let body = envelope(n, "ended", Some("busy"));
            let header = if i % 2 == 0 {
                SIGNATURE_HEADER
            } else {
                SHA256_SIGNATURE_HEADER
            };
            let algorithm = if i % 2 == 0 {
                Algorithm::Sha1
            } else {
                Algorithm::Sha256
            };
            let value = match i % 3 {
                0 => sign_with(algorithm, "PSK_wrong_key", url, &body),
                1 => sign_with(algorithm, KEY, url, b"another body"),
                _ => "bm90IGEgc2lnbmF0dXJl".to_owned(),
            };
            (Kind::BadSignature, body, Some((header, value)))
        } else {
            let body = malformed_body(i, &mut rng);
            let signature = (i % 2 == 0).then(|| {
                (
                    SIGNATURE_HEADER,
                    sign_with(Algorithm::Sha1, KEY, url, &body),
                )
            });
            (Kind::Malformed, body, signature)
        };
        let at = rng.below(per_call[n].len() + 1);
        per_call[n].insert(
            at,
            Delivery {
                kind,
                rank: 0,
                body,
                signature,
            },
        );
    }
    let mut lanes: Vec<Vec<Delivery>> = (0..LANES).map(|_| Vec::new()).collect();
    for (n, list) in per_call.into_iter().enumerate() {
        lanes[n % LANES].extend(list);
    }
    (lanes, out_of_order)
}

/// Genuine deliveries that come after a later state of the same call.
fn late_ones(list: &[Delivery]) -> usize {
    let mut highest = None;
    let mut late = 0;
    for d in list.iter().filter(|d| d.kind == Kind::Genuine) {
        match highest {
            Some(h) if d.rank < h => late += 1,
            _ => highest = Some(d.rank.max(highest.unwrap_or(0))),
        }
    }
    late
}

async fn webhook_flood() -> Vec<Check> {
    const AREA: &str = "webhooks";
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let listener = match Listener::start(Some(KEY.into()), tx).await {
        Ok(l) => l,
        Err(e) => return vec![check(AREA, "the listener starts", Err(e.to_string()))],
    };
    let url = listener.status_url();
    let (lanes, out_of_order) = flood_plan(&url);
    let total: usize = lanes.iter().map(Vec::len).sum();
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for lane in lanes {
        let url = url.clone();
        tasks.spawn(async move {
            let http = reqwest::Client::builder()
                .no_proxy()
                .timeout(Duration::from_secs(30))
                .build()
                .expect("an HTTP client");
            let mut answers = Vec::with_capacity(lane.len());
            for d in lane {
                let mut request = http
                    .post(&url)
                    .header("content-type", "application/json")
                    .body(d.body);
                if let Some((header, value)) = d.signature {
                    request = request.header(header, value);
                }
                let status = match request.send().await {
                    Ok(r) => r.status().as_u16(),
                    Err(_) => 0,
                };
                answers.push((d.kind, status));
            }
            answers
        });
    }
    let mut answers = Vec::new();
    while let Some(done) = tasks.join_next().await {
        answers.extend(done.unwrap_or_default());
    }
    let took = started.elapsed();
    let count = |kind: Kind, ok: &dyn Fn(u16) -> bool| {
        answers.iter().filter(|(k, s)| *k == kind && ok(*s)).count()
    };
    let genuine = count(Kind::Genuine, &|_| true);
    let genuine_ok = count(Kind::Genuine, &|s| s == 204);
    let bad = count(Kind::BadSignature, &|_| true);
    let bad_403 = count(Kind::BadSignature, &|s| s == 403);
    let malformed = count(Kind::Malformed, &|_| true);
    let malformed_4xx = count(Kind::Malformed, &|s| (400..500).contains(&s));
    let bad_any_4xx = count(Kind::BadSignature, &|s| (400..500).contains(&s));

    // One more request on a wrong path, and one genuine one after it all: still serving.
    let http = reqwest::Client::new();
    let wrong_path = http
        .post(url.replace("/status/", "/status/0"))
        .body(envelope(0, "ended", Some("busy")))
        .send()
        .await
        .map(|r| r.status().as_u16())
        .unwrap_or(0);
    let oversize = http
        .post(&url)
        .body(vec![b'{'; callpad_core::status::listener::BODY_LIMIT + 1])
        .send()
        .await
        .map(|r| r.status().as_u16())
        .unwrap_or(0);
    let after = http
        .post(&url)
        .body(envelope(0, "ended", Some("hangup")))
        .send()
        .await
        .map(|r| r.status().as_u16())
        .unwrap_or(0);

    let mut tracker = Tracker::new();
    let mut observations = 0;
    while let Ok(obs) = rx.try_recv() {
        observations += 1;
        tracker.apply(obs);
    }
    let tally = listener.tally();
    let mut wrong = Vec::new();
    for n in 0..ANSWERED_CALLS + UNANSWERED_CALLS {
        let want = EndCause::from_reason(states(n).last().and_then(|s| s.1).unwrap_or(""));
        match tracker.get(&call_id(n)) {
            None => wrong.push(format!("{}: never seen", call_id(n))),
            Some(v) => {
                let answered_ok = v.answered_at_ms.is_some() == (n < ANSWERED_CALLS);
                if v.phase != CallPhase::Ended || v.cause != Some(want) || !answered_ok {
                    wrong.push(format!(
                        "{}: {:?} {:?} answered {:?}, want Ended {want:?}",
                        call_id(n),
                        v.phase,
                        v.cause,
                        v.answered_at_ms
                    ));
                }
            }
        }
    }
    let pct = |n: usize| 100.0 * n as f64 / total as f64;
    vec![
        check(
            AREA,
            format!(
                "{total} webhooks: {genuine} genuine ({DUPLICATES} duplicates, {out_of_order} out of order = {:.1} %), {bad} bad signature ({:.1} %), {malformed} malformed ({:.1} %)",
                pct(out_of_order),
                pct(bad),
                pct(malformed)
            ),
            ensure(
                total == WEBHOOKS && (WEBHOOKS / 5..WEBHOOKS / 5 + 10).contains(&out_of_order),
                || format!("the plan is off: {total} webhooks, {out_of_order} out of order"),
            )
            .map(|_| format!("sent in {:.2} s over {LANES} connections", took.as_secs_f64())),
        ),
        check(
            AREA,
            "0 lost: every genuine webhook answered 204 and reached the tracker",
            ensure(
                genuine_ok == genuine
                    && observations == genuine + usize::from(after == 204)
                    && tally.signed + tally.unsigned == observations as u64,
                || {
                    format!(
                        "{genuine_ok}/{genuine} answered 204, {observations} observations, tally {tally:?}"
                    )
                },
            )
            .map(|_| format!("{genuine} accepted; {}", tally.sentence())),
        ),
        check(
            AREA,
            "0 wrong final states over 1,500 calls",
            ensure(wrong.is_empty(), || {
                format!("{} wrong, e.g. {}", wrong.len(), wrong[0])
            })
            .map(|_| format!("{} calls, all ended with their own cause", tracker.len())),
        ),
        check(
            AREA,
            "every bad one a 4xx (bad signature 403, malformed 400, wrong path 404, over 64 KiB 413)",
            ensure(
                bad_403 == bad
                    && bad_any_4xx == bad
                    && malformed_4xx == malformed
                    && wrong_path == 404
                    && oversize == 413
                    && tally.refused == (bad + malformed + 1) as u64,
                || {
                    format!(
                        "bad signature 403: {bad_403}/{bad}; malformed 4xx: {malformed_4xx}/{malformed}; wrong path: {wrong_path}; over 64 KiB: {oversize}; refused {}",
                        tally.refused
                    )
                },
            )
            .map(|_| format!("{} refused", tally.refused)),
        ),
        check(
            AREA,
            "no crash: the listener still answers after the flood",
            ensure(after == 204, || format!("a genuine webhook after it got {after}"))
                .map(|_| "204".to_owned()),
        ),
    ]
}

// ---------------------------------------------------------------------------------------------
// 2. API faults on dial, end and polling

/// Every fault kind: (kind, the fault's extra fields, words for it).
const FAULTS: [(&str, &str); 4] = [
    ("hang", "timeout after send"),
    ("drop_after_request", "connection reset"),
    ("status500", "5xx"),
    ("status429", "429"),
];

fn fault_body(kind: &str, path_prefix: &str, count: u32) -> Value {
    let mut f = json!({"kind": kind, "count": count, "path_prefix": path_prefix});
    if kind == "status429" {
        f["retry_after"] = json!(1);
    }
    f
}

/// A dial that meets the fault: never sent twice, and a message saying what to do.
async fn dial_fault(kind: &'static str, words: &'static str) -> Check {
    let outcome = async {
        let space = start_space(20.0).await;
        let data = tempfile::tempdir().map_err(|e| e.to_string())?;
        fault(&space, fault_body(kind, "/api/calling/calls", 3)).await;
        let (code, _out, err) = run(cli(
            Some(&space),
            data.path(),
            &["call", "--to", ANSWERS, "--from", OWNED],
        ))
        .await?;
        let (requests, placed) = dials(&space).await;
        let want = if kind == "status429" {
            "wait 1 s"
        } else {
            "may have been placed"
        };
        ensure(code.is_some_and(|c| c != 0), || {
            format!("exit {code:?}: {err}")
        })?;
        ensure(err.contains(want), || format!("no \"{want}\" in: {err}"))?;
        ensure(requests <= 1 && placed.len() <= 1, || {
            format!("{requests} dial requests, {} calls placed", placed.len())
        })?;
        let history = rows(data.path());
        let shown = history
            .first()
            .map(|r| r.outcome.clone())
            .unwrap_or_default();
        if kind != "status429" {
            ensure(
                history.len() == 1 && history[0].placement == Placement::Unknown,
                || format!("history: {history:?}"),
            )?;
        }
        space.shutdown().await;
        Ok(format!(
            "exit {}, {requests} dial request(s), history \"{shown}\": {}",
            code.unwrap_or(-1),
            first_line(&err)
        ))
    }
    .await;
    check("api faults", format!("dial, {words} ({kind})"), outcome)
}

/// Ending a ringing call through the fault: the call ends (retried where safe) or the message
/// says what happened; never a dial.
async fn end_fault(kind: &'static str, words: &'static str) -> Check {
    let outcome = async {
        let space = start_space(20.0).await;
        let data = tempfile::tempdir().map_err(|e| e.to_string())?;
        let (code, out, err) = run(cli(
            Some(&space),
            data.path(),
            &[
                "call",
                "--to",
                NO_ANSWER,
                "--from",
                OWNED,
                "--timeout",
                "600",
            ],
        ))
        .await?;
        ensure(code == Some(0), || {
            format!("the call was not placed: {err}")
        })?;
        let id = out
            .lines()
            .find_map(|l| l.strip_prefix("call id: "))
            .ok_or_else(|| format!("no call id in: {out}"))?
            .trim()
            .to_owned();
        fault(&space, fault_body(kind, "/api/calling/calls", 1)).await;
        let (code, out, err) = run(cli(Some(&space), data.path(), &["hangup", &id])).await?;
        let (requests, placed) = dials(&space).await;
        let status = placed
            .first()
            .map(|c| c["status"].as_str().unwrap_or("").to_owned())
            .unwrap_or_default();
        ensure(requests == 1 && placed.len() == 1, || {
            format!("{requests} dial requests, {} calls placed", placed.len())
        })?;
        let said = if code == Some(0) {
            ensure(status == "ended", || {
                format!("hangup said {out:?} but the call is {status}")
            })?;
            first_line(&out)
        } else {
            ensure(err.starts_with("callpad:") && err.trim().len() > 20, || {
                format!("exit {code:?} without a clear message: {err:?}")
            })?;
            first_line(&err)
        };
        space.shutdown().await;
        Ok(format!(
            "exit {}, call {status}, 1 dial: {said}",
            code.unwrap_or(-1)
        ))
    }
    .await;
    check("api faults", format!("end, {words} ({kind})"), outcome)
}

/// `call --wait --status poll` whose voice-log polling meets the fault: the call is still seen
/// to its end, with one dial.
async fn poll_fault(kind: &'static str, words: &'static str) -> Check {
    let outcome = async {
        let space = start_space(20.0).await;
        let data = tempfile::tempdir().map_err(|e| e.to_string())?;
        fault(&space, fault_body(kind, "/api/voice/logs", 2)).await;
        let (code, out, err) = run(cli(
            Some(&space),
            data.path(),
            &[
                "call", "--to", BUSY, "--from", OWNED, "--wait", "--status", "poll",
            ],
        ))
        .await?;
        let (requests, placed) = dials(&space).await;
        let left = control(&space, "GET", "faults", None).await;
        ensure(requests == 1 && placed.len() == 1, || {
            format!("{requests} dial requests, {} calls placed", placed.len())
        })?;
        ensure(code == Some(0), || format!("exit {code:?}: {err}"))?;
        let outcome = out
            .lines()
            .find(|l| l.starts_with("outcome:"))
            .unwrap_or("")
            .to_owned();
        ensure(outcome.contains("busy"), || {
            format!("no busy outcome in: {out}")
        })?;
        let row = rows(data.path());
        ensure(row.len() == 1 && row[0].phase == CallPhase::Ended, || {
            format!("history: {row:?}")
        })?;
        space.shutdown().await;
        ensure(left["faults"].as_array().is_some_and(Vec::is_empty), || {
            format!("the polling never met the faults: {left}")
        })?;
        Ok(format!("{outcome}; both faults met"))
    }
    .await;
    check("api faults", format!("polling, {words} ({kind})"), outcome)
}

async fn api_faults() -> Vec<Check> {
    let mut all = Vec::new();
    let mut tasks = tokio::task::JoinSet::new();
    for (kind, words) in FAULTS {
        tasks.spawn(dial_fault(kind, words));
        tasks.spawn(end_fault(kind, words));
        tasks.spawn(poll_fault(kind, words));
    }
    while let Some(done) = tasks.join_next().await {
        all.push(done.unwrap_or_else(|e| check("api faults", "a check", Err(e.to_string()))));
    }
    all
}

// ---------------------------------------------------------------------------------------------
// 3. kill -9 of the CLI

/// Starts `callpad call --wait --status poll` to the number that answers, left running.
fn spawn_waiting_call(space: &RunningSpace, data: &Path) -> Result<tokio::process::Child, String> {
    cli(
        Some(space),
        data,
        &[
            "call", "--to", ANSWERS, "--from", OWNED, "--wait", "--status", "poll",
        ],
    )
    .spawn()
    .map_err(|e| e.to_string())
}

/// The restart after a kill: a second `callpad call` (to the busy number) must exit 0, leave the
/// killed row `before` as `settled` says (given the calls the space placed), show it in
/// `callpad history`, and have sent exactly one dial to the number that answers.
async fn restart_settles(
    space: RunningSpace,
    data: &Path,
    before: &HistoryEntry,
    settled: impl Fn(&HistoryEntry, &[Value]) -> bool,
) -> Result<String, String> {
    let (code, _out, err) = run(cli(
        Some(&space),
        data,
        &["call", "--to", BUSY, "--from", OWNED],
    ))
    .await?;
    ensure(code == Some(0), || format!("restart: exit {code:?}: {err}"))?;
    let (requests, placed) = dials(&space).await;
    let after = rows(data);
    let killed = after.iter().find(|r| r.id == before.id);
    ensure(killed.is_some_and(|r| settled(r, &placed)), || {
        format!("after the restart: {killed:?}")
    })?;
    let to_answers = placed.iter().filter(|c| c["to"] == ANSWERS).count();
    ensure(requests == 2 && to_answers == 1, || {
        format!("{requests} dial requests, {to_answers} calls to {ANSWERS}")
    })?;
    if let Some(row) = killed {
        history_shows(data, &row.outcome).await?;
    }
    space.shutdown().await;
    Ok(format!(
        "\"{}\" → \"{}\"; {}",
        before.outcome,
        killed.map(|r| r.outcome.clone()).unwrap_or_default(),
        first_line(&err)
    ))
}

/// `callpad call --wait` killed while the call is up; the next `callpad call` settles it.
async fn kill_mid_call() -> Check {
    let outcome = async {
        let space = start_space(4.0).await;
        let data = tempfile::tempdir().map_err(|e| e.to_string())?;
        let mut child = spawn_waiting_call(&space, data.path())?;
        let path = data.path().to_owned();
        until(Duration::from_secs(20), || {
            let path = path.clone();
            async move { rows(&path).first().is_some_and(|r| r.call_id.is_some()) }
        })
        .await?;
        // At 4× it rings 0.5 s, then talks 5 s: kill it while it talks.
        tokio::time::sleep(Duration::from_millis(1500)).await;
        child.start_kill().map_err(|e| e.to_string())?; // SIGKILL
        let _ = child.wait().await;
        let before = rows(data.path());
        ensure(
            before.len() == 1 && before[0].phase != CallPhase::Ended,
            || format!("before the restart: {before:?}"),
        )?;
        until(Duration::from_secs(20), || async {
            dials(&space)
                .await
                .1
                .first()
                .is_some_and(|c| c["status"] == "ended")
        })
        .await?;
        // Restarted at once: a row with a call id is looked up whatever its age.
        restart_settles(space, data.path(), &before[0], |r, _| {
            r.phase == CallPhase::Ended && r.end_cause == Some(EndCause::HungUp)
        })
        .await
    }
    .await;
    check(
        "kill -9",
        "mid-call: an immediate restart reconciles, no second dial",
        outcome,
    )
}

/// `callpad call` killed while its dial has no answer yet; the next `callpad call` finds the call
/// in the voice logs.
async fn kill_mid_dial() -> Check {
    let outcome = async {
        let space = start_space(20.0).await;
        let data = tempfile::tempdir().map_err(|e| e.to_string())?;
        fault(&space, fault_body("hang", "/api/calling/calls", 1)).await;
        let mut child = spawn_waiting_call(&space, data.path())?;
        until(Duration::from_secs(20), || async {
            dials(&space).await.0 == 1
        })
        .await?;
        child.start_kill().map_err(|e| e.to_string())?; // SIGKILL
        let _ = child.wait().await;
        let before = rows(data.path());
        ensure(
            before.len() == 1 && before[0].placement == Placement::Sending,
            || format!("before the restart: {before:?}"),
        )?;
        restart_later(data.path())?;
        restart_settles(space, data.path(), &before[0], |r, placed| {
            let first = placed.iter().find(|c| c["to"] == ANSWERS);
            r.placement == Placement::Placed
                && r.call_id.as_deref() == first.and_then(|c| c["id"].as_str())
        })
        .await
    }
    .await;
    check(
        "kill -9",
        "mid-dial: restart finds the call in the voice logs, no second dial",
        outcome,
    )
}

/// `callpad contacts import` killed at 30 % of a 20,000-row file: none of it, all of before.
fn kill_mid_import() -> Check {
    use std::io::{BufRead, BufReader};
    const ROWS: usize = 20_000;
    let outcome = (|| {
        let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
        let data = tmp.path().join("data");
        let small = tmp.path().join("small.csv");
        std::fs::write(
            &small,
            "Name,Phone\nJane Doe,(201) 555-0123\nAnn Lee,+44 20 7946 0958\n",
        )
        .map_err(|e| e.to_string())?;
        let import = |file: &Path| {
            let mut c = std::process::Command::new(BIN);
            c.args(["contacts", "import"])
                .arg(file)
                .args(["--region", "US"])
                .env("CALLPAD_DATA_DIR", &data);
            c
        };
        let done = import(&small).output().map_err(|e| e.to_string())?;
        ensure(done.status.success(), || {
            String::from_utf8_lossy(&done.stderr).into_owned()
        })?;
        let big_file = tmp.path().join("big.csv");
        std::fs::write(&big_file, support::bulk_csv(ROWS)).map_err(|e| e.to_string())?;
        let mut child = import(&big_file)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| e.to_string())?;
        let stderr = BufReader::new(child.stderr.take().ok_or("no stderr")?);
        let mut killed_at = None;
        for line in stderr.lines().map_while(Result::ok) {
            let n = line
                .strip_prefix("importing: ")
                .and_then(|rest| rest.split(' ').next())
                .and_then(|n| n.parse::<usize>().ok());
            if let Some(n) = n.filter(|&n| n * 10 >= ROWS * 3 && n < ROWS) {
                child.kill().map_err(|e| e.to_string())?; // SIGKILL
                killed_at = Some(n);
                break;
            }
        }
        let status = child.wait().map_err(|e| e.to_string())?;
        let killed_at = killed_at.ok_or("the import finished before it could be killed")?;
        ensure(!status.success(), || "it was not killed".into())?;
        let conn = db::open_in(&data).map_err(|e| e.to_string())?;
        let integrity: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| e.to_string())?;
        let count = ContactStore::new(conn)
            .map_err(|e| e.to_string())?
            .count()
            .map_err(|e| e.to_string())?;
        ensure(integrity == "ok" && count == 2, || {
            format!("after the kill: integrity {integrity}, {count} contacts (want 2)")
        })?;
        let again = import(&big_file).output().map_err(|e| e.to_string())?;
        let out = String::from_utf8_lossy(&again.stdout).into_owned();
        let count = ContactStore::new(db::open_in(&data).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?
            .count()
            .map_err(|e| e.to_string())?;
        ensure(again.status.success() && count == ROWS + 2, || {
            format!("re-import: {count} contacts; {out}")
        })?;
        Ok(format!(
            "killed at {killed_at}/{ROWS} rows: database ok with the 2 from before; re-import gave {count}"
        ))
    })();
    check(
        "kill -9",
        "mid-import: all-or-nothing, nothing lost",
        outcome,
    )
}

// ---------------------------------------------------------------------------------------------
// 4. The keychain missing or locked

fn nothing_written(dir: &Path) -> Result<(), String> {
    let written: Vec<_> = files_under(dir)
        .into_iter()
        .filter(|p| {
            !(p.ends_with(".settings.json.lock")
                && std::fs::metadata(p).map(|m| m.len() == 0).unwrap_or(false))
        })
        .collect();
    ensure(written.is_empty(), || {
        format!("files were written: {written:?}")
    })
}

async fn profile_add(mut command: Command, token: &str) -> Result<(Option<i32>, String), String> {
    use tokio::io::AsyncWriteExt;
    command.stdin(Stdio::piped());
    let mut child = command.spawn().map_err(|e| e.to_string())?;
    if let Some(mut pipe) = child.stdin.take() {
        let _ = pipe.write_all(format!("{token}\n").as_bytes()).await;
    }
    let output = tokio::time::timeout(Duration::from_secs(60), child.wait_with_output())
        .await
        .map_err(|_| "it hung for 60 s".to_owned())?
        .map_err(|e| e.to_string())?;
    let err = String::from_utf8_lossy(&output.stderr).into_owned();
    let out = String::from_utf8_lossy(&output.stdout);
    ensure(!err.contains(token) && !out.contains(token), || {
        "the token was printed".into()
    })?;
    ensure(!err.contains("panicked"), || format!("panicked: {err}"))?;
    Ok((output.status.code(), err))
}

async fn keychain_missing() -> Check {
    let outcome = async {
        let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
        let dir = tmp.path().join("data");
        let token = "PTsecret-fault-suite-missing-1f2e";
        let mut command = cli(
            None,
            &dir,
            &support::add_args("faultmissing", "example", "p"),
        );
        command.env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
        let (code, err) = profile_add(command, token).await?;
        ensure(
            code == Some(1) && err.contains("no OS keychain is available"),
            || format!("exit {code:?}: {err}"),
        )?;
        nothing_written(&dir)?;
        Ok(first_line(&err))
    }
    .await;
    check("keychain", "missing: clear error, nothing written", outcome)
}

async fn keychain_locked() -> Check {
    let outcome = async {
        let keyrings = tempfile::tempdir().map_err(|e| e.to_string())?;
        let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
        let dir = tmp.path().join("data");
        let token = "PTsecret-fault-suite-locked-9a8b";
        // A session bus of its own whose gnome-keyring has no unlocked collection and, with no
        // display, no way to prompt: as on a locked screen.
        let command = support::locked_keychain(
            keyrings.path(),
            &dir,
            &support::add_args("faultlocked", "example", "p"),
        );
        let (code, err) = profile_add(command, token).await?;
        ensure(
            code == Some(1) && err.contains("the keychain is locked"),
            || format!("exit {code:?}: {err}"),
        )?;
        nothing_written(&dir)?;
        Ok(first_line(&err))
    }
    .await;
    check("keychain", "locked: clear error, nothing written", outcome)
}

// ---------------------------------------------------------------------------------------------
// 5. Damaged data files

fn kept(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    files_under(dir)
        .into_iter()
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .collect()
}

/// `settings.json` damaged: `callpad profile list` starts, says so, keeps the bytes.
async fn damaged_settings(name: &'static str, bytes: &'static [u8]) -> Check {
    let outcome = async {
        let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
        std::fs::write(tmp.path().join("settings.json"), bytes).map_err(|e| e.to_string())?;
        let (code, out, err) = run(cli(None, tmp.path(), &["profile", "list"])).await?;
        ensure(code == Some(0), || format!("exit {code:?}: {out}{err}"))?;
        ensure(err.contains("could not be read"), || {
            format!("not reported: {err}")
        })?;
        let copies = kept(tmp.path(), "settings.json.broken-");
        ensure(copies.len() == 1, || format!("copies kept: {copies:?}"))?;
        let copy = std::fs::read(&copies[0]).map_err(|e| e.to_string())?;
        ensure(copy == bytes, || "the copy differs from the file".into())?;
        Ok(first_line(&err))
    }
    .await;
    check("data files", format!("settings.json {name}"), outcome)
}

/// `callpad.sqlite3` damaged: `callpad contacts search` and `history` start, say so, keep it.
async fn damaged_database(name: &'static str) -> Check {
    let outcome = async {
        let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
        let data = tmp.path();
        let csv = data.join("people.csv");
        let mut text = String::from("Name,Phone\n");
        for i in 0..2000 {
            text.push_str(&format!("Person {i},+1 212 555 {:04}\n", i));
        }
        std::fs::write(&csv, text).map_err(|e| e.to_string())?;
        let (code, _, err) = run(cli(
            None,
            data,
            &[
                "contacts",
                "import",
                csv.to_str().unwrap_or(""),
                "--region",
                "US",
            ],
        ))
        .await?;
        ensure(code == Some(0), || format!("setup import: {err}"))?;
        let file = data.join(db::FILE_NAME);
        let whole = std::fs::read(&file).map_err(|e| e.to_string())?;
        let damaged: Vec<u8> = match name {
            "truncated" => whole[..whole.len() / 3].to_vec(),
            "garbage" => b"not a database, a shopping list\n".repeat(300),
            _ => Vec::new(),
        };
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(data.join(format!("{}{suffix}", db::FILE_NAME)));
        }
        std::fs::write(&file, &damaged).map_err(|e| e.to_string())?;
        let (code, out, err) = run(cli(None, data, &["contacts", "search", "person"])).await?;
        ensure(code == Some(0), || format!("exit {code:?}: {out}{err}"))?;
        let copies = kept(data, "callpad.sqlite3.broken-");
        let main_copy = copies.iter().find(|p| {
            !p.to_string_lossy().ends_with("-wal") && !p.to_string_lossy().ends_with("-shm")
        });
        ensure(main_copy.is_some(), || {
            format!("no copy kept: {copies:?}; {err}")
        })?;
        let copy = std::fs::read(main_copy.unwrap_or(&file)).map_err(|e| e.to_string())?;
        ensure(copy == damaged, || {
            "the copy differs from the damaged file".into()
        })?;
        ensure(
            err.to_lowercase().contains("damaged") || err.contains("broken-"),
            || format!("not reported: {err}"),
        )?;
        // It runs on: the next start uses the fresh database quietly.
        let (code, _, err2) = run(cli(None, data, &["history"])).await?;
        ensure(code == Some(0) && !err2.contains("damaged"), || {
            format!("the next start: exit {code:?}: {err2}")
        })?;
        Ok(first_line(&err))
    }
    .await;
    check("data files", format!("callpad.sqlite3 {name}"), outcome)
}

async fn data_files() -> Vec<Check> {
    let (a, b, c, d, e, f) = tokio::join!(
        damaged_settings("garbage", b"{ this is not json"),
        damaged_settings("truncated", br#"{"version":1,"profiles":[{"name":"wor"#),
        damaged_settings("zero bytes", b""),
        damaged_database("truncated"),
        damaged_database("garbage"),
        damaged_database("zero bytes"),
    );
    vec![a, b, c, d, e, f]
}

// ---------------------------------------------------------------------------------------------
// The suite

fn report(checks: &[Check], took: Duration) -> String {
    let held = checks.iter().filter(|c| c.held).count();
    let mut text = String::from("\nFault suite\n");
    let mut areas: Vec<&str> = Vec::new();
    for c in checks {
        if !areas.contains(&c.area) {
            areas.push(c.area);
        }
    }
    let by_area: HashMap<&str, Vec<&Check>> = areas
        .iter()
        .map(|a| (*a, checks.iter().filter(|c| c.area == *a).collect()))
        .collect();
    for area in &areas {
        let list = &by_area[area];
        let ok = list.iter().filter(|c| c.held).count();
        text.push_str(&format!("\n  {area} ({ok}/{} held)\n", list.len()));
        for c in list {
            text.push_str(&format!(
                "    [{}] {}\n           {}\n",
                if c.held { "held" } else { "FAIL" },
                c.name,
                c.detail
            ));
        }
    }
    text.push_str(&format!(
        "\nFault suite tally: {} tried, {held} held, {} failed ({:.0} s)\n",
        checks.len(),
        checks.len() - held,
        took.as_secs_f64()
    ));
    text
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fault_suite() {
    let started = Instant::now();
    let area = |name: &'static str| {
        move |e: tokio::task::JoinError| vec![check(name, "the checks ran", Err(e.to_string()))]
    };
    let webhooks = tokio::spawn(webhook_flood());
    let api = tokio::spawn(api_faults());
    let kills = tokio::spawn(async {
        let import = tokio::task::spawn_blocking(kill_mid_import);
        let (call, dial) = tokio::join!(kill_mid_call(), kill_mid_dial());
        let import = import
            .await
            .unwrap_or_else(|e| check("kill -9", "mid-import", Err(e.to_string())));
        vec![call, dial, import]
    });
    let keychain = tokio::spawn(async {
        let (missing, locked) = tokio::join!(keychain_missing(), keychain_locked());
        vec![missing, locked]
    });
    let files = tokio::spawn(data_files());
    let mut checks = Vec::new();
    checks.extend(webhooks.await.unwrap_or_else(area("webhooks")));
    checks.extend(api.await.unwrap_or_else(area("api faults")));
    checks.extend(kills.await.unwrap_or_else(area("kill -9")));
    checks.extend(keychain.await.unwrap_or_else(area("keychain")));
    checks.extend(files.await.unwrap_or_else(area("data files")));

    let text = report(&checks, started.elapsed());
    // Straight to the process's stderr, not through `eprintln!`, which the test harness
    // captures: the tally shows in a plain `cargo test` run too.
    {
        use std::io::Write;
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target");
    let _ = std::fs::create_dir_all(&target);
    let _ = std::fs::write(target.join("fault-suite.txt"), &text);
    let failed: Vec<&str> = checks
        .iter()
        .filter(|c| !c.held)
        .map(|c| c.name.as_str())
        .collect();
    assert!(failed.is_empty(), "checks that did not hold: {failed:?}");
}
