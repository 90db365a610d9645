//! The use-case layer: one [`Callpad`] per data folder, with one method per thing a person does —
//! place a call, hang up, use a profile, change its settings, import contacts, record a test
//! result. The window (`src-tauri`), the CLI and the tests all call these methods, so every rule
//! lives here once; what differs between them comes in through [`Host`].
//!
//! - `host.rs`: the traits a driver plugs in (practice launcher, events, notifier, clock)
//! - `live.rs`: opening a profile's session, forwarding updates, the one live call
//! - `numbers.rs`: the dial pad's preview (with do-not-call), numbers for reading, regions
//! - `calls.rs`: connect, caller IDs, place a call, hang up, look a number up
//! - `profiles.rs`: the masked overview, add / remove / use / change settings / test / practice
//! - `contacts.rs`: search, edit, import (preview by id, then commit), export
//! - `history.rs`: list, caller-ID test results, export
//! - `links.rs`: a tel:/callto:/sip: link handed to Callpad, kept until the window takes it
//! - `desktop.rs`: app settings, numbers from the selection, favourites, pausing notifications
//! - `tray.rs`: the tray menu's entries and what each does
//! - `files.rs`: writing an export where the person chose, whole or not at all

mod calls;
mod contacts;
mod desktop;
mod files;
mod history;
mod host;
mod links;
mod live;
mod numbers;
mod profiles;
pub mod reminders;
mod tray;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rusqlite::Connection;
use tokio::sync::broadcast;

use crate::Result;
use crate::app_info::AppInfo;
use crate::calls::CallUpdate;
use crate::contacts::ContactStore;
use crate::profiles::{Profiles, SettingsWarning};
use crate::vault::Vault;

pub use calls::{CallStarted, CallerIdPicker};
pub use contacts::{ExportFormat, ImportPlan, ImportWords};
pub use desktop::{
    AppSettingsView, Desktop, DesktopDial, DesktopStatus, FAVOURITES_SHOWN, Favourite, NoDesktop,
};
pub use history::{CallerIdTestResult, HistoryFormat, HistoryRow};
pub use host::{
    EventSink, Host, HostFuture, InProcessPractice, NoEvents, NoNotices, Notifier,
    PRACTICE_SPEED_ENV, PracticeLauncher, PracticeSpace,
};
pub use links::{LinkDial, LinkOutcome, LinkRefused};
pub use live::{SessionOverrides, SessionTarget};
pub use numbers::{NumberPreview, RegionChoice, for_reading, region_choices};
pub use profiles::{ConnectionPatch, NewProfile, ProfileSummary, ProfilesOverview, SpaceConnected};
pub use tray::{RECENT_SHOWN, TrayAction, TrayEntry, TrayMenu, TrayOutcome, tray_error};

/// Set to `1` to start on the practice profile when there is no profile yet (`./x run`).
pub const PRACTICE_WHEN_EMPTY_ENV: &str = "CALLPAD_PRACTICE_WHEN_EMPTY";

/// Callpad for one data folder: its profiles, keychain, contacts, call history, the session of the
/// profile in use and the live call. Share it behind an `Arc`; every method takes `&self`.
pub struct Callpad {
    data_dir: PathBuf,
    host: Host,
    vault: Vault,
    profiles: Mutex<Profiles>,
    /// Said once at start when the settings file could not be read.
    settings_warning: Mutex<Option<SettingsWarning>>,
    /// The database, opened on first use (so a verb that only changes settings writes nothing
    /// else) or by [`Callpad::open_database`] at the window's start.
    stores: std::sync::OnceLock<Stores>,
    imports: Mutex<contacts::PendingImports>,
    live: tokio::sync::Mutex<Option<live::Live>>,
    call: live::CallSlot,
    ended: live::Ended,
    updates: broadcast::Sender<CallUpdate>,
    /// The last phone link opened, until the window takes it.
    link: Mutex<Option<LinkOutcome>>,
    /// Desktop notices paused from the tray (until Callpad quits).
    notifications_paused: Arc<std::sync::atomic::AtomicBool>,
}

/// The data folder's database: contacts (with their search index) and a second connection for
/// call history.
struct Stores {
    contacts: Mutex<ContactStore>,
    history: Arc<Mutex<Connection>>,
    /// Set when the database file was damaged and kept aside at open.
    damaged: Option<crate::db::DamagedDatabase>,
}

/// How to open a data folder.
#[derive(Clone, Default)]
pub struct OpenOptions {
    /// Add and use the practice profile when there is no profile at all.
    pub practice_when_empty: bool,
    /// The keychain (tests use their own service name).
    pub vault: Option<Vault>,
}

impl Callpad {
    /// Opens the data folder: settings (an unreadable file is kept aside and reported in the
    /// overview), the database, and nothing on the network yet.
    pub fn open(data_dir: &Path, mut host: Host, options: OpenOptions) -> Result<Callpad> {
        let (mut profiles, warning) = Profiles::load(data_dir)?;
        let notifications_paused = Arc::new(std::sync::atomic::AtomicBool::new(false));
        host.notifier = Arc::new(host::GatedNotifier {
            inner: host.notifier,
            data_dir: data_dir.to_owned(),
            paused: notifications_paused.clone(),
        });
        if profiles.all().is_empty() && options.practice_when_empty {
            profiles.add_practice()?;
        }
        let (updates, _) = broadcast::channel(256);
        Ok(Callpad {
            data_dir: data_dir.to_owned(),
            host,
            vault: options.vault.unwrap_or_default(),
            profiles: Mutex::new(profiles),
            settings_warning: Mutex::new(warning),
            stores: std::sync::OnceLock::new(),
            imports: Mutex::new(contacts::PendingImports::default()),
            live: tokio::sync::Mutex::new(None),
            call: Arc::new(Mutex::new(None)),
            ended: Arc::default(),
            updates,
            link: Mutex::new(None),
            notifications_paused,
        })
    }

    /// The data folder this Callpad keeps its files in.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Version and data folder, for the window's footer and About.
    pub fn app_info(&self) -> AppInfo {
        AppInfo::new(&self.data_dir)
    }

    /// Every call's changes from now on (the CLI's `--wait` follows its call this way).
    pub fn subscribe(&self) -> broadcast::Receiver<CallUpdate> {
        self.updates.subscribe()
    }

    /// Opens the database now (contacts, call history) instead of at first use, so a damaged
    /// file is reported at start.
    pub fn open_database(&self) -> Result<()> {
        self.stores().map(|_| ())
    }

    fn stores(&self) -> Result<&Stores> {
        if let Some(stores) = self.stores.get() {
            return Ok(stores);
        }
        // The first connection judges the file: a damaged one is kept aside and reported.
        let opened = crate::db::open_in_checked(&self.data_dir)?;
        let contacts = ContactStore::new(opened.conn)?;
        let history = crate::db::open_in(&self.data_dir)?;
        Ok(self.stores.get_or_init(|| Stores {
            contacts: Mutex::new(contacts),
            history: Arc::new(Mutex::new(history)),
            damaged: opened.damaged,
        }))
    }

    /// The database file was damaged when it was opened: what was wrong, where it was kept.
    pub fn database_problem(&self) -> Option<crate::db::DamagedDatabase> {
        self.stores.get().and_then(|s| s.damaged.clone())
    }

    fn contacts(&self) -> Result<std::sync::MutexGuard<'_, ContactStore>> {
        Ok(self.stores()?.contacts.lock().expect("contacts lock"))
    }

    fn history_db(&self) -> Result<Arc<Mutex<Connection>>> {
        Ok(self.stores()?.history.clone())
    }

    fn now_ms(&self) -> i64 {
        self.host.clock.now_ms()
    }

    /// The region numbers without a country code are read in: the active profile's.
    fn region(&self) -> Option<String> {
        let profiles = self.profiles.lock().expect("profiles lock");
        profiles.active().map(|p| p.default_region.clone())
    }
}
