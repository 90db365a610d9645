//! Reading what a person typed: the dial pad's live preview of exactly what will be dialled.

use callpad_core::numbers::{Dialable, parse_dialable};

use crate::error::IpcError;

/// What `input` dials, read in `region` when it is a national number.
#[tauri::command]
pub fn normalize_number(input: String, region: Option<String>) -> Result<Dialable, IpcError> {
    parse_dialable(&input, region.as_deref().filter(|r| !r.is_empty()))
        .map_err(|e| IpcError::from(callpad_core::Error::from(e)))
}
