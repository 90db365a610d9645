//! Callpad's domain, free of Tauri: everything the desktop app, the CLI and the tests share.
//! The app crate (`src-tauri`) only adapts these modules to IPC; nothing here knows about windows.

pub mod app_info;
pub mod call_id;
pub mod caller_ids;
pub mod calls;
pub mod clock;
pub mod contacts;
pub mod db;
pub mod error;
pub mod numbers;
pub mod paths;
pub mod profiles;
pub mod signalwire;
pub mod status;
pub mod swml;
pub mod vault;

pub use error::{Error, Result};
