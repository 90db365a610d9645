//! Phone links reach the running window: a second `callpad-app <link>` on the same data folder
//! hands its link over (tauri-plugin-single-instance) and exits, and the dial pad is filled with
//! the normalised number and shows its country — for every link form (table-driven). A first
//! launch with a link fills it too (Linphone's bug: it opens without dialling). "Make Callpad the
//! default" registers with the desktop, whose own `xdg-open tel:…` then reaches the window.

use std::time::{Duration, Instant};

use callpad_e2e::{App, WAIT, app_binary};

/// (link, what the dial pad is filled with, what it dials, the country line)
const FORMS: &[(&str, &str, &str, &str)] = &[
    (
        "tel:+1-206-555-0174",
        "+1 206-555-0174",
        "+12065550174",
        "United States",
    ),
    (
        "callto://+442079460958",
        "+44 20 7946 0958",
        "+442079460958",
        "United Kingdom",
    ),
    (
        "tel:5550174;phone-context=+1206",
        "+1 206-555-0174",
        "+12065550174",
        "United States",
    ),
    (
        "sip:alice@example.com",
        "sip:alice@example.com",
        "sip:alice@example.com",
        "SIP address",
    ),
    (
        "tel:+12065550174;ext=12",
        "+1 206-555-0174 ext. 12",
        "+12065550174",
        "United States",
    ),
    (
        "callto:+442079460958",
        "+44 20 7946 0958",
        "+442079460958",
        "United Kingdom",
    ),
    (
        "tel:%2B1%20206%20555%200174",
        "+1 206-555-0174",
        "+12065550174",
        "United States",
    ),
    (
        "sip:alice%40example.com",
        "sip:alice@example.com",
        "sip:alice@example.com",
        "SIP address",
    ),
    (
        "callto:%2B44%2020%207946%200958",
        "+44 20 7946 0958",
        "+442079460958",
        "United Kingdom",
    ),
];

/// Runs `program` to its end within [`WAIT`] and says whether it succeeded.
async fn run_to_end(mut command: tokio::process::Command, what: &str) {
    let started = Instant::now();
    let status = tokio::time::timeout(WAIT, command.kill_on_drop(true).status())
        .await
        .unwrap_or_else(|_| {
            panic!("{what} was still running after {WAIT:?}: it opened a window of its own")
        })
        .unwrap_or_else(|err| panic!("{what} did not start: {err}"));
    assert!(status.success(), "{what} exited with {status}");
    assert!(started.elapsed() < WAIT);
}

/// A second launch with `link` on the app's data folder.
async fn second_launch(app: &App, link: &str) {
    let mut command = tokio::process::Command::new(app_binary());
    command.arg(link).env("CALLPAD_DATA_DIR", &app.data_dir);
    run_to_end(command, &format!("callpad-app {link}")).await;
}

/// The dial pad holds `prefill`, reads it as `dials`, and the link's line names `country`.
async fn shows(app: &App, link: &str, prefill: &str, dials: &str, country: &str) {
    let started = Instant::now();
    while app.value_of("dial-input").await != prefill {
        if started.elapsed() > WAIT {
            let shot = app.screenshot("stuck-link").await;
            panic!(
                "{link}: the dial pad reads {:?}, not {prefill:?}; the screen is in {}",
                app.value_of("dial-input").await,
                shot.display()
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        app.wait_for_text("dial-e164", |t| t == dials).await,
        dials,
        "{link}"
    );
    assert_eq!(
        app.wait_for_text("link-country", |t| t == country).await,
        country,
        "{link}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_launch_hands_each_link_form_to_the_running_window() {
    let app = App::launch_with("links", &[("CALLPAD_PRACTICE_WHEN_EMPTY", "1")]).await;
    app.wait_for_text("practice-badge", |t| t.contains("Practice"))
        .await;
    for (link, prefill, dials, country) in FORMS {
        // Something else on the dial pad first, so each link's own number is what is waited for.
        app.fill("dial-input", "0").await;
        second_launch(&app, link).await;
        shows(&app, link, prefill, dials, country).await;
    }
    app.screenshot("last-link").await;

    // A link that holds no number says why, and nothing is dialled.
    second_launch(&app, "callto://alice.smith").await;
    let problem = app.wait_for_text("link-problem", |t| !t.is_empty()).await;
    assert!(problem.contains("names a Skype contact"), "{problem}");
    assert!(
        app.texts_of("call-panel").await.is_empty(),
        "nothing was dialled"
    );
    app.screenshot("refused-link").await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_first_launch_with_a_link_fills_the_dial_pad() {
    let app = App::launch_with_args(
        "links-first",
        &[("CALLPAD_PRACTICE_WHEN_EMPTY", "1")],
        &["tel:+12065550174;ext=12"],
    )
    .await;
    shows(
        &app,
        "launch link",
        "+1 206-555-0174 ext. 12",
        "+12065550174",
        "United States",
    )
    .await;
    assert_eq!(
        app.wait_for_text("dial-extension", |t| t == "ext. 12")
            .await,
        "ext. 12"
    );
    assert!(
        app.texts_of("call-panel").await.is_empty(),
        "pre-filled, not called"
    );
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn made_the_default_the_desktop_opens_tel_links_in_callpad() {
    let app = App::launch_with("links-default", &[("CALLPAD_PRACTICE_WHEN_EMPTY", "1")]).await;
    app.click("open-phone-links").await;
    // Before: this throwaway desktop (./x test gives the run its own XDG folders) has no handler.
    let before = app
        .wait_for_text("link-handler-tel", |t| !t.is_empty())
        .await;
    assert!(
        before.contains("No app is set to open tel: links"),
        "{before}"
    );
    app.click("link-make-default").await;
    app.wait_for_text("link-report-ok", |t| {
        t == "The desktop opens every phone link with Callpad."
    })
    .await;
    for scheme in ["tel", "callto", "sip"] {
        let line = app
            .wait_for_text(&format!("link-handler-{scheme}"), |t| !t.is_empty())
            .await;
        assert!(
            line.ends_with(&format!("{scheme}: links open Callpad.")),
            "{line}"
        );
    }
    app.screenshot("made-default").await;
    app.click("phone-links-close").await;

    // The desktop's own way in: xdg-open runs the registered entry, which hands the link over.
    let mut xdg_open = tokio::process::Command::new("xdg-open");
    xdg_open
        .arg("tel:+44-20-7946-0958")
        .env("CALLPAD_DATA_DIR", &app.data_dir);
    run_to_end(xdg_open, "xdg-open tel:+44-20-7946-0958").await;
    shows(
        &app,
        "xdg-open",
        "+44 20 7946 0958",
        "+442079460958",
        "United Kingdom",
    )
    .await;
    app.close().await;
}
