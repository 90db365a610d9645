//! The "which app opens phone links" self-test against the real `xdg-mime` (xdg-utils) in a
//! throwaway desktop: nothing set, another app set, an entry that is gone, Callpad made the
//! default through `xdg-mime default` (what tauri-plugin-deep-link runs), and the failures.

use std::path::{Path, PathBuf};
use std::process::Command;

use callpad_core::links::{Desktop, LINK_SCHEMES};

fn ours() -> Vec<String> {
    vec![
        "Callpad.desktop".to_owned(),
        "callpad-app-handler.desktop".to_owned(),
    ]
}

/// A desktop whose folders are all inside `root`, so the machine's own settings play no part.
fn desktop(root: &Path) -> Desktop {
    let desktop = Desktop {
        config_home: root.join("config"),
        data_home: root.join("data"),
        data_dirs: vec![root.join("system")],
        xdg_mime: PathBuf::from("xdg-mime"),
    };
    for dir in [
        &desktop.config_home,
        &desktop.data_home,
        &desktop.data_dirs[0],
    ] {
        std::fs::create_dir_all(dir.join("applications")).unwrap();
    }
    assert!(
        Command::new("xdg-mime").arg("--version").output().is_ok(),
        "xdg-mime is missing: install xdg-utils (`./x setup` does)"
    );
    desktop
}

/// An app's entry that declares no MimeType (so only mimeapps.list can make it a default).
fn entry(dir: &Path, file: &str, name: &str) {
    let path = dir.join("applications").join(file);
    std::fs::write(
        path,
        format!("[Desktop Entry]\nType=Application\nName={name}\nExec=/bin/true %u\n"),
    )
    .unwrap();
}

/// A handler's entry as tauri-plugin-deep-link writes it: the phone-link MimeTypes and `exec`.
fn entry_with_exec(dir: &Path, file: &str, name: &str, exec: &str) -> PathBuf {
    let path = dir.join("applications").join(file);
    std::fs::write(
        &path,
        format!("[Desktop Entry]\nType=Application\nName={name}\nExec={exec}\nMimeType=x-scheme-handler/tel;x-scheme-handler/callto;x-scheme-handler/sip;\n[Desktop Action x]\nName=Other\nExec=other\n"),
    )
    .unwrap();
    path
}

/// What the plugin's `register_all` does: refresh the MIME cache, then `xdg-mime default`.
fn make_callpad_default(desktop: &Desktop) -> Result<(), String> {
    let applications = desktop.data_home.join("applications");
    let cached = Command::new("update-desktop-database")
        .arg(&applications)
        .status()
        .map_err(|e| format!("update-desktop-database (desktop-file-utils): {e}"))?;
    assert!(
        cached.success(),
        "update-desktop-database {}",
        applications.display()
    );
    LINK_SCHEMES
        .iter()
        .try_for_each(|s| xdg_mime_default(desktop, "callpad-app-handler.desktop", s))
}

/// What `xdg-mime default` does for the plugin's `register`: run it in the same desktop.
fn xdg_mime_default(desktop: &Desktop, file: &str, scheme: &str) -> Result<(), String> {
    let status = Command::new("xdg-mime")
        .args(["default", file, &format!("x-scheme-handler/{scheme}")])
        .env("XDG_CONFIG_HOME", &desktop.config_home)
        .env("XDG_DATA_HOME", &desktop.data_home)
        .env("XDG_DATA_DIRS", &desktop.data_dirs[0])
        .status()
        .map_err(|e| e.to_string())?;
    status.success().then_some(()).ok_or(status.to_string())
}

#[test]
fn with_nothing_set_each_scheme_says_no_app_opens_it() {
    let tmp = tempfile::tempdir().unwrap();
    let report = desktop(tmp.path()).link_handlers(&ours());
    assert_eq!(report.problem, None);
    assert!(!report.all_callpad);
    let schemes: Vec<_> = report.schemes.iter().map(|s| s.scheme.as_str()).collect();
    assert_eq!(schemes, LINK_SCHEMES);
    for s in &report.schemes {
        assert_eq!(s.desktop_file, None);
        assert!(!s.is_callpad);
        assert_eq!(
            s.summary,
            format!("No app is set to open {}: links.", s.scheme)
        );
    }
}

#[test]
fn another_app_and_a_removed_entry_are_named_as_not_callpad() {
    let tmp = tempfile::tempdir().unwrap();
    let desktop = desktop(tmp.path());
    entry(&desktop.data_home, "linphone.desktop", "Linphone");
    entry(&desktop.data_dirs[0], "Callpad.desktop", "Callpad");
    std::fs::write(
        desktop.config_home.join("mimeapps.list"),
        "[Default Applications]\nx-scheme-handler/tel=linphone.desktop\nx-scheme-handler/callto=Callpad.desktop;\nx-scheme-handler/sip=gone.desktop\n",
    )
    .unwrap();
    let report = desktop.link_handlers(&ours());
    assert_eq!(report.problem, None);
    assert!(!report.all_callpad);
    let [tel, callto, sip] = &report.schemes[..] else {
        panic!("{report:?}")
    };
    assert_eq!(tel.desktop_file.as_deref(), Some("linphone.desktop"));
    assert_eq!(tel.app_name.as_deref(), Some("Linphone"));
    assert!(!tel.is_callpad);
    assert_eq!(
        tel.summary,
        "tel: links open Linphone (linphone.desktop), not Callpad."
    );
    assert!(callto.is_callpad, "{callto:?}");
    assert_eq!(callto.app_name.as_deref(), Some("Callpad"));
    assert_eq!(callto.summary, "callto: links open Callpad.");
    // xdg-mime passes over a default whose entry is gone, as xdg-open does: nothing opens.
    assert_eq!(sip.desktop_file, None);
    assert_eq!(sip.summary, "No app is set to open sip: links.");
}

#[test]
fn making_callpad_the_default_is_checked_by_asking_the_desktop_again() {
    let tmp = tempfile::tempdir().unwrap();
    let desktop = desktop(tmp.path());
    entry(&desktop.data_home, "callpad-app-handler.desktop", "Callpad");
    std::fs::write(
        desktop.config_home.join("mimeapps.list"),
        "[Default Applications]\nx-scheme-handler/tel=linphone.desktop\n",
    )
    .unwrap();
    let report = desktop.make_default(|| make_callpad_default(&desktop), &ours());
    assert_eq!(report.problem, None);
    assert!(report.all_callpad, "{report:?}");
    assert!(
        report
            .schemes
            .iter()
            .all(|s| s.summary.ends_with("links open Callpad."))
    );

    // Registering that only claims success changes nothing the desktop does, and the report says so.
    let tmp = tempfile::tempdir().unwrap();
    let desktop = crate::desktop(tmp.path());
    let report = desktop.make_default(|| Ok(()), &ours());
    assert!(!report.all_callpad);
    assert_eq!(report.problem, None);
}

#[test]
fn a_quoted_exec_xdg_open_cannot_start_is_reported_and_mended_when_registering() {
    let tmp = tempfile::tempdir().unwrap();
    let desktop = desktop(tmp.path());
    // As tauri-plugin-deep-link writes it; xdg-open 1.1.3 would try to run `"/bin/true"`.
    let path = entry_with_exec(
        &desktop.data_home,
        "callpad-app-handler.desktop",
        "Callpad",
        "\"/bin/true\" %u",
    );
    make_callpad_default(&desktop).unwrap();
    let report = desktop.link_handlers(&ours());
    assert!(!report.all_callpad);
    assert!(!report.schemes[0].is_callpad);
    assert_eq!(
        report.schemes[0].summary,
        "tel: links are set to open Callpad (callpad-app-handler.desktop), but the desktop cannot start it from there (Exec=\"/bin/true\" %u); press Make Callpad the default again."
    );

    let report = desktop.make_default(|| make_callpad_default(&desktop), &ours());
    assert!(report.all_callpad, "{report:?}");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\nExec=/bin/true %u\n"), "{text}");
    assert!(
        text.contains("\nExec=other\n"),
        "other lines are kept: {text}"
    );

    // A path with a space cannot go bare (xdg-open would split it): left as it is, and said.
    let spaced = tmp.path().join("my apps");
    std::fs::create_dir_all(&spaced).unwrap();
    let exec = format!("\"{}/callpad-app\" %u", spaced.display());
    entry_with_exec(
        &desktop.data_home,
        "callpad-app-handler.desktop",
        "Callpad",
        &exec,
    );
    let report = desktop.make_default(|| make_callpad_default(&desktop), &ours());
    assert!(!report.all_callpad);
    assert!(
        report.schemes[2].summary.contains("cannot start it"),
        "{report:?}"
    );
    assert!(std::fs::read_to_string(&path).unwrap().contains(&exec));
}

#[test]
fn a_failed_registration_or_a_missing_xdg_mime_is_reported_with_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    let desktop = desktop(tmp.path());
    let report = desktop.make_default(|| Err("xdg-mime exited with 1".into()), &ours());
    let problem = report.problem.unwrap();
    assert!(
        problem.contains("could not make itself the default"),
        "{problem}"
    );
    assert!(problem.contains("xdg-mime exited with 1"), "{problem}");
    assert_eq!(report.schemes.len(), 3, "the desktop was still asked");

    let missing = Desktop {
        xdg_mime: tmp.path().join("no-such-xdg-mime"),
        ..desktop
    };
    let report = missing.link_handlers(&ours());
    assert!(report.schemes.is_empty());
    assert!(!report.all_callpad);
    assert!(
        report.problem.unwrap().contains("install xdg-utils"),
        "says what to install"
    );
}
