//! Which Callpad and which session a CLI verb uses: the data folder's `Callpad` (the same
//! use-case layer as the window), and the session target: `--profile NAME`, else the SIGNALWIRE_*
//! variables when any is set, else the active profile.

use callpad_core::app::{Callpad, Host, OpenOptions, SessionTarget};
use callpad_core::profiles::Profile;
use callpad_core::vault::Secret;

use crate::env;
use crate::exit::Failure;

/// The signing key for listening when no profile is used.
pub const SIGNING_KEY_ENV: &str = "SIGNALWIRE_SIGNING_KEY";
/// An ngrok authtoken for Callpad's own tunnel when no profile is used.
pub const NGROK_AUTHTOKEN_ENV: &str = "NGROK_AUTHTOKEN";

/// The name the SIGNALWIRE_* variables' session goes by in history.
pub const ENVIRONMENT_PROFILE: &str = "environment";

/// Callpad for the data folder; a settings file that could not be read is reported on stderr.
pub async fn open() -> Result<Callpad, Failure> {
    let dir = callpad_core::paths::data_dir()?;
    let core = Callpad::open(&dir, Host::default(), OpenOptions::default())?;
    if let Some(warning) = core.profiles_overview().await.warning {
        eprintln!("callpad: warning: {warning}");
    }
    Ok(core)
}

/// The session a verb uses (see the module comment).
pub fn target(profile: Option<&str>) -> Result<SessionTarget, Failure> {
    if let Some(name) = profile {
        return Ok(SessionTarget::Named(name.to_owned()));
    }
    if !env::signalwire_env_set() {
        return Ok(SessionTarget::Active);
    }
    let vars = env::credentials()?;
    let profile = Profile::new(ENVIRONMENT_PROFILE, vars.space, vars.project)
        .normalised()
        .map_err(|e| Failure::usage(format!("{}: {e}", env::SPACE_URL)))?;
    let secret = |name: &str| {
        std::env::var(name)
            .ok()
            .filter(|v| !v.trim().is_empty())
            .map(|v| Secret::new(v.trim()))
    };
    Ok(SessionTarget::Direct {
        profile: Box::new(profile),
        api_token: Secret::new(vars.token),
        signing_key: secret(SIGNING_KEY_ENV),
        ngrok_authtoken: secret(NGROK_AUTHTOKEN_ENV),
    })
}

/// A failed connect as a CLI failure: no active profile (and no variables) says how to get one.
pub fn no_profile_is_usage(error: callpad_core::Error) -> Failure {
    match error {
        callpad_core::Error::NoActiveProfile => Failure::usage(no_profile_hint()),
        other => Failure::from(other),
    }
}

/// The error when no profile is active and no variables are set.
pub fn no_profile_hint() -> String {
    format!(
        "no profile is active and {}, {} and {} are not set; add a profile with \
         `callpad profile add NAME --space URL --project ID` (or choose one with \
         `callpad profile use NAME`), or export those variables",
        env::SPACE_URL,
        env::PROJECT_ID,
        env::API_TOKEN
    )
}
