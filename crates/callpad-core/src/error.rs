//! The one error type of callpad-core. Every variant's message says what went wrong and what to do;
//! none of them ever carries a secret.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

pub use crate::error_code::ErrorCode;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "the data folder {path} cannot be used ({source}); set CALLPAD_DATA_DIR to a folder you can write to"
    )]
    DataDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The Space URL a person typed is not one we can use.
    #[error("\"{input}\" is not a usable Space URL: {reason}")]
    InvalidSpaceUrl { input: String, reason: String },

    /// The project ID or API token is empty.
    #[error(
        "the {what} is empty; copy it from your SignalWire Space (Dashboard → API → Credentials)"
    )]
    MissingCredential { what: &'static str },

    /// A request was refused here, before anything was sent, because SignalWire would refuse it too.
    #[error("{field}: {reason}")]
    InvalidRequest { field: &'static str, reason: String },

    /// The HTTP client could not be set up (TLS backend or the like); nothing was sent.
    #[error("the HTTPS client could not start ({detail}); nothing was sent")]
    ClientSetup { detail: String },

    /// 401.
    #[error(
        "SignalWire refused the credentials (401{}): check the project ID and API token; the token needs the Voice scope (and Numbers for phone numbers)",
        suffix(detail)
    )]
    Unauthorized { detail: Option<String> },

    /// 403.
    #[error(
        "SignalWire refused this request (403{}): the API token lacks the scope for it (Voice for calls, Numbers for phone numbers) or the project may not use this feature; adjust the token in your Space",
        suffix(detail)
    )]
    Forbidden { detail: Option<String> },

    /// 404.
    #[error(
        "SignalWire has no {what} (404{}); check the ID, or wait a few seconds if it is a call just placed",
        suffix(detail)
    )]
    NotFound {
        what: String,
        detail: Option<String>,
    },

    /// 400 or 422: the request was understood and refused; every reason SignalWire gave is listed.
    #[error("SignalWire rejected the request ({status}): {}", ApiErrorList(errors))]
    Rejected {
        status: u16,
        errors: Vec<ApiErrorEntry>,
    },

    /// 429 that outlasted the retries (or came from a dial, which is never retried).
    #[error("SignalWire is limiting how fast this project may send requests (429); {}", wait_advice(*retry_after))]
    RateLimited { retry_after: Option<Duration> },

    /// 5xx that outlasted the retries.
    #[error(
        "SignalWire had a problem on its side ({status}{}); try again in a minute",
        suffix(detail)
    )]
    Server { status: u16, detail: Option<String> },

    /// Any other status we do not expect from this endpoint.
    #[error(
        "SignalWire answered with an unexpected status {status}{}",
        suffix(detail)
    )]
    UnexpectedStatus { status: u16, detail: Option<String> },

    /// No connection could be made, so nothing was sent.
    #[error(
        "cannot reach {host}: {problem} ({detail}); nothing was sent, so it is safe to try again"
    )]
    Network {
        host: String,
        problem: NetworkProblem,
        detail: String,
    },

    /// The connection broke after the request went out (idempotent requests only; a dial says
    /// [`Error::DialOutcomeUnknown`] instead).
    #[error(
        "the connection to {host} broke before SignalWire answered ({detail}); check your network and try again"
    )]
    ConnectionLost { host: String, detail: String },

    /// No answer in time (idempotent requests only; a dial says [`Error::DialOutcomeUnknown`]).
    #[error(
        "SignalWire did not answer within {} s; check your network or SignalWire's status page and try again",
        after.as_secs_f32()
    )]
    Timeout { after: Duration },

    /// A 2xx answer whose body is not what the contract describes.
    #[error("SignalWire's answer ({status}) could not be read: {detail}")]
    UndecodableResponse { status: u16, detail: String },

    /// A dial whose request may have reached SignalWire but whose result we do not know.
    /// Never retried: a second dial could ring the person twice.
    #[error(
        "the call may have been placed ({reason}); check the call history before calling again"
    )]
    DialOutcomeUnknown { reason: String },

    /// What was typed is not a number or SIP address that can be dialled; says why and what to do.
    #[error(transparent)]
    Number(#[from] crate::numbers::NumberError),

    /// No OS keychain could be reached (no Secret Service, no session bus). Secrets never fall
    /// back to a file.
    #[error(
        "no OS keychain is available ({detail}): on Linux start a Secret Service such as gnome-keyring (and unlock it), then try again; Callpad keeps secrets only in the OS keychain, never in a file"
    )]
    KeychainUnavailable { detail: String },

    /// The keychain is there but locked (or the unlock prompt was dismissed).
    #[error(
        "the keychain is locked ({detail}): unlock it (on Linux your login keyring, e.g. in Seahorse or with gnome-keyring-daemon --unlock) and try again"
    )]
    KeychainLocked { detail: String },

    /// Any other keychain failure. Never carries the secret.
    #[error("the OS keychain failed ({detail}); nothing was changed, try again")]
    Keychain { detail: String },

    /// A profile's secret is not in the keychain (removed by hand, or another computer's profile).
    #[error(
        "the {what} of profile \"{profile}\" is not in the OS keychain; enter it again (Settings, or `callpad profile remove` then `callpad profile add`)"
    )]
    SecretMissing { profile: String, what: &'static str },

    /// The settings file could not be written; the previous file is untouched.
    #[error(
        "the settings file {path} could not be saved ({source}); the previous settings are untouched; check the data folder's permissions and free space"
    )]
    SettingsWrite {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A profile field a person entered is not usable.
    #[error("{field}: {reason}")]
    InvalidProfile { field: &'static str, reason: String },

    /// An app setting (theme, hotkeys, tray, links) a person entered is not usable.
    #[error("{field}: {reason}")]
    InvalidAppSetting { field: &'static str, reason: String },

    /// The selected text or the clipboard could not be read.
    #[error("the selected text could not be read: {reason}")]
    SelectionUnreadable { reason: String },

    #[error(
        "a profile named \"{name}\" already exists; pick another name or remove that one first"
    )]
    ProfileExists { name: String },

    #[error("there is no profile named \"{name}\"{}", known_profiles(known))]
    ProfileNotFound { name: String, known: Vec<String> },

    #[error(
        "no profile is active; add one (Settings, or `callpad profile add`) or choose one (`callpad profile use NAME`)"
    )]
    NoActiveProfile,

    /// The credentials are right but the token may not use this API.
    #[error(
        "the project ID and API token are right, but the token lacks the {scope} scope; edit the token in your Space (API → Tokens), tick {scope}, and try again"
    )]
    MissingScope { scope: &'static str },

    /// The address answers, but not like a SignalWire Space.
    #[error(
        "{space} did not answer like a SignalWire Space ({detail}); check the Space URL, e.g. https://example.signalwire.com"
    )]
    NotASpace { space: String, detail: String },

    /// A caller ID the project neither owns (with voice) nor has verified.
    #[error("{number} cannot be used as caller ID: {reason}")]
    CallerIdNotAllowed { number: String, reason: String },

    /// A status webhook body that is not a call state event (the listener answers 400).
    #[error("the status webhook was refused: {reason}")]
    BadWebhook { reason: String },

    /// The local status listener could not start.
    #[error(
        "the local status listener could not start: {detail}; Callpad will poll for call status instead"
    )]
    Listener { detail: String },

    /// Call history could not be written out.
    #[error("call history could not be exported: {detail}")]
    HistoryExport { detail: String },

    /// The number is marked "do not call" on a contact; every dialling path honours it.
    #[error(
        "{number} is marked \"do not call\" in your contacts; clear the opt-out on the contact if you really must call"
    )]
    OptedOut { number: String },

    /// The local database (contacts, history) could not be read or written; nothing half-written
    /// is kept, since every write is one transaction.
    #[error(
        "the local database failed ({0}); nothing was half-saved; check free disk space and the data folder's permissions, then try again"
    )]
    Database(#[from] rusqlite::Error),

    /// The database file could not be opened.
    #[error(
        "the database {path} cannot be opened ({source}); check that the data folder is writable, or set CALLPAD_DATA_DIR to another folder"
    )]
    DatabaseOpen {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },

    /// The database was written by a newer Callpad.
    #[error(
        "the database {path} was written by a newer Callpad (schema {found}; this one knows up to {known}); update Callpad to open it"
    )]
    DatabaseTooNew {
        path: PathBuf,
        found: u32,
        known: u32,
    },

    /// A contact that cannot be saved as given: which field, and what is wrong with it.
    #[error("{field}: {reason}")]
    InvalidContact { field: String, reason: String },

    /// No contact has this id.
    #[error("there is no contact with id {id}; it may have been deleted")]
    ContactNotFound { id: i64 },

    /// A file that cannot be imported at all (bad rows in a good file are listed, not errors).
    #[error("this file cannot be imported: {reason}")]
    ImportUnreadable { reason: String },
    /// The practice space on this computer could not start.
    #[error(
        "the practice space could not start ({detail}); close other copies of Callpad or free a local port, then try again"
    )]
    PracticeStart { detail: String },

    /// One call at a time: a call is still live.
    #[error("a call is still live ({call}); hang it up (Esc) before placing another")]
    CallInProgress { call: String },

    /// The import being committed is not the one previewed (or was already imported).
    #[error(
        "that import is no longer waiting (it was imported, cancelled or replaced); choose the file again"
    )]
    ImportNotFound,

    /// The window sent something that could not be read (e.g. a file that was not passed whole).
    #[error("{what} could not be read ({detail}); try again")]
    BadPayload { what: &'static str, detail: String },

    /// An export could not be written where the person chose; says why in words.
    #[error("the export could not be saved as {}: {reason}", path.display())]
    ExportWrite { path: PathBuf, reason: String },

    /// A reminder campaign that cannot be created as given: which setting, and what is wrong.
    #[error("{field}: {reason}")]
    InvalidCampaign { field: String, reason: String },

    /// No reminder campaign has this id.
    #[error("there is no reminder campaign with id {id}; `callpad remind list` shows them")]
    CampaignNotFound { id: i64 },

    /// A reminder attempt was asked to move backwards or twice (a bug, or two runners at once).
    #[error("reminder attempt {attempt} cannot move to {to}: {detail}; nothing was changed")]
    AttemptOutOfOrder {
        attempt: i64,
        to: &'static str,
        detail: String,
    },

    /// A task inside Callpad stopped unexpectedly.
    #[error(
        "a task inside Callpad stopped unexpectedly ({detail}); try again, and restart Callpad if it keeps happening"
    )]
    Internal { detail: String },
}

impl Error {
    /// The form field the error is about, in words (`"API token"`, `"default region"`), so a
    /// form can show the message on that field; `None` when it is about no one field.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::InvalidSpaceUrl { .. } => Some("Space URL"),
            Error::MissingCredential { what } => Some(what),
            Error::InvalidRequest { field, .. }
            | Error::InvalidProfile { field, .. }
            | Error::InvalidAppSetting { field, .. } => Some(field),
            Error::CallerIdNotAllowed { .. } => Some("caller ID"),
            Error::InvalidContact { field, .. } if field == "name" => Some("name"),
            _ => None,
        }
    }

    /// A stable, machine-readable name for the kind of error (the app maps it onto IPC errors).
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::DataDir { .. } => ErrorCode::DataDir,
            Error::InvalidSpaceUrl { .. } => ErrorCode::InvalidSpaceUrl,
            Error::MissingCredential { .. } => ErrorCode::MissingCredential,
            Error::InvalidRequest { .. } => ErrorCode::InvalidRequest,
            Error::ClientSetup { .. } => ErrorCode::ClientSetup,
            Error::Unauthorized { .. } => ErrorCode::Unauthorized,
            Error::Forbidden { .. } => ErrorCode::Forbidden,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Rejected { .. } => ErrorCode::Rejected,
            Error::RateLimited { .. } => ErrorCode::RateLimited,
            Error::Server { .. } => ErrorCode::ServerError,
            Error::UnexpectedStatus { .. } => ErrorCode::UnexpectedStatus,
            Error::Network { .. } => ErrorCode::Network,
            Error::ConnectionLost { .. } => ErrorCode::ConnectionLost,
            Error::Timeout { .. } => ErrorCode::Timeout,
            Error::UndecodableResponse { .. } => ErrorCode::BadResponse,
            Error::DialOutcomeUnknown { .. } => ErrorCode::DialOutcomeUnknown,
            Error::Number(_) => ErrorCode::InvalidNumber,
            Error::KeychainUnavailable { .. } => ErrorCode::KeychainUnavailable,
            Error::KeychainLocked { .. } => ErrorCode::KeychainLocked,
            Error::Keychain { .. } => ErrorCode::Keychain,
            Error::SecretMissing { .. } => ErrorCode::SecretMissing,
            Error::SettingsWrite { .. } => ErrorCode::SettingsWrite,
            Error::ExportWrite { .. } => ErrorCode::ExportWrite,
            Error::InvalidProfile { .. } => ErrorCode::InvalidProfile,
            Error::InvalidAppSetting { .. } => ErrorCode::InvalidAppSetting,
            Error::SelectionUnreadable { .. } => ErrorCode::SelectionUnreadable,
            Error::ProfileExists { .. } => ErrorCode::ProfileExists,
            Error::ProfileNotFound { .. } => ErrorCode::ProfileNotFound,
            Error::NoActiveProfile => ErrorCode::NoActiveProfile,
            Error::MissingScope { .. } => ErrorCode::MissingScope,
            Error::NotASpace { .. } => ErrorCode::NotASpace,
            Error::CallerIdNotAllowed { .. } => ErrorCode::CallerIdNotAllowed,
            Error::BadWebhook { .. } => ErrorCode::BadWebhook,
            Error::Listener { .. } => ErrorCode::Listener,
            Error::HistoryExport { .. } => ErrorCode::HistoryExport,
            Error::OptedOut { .. } => ErrorCode::OptedOut,
            Error::Database(_) => ErrorCode::Database,
            Error::DatabaseOpen { .. } => ErrorCode::DatabaseOpen,
            Error::DatabaseTooNew { .. } => ErrorCode::DatabaseTooNew,
            Error::InvalidContact { .. } => ErrorCode::InvalidContact,
            Error::ContactNotFound { .. } => ErrorCode::ContactNotFound,
            Error::ImportUnreadable { .. } => ErrorCode::ImportUnreadable,
            Error::PracticeStart { .. } => ErrorCode::PracticeStart,
            Error::CallInProgress { .. } => ErrorCode::CallInProgress,
            Error::ImportNotFound => ErrorCode::ImportNotFound,
            Error::BadPayload { .. } => ErrorCode::BadPayload,
            Error::InvalidCampaign { .. } => ErrorCode::InvalidCampaign,
            Error::CampaignNotFound { .. } => ErrorCode::CampaignNotFound,
            Error::AttemptOutOfOrder { .. } => ErrorCode::AttemptOutOfOrder,
            Error::Internal { .. } => ErrorCode::Internal,
        }
    }

    /// True when the error is about what the person asked for (a bad number, a caller ID the
    /// project cannot use, a missing setting, an unknown profile) and was caught before anything
    /// was sent: the CLI exits with its usage code (2) for these.
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            Error::InvalidSpaceUrl { .. }
                | Error::MissingCredential { .. }
                | Error::InvalidRequest { .. }
                | Error::Number(_)
                | Error::InvalidProfile { .. }
                | Error::InvalidAppSetting { .. }
                | Error::ProfileExists { .. }
                | Error::ProfileNotFound { .. }
                | Error::NoActiveProfile
                | Error::CallerIdNotAllowed { .. }
                | Error::OptedOut { .. }
                | Error::CallInProgress { .. }
                | Error::InvalidContact { .. }
                | Error::ContactNotFound { .. }
                | Error::ImportUnreadable { .. }
                | Error::InvalidCampaign { .. }
                | Error::CampaignNotFound { .. }
        )
    }

    /// True when SignalWire refused the request (400/422) with this error code.
    pub fn has_api_code(&self, code: &str) -> bool {
        matches!(self, Error::Rejected { errors, .. }
            if errors.iter().any(|e| e.code.as_deref() == Some(code)))
    }

    /// True when a dial may have placed a call although it reported an error.
    pub fn call_may_have_been_placed(&self) -> bool {
        matches!(self, Error::DialOutcomeUnknown { .. })
    }
}

/// Why no connection could be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkProblem {
    /// The host name could not be resolved (offline, or a mistyped Space).
    Dns,
    /// The host answered that nothing listens there.
    Refused,
    /// No route to the host (offline).
    Unreachable,
    /// The TLS handshake failed (certificate, proxy, clock).
    Tls,
    /// The connection could not be opened in time.
    ConnectTimeout,
    /// Anything else before the request went out.
    Other,
}

impl fmt::Display for NetworkProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NetworkProblem::Dns => {
                "the name could not be looked up (are you offline, or is the Space name mistyped?)"
            }
            NetworkProblem::Refused => "the connection was refused",
            NetworkProblem::Unreachable => "the network is unreachable (are you offline?)",
            NetworkProblem::Tls => {
                "the secure connection could not be set up (check the computer's clock and any proxy)"
            }
            NetworkProblem::ConnectTimeout => "the connection could not be opened in time",
            NetworkProblem::Other => "the connection failed",
        })
    }
}

/// One reason SignalWire gave for refusing a request. Both documented shapes land here: the calling
/// API's `{type, code, message, attribute, url}` and the relay REST API's `{detail, status, title, code}`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApiErrorEntry {
    /// Machine code such as `not_valid_for_caller_id`.
    pub code: Option<String>,
    /// The human text (`message`, else `detail`, else `title`).
    pub message: String,
    /// The request field it is about, when SignalWire says.
    pub attribute: Option<String>,
    /// A documentation link, when SignalWire gives one.
    pub doc_url: Option<String>,
}

impl ApiErrorEntry {
    /// What a person can do about a code SignalWire documents, if anything specific.
    pub fn hint(&self) -> Option<&'static str> {
        Some(match self.code.as_deref()? {
            "not_purchased_or_verified" => {
                "the caller ID is not a number this project owns or has verified; pick one from the project's numbers or verify it in your Space"
            }
            "number_not_verified" => {
                "the from number is not a number this project owns or has verified; pick one from the project's numbers or verify it in your Space"
            }
            "not_voice_capable" => {
                "this project's number cannot make calls (no voice capability); pick another caller ID"
            }
            "not_valid_for_caller_id" => {
                "the caller ID is not written as one: use E.164 such as +12065550100, or a SIP URI"
            }
            "not_routable" | "invalid_pstn_destination" => {
                "the number called cannot be reached through SignalWire; check it"
            }
            "invalid_state" | "cannot_cancel_in_progress" | "cannot_update_completed" => {
                "the call is no longer in a state that allows this"
            }
            "invalid_custom_variable_name" => {
                "a custom variable's name must start with a letter or _ and hold only letters, digits and _"
            }
            "reserved_custom_variable_name" => {
                "custom variable names may not start with signalwire_, sw_, rtc_ or internal_"
            }
            "too_many_custom_variables" => "at most 20 custom variables are allowed",
            "custom_variable_value_too_long" => {
                "a custom variable's value must be 1 to 1,024 bytes"
            }
            "insufficient_balance" => "add funds to the SignalWire account",
            "rate_limit_exceeded" => "slow down and try again shortly",
            "max_queued_calls_exceeded" => "too many calls are waiting; try again later",
            "account_limit_exceeded" => "the account has hit a limit; check it in your Space",
            _ => return None,
        })
    }
}

impl fmt::Display for ApiErrorEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(attribute) = &self.attribute {
            write!(f, "{attribute}: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(code) = &self.code
            && *code != self.message
        {
            write!(f, " [{code}]")?;
        }
        if let Some(hint) = self.hint() {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

struct ApiErrorList<'a>(&'a [ApiErrorEntry]);

impl fmt::Display for ApiErrorList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("no reason given");
        }
        for (i, entry) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{entry}")?;
        }
        Ok(())
    }
}

fn suffix(detail: &Option<String>) -> String {
    match detail {
        Some(d) if !d.is_empty() => format!(", \"{d}\""),
        _ => String::new(),
    }
}

fn known_profiles(known: &[String]) -> String {
    if known.is_empty() {
        "; no profile is set up yet".to_owned()
    } else {
        format!("; the profiles are: {}", known.join(", "))
    }
}

fn wait_advice(retry_after: Option<Duration>) -> String {
    match retry_after {
        Some(wait) => format!("wait {} s and try again", wait.as_secs().max(1)),
        None => "wait a few seconds and try again".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejected_lists_every_entry_with_its_attribute_and_hint() {
        let err = Error::Rejected {
            status: 422,
            errors: vec![
                ApiErrorEntry {
                    code: Some("missing_required_parameter".into()),
                    message: "url or swml is required".into(),
                    attribute: Some("url".into()),
                    doc_url: None,
                },
                ApiErrorEntry {
                    code: Some("not_valid_for_caller_id".into()),
                    message: "Caller ID is not valid".into(),
                    attribute: Some("caller_id".into()),
                    doc_url: None,
                },
            ],
        };
        let msg = err.to_string();
        assert!(
            msg.contains("url: url or swml is required [missing_required_parameter]"),
            "{msg}"
        );
        assert!(
            msg.contains("caller_id: Caller ID is not valid [not_valid_for_caller_id]"),
            "{msg}"
        );
        assert!(msg.contains("use E.164"), "{msg}");
        assert_eq!(err.code(), "rejected");
        // The ownership codes each get their own words, apart from the format error.
        let hint = |code: &str| {
            ApiErrorEntry {
                code: Some(code.into()),
                ..ApiErrorEntry::default()
            }
            .hint()
            .unwrap()
        };
        assert!(hint("not_purchased_or_verified").contains("owns or has verified"));
        assert!(hint("number_not_verified").contains("from number"));
        assert!(hint("not_voice_capable").contains("no voice capability"));
        assert_ne!(
            hint("not_valid_for_caller_id"),
            hint("not_purchased_or_verified")
        );
    }

    #[test]
    fn unauthorized_says_what_to_check() {
        let msg = Error::Unauthorized {
            detail: Some("Unauthorized".into()),
        }
        .to_string();
        assert!(msg.contains("check the project ID and API token"), "{msg}");
        assert!(msg.contains("Voice scope"), "{msg}");
        assert!(msg.contains("Numbers"), "{msg}");
    }

    #[test]
    fn rate_limited_says_how_long() {
        let msg = Error::RateLimited {
            retry_after: Some(Duration::from_secs(7)),
        }
        .to_string();
        assert!(msg.contains("wait 7 s"), "{msg}");
    }

    #[test]
    fn dial_outcome_unknown_says_check_history() {
        let err = Error::DialOutcomeUnknown {
            reason: "no answer within 30 s".into(),
        };
        assert!(err.to_string().contains("may have been placed"));
        assert!(
            err.to_string()
                .contains("check the call history before calling again")
        );
        assert!(err.call_may_have_been_placed());
        assert_eq!(err.code(), "dial_outcome_unknown");
    }

    #[test]
    fn network_error_says_nothing_was_sent() {
        let err = Error::Network {
            host: "example.signalwire.com".into(),
            problem: NetworkProblem::Dns,
            detail: "dns error".into(),
        };
        let msg = err.to_string();
        assert!(msg.contains("nothing was sent"), "{msg}");
        assert!(msg.contains("offline"), "{msg}");
        assert!(!err.call_may_have_been_placed());
    }
}
