//! The contact list at 100,000 contacts in the real window (release app, Xvfb, WebDriver):
//! keystroke in search → results rendered, and scrolling the whole list. The page records
//! `performance.measure` entries (ui/src/lib/perf.ts) that this reads through WebDriver:
//! `contacts:keystroke` (input event → rows laid out), `contacts:answer` (request → Rust's
//! answer, IPC included), `contacts:render` (answer → rows laid out; goal p99 < 16 ms),
//! `contacts:scroll` (scroll event → rows laid out) and `contacts:page` (a page requested while
//! scrolling → laid out). Run: `./x bench-contacts`. Knob: CALLPAD_BENCH_CONTACTS (100000).

#[path = "../../../crates/callpad-core/benches/common/mod.rs"]
mod common;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use callpad_e2e::App;
use callpad_e2e::bench::{fresh_dir, ms, percentile, practice_with_contacts, release_binary};
use fantoccini::Locator;
use fantoccini::key::Key;
use fantoccini::wd::TimeoutConfiguration;
use serde_json::{Value, json};

/// Typed one key at a time, each waiting for its answer on screen.
const QUERIES: &[&str] = &[
    "maria",
    "garcía",
    "smith",
    "o'brien",
    "acme",
    "201 5",
    "(718) 2",
    "zoë k",
    "golf",
    "tanaka",
    "+44 20",
    "wei w",
    "nina silva",
    "stark",
    "kim",
];
/// Rows per step when scrolling the whole list (a page of 100 rows is fetched per step).
const STEP_ROWS: u64 = 100;
const ROW_HEIGHT: u64 = 60;

const COUNT_MEASURES: &str = "return performance.getEntriesByName(arguments[0], 'measure').length;";
const WAIT_MEASURE: &str = r#"
const [name, before, done] = arguments;
const started = performance.now();
(function poll() {
  if (performance.getEntriesByName(name, 'measure').length > before) done(true);
  else if (performance.now() - started > 20000) done(false);
  else setTimeout(poll, 1);
})();
"#;
const ALL_MEASURES: &str = r#"
return performance.getEntriesByType('measure').map((e) => [e.name, e.duration]);
"#;
/// Scrolls the list `steps` times by `stepPx` from where it is, each time waiting (frame by
/// frame) until the row at the top of the viewport is a loaded row; answers the wait of each step.
const SCROLL_STEPS: &str = r#"
const [steps, stepPx, rowHeight, done] = arguments;
const vp = document.querySelector('[role="listbox"][aria-label="Contacts"]');
const waits = [];
let i = 0;
const atEnd = () => vp.scrollTop + vp.clientHeight >= vp.scrollHeight - 1;
const topRowShown = () => {
  const row = vp.querySelector(`[aria-posinset="${Math.floor(vp.scrollTop / rowHeight) + 1}"]`);
  return row !== null && row.dataset.testid === 'contact-row';
};
function step() {
  if (i >= steps || atEnd()) {
    const rows = vp.querySelectorAll('[data-testid="contact-row"]');
    const last = rows.length ? rows[rows.length - 1] : null;
    done({ waits, atEnd: atEnd(), lastPos: last ? Number(last.getAttribute('aria-posinset')) : 0,
           setSize: last ? Number(last.getAttribute('aria-setsize')) : 0 });
    return;
  }
  i++;
  const t0 = performance.now();
  vp.scrollTop = vp.scrollTop + stepPx;
  const check = () => {
    if (topRowShown()) { waits.push(performance.now() - t0); requestAnimationFrame(step); }
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}
step();
"#;
/// Scrolls one screen per frame for `frames` frames; answers the time between frames.
const SMOOTH_SCROLL: &str = r#"
const [frames, done] = arguments;
const vp = document.querySelector('[role="listbox"][aria-label="Contacts"]');
const gaps = [];
let last = performance.now();
let n = 0;
function frame(now) {
  gaps.push(now - last);
  last = now;
  if (++n >= frames) { done(gaps.slice(1)); return; }
  vp.scrollTop = vp.scrollTop + vp.clientHeight;
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);
"#;

fn knob(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn row(label: &str, values: &[f64]) {
    if values.is_empty() {
        println!("  {label:<44} (none)");
        return;
    }
    println!(
        "  {label:<44} p50 {:6.2} ms  p99 {:6.2} ms  max {:6.2} ms  (n={})",
        percentile(values, 0.5),
        percentile(values, 0.99),
        percentile(values, 1.0),
        values.len()
    );
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let contacts = knob("CALLPAD_BENCH_CONTACTS", 100_000) as usize;
    let data_dir = fresh_dir("contact-list");
    let started = Instant::now();
    let imported = practice_with_contacts(&data_dir, &common::people::generate_csv(contacts));
    println!(
        "contact list bench: release app, {imported} contacts (imported in {:.1} s), practice profile",
        started.elapsed().as_secs_f64()
    );
    let app = App::launch_on(
        "bench-contact-list",
        &release_binary("callpad-app"),
        data_dir,
        &[],
    )
    .await;
    let c = &app.client;
    c.update_timeouts(TimeoutConfiguration::new(
        Some(Duration::from_secs(300)),
        None,
        None,
    ))
    .await
    .unwrap();
    let status = app
        .wait_for_text("contact-status", |t| t.chars().any(|c| c.is_ascii_digit()))
        .await;
    println!("  the list says: {status}");

    // Keystrokes: each one typed, then waited for on screen before the next.
    let search = app.by_test_id("contact-search").await;
    let mut keystrokes = 0;
    let typed = Instant::now();
    for query in QUERIES {
        let mut keys: Vec<String> = query.chars().map(String::from).collect();
        // Select all and delete: the empty query (every contact) is one more keystroke.
        keys.push(format!(
            "{}a{}{}",
            char::from(Key::Control),
            char::from(Key::Null),
            char::from(Key::Backspace)
        ));
        for key in keys {
            let before = c
                .execute(COUNT_MEASURES, vec![json!("contacts:keystroke")])
                .await
                .unwrap()
                .as_u64()
                .unwrap_or(0);
            search.send_keys(&key).await.unwrap();
            let seen = c
                .execute_async(
                    WAIT_MEASURE,
                    vec![json!("contacts:keystroke"), json!(before)],
                )
                .await
                .unwrap();
            if seen != json!(true) {
                let entries = c
                    .execute(
                        "return [document.querySelector('[data-testid=\"contact-search\"]').value, performance.getEntries().map((e) => e.entryType + ' ' + e.name)];",
                        vec![],
                    )
                    .await
                    .unwrap();
                panic!("no answer on screen for {key:?} in {query:?}; the page has {entries}");
            }
            keystrokes += 1;
        }
    }
    let typing_s = typed.elapsed().as_secs_f64();
    let typing: Vec<(String, f64)> =
        serde_json::from_value(c.execute(ALL_MEASURES, vec![]).await.unwrap()).unwrap();
    c.execute("performance.clearMeasures();", vec![])
        .await
        .unwrap();

    // Scrolling the whole list, STEP_ROWS rows per step, top to bottom.
    let scrolled = Instant::now();
    let mut waits = Vec::new();
    let end = loop {
        let r = c
            .execute_async(
                SCROLL_STEPS,
                vec![json!(200), json!(STEP_ROWS * ROW_HEIGHT), json!(ROW_HEIGHT)],
            )
            .await
            .unwrap();
        waits.extend(floats(&r["waits"]));
        if r["atEnd"] == json!(true) {
            break r;
        }
    };
    let scroll_s = scrolled.elapsed().as_secs_f64();
    let scrolling: Vec<(String, f64)> =
        serde_json::from_value(c.execute(ALL_MEASURES, vec![]).await.unwrap()).unwrap();

    // Back to the top with the keys, then one screen per frame.
    let list = c
        .find(Locator::Css("[role=\"listbox\"][aria-label=\"Contacts\"]"))
        .await
        .unwrap();
    let keyed = Instant::now();
    list.send_keys(&char::from(Key::Home).to_string())
        .await
        .unwrap();
    list.send_keys(&char::from(Key::End).to_string())
        .await
        .unwrap();
    let selected = loop {
        let v = c
            .execute(
                "const r = document.querySelector('[data-testid=\"contact-row\"][aria-selected=\"true\"]'); return r ? Number(r.getAttribute('aria-posinset')) : 0;",
                vec![],
            )
            .await
            .unwrap();
        if v.as_u64() == Some(imported as u64) || keyed.elapsed() > Duration::from_secs(20) {
            break v;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    let end_key_ms = ms(keyed.elapsed());
    c.execute(
        "document.querySelector('[role=\"listbox\"][aria-label=\"Contacts\"]').scrollTop = 0;",
        vec![],
    )
    .await
    .unwrap();
    let gaps = floats(
        &c.execute_async(SMOOTH_SCROLL, vec![json!(300)])
            .await
            .unwrap(),
    );
    let shot = app.screenshot("end").await;

    let mut by_name: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for (name, d) in typing.iter().chain(&scrolling) {
        by_name.entry(name.as_str()).or_default().push(*d);
    }
    let get = |n: &str| by_name.get(n).cloned().unwrap_or_default();
    println!(
        "  typing: {keystrokes} keystrokes over {} queries in {typing_s:.1} s",
        QUERIES.len()
    );
    row("keystroke -> results rendered", &get("contacts:keystroke"));
    row(
        "  Rust's answer (IPC + search, first page)",
        &get("contacts:answer"),
    );
    row(
        "  rendering after Rust answers (goal < 16)",
        &get("contacts:render"),
    );
    println!(
        "  scrolling: top to bottom in {} steps of {STEP_ROWS} rows, {scroll_s:.1} s; last row shown {} of {} (at end: {})",
        waits.len(),
        end["lastPos"],
        end["setSize"],
        end["atEnd"]
    );
    row("scroll step -> rows shown (frame-timed)", &waits);
    row("scroll event -> rows rendered", &get("contacts:scroll"));
    row(
        "page fetched while scrolling -> rendered",
        &get("contacts:page"),
    );
    row("frame gaps, one screen per frame", &gaps);
    println!(
        "  End key from the top: last contact selected (row {selected}) after {end_key_ms:.0} ms (WebDriver round trips included)"
    );
    println!("  screenshot: {}", shot.display());
    let render = get("contacts:render");
    let summary = format!(
        "keystroke_p50={:.2} keystroke_p99={:.2} answer_p50={:.2} answer_p99={:.2} render_p50={:.2} render_p99={:.2}\nscroll_render_p50={:.2} scroll_render_p99={:.2} page_p50={:.2} page_p99={:.2} last_row={} of {}\n",
        percentile(&get("contacts:keystroke"), 0.5),
        percentile(&get("contacts:keystroke"), 0.99),
        percentile(&get("contacts:answer"), 0.5),
        percentile(&get("contacts:answer"), 0.99),
        percentile(&render, 0.5),
        percentile(&render, 0.99),
        percentile(&get("contacts:scroll"), 0.5),
        percentile(&get("contacts:scroll"), 0.99),
        percentile(&get("contacts:page"), 0.5),
        percentile(&get("contacts:page"), 0.99),
        end["lastPos"],
        end["setSize"],
    );
    std::fs::write(
        callpad_e2e::workspace_root().join("target/bench/contact-list.txt"),
        summary,
    )
    .unwrap();
    app.close().await;
    assert_eq!(
        end["lastPos"].as_u64(),
        Some(imported as u64),
        "the whole list did not scroll to its last contact"
    );
}
