//! What differs between the drivers of the use-case layer (the window, the CLI, tests, a campaign
//! runner): how the practice space is started, where call updates go, how a person is notified,
//! and where "now" comes from. Each is a small trait with a default that does the plain thing.

use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use crate::calls::CallUpdate;
use crate::calls::notice::Notice;
use crate::clock::{Clock, SystemClock};
use crate::{Error, Result};

/// A practice space that is running, and what a client needs to reach it. It runs as long as
/// this value lives.
pub struct PracticeSpace {
    pub base_url: String,
    pub project_id: String,
    pub api_token: String,
    pub signing_key: String,
    /// Keeps the server running; dropped with the session.
    pub keep_alive: Box<dyn Any + Send + Sync>,
}

/// A future the host traits return (boxed, so the traits stay object-safe).
pub type HostFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Starts the practice space the practice profile calls.
pub trait PracticeLauncher: Send + Sync {
    fn start(&self) -> HostFuture<'_, Result<PracticeSpace>>;
}

/// The practice space in this process, its clock running `speed` times real time (1 for people;
/// tests speed it up).
#[derive(Debug, Clone, Copy)]
pub struct InProcessPractice {
    pub speed: f64,
}

/// The environment variable that speeds up the in-process practice space (tests).
pub const PRACTICE_SPEED_ENV: &str = "CALLPAD_PRACTICE_SPEED";

impl InProcessPractice {
    /// At the speed `CALLPAD_PRACTICE_SPEED` asks for, else real time.
    pub fn from_env() -> Self {
        let speed = std::env::var(PRACTICE_SPEED_ENV)
            .ok()
            .and_then(|s| s.parse().ok())
            .filter(|s: &f64| s.is_finite() && *s > 0.0)
            .unwrap_or(1.0);
        InProcessPractice { speed }
    }
}

impl Default for InProcessPractice {
    fn default() -> Self {
        InProcessPractice { speed: 1.0 }
    }
}

impl PracticeLauncher for InProcessPractice {
    fn start(&self) -> HostFuture<'_, Result<PracticeSpace>> {
        let speed = self.speed;
        Box::pin(async move {
            let space = practice_space::start(practice_space::Config {
                speed,
                ..Default::default()
            })
            .await
            .map_err(|e| Error::PracticeStart {
                detail: e.to_string(),
            })?;
            Ok(PracticeSpace {
                base_url: space.base_url(),
                project_id: space.project_id().to_owned(),
                api_token: space.api_token().to_owned(),
                signing_key: space.signing_key().to_owned(),
                keep_alive: Box::new(space),
            })
        })
    }
}

/// Where the use-case layer reports what happens while nobody asked (the window's events).
pub trait EventSink: Send + Sync {
    /// A call moved forward.
    fn call_update(&self, _update: &CallUpdate) {}
    /// An import committed `done` of `total` rows.
    fn import_progress(&self, _done: usize, _total: usize) {}
}

/// A sink that drops everything (the CLI subscribes to updates instead).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoEvents;

impl EventSink for NoEvents {}

/// How a person is told about a call that ended while they were not looking.
pub trait Notifier: Send + Sync {
    /// Whether the person can see the window now (a terminal always can).
    fn window_visible(&self) -> bool {
        true
    }
    /// Shows a desktop notice.
    fn show(&self, _notice: &Notice) {}
}

/// No notices (a terminal shows its own output).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoNotices;

impl Notifier for NoNotices {}

/// Everything a driver plugs in.
#[derive(Clone)]
pub struct Host {
    pub practice: Arc<dyn PracticeLauncher>,
    pub events: Arc<dyn EventSink>,
    pub notifier: Arc<dyn Notifier>,
    pub clock: Arc<dyn Clock>,
    /// Hotkeys, autostart, tray: where app settings take effect.
    pub desktop: Arc<dyn super::desktop::Desktop>,
}

impl Default for Host {
    fn default() -> Self {
        Host {
            practice: Arc::new(InProcessPractice::from_env()),
            events: Arc::new(NoEvents),
            notifier: Arc::new(NoNotices),
            clock: Arc::new(SystemClock),
            desktop: Arc::new(super::desktop::NoDesktop),
        }
    }
}

/// The notifier Callpad really uses: the host's, silenced while notifications are off in the app
/// settings or paused from the tray.
pub(super) struct GatedNotifier {
    pub inner: Arc<dyn Notifier>,
    pub data_dir: std::path::PathBuf,
    pub paused: Arc<std::sync::atomic::AtomicBool>,
}

impl Notifier for GatedNotifier {
    fn window_visible(&self) -> bool {
        self.inner.window_visible()
    }

    fn show(&self, notice: &Notice) {
        if self.paused.load(std::sync::atomic::Ordering::Relaxed)
            || !crate::app_settings::load_app_settings(&self.data_dir).notifications
        {
            return;
        }
        self.inner.show(notice);
    }
}
