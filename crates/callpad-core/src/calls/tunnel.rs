//! The built-in tunnel: with an ngrok authtoken, Callpad opens its own ngrok endpoint to the local
//! status listener through the official agent SDK (the `ngrok` crate), so nothing else is installed.

use std::net::SocketAddr;
use std::time::Duration;

use ngrok::config::ForwarderBuilder;
use ngrok::prelude::EndpointInfo;

/// How long opening the tunnel may take before Callpad gives up on it.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// An open tunnel; it stays up until dropped.
pub struct Tunnel {
    public_url: String,
    _forwarder: Box<dyn std::any::Any + Send + Sync>,
    _session: ngrok::Session,
}

impl Tunnel {
    /// The https URL SignalWire reaches the listener through.
    pub fn public_url(&self) -> &str {
        &self.public_url
    }
}

/// Turns an ngrok error into words saying which step failed (the authtoken never in them).
fn failed<E: std::fmt::Display>(step: &str, authtoken: &str) -> impl FnOnce(E) -> String {
    move |e| format!("ngrok {step} ({})", describe(&e.to_string(), authtoken))
}

/// Opens an https endpoint forwarding to the listener at `local`. The error says why in words
/// (offline, a refused authtoken, …); it never contains the authtoken.
pub async fn open(authtoken: &str, local: SocketAddr) -> Result<Tunnel, String> {
    let connect = async {
        let session = ngrok::Session::builder()
            .authtoken(authtoken)
            .connect()
            .await
            .map_err(failed("could not connect", authtoken))?;
        let to = url::Url::parse(&format!("http://{local}")).map_err(|e| e.to_string())?;
        let forwarder = session
            .http_endpoint()
            .listen_and_forward(to)
            .await
            .map_err(failed("refused the endpoint", authtoken))?;
        let public_url = forwarder.url().to_owned();
        Ok(Tunnel {
            public_url,
            _forwarder: Box::new(forwarder),
            _session: session,
        })
    };
    match tokio::time::timeout(CONNECT_TIMEOUT, connect).await {
        Ok(result) => result,
        Err(_) => Err(format!(
            "ngrok did not connect within {} s (offline?)",
            CONNECT_TIMEOUT.as_secs()
        )),
    }
}

/// An error text with the authtoken taken out, should the SDK ever echo it.
fn describe(error: &str, authtoken: &str) -> String {
    if authtoken.is_empty() {
        error.to_owned()
    } else {
        error.replace(authtoken, "***")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_never_carry_the_authtoken() {
        assert_eq!(
            describe("bad token 2abc_SECRET here", "2abc_SECRET"),
            "bad token *** here"
        );
    }

    #[tokio::test]
    async fn without_the_internet_it_fails_with_a_reason_and_quickly() {
        // This machine has no route to ngrok's servers: the failure must be a sentence, in time.
        let started = std::time::Instant::now();
        let err = open(
            "2abcdefghijklmnopqrstuvwxyz_1234567890ABCDEFGHIJ",
            "127.0.0.1:9".parse().unwrap(),
        )
        .await
        .err()
        .expect("no tunnel can open offline");
        assert!(err.contains("ngrok"), "{err}");
        assert!(!err.contains("2abcdefghij"), "{err}");
        assert!(started.elapsed() <= CONNECT_TIMEOUT + Duration::from_secs(2));
    }
}
