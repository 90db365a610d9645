//! First run walks into the practice space; then a person connects a second profile (its token
//! going to the real keychain) and switches between the two in one click.

use callpad_e2e::App;

const TOKEN: &str = "PTe2e-secret-token-9f3e1a2b";

#[tokio::test(flavor = "multi_thread")]
async fn onboarding_then_switching_profiles() {
    // The Space to connect: a practice space on loopback, so the connection test really runs.
    let space = practice_space::start(practice_space::Config {
        api_token: TOKEN.to_owned(),
        ..practice_space::Config::default()
    })
    .await
    .unwrap();
    let app = App::launch("profiles").await;
    let onboarding = app.wait_for_text("onboarding", |t| !t.is_empty()).await;
    assert!(
        onboarding.contains("Connect a SignalWire Space"),
        "{onboarding}"
    );
    app.screenshot("onboarding").await;
    app.start_practice().await;

    // A developer looks a number up from the caller-ID picker (practice data, clearly marked).
    app.click("lookup-open").await;
    app.fill("lookup-input", "(206) 555-0148").await;
    app.click("lookup-go").await;
    let found = app.wait_for_text("lookup-result", |t| !t.is_empty()).await;
    assert!(found.contains("+12065550148"), "{found}");
    assert!(found.to_lowercase().contains("practice"), "{found}");

    // Profile settings are checked by Rust: a ring timeout out of range is refused with a reason.
    app.click("profile-settings-open").await;
    app.fill("settings-my-number", "+1 206 555 0179").await;
    app.fill("settings-ring", "700").await;
    app.click("settings-save").await;
    let error = app.wait_for_text("settings-error", |t| !t.is_empty()).await;
    assert!(
        error.to_lowercase().contains("ring timeout") && error.contains("600"),
        "{error}"
    );
    app.fill("settings-ring", "30").await;
    app.screenshot("settings").await;
    app.click("settings-save").await;
    app.wait_for_texts("profile-settings", |t| t.is_empty())
        .await;

    // Add a second profile through the switcher.
    app.click("profile-add").await;
    app.fill("connect-name", "Staging").await;
    app.fill("connect-space", &space.base_url()).await;
    app.fill("connect-project", space.project_id()).await;
    app.fill("connect-token", TOKEN).await;
    app.screenshot("connect-form").await;
    app.click("connect-save").await;
    app.wait_for_texts("connect-form", |t| t.is_empty()).await;
    let note = app.wait_for_text("app-note", |t| !t.is_empty()).await;
    assert!(note.contains("Staging connected"), "{note}");

    // Practice stays active until the person switches.
    app.wait_for_text("practice-badge", |t| t.contains("no real calls"))
        .await;
    app.click("profile-Staging").await;
    app.wait_for_texts("practice-badge", |t| t.is_empty()).await;
    let page = app.client.source().await.unwrap();
    assert!(page.contains("••••1a2b"), "the token is shown masked");
    assert!(
        !page.contains(TOKEN),
        "the token itself never reaches the UI"
    );
    app.screenshot("staging").await;

    // The token is in the real keychain, under the profile's entry.
    let in_keychain = || {
        let out = std::process::Command::new("secret-tool")
            .args(["search", "--all", "service", "callpad"])
            .output()
            .expect("secret-tool is installed by ./x");
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    };
    assert!(
        in_keychain().contains("Staging/api-token"),
        "{}",
        in_keychain()
    );

    // Removing the profile removes its secrets too.
    app.click("profile-settings-open").await;
    app.click("settings-remove").await;
    app.click("settings-remove-confirm").await;
    app.wait_for_texts("profile-Staging", |t| t.is_empty())
        .await;
    assert!(!in_keychain().contains("Staging/"), "{}", in_keychain());

    app.click("profile-Practice").await;
    app.wait_for_text("practice-badge", |t| t.contains("no real calls"))
        .await;
    app.close().await;
    space.shutdown().await;

    // The token lives only in the keychain: no file under the data folder holds it.
    let mut stack = vec![app_data_dir("profiles")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                let text = String::from_utf8_lossy(&bytes);
                assert!(!text.contains(TOKEN), "{} holds the token", path.display());
            }
        }
    }
    let settings = std::fs::read_to_string(app_data_dir("profiles").join("settings.json")).unwrap();
    assert!(
        !settings.contains("Staging") && settings.contains("Practice"),
        "{settings}"
    );
    assert!(settings.contains("\"ringTimeoutS\": 30"), "{settings}");
    assert!(settings.contains("+12065550179"), "{settings}");
}

fn app_data_dir(name: &str) -> std::path::PathBuf {
    callpad_e2e::output_dir().join("data").join(name)
}
