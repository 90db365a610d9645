//! The app crate's error: what crosses IPC when a command fails, as `{code, message}`.
//! Messages come from callpad-core and never contain secrets.

use serde::Serialize;
use ts_rs::TS;

/// An error as the UI receives it.
#[derive(Debug, Clone, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    /// A stable, machine-readable kind, e.g. `data_dir`.
    pub code: String,
    /// A sentence a person can act on.
    pub message: String,
}

impl From<callpad_core::Error> for IpcError {
    fn from(err: callpad_core::Error) -> Self {
        Self {
            code: err.code().to_owned(),
            message: err.to_string(),
        }
    }
}
