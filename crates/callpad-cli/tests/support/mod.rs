//! What every CLI test shares (`mod support;`): running the `callpad` binary with its own data
//! folder and a clean environment, reading its output, starting a practice space in the test
//! process and asking its control API what it saw. Each test binary uses a part of it.
#![allow(dead_code)]

use std::future::Future;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use practice_space::RunningSpace;
use serde_json::{Value, json};
use tokio::io::AsyncWriteExt;

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_callpad");
/// A number the practice space's project owns (a usable caller ID).
pub const OWNED: &str = "+12065550100";

/// The SIGNALWIRE_* variables `callpad` reads; a run starts without any of them.
pub const SIGNALWIRE_VARS: [&str; 4] = [
    "SIGNALWIRE_SPACE_URL",
    "SIGNALWIRE_PROJECT_ID",
    "SIGNALWIRE_API_TOKEN",
    "SIGNALWIRE_SIGNING_KEY",
];

/// A Google-style contacts CSV (`Name,Phone,Tags`) of `rows` distinct US people, all tagged `bulk`.
pub fn bulk_csv(rows: usize) -> String {
    let mut csv = String::from("Name,Phone,Tags\n");
    for i in 0..rows {
        csv.push_str(&format!(
            "Bulk Person {i},+1 212 {:03} {:04},bulk\n",
            200 + i / 10_000,
            i % 10_000
        ));
    }
    csv
}

/// What ties a process to the desktop's session bus, keyring and display.
const DESKTOP_SESSION_VARS: [&str; 4] = [
    "DBUS_SESSION_BUS_ADDRESS",
    "GNOME_KEYRING_CONTROL",
    "DISPLAY",
    "WAYLAND_DISPLAY",
];

/// `callpad ARGS` (data in `data`) on a session bus of its own whose gnome-keyring, keeping its
/// keyrings in `keyrings`, has no unlocked collection and, with no display, no way to prompt: as
/// on a locked screen. Stdout and stderr are piped; stdin is left to the caller.
pub fn locked_keychain(keyrings: &Path, data: &Path, args: &[&str]) -> tokio::process::Command {
    let mut command = tokio::process::Command::new("dbus-run-session");
    command
        .args(["--", BIN])
        .args(args)
        .env("CALLPAD_DATA_DIR", data)
        .env("XDG_DATA_HOME", keyrings)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    for var in DESKTOP_SESSION_VARS {
        command.env_remove(var);
    }
    command
}

/// One run of `callpad`: built with [`callpad`], then `.output()` (blocking) or
/// `.output_async().await` (in a Tokio test, where the practice space shares the runtime).
pub struct Run {
    command: Command,
    stdin: Vec<u8>,
}

/// `callpad ARGS` with its data in `data`, no SIGNALWIRE_* variables, no RUST_LOG and an empty
/// stdin, until the builder says otherwise.
pub fn callpad(data: &Path, args: &[&str]) -> Run {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .env("CALLPAD_DATA_DIR", data)
        .env_remove("RUST_LOG");
    for var in SIGNALWIRE_VARS {
        command.env_remove(var);
    }
    Run {
        command,
        stdin: Vec::new(),
    }
}

impl Run {
    /// Points the SIGNALWIRE_* variables at `space` (URL, project and token).
    pub fn on(mut self, space: &RunningSpace) -> Self {
        self.command
            .env("SIGNALWIRE_SPACE_URL", space.base_url())
            .env("SIGNALWIRE_PROJECT_ID", space.project_id())
            .env("SIGNALWIRE_API_TOKEN", space.api_token());
        self
    }

    /// Sets one environment variable.
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.command.env(key, value);
        self
    }

    /// Sets each `(key, value)`.
    pub fn envs(mut self, vars: &[(&str, &str)]) -> Self {
        for (key, value) in vars {
            self.command.env(key, value);
        }
        self
    }

    /// Takes one environment variable away.
    pub fn env_remove(mut self, key: &str) -> Self {
        self.command.env_remove(key);
        self
    }

    /// What is piped to stdin (then closed).
    pub fn stdin(mut self, input: impl AsRef<[u8]>) -> Self {
        self.stdin = input.as_ref().to_vec();
        self
    }

    fn piped(mut self) -> (Command, Vec<u8>) {
        self.command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        (self.command, self.stdin)
    }

    /// Runs it to the end, blocking the thread.
    pub fn output(self) -> Output {
        let (mut command, input) = self.piped();
        let mut child = command.spawn().unwrap();
        let mut pipe = child.stdin.take().unwrap();
        // Written from another thread, so a child that prints before reading cannot deadlock.
        let writer = std::thread::spawn(move || pipe.write_all(&input));
        let output = child.wait_with_output().unwrap();
        // The child may exit without reading everything; a broken pipe is its business.
        let _ = writer.join().unwrap();
        output
    }

    /// Runs it to the end without blocking the runtime.
    pub async fn output_async(self) -> Output {
        let (command, input) = self.piped();
        let mut child = tokio::process::Command::from(command).spawn().unwrap();
        let mut pipe = child.stdin.take().unwrap();
        let _ = pipe.write_all(&input).await;
        drop(pipe);
        child.wait_with_output().await.unwrap()
    }

    /// The command as built, for a test that needs its own pipes.
    pub fn into_command(self) -> Command {
        self.command
    }

    /// Starts it with output thrown away, killed when the handle is dropped.
    pub fn spawn_quiet(self) -> tokio::process::Child {
        let mut command = tokio::process::Command::from(self.command);
        command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true);
        command.spawn().unwrap()
    }
}

/// Stdout as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Stderr as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// (stdout, stderr) as text.
pub fn text(output: &Output) -> (String, String) {
    (stdout(output), stderr(output))
}

/// Both streams, labelled, for an assertion message.
pub fn both(output: &Output) -> String {
    format!(
        "exit {:?}\n{}\n--- stderr ---\n{}",
        output.status,
        stdout(output),
        stderr(output)
    )
}

/// Stdout of a run that must have succeeded (else the assertion shows both streams).
pub fn success_stdout(output: &Output) -> String {
    assert!(output.status.success(), "{}", both(output));
    stdout(output)
}

/// A fresh temporary folder, removed when dropped.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// A practice space whose clock runs `speed` times faster than real time.
pub async fn practice(speed: f64) -> RunningSpace {
    practice_with(practice_space::Config {
        speed,
        ..Default::default()
    })
    .await
}

/// A practice space started with `config`.
pub async fn practice_with(config: practice_space::Config) -> RunningSpace {
    practice_space::start(config).await.unwrap()
}

/// A control-API call (`/__practice/PATH`): `POST` with `body` (default `{}`), else `GET`.
pub async fn control(space: &RunningSpace, method: &str, path: &str, body: Option<Value>) -> Value {
    let client = reqwest::Client::new();
    let url = format!("{}/__practice/{path}", space.base_url());
    let request = match method {
        "POST" => client.post(url).json(&body.unwrap_or(json!({}))),
        _ => client.get(url),
    };
    let response = request.send().await.unwrap();
    assert!(
        response.status().is_success(),
        "{method} {path}: {response:?}"
    );
    response.json().await.unwrap()
}

/// Every call the practice space was asked to place, oldest first.
pub async fn placed_calls(space: &RunningSpace) -> Vec<Value> {
    control(space, "GET", "calls", None).await["calls"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// How many dial requests reached the practice space (placed or refused).
pub async fn dial_requests(space: &RunningSpace) -> Value {
    control(space, "GET", "calls", None).await["dial_requests"].clone()
}

/// Waits until `ready` holds, checking every 20 ms for up to 20 s.
pub async fn until<F, Fut>(mut ready: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    for _ in 0..1000 {
        if ready().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("timed out");
}

/// Writes `text` to `dir/name` and returns the path, as an argument.
pub fn write_file(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

impl Run {
    /// Starts it with stdin written and closed, for several runs at once; collect each with
    /// `wait_with_output`.
    pub fn start(self) -> std::process::Child {
        let (mut command, input) = self.piped();
        let mut child = command.spawn().unwrap();
        let mut pipe = child.stdin.take().unwrap();
        pipe.write_all(&input).unwrap();
        child
    }
}

/// A name no other test run uses: `cli-LABEL-PID-NANOS`.
pub fn unique(label: &str) -> String {
    let nanos = std::time::UNIX_EPOCH.elapsed().unwrap().as_nanos();
    format!("cli-{label}-{}-{nanos}", std::process::id())
}

/// The OS keychain, or `None` (and a note on stderr) where there is none, so the caller skips.
pub fn keychain() -> Option<callpad_core::vault::Vault> {
    let vault = callpad_core::vault::Vault::new();
    match vault.check_available() {
        Ok(()) => Some(vault),
        Err(e) => {
            eprintln!("skipped: no OS keychain here ({e}); run inside a Secret Service session");
            None
        }
    }
}

/// `call --to TO --from OWNED FLAGS…`: the arguments of a call from the owned number.
pub fn call_args<'a>(to: &'a str, flags: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["call", "--to", to, "--from", OWNED];
    args.extend_from_slice(flags);
    args
}

/// `profile add NAME --space SPACE --project PROJECT`; the token goes on stdin.
pub fn add_args<'a>(name: &'a str, space: &'a str, project: &'a str) -> Vec<&'a str> {
    vec![
        "profile",
        "add",
        name,
        "--space",
        space,
        "--project",
        project,
    ]
}
