//! What crosses IPC when a command fails: `{code, message}`, the code typed (`ErrorCode`, exported
//! to TypeScript) and both from callpad-core — the shell mints none. Messages never hold secrets.

use callpad_core::ErrorCode;
use serde::Serialize;
use ts_rs::TS;

/// An error as the UI receives it.
#[derive(Debug, Clone, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    pub code: ErrorCode,
    /// A sentence a person can act on.
    pub message: String,
    /// The form field it is about, in words (`"API token"`), when it is about one.
    pub field: Option<String>,
}

impl From<callpad_core::Error> for IpcError {
    fn from(err: callpad_core::Error) -> Self {
        let message = err.to_string();
        // Sentences start with a capital in the UI.
        let mut chars = message.chars();
        let message = match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => message,
        };
        Self {
            code: err.code(),
            message,
            field: err.field().map(str::to_owned),
        }
    }
}

impl From<callpad_core::numbers::NumberError> for IpcError {
    fn from(err: callpad_core::numbers::NumberError) -> Self {
        callpad_core::Error::from(err).into()
    }
}
