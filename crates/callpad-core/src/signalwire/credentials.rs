//! The project ID and API token used for Basic auth. The token never prints: its `Debug` is
//! redacted, it has no `Display`, and error messages are scrubbed of it.

use std::fmt;

use crate::{Error, Result};

/// A SignalWire API token. Read it with [`ApiToken::expose`] only to authenticate.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiToken(String);

impl ApiToken {
    pub fn new(token: impl Into<String>) -> Self {
        ApiToken(token.into())
    }

    /// The secret itself, for the Authorization header and nothing else.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }

    /// Replaces every occurrence of the token in `text` (e.g. a server's error body) with `***`.
    pub(crate) fn scrub(&self, text: &str) -> String {
        if self.0.len() < 4 {
            return text.to_owned();
        }
        text.replace(&self.0, "***")
    }
}

impl fmt::Debug for ApiToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiToken(***)")
    }
}

impl From<String> for ApiToken {
    fn from(token: String) -> Self {
        ApiToken(token)
    }
}

impl From<&str> for ApiToken {
    fn from(token: &str) -> Self {
        ApiToken(token.to_owned())
    }
}

/// What a Space needs to accept a request: `Authorization: Basic base64(project_id:api_token)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub project_id: String,
    pub api_token: ApiToken,
}

impl Credentials {
    pub fn new(project_id: impl Into<String>, api_token: impl Into<ApiToken>) -> Self {
        Credentials {
            project_id: project_id.into(),
            api_token: api_token.into(),
        }
    }

    /// Refuses empty values before anything is sent (SignalWire would answer 401).
    pub(crate) fn check(&self) -> Result<()> {
        if self.project_id.trim().is_empty() {
            return Err(Error::MissingCredential { what: "project ID" });
        }
        if self.api_token.is_empty() {
            return Err(Error::MissingCredential { what: "API token" });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_token() {
        let creds = Credentials::new("proj-1", "PTsecret-token-value");
        let shown = format!("{creds:?} {:?} {:#?}", creds.api_token, creds);
        assert!(!shown.contains("PTsecret"), "{shown}");
        assert!(shown.contains("proj-1"));
        assert!(shown.contains("***"));
    }

    #[test]
    fn scrub_removes_the_token_from_text() {
        let token = ApiToken::new("PTsecret-token-value");
        assert_eq!(
            token.scrub("bad token PTsecret-token-value given"),
            "bad token *** given"
        );
    }

    #[test]
    fn empty_values_are_refused_by_name() {
        let err = Credentials::new(" ", "tok").check().unwrap_err();
        assert!(err.to_string().contains("project ID"), "{err}");
        let err = Credentials::new("p", "").check().unwrap_err();
        assert!(err.to_string().contains("API token"), "{err}");
        assert_eq!(err.code(), "missing_credential");
    }
}
