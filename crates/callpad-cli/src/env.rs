//! Where the CLI gets its Space and credentials: the SIGNALWIRE_* environment variables, read once
//! per command. Nothing is stored; a missing variable is named in the error.

use callpad_core::signalwire::SpaceUrl;

use crate::exit::Failure;

pub const SPACE_URL: &str = "SIGNALWIRE_SPACE_URL";
pub const PROJECT_ID: &str = "SIGNALWIRE_PROJECT_ID";
pub const API_TOKEN: &str = "SIGNALWIRE_API_TOKEN";

/// The three variables, read.
pub struct EnvCredentials {
    pub space: String,
    pub project: String,
    pub token: String,
}

/// True when any SIGNALWIRE_* credential variable is set (then they are used, and a missing one
/// is reported by name).
pub fn signalwire_env_set() -> bool {
    [SPACE_URL, PROJECT_ID, API_TOKEN]
        .iter()
        .any(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()))
}

/// The three variables, each one named when it is missing.
pub fn credentials() -> Result<EnvCredentials, Failure> {
    let read = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let (space, project, token) = (read(SPACE_URL), read(PROJECT_ID), read(API_TOKEN));
    let missing: Vec<&str> = [
        (SPACE_URL, space.is_none()),
        (PROJECT_ID, project.is_none()),
        (API_TOKEN, token.is_none()),
    ]
    .into_iter()
    .filter_map(|(name, absent)| absent.then_some(name))
    .collect();
    let (Some(space), Some(project), Some(token)) = (space, project, token) else {
        return Err(Failure::usage(format!(
            "{} not set; export {} (your Space URL, project ID and API token from the Space's API page, \
             or the lines `callpad practice-space` prints)",
            missing.join(", "),
            if missing.len() == 1 { "it" } else { "them" },
        )));
    };
    SpaceUrl::parse(&space).map_err(|e| Failure::usage(format!("{SPACE_URL}: {e}")))?;
    Ok(EnvCredentials {
        space,
        project,
        token,
    })
}
