//! `callpad numbers`: the caller IDs a profile may call from (owned voice numbers and verified
//! caller IDs), and the ones SignalWire would refuse — the same listing `Callpad::caller_ids`
//! gives the window's picker and `callpad call` checks against.

use callpad_core::app::SessionOverrides;
use callpad_core::caller_ids::{CallerId, CallerIdKind};
use callpad_core::profiles::StatusMethod;

use crate::exit::Failure;
use crate::session;

#[derive(clap::Args)]
pub struct Args {
    /// The profile to ask (default: the SIGNALWIRE_* variables when set, else the active profile).
    #[arg(long, value_name = "NAME")]
    profile: Option<String>,
    /// Print the listing as JSON.
    #[arg(long)]
    json: bool,
}

pub async fn run(args: Args) -> Result<(), Failure> {
    let core = session::open().await?;
    let target = session::target(args.profile.as_deref())?;
    let polling = SessionOverrides {
        method: Some(StatusMethod::Poll),
        ..SessionOverrides::default()
    };
    core.connect_to(target, polling)
        .await
        .map_err(|e| match e {
            callpad_core::Error::NoActiveProfile => Failure::usage(session::no_profile_hint()),
            other => Failure::from(other),
        })?;
    let ids = core.caller_ids(true).await?;
    if args.json {
        let text = serde_json::to_string_pretty(&ids)
            .map_err(|e| Failure::failed(format!("the numbers could not be shown as JSON: {e}")))?;
        println!("{text}");
        return Ok(());
    }
    if ids.usable.is_empty() {
        println!("no usable caller ID: buy a number or verify one in your Space");
    }
    for id in &ids.usable {
        println!("{}", line(id, kind_word(id.kind), None));
    }
    for id in &ids.pending_verification {
        println!(
            "{}",
            line(id, "pending", Some("not usable: verification not finished"))
        );
    }
    for id in &ids.without_voice {
        println!(
            "{}",
            line(id, "no voice", Some("not usable: cannot make calls"))
        );
    }
    Ok(())
}

fn kind_word(kind: CallerIdKind) -> &'static str {
    match kind {
        CallerIdKind::Owned => "owned",
        CallerIdKind::Verified => "verified",
    }
}

fn line(id: &CallerId, what: &str, note: Option<&str>) -> String {
    let mut line = format!("{:<16}  {what:<8}", id.number);
    if let Some(name) = &id.name {
        line.push_str("  ");
        line.push_str(name);
    }
    if let Some(note) = note {
        line.push_str(&format!("  ({note})"));
    }
    line.trim_end().to_owned()
}
