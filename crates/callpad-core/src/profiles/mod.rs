//! Profiles: which SignalWire Space and project Callpad calls from, the person's defaults, which
//! profile is active, and a connection test. Secrets are in [`crate::vault`]; numbers are elsewhere.
//!
//! ```no_run
//! # fn demo() -> callpad_core::Result<()> {
//! use callpad_core::profiles::{Profile, ProfileSecrets, Profiles};
//! use callpad_core::vault::{Secret, Vault};
//!
//! let (mut profiles, warning) = Profiles::load(&callpad_core::paths::data_dir()?)?;
//! if let Some(warning) = warning {
//!     eprintln!("{warning}");
//! }
//! let secrets = ProfileSecrets::new(Secret::new("PT…"));
//! profiles.add(&Vault::new(), Profile::new("work", "example", "project-id"), &secrets)?;
//! # Ok(())
//! # }
//! ```

mod connection_test;
mod patch;
mod profile;
pub(crate) mod settings_file;
mod store;

pub use connection_test::{ConnectionReport, test_connection};
pub use patch::ProfileSettingsPatch;
pub use profile::{
    DEFAULT_MAX_CALL_S, DEFAULT_REGION, DEFAULT_RING_TIMEOUT_S, MAX_NAME_CHARS, Profile,
    StatusMethod, check_name, check_region, compact_number, max_call_s, ring_timeout_s,
};
pub use settings_file::SETTINGS_FILE;
pub use store::{
    ACTIVE_PROFILE_KEY, PRACTICE_PROFILE_NAME, PROFILES_KEY, ProfileSecrets, Profiles,
    SettingsWarning,
};
