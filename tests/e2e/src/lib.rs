//! The end-to-end harness: starts `tauri-driver` on free ports, opens a WebDriver session on the built
//! app with its own data folder, and saves screenshots under `target/e2e/`. Run it through
//! `./x test`, which provides Xvfb, a D-Bus session and an unlocked gnome-keyring (see README.md).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator, elements::Element};

pub mod bench;
use tokio::process::{Child, Command};

/// How long a test waits for something to appear on screen before failing.
pub const WAIT: Duration = Duration::from_secs(20);

/// The workspace's root folder.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

/// Where screenshots and per-test data folders go: `target/e2e/`.
pub fn output_dir() -> PathBuf {
    let dir = workspace_root().join("target/e2e");
    std::fs::create_dir_all(&dir).expect("create target/e2e");
    dir
}

/// The app binary under test: `CALLPAD_APP_BIN`, else the debug build in `target/debug`.
pub fn app_binary() -> PathBuf {
    let path = std::env::var_os("CALLPAD_APP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/debug/callpad-app"));
    assert!(
        path.is_file(),
        "the app is not built at {}: run `./x test`, which builds it first",
        path.display()
    );
    path
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The running app under WebDriver. Dropping it without `close` still kills tauri-driver.
pub struct App {
    pub client: Client,
    pub data_dir: PathBuf,
    name: String,
    driver: Child,
}

impl App {
    /// Starts the app with a fresh data folder named after the test.
    pub async fn launch(name: &str) -> App {
        App::launch_with(name, &[]).await
    }

    /// Like [`App::launch`] with extra environment variables for the app (the practice space runs
    /// 20 times faster than real time unless `CALLPAD_PRACTICE_SPEED` is given).
    pub async fn launch_with(name: &str, env: &[(&str, &str)]) -> App {
        App::launch_with_args(name, env, &[]).await
    }

    /// Like [`App::launch_with`], with command-line arguments for the app (`tel:…`).
    pub async fn launch_with_args(name: &str, env: &[(&str, &str)], args: &[&str]) -> App {
        let data_dir = output_dir().join("data").join(name);
        let _ = std::fs::remove_dir_all(&data_dir);
        std::fs::create_dir_all(&data_dir).unwrap();
        App::launch_on(name, &app_binary(), data_dir, env, args).await
    }

    /// Starts `binary` with `args` on a data folder that is already there (the benchmarks fill it
    /// first).
    pub async fn launch_on(
        name: &str,
        binary: &Path,
        data_dir: PathBuf,
        env: &[(&str, &str)],
        args: &[&str],
    ) -> App {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "no DISPLAY: end-to-end tests run under Xvfb; use `./x test`"
        );

        let port = free_port();
        let native_port = free_port();
        let log = std::fs::File::create(output_dir().join(format!("{name}.driver.log"))).unwrap();
        let driver = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("CALLPAD_DATA_DIR", &data_dir)
            .env("CALLPAD_PRACTICE_SPEED", "20")
            .envs(env.iter().copied())
            .stdout(Stdio::from(log.try_clone().unwrap()))
            .stderr(Stdio::from(log))
            .kill_on_drop(true)
            .spawn()
            .expect("tauri-driver is not installed: `./x test` installs it with cargo install");

        let url = format!("http://127.0.0.1:{port}");
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": binary, "args": args }),
        );
        let started = Instant::now();
        let client = loop {
            match ClientBuilder::rustls()
                .expect("rustls client")
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => break client,
                Err(err) if started.elapsed() < WAIT => {
                    let _ = err;
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(err) => panic!("no WebDriver session on {url} after {WAIT:?}: {err}"),
            }
        };
        App {
            client,
            data_dir,
            name: name.to_owned(),
            driver,
        }
    }

    /// Waits for the element with `data-testid` to be on the page.
    pub async fn by_test_id(&self, id: &str) -> Element {
        let selector = format!("[data-testid=\"{id}\"]");
        match self
            .client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&selector))
            .await
        {
            Ok(el) => el,
            Err(err) => {
                let shot = self.screenshot(&format!("missing-{id}")).await;
                panic!(
                    "[data-testid={id}] did not appear within {WAIT:?} ({err}); the screen is in {}",
                    shot.display()
                )
            }
        }
    }

    /// Clicks the element with `data-testid`.
    pub async fn click(&self, id: &str) {
        self.by_test_id(id)
            .await
            .click()
            .await
            .unwrap_or_else(|err| panic!("could not click [data-testid={id}]: {err}"));
    }

    /// Waits until the button with `data-testid` is enabled (Rust's preview may still be on its
    /// way), then clicks it.
    pub async fn click_enabled(&self, id: &str) {
        let started = Instant::now();
        while self
            .by_test_id(id)
            .await
            .attr("disabled")
            .await
            .unwrap()
            .is_some()
        {
            if started.elapsed() >= WAIT {
                let shot = self.screenshot(&format!("disabled-{id}")).await;
                panic!(
                    "[data-testid={id}] stayed disabled for {WAIT:?}; the screen is in {}",
                    shot.display()
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.click(id).await;
    }

    /// Types into the element with `data-testid` (after what is there).
    pub async fn type_into(&self, id: &str, text: &str) {
        self.by_test_id(id).await.send_keys(text).await.unwrap();
    }

    /// Replaces the text of an input the way a person does: select all, delete, type.
    pub async fn fill(&self, id: &str, text: &str) {
        use fantoccini::key::Key;
        let el = self.by_test_id(id).await;
        el.click().await.unwrap();
        let wipe = format!(
            "{}a{}{}",
            char::from(Key::Control),
            char::from(Key::Null),
            char::from(Key::Backspace)
        );
        el.send_keys(&wipe).await.unwrap();
        el.send_keys(text).await.unwrap();
    }

    /// Picks an option of a `<select>` by its value.
    pub async fn select(&self, id: &str, value: &str) {
        self.by_test_id(id)
            .await
            .select_by_value(value)
            .await
            .unwrap();
    }

    /// First run: choose "try it with no account" and wait for the practice profile to be active.
    pub async fn start_practice(&self) {
        self.click("start-practice").await;
        self.wait_for_text("practice-badge", |t| t.contains("Practice"))
            .await;
        self.wait_for_text("status-method", |t| !t.is_empty()).await;
    }

    /// Every element with `data-testid`, as its text content with white space folded.
    pub async fn texts_of(&self, id: &str) -> Vec<String> {
        let selector = format!("[data-testid=\"{id}\"]");
        let mut out = Vec::new();
        for el in self.client.find_all(Locator::Css(&selector)).await.unwrap() {
            // textContent, not the rendered text: WebKitWebDriver leaves out parts of some layouts.
            let text = el
                .prop("textContent")
                .await
                .ok()
                .flatten()
                .unwrap_or_default();
            out.push(text.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        out
    }

    /// Waits until `check` holds for the texts of every element with `data-testid`.
    pub async fn wait_for_texts(&self, id: &str, check: impl Fn(&[String]) -> bool) -> Vec<String> {
        self.wait_until(id, || self.texts_of(id), |texts| check(texts))
            .await
    }

    /// Reads `read` until `check` holds for what it reads, and returns that; after [`WAIT`] it
    /// fails with a screenshot, saying what element `id` still reads.
    async fn wait_until<T: std::fmt::Debug, F: Future<Output = T>>(
        &self,
        id: &str,
        read: impl Fn() -> F,
        check: impl Fn(&T) -> bool,
    ) -> T {
        let started = Instant::now();
        loop {
            let now = read().await;
            if check(&now) {
                return now;
            }
            if started.elapsed() >= WAIT {
                let shot = self.screenshot(&format!("stuck-{id}")).await;
                panic!(
                    "[data-testid={id}] still reads {now:?} after {WAIT:?}; the screen is in {}",
                    shot.display()
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The element's `name` attribute, if it has one.
    pub async fn attr_of(&self, id: &str, name: &str) -> Option<String> {
        self.by_test_id(id).await.attr(name).await.unwrap()
    }

    /// The current `value` property of an input.
    pub async fn value_of(&self, id: &str) -> String {
        self.by_test_id(id)
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default()
    }

    /// Waits until the element's text satisfies `check`, and returns that text.
    pub async fn wait_for_text(&self, id: &str, check: impl Fn(&str) -> bool) -> String {
        let read = || async { self.by_test_id(id).await.text().await.unwrap_or_default() };
        self.wait_until(id, read, |text| check(text)).await
    }

    /// Saves a screenshot of the window as `target/e2e/<test name>-<label>.png` and returns its path.
    pub async fn screenshot(&self, label: &str) -> PathBuf {
        let png = self.client.screenshot().await.expect("screenshot");
        assert!(png.starts_with(b"\x89PNG"), "the screenshot is not a PNG");
        let path = output_dir().join(format!("{}-{label}.png", self.name));
        std::fs::write(&path, png).unwrap();
        path
    }

    /// Ends the session (the driver closes the app) and stops tauri-driver.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill().await;
    }
}

/// Sets the Callpad window's size with xdotool (Debian package xdotool, installed by `./x test`):
/// WebDriver's window commands need a window manager Xvfb lacks.
pub fn resize_window(width: u32, height: u32) {
    let status = std::process::Command::new("xdotool")
        .args([
            "search",
            "--sync",
            "--name",
            "^Callpad$",
            "windowsize",
            "%@",
        ])
        .arg(width.to_string())
        .arg(height.to_string())
        .status()
        .expect("xdotool runs (apt-get install xdotool)");
    assert!(status.success(), "xdotool could not resize the window");
}

/// Answers the system Save dialog (GTK's "Save File", opened by tauri-plugin-dialog) with `path`,
/// the way a person types a full path into its name field and presses Enter.
pub fn answer_save_dialog(path: &Path) {
    let status = std::process::Command::new("xdotool")
        .args([
            "search",
            "--sync",
            "--name",
            "^Save File$",
            "windowfocus",
            "--sync",
            "%1",
            "key",
            "--clearmodifiers",
            "ctrl+a",
            "BackSpace",
            "type",
            "--delay",
            "20",
        ])
        .arg(path.display().to_string())
        .status()
        .expect("xdotool runs (apt-get install xdotool)");
    assert!(
        status.success(),
        "xdotool could not type into the Save dialog"
    );
    let status = std::process::Command::new("xdotool")
        .args(["key", "Return"])
        .status()
        .expect("xdotool runs");
    assert!(
        status.success(),
        "xdotool could not press Enter in the Save dialog"
    );
}

impl App {
    /// Sets an input's value as the webview would after typing it (time and date pickers take no
    /// keystrokes through WebDriver), firing `input` and `change`.
    pub async fn set_value(&self, id: &str, value: &str) {
        self.by_test_id(id).await;
        self.client
            .execute(
                r#"const el = document.querySelector(`[data-testid="${arguments[0]}"]`);
                   el.value = arguments[1];
                   el.dispatchEvent(new Event("input", { bubbles: true }));
                   el.dispatchEvent(new Event("change", { bubbles: true }));"#,
                vec![serde_json::json!(id), serde_json::json!(value)],
            )
            .await
            .unwrap();
    }

    /// Switches the page to the light or dark theme (the e2e screenshots take both).
    pub async fn theme(&self, theme: &str) {
        self.client
            .execute(
                "document.documentElement.dataset.theme = arguments[0];",
                vec![serde_json::json!(theme)],
            )
            .await
            .unwrap();
    }

    /// Resizes the window and waits until the page has that size.
    pub async fn resize(&self, width: u32, height: u32) {
        resize_window(width, height);
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let size = self
                .client
                .execute("return [innerWidth, innerHeight];", vec![])
                .await
                .unwrap();
            if size == serde_json::json!([width, height]) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the window never became {width}×{height}: {size}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// Presses keys through the X server (`xdotool key ctrl+alt+c`), where WebDriver cannot reach:
/// a global hotkey is grabbed by the app from the whole display, not typed into the page.
pub fn press_keys_on_display(keys: &str) {
    let status = std::process::Command::new("xdotool")
        .args(["key", "--clearmodifiers", keys])
        .status()
        .expect("xdotool runs (apt-get install xdotool)");
    assert!(status.success(), "xdotool could not press {keys}");
}

/// Makes `text` the X PRIMARY selection, as selecting it in another app does (`xclip`, which
/// stays in the background to serve it until the selection changes again).
pub fn select_text_on_display(text: &str) {
    use std::io::Write;
    let mut child = std::process::Command::new("xclip")
        .args(["-selection", "primary", "-i"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("xclip runs (apt-get install xclip)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    assert!(
        child.wait().unwrap().success(),
        "xclip could not set the selection"
    );
    // Read back through the display, so the test starts only once it is there.
    let out = std::process::Command::new("xclip")
        .args(["-o", "-selection", "primary"])
        .output()
        .expect("xclip runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout), text);
}
