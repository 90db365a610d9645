//! Which app the desktop opens phone links with: `xdg-mime query default x-scheme-handler/<scheme>`
//! for tel, callto and sip, each answer named from its desktop entry and judged "Callpad or not"
//! (and whether xdg-open can start what the entry names). This is where other apps fail silently,
//! so the window shows the answer after "Make Callpad the default". Registering is the shell's
//! (tauri-plugin-deep-link); this asks, reports, and mends the one thing xdg-open 1.1.3 trips on.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Serialize;
use ts_rs::TS;

/// The schemes Callpad registers for, as the .deb's desktop entry declares them.
pub const LINK_SCHEMES: [&str; 3] = ["tel", "callto", "sip"];

/// What the desktop opens one scheme's links with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SchemeHandler {
    /// `tel`, `callto` or `sip`.
    pub scheme: String,
    /// The desktop entry xdg-mime names, e.g. `Callpad.desktop`; none when no app is set.
    pub desktop_file: Option<String>,
    /// That entry's `Name=`, e.g. `Linphone`, when the entry can be found.
    pub app_name: Option<String>,
    /// True when the entry is one of Callpad's own and the desktop can start the program it names.
    pub is_callpad: bool,
    /// One sentence: "tel: links open Callpad." / "… open Linphone (linphone.desktop), not Callpad."
    pub summary: String,
}

/// The self-test's answer for every scheme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LinkHandlers {
    pub schemes: Vec<SchemeHandler>,
    /// Every scheme opens Callpad.
    pub all_callpad: bool,
    /// Why the desktop could not be asked or Callpad could not register, and what to do.
    pub problem: Option<String>,
}

/// The desktop's folders, read from the XDG variables (or given by a test).
#[derive(Debug, Clone)]
pub struct Desktop {
    /// `$XDG_CONFIG_HOME` (`~/.config`): where `mimeapps.list` is written.
    pub config_home: PathBuf,
    /// `$XDG_DATA_HOME` (`~/.local/share`).
    pub data_home: PathBuf,
    /// `$XDG_DATA_DIRS` (`/usr/local/share:/usr/share`).
    pub data_dirs: Vec<PathBuf>,
    /// The program asked; `xdg-mime` from `PATH` unless a test says otherwise.
    pub xdg_mime: PathBuf,
}

impl Desktop {
    /// This session's desktop, as xdg-utils finds it.
    pub fn from_env() -> Desktop {
        let home = std::env::var_os("HOME")
            .map(PathBuf::from)
            .unwrap_or_default();
        let dir = |name: &str, fallback: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
                .unwrap_or_else(|| home.join(fallback))
        };
        let data_dirs = std::env::var_os("XDG_DATA_DIRS")
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| OsString::from("/usr/local/share:/usr/share"));
        Desktop {
            config_home: dir("XDG_CONFIG_HOME", ".config"),
            data_home: dir("XDG_DATA_HOME", ".local/share"),
            data_dirs: std::env::split_paths(&data_dirs).collect(),
            xdg_mime: PathBuf::from("xdg-mime"),
        }
    }

    /// Asks the desktop which app opens each of [`LINK_SCHEMES`]; `ours` are Callpad's desktop
    /// entries (`Callpad.desktop` from the .deb, `callpad-app-handler.desktop` from registering).
    pub fn link_handlers(&self, ours: &[String]) -> LinkHandlers {
        let mut schemes = Vec::new();
        for scheme in LINK_SCHEMES {
            match self.query_default(scheme) {
                Ok(desktop_file) => schemes.push(self.describe(scheme, desktop_file, ours)),
                Err(problem) => {
                    return LinkHandlers {
                        schemes,
                        all_callpad: false,
                        problem: Some(problem),
                    };
                }
            }
        }
        LinkHandlers {
            all_callpad: schemes.iter().all(|s| s.is_callpad),
            schemes,
            problem: None,
        }
    }

    /// Runs `register` (the shell's registration) and then asks, so the answer is what the
    /// desktop will really do, not what registering claimed.
    pub fn make_default(
        &self,
        register: impl FnOnce() -> Result<(), String>,
        ours: &[String],
    ) -> LinkHandlers {
        let registered = register();
        if registered.is_ok() {
            for file in ours {
                let entry = self.data_home.join("applications").join(file);
                if let Err(err) = unquote_exec(&entry) {
                    tracing::warn!("could not rewrite {}: {err}", entry.display());
                }
            }
        }
        let mut handlers = self.link_handlers(ours);
        if let Err(err) = registered {
            let asked = handlers.problem.take();
            handlers.problem = Some(format!(
                "Callpad could not make itself the default for phone links ({err}); install xdg-utils (it provides xdg-mime) and try again{}",
                asked.map(|p| format!(". Also: {p}")).unwrap_or_default()
            ));
        }
        handlers
    }

    /// The desktop entry xdg-mime names for the scheme, or `None` when no app is set.
    fn query_default(&self, scheme: &str) -> Result<Option<String>, String> {
        let output = Command::new(&self.xdg_mime)
            .args(["query", "default", &format!("x-scheme-handler/{scheme}")])
            .env("XDG_CONFIG_HOME", &self.config_home)
            .env("XDG_DATA_HOME", &self.data_home)
            .env("XDG_DATA_DIRS", std::env::join_paths(&self.data_dirs).unwrap_or_default())
            .output()
            .map_err(|err| {
                if err.kind() == std::io::ErrorKind::NotFound {
                    "xdg-mime was not found, so Callpad cannot ask the desktop which app opens phone links; install xdg-utils (sudo apt install xdg-utils)".to_owned()
                } else {
                    format!("xdg-mime could not be run ({err}); check that xdg-utils is installed")
                }
            })?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        let first = stdout.lines().next().map(str::trim).unwrap_or_default();
        // xdg-mime exits with 4 when no handler is set, and some versions print nothing.
        if first.is_empty() || output.status.code() == Some(4) {
            return Ok(None);
        }
        if !output.status.success() {
            return Err(format!(
                "xdg-mime query default x-scheme-handler/{scheme} failed ({}); check that xdg-utils is installed",
                output.status
            ));
        }
        Ok(Some(first.to_owned()))
    }

    fn describe(
        &self,
        scheme: &str,
        desktop_file: Option<String>,
        ours: &[String],
    ) -> SchemeHandler {
        let Some(file) = desktop_file else {
            return SchemeHandler {
                scheme: scheme.to_owned(),
                desktop_file: None,
                app_name: None,
                is_callpad: false,
                summary: format!("No app is set to open {scheme}: links."),
            };
        };
        let entry = self.find_entry(&file);
        let app_name = entry.as_deref().and_then(|e| entry_key(e, "Name"));
        let exec = entry.as_deref().and_then(|e| entry_key(e, "Exec"));
        let ours = ours.iter().any(|o| o == &file);
        let starts = exec.as_deref().is_some_and(exec_starts);
        let summary = match (ours, starts, &app_name) {
            (true, true, _) => format!("{scheme}: links open Callpad."),
            (true, false, _) => format!(
                "{scheme}: links are set to open Callpad ({file}), but the desktop cannot start it from there (Exec={}); press Make Callpad the default again.",
                exec.as_deref().unwrap_or("missing")
            ),
            (false, _, Some(name)) => format!("{scheme}: links open {name} ({file}), not Callpad."),
            (false, _, None) => format!("{scheme}: links open {file}, not Callpad."),
        };
        SchemeHandler {
            scheme: scheme.to_owned(),
            desktop_file: Some(file),
            app_name,
            is_callpad: ours && starts,
            summary,
        }
    }

    /// Where a desktop entry is, looked up as the XDG menu spec says: in `applications/` of the
    /// data home, then of each data dir (a `-` in the ID may be a folder).
    fn find_entry(&self, desktop_file: &str) -> Option<PathBuf> {
        if desktop_file.contains('/') || desktop_file.contains("..") {
            return None;
        }
        let candidates = [
            PathBuf::from(desktop_file),
            PathBuf::from(desktop_file.replacen('-', "/", 1)),
        ];
        std::iter::once(&self.data_home)
            .chain(&self.data_dirs)
            .flat_map(|dir| {
                candidates
                    .iter()
                    .map(move |c| dir.join("applications").join(c))
            })
            .find(|path| path.is_file())
    }
}

/// Whether the program an `Exec=` line names can be started the way xdg-open (xdg-utils 1.1.3,
/// Debian 12) reads it: the first space-separated word, quotes and all, found as a path or on PATH.
fn exec_starts(exec: &str) -> bool {
    let Some(program) = exec.split_whitespace().next() else {
        return false;
    };
    let runnable = |path: &Path| {
        path.metadata().is_ok_and(|m| {
            #[cfg(unix)]
            let executable = {
                use std::os::unix::fs::PermissionsExt;
                m.permissions().mode() & 0o111 != 0
            };
            #[cfg(not(unix))]
            let executable = true;
            m.is_file() && executable
        })
    };
    if program.contains('/') {
        return runnable(Path::new(program));
    }
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| runnable(&dir.join(program))))
}

/// tauri-plugin-deep-link writes `Exec="/path/to/callpad-app" %u`; xdg-open 1.1.3 takes the
/// quotes as part of the program's name and fails. When the path needs no quoting (no space,
/// quote, `` ` ``, `$` or `\`), write it bare, as the desktop entry spec allows. Says whether the
/// file changed; a missing file is left alone.
fn unquote_exec(entry: &Path) -> std::io::Result<bool> {
    let text = match std::fs::read_to_string(entry) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(err) => return Err(err),
    };
    let mut changed = false;
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            let bare = line
                .strip_prefix("Exec=\"")
                .and_then(|rest| rest.split_once('"'))
                .filter(|(program, _)| {
                    !program.is_empty()
                        && !program
                            .chars()
                            .any(|c| c.is_whitespace() || "\"`$\\".contains(c))
                });
            match bare {
                Some((program, args)) => {
                    changed = true;
                    format!("Exec={program}{args}")
                }
                None => line.to_owned(),
            }
        })
        .collect();
    if changed {
        std::fs::write(entry, lines.join("\n") + "\n")?;
    }
    Ok(changed)
}

/// A key's value in the `[Desktop Entry]` group of the file, if it can be read.
fn entry_key(path: &Path, key: &str) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut in_entry = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_entry = line == "[Desktop Entry]";
        } else if in_entry
            && let Some((name, value)) = line.split_once('=')
            && name.trim() == key
        {
            return Some(value.trim().to_owned()).filter(|v| !v.is_empty());
        }
    }
    None
}
