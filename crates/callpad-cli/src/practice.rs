//! `callpad practice-space`: runs a practice space on loopback until Ctrl-C and prints how to point
//! `callpad` (or the app) at it. The server itself is the practice-space crate.

use std::io::Write;
use std::net::SocketAddr;

use crate::env;
use crate::exit::Failure;

#[derive(clap::Args)]
pub struct Args {
    /// Where to listen; loopback only. Port 0 picks a free port.
    #[arg(long, default_value_t = practice_space::Config::default().bind)]
    bind: SocketAddr,
    /// The practice project ID to accept.
    #[arg(long, default_value_t = practice_space::Config::default().project_id)]
    project_id: String,
    /// The practice API token to accept.
    #[arg(long, default_value_t = practice_space::Config::default().api_token)]
    api_token: String,
    /// The key status webhooks are signed with.
    #[arg(long, default_value_t = practice_space::Config::default().signing_key)]
    signing_key: String,
    /// How fast the practice clock runs (1 = real time, 10 = ten times faster).
    #[arg(long, default_value_t = practice_space::Config::default().speed)]
    speed: f64,
    /// Calls per (simulated) second that leave the queue; faster dials wait queued, as on
    /// SignalWire (1 per Space by default).
    #[arg(long, default_value_t = practice_space::Config::default().calls_per_second)]
    calls_per_second: f64,
    /// How many calls may wait queued; a dial beyond it gets 422 max_queued_calls_exceeded.
    #[arg(long, default_value_t = practice_space::Config::default().backlog)]
    backlog: usize,
    /// Simulated milliseconds a SWML `say:` takes per spoken word.
    #[arg(long, default_value_t = practice_space::Config::default().ms_per_word)]
    ms_per_word: u64,
}

pub async fn run(args: Args) -> Result<(), Failure> {
    if !args.bind.ip().is_loopback() {
        return Err(Failure::usage(format!(
            "--bind {}: the practice space only listens on this computer; use 127.0.0.1:PORT",
            args.bind
        )));
    }
    if !(args.speed.is_finite() && args.speed > 0.0) {
        return Err(Failure::usage(format!(
            "--speed {}: use a number above 0",
            args.speed
        )));
    }
    if !(args.calls_per_second.is_finite() && args.calls_per_second > 0.0) {
        return Err(Failure::usage(format!(
            "--calls-per-second {}: use a number above 0",
            args.calls_per_second
        )));
    }
    if args.backlog == 0 {
        return Err(Failure::usage(
            "--backlog 0: the backlog must hold at least 1 queued call".to_owned(),
        ));
    }
    let space = practice_space::start(practice_space::Config {
        bind: args.bind,
        project_id: args.project_id,
        api_token: args.api_token,
        signing_key: args.signing_key,
        speed: args.speed,
        calls_per_second: args.calls_per_second,
        backlog: args.backlog,
        ms_per_word: args.ms_per_word,
    })
    .await
    .map_err(|e| Failure::failed(format!("the practice space could not start: {e}")))?;

    let base = space.base_url();
    let mut out = std::io::stdout().lock();
    let lines = [
        format!("listening on {base}"),
        format!("export {}={}", env::SPACE_URL, shell_quote(&base)),
        format!(
            "export {}={}",
            env::PROJECT_ID,
            shell_quote(space.project_id())
        ),
        format!(
            "export {}={}",
            env::API_TOKEN,
            shell_quote(space.api_token())
        ),
        format!(
            "export SIGNALWIRE_SIGNING_KEY={}",
            shell_quote(space.signing_key())
        ),
    ];
    for line in lines {
        writeln!(out, "{line}").and_then(|()| out.flush()).ok();
    }
    drop(out);
    eprintln!("practice data only: no real calls are placed. Press Ctrl-C to stop.");

    let stopped = tokio::signal::ctrl_c().await;
    space.shutdown().await;
    stopped.map_err(|e| Failure::failed(format!("could not wait for Ctrl-C: {e}")))?;
    eprintln!("practice space stopped");
    Ok(())
}

/// Quotes a value for a POSIX shell `export` line when it needs it.
fn shell_quote(value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.:/@+=,".contains(c));
    if plain {
        value.to_owned()
    } else {
        format!("'{}'", value.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::shell_quote;

    #[test]
    fn values_are_quoted_only_when_needed() {
        assert_eq!(
            shell_quote("http://127.0.0.1:8080"),
            "http://127.0.0.1:8080"
        );
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
    }
}
