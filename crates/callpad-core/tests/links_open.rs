//! `Callpad::open_link`, the use case behind a link handed to the window: the outcome for the
//! dial pad (in the active profile's region, do-not-call marked), kept until the window takes it
//! exactly once, and a refusal that says why and quotes the link back shortened.

use callpad_core::ErrorCode;
use callpad_core::app::{Callpad, Host, LinkOutcome, OpenOptions};
use callpad_core::app_settings::{AppSettingsPatch, DEFAULT_CALL_COUNTDOWN_S, NumberAction};
use callpad_core::contacts::{ContactInput, NumberInput};
use callpad_core::links::LinkScheme;
use callpad_core::numbers::Dialable;

fn callpad(dir: &std::path::Path, practice: bool) -> Callpad {
    let options = OpenOptions {
        practice_when_empty: practice,
        ..OpenOptions::default()
    };
    Callpad::open(dir, Host::default(), options).unwrap()
}

fn dial(outcome: LinkOutcome) -> callpad_core::app::LinkDial {
    match outcome {
        LinkOutcome::Dial(dial) => dial,
        LinkOutcome::Refused(refused) => panic!("refused: {refused:?}"),
    }
}

#[test]
fn a_link_is_read_kept_and_taken_once() {
    let tmp = tempfile::tempdir().unwrap();
    let core = callpad(tmp.path(), true);
    assert_eq!(core.take_link(), None);

    let opened = dial(core.open_link("tel:+12065550174;ext=12"));
    assert_eq!(opened.scheme, LinkScheme::Tel);
    assert_eq!(opened.link, "tel:+12065550174;ext=12");
    assert_eq!(opened.prefill, "+1 206-555-0174 ext. 12");
    assert_eq!(
        opened.action,
        NumberAction::Prefill,
        "pre-fill unless set otherwise"
    );
    assert_eq!(opened.countdown_seconds, DEFAULT_CALL_COUNTDOWN_S);
    assert!(!opened.do_not_call);
    let Dialable::Phone(phone) = &opened.dialable else {
        panic!("{opened:?}")
    };
    assert_eq!(
        (
            phone.e164.as_str(),
            phone.region.as_str(),
            phone.extension.as_deref()
        ),
        ("+12065550174", "US", Some("12"))
    );

    // The newest link wins; each is taken once.
    core.open_link("callto://+442079460958");
    let taken = dial(core.take_link().expect("kept until taken"));
    assert_eq!(taken.dialable.address(), "+442079460958");
    assert_eq!(core.take_link(), None, "taken once");
}

#[test]
fn national_numbers_are_read_in_the_active_profiles_region() {
    let tmp = tempfile::tempdir().unwrap();
    // The practice profile reads national numbers as US ones.
    let with_profile = callpad(tmp.path(), true);
    let read = dial(with_profile.open_link("tel:(206) 555-0174"));
    assert_eq!(read.dialable.address(), "+12065550174");

    // No profile, so no region: the link says what is missing.
    let tmp = tempfile::tempdir().unwrap();
    let bare = callpad(tmp.path(), false);
    match bare.open_link("tel:(206) 555-0174") {
        LinkOutcome::Refused(refused) => {
            assert_eq!(refused.code, ErrorCode::InvalidNumber);
            assert!(
                refused.message.contains("no country code"),
                "{}",
                refused.message
            );
        }
        other => panic!("{other:?}"),
    }
    // A global number needs no profile.
    assert_eq!(
        dial(bare.open_link("tel:+1-206-555-0174"))
            .dialable
            .address(),
        "+12065550174"
    );
}

#[test]
fn a_do_not_call_contacts_number_is_marked_and_only_prefilled() {
    let tmp = tempfile::tempdir().unwrap();
    let core = callpad(tmp.path(), true);
    core.save_contact(
        None,
        &ContactInput {
            name: "Asked not to be called".into(),
            numbers: vec![NumberInput {
                label: "mobile".into(),
                number: "+1 206 555 0174".into(),
            }],
            opt_out: true,
            ..ContactInput::default()
        },
    )
    .unwrap();
    call_links_after(&core, 3);
    let opened = dial(core.open_link("tel:+1-206-555-0174"));
    assert!(opened.do_not_call);
    assert_eq!(
        opened.action,
        NumberAction::Prefill,
        "never counts down to a refused call"
    );
}

/// Sets the link preference to "call" after `seconds`, as the app settings sheet does.
fn call_links_after(core: &Callpad, seconds: u32) {
    core.update_app_settings(&AppSettingsPatch {
        link_action: Some(NumberAction::Call),
        call_countdown_s: Some(seconds),
        ..AppSettingsPatch::default()
    })
    .unwrap();
}

#[test]
fn the_link_preference_makes_a_link_call_after_its_countdown() {
    let tmp = tempfile::tempdir().unwrap();
    let core = callpad(tmp.path(), true);
    call_links_after(&core, 3);
    let opened = dial(core.open_link("callto:+442079460958"));
    assert_eq!(
        (opened.action, opened.countdown_seconds),
        (NumberAction::Call, 3)
    );
    // The preference lives in the data folder: a Callpad opened on it again reads it.
    drop(core);
    let again = callpad(tmp.path(), true);
    assert_eq!(
        dial(again.open_link("tel:+1-206-555-0174")).action,
        NumberAction::Call
    );

    // With no profile in use there is nothing to call with: only pre-filled.
    let tmp = tempfile::tempdir().unwrap();
    let bare = callpad(tmp.path(), false);
    call_links_after(&bare, 3);
    assert_eq!(
        dial(bare.open_link("tel:+1-206-555-0174")).action,
        NumberAction::Prefill
    );
}

#[test]
fn a_refused_link_says_why_and_is_quoted_back_short_and_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let core = callpad(tmp.path(), true);
    let hostile = format!("tel:+1\u{7}{}", "9".repeat(500));
    match core.open_link(&hostile) {
        LinkOutcome::Refused(refused) => {
            assert_eq!(refused.code, ErrorCode::InvalidNumber);
            assert_eq!(
                refused.message,
                "this link cannot be dialled: it contains a control character"
            );
            assert!(
                refused.link.starts_with("tel:+1\u{FFFD}999"),
                "{}",
                refused.link
            );
            assert!(refused.link.ends_with('…'));
            assert_eq!(refused.link.chars().count(), 121);
        }
        other => panic!("{other:?}"),
    }
    assert!(
        matches!(core.take_link(), Some(LinkOutcome::Refused(_))),
        "the window is told about a refused link too"
    );
}
