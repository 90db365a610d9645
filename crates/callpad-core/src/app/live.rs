//! Live sessions: opening a profile's calling session (the practice space started by the host for
//! the practice profile, else the Space with its token from the keychain), forwarding its call
//! updates to the host, and the one live call, which keeps its own session until it ends.

use std::sync::{Arc, Mutex};

use rusqlite::Connection;
use tokio::sync::broadcast;

use super::host::Host;
use crate::caller_ids::{CallerIds, list_caller_ids};
use crate::calls::{CallUpdate, NGROK_AGENT_API, Session, SessionOptions, StatusChoice, history};
use crate::profiles::{Profile, StatusMethod};
use crate::signalwire::{Client, Credentials, SpaceUrl};
use crate::status::{CallPhase, PollPace};
use crate::vault::{Secret, SecretKind, Vault};
use crate::{Error, Result};

/// Which credentials a session is opened with.
#[derive(Clone)]
pub enum SessionTarget {
    /// The active profile.
    Active,
    /// A profile by name, for this run only (the CLI's `--profile`); the active one stays.
    Named(String),
    /// Credentials given directly (the CLI's SIGNALWIRE_* variables), as an unsaved profile.
    Direct {
        profile: Box<Profile>,
        api_token: Secret,
        signing_key: Option<Secret>,
        ngrok_authtoken: Option<Secret>,
    },
}

/// What a driver may change about how status arrives, for one session (the CLI's flags).
#[derive(Debug, Clone, Default)]
pub struct SessionOverrides {
    pub method: Option<StatusMethod>,
    pub public_url: Option<String>,
    pub listen_port: Option<u16>,
    pub poll_pace: Option<PollPace>,
}

/// A session and what must live exactly as long as it: the practice space it calls and the task
/// forwarding its updates. Shared by the open session and the live call.
pub(crate) struct SessionHandle {
    pub session: Session,
    pub profile: Profile,
    _practice: Option<Box<dyn std::any::Any + Send + Sync>>,
    forwarder: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

impl Drop for SessionHandle {
    fn drop(&mut self) {
        if let Some(task) = self.forwarder.lock().expect("forwarder lock").take() {
            task.abort();
        }
    }
}

/// The session of the profile in use, with its caller IDs listed once.
pub(crate) struct Live {
    pub handle: Arc<SessionHandle>,
    pub overrides: SessionOverrides,
    pub target_name: String,
    pub caller_ids: Option<CallerIds>,
}

impl Live {
    pub fn profile(&self) -> &Profile {
        &self.handle.profile
    }

    pub fn choice(&self) -> StatusChoice {
        self.handle.session.choice.clone()
    }

    /// The profile's caller IDs, listed from the Space once per session or when `refresh` asks.
    pub async fn caller_ids(&mut self, refresh: bool) -> Result<CallerIds> {
        if let (false, Some(ids)) = (refresh, &self.caller_ids) {
            return Ok(ids.clone());
        }
        let listed = list_caller_ids(self.handle.session.center.client()).await?;
        self.caller_ids = Some(listed.clone());
        Ok(listed)
    }

    /// True when `profile` would connect differently from this session (not, say, because a
    /// caller ID was remembered).
    pub fn connects_like(&self, profile: &Profile) -> bool {
        let p = self.profile();
        p.name == profile.name
            && p.space_url == profile.space_url
            && p.project_id == profile.project_id
            && p.status_method == profile.status_method
            && p.practice == profile.practice
            && p.public_url == profile.public_url
    }
}

/// The one call that is live, and the session it was placed in (hang-up goes there even after the
/// person switched profile).
pub(crate) struct LiveCall {
    pub call_id: String,
    pub history_id: i64,
    pub handle: Arc<SessionHandle>,
}

/// The slot holding the live call; cleared by the forwarder when that call ends.
pub(crate) type CallSlot = Arc<Mutex<Option<LiveCall>>>;

/// The last states of calls that ended here, newest last (a few, so a driver that asks just after
/// the end still gets the answer once the call's session is gone).
pub(crate) type Ended = Arc<Mutex<std::collections::VecDeque<crate::status::CallStatusView>>>;

/// How many ended calls [`Ended`] remembers.
const ENDED_KEPT: usize = 16;

/// What a session's updates are handed to: the host, history, the live-call slot, the ended
/// calls and the subscribers.
pub(crate) struct Wiring {
    pub host: Host,
    pub history_db: Arc<Mutex<Connection>>,
    pub slot: CallSlot,
    pub ended: Ended,
    pub updates: broadcast::Sender<CallUpdate>,
}

/// Opens a session for `profile`, with `secrets` for a real Space.
pub(crate) async fn open_session(
    profile: Profile,
    secrets: Option<(Secret, Option<Secret>, Option<Secret>)>,
    overrides: &SessionOverrides,
    wiring: Wiring,
) -> Result<Arc<SessionHandle>> {
    let Wiring {
        host,
        history_db,
        slot,
        ended,
        updates,
    } = wiring;
    let (client, signing_key, ngrok, practice) = space_client(&host, &profile, secrets).await?;
    let options = SessionOptions {
        method: overrides.method.unwrap_or(profile.status_method),
        public_url: overrides
            .public_url
            .clone()
            .or_else(|| profile.public_url.clone()),
        ngrok_authtoken: ngrok,
        ngrok_agent_api: Some(NGROK_AGENT_API.to_owned()),
        listen_port: overrides.listen_port,
        poll_pace: overrides.poll_pace.clone(),
        require_signed_webhooks: profile.require_signed_webhooks,
    };
    let session = Session::open(client, signing_key, history_db.clone(), options).await?;
    let mut feed = session.center.subscribe();
    let handle = Arc::new(SessionHandle {
        session,
        profile,
        _practice: practice,
        forwarder: Mutex::new(None),
    });
    let host = host.clone();
    let task = tokio::spawn(async move {
        loop {
            match feed.recv().await {
                Ok(update) => forward(&host, &history_db, &slot, &ended, &updates, update),
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(_) => break,
            }
        }
    });
    *handle.forwarder.lock().expect("forwarder lock") = Some(task);
    Ok(handle)
}

/// What a profile's calls go through: the client, the signing key and ngrok authtoken, and for
/// the practice profile the practice space started for it (it runs while this value lives).
pub(crate) type SpaceClient = (
    Client,
    Option<String>,
    Option<String>,
    Option<Box<dyn std::any::Any + Send + Sync>>,
);

/// The client for `profile`: the practice space the host starts, or the Space with `secrets`.
pub(crate) async fn space_client(
    host: &Host,
    profile: &Profile,
    secrets: Option<(Secret, Option<Secret>, Option<Secret>)>,
) -> Result<SpaceClient> {
    Ok(if profile.practice {
        let space = host.practice.start().await?;
        let client = Client::new(
            SpaceUrl::parse(&space.base_url)?,
            Credentials::new(space.project_id.clone(), space.api_token.clone()),
        )?;
        (
            client,
            Some(space.signing_key.clone()),
            None,
            Some(space.keep_alive),
        )
    } else {
        let (token, key, ngrok) = secrets.ok_or(Error::SecretMissing {
            profile: profile.name.clone(),
            what: "API token",
        })?;
        let client = profile.client(&token)?;
        (
            client,
            key.map(|k| k.expose().to_owned()),
            ngrok.map(|k| k.expose().to_owned()),
            None,
        )
    })
}

/// One update: to the host and subscribers; when the live call ends, a notice if the window is
/// hidden, and the slot is freed for the next call.
fn forward(
    host: &Host,
    history_db: &Mutex<Connection>,
    slot: &CallSlot,
    ended: &Ended,
    updates: &broadcast::Sender<CallUpdate>,
    update: CallUpdate,
) {
    if update.status.phase == CallPhase::Ended {
        let mut ended = ended.lock().expect("ended calls lock");
        ended.retain(|v| v.call_id != update.status.call_id);
        ended.push_back(update.status.clone());
        while ended.len() > ENDED_KEPT {
            ended.pop_front();
        }
    }
    host.events.call_update(&update);
    let _ = updates.send(update.clone());
    if update.status.phase != CallPhase::Ended {
        return;
    }
    let entry = {
        let db = history_db.lock().expect("history lock");
        history::get(&db, update.history_id).ok().flatten()
    };
    let visible = host.notifier.window_visible();
    if let Some(notice) = entry.and_then(|e| crate::calls::notice::end_notice(&e, visible)) {
        host.notifier.show(&notice);
    }
    let ended = {
        let mut slot = slot.lock().expect("call slot lock");
        match slot.as_ref() {
            Some(call) if call.call_id == update.status.call_id => slot.take(),
            _ => None,
        }
    };
    // Dropped outside the lock: it may be the last hold on its session.
    drop(ended);
}

/// The secrets a real Space's session needs, read from the keychain off the async threads.
pub(crate) async fn read_secrets(
    vault: &Vault,
    profile: &Profile,
) -> Result<Option<(Secret, Option<Secret>, Option<Secret>)>> {
    if profile.practice {
        return Ok(None);
    }
    let vault = vault.clone();
    let name = profile.name.clone();
    tokio::task::spawn_blocking(move || {
        let token = vault.require(&name, SecretKind::ApiToken)?;
        let key = vault.read(&name, SecretKind::SigningKey)?;
        let ngrok = vault.read(&name, SecretKind::NgrokAuthtoken)?;
        Ok(Some((token, key, ngrok)))
    })
    .await
    .map_err(|e| Error::Internal {
        detail: e.to_string(),
    })?
}
