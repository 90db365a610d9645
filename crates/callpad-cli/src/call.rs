//! `callpad call`: places one call through callpad-core's call center (so it is in history), in
//! any call mode, and with `--wait` prints each state change with its time until the call ends.

use std::sync::{Arc, Mutex};

use callpad_core::calls::{
    CallMeta, CallMode, CallPlan, MessageSource, NGROK_AGENT_API, Session, SessionOptions, history,
};
use callpad_core::numbers::parse_dialable;
use callpad_core::profiles::{DEFAULT_MAX_CALL_S, DEFAULT_RING_TIMEOUT_S, StatusMethod};
use callpad_core::status::{CallPhase, CallStatusView};
use callpad_core::vault::{SecretKind, Vault};

use crate::exit::Failure;
use crate::profile;

/// What is spoken when neither `--say` nor `--swml-url` is given.
pub const DEFAULT_MESSAGE: &str = "Hello from Callpad. This is a test call. Goodbye.";

/// The signing key for `--wait --status listen` when no profile is used.
pub const SIGNING_KEY_ENV: &str = "SIGNALWIRE_SIGNING_KEY";
/// An ngrok authtoken for Callpad's own tunnel when no profile is used.
pub const NGROK_AUTHTOKEN_ENV: &str = "NGROK_AUTHTOKEN";

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
    #[arg(long)]
    timeout: Option<u32>,
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
    let (client, profile) = profile::client_for(args.profile.as_deref())?;
    let region = args
        .region
        .clone()
        .or_else(|| profile.as_ref().map(|p| p.default_region.clone()));
    let read = |what: &str, text: &str| {
        parse_dialable(text, region.as_deref())
            .map(|d| (d.address().to_owned(), d.extension().map(str::to_owned)))
            .map_err(|e| Failure::usage(format!("{what}: {e}")))
    };
    let (destination, extension) = read("to", &args.to)?;
    let from = match args
        .from
        .as_deref()
        .or(profile.as_ref().and_then(|p| p.preferred_caller_id()))
    {
        Some(n) => read("from", n)?.0,
        None => {
            return Err(Failure::usage(
                "from: give --from (a number your project owns) or set a caller ID in the profile",
            ));
        }
    };
    let caller_id = match &args.caller_id {
        Some(n) => read("caller-id", n)?.0,
        None => from.clone(),
    };
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
        Mode::CallMeFirst => {
            let mine = args
                .my_number
                .clone()
                .or_else(|| profile.as_ref().and_then(|p| p.my_number.clone()))
                .ok_or_else(|| Failure::usage("my-number: --mode call-me-first needs --my-number (or the profile's own number)"))?;
            CallMode::CallMeFirst {
                my_number: read("my-number", &mine)?.0,
            }
        }
        Mode::CallerIdTest => CallMode::CallerIdTest,
    };
    let profile_name = profile
        .as_ref()
        .map_or("environment".to_owned(), |p| p.name.clone());
    let plan = CallPlan {
        mode,
        destination,
        extension,
        caller_id,
        from: Some(from),
        profile_name: profile_name.clone(),
        ring_timeout_s: args
            .timeout
            .or(profile.as_ref().map(|p| p.ring_timeout_s))
            .unwrap_or(DEFAULT_RING_TIMEOUT_S),
        max_duration_s: Some(
            profile
                .as_ref()
                .map_or(DEFAULT_MAX_CALL_S, |p| p.max_call_s),
        ),
    };

    let data_dir = callpad_core::paths::data_dir()?;
    let db = Arc::new(Mutex::new(callpad_core::db::open_in(&data_dir)?));
    // Without --wait nothing follows the call, so no listener is started.
    let method = match (args.wait, args.status) {
        (false, _) => StatusMethod::Poll,
        (true, Some(Status::Poll)) => StatusMethod::Poll,
        (true, Some(Status::Listen)) => StatusMethod::Listen,
        (true, Some(Status::Auto)) => StatusMethod::Auto,
        (true, None) => profile
            .as_ref()
            .map_or(StatusMethod::Auto, |p| p.status_method),
    };
    let secret = |kind: SecretKind, env: &str| -> Result<Option<String>, Failure> {
        Ok(match &profile {
            Some(p) if method != StatusMethod::Poll => Vault::new()
                .read(&p.name, kind)
                .map_err(profile::failure)?
                .map(|s| s.expose().to_owned()),
            _ => std::env::var(env).ok().filter(|k| !k.is_empty()),
        })
    };
    let signing_key = secret(SecretKind::SigningKey, SIGNING_KEY_ENV)?;
    let ngrok_authtoken = secret(SecretKind::NgrokAuthtoken, NGROK_AUTHTOKEN_ENV)?;
    let options = SessionOptions {
        method,
        public_url: args
            .public_url
            .clone()
            .or_else(|| profile.as_ref().and_then(|p| p.public_url.clone())),
        ngrok_agent_api: Some(NGROK_AGENT_API.to_owned()),
        ngrok_authtoken,
        listen_port: args.listen_port,
        ..SessionOptions::default()
    };
    let session = Session::open(client, signing_key, db.clone(), options).await?;
    if args.wait && !args.json {
        println!(
            "status: {} ({})",
            session.choice.method, session.choice.reason
        );
    }
    let mut updates = session.center.subscribe();
    let meta = CallMeta {
        profile: profile_name,
        ..CallMeta::default()
    };
    let placed = session.center.place(&plan, &meta).await?;

    if !args.wait {
        if args.json {
            print_json(&serde_json::json!({
                "id": placed.call_id,
                "historyId": placed.history_id,
                "to": plan.destination,
                "callerId": plan.caller_id,
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
                if let Some(latest) = session.center.status(&placed.call_id) {
                    view = latest;
                }
            }
            Err(_) => break,
        }
    }
    if args.json {
        print_json(&serde_json::to_value(&view).unwrap_or_default())
    } else {
        let mut line = format!("outcome: {}", view.cause_text.as_deref().unwrap_or("ended"));
        if let Some(d) = view.duration_ms {
            line.push_str(&format!(" after {:.1} s", d as f64 / 1000.0));
        }
        println!("{line}");
        Ok(())
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
// Called from `run` once the lead wires the session's tally and write failures through.
#[allow(dead_code)]
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
            history::utc(entry.at_ms),
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
