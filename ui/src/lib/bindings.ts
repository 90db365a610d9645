// Generated from the Rust types by src-tauri/src/ipc_types.rs. Do not edit by hand:
// run `CALLPAD_UPDATE_BINDINGS=1 cargo test -p callpad-app bindings` after changing them.

export type AppInfo = { name: string, version: string, 
/**
 * The folder holding contacts, history and preferences (never secrets).
 */
dataDir: string, };

export type IpcError = { 
/**
 * A stable, machine-readable kind, e.g. `data_dir`.
 */
code: string, 
/**
 * A sentence a person can act on.
 */
message: string, };
