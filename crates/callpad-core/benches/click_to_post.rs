//! "Click to POST on the wire", network excluded: from `CallCenter::place` being called until the
//! first byte of its dial request reaches a server on loopback, next to a bare reqwest POST.
//! Run: `cargo bench -p callpad-core --bench click_to_post`.
//!
//! The server is a few lines of raw HTTP/1.1 over a tokio `TcpListener` on its own thread: it
//! stamps the instant the first byte of each request is read, then answers a `200` call object
//! (`status: queued`, a new id each time). The call center is fresh, polls at a pace so slow that
//! it never polls during the run, and records each call in SQLite history before sending: that is
//! part of the measured path. Each round also sends the same dial with `Client::dial` alone, as a
//! bare `reqwest` POST of its body, and as that POST after `place`'s two SQLite steps on the call
//! center's database, in turning order, so all see the same conditions.
//! `CLICK_BENCH_COUNT` sets the rounds (default 2,000).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use callpad_core::calls::{
    CallCenter, CallMeta, CallMode, CallPlan, MessageSource, NewCall, StatusFeed, history,
};
use callpad_core::signalwire::{Client, ClientConfig, Credentials, SpaceUrl, USER_AGENT};
use callpad_core::status::PollPace;
use callpad_core::{clock, contacts, db};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

const WARM_UP: usize = 200;
const PROJECT: &str = "4b7d8a8e-3c1f-4f0e-9a61-2f3c5d7e9b10";
const TOKEN: &str = "PTbench0123456789abcdef0123456789abcdef";
const FROM: &str = "+12065550100";

/// The instant the first byte of each dial request was read, in order.
type Arrivals = mpsc::UnboundedSender<Instant>;

/// Reads one request whose first bytes are `buf[..filled]`; returns (request line, total length).
async fn read_request(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Option<(String, usize)> {
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let mut chunk = [0u8; 8192];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let length: usize = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    while buf.len() < head_end + length {
        let mut chunk = [0u8; 8192];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let line = head.lines().next().unwrap_or_default().to_owned();
    Some((line, head_end + length))
}

fn call_object(n: usize) -> String {
    format!(
        r#"{{"id":"e7c1b0a2-5d3f-4a8e-9c61-{n:012x}","from":"{FROM}","to":"+12065550199","direction":"outbound-api","status":"queued","created_at":"2025-06-01T12:00:00Z","charge":0,"charge_details":[],"duration":null,"duration_ms":null,"billing_ms":null,"type":"relay_pstn_call","parent_id":null,"url":null,"source":"realtime_api"}}"#
    )
}

async fn connection(mut stream: TcpStream, arrivals: Arrivals, calls: Arc<AtomicUsize>) {
    let _ = stream.set_nodelay(true);
    let mut buf = Vec::with_capacity(16 * 1024);
    loop {
        // The first byte of the next request (reqwest does not pipeline, so nothing is left over).
        if buf.is_empty() {
            let mut chunk = [0u8; 8192];
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        let arrived = Instant::now();
        let Some((line, used)) = read_request(&mut stream, &mut buf).await else {
            return;
        };
        buf.drain(..used);
        let (status, body) = if line.starts_with("POST /api/calling/calls ") {
            let _ = arrivals.send(arrived);
            ("200 OK", call_object(calls.fetch_add(1, Ordering::Relaxed)))
        } else {
            ("404 Not Found", r#"{"error":"Not Found"}"#.to_owned())
        };
        let response = format!(
            "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        if stream.write_all(response.as_bytes()).await.is_err() {
            return;
        }
    }
}

/// Starts the server on its own thread and runtime, so it is not part of Callpad's.
fn start_server() -> (u16, mpsc::UnboundedReceiver<Instant>, Arc<AtomicUsize>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let (port_tx, port_rx) = std::sync::mpsc::channel();
    let accepted = Arc::new(AtomicUsize::new(0));
    let counted = accepted.clone();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("the server's runtime");
        runtime.block_on(async move {
            let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
            let _ = port_tx.send(listener.local_addr().expect("address").port());
            let calls = Arc::new(AtomicUsize::new(0));
            while let Ok((stream, _)) = listener.accept().await {
                counted.fetch_add(1, Ordering::Relaxed);
                tokio::spawn(connection(stream, tx.clone(), calls.clone()));
            }
        });
    });
    (port_rx.recv().expect("the server's port"), rx, accepted)
}

fn plan(i: usize) -> CallPlan {
    CallPlan {
        mode: CallMode::DeliverMessage {
            message: MessageSource::Text {
                text: "Your appointment with Dr. Rivera is tomorrow at 9:30. Reply to reschedule."
                    .into(),
                voice: None,
                language: None,
            },
        },
        destination: format!("+1312555{:04}", i % 10_000),
        extension: None,
        caller_id: FROM.into(),
        from: None,
        profile_name: "Front desk".into(),
        ring_timeout_s: 25,
        max_duration_s: Some(3_600),
    }
}

/// The history row `place` writes before sending.
fn new_call(plan: &CallPlan, from: &str) -> NewCall {
    NewCall {
        profile: "Front desk".into(),
        mode: plan.mode.name(),
        from: from.to_owned(),
        to: plan.destination.clone(),
        caller_id: plan.caller_id.clone(),
        contact_id: None,
        contact_name: None,
        created_at_ms: clock::now_ms(),
    }
}

fn never_poll() -> PollPace {
    let day = Duration::from_secs(24 * 3600);
    PollPace {
        first: day,
        growth: 1.0,
        max: day,
        log_grace: day,
        give_up_after: day,
    }
}

fn micros(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i].as_secs_f64() * 1e6
}

fn row(name: &str, mut times: Vec<Duration>) -> f64 {
    times.sort_unstable();
    println!(
        "{name:<52} {:>9.1} {:>9.1} {:>9.1} {:>9.1}",
        micros(&times, 0.5),
        micros(&times, 0.9),
        micros(&times, 0.99),
        times[times.len() - 1].as_secs_f64() * 1e6
    );
    micros(&times, 0.5)
}

/// The pieces of the path before the socket, timed one by one on their own database.
fn pieces(count: usize) -> Vec<(&'static str, Vec<Duration>)> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let conn = db::open_in(dir.path()).expect("the database");
    let (mut build, mut opted, mut insert, mut body) = (vec![], vec![], vec![], vec![]);
    for i in 0..WARM_UP + count {
        let p = plan(i);
        let t = Instant::now();
        let request = p.dial_request("12:00 UTC").expect("a dial request");
        request.validate().expect("valid");
        let built = t.elapsed();
        let t = Instant::now();
        let _ = contacts::is_opted_out(&conn, &p.destination).expect("query");
        let opt = t.elapsed();
        let t = Instant::now();
        history::begin(&conn, &new_call(&p, &request.from)).expect("insert");
        let ins = t.elapsed();
        let t = Instant::now();
        let _ = serde_json::to_vec(&request.to_body()).expect("JSON");
        let ser = t.elapsed();
        if i >= WARM_UP {
            build.push(built);
            opted.push(opt);
            insert.push(ins);
            body.push(ser);
        }
    }
    vec![
        ("  plan → dial request + validate", build),
        ("  SQLite: opt-out lookup", opted),
        ("  SQLite: history insert (WAL, synchronous=NORMAL)", insert),
        ("  dial body to JSON bytes", body),
    ]
}

/// The three ways a dial leaves: the call center, the client alone, a bare reqwest POST.
#[derive(Clone, Copy)]
enum Way {
    Place,
    Dial,
    Bare,
    /// `place`'s two SQLite steps on the call center's own database, then a bare POST.
    DbThenBare,
}

struct Bench {
    center: CallCenter,
    db: Arc<Mutex<rusqlite::Connection>>,
    client: Client,
    bare: reqwest::Client,
    bare_url: String,
    meta: CallMeta,
}

impl Bench {
    /// Sends one dial `way`; returns the time to the first byte at the server and a second time:
    /// for a placement the whole of `place` (answer read and recorded), for `DbThenBare` the two
    /// SQLite steps.
    async fn one(
        &self,
        way: Way,
        plan: &CallPlan,
        arrivals: &mut mpsc::UnboundedReceiver<Instant>,
    ) -> (Duration, Option<Duration>) {
        let request = plan.dial_request("12:00 UTC").expect("a dial");
        let body = serde_json::to_vec(&request.to_body()).expect("JSON");
        let started = Instant::now();
        let second = match way {
            Way::Place => {
                let placed = self.center.place(plan, &self.meta).await.expect("placed");
                assert!(!placed.call_id.is_empty());
                Some(started.elapsed())
            }
            Way::Dial => {
                self.client.dial(&request).await.expect("the dial");
                None
            }
            Way::Bare | Way::DbThenBare => {
                let sqlite = matches!(way, Way::DbThenBare).then(|| {
                    let db = self.db.lock().expect("database lock");
                    let _ = contacts::is_opted_out(&db, &plan.destination).expect("query");
                    history::begin(&db, &new_call(plan, &request.from)).expect("insert");
                    started.elapsed()
                });
                let response = self
                    .bare
                    .post(&self.bare_url)
                    .basic_auth(PROJECT, Some(TOKEN))
                    .header("accept", "application/json")
                    .header("content-type", "application/json")
                    .body(body)
                    .send()
                    .await
                    .expect("the bare POST");
                let _ = response.bytes().await;
                sqlite
            }
        };
        let arrived = arrivals.recv().await.expect("the server saw the request");
        (arrived.saturating_duration_since(started), second)
    }
}

async fn run(count: usize) {
    let (port, mut arrivals, accepted) = start_server();
    let base = format!("http://127.0.0.1:{port}");
    let client = Client::with_config(
        SpaceUrl::parse(&base).expect("a loopback space"),
        Credentials::new(PROJECT, TOKEN),
        ClientConfig::default(),
    )
    .expect("a client");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let conn = db::open_in(dir.path()).expect("the database");
    let db = Arc::new(Mutex::new(conn));
    let center = CallCenter::new(
        client.clone(),
        db.clone(),
        StatusFeed::Poll(never_poll()),
        CallCenter::channel(),
    );
    let bare = reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a bare client");

    let bench = Bench {
        center,
        db,
        client,
        bare,
        bare_url: format!("{base}/api/calling/calls"),
        meta: CallMeta {
            profile: "Front desk".into(),
            ..CallMeta::default()
        },
    };
    let mut times: [Vec<Duration>; 6] = Default::default();
    for i in 0..WARM_UP + count {
        let p = plan(i);
        // Who goes first turns each round, so none of them profits from its place.
        let ways = [Way::Place, Way::Dial, Way::Bare, Way::DbThenBare];
        for way in ways.iter().cycle().skip(i % 4).take(4) {
            let (to_wire, second) = bench.one(*way, &p, &mut arrivals).await;
            if i >= WARM_UP {
                times[*way as usize].push(to_wire);
                if let Some(second) = second {
                    let slot = if matches!(way, Way::Place) { 4 } else { 5 };
                    times[slot].push(second);
                }
            }
        }
    }
    let [ours, dialled, theirs, db_then_bare, whole, sqlite_in_situ] = times;

    println!(
        "{:<51} {:>9} {:>9} {:>9} {:>9}",
        "µs", "median", "p90", "p99", "max"
    );
    let ours_median = row("CallCenter::place → first byte at the server", ours);
    row("Client::dial alone → first byte at the server", dialled);
    let bare_median = row("bare reqwest POST → first byte at the server", theirs);
    row("place's 2 SQLite steps in situ + bare POST", db_then_bare);
    row(
        "  of which the 2 SQLite steps (opt-out, insert)",
        sqlite_in_situ,
    );
    row("CallCenter::place, whole (200 read + recorded)", whole);
    println!(
        "(the server accepted {} connections for {} requests: keep-alive reuse)",
        accepted.load(Ordering::Relaxed),
        4 * (WARM_UP + count)
    );
    println!("the path's pieces, timed apart in a tight loop on their own database:");
    for (name, times) in pieces(count) {
        row(name, times);
    }
    println!();
    println!(
        "Callpad / bare reqwest (medians): {:.2}x; Callpad's own work before the socket ≈ {:.0} µs \
         (aim: ≤ 2 ms median click to POST)",
        ours_median / bare_median,
        ours_median - bare_median
    );
}

fn main() {
    let count = std::env::var("CLICK_BENCH_COUNT")
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .filter(|&n: &usize| n > 0)
        .unwrap_or(2_000);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "{count} rounds (after {WARM_UP} warm-up) of: CallCenter::place; the same dial via \
         Client::dial alone; a bare reqwest POST of its body; that POST after place's SQLite \
         steps (in turning order). A fresh CallCenter (poll mode, never polling during the run) \
         on a 2-thread tokio runtime, SQLite history in a temporary folder; the raw HTTP server on \
         its own thread; {cores} cores, shared with whatever else runs. Times end when the server \
         reads the request's first byte, so the loopback hop and the server's wake-up are in \
         every row alike."
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(run(count));
}
