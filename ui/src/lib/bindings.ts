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

export type Dialable = { "kind": "phone" } & PhoneNumber | { "kind": "sip" } & SipAddress;

export type PhoneNumber = { 
/**
 * What is dialled, e.g. `+442079460958`. Never includes the extension.
 */
e164: string, 
/**
 * Formatted for reading anywhere, e.g. `+44 20 7946 0958`.
 */
international: string, 
/**
 * Formatted as dialled inside its country, e.g. `020 7946 0958`.
 */
national: string, 
/**
 * ISO 3166 alpha-2 code of the number's region, e.g. `GB`; `001` for non-geographic
 * numbers such as +800 freephone. (The UI can name it with `Intl.DisplayNames`.)
 */
region: string, 
/**
 * Digits to dial once the call connects (`x123`, `ext. 123`, `;ext=123`, `#123`, `,,123`),
 * ASCII digits only. See [`send_digits_for_extension`].
 */
extension: string | null, 
/**
 * Exactly what was typed or pasted.
 */
typed: string, };

export type SipAddress = { 
/**
 * `sip:user@host[:port][;params]` (or `sips:`), scheme and host in lower case.
 */
uri: string, };
