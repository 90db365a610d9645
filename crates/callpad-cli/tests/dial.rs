//! `callpad dial --selection`: the numbers in the selected text, read through the desktop's own
//! tools. Under an X display with xclip (the e2e run, `xvfb-run`) the selection is set for real;
//! elsewhere that part says so and only the paths without a display run.

mod support;

use support::{callpad, stderr, stdout, temp_dir};

fn have_x_and_xclip() -> bool {
    std::env::var_os("DISPLAY").is_some()
        && std::process::Command::new("xclip")
            .arg("-version")
            .output()
            .is_ok_and(|o| o.status.success())
}

fn select(text: &str) {
    use std::io::Write;
    let mut child = std::process::Command::new("xclip")
        .args(["-selection", "primary", "-i"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
}

#[test]
fn without_any_selection_tool_it_says_what_to_install() {
    let data = temp_dir();
    let empty_path = temp_dir();
    let output = callpad(data.path(), &["dial", "--selection", "--print"])
        .env("PATH", &empty_path.path().display().to_string())
        .output();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("install xclip"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn it_needs_to_be_told_what_to_read() {
    let data = temp_dir();
    let output = callpad(data.path(), &["dial"]).output();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("--selection"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn prints_the_numbers_in_the_selection() {
    if !have_x_and_xclip() {
        eprintln!(
            "no X display with xclip here: the selection part runs under xvfb-run (./x test)"
        );
        return;
    }
    let data = temp_dir();
    select("call me at +1 (206) 555-0174 ext. 12 tomorrow, or +44 20 7946 0958");
    let output = callpad(data.path(), &["dial", "--selection", "--print"]).output();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "+12065550174;ext=12\n+442079460958\n");

    select("nothing to call here");
    let output = callpad(data.path(), &["dial", "--selection", "--print"]).output();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no phone number was found"),
        "{}",
        stderr(&output)
    );

    // The hand-over names the app it could not start, and how to point at it.
    select("+1 206 555 0174");
    let output = callpad(data.path(), &["dial", "--selection"])
        .env("CALLPAD_APP", "/nonexistent/callpad-app")
        .output();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("CALLPAD_APP"),
        "{}",
        stderr(&output)
    );
}
