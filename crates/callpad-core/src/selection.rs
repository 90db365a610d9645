//! Reading the text a person selected (the X11/Wayland PRIMARY selection) or copied (the
//! clipboard) through the desktop's own tools: `wl-paste` on Wayland, `xclip` or `xsel` on X11.
//! Used by the select-to-call hotkey and `callpad dial --selection`; finding numbers in the text
//! is `numbers::find_numbers`.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::{Error, Result};

/// The most text read from a selection (more is cut off: numbers are looked for near the start).
pub const MAX_SELECTION_BYTES: usize = 256 * 1024;
/// How long a selection owner may take to answer.
const READ_TIMEOUT: Duration = Duration::from_secs(2);

/// Which text to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelectionSource {
    /// The selected text, or the clipboard when nothing is selected.
    Primary,
    /// Only the clipboard.
    Clipboard,
}

impl SelectionSource {
    pub fn as_str(self) -> &'static str {
        match self {
            SelectionSource::Primary => "selection",
            SelectionSource::Clipboard => "clipboard",
        }
    }

    /// For a sentence: "selection" / "clipboard".
    pub fn words(self) -> &'static str {
        match self {
            SelectionSource::Primary => "selected text",
            SelectionSource::Clipboard => "clipboard",
        }
    }
}

/// Text read from the desktop, and where it really came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub text: String,
    pub source: SelectionSource,
}

/// True in a Wayland session, where global hotkeys and the selection are restricted.
pub fn is_wayland() -> bool {
    std::env::var_os("WAYLAND_DISPLAY").is_some_and(|v| !v.is_empty())
        || std::env::var("XDG_SESSION_TYPE").is_ok_and(|v| v.eq_ignore_ascii_case("wayland"))
}

/// Reads `source`; for [`SelectionSource::Primary`] an empty selection falls back to the
/// clipboard. Fails only when no tool could be run at all (the message names what to install).
pub fn read_selection(source: SelectionSource) -> Result<Selection> {
    let wayland = is_wayland();
    if source == SelectionSource::Primary {
        let text = read_with(&tools(SelectionSource::Primary, wayland))?;
        if !text.trim().is_empty() {
            return Ok(Selection { text, source });
        }
    }
    let text = read_with(&tools(SelectionSource::Clipboard, wayland))?;
    Ok(Selection {
        text,
        source: SelectionSource::Clipboard,
    })
}

/// The commands that print `source`, the session's own first.
fn tools(source: SelectionSource, wayland: bool) -> Vec<&'static [&'static str]> {
    let (wl, xclip, xsel): (&[&str], &[&str], &[&str]) = match source {
        SelectionSource::Primary => (
            &["wl-paste", "--primary", "--no-newline"],
            &["xclip", "-o", "-selection", "primary"],
            &["xsel", "--output", "--primary"],
        ),
        SelectionSource::Clipboard => (
            &["wl-paste", "--no-newline"],
            &["xclip", "-o", "-selection", "clipboard"],
            &["xsel", "--output", "--clipboard"],
        ),
    };
    if wayland {
        vec![wl, xclip, xsel]
    } else {
        vec![xclip, xsel, wl]
    }
}

/// The output of the first tool that runs. A tool that runs but finds no selection (exit code
/// other than 0) means "empty". None runnable → an error saying what to install.
fn read_with(tools: &[&[&str]]) -> Result<String> {
    for tool in tools {
        match run(tool) {
            Ok(text) => return Ok(text),
            Err(RunError::NotInstalled) => continue,
            Err(RunError::Failed) => return Ok(String::new()),
        }
    }
    Err(Error::SelectionUnreadable {
        reason: "none of xclip, xsel or wl-paste is installed; install xclip (X11) or wl-clipboard (Wayland)".to_owned(),
    })
}

enum RunError {
    NotInstalled,
    Failed,
}

fn run(argv: &[&str]) -> std::result::Result<String, RunError> {
    let mut child = Command::new(argv[0])
        .args(&argv[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|_| RunError::NotInstalled)?;
    let mut stdout = child.stdout.take().ok_or(RunError::Failed)?;
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = (&mut stdout)
            .take(MAX_SELECTION_BYTES as u64)
            .read_to_end(&mut bytes);
        bytes
    });
    let deadline = Instant::now() + READ_TIMEOUT;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(10)),
            _ => {
                // A selection owner that never answers: give up on it.
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
        }
    };
    let bytes = reader.join().unwrap_or_default();
    match status {
        Some(s) if s.success() => Ok(String::from_utf8_lossy(&bytes).into_owned()),
        _ => Err(RunError::Failed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sessions_own_tool_is_tried_first() {
        assert_eq!(tools(SelectionSource::Primary, true)[0][0], "wl-paste");
        assert_eq!(tools(SelectionSource::Primary, false)[0][0], "xclip");
        assert!(tools(SelectionSource::Clipboard, false)[0].contains(&"clipboard"));
    }

    #[test]
    fn a_tool_that_is_missing_is_skipped_and_none_is_an_error() {
        let err = read_with(&[&["callpad-no-such-tool"]]).unwrap_err();
        assert!(err.to_string().contains("install xclip"), "{err}");
        let text = read_with(&[
            &["callpad-no-such-tool"],
            &["printf", "call +1 206 555 0174"],
        ])
        .unwrap();
        assert_eq!(text, "call +1 206 555 0174");
    }

    #[test]
    fn a_failing_tool_means_empty_and_a_hanging_one_is_stopped() {
        assert_eq!(read_with(&[&["false"]]).unwrap(), "");
        let started = Instant::now();
        assert_eq!(read_with(&[&["sleep", "30"]]).unwrap(), "");
        assert!(started.elapsed() < Duration::from_secs(10));
    }
}
