//! The accept loop: each TCP connection is served by hyper with the axum router, and carries a
//! handle that lets a fault close that very connection without a response. Routing is `routes.rs`.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tower::ServiceExt;

use crate::tasks::Tasks;

/// Put into every request's extensions: who is on the other end and how to hang up on them.
#[derive(Debug, Clone)]
pub(crate) struct ConnControl {
    pub(crate) peer: SocketAddr,
    kill: Arc<Notify>,
}

impl ConnControl {
    /// Closes this request's TCP connection at once; nothing more is written to it.
    pub(crate) fn drop_connection(&self) {
        self.kill.notify_one();
    }
}

/// Accepts connections until the space shuts down, serving each one as its own task.
pub(crate) async fn accept_loop(listener: TcpListener, router: Router, tasks: Tasks) {
    loop {
        match listener.accept().await {
            Ok((stream, peer)) => {
                let router = router.clone();
                tasks.spawn(serve(stream, peer, router));
            }
            Err(error) => {
                tracing::warn!(%error, "practice space could not accept a connection");
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
        }
    }
}

async fn serve(stream: TcpStream, peer: SocketAddr, router: Router) {
    let _ = stream.set_nodelay(true);
    let kill = Arc::new(Notify::new());
    let control = ConnControl {
        peer,
        kill: Arc::clone(&kill),
    };
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(control.clone());
        router.clone().oneshot(request)
    });
    let connection = http1::Builder::new()
        .timer(TokioTimer::new())
        .serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        result = connection => {
            if let Err(error) = result {
                tracing::debug!(%peer, %error, "practice connection ended with an error");
            }
        }
        () = kill.notified() => {
            tracing::debug!(%peer, "practice connection dropped by a fault");
        }
    }
}
