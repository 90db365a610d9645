//! `callpad call --wait` when call history cannot be written after the dial went out: another
//! process holds the database's write lock (as a backup tool or a second desk might) from the
//! moment the call ID is printed until the CLI exits. The call still runs to its end, the dial is
//! not sent again, and the CLI says on stderr that history missed part of the call and exits 1.
//! The same when the disk fills mid-call: the data folder is a small tmpfs (mounted in a private
//! user and mount namespace, so no root is needed) filled up once the call ID is printed.

mod support;

use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};

use support::{BIN, OWNED, call_args, callpad, dial_requests, practice, temp_dir};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_history_write_that_fails_after_the_dial_is_reported_and_exits_non_zero() {
    let space = practice(4.0).await;
    let data = temp_dir();
    let mut command = tokio::process::Command::from(
        callpad(
            data.path(),
            &call_args("+12065550174", &["--wait", "--status", "poll"]),
        )
        .on(&space)
        .into_command(),
    );
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut stdout = String::new();
    loop {
        let line = tokio::time::timeout(Duration::from_secs(30), lines.next_line())
            .await
            .expect("the call ID in time")
            .unwrap()
            .expect("the call ID before the CLI ends");
        stdout.push_str(&line);
        stdout.push('\n');
        if line.starts_with("call id: ") {
            break;
        }
    }

    // The dial is out and recorded; from now on nothing else can be written.
    let lock = callpad_core::db::open_in(data.path()).unwrap();
    lock.execute_batch("BEGIN EXCLUSIVE").unwrap();

    let mut stderr = String::new();
    let mut err_pipe = child.stderr.take().unwrap();
    let (status, _, _) = tokio::time::timeout(Duration::from_secs(120), async {
        tokio::join!(
            child.wait(),
            async {
                while let Ok(Some(line)) = lines.next_line().await {
                    stdout.push_str(&line);
                    stdout.push('\n');
                }
            },
            err_pipe.read_to_string(&mut stderr),
        )
    })
    .await
    .expect("the CLI ends once the call has");
    lock.execute_batch("ROLLBACK").unwrap();

    let status = status.unwrap();
    assert_eq!(status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("outcome: "),
        "the call was followed to its end: {stdout}"
    );
    assert!(
        stderr.contains("call history could not record"),
        "the failed write is reported: {stderr}"
    );
    assert!(
        stderr.contains("history could not record that the call is ended")
            && stderr.contains("another program"),
        "which write failed, and why in words: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        dial_requests(&space).await,
        1,
        "the dial was not sent again"
    );
}

/// Runs inside `unshare --user --map-root-user --mount`: mounts a 4 MiB tmpfs on the data folder,
/// starts the call, fills the tmpfs once the call ID is printed, and records the exit code.
const FILL_THE_DISK_MID_CALL: &str = r#"
set -eu
mount -t tmpfs -o size=4m callpad-test "$CALLPAD_DATA_DIR"
"$BIN" call --to +12065550174 --from "$OWNED" --wait --status poll >"$LOG/out" 2>"$LOG/err" &
pid=$!
until grep -q '^call id: ' "$LOG/out"; do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
dd if=/dev/zero of="$CALLPAD_DATA_DIR/filler" bs=64k 2>/dev/null || true
df -k "$CALLPAD_DATA_DIR" | tail -1 >"$LOG/df"
code=0
wait "$pid" || code=$?
echo "$code" >"$LOG/code"
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_disk_that_fills_mid_call_is_reported_and_exits_non_zero() {
    let space = practice(4.0).await;
    let data = temp_dir();
    let log = temp_dir();
    let mut command = tokio::process::Command::new("unshare");
    command
        .args(["--user", "--map-root-user", "--mount", "sh", "-c"])
        .arg(FILL_THE_DISK_MID_CALL)
        .env("BIN", BIN)
        .env("OWNED", OWNED)
        .env("LOG", log.path())
        .env("CALLPAD_DATA_DIR", data.path())
        .env("SIGNALWIRE_SPACE_URL", space.base_url())
        .env("SIGNALWIRE_PROJECT_ID", space.project_id())
        .env("SIGNALWIRE_API_TOKEN", space.api_token())
        .env_remove("SIGNALWIRE_SIGNING_KEY")
        .env_remove("RUST_LOG");
    let ran = tokio::time::timeout(Duration::from_secs(120), command.output())
        .await
        .expect("the run ends once the call has")
        .expect("unshare runs (util-linux)");
    let read = |name: &str| std::fs::read_to_string(log.path().join(name)).unwrap_or_default();
    let (stdout, stderr) = (read("out"), read("err"));
    assert!(
        ran.status.success(),
        "a private mount namespace is needed to fill a disk without root: {}",
        String::from_utf8_lossy(&ran.stderr)
    );
    let free_kib: u64 = read("df")
        .split_whitespace()
        .nth(3)
        .and_then(|f| f.parse().ok())
        .expect("df printed the free space");
    assert!(free_kib < 64, "the disk was full: {}", read("df"));
    assert_eq!(read("code").trim(), "1", "{stdout}\n{stderr}");
    assert!(
        stdout.contains("outcome: "),
        "the call was followed to its end: {stdout}"
    );
    assert!(
        stderr.contains("call history could not record")
            && stderr.contains("history could not record that the call is ended"),
        "the failed write is reported: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        dial_requests(&space).await,
        1,
        "the dial was not sent again"
    );
}
