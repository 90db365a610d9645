//! A front-desk person imports a Google Contacts CSV through the app: the preview names the
//! column mapping and every rejected row with its line, the good rows import, and a contact is then
//! found by typing a few digits of its number.

use callpad_e2e::App;

/// Opens the import dialog and picks `tests/e2e/data/<file>` in it.
async fn open_import(app: &App, file: &str) {
    app.click("contact-import").await;
    let path = callpad_e2e::workspace_root()
        .join("tests/e2e/data")
        .join(file);
    app.by_test_id("import-file")
        .await
        .send_keys(&path.display().to_string())
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn import_a_csv_and_find_a_contact_by_digits() {
    let app = App::launch("contacts-import").await;
    app.start_practice().await;

    open_import(&app, "google-contacts.csv").await;
    let preview = app.wait_for_text("import-preview", |t| !t.is_empty()).await;
    assert!(
        preview.to_lowercase().contains("google"),
        "format detected: {preview}"
    );
    let rejected = app
        .wait_for_texts("import-rejected", |t| !t.is_empty())
        .await
        .join("\n");
    assert!(
        rejected.contains("line 4"),
        "the broken number's line is named: {rejected}"
    );
    assert!(
        rejected.contains("line 6"),
        "the row with no number is named: {rejected}"
    );
    assert!(!rejected.contains("line 2"), "{rejected}");
    app.screenshot("preview").await;

    app.click("import-confirm").await;
    let result = app.wait_for_text("import-result", |t| !t.is_empty()).await;
    assert!(result.contains("3 new contacts"), "{result}");
    app.click("import-close").await;

    // Digits in any format find the contact: "555 01 48" is part of +1 206-555-0148.
    app.fill("contact-search", "555 01 48").await;
    let rows = app.wait_for_texts("contact-row", |t| t.len() == 1).await;
    app.screenshot("search").await;
    assert!(rows[0].contains("Maria Wong"), "{rows:?}");
    // A number typed in national format (Chicago) finds her too.
    app.fill("contact-search", "312 555").await;
    let rows = app.wait_for_texts("contact-row", |t| t.len() == 1).await;
    assert!(rows[0].contains("Maria Wong"), "{rows:?}");
    app.screenshot("found").await;

    // Selecting her shows every number with its label, ready to call.
    app.click("contact-row").await;
    let numbers = app
        .wait_for_texts("contact-number", |t| t.len() == 3)
        .await
        .join("\n");
    assert!(numbers.contains("+44 20 7946 0958"), "{numbers}");

    // A file saved in Windows-1252 (as Outlook on Windows does) keeps its accents: the webview
    // passes the raw bytes and Rust decides the encoding.
    app.click("show-dialpad").await;
    open_import(&app, "outlook-latin1.csv").await;
    app.wait_for_text("import-preview", |t| !t.is_empty()).await;
    app.click("import-confirm").await;
    app.wait_for_text("import-result", |t| t.contains("2 new contacts"))
        .await;
    app.click("import-close").await;
    app.fill("contact-search", "müller").await;
    let rows = app.wait_for_texts("contact-row", |t| t.len() == 1).await;
    assert!(rows[0].contains("Zoë Müller"), "{rows:?}");
    app.close().await;
}
