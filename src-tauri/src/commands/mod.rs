//! IPC commands, one file per area. Each command is a few lines: call callpad-core, map the error.

pub mod app;
pub mod calls;
pub mod contacts;
pub mod history;
pub mod numbers;
pub mod profiles;
