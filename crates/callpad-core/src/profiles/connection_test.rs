//! "Test connection": authenticated read-only requests that prove the Space URL, project ID,
//! token and its scopes are right, and say which one is wrong when not. Phone numbers need the
//! Numbers scope; voice logs and verified caller IDs need the Voice scope. Nothing is dialled.

use serde::Serialize;
use ts_rs::TS;

use crate::signalwire::{Client, VoiceLog};
use crate::{Error, Result};

/// A call id no call has: asking for its voice log proves the Voice scope (404 = allowed).
const PROBE_CALL_ID: &str = "00000000-0000-4000-8000-000000000000";

/// What a successful test found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionReport {
    pub space_url: String,
    pub project_id: String,
    /// Phone numbers the project owns.
    pub phone_numbers: u32,
    /// Of those, the ones that can place calls.
    pub voice_numbers: u32,
    /// Verified caller IDs (finished verification only).
    pub verified_caller_ids: u32,
}

impl ConnectionReport {
    /// One line for a person: "Connected to … as project …: 5 numbers (4 can call), 2 verified caller IDs".
    pub fn summary(&self) -> String {
        format!(
            "connected to {} as project {}: {} phone number{} ({} can call), {} verified caller ID{}",
            self.space_url,
            self.project_id,
            self.phone_numbers,
            plural(self.phone_numbers),
            self.voice_numbers,
            self.verified_caller_ids,
            plural(self.verified_caller_ids),
        )
    }
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Lists the phone numbers (Numbers scope) and asks for the voice log of a call that does not
/// exist (Voice scope) at the same time, then the verified caller IDs. Errors say what is wrong:
/// [`Error::Unauthorized`] (project ID or token), [`Error::MissingScope`], [`Error::NotASpace`],
/// or the client's network errors (offline, mistyped Space).
pub async fn test_connection(client: &Client) -> Result<ConnectionReport> {
    let (numbers, voice) = tokio::join!(client.phone_numbers(), client.voice_log(PROBE_CALL_ID));
    let numbers = judge(client, numbers, voice)?;
    let verified = match client.verified_caller_ids().await {
        Ok(ids) => ids,
        // Verified caller IDs are a Voice-scope resource.
        Err(Error::Unauthorized { .. } | Error::Forbidden { .. }) => {
            return Err(Error::MissingScope { scope: "Voice" });
        }
        Err(e) => return Err(e),
    };
    Ok(ConnectionReport {
        space_url: client.space().as_str().to_owned(),
        project_id: client.project_id().to_owned(),
        phone_numbers: count(numbers.len()),
        voice_numbers: count(numbers.iter().filter(|n| n.can_call()).count()),
        verified_caller_ids: count(verified.iter().filter(|v| v.is_verified()).count()),
    })
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Reads the two answers together: both refused = wrong credentials; one refused = that scope
/// is missing; 404 where the numbers list should be = not a SignalWire Space.
fn judge<T>(client: &Client, numbers: Result<T>, voice: Result<VoiceLog>) -> Result<T> {
    let voice = match voice {
        Ok(_) | Err(Error::NotFound { .. }) => Ok(()),
        Err(e) => Err(e),
    };
    let refused = |e: &Error| matches!(e, Error::Unauthorized { .. } | Error::Forbidden { .. });
    match (numbers, voice) {
        (Ok(numbers), Ok(())) => Ok(numbers),
        (Ok(_), Err(e)) if refused(&e) => Err(Error::MissingScope { scope: "Voice" }),
        (Err(e), Ok(())) if refused(&e) => Err(Error::MissingScope { scope: "Numbers" }),
        (Err(Error::NotFound { detail, .. }), _) => Err(Error::NotASpace {
            space: client.space().as_str().to_owned(),
            detail: match detail {
                Some(d) if !d.is_empty() => format!("404, \"{d}\""),
                _ => "404 where the phone numbers should be".to_owned(),
            },
        }),
        (Err(e), _) => Err(e),
        (Ok(_), Err(e)) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signalwire::{Credentials, SpaceUrl};

    fn client() -> Client {
        Client::new(
            SpaceUrl::parse("example").unwrap(),
            Credentials::new("p", "t"),
        )
        .unwrap()
    }

    fn unauthorized() -> Error {
        Error::Unauthorized { detail: None }
    }

    fn not_found() -> Error {
        Error::NotFound {
            what: "x".into(),
            detail: None,
        }
    }

    #[test]
    fn both_refused_means_wrong_credentials() {
        let err = judge::<()>(&client(), Err(unauthorized()), Err(unauthorized())).unwrap_err();
        assert_eq!(err.code(), "unauthorized");
    }

    #[test]
    fn one_refused_names_the_missing_scope() {
        let err = judge(&client(), Ok(()), Err(unauthorized())).unwrap_err();
        assert_eq!(err.code(), "missing_scope");
        assert!(err.to_string().contains("Voice scope"), "{err}");
        let err = judge::<()>(
            &client(),
            Err(Error::Forbidden { detail: None }),
            Err(not_found()),
        )
        .unwrap_err();
        assert!(err.to_string().contains("Numbers scope"), "{err}");
    }

    #[test]
    fn a_missing_numbers_listing_means_the_wrong_space() {
        let err = judge::<()>(&client(), Err(not_found()), Err(not_found())).unwrap_err();
        assert_eq!(err.code(), "not_a_space");
        assert!(err.to_string().contains("check the Space URL"), "{err}");
    }

    #[test]
    fn a_voice_log_404_is_success() {
        assert_eq!(judge(&client(), Ok(7), Err(not_found())).unwrap(), 7);
    }
}
