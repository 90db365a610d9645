//! What Settings may save, as the window's settings sheet and `callpad profile set` both send it
//! (`Callpad::update_profile_settings`), against the practice space over real HTTP: a default
//! caller ID pending verification or without voice is refused with the reason and nothing is
//! saved; numbers are read as the dial pad reads them; the region is a code from the list the
//! window offers, never a truncated country name.

use std::sync::Arc;

use callpad_core::app::{Callpad, Host, InProcessPractice, OpenOptions, region_choices};
use callpad_core::profiles::ProfileSettingsPatch;
use callpad_core::{Error, ErrorCode};

fn callpad(dir: &std::path::Path) -> Callpad {
    let host = Host {
        practice: Arc::new(InProcessPractice { speed: 20.0 }),
        ..Host::default()
    };
    Callpad::open(dir, host, OpenOptions::default()).unwrap()
}

fn caller_id(number: &str) -> ProfileSettingsPatch {
    ProfileSettingsPatch {
        default_caller_id: Some(number.into()),
        ..Default::default()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_caller_id_that_cannot_call_is_refused_and_nothing_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let core = callpad(dir.path());
    core.start_practice().await.unwrap();
    let before = core.profile("Practice").unwrap();

    // Denver is registered but still awaiting verification; the DC line has no voice.
    for (number, why) in [
        ("+13035550177", "verif"),
        ("+1 202 555 0143", "voice"),
        ("+19995550100", "not"),
    ] {
        let err = core
            .update_profile_settings("Practice", &caller_id(number))
            .await
            .expect_err(number);
        assert_eq!(err.code(), ErrorCode::InvalidProfile, "{number}: {err}");
        let text = err.to_string();
        assert!(
            text.contains("default caller ID") && text.to_lowercase().contains(why),
            "{number}: {text}"
        );
        assert_eq!(
            core.profile("Practice").unwrap(),
            before,
            "{number}: nothing saved"
        );
    }

    // An owned voice number, typed as a person would, is read in the profile's region and kept.
    let saved = core
        .update_profile_settings("Practice", &caller_id("(312) 555-0142"))
        .await
        .unwrap();
    assert_eq!(saved.default_caller_id.as_deref(), Some("+13125550142"));
    let picker = core.caller_id_picker(false).await.unwrap();
    assert_eq!(picker.preselected.as_deref(), Some("+13125550142"));
}

#[tokio::test(flavor = "multi_thread")]
async fn my_phone_reads_as_the_dial_pad_does_and_the_region_comes_from_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let core = callpad(dir.path());
    core.start_practice().await.unwrap();

    let mine = ProfileSettingsPatch {
        my_number: Some("(206) 555-0174".into()),
        ..Default::default()
    };
    let saved = core
        .update_profile_settings("Practice", &mine)
        .await
        .unwrap();
    assert_eq!(saved.my_number.as_deref(), Some("+12065550174"));
    let sip = ProfileSettingsPatch {
        my_number: Some("sip:me@example.com".into()),
        ..Default::default()
    };
    let err = core
        .update_profile_settings("Practice", &sip)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("not a sip: address"), "{err}");

    // The list the window offers: codes with names, Germany among them.
    let choices = region_choices();
    assert!(choices.len() > 200, "{} regions", choices.len());
    let germany = choices.iter().find(|c| c.code == "DE").expect("DE listed");
    assert_eq!(germany.calling_code, 49);
    for typed in ["Germany", "Ger"] {
        let err = core
            .update_profile_settings(
                "Practice",
                &ProfileSettingsPatch {
                    default_region: Some(typed.into()),
                    ..Default::default()
                },
            )
            .await
            .expect_err(typed);
        assert!(
            matches!(err, Error::InvalidProfile { .. }),
            "{typed}: {err}"
        );
    }
    let de = ProfileSettingsPatch {
        default_region: Some(germany.code.clone()),
        ..Default::default()
    };
    let saved = core.update_profile_settings("Practice", &de).await.unwrap();
    assert_eq!(saved.default_region, "DE");
    // Numbers are now read in Germany.
    let mine = ProfileSettingsPatch {
        my_number: Some("030 123456".into()),
        ..Default::default()
    };
    let saved = core
        .update_profile_settings("Practice", &mine)
        .await
        .unwrap();
    assert_eq!(saved.my_number.as_deref(), Some("+4930123456"));
}
