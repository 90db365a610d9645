//! `callpad hangup CALL_ID`: ends a call with `calling.end`. The request is callpad-core's
//! `Client::end`; this file only parses the flags and prints the result.

use callpad_core::signalwire::EndReason;

use crate::exit::Failure;
use crate::session;
use callpad_core::app::SessionOverrides;
use callpad_core::profiles::StatusMethod;

#[derive(clap::Args)]
pub struct Args {
    /// The ID `callpad call` printed.
    call_id: String,
    /// The reason given to SignalWire.
    #[arg(long, value_enum, default_value_t = Reason::Hangup)]
    reason: Reason,
    /// Use this profile (default: the SIGNALWIRE_* variables when set, else the active profile).
    #[arg(long, value_name = "NAME")]
    profile: Option<String>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Reason {
    Hangup,
    Cancel,
    Busy,
    NoAnswer,
    Decline,
    Error,
}

impl From<Reason> for EndReason {
    fn from(reason: Reason) -> Self {
        match reason {
            Reason::Hangup => EndReason::Hangup,
            Reason::Cancel => EndReason::Cancel,
            Reason::Busy => EndReason::Busy,
            Reason::NoAnswer => EndReason::NoAnswer,
            Reason::Decline => EndReason::Decline,
            Reason::Error => EndReason::Error,
        }
    }
}

pub async fn run(args: Args) -> Result<(), Failure> {
    // A mistyped ID is refused (exit 2) before a profile is even read, so nothing is sent.
    let call_id = callpad_core::call_id::parse_call_id(&args.call_id)?;
    let core = session::open().await?;
    let polling = SessionOverrides {
        method: Some(StatusMethod::Poll),
        ..SessionOverrides::default()
    };
    core.connect_to(session::target(args.profile.as_deref())?, polling)
        .await
        .map_err(session::no_profile_is_usage)?;
    let call = core.end_call(&call_id, args.reason.into()).await?;
    match call.and_then(|c| c.status) {
        Some(status) => println!("ended call {call_id} (status: {status})"),
        None => println!("ended call {call_id}"),
    }
    Ok(())
}
