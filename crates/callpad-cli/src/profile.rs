//! `callpad profile add|list|test|set|use|remove|practice`: each calls the same use-case method as
//! the window (`callpad_core::app::Callpad`); this file parses flags, reads secrets from stdin or a
//! hidden prompt (never from the command line) and prints.

use std::io::{IsTerminal, Read};

use callpad_core::Error;
use callpad_core::app::{Callpad, NewProfile};
use callpad_core::profiles::{
    Profile, ProfileSettingsPatch, StatusMethod, max_call_s, ring_timeout_s,
};
use callpad_core::vault::{Secret, Vault};

use crate::exit::Failure;
use crate::session;

/// The most stdin is read for secrets (a token is well under 1 KiB).
const MAX_STDIN_BYTES: u64 = 64 * 1024;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// Add a profile. The API token is read from stdin when it is piped (first line; an optional
    /// second line is the signing key, a third an ngrok authtoken), else asked for with hidden
    /// prompts. Never pass it as an argument.
    Add {
        /// A short name such as work or home.
        name: String,
        /// Your Space: example, example.signalwire.com or https://example.signalwire.com.
        #[arg(long, value_name = "URL")]
        space: String,
        /// The project ID (Dashboard → API → Credentials).
        #[arg(long, value_name = "ID")]
        project: String,
        /// Region for numbers typed without a country code (two letters).
        #[arg(long, value_name = "CC", default_value = "US")]
        region: String,
        /// The caller ID calls use by default (E.164).
        #[arg(long, value_name = "NUMBER")]
        caller_id: Option<String>,
        /// Your own phone, for "call me first" (E.164).
        #[arg(long, value_name = "NUMBER")]
        my_number: Option<String>,
        /// How the app follows a call: poll, listen or auto.
        #[arg(long, value_name = "METHOD", default_value = "auto")]
        status_method: StatusMethod,
        /// Make it the active profile (the first profile always is).
        #[arg(long = "use")]
        make_active: bool,
    },
    /// List the profiles (tokens masked); `*` marks the active one.
    List,
    /// Check a profile's Space URL, project ID, token and scopes with read-only requests.
    Test {
        /// The profile (default: the active one).
        name: Option<String>,
    },
    /// Change a profile's settings; only the options given change (its secrets stay as they are).
    Set {
        name: String,
        /// Region for numbers typed without a country code (two letters).
        #[arg(long, value_name = "CC")]
        region: Option<String>,
        /// The caller ID calls use by default (E.164; empty to clear).
        #[arg(long, value_name = "NUMBER")]
        caller_id: Option<String>,
        /// Your own phone, for "call me first" (E.164; empty to clear).
        #[arg(long, value_name = "NUMBER")]
        my_number: Option<String>,
        /// How calls are followed: poll, listen or auto.
        #[arg(long, value_name = "METHOD")]
        status_method: Option<StatusMethod>,
        /// How long a call rings before it counts as unanswered, 1-600 s.
        #[arg(long, value_name = "SECONDS", allow_negative_numbers = true)]
        ring_timeout: Option<i64>,
        /// The longest a call may last, 10-14400 s.
        #[arg(long, value_name = "SECONDS", allow_negative_numbers = true)]
        max_call: Option<i64>,
        /// A public https URL of your own tunnel to 127.0.0.1:8719 (empty to clear).
        #[arg(long, value_name = "URL")]
        public_url: Option<String>,
        /// The IANA zone reminder calls fall back to when a number's plan fixes none (e.g.
        /// America/Chicago; empty to clear).
        #[arg(long, value_name = "IANA")]
        time_zone: Option<String>,
    },
    /// Make a profile the active one.
    Use { name: String },
    /// Remove a profile and its secrets from the OS keychain.
    Remove { name: String },
    /// Add (if needed) and use the practice profile: the practice space on this computer, no
    /// account, no real calls (as the window's "Start practising").
    Practice,
}

pub async fn run(args: Args) -> Result<(), Failure> {
    let core = session::open().await?;
    match args.command {
        Command::Add {
            name,
            space,
            project,
            region,
            caller_id,
            my_number,
            status_method,
            make_active,
        } => {
            let input = NewProfile {
                name,
                space_url: space,
                project_id: project,
                api_token: String::new(),
                signing_key: None,
                ngrok_authtoken: None,
                default_region: Some(region),
                default_caller_id: caller_id,
                my_number,
                status_method: Some(status_method),
                make_active: Some(make_active),
            };
            add(&core, input).await
        }
        Command::List => list(&core).await,
        Command::Test { name } => {
            let name = match name {
                Some(name) => name,
                None => core
                    .active_profile()
                    .map(|p| p.name)
                    .ok_or_else(|| Failure::usage(session::no_profile_hint()))?,
            };
            let report = core.test_profile(&name).await?;
            println!("profile {name}: {}", report.summary());
            Ok(())
        }
        Command::Set {
            name,
            region,
            caller_id,
            my_number,
            status_method,
            ring_timeout,
            max_call,
            public_url,
            time_zone,
        } => {
            let patch = ProfileSettingsPatch {
                default_region: region,
                default_caller_id: caller_id,
                my_number,
                status_method,
                ring_timeout_s: ring_timeout.map(ring_timeout_s).transpose()?,
                max_call_s: max_call.map(max_call_s).transpose()?,
                public_url,
                time_zone,
            };
            let saved = core.update_profile_settings(&name, &patch).await?;
            println!(
                "saved profile {}: region {}, ring timeout {} s, longest call {} s, status {}",
                saved.name,
                saved.default_region,
                saved.ring_timeout_s,
                saved.max_call_s,
                saved.status_method
            );
            Ok(())
        }
        Command::Use { name } => {
            let profile = core.use_profile(&name).await?;
            println!("active profile: {}", profile.name);
            Ok(())
        }
        Command::Remove { name } => {
            let removed = core.remove_profile(&name).await?;
            println!(
                "removed profile {} and its secrets from the OS keychain",
                removed.name
            );
            if let Some(active) = core.active_profile() {
                println!("active profile: {}", active.name);
            }
            Ok(())
        }
        Command::Practice => {
            let profile = core.start_practice().await?;
            println!(
                "active profile: {} (Practice — no real calls; the practice space runs inside each command)",
                profile.name
            );
            Ok(())
        }
    }
}

async fn add(core: &Callpad, mut input: NewProfile) -> Result<(), Failure> {
    // Check everything that can be checked before asking for the token.
    let draft = Profile {
        default_region: input.default_region.clone().unwrap_or_default(),
        default_caller_id: input.default_caller_id.clone(),
        my_number: input.my_number.clone(),
        ..Profile::new(&input.name, &input.space_url, &input.project_id)
    };
    let draft = draft.normalised()?;
    Vault::new().check_available()?;
    if let Some(existing) = core
        .profiles_overview()
        .await
        .profiles
        .iter()
        .find(|p| p.profile.name.eq_ignore_ascii_case(&draft.name))
    {
        return Err(Error::ProfileExists {
            name: existing.profile.name.clone(),
        }
        .into());
    }
    let (token, signing_key, ngrok) = read_secrets()?;
    let mask = token.mask();
    input.api_token = token.expose().to_owned();
    input.signing_key = signing_key.map(|s| s.expose().to_owned());
    let with_key = input.signing_key.is_some();
    input.ngrok_authtoken = ngrok.map(|s| s.expose().to_owned());
    let added = core.add_profile(input).await?;
    println!(
        "added profile {} ({}, project {}); API token {mask} saved in the OS keychain{}",
        added.name,
        added.space_url,
        added.project_id,
        if with_key {
            " with the signing key"
        } else {
            ""
        }
    );
    if core.active_profile().is_some_and(|p| p.name == added.name) {
        println!("active profile: {}", added.name);
    }
    Ok(())
}

async fn list(core: &Callpad) -> Result<(), Failure> {
    let overview = core.profiles_overview().await;
    if overview.profiles.is_empty() {
        println!(
            "no profiles yet; add one with `callpad profile add NAME --space URL --project ID`, or try `callpad profile practice`"
        );
        return Ok(());
    }
    let width = overview
        .profiles
        .iter()
        .map(|p| p.profile.name.chars().count())
        .max()
        .unwrap_or(0);
    for summary in &overview.profiles {
        let profile = &summary.profile;
        let token = match (&summary.token_mask, &overview.keychain_problem) {
            _ if profile.practice => "(none needed)".to_owned(),
            (Some(mask), _) => mask.clone(),
            (None, Some(_)) => "(keychain unavailable)".to_owned(),
            (None, None) => "(none stored)".to_owned(),
        };
        let mark = if overview.active.as_deref() == Some(profile.name.as_str()) {
            '*'
        } else {
            ' '
        };
        let mut line = format!(
            "{mark} {:width$}  {}  project {}  token {token}  region {}  status {}",
            profile.name,
            profile.space_url,
            profile.project_id,
            profile.default_region,
            profile.status_method,
        );
        if let Some(caller_id) = &profile.default_caller_id {
            line.push_str(&format!("  caller ID {caller_id}"));
        }
        if let Some(mine) = &profile.my_number {
            line.push_str(&format!("  my number {mine}"));
        }
        if profile.practice {
            line.push_str("  [Practice — no real calls]");
        }
        println!("{line}");
    }
    if let Some(problem) = overview.keychain_problem {
        eprintln!("callpad: tokens not shown: {problem}");
    }
    Ok(())
}

/// The API token (and optional signing key and ngrok authtoken): piped stdin's first three lines,
/// or hidden prompts.
fn read_secrets() -> Result<(Secret, Option<Secret>, Option<Secret>), Failure> {
    let (token, signing_key, ngrok) = if std::io::stdin().is_terminal() {
        let token = prompt("API token (typing is hidden): ")?;
        let key = prompt("Signing key (optional, hidden; press Enter to skip): ")?;
        let ngrok = prompt("ngrok authtoken for live status (optional, hidden; Enter to skip): ")?;
        (token, key, ngrok)
    } else {
        let mut text = String::new();
        std::io::stdin()
            .take(MAX_STDIN_BYTES)
            .read_to_string(&mut text)
            .map_err(|e| {
                Failure::usage(format!(
                    "the API token could not be read from stdin: {}",
                    e.kind()
                ))
            })?;
        let mut lines = text.lines().map(str::trim);
        let token = lines.next().unwrap_or_default().to_owned();
        let key = lines.next().unwrap_or_default().to_owned();
        let ngrok = lines.next().unwrap_or_default().to_owned();
        (token, key, ngrok)
    };
    let api_token = Secret::new(token);
    if api_token.is_empty() {
        return Err(Failure::usage(
            "no API token given; pipe it on stdin (e.g. `secret-tool lookup … | callpad profile add …`) \
             or run in a terminal to be asked for it",
        ));
    }
    let signing_key = Some(Secret::new(signing_key)).filter(|s| !s.is_empty());
    let ngrok = Some(Secret::new(ngrok)).filter(|s| !s.is_empty());
    Ok((api_token, signing_key, ngrok))
}

fn prompt(text: &str) -> Result<String, Failure> {
    rpassword::prompt_password(text)
        .map_err(|e| Failure::usage(format!("could not read from the terminal: {}", e.kind())))
}
