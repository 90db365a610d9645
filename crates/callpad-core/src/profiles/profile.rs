//! One profile: which Space and project to use and the person's calling defaults, with the rules
//! a profile must meet. Secrets are not here (they are in the vault); files are not here either.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::signalwire::{Client, Credentials, SpaceUrl, is_e164};
use crate::vault::{Secret, SecretKind, Vault};
use crate::{Error, Result};

/// The region a new profile assumes for numbers typed without a country code.
pub const DEFAULT_REGION: &str = "US";

/// The longest profile name accepted.
pub const MAX_NAME_CHARS: usize = 64;

/// How the app follows a call's progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum StatusMethod {
    /// Ask SignalWire's voice log every few seconds (works everywhere, no public URL).
    Poll,
    /// Receive SignalWire's status webhooks (needs a public URL).
    Listen,
    /// Listen when a public URL is available, else poll.
    #[default]
    Auto,
}

impl StatusMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            StatusMethod::Poll => "poll",
            StatusMethod::Listen => "listen",
            StatusMethod::Auto => "auto",
        }
    }
}

impl fmt::Display for StatusMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for StatusMethod {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "poll" => Ok(StatusMethod::Poll),
            "listen" => Ok(StatusMethod::Listen),
            "auto" => Ok(StatusMethod::Auto),
            _ => Err(Error::InvalidProfile {
                field: "status method",
                reason: format!("\"{s}\" is not one of poll, listen, auto"),
            }),
        }
    }
}

/// A SignalWire project a person calls from, with their defaults. Stored in `settings.json`
/// under `profiles` (camelCase keys, shared with the desktop app).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    /// Unique among profiles (case-insensitively); names the keychain entries too.
    pub name: String,
    /// The Space's origin, normalised, e.g. `https://example.signalwire.com`.
    pub space_url: String,
    pub project_id: String,
    /// The caller ID calls use unless the person picks another (E.164).
    #[serde(default)]
    pub default_caller_id: Option<String>,
    /// ISO 3166 alpha-2 region for numbers typed without a country code.
    #[serde(default = "default_region")]
    pub default_region: String,
    #[serde(default)]
    pub status_method: StatusMethod,
    /// "Practice — no real calls": the profile points at the local practice space.
    #[serde(default)]
    pub practice: bool,
    /// The caller ID the last call used (E.164).
    #[serde(default)]
    pub last_caller_id: Option<String>,
    /// The person's own phone, for "call me first" (E.164).
    #[serde(default)]
    pub my_number: Option<String>,
    /// How long a call rings before it counts as unanswered, seconds (1–600). About 25 s keeps
    /// calls from reaching voicemail.
    #[serde(default = "default_ring_timeout")]
    pub ring_timeout_s: u32,
    /// The longest a call may last, seconds (SWML `answer.max_duration`).
    #[serde(default = "default_max_call")]
    pub max_call_s: u32,
    /// A public https URL that reaches this computer (a tunnel the person runs), for listening.
    #[serde(default)]
    pub public_url: Option<String>,
    /// Refuse status webhooks that carry no valid signature. Off by default: SignalWire does not
    /// promise to sign status callbacks, and the listener's secret path already authenticates them.
    #[serde(default)]
    pub require_signed_webhooks: bool,
    /// The IANA time zone (e.g. `America/Chicago`) reminder calls fall back to when neither a
    /// number's plan nor the recipient's row fixes one.
    #[serde(default)]
    pub time_zone: Option<String>,
}

/// The ring timeout a new profile gets.
pub const DEFAULT_RING_TIMEOUT_S: u32 = 25;
/// The longest call a new profile allows: one hour.
pub const DEFAULT_MAX_CALL_S: u32 = 60 * 60;

fn default_ring_timeout() -> u32 {
    DEFAULT_RING_TIMEOUT_S
}

fn default_max_call() -> u32 {
    DEFAULT_MAX_CALL_S
}

fn default_region() -> String {
    DEFAULT_REGION.to_owned()
}

impl Profile {
    /// A profile with the defaults (region US, status auto, not practice). Call
    /// [`Profile::normalised`] (or add it to the store, which does) before use.
    pub fn new(
        name: impl Into<String>,
        space_url: impl Into<String>,
        project_id: impl Into<String>,
    ) -> Self {
        Profile {
            name: name.into(),
            space_url: space_url.into(),
            project_id: project_id.into(),
            default_caller_id: None,
            default_region: default_region(),
            status_method: StatusMethod::default(),
            practice: false,
            last_caller_id: None,
            my_number: None,
            ring_timeout_s: DEFAULT_RING_TIMEOUT_S,
            max_call_s: DEFAULT_MAX_CALL_S,
            require_signed_webhooks: false,
            time_zone: None,
            public_url: None,
        }
    }

    /// The same profile with every field checked and put in canonical form: trimmed name, the
    /// Space URL as `SpaceUrl` writes it, upper-case region, E.164 numbers without spaces.
    pub fn normalised(mut self) -> Result<Self> {
        self.name = check_name(&self.name)?;
        self.space_url = SpaceUrl::parse(&self.space_url)?.as_str().to_owned();
        self.project_id = check_project_id(&self.project_id)?;
        self.default_region = check_region(&self.default_region)?;
        self.default_caller_id = check_number("default caller ID", self.default_caller_id)?;
        self.last_caller_id = check_number("last caller ID", self.last_caller_id)?;
        self.my_number = check_number("my number", self.my_number)?;
        self.ring_timeout_s = ring_timeout_s(i64::from(self.ring_timeout_s))?;
        self.max_call_s = max_call_s(i64::from(self.max_call_s))?;
        self.time_zone = match self.time_zone.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(zone) if jiff::tz::TimeZone::get(zone).is_ok() => Some(zone.to_owned()),
            Some(zone) => {
                return Err(Error::InvalidProfile {
                    field: "time zone",
                    reason: format!(
                        "\"{}\" is not an IANA time zone (such as Europe/London or America/New_York)",
                        crate::contacts::excerpt(zone)
                    ),
                });
            }
        };
        self.public_url = match self
            .public_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
        {
            None => None,
            Some(url) if crate::signalwire::has_userinfo(url) => {
                return Err(Error::InvalidProfile {
                    field: "public URL",
                    reason: format!(
                        "\"{}\" holds a user name or password; give it without them (the listener authenticates webhooks by a secret path)",
                        crate::signalwire::strip_userinfo(url)
                    ),
                });
            }
            Some(url) if url.starts_with("https://") && url::Url::parse(url).is_ok() => {
                Some(url.trim_end_matches('/').to_owned())
            }
            Some(url) => {
                return Err(Error::InvalidProfile {
                    field: "public URL",
                    reason: format!("\"{url}\" is not an https:// URL"),
                });
            }
        };
        Ok(self)
    }

    /// The Space, parsed.
    pub fn space(&self) -> Result<SpaceUrl> {
        SpaceUrl::parse(&self.space_url)
    }

    /// The caller ID to preselect: the last one used, else the default.
    pub fn preferred_caller_id(&self) -> Option<&str> {
        self.last_caller_id
            .as_deref()
            .or(self.default_caller_id.as_deref())
    }

    /// A SignalWire client for this profile with the given API token.
    pub fn client(&self, api_token: &Secret) -> Result<Client> {
        Client::new(
            self.space()?,
            Credentials::new(self.project_id.clone(), api_token.to_api_token()),
        )
    }

    /// A SignalWire client for this profile, its API token read from the keychain (blocks).
    pub fn client_from_vault(&self, vault: &Vault) -> Result<Client> {
        let token = vault.require(&self.name, SecretKind::ApiToken)?;
        self.client(&token)
    }
}

/// A ring timeout SignalWire accepts, in seconds (1–600); any integer a person typed is checked.
pub fn ring_timeout_s(seconds: i64) -> Result<u32> {
    match u32::try_from(seconds) {
        Ok(s) if (1..=600).contains(&s) => Ok(s),
        _ => Err(Error::InvalidProfile {
            field: "ring timeout",
            reason: format!("{seconds} s is outside 1–600 s"),
        }),
    }
}

/// A longest-call limit in seconds (10 s – 4 h), as SWML `answer.max_duration` takes it.
pub fn max_call_s(seconds: i64) -> Result<u32> {
    match u32::try_from(seconds) {
        Ok(s) if (10..=4 * 60 * 60).contains(&s) => Ok(s),
        _ => Err(Error::InvalidProfile {
            field: "maximum call length",
            reason: format!("{seconds} s is outside 10 s – 4 h"),
        }),
    }
}

/// A usable profile name: trimmed, 1–64 characters, no `/` (it separates the keychain entry's
/// parts) and no control characters.
pub fn check_name(name: &str) -> Result<String> {
    let invalid = |reason: String| Error::InvalidProfile {
        field: "profile name",
        reason,
    };
    let name = name.trim();
    if name.is_empty() {
        return Err(invalid(
            "it is empty; give the profile a short name such as work or home".to_owned(),
        ));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(invalid(format!(
            "it is longer than {MAX_NAME_CHARS} characters"
        )));
    }
    if name.contains(['/', '\\']) || name.chars().any(char::is_control) {
        return Err(invalid(format!(
            "\"{}\" holds a slash or a control character; use letters, digits, spaces, - or _",
            name.escape_debug()
        )));
    }
    Ok(name.to_owned())
}

fn check_project_id(project_id: &str) -> Result<String> {
    let project_id = project_id.trim();
    if project_id.is_empty() {
        return Err(Error::MissingCredential { what: "project ID" });
    }
    if project_id.contains(':') || project_id.chars().any(char::is_whitespace) {
        return Err(Error::InvalidProfile {
            field: "project ID",
            reason: "it holds a colon or a space; copy the project ID from your Space (Dashboard → API → Credentials)".to_owned(),
        });
    }
    Ok(project_id.to_owned())
}

/// An ISO 3166 alpha-2 region the phone-number metadata knows, upper-cased (`gb` → `GB`).
pub fn check_region(region: &str) -> Result<String> {
    let code = region.trim().to_ascii_uppercase();
    let invalid = || Error::InvalidProfile {
        field: "default region",
        reason: format!(
            "\"{}\" is not a two-letter country code such as US, GB or DE",
            region.trim()
        ),
    };
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(invalid());
    }
    let region = rlibphonenumber::Region::from_code(&code).map_err(|_| invalid())?;
    match rlibphonenumber::PHONE_NUMBER_UTIL.get_country_code_for_region(region) {
        Some(calling_code) if calling_code > 0 => Ok(code),
        _ => Err(invalid()),
    }
}

/// An optional E.164 number: blanks become `None`; spaces, dashes, dots and brackets are dropped.
fn check_number(field: &'static str, number: Option<String>) -> Result<Option<String>> {
    let Some(number) = number else {
        return Ok(None);
    };
    if number.trim().is_empty() {
        return Ok(None);
    }
    let compact = compact_number(&number);
    if !is_e164(&compact) {
        return Err(Error::InvalidProfile {
            field,
            reason: format!(
                "\"{}\" is not in international form; write it with + and the country code, e.g. +12065550100",
                number.trim()
            ),
        });
    }
    Ok(Some(compact))
}

/// A phone number without the separators people type: `+1 (206) 555-0100` → `+12065550100`.
pub fn compact_number(number: &str) -> String {
    number
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')' | '\u{a0}'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> Profile {
        Profile::new("  work ", "example.signalwire.com/", " proj-1 ")
    }

    #[test]
    fn normalising_canonicalises_every_field() {
        let mut p = draft();
        p.default_region = "gb".into();
        p.default_caller_id = Some("+1 (206) 555-0100".into());
        p.my_number = Some("  ".into());
        let p = p.normalised().unwrap();
        assert_eq!(p.name, "work");
        assert_eq!(p.space_url, "https://example.signalwire.com");
        assert_eq!(p.project_id, "proj-1");
        assert_eq!(p.default_region, "GB");
        assert_eq!(p.default_caller_id.as_deref(), Some("+12065550100"));
        assert_eq!(p.my_number, None);
    }

    #[test]
    fn a_public_url_with_a_password_is_refused_without_echoing_it() {
        let mut p = Profile::new("Work", "example", "p");
        p.public_url = Some("https://me:hunter2pw@calls.example.org".into());
        let err = p.normalised().unwrap_err().to_string();
        assert!(err.contains("user name or password"), "{err}");
        assert!(!err.contains("hunter2pw") && !err.contains("me:"), "{err}");
        let old: Profile = serde_json::from_value(serde_json::json!({
            "name": "Old", "spaceUrl": "https://example.signalwire.com", "projectId": "p"
        }))
        .unwrap();
        assert!(!old.require_signed_webhooks, "off unless asked for");
    }

    #[test]
    fn bad_fields_are_refused_by_name() {
        let cases: Vec<(Profile, &str)> = vec![
            (
                Profile::new(" ", "example", "p"),
                "profile name: it is empty",
            ),
            (Profile::new("a/b", "example", "p"), "slash"),
            (
                Profile::new("x".repeat(65), "example", "p"),
                "longer than 64",
            ),
            (Profile::new("w", "ftp://x", "p"), "not a usable Space URL"),
            (Profile::new("w", "example", " "), "project ID is empty"),
            (Profile::new("w", "example", "a:b"), "colon"),
            (
                Profile {
                    default_region: "USA".into(),
                    ..draft()
                },
                "default region: \"USA\" is not a two-letter country code",
            ),
            (
                Profile {
                    default_region: "ZZ".into(),
                    ..draft()
                },
                "\"ZZ\" is not a two-letter country code",
            ),
            (
                Profile {
                    default_caller_id: Some("2065550100".into()),
                    ..draft()
                },
                "default caller ID: \"2065550100\" is not in international form",
            ),
        ];
        for (profile, needle) in cases {
            let err = profile.clone().normalised().unwrap_err();
            assert!(err.to_string().contains(needle), "{profile:?}: {err}");
        }
    }

    #[test]
    fn serialises_with_the_app_s_camel_case_keys_and_defaults_missing_fields() {
        let p = draft().normalised().unwrap();
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["spaceUrl"], "https://example.signalwire.com");
        assert_eq!(json["defaultRegion"], "US");
        assert_eq!(json["statusMethod"], "auto");
        assert_eq!(json["practice"], false);
        let old: Profile = serde_json::from_str(
            r#"{"name":"a","spaceUrl":"https://x.signalwire.com","projectId":"p"}"#,
        )
        .unwrap();
        assert_eq!(old.default_region, "US");
        assert_eq!(old.status_method, StatusMethod::Auto);
    }

    #[test]
    fn status_method_parses_case_insensitively() {
        assert_eq!("Poll".parse::<StatusMethod>().unwrap(), StatusMethod::Poll);
        assert_eq!(
            "listen".parse::<StatusMethod>().unwrap(),
            StatusMethod::Listen
        );
        assert!("push".parse::<StatusMethod>().is_err());
    }

    #[test]
    fn preferred_caller_id_is_the_last_used_then_the_default() {
        let mut p = draft();
        assert_eq!(p.preferred_caller_id(), None);
        p.default_caller_id = Some("+12065550100".into());
        assert_eq!(p.preferred_caller_id(), Some("+12065550100"));
        p.last_caller_id = Some("+13125550142".into());
        assert_eq!(p.preferred_caller_id(), Some("+13125550142"));
    }
}
