//! A person opens Callpad and works the dial pad by keyboard and by mouse.

use callpad_e2e::App;
use fantoccini::key::Key;

#[tokio::test(flavor = "multi_thread")]
async fn dial_pad_by_keyboard_and_clicks() {
    let app = App::launch("dialpad").await;

    // The window shows the embedded UI, not an error page, and the backend answers over IPC.
    assert_eq!(app.client.title().await.unwrap(), "Callpad");
    let shown_dir = app.wait_for_text("data-dir", |t| !t.is_empty()).await;
    assert_eq!(shown_dir, app.data_dir.display().to_string(), "footer shows CALLPAD_DATA_DIR");

    // Clicks: + 4 4
    for key in ["+", "4", "4"] {
        app.by_test_id(&format!("dial-key-{key}")).await.click().await.unwrap();
    }
    assert_eq!(app.value_of("dial-input").await, "+44");

    // Keyboard into the number field.
    let input = app.by_test_id("dial-input").await;
    input.send_keys("2079460958").await.unwrap();
    assert_eq!(app.value_of("dial-input").await, "+442079460958");

    // Letters are refused with a reason; the number is unchanged.
    input.send_keys("x").await.unwrap();
    let problem = app.wait_for_text("dial-problem", |t| !t.is_empty()).await;
    assert!(problem.contains("“x”"), "{problem}");
    assert_eq!(app.value_of("dial-input").await, "+442079460958");

    // Backspace by key and by button.
    input.send_keys(&String::from(char::from(Key::Backspace))).await.unwrap();
    app.by_test_id("dial-backspace").await.click().await.unwrap();
    assert_eq!(app.value_of("dial-input").await, "+4420794609");

    // Star and hash by click, then more digits typed anywhere in the window.
    app.by_test_id("dial-key-*").await.click().await.unwrap();
    app.by_test_id("dial-key-#").await.click().await.unwrap();
    assert_eq!(app.value_of("dial-input").await, "+4420794609*#");

    app.screenshot("typed").await;

    // Call says plainly that nothing was dialled in this build.
    app.by_test_id("dial-call").await.click().await.unwrap();
    let notice = app.wait_for_text("call-notice", |t| !t.is_empty()).await;
    assert!(notice.contains("Nothing was dialled"), "{notice}");

    app.screenshot("after-call").await;
    app.close().await;
}
