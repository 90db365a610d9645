//! The window as a person uses it: Enter dials exactly what is on screen, emergency numbers are
//! refused, "call me first" asks for the own phone once and keeps it, a call placed on one profile
//! is hung up after switching to another, removing the active profile hands over to practice, and
//! the layout fits every window size from 400×640 to 1920×1080 in light and dark.

use callpad_e2e::{App, resize_window};
use fantoccini::key::Key;

const TOKEN: &str = "PTe2e-window-token-77aa";

#[tokio::test(flavor = "multi_thread")]
async fn enter_dials_what_is_on_screen_and_emergency_numbers_are_refused() {
    let app = App::launch_with("window-dial", &[("CALLPAD_PRACTICE_WHEN_EMPTY", "1")]).await;
    app.wait_for_text("practice-badge", |t| t.contains("no real calls"))
        .await;

    // Emergency numbers: refused in words, Call off, nothing dialled.
    app.fill("dial-input", "911").await;
    let why = app.wait_for_text("dial-call-why", |t| !t.is_empty()).await;
    assert!(
        why.contains("Callpad cannot place emergency calls"),
        "{why}"
    );
    app.type_into("dial-input", &String::from(char::from(Key::Enter)))
        .await;
    let problem = app.wait_for_text("dial-problem", |t| !t.is_empty()).await;
    assert_eq!(
        problem,
        "Callpad cannot place emergency calls — use a phone"
    );
    assert_eq!(
        app.by_test_id("dial-call")
            .await
            .attr("disabled")
            .await
            .unwrap(),
        Some("true".into())
    );

    // Call me first is the default, and asks for the person's own phone once.
    app.wait_for_text("my-number-ask", |t| t.contains("keeps it"))
        .await;
    app.fill("my-number", "(206) 555-0199").await;

    // Type one number and let its preview arrive, then replace it and press Enter at once.
    app.fill("dial-input", "2065550175").await;
    app.wait_for_text("dial-e164", |t| t == "+12065550175")
        .await;
    let input = app.by_test_id("dial-input").await;
    let wipe = format!(
        "{}a{}{}",
        char::from(Key::Control),
        char::from(Key::Null),
        char::from(Key::Backspace)
    );
    input.send_keys(&wipe).await.unwrap();
    // The new digits and Enter in one go: Enter lands before the new preview can arrive.
    input
        .send_keys(&format!("2065550179{}", char::from(Key::Enter)))
        .await
        .unwrap();
    let number = app.wait_for_text("call-number", |t| !t.is_empty()).await;
    assert_eq!(
        number, "+1 206-555-0179",
        "the number on screen was dialled"
    );
    let leg = app.wait_for_text("call-leg", |t| !t.is_empty()).await;
    assert!(
        // At 20× speed the own phone may have answered already: either leg is said in words.
        (leg.contains("your phone") && leg.contains("+1 206-555-0199"))
            || leg == "You answered — connecting you to +1 206-555-0179",
        "{leg}"
    );
    app.screenshot("call-me-first").await;
    app.wait_for_text("call-phase", |t| t == "Ended" || t == "Failed")
        .await;
    app.screenshot("ended").await;

    // Esc dismisses the ended panel.
    app.by_test_id("call-dismiss")
        .await
        .send_keys(&String::from(char::from(Key::Escape)))
        .await
        .unwrap();
    app.wait_for_texts("call-panel", |t| t.is_empty()).await;

    // The own phone is the profile's now: Settings → My phone shows it.
    app.click("profile-settings-open").await;
    assert_eq!(app.value_of("settings-my-number").await, "+12065550199");
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_call_is_hung_up_after_switching_profile_and_removing_the_active_profile_hands_over() {
    let space = practice_space::start(practice_space::Config {
        api_token: TOKEN.to_owned(),
        ..practice_space::Config::default()
    })
    .await
    .unwrap();
    let app = App::launch_with(
        "window-switch",
        &[
            ("CALLPAD_PRACTICE_WHEN_EMPTY", "1"),
            ("CALLPAD_PRACTICE_SPEED", "1"),
        ],
    )
    .await;
    app.wait_for_text("practice-badge", |t| t.contains("no real calls"))
        .await;

    // A wrong token is found out before anything is saved.
    app.click("profile-add").await;
    app.fill("connect-name", "Office").await;
    app.fill("connect-space", &space.base_url()).await;
    app.fill("connect-project", space.project_id()).await;
    app.fill("connect-token", "PTwrong").await;
    app.click("connect-save").await;
    let error = app.wait_for_text("connect-error", |t| !t.is_empty()).await;
    assert!(error.contains("Not saved"), "{error}");
    app.screenshot("connect-refused").await;
    app.fill("connect-token", TOKEN).await;
    app.click("connect-save").await;
    app.wait_for_texts("connect-form", |t| t.is_empty()).await;
    let note = app.wait_for_text("app-note", |t| !t.is_empty()).await;
    assert!(note.contains("Office connected"), "{note}");

    // A message call on practice, then switch to Office while it rings, then Esc.
    app.click("mode-deliverMessage").await;
    app.fill("dial-input", "+1 206 555 0171").await;
    app.wait_for_text("dial-e164", |t| !t.is_empty()).await;
    app.click("dial-call").await;
    app.by_test_id("call-hangup").await;
    app.click("profile-Office").await;
    app.wait_for_texts("practice-badge", |t| t.is_empty()).await;
    assert!(
        !app.texts_of("call-hangup").await.is_empty(),
        "the call stays live on screen"
    );
    app.by_test_id("dial-input")
        .await
        .send_keys(&String::from(char::from(Key::Escape)))
        .await
        .unwrap();
    app.wait_for_text("call-phase", |t| t == "Ended" || t == "Failed")
        .await;
    let outcome = app.wait_for_text("call-outcome", |t| !t.is_empty()).await;
    assert!(!outcome.is_empty());
    assert!(
        app.texts_of("call-error")
            .await
            .iter()
            .all(|t| t.is_empty())
    );
    app.screenshot("hung-up-after-switch").await;
    app.click("call-dismiss").await;

    // Removing the active profile hands over to practice, which shows at once.
    app.click("profile-settings-open").await;
    app.click("settings-remove").await;
    app.click("settings-remove-confirm").await;
    app.wait_for_texts("profile-Office", |t| t.is_empty()).await;
    app.wait_for_text("practice-badge", |t| t.contains("no real calls"))
        .await;
    app.by_test_id("profile-settings-open").await;
    app.close().await;
    space.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_layout_fits_every_window_size_in_light_and_dark() {
    let app = App::launch_with("window-layout", &[("CALLPAD_PRACTICE_WHEN_EMPTY", "1")]).await;
    app.wait_for_text("practice-badge", |t| t.contains("no real calls"))
        .await;
    app.fill("dial-input", "+44 20 7946 0958 x 1234").await;
    app.wait_for_text("dial-e164", |t| !t.is_empty()).await;
    for theme in ["light", "dark"] {
        app.client
            .execute(
                "document.documentElement.dataset.theme = arguments[0];",
                vec![serde_json::json!(theme)],
            )
            .await
            .unwrap();
        for (w, h) in [(400, 640), (800, 600), (1280, 800), (1920, 1080)] {
            // Resized through X (WebDriver's window commands need a window manager Xvfb lacks),
            // then waited for until the page has that size.
            resize_window(w, h);
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
            loop {
                let size = app
                    .client
                    .execute("return [innerWidth, innerHeight];", vec![])
                    .await
                    .unwrap();
                if size == serde_json::json!([w, h]) {
                    break;
                }
                assert!(
                    std::time::Instant::now() < deadline,
                    "the window never became {w}×{h}: {size}"
                );
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            // Nothing of the dial pad is outside the window or cut off by its own box, once the
            // layout has settled at this size (the number's font shrinks to fit a frame later).
            let settle = std::time::Instant::now() + std::time::Duration::from_secs(5);
            let clipped = loop {
                let clipped = app
                    .client
                    .execute(
                        r#"const out = [];
                       for (const id of ["dial-input", "dial-key-1", "dial-key-#", "dial-call"]) {
                         const el = document.querySelector(`[data-testid="${id}"]`);
                         const r = el.getBoundingClientRect();
                         if (r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight) out.push(id);
                       }
                       const input = document.querySelector('[data-testid="dial-input"]');
                       if (input.scrollWidth > input.clientWidth + 1) out.push("dial-input text");
                       if (document.documentElement.scrollWidth > innerWidth) out.push("page width");
                       return out;"#,
                        vec![],
                    )
                    .await
                    .unwrap();
                if clipped == serde_json::json!([]) || std::time::Instant::now() > settle {
                    break clipped;
                }
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            };
            assert_eq!(clipped, serde_json::json!([]), "{w}×{h} {theme}: clipped");
            app.screenshot(&format!("{w}x{h}-{theme}")).await;
        }
    }
    app.close().await;
}
