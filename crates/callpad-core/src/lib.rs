//! Callpad's domain, free of Tauri: everything the desktop app, the CLI and the tests share.
//! `app` is the use-case layer every driver calls (the window, the CLI, tests); the app crate
//! (`src-tauri`) only adapts it to IPC. Nothing here knows about windows.

pub mod app;
pub mod app_info;
pub mod app_settings;
pub mod calendar;
pub mod call_id;
pub mod caller_ids;
pub mod calls;
pub mod clock;
pub mod contacts;
pub mod db;
pub mod error;
mod error_code;
pub mod links;
pub mod numbers;
pub mod paths;
pub mod profiles;
pub mod reminders;
pub mod selection;
pub mod signalwire;
pub mod status;
pub mod swml;
pub mod vault;
pub mod vocabulary;

pub use error::{Error, ErrorCode, Result};
