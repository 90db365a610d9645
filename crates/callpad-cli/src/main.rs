//! `callpad`: the command-line face of callpad-core, for scripting and testing from a terminal.
//! One file per verb; this one only parses the command line and turns failures into exit codes.

mod call;
mod contacts;
mod dial;
mod env;
mod exit;
mod flags;
mod hangup;
mod history;
mod normalize;
mod numbers;
mod practice;
mod profile;
mod remind;
mod session;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "callpad",
    version,
    about = "Click-to-call from a terminal, on the same core as the app",
    after_help = exit::EXIT_CODES_HELP
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Place a call through your SignalWire Space (the active profile, or SIGNALWIRE_* variables).
    Call(call::Args),
    /// Contacts in the data folder: import a CSV or vCard file, export, search.
    Contacts(contacts::Args),
    /// Dial the number in the selected text or the clipboard through the Callpad window (bind it to a desktop shortcut).
    Dial(dial::Args),
    /// End a call by its ID.
    Hangup(hangup::Args),
    /// Calls placed from this data folder, newest first (text, --json or --csv).
    History(history::Args),
    /// Read numbers from stdin, one per line, and print each as E.164 (or a sip: URI, or an error).
    Normalize(normalize::Args),
    /// Run a local practice space: SignalWire's contract on 127.0.0.1, no account, no real calls.
    PracticeSpace(practice::Args),
    /// Profiles: add, list, test, use, remove (secrets in the OS keychain).
    Profile(profile::Args),
    /// The caller IDs a profile may call from.
    Numbers(numbers::Args),
    /// Reminder campaigns: create from a CSV (with a review of who is called), list, status.
    Remind(remind::Args),
}

#[tokio::main]
async fn main() -> ExitCode {
    install_log_subscriber();
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Call(args) => call::run(args).await,
        Command::Contacts(args) => contacts::run(args),
        Command::Dial(args) => dial::run(args).await,
        Command::Hangup(args) => hangup::run(args).await,
        Command::History(args) => history::run(args),
        Command::Normalize(args) => normalize::run(args),
        Command::PracticeSpace(args) => practice::run(args).await,
        Command::Profile(args) => profile::run(args).await,
        Command::Numbers(args) => numbers::run(args).await,
        Command::Remind(args) => remind::run(args).await,
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}

/// Warnings from callpad-core (a settings file kept aside, a damaged database, a history write
/// that failed) go to stderr; `RUST_LOG` (e.g. `RUST_LOG=debug`) shows more, default `warn`.
fn install_log_subscriber() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        // Colour codes only for a person at a terminal, never into a pipe or a log file.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .without_time()
        .try_init();
}
