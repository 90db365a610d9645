//! `callpad call`: places one call through callpad-core's use-case layer (`Callpad::place_call`,
//! the same checks as the window's Call button; recorded in history), in any call mode, and with
//! `--wait` prints each state change with its time until the call ends.

use callpad_core::app::SessionOverrides;
use callpad_core::calls::{CallMode, CallRequest, CallTarget, MessageSource};
use callpad_core::profiles::StatusMethod;
use callpad_core::status::{CallPhase, CallStatusView};

use crate::exit::Failure;
use crate::session;

/// What is spoken when neither `--say` nor `--swml-url` is given.
pub const DEFAULT_MESSAGE: &str = "Hello from Callpad. This is a test call. Goodbye.";

#[derive(Clone, Copy, clap::ValueEnum)]
enum Mode {
    /// Call the number and speak a message (`--say`) or run your SWML (`--swml-url`).
    Message,
    /// Ring your own phone (`--my-number`) first, then connect you to the number.
    CallMeFirst,
    /// Speak the caller ID, profile and time, to compare with what the test phone shows.
    CallerIdTest,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Status {
    Poll,
    Listen,
    Auto,
}

#[derive(clap::Args)]
pub struct Args {
    /// Who to call: any format (read in --region), an extension is dialled after answer, or sip:user@host.
    #[arg(long)]
    to: String,
    /// The number the call comes from (owned by your project); default: the profile's caller ID.
    #[arg(long)]
    from: Option<String>,
    /// The number shown to the callee, when it is not --from (owned or verified).
    #[arg(long)]
    caller_id: Option<String>,
    #[arg(long, value_enum, default_value = "message")]
    mode: Mode,
    /// Speak this text when answered, then hang up.
    #[arg(long, conflicts_with = "swml_url")]
    say: Option<String>,
    /// Run the SWML found at this URL instead of speaking.
    #[arg(long)]
    swml_url: Option<String>,
    /// Your own phone, for --mode call-me-first (default: the profile's).
    #[arg(long)]
    my_number: Option<String>,
    /// Ring timeout in seconds (1-600; default: the profile's, else 25).
    #[arg(long, allow_negative_numbers = true)]
    timeout: Option<i64>,
    /// Region for numbers without a country code, e.g. US or GB (default: the profile's).
    #[arg(long)]
    region: Option<String>,
    /// Print each state change with its time until the call ends.
    #[arg(long)]
    wait: bool,
    /// How --wait follows the call: poll the call log, listen for webhooks, or auto (listen when a public URL is available).
    #[arg(long, value_enum)]
    status: Option<Status>,
    /// A public https URL that reaches this computer (a tunnel you run), for --status listen.
    #[arg(long, value_name = "URL")]
    public_url: Option<String>,
    /// The local port your tunnel forwards to (default 8719), with --public-url.
    #[arg(long, value_name = "PORT")]
    listen_port: Option<u16>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Call through this profile (default: the SIGNALWIRE_* variables when set, else the active profile).
    #[arg(long, value_name = "NAME")]
    profile: Option<String>,
}

pub async fn run(args: Args) -> Result<(), Failure> {
    let core = session::open().await?;
    let target = session::target(args.profile.as_deref())?;
    let mode = match args.mode {
        Mode::Message => CallMode::DeliverMessage {
            message: match (&args.swml_url, &args.say) {
                (Some(url), _) => MessageSource::SwmlUrl { url: url.clone() },
                (None, text) => MessageSource::Text {
                    text: text.clone().unwrap_or_else(|| DEFAULT_MESSAGE.to_owned()),
                    voice: None,
                    language: None,
                },
            },
        },
        Mode::CallMeFirst => CallMode::CallMeFirst {
            my_number: args.my_number.clone().unwrap_or_default(),
        },
        Mode::CallerIdTest => CallMode::CallerIdTest,
    };
    // Without --wait nothing follows the call, so no listener is started.
    let method = match (args.wait, args.status) {
        (false, _) => Some(StatusMethod::Poll),
        (true, Some(Status::Poll)) => Some(StatusMethod::Poll),
        (true, Some(Status::Listen)) => Some(StatusMethod::Listen),
        (true, Some(Status::Auto)) => Some(StatusMethod::Auto),
        (true, None) => None,
    };
    let overrides = SessionOverrides {
        method,
        public_url: args.public_url.clone(),
        listen_port: args.listen_port,
        poll_pace: None,
    };
    let choice = core
        .connect_to(target, overrides)
        .await
        .map_err(|e| match e {
            callpad_core::Error::NoActiveProfile => Failure::usage(session::no_profile_hint()),
            other => Failure::from(other),
        })?;
    if args.wait && !args.json {
        println!("status: {} ({})", choice.method, choice.reason);
    }
    // Calls a crash or kill left unfinished are settled from the voice logs first, never redialled.
    match core.reconcile_history().await {
        Ok(Some(report)) => {
            if let Some(summary) = report.summary() {
                eprintln!("callpad: {summary}");
            }
        }
        Ok(None) => {}
        Err(err) => eprintln!("callpad: warning: unfinished calls could not be checked: {err}"),
    }
    let mut updates = core.subscribe();
    let request = CallRequest {
        mode,
        target: CallTarget::Typed {
            text: args.to.clone(),
        },
        caller_id: args.caller_id.clone().or_else(|| args.from.clone()),
        from: args.from.clone(),
        ring_timeout_s: args
            .timeout
            .map(callpad_core::profiles::ring_timeout_s)
            .transpose()?,
        region: args.region.clone(),
    };
    let started = core.place_call(&request).await?;
    let placed = &started.placed;
    if let Some(warning) = &placed.warning {
        eprintln!("callpad: warning: {warning}");
    }

    if !args.wait {
        if args.json {
            print_json(&serde_json::json!({
                "id": placed.call_id,
                "historyId": placed.history_id,
                "to": started.to,
                "callerId": placed.caller_id,
                "status": placed.status.phase,
            }))?;
        } else {
            println!("call id: {}", placed.call_id);
            println!("status: {}", placed.status.phase.as_str());
        }
        return Ok(());
    }

    if !args.json {
        println!("call id: {}", placed.call_id);
    }
    let mut printed = 0;
    let mut view = placed.status.clone();
    loop {
        if !args.json {
            print_new_states(&view, &mut printed);
        }
        if view.phase == CallPhase::Ended {
            break;
        }
        match updates.recv().await {
            Ok(update) if update.status.call_id == placed.call_id => view = update.status,
            Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                if let Some(latest) = core.call_status(&placed.call_id).await {
                    view = latest;
                }
            }
            Err(_) => break,
        }
    }
    let failures = core.write_failures().await;
    if args.json {
        print_json(&serde_json::to_value(&view).unwrap_or_default())?;
        for failure in &failures {
            eprintln!("callpad: error: {failure}");
        }
    } else {
        let mut line = format!("outcome: {}", view.cause_text.as_deref().unwrap_or("ended"));
        if let Some(d) = view.duration_ms {
            line.push_str(&format!(" after {:.1} s", d as f64 / 1000.0));
        }
        println!("{line}");
        let tally = core.webhook_tally().await;
        print_wait_footer(&view, tally.as_ref(), &failures);
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(Failure::failed(
            "the call ran, but call history could not record all of it (see above for why and what to do)",
        ))
    }
}

/// Prints the timeline entries not printed yet: `2026-11-25T14:05:09Z  ringing  (webhook)`,
/// and the contact's leg (call me first) when it changed: `contact: ringing`.
fn print_new_states(view: &CallStatusView, printed: &mut usize) {
    print_timeline(view, printed);
}

/// The lines `--wait` adds at the end: the contact's leg, what the listener received
/// ("12 webhooks, 0 signed"), and on stderr a plain warning when webhooks were refused or history
/// writes failed. Returns true when something must make the exit non-zero (a failed write).
pub fn print_wait_footer(
    view: &CallStatusView,
    tally: Option<&callpad_core::status::WebhookTally>,
    write_failures: &[String],
) -> bool {
    if let Some(leg) = &view.contact_leg {
        let what = leg.cause_text.as_deref().unwrap_or(leg.phase.as_str());
        println!("contact: {what}");
    }
    if let Some(tally) = tally {
        println!("webhooks: {}", tally.sentence());
        if let Some(warning) = tally.warning() {
            eprintln!("warning: {warning}");
        }
    }
    for failure in write_failures {
        eprintln!("error: {failure}");
    }
    !write_failures.is_empty()
}

fn print_timeline(view: &CallStatusView, printed: &mut usize) {
    for entry in view.timeline.iter().skip(*printed) {
        let source = serde_json::to_value(entry.source)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        println!(
            "{}  {:<8}  ({source})",
            callpad_core::calendar::rfc3339(entry.at_ms),
            entry.phase.as_str()
        );
    }
    *printed = view.timeline.len();
}

fn print_json(value: &serde_json::Value) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::failed(format!("could not write JSON: {e}")))?;
    println!("{text}");
    Ok(())
}
