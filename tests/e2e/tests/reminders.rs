//! A front desk runs a reminder campaign in the real window on the practice space: imports a CSV
//! (the mapping and the rows that will not be called), writes the message and sees what the first
//! recipients will hear (an unknown placeholder is refused first), keeps the safeguards shown by
//! default (widening the window so the test runs at any hour), reviews now / later / never,
//! starts, watches the campaign finish with each callee's key recorded, sees the chart, and
//! exports every attempt as CSV through the Save dialog. Screenshots in light and dark at
//! 400×640 and 1280×800.

use std::time::{Duration, Instant};

use callpad_e2e::{App, answer_save_dialog, output_dir, workspace_root};

/// Long enough for four practice calls at 20× speed, paced at one per second.
const RUN_WAIT: Duration = Duration::from_secs(120);

#[tokio::test(flavor = "multi_thread")]
async fn a_campaign_from_a_csv_runs_on_the_practice_space_and_exports_its_report() {
    let app = App::launch_with("reminders", &[("CALLPAD_PRACTICE_WHEN_EMPTY", "1")]).await;
    app.wait_for_text("practice-badge", |t| t.contains("no real calls"))
        .await;
    app.wait_for_text("status-method", |t| !t.is_empty()).await;
    app.resize(1280, 800).await;

    app.click("view-reminders").await;
    app.click("reminders-new").await;
    let csv = workspace_root().join("tests/e2e/data/reminders.csv");
    app.by_test_id("rem-file")
        .await
        .send_keys(&csv.display().to_string())
        .await
        .unwrap();
    let mapping = app.wait_for_text("rem-mapping", |t| !t.is_empty()).await;
    assert!(mapping.contains("Phone number"), "{mapping}");
    assert!(
        mapping.contains("With ({with})"),
        "Doctor feeds {{with}}: {mapping}"
    );
    // Callpad suggests the appointment column by its header.
    let started = Instant::now();
    while app.value_of("rem-appointment").await != "Appointment" {
        assert!(
            started.elapsed() < callpad_e2e::WAIT,
            "no appointment column suggested"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.screenshot("file").await;

    app.click_enabled("rem-next").await;
    assert_eq!(app.value_of("rem-name").await, "reminders");
    app.fill("rem-name", "Tuesday clinic").await;
    app.fill("rem-template", "Hi {first_name}, about {nope}")
        .await;
    let problem = app.wait_for_text("rem-problem", |t| !t.is_empty()).await;
    assert!(problem.contains("{nope} is not a placeholder"), "{problem}");
    app.fill(
        "rem-template",
        "Hello {first_name}, this is a reminder of your appointment with {with} on {date} at {time}.",
    )
    .await;
    let heard = app
        .wait_for_texts("rem-heard", |t| t.len() == 3)
        .await
        .join("\n");
    assert!(
        heard.contains("Hello Ada, this is a reminder of your appointment with Dr Byron on Tuesday the 4th of March at 2:30 PM."),
        "{heard}"
    );
    assert!(
        heard.contains("Press 1 to confirm."),
        "the menu follows: {heard}"
    );
    app.screenshot("message").await;

    // The safeguards are on and shown with their defaults; the window is widened to the whole
    // day, every day, so this test runs whatever the hour in Seattle; retries that would wait
    // for minutes are turned off.
    app.click_enabled("rem-next").await;
    assert_eq!(app.value_of("rem-window-start").await, "08:00");
    assert_eq!(app.value_of("rem-window-end").await, "21:00");
    assert_eq!(app.value_of("rem-max-day").await, "1");
    assert_eq!(app.value_of("rem-max-live").await, "5");
    app.screenshot("safeguards").await;
    app.set_value("rem-window-start", "00:00").await;
    app.set_value("rem-window-end", "23:59").await;
    app.click("rem-day-6").await;
    app.fill("rem-retry-busy-count", "0").await;
    app.fill("rem-retry-noInput-count", "0").await;

    app.click_enabled("rem-next").await;
    app.wait_for_text("rem-now", |t| t == "4").await;
    assert_eq!(app.wait_for_text("rem-never", |t| t == "2").await, "2");
    let excluded = app.wait_for_text("rem-excluded", |t| !t.is_empty()).await;
    assert!(
        excluded.contains("line 6:"),
        "the invalid number's line: {excluded}"
    );
    assert!(
        excluded.contains("line 7:"),
        "the duplicate's line: {excluded}"
    );
    // No caller ID typed: the one the caller-ID picker preselects (the Space's first usable).
    let review = app.wait_for_text("rem-review", |t| !t.is_empty()).await;
    assert!(review.contains("Caller ID: +12065550100"), "{review}");
    let reach = app.wait_for_text("rem-reach", |t| !t.is_empty()).await;
    assert!(reach.contains("Keypresses reach Callpad"), "{reach}");
    app.screenshot("review").await;

    app.click_enabled("rem-start").await;
    let deadline = Instant::now() + RUN_WAIT;
    loop {
        let state = app.wait_for_text("rem-state", |t| !t.is_empty()).await;
        if state == "Finished" {
            break;
        }
        assert!(
            app.texts_of("rem-error").await.iter().all(|t| t.is_empty()),
            "the runner stopped: {:?}",
            app.texts_of("rem-error").await
        );
        assert!(
            Instant::now() < deadline,
            "still {state} after {RUN_WAIT:?}"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let progress = app
        .wait_for_text("rem-progress-text", |t| !t.is_empty())
        .await;
    assert_eq!(progress, "4 of 4 finished (100%)");
    let bars = app
        .client
        .find_all(fantoccini::Locator::Css("[data-testid=\"rem-chart-bar\"]"))
        .await
        .unwrap();
    let mut outcomes = Vec::new();
    for bar in bars {
        outcomes.push(bar.attr("data-outcome").await.unwrap().unwrap_or_default());
    }
    outcomes.sort();
    assert_eq!(outcomes, ["busy", "confirmed", "no_input", "reschedule"]);
    let attempts = app.texts_of("rem-attempt-row").await;
    assert_eq!(
        attempts.len(),
        4,
        "one attempt each, nobody twice: {attempts:?}"
    );

    for theme in ["light", "dark"] {
        app.theme(theme).await;
        for (w, h) in [(400, 640), (1280, 800)] {
            app.resize(w, h).await;
            let overflow = app
                .client
                .execute(
                    "return document.documentElement.scrollWidth > innerWidth;",
                    vec![],
                )
                .await
                .unwrap();
            assert_eq!(
                overflow,
                serde_json::json!(false),
                "{w}×{h} {theme}: wider than the window"
            );
            app.screenshot(&format!("report-{w}x{h}-{theme}")).await;
        }
    }
    app.theme("light").await;

    // Export every attempt through the Save dialog.
    let out = output_dir().join("reminders-export.csv");
    let _ = std::fs::remove_file(&out);
    app.click("rem-export").await;
    app.click("rem-export-csv").await;
    answer_save_dialog(&out);
    let said = app
        .wait_for_text("rem-export-status", |t| t.contains("Saved"))
        .await;
    assert!(said.contains("reminders-export.csv"), "{said}");
    let text = std::fs::read_to_string(&out).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with("Patient,Phone,Appointment,Doctor,callpad_line,callpad_phone,"),
        "{header}"
    );
    assert!(
        text.contains("Ada Lovelace,+12065550115,2031-03-04 14:30,Dr Byron,2,+12065550115,done,confirmed,1,confirmed,"),
        "{text}"
    );
    assert!(text.contains(",done,reschedule,1,reschedule,"), "{text}");
    assert_eq!(
        lines.count(),
        6,
        "one row per attempt, and one for each recipient never called: {text}"
    );
    app.close().await;
}
