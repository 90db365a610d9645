//! The vault: Callpad's secrets (API tokens, signing keys, ngrok authtokens) live in the OS keychain
//! and nowhere else. It never writes a secret to a file, a log or an error, and never falls back.
//!
//! One keychain entry per profile and secret: service `callpad`, user `<profile>/<secret>`, e.g.
//! `work/api-token`. On Linux that is the Secret Service (gnome-keyring, KWallet, KeePassXC), on
//! macOS the login Keychain, on Windows the Credential Manager. Calls block (D-Bus round trips): in
//! async code run them on a blocking thread.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::signalwire::ApiToken;
use crate::{Error, Result};

/// The keychain service every Callpad entry is filed under.
pub const SERVICE: &str = "callpad";

/// Which secret of a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SecretKind {
    /// The SignalWire API token (Basic auth password).
    ApiToken,
    /// The Space's signing key, to check status webhooks.
    SigningKey,
    /// An ngrok authtoken, to open a public URL for status webhooks.
    NgrokAuthtoken,
}

impl SecretKind {
    pub const ALL: [SecretKind; 3] = [
        SecretKind::ApiToken,
        SecretKind::SigningKey,
        SecretKind::NgrokAuthtoken,
    ];

    /// The part of the keychain user name after the profile, e.g. `api-token`.
    pub fn slug(self) -> &'static str {
        match self {
            SecretKind::ApiToken => "api-token",
            SecretKind::SigningKey => "signing-key",
            SecretKind::NgrokAuthtoken => "ngrok-authtoken",
        }
    }

    /// How a person calls it.
    pub fn label(self) -> &'static str {
        match self {
            SecretKind::ApiToken => "API token",
            SecretKind::SigningKey => "signing key",
            SecretKind::NgrokAuthtoken => "ngrok authtoken",
        }
    }
}

/// A secret value. `Debug` and `Display` never show it; [`Secret::mask`] shows its last 4
/// characters for a person to recognise it; [`Secret::expose`] is for the keychain and the
/// Authorization header only.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret, trimming the whitespace and line ends that copy-paste and stdin bring.
    pub fn new(value: impl Into<String>) -> Self {
        let value = value.into();
        let trimmed = value.trim();
        if trimmed.len() == value.len() {
            Secret(value)
        } else {
            Secret(trimmed.to_owned())
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `••••1a2b`: the last 4 characters, or only dots when the secret is too short to show any.
    pub fn mask(&self) -> String {
        mask(&self.0)
    }

    /// The SignalWire client's token type (also redacted).
    pub fn to_api_token(&self) -> ApiToken {
        ApiToken::new(self.0.clone())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(••••)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("••••")
    }
}

/// Characters a secret must have before its last 4 are shown (so most of it stays hidden).
const MIN_LEN_TO_SHOW_TAIL: usize = 12;

/// `••••` followed by the last 4 characters of `secret` (only `••••` for a short secret).
pub fn mask(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    if chars.len() < MIN_LEN_TO_SHOW_TAIL {
        return "••••".to_owned();
    }
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("••••{tail}")
}

/// The OS keychain, seen as a place to keep each profile's secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vault {
    service: String,
}

impl Default for Vault {
    fn default() -> Self {
        Vault::new()
    }
}

impl Vault {
    /// The vault every Callpad process shares (service `callpad`).
    pub fn new() -> Self {
        Vault {
            service: SERVICE.to_owned(),
        }
    }

    /// The keychain user name of one secret: `<profile>/<slug>`.
    pub fn entry_user(profile: &str, kind: SecretKind) -> String {
        format!("{profile}/{}", kind.slug())
    }

    /// Ok when a keychain can be reached; otherwise the error a person should see.
    pub fn check_available(&self) -> Result<()> {
        store_status()
    }

    /// Saves (or replaces) one secret. An empty secret is refused.
    pub fn store(&self, profile: &str, kind: SecretKind, secret: &Secret) -> Result<()> {
        if secret.is_empty() {
            return Err(Error::MissingCredential { what: kind.label() });
        }
        let entry = self.entry(profile, kind)?;
        entry
            .set_password(secret.expose())
            .map_err(|e| keychain_error(&e))?;
        tracing::debug!(
            profile,
            secret = kind.slug(),
            "secret stored in the keychain"
        );
        Ok(())
    }

    /// One secret, or `None` when the keychain holds none for it.
    pub fn read(&self, profile: &str, kind: SecretKind) -> Result<Option<Secret>> {
        let entry = self.entry(profile, kind)?;
        match entry.get_password() {
            Ok(value) => Ok(Some(Secret::new(value))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(keychain_error(&e)),
        }
    }

    /// One secret that must be there (e.g. the API token before a call).
    pub fn require(&self, profile: &str, kind: SecretKind) -> Result<Secret> {
        self.read(profile, kind)?
            .ok_or_else(|| Error::SecretMissing {
                profile: profile.to_owned(),
                what: kind.label(),
            })
    }

    /// Deletes one secret; `Ok(false)` when there was none.
    pub fn remove(&self, profile: &str, kind: SecretKind) -> Result<bool> {
        let entry = self.entry(profile, kind)?;
        match entry.delete_credential() {
            Ok(()) => {
                tracing::debug!(
                    profile,
                    secret = kind.slug(),
                    "secret removed from the keychain"
                );
                Ok(true)
            }
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(e) => Err(keychain_error(&e)),
        }
    }

    /// Deletes every secret of a profile (those that exist).
    pub fn remove_profile(&self, profile: &str) -> Result<()> {
        for kind in SecretKind::ALL {
            self.remove(profile, kind)?;
        }
        Ok(())
    }

    fn entry(&self, profile: &str, kind: SecretKind) -> Result<keyring::Entry> {
        store_status()?;
        keyring::Entry::new(&self.service, &Vault::entry_user(profile, kind))
            .map_err(|e| keychain_error(&e))
    }
}

/// The keychain's one-time set-up result, as our error.
fn store_status() -> Result<()> {
    match keyring::Entry::store_status() {
        Ok(()) => Ok(()),
        Err(e) => Err(match keychain_error(e) {
            // The store could not even start: there is no keychain to talk to.
            Error::Keychain { detail } => Error::KeychainUnavailable { detail },
            other => other,
        }),
    }
}

/// Sorts a keychain failure into "none available", "locked" or "failed". keyring's messages name
/// the entry and the platform's error, never the secret.
fn keychain_error(error: &keyring::Error) -> Error {
    let detail = error.to_string();
    let lower = detail.to_ascii_lowercase();
    match error {
        keyring::Error::NoDefaultStore => Error::KeychainUnavailable { detail },
        keyring::Error::NoStorageAccess(_) => Error::KeychainLocked { detail },
        keyring::Error::PlatformFailure(_) if lower.contains("locked") => {
            Error::KeychainLocked { detail }
        }
        keyring::Error::PlatformFailure(_) if looks_unavailable(&lower) => {
            Error::KeychainUnavailable { detail }
        }
        _ => Error::Keychain { detail },
    }
}

/// Messages D-Bus and the Secret Service give when nobody provides a keychain.
fn looks_unavailable(lower: &str) -> bool {
    [
        "serviceunknown",
        "service unknown",
        "was not provided by any .service files",
        "no secret service",
        "no such file or directory",
        "connection refused",
        "address",
        "dbus_session_bus_address",
    ]
    .iter()
    .any(|needle| lower.contains(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_never_prints() {
        let secret = Secret::new("PTabcdef0123456789sekret1a2b");
        let shown = format!("{secret} {secret:?} {:?}", vec![secret.clone()]);
        assert!(!shown.contains("PTabcdef"), "{shown}");
        assert!(!shown.contains("1a2b"), "{shown}");
    }

    #[test]
    fn mask_shows_only_the_last_four() {
        assert_eq!(
            Secret::new("PTabcdef0123456789sekret1a2b").mask(),
            "••••1a2b"
        );
        assert_eq!(mask("short"), "••••");
        assert_eq!(mask(""), "••••");
        assert_eq!(mask("ünïcödé-tökén-ßß"), "••••n-ßß");
    }

    #[test]
    fn secrets_lose_pasted_whitespace() {
        assert_eq!(Secret::new("  tok\n").expose(), "tok");
        assert!(Secret::new(" \n").is_empty());
    }

    #[test]
    fn entry_names_are_profile_slash_secret() {
        assert_eq!(
            Vault::entry_user("work", SecretKind::ApiToken),
            "work/api-token"
        );
        assert_eq!(
            Vault::entry_user("work", SecretKind::SigningKey),
            "work/signing-key"
        );
        assert_eq!(
            Vault::entry_user("work", SecretKind::NgrokAuthtoken),
            "work/ngrok-authtoken"
        );
    }

    #[test]
    fn keychain_errors_are_sorted_for_people() {
        let no_store = keychain_error(&keyring::Error::NoDefaultStore);
        assert_eq!(no_store.code(), "keychain_unavailable");
        assert!(no_store.to_string().contains("gnome-keyring"), "{no_store}");
        assert!(
            no_store.to_string().contains("never in a file"),
            "{no_store}"
        );

        let locked = keychain_error(&keyring::Error::NoStorageAccess(
            "SS Error: object locked".into(),
        ));
        assert_eq!(locked.code(), "keychain_locked");
        assert!(locked.to_string().contains("unlock it"), "{locked}");

        let locked_create = keychain_error(&keyring::Error::PlatformFailure(
            "Cannot create an item in a locked collection".into(),
        ));
        assert_eq!(locked_create.code(), "keychain_locked");

        let other = keychain_error(&keyring::Error::BadEncoding(b"\xff".to_vec()));
        assert_eq!(other.code(), "keychain");
    }
}
