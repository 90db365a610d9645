//! Starting and stopping a practice space: bind, build the shared state, spawn the accept loop and
//! the webhook worker. [`RunningSpace`] is the handle callers keep.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::net::TcpListener;

use crate::calling::call::CallBook;
use crate::clock::Clock;
use crate::config::Config;
use crate::error::Error;
use crate::faults::FaultQueue;
use crate::ids::uuid_v4;
use crate::space::Space;
use crate::tasks::Tasks;
use crate::webhooks::{self, Webhooks};
use crate::{connection, routes};

/// How long one webhook delivery may take before it is given up (real time).
const WEBHOOK_TIMEOUT: Duration = Duration::from_secs(10);

/// A practice space that is listening. Dropping it stops it too, without waiting.
pub struct RunningSpace {
    addr: SocketAddr,
    base_url: String,
    project_id: String,
    api_token: String,
    signing_key: String,
    tasks: Tasks,
}

/// Starts a practice space and returns once it accepts connections.
///
/// # Errors
/// [`Error::InvalidSpeed`], [`Error::InvalidRate`], [`Error::InvalidBacklog`] or
/// [`Error::EmptyCredential`] for a bad `config`, [`Error::Bind`] when the
/// address cannot be listened on, [`Error::WebhookClient`] when the HTTP client cannot be built.
pub async fn start(config: Config) -> Result<RunningSpace, Error> {
    if !config.speed.is_finite() || config.speed <= 0.0 {
        return Err(Error::InvalidSpeed(config.speed));
    }
    if !config.calls_per_second.is_finite() || config.calls_per_second <= 0.0 {
        return Err(Error::InvalidRate(config.calls_per_second));
    }
    if config.backlog == 0 {
        return Err(Error::InvalidBacklog);
    }
    for (what, value) in [
        ("project id", &config.project_id),
        ("API token", &config.api_token),
        ("signing key", &config.signing_key),
    ] {
        if value.is_empty() {
            return Err(Error::EmptyCredential { what });
        }
    }
    let listener = TcpListener::bind(config.bind)
        .await
        .map_err(|source| Error::Bind {
            addr: config.bind,
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| Error::Bind {
        addr: config.bind,
        source,
    })?;
    let base_url = format!("http://{}", reachable(addr));

    let client = reqwest::Client::builder()
        .timeout(WEBHOOK_TIMEOUT)
        .user_agent("SignalWire-Practice-Space")
        .build()?;
    let (webhooks, worker) = Webhooks::new(&config.signing_key, client);
    let swml_http = reqwest::Client::builder()
        .user_agent("SignalWire-Practice-Space")
        .build()?;
    let tasks = Tasks::default();
    let space = Arc::new(Space {
        project_id: config.project_id.clone(),
        api_token: config.api_token.clone(),
        signing_key: config.signing_key.clone(),
        space_id: uuid_v4(),
        node_id: uuid_v4(),
        base_url: base_url.clone(),
        clock: Clock::new(config.speed),
        calls: Mutex::new(CallBook::default()),
        faults: Mutex::new(FaultQueue::default()),
        webhooks,
        tasks: tasks.clone(),
        rules: Mutex::new(crate::space::CallingRules::default()),
        pacing: crate::space::Pacing {
            calls_per_second: config.calls_per_second,
            backlog: config.backlog,
        },
        ms_per_word: config.ms_per_word,
        swml_http,
    });
    tasks.spawn(webhooks::deliver_forever(worker));
    let router = routes::router(Arc::clone(&space));
    tasks.spawn(connection::accept_loop(listener, router, tasks.clone()));
    tracing::info!(%base_url, speed = config.speed, "practice space listening");

    Ok(RunningSpace {
        addr,
        base_url,
        project_id: space.project_id.clone(),
        api_token: space.api_token.clone(),
        signing_key: space.signing_key.clone(),
        tasks,
    })
}

/// The address a local client should use: an unspecified bind address (`0.0.0.0`, `::`) is
/// reached through loopback.
fn reachable(addr: SocketAddr) -> SocketAddr {
    if addr.ip().is_unspecified() {
        let loopback = match addr.ip() {
            IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(_) => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        };
        SocketAddr::new(loopback, addr.port())
    } else {
        addr
    }
}

impl RunningSpace {
    /// `http://127.0.0.1:PORT`, with no trailing slash. Give this to a client as the Space URL.
    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }

    /// The address actually listened on (the real port when the config asked for port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The project ID accepted as the Basic auth user name.
    pub fn project_id(&self) -> &str {
        &self.project_id
    }

    /// The API token accepted as the Basic auth password.
    pub fn api_token(&self) -> &str {
        &self.api_token
    }

    /// The key status webhooks are signed with.
    pub fn signing_key(&self) -> &str {
        &self.signing_key
    }

    /// Stops listening, closes every connection (including hung ones), stops every call clock and
    /// webhook delivery, and waits until all of it is gone.
    pub async fn shutdown(self) {
        self.tasks.shutdown().await;
        tracing::info!(base_url = %self.base_url, "practice space stopped");
    }
}

impl Drop for RunningSpace {
    fn drop(&mut self) {
        self.tasks.abort_all();
    }
}

impl std::fmt::Debug for RunningSpace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunningSpace")
            .field("base_url", &self.base_url)
            .field("project_id", &self.project_id)
            .finish_non_exhaustive()
    }
}
