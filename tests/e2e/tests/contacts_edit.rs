//! A person adds a contact through the editor (Rust's validation shown inline), calls them from the
//! contact card, then marks them "do not call": every way of calling them is then refused.

use callpad_e2e::App;
use fantoccini::key::Key;

#[tokio::test(flavor = "multi_thread")]
async fn add_call_and_opt_out_a_contact() {
    let app = App::launch_with("contacts-edit", &[("CALLPAD_PRACTICE_WHEN_EMPTY", "1")]).await;
    app.wait_for_text("practice-badge", |t| t.contains("no real calls"))
        .await;
    app.click("mode-deliverMessage").await;

    // A UK number typed nationally is refused in the practice profile's region (US), with why.
    app.click("contact-new").await;
    app.fill("contact-name", "Ann Lee").await;
    app.fill("contact-number-0", "020 7946 0999").await;
    app.click("contact-save").await;
    let error = app.wait_for_text("contact-error", |t| !t.is_empty()).await;
    assert!(
        error.contains("020 7946 0999"),
        "the refused number is named: {error}"
    );
    assert_eq!(
        app.value_of("contact-name").await,
        "Ann Lee",
        "what was typed is kept"
    );

    app.fill("contact-number-0", "+44 20 7946 0999").await;
    app.click("contact-save").await;
    app.wait_for_texts("contact-editor", |t| t.is_empty()).await;
    let numbers = app.wait_for_texts("contact-number", |t| t.len() == 1).await;
    assert!(numbers[0].contains("+44 20 7946 0999"), "{numbers:?}");

    // Call them from the card.
    app.click("contact-call").await;
    app.wait_for_text("call-phase", |t| t == "Ended").await;
    assert_eq!(
        app.wait_for_text("call-outcome", |t| !t.is_empty()).await,
        "Hung up"
    );
    app.click("call-dismiss").await;

    // They ask not to be called again.
    app.click("contact-edit").await;
    app.click("contact-optout-input").await;
    app.click("contact-save").await;
    app.wait_for_text("contact-dnc", |t| t.contains("Do not call"))
        .await;
    let disabled = app
        .by_test_id("contact-call")
        .await
        .prop("disabled")
        .await
        .unwrap();
    assert_eq!(
        disabled.as_deref(),
        Some("true"),
        "the card's Call button is off"
    );

    // Enter on their row in search refuses too, and nothing is dialled.
    app.fill("contact-search", "ann").await;
    app.wait_for_texts("contact-row", |t| t.len() == 1).await;
    let enter = String::from(char::from(Key::Enter));
    app.type_into("contact-search", &enter).await;
    app.type_into("contact-search", &enter).await;
    let notice = app
        .wait_for_text("contact-pane-notice", |t| !t.is_empty())
        .await;
    assert!(notice.to_lowercase().contains("do not call"), "{notice}");
    app.screenshot("opted-out").await;

    // And the dial pad refuses the same number: Rust checks every dialling path.
    app.click("show-dialpad").await;
    app.fill("dial-input", "+442079460999").await;
    app.wait_for_text("dial-e164", |t| !t.is_empty()).await;
    // Flagged while typed, and Call is off with the reason.
    let flagged = app
        .wait_for_text("dial-do-not-call", |t| !t.is_empty())
        .await;
    assert!(flagged.contains("asked not to be called"), "{flagged}");
    assert_eq!(
        app.attr_of("dial-call", "disabled").await.as_deref(),
        Some("true")
    );
    app.click("dial-call").await;

    app.click("tab-history").await;
    let rows = app.wait_for_texts("history-row", |t| t.len() == 1).await;
    assert!(
        rows[0].contains("Ann Lee"),
        "only the first call was placed: {rows:?}"
    );
    app.close().await;
}
