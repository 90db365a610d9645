//! IPC commands, one file per area, each one line that calls `callpad_core::app::Callpad`; the
//! list of names is `command_list.rs`. Errors cross as `{code, message}` (see `error.rs`).

mod app;
mod calls;
mod contacts;
mod desktop;
mod history;
mod links;
mod profiles;

pub use app::*;
pub use calls::*;
pub use contacts::*;
pub use desktop::*;
pub use history::*;
pub use links::*;
pub use profiles::*;

/// The state every command gets.
pub type Core<'a> = tauri::State<'a, std::sync::Arc<callpad_core::app::Callpad>>;
