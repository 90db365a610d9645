//! `callpad profile add|list|test|use|remove`, and [`client_for`]: the Space and credentials a
//! command uses (a profile, or the SIGNALWIRE_* variables). The work is callpad-core's `profiles`
//! and `vault`; secrets are read from stdin or a hidden prompt, never from the command line.

use std::io::{IsTerminal, Read};

use callpad_core::Error;
use callpad_core::paths;
use callpad_core::profiles::{Profile, ProfileSecrets, Profiles, StatusMethod, test_connection};
use callpad_core::signalwire::Client;
use callpad_core::vault::{Secret, SecretKind, Vault};

use crate::env;
use crate::exit::Failure;

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
        /// Mark it "Practice — no real calls" (a practice space).
        #[arg(long)]
        practice: bool,
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
        #[arg(long, value_name = "SECONDS")]
        ring_timeout: Option<u32>,
        /// The longest a call may last, 10-14400 s.
        #[arg(long, value_name = "SECONDS")]
        max_call: Option<u32>,
        /// A public https URL of your own tunnel to 127.0.0.1:8719 (empty to clear).
        #[arg(long, value_name = "URL")]
        public_url: Option<String>,
    },
    /// Make a profile the active one.
    Use { name: String },
    /// Remove a profile and its secrets from the OS keychain.
    Remove { name: String },
}

pub async fn run(args: Args) -> Result<(), Failure> {
    match args.command {
        Command::Add {
            name,
            space,
            project,
            region,
            caller_id,
            my_number,
            status_method,
            practice,
            make_active,
        } => {
            let profile = Profile {
                default_region: region,
                default_caller_id: caller_id,
                my_number,
                status_method,
                practice,
                ..Profile::new(name, space, project)
            };
            add(profile, make_active)
        }
        Command::List => list(),
        Command::Test { name } => test(name.as_deref()).await,
        Command::Set {
            name,
            region,
            caller_id,
            my_number,
            status_method,
            ring_timeout,
            max_call,
            public_url,
        } => {
            let mut profiles = load()?;
            let mut profile = profiles.get(&name).map_err(failure)?.clone();
            let text = |v: String| Some(v).filter(|v| !v.trim().is_empty());
            if let Some(region) = region {
                profile.default_region = region;
            }
            if let Some(n) = caller_id {
                profile.default_caller_id = text(n);
            }
            if let Some(n) = my_number {
                profile.my_number = text(n);
            }
            if let Some(m) = status_method {
                profile.status_method = m;
            }
            if let Some(s) = ring_timeout {
                profile.ring_timeout_s = s;
            }
            if let Some(s) = max_call {
                profile.max_call_s = s;
            }
            if let Some(u) = public_url {
                profile.public_url = text(u);
            }
            let saved = profiles.update(profile).map_err(failure)?;
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
            let mut profiles = load()?;
            let profile = profiles.set_active(&name).map_err(failure)?;
            println!("active profile: {}", profile.name);
            Ok(())
        }
        Command::Remove { name } => {
            let mut profiles = load()?;
            let removed = profiles.remove(&Vault::new(), &name).map_err(failure)?;
            println!(
                "removed profile {} and its secrets from the OS keychain",
                removed.name
            );
            match profiles.active() {
                Some(active) => println!("active profile: {}", active.name),
                None if !profiles.all().is_empty() => {
                    println!("no profile is active now; choose one with `callpad profile use NAME`")
                }
                None => {}
            }
            Ok(())
        }
    }
}

fn add(profile: Profile, make_active: bool) -> Result<(), Failure> {
    // Check everything that can be checked before asking for the token.
    let profile = profile.normalised().map_err(failure)?;
    let vault = Vault::new();
    vault.check_available().map_err(failure)?;
    let mut profiles = load()?;
    if let Some(existing) = profiles
        .all()
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(&profile.name))
    {
        return Err(failure(Error::ProfileExists {
            name: existing.name.clone(),
        }));
    }
    let secrets = read_secrets()?;
    let added = profiles
        .add(&vault, profile, &secrets)
        .map_err(failure)?
        .clone();
    if make_active {
        profiles.set_active(&added.name).map_err(failure)?;
    }
    println!(
        "added profile {} ({}, project {}); API token {} saved in the OS keychain{}",
        added.name,
        added.space_url,
        added.project_id,
        secrets.api_token.mask(),
        if secrets.signing_key.is_some() {
            " with the signing key"
        } else {
            ""
        }
    );
    if profiles.active().map(|p| p.name.as_str()) == Some(added.name.as_str()) {
        println!("active profile: {}", added.name);
    }
    Ok(())
}

fn list() -> Result<(), Failure> {
    let profiles = load()?;
    if profiles.all().is_empty() {
        println!(
            "no profiles yet; add one with `callpad profile add NAME --space URL --project ID`"
        );
        return Ok(());
    }
    let vault = Vault::new();
    let active = profiles.active().map(|p| p.name.clone());
    let width = profiles
        .all()
        .iter()
        .map(|p| p.name.chars().count())
        .max()
        .unwrap_or(0);
    let mut keychain_problem = None;
    for profile in profiles.all() {
        let token = match vault.read(&profile.name, SecretKind::ApiToken) {
            Ok(Some(secret)) => secret.mask(),
            Ok(None) => "(none stored)".to_owned(),
            Err(e) => {
                keychain_problem.get_or_insert(e);
                "(keychain unavailable)".to_owned()
            }
        };
        let mark = if active.as_deref() == Some(profile.name.as_str()) {
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
    if let Some(problem) = keychain_problem {
        eprintln!("callpad: tokens not shown: {problem}");
    }
    Ok(())
}

async fn test(name: Option<&str>) -> Result<(), Failure> {
    let (client, profile) = profile_client(name)?;
    let report = test_connection(&client).await.map_err(failure)?;
    println!("profile {}: {}", profile.name, report.summary());
    Ok(())
}

/// The client a command should use, and the profile it came from (`None` for the variables):
/// `--profile NAME` when given; else the SIGNALWIRE_* variables when any is set; else the
/// active profile, its API token read from the OS keychain.
pub fn client_for(profile: Option<&str>) -> Result<(Client, Option<Profile>), Failure> {
    if profile.is_none() && signalwire_env_set() {
        return Ok((env::client()?, None));
    }
    let (client, profile) = profile_client(profile)?;
    Ok((client, Some(profile)))
}

/// True when any SIGNALWIRE_* credential variable is set (then they are used, and a missing one
/// is reported by name).
fn signalwire_env_set() -> bool {
    [env::SPACE_URL, env::PROJECT_ID, env::API_TOKEN]
        .iter()
        .any(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()))
}

/// The named (or active) profile and a client with its token from the keychain.
fn profile_client(name: Option<&str>) -> Result<(Client, Profile), Failure> {
    let profiles = load()?;
    let profile = match name {
        Some(name) => profiles.get(name),
        None => profiles
            .require_active()
            .map_err(|_| Error::InvalidProfile {
                field: "profile",
                reason: format!(
                    "no profile is active and {}, {} and {} are not set; add a profile with \
                     `callpad profile add NAME --space URL --project ID` (or choose one with \
                     `callpad profile use NAME`), or export those variables",
                    env::SPACE_URL,
                    env::PROJECT_ID,
                    env::API_TOKEN
                ),
            }),
    }
    .map_err(failure)?
    .clone();
    let client = profile.client_from_vault(&Vault::new()).map_err(failure)?;
    Ok((client, profile))
}

/// The profiles in the data folder; a settings file that could not be read is reported on
/// stderr (it was kept aside).
fn load() -> Result<Profiles, Failure> {
    let dir = paths::data_dir()?;
    let (profiles, warning) = Profiles::load(&dir).map_err(failure)?;
    if let Some(warning) = warning {
        eprintln!("callpad: warning: {warning}");
    }
    Ok(profiles)
}

/// The API token (and optional signing key and ngrok authtoken): piped stdin's first three lines,
/// or hidden prompts.
fn read_secrets() -> Result<ProfileSecrets, Failure> {
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
    Ok(ProfileSecrets {
        api_token,
        signing_key,
        ngrok_authtoken: Some(Secret::new(ngrok)).filter(|s| !s.is_empty()),
    })
}

fn prompt(text: &str) -> Result<String, Failure> {
    rpassword::prompt_password(text)
        .map_err(|e| Failure::usage(format!("could not read from the terminal: {}", e.kind())))
}

/// A core error as a CLI failure: mistakes in what was typed are usage errors (exit 2).
pub fn failure(error: Error) -> Failure {
    let usage = matches!(
        error,
        Error::InvalidProfile { .. }
            | Error::ProfileExists { .. }
            | Error::ProfileNotFound { .. }
            | Error::NoActiveProfile
            | Error::InvalidSpaceUrl { .. }
            | Error::MissingCredential { .. }
    );
    if usage {
        Failure::usage(error.to_string())
    } else {
        Failure::from(error)
    }
}
