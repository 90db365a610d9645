//! `callpad call`: places one call with a spoken message (inline SWML) or a SWML URL, and prints
//! its ID and status. Placing is callpad-core's `Client::dial`; this file only maps flags to it.

use callpad_core::signalwire::{Call, CallFlow, DialRequest};
use callpad_core::swml::Document;

use crate::exit::Failure;
use crate::profile;

/// What `--say` defaults to when neither `--say` nor `--swml-url` is given.
pub const DEFAULT_MESSAGE: &str = "Hello from Callpad. This is a test call. Goodbye.";

#[derive(clap::Args)]
pub struct Args {
    /// Who to call: E.164 (+15551234567) or sip:user@host.
    #[arg(long)]
    to: String,
    /// The number the call comes from (one your project owns).
    #[arg(long)]
    from: String,
    /// The number shown to the callee (owned or verified).
    #[arg(long)]
    caller_id: Option<String>,
    /// Speak this text when answered, then hang up.
    #[arg(long, conflicts_with = "swml_url")]
    say: Option<String>,
    /// Run the SWML found at this URL instead.
    #[arg(long)]
    swml_url: Option<String>,
    /// Ring timeout in seconds (1-600).
    #[arg(long)]
    timeout: Option<u32>,
    /// Print the call object SignalWire returned, as JSON.
    #[arg(long)]
    json: bool,
    /// Call through this profile (default: the SIGNALWIRE_* variables when set, else the active profile).
    #[arg(long, value_name = "NAME")]
    profile: Option<String>,
}

pub async fn run(args: Args) -> Result<(), Failure> {
    let (client, _) = profile::client_for(args.profile.as_deref())?;
    let flow = match (&args.swml_url, &args.say) {
        (Some(url), _) => CallFlow::url(url),
        (None, Some(text)) => Document::say_and_hang_up(text).into(),
        (None, None) => Document::say_and_hang_up(DEFAULT_MESSAGE).into(),
    };
    let mut request = DialRequest::new(&args.from, &args.to, flow);
    request.caller_id = args.caller_id;
    request.timeout = args.timeout;
    let call = client.dial(&request).await?;
    print_call(&call, args.json)
}

fn print_call(call: &Call, json: bool) -> Result<(), Failure> {
    if json {
        let text = serde_json::to_string_pretty(call)
            .map_err(|e| Failure::failed(format!("the call could not be shown as JSON: {e}")))?;
        println!("{text}");
    } else {
        println!("call id: {}", call.id);
        println!(
            "status: {}",
            call.status
                .as_ref()
                .map_or("unknown", |status| status.as_str())
        );
    }
    Ok(())
}
