//! Callpad's domain, free of Tauri: everything the desktop app, the CLI and the tests share.
//! The app crate (`src-tauri`) only adapts these modules to IPC; nothing here knows about windows.

pub mod app_info;
pub mod error;
pub mod paths;
pub mod signalwire;
pub mod swml;

pub use error::{Error, Result};
