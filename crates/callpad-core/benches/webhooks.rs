//! How many signed status webhooks the listener takes per second and how long each takes to reach
//! the tracker, next to the Flask handler SignalWire's Python guides show, under the same load.
//! Run: `pip install flask` then `cargo bench -p callpad-core --bench webhooks`.
//!
//! The load: calls with UUID-like ids going created → ringing → answered → ending → ended (hangup),
//! or created → ringing → ended (busy, noAnswer, decline, error), as the documented
//! `calling.call.state` envelope, each signed with HMAC-SHA1 over URL + body. Every connection is
//! its own keep-alive HTTP/1.1 client and sends whole calls in order. One untimed warm-up flood
//! opens the connections; then the timed flood. Flask gets the same bodies, clients and count, and
//! so does an axum route that does nothing (the ceiling of this client and HTTP stack here).
//!
//! Environment: `WEBHOOK_BENCH_COUNT` (timed webhooks, default 100,000),
//! `WEBHOOK_BENCH_CONNECTIONS` (default 32), `WEBHOOK_BENCH_SKIP_FLASK` (set: no comparison),
//! `PYTHON` (default `python3`).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use callpad_core::status::{
    Applied, CallPhase, Listener, Observation, SIGNATURE_HEADER, Tracker, parse_webhook, sign,
    verify,
};
use state_webhook::state_webhook;
use tokio::sync::mpsc;

#[path = "common/state_webhook.rs"]
mod state_webhook;

const KEY: &str = "PSK_bench_signing_key_0123456789";
const WARM_UP: usize = 10_000;
/// Slots per call in the send-time table: one per [`CallPhase`].
const PHASES: usize = 6;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().replace('_', "").parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(default)
}

/// A UUID-looking call id whose last group is the call's number, so the tracker side can find
/// the send time without a lock.
fn call_id(n: usize) -> String {
    let mix = (n as u64 ^ 0x9E37_79B9_7F4A_7C15).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    format!(
        "{:08x}-{:04x}-4{:03x}-a{:03x}-{n:012x}",
        (mix >> 32) as u32,
        (mix >> 16) as u16,
        (mix >> 4) as u16 & 0xfff,
        mix as u16 & 0xfff
    )
}

fn call_number(call_id: &str) -> Option<usize> {
    usize::from_str_radix(call_id.get(call_id.len().checked_sub(12)?..)?, 16).ok()
}

fn phase_named(state: &str) -> CallPhase {
    match state {
        "created" => CallPhase::Created,
        "ringing" => CallPhase::Ringing,
        "answered" => CallPhase::Answered,
        "ending" => CallPhase::Ending,
        _ => CallPhase::Ended,
    }
}

/// One webhook as SignalWire would send it, before signing.
struct Webhook {
    slot: usize,
    body: Vec<u8>,
}

/// One call's webhooks, in the order SignalWire sends them.
struct CallEvents {
    webhooks: Vec<Webhook>,
}

fn envelope(n: usize, state: &str, reason: Option<&str>) -> Vec<u8> {
    state_webhook(&call_id(n), n, state, reason, n % 4 != 3, "+12065550100")
}

/// Calls numbered from `first_call` until they hold `count` webhooks (the last call may be cut).
fn calls(first_call: usize, count: usize) -> Vec<CallEvents> {
    const UNANSWERED: [&str; 4] = ["busy", "noAnswer", "decline", "error"];
    let mut out = Vec::new();
    let mut left = count;
    let mut n = first_call;
    while left > 0 {
        let states: Vec<(&str, Option<&str>)> = if n % 4 == 3 {
            let reason = UNANSWERED[(n / 4) % UNANSWERED.len()];
            vec![
                ("created", None),
                ("ringing", None),
                ("ended", Some(reason)),
            ]
        } else {
            vec![
                ("created", None),
                ("ringing", None),
                ("answered", None),
                ("ending", None),
                ("ended", Some("hangup")),
            ]
        };
        let webhooks: Vec<Webhook> = states
            .into_iter()
            .take(left)
            .map(|(state, reason)| Webhook {
                slot: n * PHASES + phase_named(state) as usize,
                body: envelope(n, state, reason),
            })
            .collect();
        left -= webhooks.len();
        out.push(CallEvents { webhooks });
        n += 1;
    }
    out
}

/// A signed request, ready to send.
struct Signed {
    slot: usize,
    body: Vec<u8>,
    signature: String,
}

/// Signs every webhook for `url` and deals whole calls to `connections` senders.
fn deal(calls: &[CallEvents], url: &str, connections: usize) -> Vec<Vec<Signed>> {
    let mut lanes: Vec<Vec<Signed>> = (0..connections).map(|_| Vec::new()).collect();
    for (i, call) in calls.iter().enumerate() {
        for w in &call.webhooks {
            lanes[i % connections].push(Signed {
                slot: w.slot,
                body: w.body.clone(),
                signature: sign(KEY, url, &w.body),
            });
        }
    }
    lanes
}

/// When each webhook was sent, in nanoseconds after `epoch` (+1, so 0 means "not sent").
struct SendTimes {
    epoch: Instant,
    slots: Vec<AtomicU64>,
}

impl SendTimes {
    fn new(calls: usize) -> Self {
        SendTimes {
            epoch: Instant::now(),
            slots: (0..calls * PHASES).map(|_| AtomicU64::new(0)).collect(),
        }
    }

    fn stamp(&self, slot: usize) {
        let ns = self.epoch.elapsed().as_nanos() as u64 + 1;
        self.slots[slot].store(ns, Ordering::Relaxed);
    }

    fn since_sent(&self, slot: usize, now: Instant) -> Option<u64> {
        let sent = self
            .slots
            .get(slot)?
            .load(Ordering::Relaxed)
            .checked_sub(1)?;
        Some(((now - self.epoch).as_nanos() as u64).saturating_sub(sent))
    }
}

/// One keep-alive HTTP/1.1 connection's client.
fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .http1_only()
        .no_proxy()
        .tcp_nodelay(true)
        .pool_max_idle_per_host(1)
        .timeout(Duration::from_secs(30))
        .build()
        .expect("an HTTP client")
}

/// What one flood saw from the client side.
struct Flood {
    started: Instant,
    finished: Instant,
    /// Send → response read, nanoseconds.
    request_ns: Vec<u64>,
    /// How many answers were not 204, and the first few.
    refused: usize,
    examples: Vec<String>,
}

async fn flood(
    clients: &[reqwest::Client],
    url: &str,
    lanes: Vec<Vec<Signed>>,
    times: Option<Arc<SendTimes>>,
) -> Flood {
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for (lane, http) in lanes.into_iter().zip(clients.iter().cloned()) {
        let url = url.to_owned();
        let times = times.clone();
        tasks.spawn(async move {
            let mut request_ns = Vec::with_capacity(lane.len());
            let mut refused = Vec::new();
            for webhook in lane {
                let request = http
                    .post(&url)
                    .header("content-type", "application/json")
                    .header(SIGNATURE_HEADER, webhook.signature)
                    .body(webhook.body);
                if let Some(times) = &times {
                    times.stamp(webhook.slot);
                }
                let sent = Instant::now();
                match request.send().await {
                    Ok(response) => {
                        let status = response.status().as_u16();
                        let _ = response.bytes().await;
                        request_ns.push(sent.elapsed().as_nanos() as u64);
                        if status != 204 {
                            refused.push(format!("HTTP {status}"));
                        }
                    }
                    Err(err) => refused.push(format!("{err}")),
                }
            }
            (request_ns, refused)
        });
    }
    let mut out = Flood {
        started,
        finished: started,
        request_ns: Vec::new(),
        refused: 0,
        examples: Vec::new(),
    };
    while let Some(done) = tasks.join_next().await {
        let (request_ns, refused) = done.expect("a sender task panicked");
        out.request_ns.extend(request_ns);
        out.refused += refused.len();
        out.examples.extend(refused.into_iter().take(3));
    }
    out.finished = Instant::now();
    out.examples.truncate(3);
    out
}

/// What the tracker side saw of the timed flood.
struct Tracked {
    /// Send → observation applied to the tracker, nanoseconds.
    applied_ns: Vec<u64>,
    last_applied: Instant,
    advanced: usize,
    calls: usize,
    ended: usize,
}

/// The tracker: applies `warm_up` observations untimed, then `timed` ones, timing each.
async fn track(
    mut rx: mpsc::UnboundedReceiver<Observation>,
    times: Arc<SendTimes>,
    warm_up: usize,
    timed: usize,
) -> Tracked {
    let mut tracker = Tracker::new();
    for _ in 0..warm_up {
        let Some(obs) = rx.recv().await else { break };
        tracker.apply(obs);
    }
    let mut out = Tracked {
        applied_ns: Vec::with_capacity(timed),
        last_applied: Instant::now(),
        advanced: 0,
        calls: 0,
        ended: 0,
    };
    for _ in 0..timed {
        let Some(obs) = rx.recv().await else { break };
        let slot = call_number(&obs.call_id).map(|n| n * PHASES + obs.phase as usize);
        if let Applied::Advanced(_) = tracker.apply(obs) {
            out.advanced += 1;
        }
        let now = Instant::now();
        if let Some(ns) = slot.and_then(|s| times.since_sent(s, now)) {
            out.applied_ns.push(ns);
        }
        out.last_applied = now;
    }
    out.calls = tracker.len();
    out.ended = tracker.len() - tracker.live().count();
    out
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i] as f64 / 1e6
}

fn sorted(mut v: Vec<u64>) -> Vec<u64> {
    v.sort_unstable();
    v
}

/// One row of the table.
struct Row {
    name: &'static str,
    rate: f64,
    request: Vec<u64>,
    applied: Option<Vec<u64>>,
    refused: usize,
}

fn print_table(rows: &[Row]) {
    println!();
    println!(
        "{:<36} {:>11} {:>9} {:>9} {:>10} {:>10} {:>8}",
        "server", "webhooks/s", "req p50", "req p99", "state p50", "state p99", "non-204"
    );
    for row in rows {
        let (a50, a99) = match &row.applied {
            Some(a) => (
                format!("{:.2} ms", percentile(a, 0.50)),
                format!("{:.2} ms", percentile(a, 0.99)),
            ),
            None => ("-".into(), "-".into()),
        };
        println!(
            "{:<36} {:>11.0} {:>6.2} ms {:>6.2} ms {:>10} {:>10} {:>8}",
            row.name,
            row.rate,
            percentile(&row.request, 0.50),
            percentile(&row.request, 0.99),
            a50,
            a99,
            row.refused
        );
    }
    println!();
}

/// The same client and load against an axum route that only reads the body and answers 204: the
/// most this client, HTTP stack and machine allow, whatever the handler does.
async fn bench_no_op(count: usize, connections: usize) -> Option<Row> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    let app = axum::Router::new().route(
        "/status/{token}",
        axum::routing::post(|_body: axum::body::Bytes| async {
            axum::http::StatusCode::NO_CONTENT
        }),
    );
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    let url = format!("http://{addr}/status/no-op");
    let warm = calls(0, WARM_UP);
    let timed = calls(warm.len(), count);
    let clients: Vec<_> = (0..connections).map(|_| http_client()).collect();
    flood(&clients, &url, deal(&warm, &url, connections), None).await;
    let run = flood(&clients, &url, deal(&timed, &url, connections), None).await;
    server.abort();
    (run.refused == 0).then(|| Row {
        name: "axum no-op 204 route (ceiling)",
        rate: count as f64 / (run.finished - run.started).as_secs_f64(),
        request: sorted(run.request_ns),
        applied: None,
        refused: run.refused,
    })
}

async fn bench_callpad(count: usize, connections: usize) -> Option<Row> {
    let warm = calls(0, WARM_UP);
    let timed = calls(warm.len(), count);
    let times = Arc::new(SendTimes::new(warm.len() + timed.len()));
    let (tx, rx) = mpsc::unbounded_channel();
    let listener = Listener::start(Some(KEY.into()), tx)
        .await
        .expect("the listener starts");
    let url = listener.status_url();
    let tracker = tokio::spawn(track(rx, times.clone(), WARM_UP, count));
    let clients: Vec<_> = (0..connections).map(|_| http_client()).collect();

    let warm_up = flood(&clients, &url, deal(&warm, &url, connections), None).await;
    let lanes = deal(&timed, &url, connections);
    let run = flood(&clients, &url, lanes, Some(times)).await;
    if warm_up.refused + run.refused > 0 {
        println!(
            "callpad listener refused {} webhooks (e.g. {:?}); no figures",
            warm_up.refused + run.refused,
            run.examples
        );
        return None;
    }
    let tracked = match tokio::time::timeout(Duration::from_secs(30), tracker).await {
        Ok(Ok(tracked)) => tracked,
        _ => {
            println!("the tracker did not see every accepted webhook within 30 s; no figures");
            return None;
        }
    };
    let seconds = (tracked.last_applied - run.started).as_secs_f64();
    println!(
        "callpad: {count} webhooks for {} calls over {connections} connections in {seconds:.3} s \
         (client done after {:.3} s); tracker: {} advanced, {} calls, {} ended",
        timed.len(),
        (run.finished - run.started).as_secs_f64(),
        tracked.advanced,
        tracked.calls,
        tracked.ended,
    );
    Some(Row {
        name: "callpad listener (axum, in-process)",
        rate: count as f64 / seconds,
        request: sorted(run.request_ns),
        applied: Some(sorted(tracked.applied_ns)),
        refused: run.refused,
    })
}

enum Flask {
    Ran(Row),
    Missing,
    Failed(String),
}

/// The Flask app as a child process; killed when dropped.
struct FlaskServer {
    child: Child,
    port: u16,
    stderr: tempfile::NamedTempFile,
}

impl FlaskServer {
    fn start(token: &str) -> Result<FlaskServer, Flask> {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/flask_status_handler.py");
        let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned());
        let stderr = tempfile::NamedTempFile::new().expect("a temporary file");
        let mut child = Command::new(&python)
            .arg(&script)
            .env("SIGNING_KEY", KEY)
            .env("STATUS_TOKEN", token)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(
                stderr.reopen().expect("reopen the temporary file"),
            ))
            .spawn()
            .map_err(|e| Flask::Failed(format!("{python} could not start: {e}")))?;
        let mut line = String::new();
        let stdout = child.stdout.take().expect("piped stdout");
        let mut stdout = BufReader::new(stdout);
        let _ = stdout.read_line(&mut line);
        // Keep reading what Flask prints (its banner), so it never writes to a closed pipe.
        std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
        let port = line
            .trim()
            .strip_prefix("port ")
            .and_then(|p| p.parse().ok());
        let mut server = FlaskServer {
            child,
            port: 0,
            stderr,
        };
        match port {
            Some(port) => server.port = port,
            None => {
                let status = server.child.wait().ok().and_then(|s| s.code());
                if status == Some(3) {
                    return Err(Flask::Missing);
                }
                return Err(Flask::Failed(server.stderr_text()));
            }
        }
        Ok(server)
    }

    fn stderr_text(&self) -> String {
        std::fs::read_to_string(self.stderr.path()).unwrap_or_default()
    }

    async fn wait_ready(&self) -> bool {
        for _ in 0..200 {
            if tokio::net::TcpStream::connect(("127.0.0.1", self.port))
                .await
                .is_ok()
            {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        false
    }
}

impl Drop for FlaskServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn bench_flask(count: usize, connections: usize) -> Flask {
    let token = "f3c9a1d27be84e56a0c4d8b1e2f39a7c5d6e8f0a1b2c3d4e";
    let server = match FlaskServer::start(token) {
        Ok(server) => server,
        Err(why) => return why,
    };
    if !server.wait_ready().await {
        return Flask::Failed(format!(
            "it never accepted connections: {}",
            server.stderr_text()
        ));
    }
    let url = format!("http://127.0.0.1:{}/status/{token}", server.port);
    let warm = calls(0, WARM_UP);
    let timed = calls(warm.len(), count);
    let clients: Vec<_> = (0..connections).map(|_| http_client()).collect();
    let warm_up = flood(&clients, &url, deal(&warm, &url, connections), None).await;
    let run = flood(&clients, &url, deal(&timed, &url, connections), None).await;
    if warm_up.refused + run.refused > 0 {
        return Flask::Failed(format!(
            "it refused {} webhooks (e.g. {:?}): {}",
            warm_up.refused + run.refused,
            run.examples,
            server.stderr_text()
        ));
    }
    let seconds = (run.finished - run.started).as_secs_f64();
    let (held, closes) = match clients[0]
        .get(format!("http://127.0.0.1:{}/calls", server.port))
        .send()
        .await
    {
        Ok(r) => {
            let closes = r
                .headers()
                .get("connection")
                .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"close"));
            (r.text().await.unwrap_or_default(), closes)
        }
        Err(e) => (e.to_string(), false),
    };
    println!(
        "flask: {count} webhooks for {} calls over {connections} connections in {seconds:.3} s; \
         its dict holds {}",
        timed.len(),
        held.trim()
    );
    if closes {
        println!(
            "flask: Werkzeug's dev server answers `Connection: close` to every request, so each \
             webhook to it is a new TCP connection (and a new thread); the client would keep them alive"
        );
    }
    println!("flask: its per-request access log was off (a guide leaves it on, which is slower)");
    Flask::Ran(Row {
        name: "flask dev server (threaded=True)",
        rate: count as f64 / seconds,
        request: sorted(run.request_ns),
        applied: None,
        refused: run.refused,
    })
}

/// The listener's own steps per webhook, timed in a loop on one thread with no HTTP: what is left
/// of the budget is the HTTP stack, the channel and the scheduler.
fn handler_steps(count: usize) {
    let url = "http://127.0.0.1:40000/status/0123456789abcdef0123456789abcdef0123456789abcdef";
    let webhooks: Vec<(Vec<u8>, String)> = calls(0, count)
        .into_iter()
        .flat_map(|c| c.webhooks)
        .map(|w| {
            let signature = sign(KEY, url, &w.body);
            (w.body, signature)
        })
        .collect();
    let mean_us = |started: Instant| started.elapsed().as_secs_f64() * 1e6 / webhooks.len() as f64;

    let started = Instant::now();
    let verified = webhooks
        .iter()
        .filter(|(body, sig)| verify(KEY, url, body, sig))
        .count();
    let verify_us = mean_us(started);
    let started = Instant::now();
    let observations: Vec<Observation> = webhooks
        .iter()
        .filter_map(|(body, _)| parse_webhook(body, 0).ok())
        .collect();
    let parse_us = mean_us(started);
    let started = Instant::now();
    let mut tracker = Tracker::new();
    for obs in observations {
        tracker.apply(obs);
    }
    let apply_us = mean_us(started);
    let bytes = webhooks.iter().map(|(b, _)| b.len()).sum::<usize>() / webhooks.len();
    println!(
        "listener steps without HTTP, mean per webhook ({bytes} B bodies, {verified} verified): \
         signature {verify_us:.2} µs, parse_webhook {parse_us:.2} µs, Tracker::apply {apply_us:.2} µs"
    );
}

fn main() {
    let count = env_usize("WEBHOOK_BENCH_COUNT", 100_000);
    let connections = env_usize("WEBHOOK_BENCH_CONNECTIONS", 32);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    println!(
        "{count} signed `calling.call.state` webhooks (after a {WARM_UP} warm-up) from \
         {connections} keep-alive HTTP/1.1 connections (reqwest), on loopback"
    );
    println!(
        "this machine has {cores} cores, shared by the load generator and the server: the \
         Callpad listener, its tracker and the client share one 2-thread tokio runtime; Flask is \
         a separate process beside the same client"
    );
    println!(
        "req = client send → response read; state = client send → observation applied to the \
         Tracker (send time kept in a side table by call id + state). Closed loop: latency \
         ≈ connections / rate. The no-op row is the same client against an axum route that does \
         nothing: the most this client and HTTP stack reach on this machine"
    );

    let mut rows = Vec::new();
    let ours = runtime.block_on(bench_callpad(count, connections));
    let ours_rate = ours.as_ref().map(|r| r.rate);
    rows.extend(ours);
    rows.extend(runtime.block_on(bench_no_op(count, connections)));

    let flask = if std::env::var_os("WEBHOOK_BENCH_SKIP_FLASK").is_some() {
        None
    } else {
        Some(runtime.block_on(bench_flask(count, connections)))
    };
    let mut flask_rate = None;
    match flask {
        None => {}
        Some(Flask::Missing) => println!(
            "flask is not importable, so there is no comparison: `pip install flask` and run again"
        ),
        Some(Flask::Failed(why)) => println!("the Flask comparison could not run: {why}"),
        Some(Flask::Ran(row)) => {
            flask_rate = Some(row.rate);
            rows.push(row);
        }
    }
    print_table(&rows);
    handler_steps(count);
    if let (Some(ours), Some(theirs)) = (ours_rate, flask_rate) {
        println!(
            "callpad / flask: {:.1}x the webhooks per second (aim: 20,000/s and at least 20x)",
            ours / theirs
        );
    } else if let Some(ours) = ours_rate {
        println!("callpad: {ours:.0} webhooks/s (aim: 20,000/s)");
    }
}
