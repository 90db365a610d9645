//! The desktop's use cases on a real data folder: app settings beside the profiles, numbers from
//! selected text, favourites for Ctrl+1..9, and the tray menu with what each entry does (the
//! same calls the tray icon makes: the e2e suite cannot click a tray under Xvfb).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use callpad_core::app::{
    Callpad, Desktop, DesktopStatus, Host, InProcessPractice, Notifier, OpenOptions, TrayEntry,
    TrayOutcome,
};
use callpad_core::app_settings::{AppSettings, AppSettingsPatch, NumberAction, Theme};
use callpad_core::calls::notice::Notice;
use callpad_core::calls::{CallMode, CallRequest, CallTarget, MessageSource};
use callpad_core::contacts::{ContactInput, NumberInput};
use callpad_core::selection::{Selection, SelectionSource};

/// Remembers what the desktop was asked to apply.
#[derive(Default)]
struct RecordingDesktop(Mutex<Vec<AppSettings>>);

impl Desktop for RecordingDesktop {
    fn apply(&self, settings: &AppSettings) -> DesktopStatus {
        self.0.lock().unwrap().push(settings.clone());
        DesktopStatus {
            problems: vec!["Ctrl+Alt+C is taken".into()],
            ..DesktopStatus::default()
        }
    }
}

/// Counts the notices that got through.
#[derive(Default)]
struct CountingNotifier(Mutex<usize>);

impl Notifier for CountingNotifier {
    fn window_visible(&self) -> bool {
        false
    }
    fn show(&self, _notice: &Notice) {
        *self.0.lock().unwrap() += 1;
    }
}

fn contact(name: &str, number: &str, favourite: bool, opt_out: bool) -> ContactInput {
    ContactInput {
        name: name.into(),
        company: None,
        numbers: vec![NumberInput {
            label: "work".into(),
            number: number.into(),
        }],
        notes: String::new(),
        tags: vec![],
        favourite,
        opt_out,
    }
}

fn items(entries: &[TrayEntry]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in entries {
        match e {
            TrayEntry::Item { id, label, .. } | TrayEntry::Check { id, label, .. } => {
                out.push((id.clone(), label.clone()))
            }
            TrayEntry::Submenu { entries, .. } => out.extend(items(entries)),
            TrayEntry::Separator => {}
        }
    }
    out
}

#[test]
fn app_settings_are_saved_beside_the_profiles_and_applied_to_the_desktop() {
    let dir = tempfile::tempdir().unwrap();
    let desktop = Arc::new(RecordingDesktop::default());
    let host = Host {
        desktop: desktop.clone(),
        ..Host::default()
    };
    let core = Callpad::open(dir.path(), host, OpenOptions::default()).unwrap();
    assert_eq!(core.app_settings(), AppSettings::default());
    let view = core
        .update_app_settings(&AppSettingsPatch {
            theme: Some(Theme::Light),
            start_minimised: Some(true),
            ..AppSettingsPatch::default()
        })
        .unwrap();
    assert_eq!(view.settings.theme, Theme::Light);
    assert_eq!(view.desktop.problems, ["Ctrl+Alt+C is taken"]);
    assert_eq!(desktop.0.lock().unwrap().last(), Some(&view.settings));

    // Another Callpad on the folder (the CLI) sees them.
    let other = Callpad::open(dir.path(), Host::default(), OpenOptions::default()).unwrap();
    assert!(other.app_settings().start_minimised);
    // A refused change applies nothing and saves nothing.
    let err = core
        .update_app_settings(&AppSettingsPatch {
            select_to_call_hotkey: Some("q".into()),
            ..AppSettingsPatch::default()
        })
        .unwrap_err();
    assert_eq!(err.field(), Some("select-to-call hotkey"));
    assert_eq!(desktop.0.lock().unwrap().len(), 1);
    assert_eq!(other.app_settings().theme, Theme::Light);
}

#[tokio::test(flavor = "multi_thread")]
async fn selected_text_favourites_and_the_tray_menu() {
    let dir = tempfile::tempdir().unwrap();
    let notifier = Arc::new(CountingNotifier::default());
    let host = Host {
        practice: Arc::new(InProcessPractice { speed: 20.0 }),
        notifier: notifier.clone(),
        ..Host::default()
    };
    let core = Callpad::open(dir.path(), host, OpenOptions::default()).unwrap();
    core.start_practice().await.unwrap();

    // The hotkey's text, read in the profile's region (US).
    let selection = Selection {
        text: "call me at (206) 555-0174 ext. 12 tomorrow, or 312-555-0142".into(),
        source: SelectionSource::Primary,
    };
    let dial = core
        .dial_from_text(&selection, &core.app_settings())
        .unwrap();
    assert_eq!(dial.source, "selection");
    assert_eq!(dial.action, NumberAction::Prefill);
    let numbers: Vec<_> = dial
        .numbers
        .iter()
        .map(|f| f.number.e164.as_str())
        .collect();
    assert_eq!(numbers, ["+12065550174", "+13125550142"]);
    assert_eq!(dial.numbers[0].number.extension.as_deref(), Some("12"));
    let empty = Selection {
        text: "  ".into(),
        source: SelectionSource::Clipboard,
    };
    let none = core.dial_from_text(&empty, &core.app_settings()).unwrap();
    assert!(none.numbers.is_empty());
    assert!(none.message.unwrap().contains("clipboard is empty"));

    // Favourites: starred, callable, by name; do-not-call contacts left out.
    core.save_contact(None, &contact("Zoe", "+44 20 7946 0958", true, false))
        .unwrap();
    core.save_contact(None, &contact("Ann", "(206) 555-0175 x7", true, false))
        .unwrap();
    core.save_contact(None, &contact("Bob", "206 555 0176", false, false))
        .unwrap();
    core.save_contact(None, &contact("Dee", "206 555 0177", true, true))
        .unwrap();
    let favourites = core.favourites().unwrap();
    let names: Vec<_> = favourites.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["Ann", "Zoe"]);
    assert_eq!(favourites[0].input, "+1 206-555-0175 ext. 7");

    // One call, so the tray has a recent number.
    let request = CallRequest {
        mode: CallMode::DeliverMessage {
            message: MessageSource::Text {
                text: "Hello".into(),
                voice: None,
                language: None,
            },
        },
        target: CallTarget::Typed {
            text: "(206) 555-0174".into(),
        },
        caller_id: None,
        from: None,
        ring_timeout_s: None,
        region: None,
    };
    core.connect().await.unwrap();
    core.place_call(&request).await.unwrap();
    for _ in 0..500 {
        if core.live_call().is_none() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(
        *notifier.0.lock().unwrap(),
        1,
        "the ended call was announced"
    );

    let menu = core.tray_menu(true);
    assert_eq!(menu.tooltip, "Callpad — Practice");
    let listed = items(&menu.entries);
    let labels: Vec<_> = listed.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(labels[0], "Hide Callpad");
    assert!(labels.contains(&"Profile: Practice"), "{labels:?}");
    assert!(labels.contains(&"+1 206-555-0174"), "{labels:?}");
    assert!(
        labels.contains(&"Ann — +1 206-555-0175 ext. 7"),
        "{labels:?}"
    );
    assert!(labels.contains(&"Pause notifications"));
    assert_eq!(labels.last(), Some(&"Quit Callpad"));
    assert_eq!(items(&core.tray_menu(false).entries)[0].1, "Show Callpad");

    // Each entry acts.
    let id_of = |label: &str| listed.iter().find(|(_, l)| l == label).unwrap().0.clone();
    assert!(matches!(
        core.tray_act(&id_of("Hide Callpad")).unwrap(),
        TrayOutcome::ToggleWindow
    ));
    assert!(matches!(
        core.tray_act(&id_of("Quit Callpad")).unwrap(),
        TrayOutcome::Quit
    ));
    let TrayOutcome::Dial(dial) = core
        .tray_act(&id_of("Ann — +1 206-555-0175 ext. 7"))
        .unwrap()
    else {
        panic!("a favourite dials");
    };
    assert_eq!(dial.action, NumberAction::Call);
    assert_eq!(dial.countdown_s, 0);
    assert_eq!(dial.numbers[0].number.e164, "+12065550175");
    assert_eq!(dial.numbers[0].number.extension.as_deref(), Some("7"));
    assert!(matches!(
        core.tray_act("profile").unwrap(),
        TrayOutcome::Redraw
    ));

    // Pause notifications: the check mark shows it and notices stop.
    core.tray_act(&id_of("Pause notifications")).unwrap();
    assert!(core.notifications_paused());
    let paused = core.tray_menu(true);
    assert!(
        paused
            .entries
            .iter()
            .any(|e| matches!(e, TrayEntry::Check { checked: true, .. }))
    );
    core.place_call(&request).await.unwrap();
    for _ in 0..500 {
        if core.live_call().is_none() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(*notifier.0.lock().unwrap(), 1, "no notice while paused");
    core.tray_act(&id_of("Pause notifications")).unwrap();
    assert!(!core.notifications_paused());

    // Notifications off in the app settings also silence them.
    core.update_app_settings(&AppSettingsPatch {
        notifications: Some(false),
        ..AppSettingsPatch::default()
    })
    .unwrap();
    core.place_call(&request).await.unwrap();
    for _ in 0..500 {
        if core.live_call().is_none() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(*notifier.0.lock().unwrap(), 1, "no notice while turned off");
}
