//! The stable, machine-readable kinds of [`crate::Error`], exported to TypeScript so the UI can
//! branch on a typed code (`ErrorCode`) instead of a string. The wording stays in `error.rs`.

use serde::Serialize;
use ts_rs::TS;

/// What kind of error happened; every [`crate::Error`] has exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    DataDir,
    InvalidSpaceUrl,
    MissingCredential,
    InvalidRequest,
    ClientSetup,
    Unauthorized,
    Forbidden,
    NotFound,
    Rejected,
    RateLimited,
    ServerError,
    UnexpectedStatus,
    Network,
    ConnectionLost,
    Timeout,
    BadResponse,
    DialOutcomeUnknown,
    InvalidNumber,
    KeychainUnavailable,
    KeychainLocked,
    Keychain,
    SecretMissing,
    SettingsWrite,
    InvalidProfile,
    InvalidAppSetting,
    SelectionUnreadable,
    ProfileExists,
    ProfileNotFound,
    NoActiveProfile,
    MissingScope,
    NotASpace,
    CallerIdNotAllowed,
    BadWebhook,
    Listener,
    HistoryExport,
    OptedOut,
    Database,
    DatabaseOpen,
    DatabaseTooNew,
    InvalidContact,
    ContactNotFound,
    ImportUnreadable,
    PracticeStart,
    CallInProgress,
    ImportNotFound,
    BadPayload,
    ExportWrite,
    InvalidCampaign,
    CampaignNotFound,
    AttemptOutOfOrder,
    Internal,
}

impl ErrorCode {
    /// The code as it crosses IPC and appears in `--json` output, e.g. `invalid_number`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::DataDir => "data_dir",
            ErrorCode::InvalidSpaceUrl => "invalid_space_url",
            ErrorCode::MissingCredential => "missing_credential",
            ErrorCode::InvalidRequest => "invalid_request",
            ErrorCode::ClientSetup => "client_setup",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Rejected => "rejected",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::ServerError => "server_error",
            ErrorCode::UnexpectedStatus => "unexpected_status",
            ErrorCode::Network => "network",
            ErrorCode::ConnectionLost => "connection_lost",
            ErrorCode::Timeout => "timeout",
            ErrorCode::BadResponse => "bad_response",
            ErrorCode::DialOutcomeUnknown => "dial_outcome_unknown",
            ErrorCode::InvalidNumber => "invalid_number",
            ErrorCode::KeychainUnavailable => "keychain_unavailable",
            ErrorCode::KeychainLocked => "keychain_locked",
            ErrorCode::Keychain => "keychain",
            ErrorCode::SecretMissing => "secret_missing",
            ErrorCode::SettingsWrite => "settings_write",
            ErrorCode::InvalidProfile => "invalid_profile",
            ErrorCode::InvalidAppSetting => "invalid_app_setting",
            ErrorCode::SelectionUnreadable => "selection_unreadable",
            ErrorCode::ProfileExists => "profile_exists",
            ErrorCode::ProfileNotFound => "profile_not_found",
            ErrorCode::NoActiveProfile => "no_active_profile",
            ErrorCode::MissingScope => "missing_scope",
            ErrorCode::NotASpace => "not_a_space",
            ErrorCode::CallerIdNotAllowed => "caller_id_not_allowed",
            ErrorCode::BadWebhook => "bad_webhook",
            ErrorCode::Listener => "listener",
            ErrorCode::HistoryExport => "history_export",
            ErrorCode::OptedOut => "opted_out",
            ErrorCode::Database => "database",
            ErrorCode::DatabaseOpen => "database_open",
            ErrorCode::DatabaseTooNew => "database_too_new",
            ErrorCode::InvalidContact => "invalid_contact",
            ErrorCode::ContactNotFound => "contact_not_found",
            ErrorCode::ImportUnreadable => "import_unreadable",
            ErrorCode::PracticeStart => "practice_start",
            ErrorCode::CallInProgress => "call_in_progress",
            ErrorCode::ImportNotFound => "import_not_found",
            ErrorCode::BadPayload => "bad_payload",
            ErrorCode::ExportWrite => "export_write",
            ErrorCode::InvalidCampaign => "invalid_campaign",
            ErrorCode::CampaignNotFound => "campaign_not_found",
            ErrorCode::AttemptOutOfOrder => "attempt_out_of_order",
            ErrorCode::Internal => "internal",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_names_are_the_codes() {
        for code in [
            ErrorCode::InvalidNumber,
            ErrorCode::DialOutcomeUnknown,
            ErrorCode::ServerError,
        ] {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
        }
    }
}
