//! A calling session for one profile: decides how live status will arrive (listen or poll, and
//! why), starts the listener when listening, and owns the call center built on that choice.
//!
//! Where SignalWire reaches the listener, tried in order: directly when the Space is on loopback
//! (the practice space); Callpad's own ngrok tunnel when the profile has an ngrok authtoken; a
//! running ngrok agent's tunnel (read from its local API); the public URL the person gave
//! (cloudflared, a reverse proxy). If none works, "auto" falls back to polling and "listen" says
//! why each failed.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::center::{CallCenter, StatusFeed};
use super::tunnel::{self, Tunnel};
use crate::profiles::StatusMethod;
use crate::signalwire::Client;
use crate::status::{Listener, PollPace};
use crate::{Error, Result};

/// Where the ngrok agent serves its local API.
pub const NGROK_AGENT_API: &str = "http://127.0.0.1:4040/api/tunnels";

/// How status is arriving: the two methods a session can end up with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum StatusInUse {
    /// Webhooks reach the listener (with slow polling as a backstop).
    Listen,
    /// The voice log is polled.
    Poll,
}

impl StatusInUse {
    pub fn as_str(self) -> &'static str {
        match self {
            StatusInUse::Listen => "listen",
            StatusInUse::Poll => "poll",
        }
    }
}

impl std::fmt::Display for StatusInUse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for StatusInUse {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// How status arrives in this session, and why, for the UI and `--wait` to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StatusChoice {
    pub method: StatusInUse,
    /// The status URL given to SignalWire when listening.
    pub status_url: Option<String>,
    /// Why this method, in a sentence.
    pub reason: String,
}

/// The port the listener uses when the person's own tunnel must know it in advance.
pub const DEFAULT_LISTEN_PORT: u16 = 8719;

/// What the session may use to reach the listener from the internet.
#[derive(Debug, Clone, Default)]
pub struct SessionOptions {
    /// The method asked for (the profile's, or a `--status` flag).
    pub method: StatusMethod,
    /// An ngrok authtoken (from the keychain): Callpad opens its own tunnel with it.
    pub ngrok_authtoken: Option<String>,
    /// Where to look for a running ngrok agent; `None` skips it (tests).
    pub ngrok_agent_api: Option<String>,
    /// A public base URL the person runs themselves (e.g. a cloudflared tunnel to the listener).
    pub public_url: Option<String>,
    /// The port the listener uses with such a URL (default [`DEFAULT_LISTEN_PORT`]).
    pub listen_port: Option<u16>,
    /// Polling pace; the default suits a real Space.
    pub poll_pace: Option<PollPace>,
    /// The profile's "require signed webhooks": refuse webhooks without a valid signature.
    pub require_signed_webhooks: bool,
}

/// One profile's live calling: its call center and how status reaches it.
pub struct Session {
    pub center: CallCenter,
    pub choice: StatusChoice,
    /// The built-in tunnel, kept open as long as the session.
    _tunnel: Option<Tunnel>,
}

impl Session {
    /// What the listener received this session ("12 webhooks, 0 signed"); `None` when polling.
    pub fn webhook_tally(&self) -> Option<crate::status::WebhookTally> {
        self.center.webhook_tally()
    }
}

/// Where the listener is reachable from, once found.
pub(crate) struct Reach {
    pub listener: Listener,
    pub tunnel: Option<Tunnel>,
    pub reason: String,
}

impl Session {
    /// Opens a session over `client`. `signing_key` verifies webhooks when listening.
    pub async fn open(
        client: Client,
        signing_key: Option<String>,
        db: Arc<Mutex<Connection>>,
        options: SessionOptions,
    ) -> Result<Session> {
        let pace = options.poll_pace.clone().unwrap_or_default();
        let polling = |client: Client, db: Arc<Mutex<Connection>>, reason: String| Session {
            center: CallCenter::new(
                client,
                db,
                StatusFeed::Poll(pace.clone()),
                CallCenter::channel(),
            ),
            choice: StatusChoice {
                method: StatusInUse::Poll,
                status_url: None,
                reason,
            },
            _tunnel: None,
        };
        if options.method == StatusMethod::Poll {
            return Ok(polling(
                client,
                db,
                "Polling SignalWire's call log, as asked.".into(),
            ));
        }
        let channel = CallCenter::channel();
        match reach(&client, signing_key, channel.0.clone(), &options).await {
            Ok(reach) => {
                reach
                    .listener
                    .set_require_signed(options.require_signed_webhooks);
                let choice = StatusChoice {
                    method: StatusInUse::Listen,
                    status_url: Some(reach.listener.status_url()),
                    reason: reach.reason,
                };
                let feed = StatusFeed::Listen {
                    listener: reach.listener,
                    backstop: StatusFeed::backstop_pace(),
                };
                Ok(Session {
                    center: CallCenter::new(client, db, feed, channel),
                    choice,
                    _tunnel: reach.tunnel,
                })
            }
            Err(why) if options.method == StatusMethod::Auto => Ok(polling(
                client,
                db,
                format!("Polling SignalWire's call log: {why}."),
            )),
            Err(why) => Err(Error::Listener {
                detail: format!(
                    "{why}; add an ngrok authtoken to the profile, run a tunnel (ngrok http {DEFAULT_LISTEN_PORT}, cloudflared) and give its public URL, or use polling"
                ),
            }),
        }
    }
}

/// Starts the listener where SignalWire can reach it, trying in order: directly (a Space on
/// loopback), Callpad's own ngrok tunnel, a running ngrok agent's tunnel, the person's public URL.
/// The error says why none worked.
pub(crate) async fn reach(
    client: &Client,
    signing_key: Option<String>,
    tx: tokio::sync::mpsc::UnboundedSender<crate::status::Observation>,
    options: &SessionOptions,
) -> std::result::Result<Reach, String> {
    let on = |port: u16| SocketAddr::from(([127, 0, 0, 1], port));
    let start = |port: u16| {
        let key = signing_key.clone();
        let tx = tx.clone();
        async move {
            Listener::start_on(on(port), key, tx)
                .await
                .map_err(|e| e.to_string())
        }
    };
    if client.space().is_loopback() {
        return Ok(Reach {
            listener: start(options.listen_port.unwrap_or(0)).await?,
            tunnel: None,
            reason: "Listening: the practice space reaches Callpad directly on this computer."
                .into(),
        });
    }
    let mut tried = Vec::new();
    if let Some(token) = options
        .ngrok_authtoken
        .as_deref()
        .filter(|t| !t.trim().is_empty())
    {
        let listener = start(0).await?;
        match tunnel::open(token.trim(), listener.local_addr()).await {
            Ok(tunnel) => {
                listener.set_public_base(tunnel.public_url());
                let reason = format!(
                    "Listening through Callpad's own ngrok tunnel {}.",
                    tunnel.public_url()
                );
                return Ok(Reach {
                    listener,
                    tunnel: Some(tunnel),
                    reason,
                });
            }
            Err(why) => tried.push(why),
        }
    }
    if let Some(api) = &options.ngrok_agent_api {
        match ngrok_agent_tunnel(api).await {
            Some((public, port)) => {
                let listener = start(port).await?;
                listener.set_public_base(&public);
                return Ok(Reach {
                    listener,
                    tunnel: None,
                    reason: format!(
                        "Listening through the running ngrok agent's tunnel {public} (to port {port})."
                    ),
                });
            }
            None => tried.push("no ngrok agent is running".into()),
        }
    }
    if let Some(url) = options
        .public_url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
    {
        if crate::signalwire::has_userinfo(url) {
            return Err("the public URL holds a user name or password; give it without them (webhooks are authenticated by a secret path instead)".into());
        }
        let parsed = url::Url::parse(url)
            .map_err(|e| format!("the public URL {url:?} is not a URL ({e})"))?;
        if parsed.scheme() != "https" {
            return Err(format!("the public URL {url} must use https"));
        }
        let port = options.listen_port.unwrap_or(DEFAULT_LISTEN_PORT);
        let listener = start(port).await?;
        listener.set_public_base(url);
        return Ok(Reach {
            listener,
            tunnel: None,
            reason: format!(
                "Listening through your public URL {url} (forward it to 127.0.0.1:{port})."
            ),
        });
    }
    tried.push("no public URL was given".into());
    Err(format!("no public URL ({})", tried.join("; ")))
}

/// Reads a running ngrok agent's tunnels and returns the first https one forwarding to a local
/// port, with that port.
pub async fn ngrok_agent_tunnel(api: &str) -> Option<(String, u16)> {
    let http = reqwest::Client::builder()
        .timeout(Duration::from_millis(800))
        .build()
        .ok()?;
    let body: serde_json::Value = http.get(api).send().await.ok()?.json().await.ok()?;
    tunnel_from_agent_answer(&body)
}

/// Picks the https tunnel to a local port out of the agent API's `GET /api/tunnels` answer.
pub fn tunnel_from_agent_answer(body: &serde_json::Value) -> Option<(String, u16)> {
    body.get("tunnels")?.as_array()?.iter().find_map(|t| {
        let public = t.get("public_url")?.as_str()?;
        if !public.starts_with("https://") {
            return None;
        }
        let addr = t.get("config")?.get("addr")?.as_str()?;
        let local =
            !addr.contains("//") || addr.contains("//localhost") || addr.contains("//127.0.0.1");
        let port = addr
            .rsplit(':')
            .next()?
            .trim_end_matches('/')
            .parse()
            .ok()?;
        local.then(|| (public.to_owned(), port))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signalwire::{Credentials, SpaceUrl};

    fn db() -> Arc<Mutex<Connection>> {
        Arc::new(Mutex::new(crate::db::open_in_memory().unwrap()))
    }

    fn client(space: &str) -> Client {
        Client::new(SpaceUrl::parse(space).unwrap(), Credentials::new("p", "t")).unwrap()
    }

    /// Opens a session on `space` with no signing key.
    async fn open(space: &str, options: SessionOptions) -> Result<Session> {
        Session::open(client(space), None, db(), options).await
    }

    fn options(method: StatusMethod) -> SessionOptions {
        SessionOptions {
            method,
            ..SessionOptions::default()
        }
    }

    #[tokio::test]
    async fn a_space_on_loopback_is_listened_to_directly_unless_poll_is_asked() {
        let s = open("http://127.0.0.1:9", options(StatusMethod::Auto))
            .await
            .unwrap();
        assert_eq!(s.choice.method, "listen");
        assert!(
            s.choice
                .status_url
                .unwrap()
                .starts_with("http://127.0.0.1:")
        );
        assert!(
            s.choice.reason.contains("practice space"),
            "{}",
            s.choice.reason
        );
        let polled = open("http://127.0.0.1:9", options(StatusMethod::Poll)).await;
        assert_eq!(polled.unwrap().choice.method, "poll");
    }

    #[tokio::test]
    async fn auto_without_a_public_url_polls_and_says_why() {
        let s = open("example", options(StatusMethod::Auto)).await.unwrap();
        assert_eq!(s.choice.method, "poll");
        assert!(
            s.choice.reason.contains("no public URL"),
            "{}",
            s.choice.reason
        );
        assert_eq!(s.center.method_name(), "poll");
    }

    #[tokio::test]
    async fn listen_without_a_public_url_is_an_error_that_says_what_to_do() {
        let err = open("example", options(StatusMethod::Listen))
            .await
            .err()
            .unwrap();
        let msg = err.to_string();
        assert!(
            msg.contains("no public URL") && msg.contains("tunnel"),
            "{msg}"
        );
    }

    #[tokio::test]
    async fn a_given_public_url_becomes_the_status_url() {
        let mut o = options(StatusMethod::Listen);
        o.public_url = Some("https://calls.example.org/".into());
        let s = Session::open(client("example"), Some("key".into()), db(), o)
            .await
            .unwrap();
        let url = s.choice.status_url.unwrap();
        assert!(
            url.starts_with("https://calls.example.org/status/"),
            "{url}"
        );
        let mut bad = options(StatusMethod::Listen);
        bad.public_url = Some("http://calls.example.org".into());
        let err = open("example", bad).await.err().unwrap();
        assert!(err.to_string().contains("https"), "{err}");
    }

    #[tokio::test]
    async fn an_ngrok_tunnel_that_cannot_open_falls_back_to_polling_and_says_why() {
        let mut o = options(StatusMethod::Auto);
        o.ngrok_authtoken = Some("2xyzTOKENxyz_0123456789abcdefghijklmnop".into());
        let s = open("example", o.clone()).await.unwrap();
        assert_eq!(s.choice.method, "poll");
        assert!(s.choice.reason.contains("ngrok"), "{}", s.choice.reason);
        assert!(
            !s.choice.reason.contains("2xyzTOKEN"),
            "{}",
            s.choice.reason
        );
        o.method = StatusMethod::Listen;
        let err = open("example", o).await.err().unwrap();
        assert!(err.to_string().contains("ngrok"), "{err}");
    }

    #[test]
    fn the_agent_api_answer_yields_the_https_tunnel_and_its_port() {
        // The shape of ngrok's agent API `GET /api/tunnels`.
        let body = serde_json::json!({
            "tunnels": [
                {"name": "a", "public_url": "tcp://0.tcp.ngrok.io:1234", "proto": "tcp",
                 "config": {"addr": "localhost:22", "inspect": false}},
                {"name": "b", "public_url": "https://ab12.ngrok-free.app", "proto": "https",
                 "config": {"addr": "http://localhost:8719", "inspect": true}}
            ],
            "uri": "/api/tunnels"
        });
        assert_eq!(
            tunnel_from_agent_answer(&body),
            Some(("https://ab12.ngrok-free.app".to_owned(), 8719))
        );
        let remote = serde_json::json!({"tunnels": [{"public_url": "https://x.ngrok.app",
            "config": {"addr": "http://10.0.0.5:80"}}]});
        assert_eq!(tunnel_from_agent_answer(&remote), None);
        assert_eq!(tunnel_from_agent_answer(&serde_json::json!({})), None);
    }
}
