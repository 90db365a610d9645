//! The desktop around the window, driven through the OS where WebDriver cannot reach: the
//! select-to-call hotkey (`xdotool key`) fills the dial pad from the X selection (set with
//! `xclip`), several numbers bring a picker, the quick-dial hotkey opens the quick-dial bar and
//! Enter calls the match; the window's shortcuts act (`?`, Ctrl+, Ctrl+L, Ctrl+1, Ctrl+R, Esc);
//! the theme switch in App settings, with screenshots in light and dark at 400×640 and 1280×800.
//!
//! The tray icon cannot be clicked under Xvfb (no StatusNotifier host): its entries are tested
//! through the same `Callpad::tray_menu` / `tray_act` calls in crates/callpad-core/tests/desktop_use_cases.rs.

use callpad_e2e::{App, press_keys_on_display, resize_window, select_text_on_display};
use fantoccini::key::Key;

fn esc() -> String {
    String::from(char::from(Key::Escape))
}

fn ctrl(key: &str) -> String {
    format!("{}{key}{}", char::from(Key::Control), char::from(Key::Null))
}

/// Focuses the button `id` (a place where keys are not typed into a field) and presses `text`
/// there; window shortcuts reach the window from it as from anywhere.
async fn keys_at(app: &App, id: &str, text: &str) {
    app.click(id).await;
    // Found again: a click may redraw the element.
    let el = app.by_test_id(id).await;
    if let Err(err) = el.send_keys(text).await {
        let shot = app.screenshot(&format!("keys-{id}")).await;
        panic!(
            "could not press keys at [data-testid={id}]: {err}; the screen is in {}",
            shot.display()
        );
    }
}

async fn theme_of(app: &App) -> serde_json::Value {
    app.client
        .execute(
            "return document.documentElement.dataset.theme ?? 'system';",
            vec![],
        )
        .await
        .unwrap()
}

async fn focused_test_id(app: &App) -> serde_json::Value {
    app.client
        .execute(
            "return document.activeElement?.dataset?.testid ?? null;",
            vec![],
        )
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_select_to_call_hotkey_fills_the_dial_pad_from_the_selection() {
    let app = App::launch_with("desktop-hotkey", &[("CALLPAD_PRACTICE_WHEN_EMPTY", "1")]).await;
    app.wait_for_text("practice-badge", |t| t.contains("no real calls"))
        .await;

    // One number in a sentence, extension and all: straight into the dial pad.
    select_text_on_display("call me at (206) 555-0174 ext. 12 tomorrow");
    press_keys_on_display("ctrl+alt+c");
    let started = std::time::Instant::now();
    while app.value_of("dial-input").await != "+1 206-555-0174 ext. 12" {
        assert!(
            started.elapsed() < callpad_e2e::WAIT,
            "the dial pad never got the number: {:?}",
            app.value_of("dial-input").await
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.wait_for_text("dial-e164", |t| t == "+12065550174")
        .await;
    app.wait_for_text("dial-extension", |t| t == "ext. 12")
        .await;

    // Two numbers: a picker, and the one picked goes in.
    select_text_on_display("Office +44 20 7946 0958, or mobile 312-555-0142");
    press_keys_on_display("ctrl+alt+c");
    let choices = app
        .wait_for_texts("incoming-choice", |t| t.len() == 2)
        .await;
    assert!(choices[0].contains("+44 20 7946 0958"), "{choices:?}");
    assert!(choices[1].contains("+1 312-555-0142"), "{choices:?}");
    app.screenshot("picker").await;
    let picked = app
        .client
        .find_all(fantoccini::Locator::Css(
            "[data-testid=\"incoming-choice\"]",
        ))
        .await
        .unwrap();
    picked[1].click().await.unwrap();
    app.wait_for_text("dial-e164", |t| t == "+13125550142")
        .await;
    assert_eq!(app.value_of("dial-input").await, "+1 312-555-0142");

    // Nothing callable selected: it says what to do.
    select_text_on_display("no number in here");
    press_keys_on_display("ctrl+alt+c");
    let none = app.wait_for_text("incoming-none", |t| !t.is_empty()).await;
    assert!(none.contains("no phone number was found"), "{none}");
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn shortcuts_quick_dial_and_themes() {
    let app = App::launch_with("desktop-keys", &[("CALLPAD_PRACTICE_WHEN_EMPTY", "1")]).await;
    app.wait_for_text("practice-badge", |t| t.contains("no real calls"))
        .await;
    app.click("mode-deliverMessage").await;

    // A favourite to call with Ctrl+1 and to find in quick dial.
    app.click("contact-new").await;
    app.fill("contact-name", "Ann Lee").await;
    app.fill("contact-number-0", "(206) 555-0174").await;
    app.click("contact-favourite-input").await;
    app.click("contact-save").await;
    app.wait_for_texts("contact-editor", |t| t.is_empty()).await;

    // ? opens the shortcut sheet; Esc closes it.
    app.click("show-dialpad").await;
    keys_at(&app, "tab-contacts", "?").await;
    let sheet = app
        .wait_for_text("shortcut-sheet", |t| t.contains("Ctrl+R"))
        .await;
    assert!(sheet.contains("Ctrl+1"), "{sheet}");
    // The sheet's Close button has the focus: Esc there, no click.
    app.by_test_id("shortcut-sheet-close")
        .await
        .send_keys(&esc())
        .await
        .unwrap();
    app.wait_for_texts("shortcut-sheet", |t| t.is_empty()).await;

    // Ctrl+L: the dial pad has the focus.
    keys_at(&app, "tab-history", &ctrl("l")).await;
    let deadline = std::time::Instant::now() + callpad_e2e::WAIT;
    while focused_test_id(&app).await != "dial-input" {
        assert!(
            std::time::Instant::now() < deadline,
            "Ctrl+L did not focus the dial pad"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }

    // Ctrl+1 calls favourite 1; Esc hangs up; Ctrl+R calls it again.
    keys_at(&app, "tab-contacts", &ctrl("1")).await;
    app.wait_for_text("call-number", |t| t.contains("555-0174"))
        .await;
    app.wait_for_text("call-phase", |t| t == "Ended").await;
    keys_at(&app, "tab-contacts", &esc()).await;
    app.wait_for_texts("call-panel", |t| t.is_empty()).await;
    keys_at(&app, "tab-contacts", &ctrl("r")).await;
    app.wait_for_text("call-number", |t| t.contains("555-0174"))
        .await;
    app.wait_for_text("call-phase", |t| t == "Ended").await;
    keys_at(&app, "tab-contacts", &esc()).await;

    // The quick-dial hotkey, through the display: type a name, Enter calls the match.
    press_keys_on_display("ctrl+alt+d");
    app.type_into("quick-dial-input", "ann").await;
    app.wait_for_texts("quick-dial-hit", |t| {
        t.len() == 1 && t[0].contains("Ann Lee")
    })
    .await;
    app.screenshot("quick-dial").await;
    app.type_into("quick-dial-input", &String::from(char::from(Key::Enter)))
        .await;
    app.wait_for_texts("quick-dial", |t| t.is_empty()).await;
    app.wait_for_text("call-number", |t| t.contains("555-0174"))
        .await;
    app.wait_for_text("call-phase", |t| t == "Ended").await;
    keys_at(&app, "tab-contacts", &esc()).await;

    // Ctrl+, opens App settings, with About; the theme switch takes effect on Save.
    keys_at(&app, "tab-contacts", &ctrl(",")).await;
    app.wait_for_text("about-version", |t| !t.is_empty()).await;
    for theme in ["light", "dark"] {
        if app.texts_of("app-settings").await.is_empty() {
            app.click("open-app-settings").await;
        }
        app.click(&format!("settings-theme-{theme}")).await;
        app.click("app-settings-save").await;
        app.wait_for_texts("app-settings", |t| t.is_empty()).await;
        assert_eq!(theme_of(&app).await, theme);
        for (w, h) in [(400, 640), (1280, 800)] {
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
                    "never {w}×{h}: {size}"
                );
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            app.screenshot(&format!("{w}x{h}-{theme}")).await;
            app.click("open-app-settings").await;
            app.wait_for_text("about-version", |t| !t.is_empty()).await;
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            app.screenshot(&format!("settings-{w}x{h}-{theme}")).await;
            app.click("app-settings-cancel").await;
            app.click("open-shortcuts").await;
            app.wait_for_text("shortcut-sheet", |t| !t.is_empty()).await;
            app.screenshot(&format!("shortcuts-{w}x{h}-{theme}")).await;
            app.click("shortcut-sheet-close").await;
        }
    }
    // The theme is an app setting: saved beside the profiles.
    let settings = std::fs::read_to_string(app.data_dir.join("settings.json")).unwrap();
    let settings: serde_json::Value = serde_json::from_str(&settings).unwrap();
    assert_eq!(settings["appSettings"]["theme"], "dark");
    assert_eq!(settings["profiles"][0]["name"], "Practice");
    app.close().await;
}
