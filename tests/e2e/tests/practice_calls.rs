//! A person with no account starts the practice space and places calls in every mode, watching the
//! states arrive live: answered, busy, no answer, failed; hangs up a ringing call; redials.

use callpad_e2e::App;

/// Types `number` on the dial pad, presses Call, and waits for the call's end; returns the outcome.
async fn call_and_wait(app: &App, number: &str) -> String {
    app.fill("dial-input", number).await;
    app.wait_for_text("dial-e164", |t| !t.is_empty()).await;
    app.click("dial-call").await;
    // A call that ended in failure says so ("Failed"); any other end reads "Ended".
    app.wait_for_text("call-phase", |t| t == "Ended" || t == "Failed")
        .await;
    let outcome = app.wait_for_text("call-outcome", |t| !t.is_empty()).await;
    app.click("call-dismiss").await;
    outcome
}

#[tokio::test(flavor = "multi_thread")]
async fn every_outcome_and_mode_through_the_ui() {
    let app = App::launch("practice-calls").await;
    app.wait_for_text("onboarding", |t| t.contains("Try it with no account"))
        .await;
    app.start_practice().await;
    let method = app.wait_for_text("status-method", |t| !t.is_empty()).await;
    assert!(
        method.contains("listening"),
        "the practice space reaches the listener directly: {method}"
    );

    // Deliver a message (chosen: the default is "call me first"): answered, then the far end hangs up.
    app.click("mode-deliverMessage").await;
    app.fill("dial-input", "+1 206 555 0174").await;
    app.wait_for_text("dial-e164", |t| t == "+12065550174")
        .await;
    app.click("dial-call").await;
    app.wait_for_text("call-phase", |t| t == "Answered").await;
    app.wait_for_text("call-duration", |t| t.contains(':'))
        .await;
    app.screenshot("answered").await;
    app.wait_for_text("call-phase", |t| t == "Ended").await;
    assert_eq!(
        app.wait_for_text("call-outcome", |t| !t.is_empty()).await,
        "Hung up"
    );
    let timeline = app.wait_for_text("call-timeline", |t| !t.is_empty()).await;
    for word in ["Ringing", "Answered", "Ended"] {
        assert!(timeline.contains(word), "timeline shows {word}: {timeline}");
    }
    // In the window's default size the side column is narrow: nothing runs out of the panel.
    let overflowing = app
        .client
        .execute(
            r#"const panel = document.querySelector('[data-testid="call-panel"]');
               const box = panel.getBoundingClientRect();
               return [...panel.querySelectorAll("*")]
                 .filter((el) => el.getBoundingClientRect().right > box.right + 0.5)
                 .map((el) => el.textContent.trim());"#,
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        overflowing,
        serde_json::json!([]),
        "cut off at the panel's edge"
    );
    app.screenshot("ended").await;
    app.click("call-dismiss").await;

    assert_eq!(
        call_and_wait(&app, "+12065550170").await,
        "The line was busy"
    );
    assert_eq!(call_and_wait(&app, "+12065550171").await, "No one answered");
    assert_eq!(
        call_and_wait(&app, "+12065550172").await,
        "The call could not be connected"
    );

    // Caller-ID test mode.
    app.click("mode-callerIdTest").await;
    assert_eq!(call_and_wait(&app, "+12065550175").await, "Hung up");

    // Call me first: my phone rings first (the practice space answers numbers ending 4-9).
    app.click("mode-callMeFirst").await;
    app.fill("my-number", "+12065550179").await;
    assert_eq!(call_and_wait(&app, "+12065550176").await, "Hung up");

    // Every call is in history, newest first; redial the newest one.
    app.click("tab-history").await;
    let outcomes = app
        .wait_for_texts("history-outcome", |t| {
            t.len() == 6 && !t.iter().any(|o| o.contains("Dialling"))
        })
        .await;
    assert!(outcomes[0].starts_with("Hung up"), "{outcomes:?}");
    assert!(
        outcomes.iter().any(|o| o.starts_with("The line was busy")),
        "{outcomes:?}"
    );
    app.click("history-redial").await;
    app.wait_for_text("call-phase", |t| t == "Ended").await;
    app.wait_for_texts("history-row", |t| t.len() == 7).await;
    app.screenshot("history").await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn hanging_up_a_ringing_call() {
    // Real-time clock: a no-answer call rings for the whole 25 s ring timeout.
    let app = App::launch_with("hangup", &[("CALLPAD_PRACTICE_SPEED", "1")]).await;
    app.start_practice().await;
    app.click("mode-deliverMessage").await;
    app.fill("dial-input", "+12065550171").await;
    app.wait_for_text("dial-e164", |t| !t.is_empty()).await;
    app.click("dial-call").await;
    app.wait_for_text("call-phase", |t| t == "Ringing…").await;
    app.screenshot("ringing").await;
    app.click("call-hangup").await;
    app.wait_for_text("call-phase", |t| t == "Ended").await;
    assert_eq!(
        app.wait_for_text("call-outcome", |t| !t.is_empty()).await,
        "Cancelled before it was answered"
    );
    app.close().await;
}
