//! A person opens Callpad and works the dial pad by keyboard and by mouse, and sees exactly what
//! will be dialled before anything is.

use callpad_e2e::App;
use fantoccini::key::Key;

#[tokio::test(flavor = "multi_thread")]
async fn dial_pad_by_keyboard_and_clicks() {
    // As `./x run` launches it: with no account configured, straight onto the practice space.
    let app = App::launch_with("dialpad", &[("CALLPAD_PRACTICE_WHEN_EMPTY", "1")]).await;

    // The window shows the embedded UI, not an error page, and the backend answers over IPC.
    assert_eq!(app.client.title().await.unwrap(), "Callpad");
    app.wait_for_text("practice-badge", |t| t.contains("no real calls"))
        .await;
    assert!(app.texts_of("onboarding").await.is_empty(), "no onboarding");
    let shown_dir = app.wait_for_text("data-dir", |t| !t.is_empty()).await;
    assert_eq!(
        shown_dir,
        app.data_dir.display().to_string(),
        "footer shows CALLPAD_DATA_DIR"
    );

    // Clicks: + 4 4
    for key in ["+", "4", "4"] {
        app.by_test_id(&format!("dial-key-{key}"))
            .await
            .click()
            .await
            .unwrap();
    }
    assert_eq!(app.value_of("dial-input").await, "+44");

    // Keyboard into the number field; Rust reads it and the preview shows what will be dialled.
    let input = app.by_test_id("dial-input").await;
    input.send_keys("20 7946 0958").await.unwrap();
    assert_eq!(app.value_of("dial-input").await, "+4420 7946 0958");
    let e164 = app.wait_for_text("dial-e164", |t| !t.is_empty()).await;
    assert_eq!(e164, "+442079460958");
    let preview = app
        .wait_for_text("dial-preview", |t| t.contains("United Kingdom"))
        .await;
    assert!(preview.contains("+44 20 7946 0958"), "{preview}");

    // An extension is shown apart and never glued onto the number.
    input.send_keys(" x 123").await.unwrap();
    app.wait_for_text("dial-extension", |t| t == "ext. 123")
        .await;
    assert_eq!(
        app.wait_for_text("dial-e164", |t| !t.is_empty()).await,
        "+442079460958"
    );
    app.screenshot("typed").await;

    // Backspace by key and by button, then a number too short to dial says why.
    for _ in 0..6 {
        input
            .send_keys(&String::from(char::from(Key::Backspace)))
            .await
            .unwrap();
    }
    app.by_test_id("dial-backspace")
        .await
        .click()
        .await
        .unwrap();
    assert_eq!(app.value_of("dial-input").await, "+4420 7946 095");
    app.by_test_id("dial-call").await.click().await.unwrap();
    let problem = app.wait_for_text("dial-problem", |t| !t.is_empty()).await;
    assert!(
        problem.contains("not a valid") || problem.contains("too short"),
        "{problem}"
    );
    assert!(
        app.texts_of("call-panel").await.is_empty(),
        "nothing was dialled"
    );

    // Star and hash by click (the error stays until the number changes).
    app.by_test_id("dial-key-*").await.click().await.unwrap();
    app.by_test_id("dial-key-#").await.click().await.unwrap();
    assert_eq!(app.value_of("dial-input").await, "+4420 7946 095*#");
    app.screenshot("after").await;
    app.close().await;
}
