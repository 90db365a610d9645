//! What the app holds while it runs: the data folder's stores, the keychain, and the active
//! profile's live calling session. Built once in `setup` and handed to commands.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use callpad_core::caller_ids::CallerIds;
use callpad_core::calls::Session;
use callpad_core::contacts::{ContactStore, ImportPreview};
use callpad_core::profiles::{Profile, Profiles, SettingsWarning};
use callpad_core::vault::Vault;
use rusqlite::Connection;

/// The active profile's connection to its Space.
pub struct Live {
    pub profile: Profile,
    pub session: Arc<Session>,
    /// Listed once per session; refreshed on request.
    pub caller_ids: Option<CallerIds>,
    /// The in-process practice space, when the profile is the practice one; held so it runs
    /// exactly as long as the session.
    pub _practice: Option<practice_space::RunningSpace>,
    pub forwarder: tauri::async_runtime::JoinHandle<()>,
}

impl Live {
    /// The profile's caller IDs, listed from the Space once per session or when `refresh` asks.
    pub async fn caller_ids(&mut self, refresh: bool) -> callpad_core::Result<CallerIds> {
        if refresh || self.caller_ids.is_none() {
            let listed =
                callpad_core::caller_ids::list_caller_ids(self.session.center.client()).await?;
            self.caller_ids = Some(listed);
        }
        Ok(self.caller_ids.clone().expect("just listed"))
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        self.forwarder.abort();
    }
}

/// Set to `1` to start on the practice profile when there is no profile yet.
pub const PRACTICE_WHEN_EMPTY_ENV: &str = "CALLPAD_PRACTICE_WHEN_EMPTY";

pub struct AppState {
    pub data_dir: PathBuf,
    pub vault: Vault,
    pub profiles: Mutex<Profiles>,
    /// Said once at start when the settings file could not be read.
    pub settings_warning: Mutex<Option<SettingsWarning>>,
    pub contacts: Mutex<ContactStore>,
    /// The pending import, between preview and commit.
    pub import: Mutex<Option<ImportPreview>>,
    /// A second connection to the same database, for call history.
    pub history: Arc<Mutex<Connection>>,
    pub live: tokio::sync::Mutex<Option<Live>>,
}

impl AppState {
    pub fn open(data_dir: PathBuf) -> callpad_core::Result<AppState> {
        let (mut profiles, warning) = Profiles::load(&data_dir)?;
        // `./x run` asks for the practice space when no account is configured, so a developer
        // lands on the dial pad; the installed app shows onboarding instead.
        if profiles.all().is_empty()
            && std::env::var_os(PRACTICE_WHEN_EMPTY_ENV).is_some_and(|v| v == "1")
        {
            profiles.add_practice()?;
        }
        let contacts = ContactStore::new(callpad_core::db::open_in(&data_dir)?)?;
        let history = callpad_core::db::open_in(&data_dir)?;
        Ok(AppState {
            data_dir,
            vault: Vault::new(),
            profiles: Mutex::new(profiles),
            settings_warning: Mutex::new(warning),
            contacts: Mutex::new(contacts),
            import: Mutex::new(None),
            history: Arc::new(Mutex::new(history)),
            live: tokio::sync::Mutex::new(None),
        })
    }

    /// The active profile's default region, for reading national numbers.
    pub fn region(&self) -> Option<String> {
        let profiles = self.profiles.lock().expect("profiles lock");
        profiles.active().map(|p| p.default_region.clone())
    }
}
