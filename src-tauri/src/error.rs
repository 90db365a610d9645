//! The app crate's error: what crosses IPC when a command fails, as `{code, message}`.
//! Messages come from callpad-core and never contain secrets.

use serde::Serialize;
use ts_rs::TS;

/// An error as the UI receives it.
#[derive(Debug, Clone, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    /// A stable, machine-readable kind, e.g. `invalid_number`.
    pub code: String,
    /// A sentence a person can act on.
    pub message: String,
}

impl IpcError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.to_owned(),
            message: message.into(),
        }
    }
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
            code: err.code().to_owned(),
            message,
        }
    }
}

impl From<callpad_core::numbers::NumberError> for IpcError {
    fn from(err: callpad_core::numbers::NumberError) -> Self {
        callpad_core::Error::from(err).into()
    }
}
