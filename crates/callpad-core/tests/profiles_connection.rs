//! "Test connection" and the caller-ID list against the practice space, and against the ways a
//! profile can be wrong: token, project, Space, network. The profile's token comes from the real
//! OS keychain (run inside a Secret Service session).

mod common;

use std::time::Duration;

use common::unique;

use callpad_core::caller_ids::{CallerIdKind, ensure_caller_id_allowed, list_caller_ids};
use callpad_core::profiles::{Profile, ProfileSecrets, Profiles, test_connection};
use callpad_core::signalwire::{Client, ClientConfig, Credentials, RetryPolicy, SpaceUrl};
use callpad_core::vault::{Secret, Vault};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Quick retries and 2 items a page, so every listing spans several pages.
fn config() -> ClientConfig {
    ClientConfig {
        connect_timeout: Duration::from_secs(5),
        request_timeout: Duration::from_secs(10),
        retry: RetryPolicy {
            max_attempts: 2,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(5),
            max_retry_after: Duration::from_secs(1),
        },
        page_size: 2,
    }
}

fn client(base: &str, project: &str, token: &str) -> Client {
    Client::with_config(
        SpaceUrl::parse(base).unwrap(),
        Credentials::new(project, token),
        config(),
    )
    .unwrap()
}

async fn practice() -> practice_space::RunningSpace {
    practice_space::start(practice_space::Config::default())
        .await
        .expect("practice space starts")
}

#[tokio::test]
async fn a_profile_s_connection_test_uses_the_token_from_the_keychain() {
    let space = practice().await;
    let dir = tempfile::tempdir().unwrap();
    let vault = Vault::new();
    let name = unique("conn-ok");
    let (mut profiles, _) = Profiles::load(dir.path()).unwrap();
    let added = profiles
        .add(
            &vault,
            Profile::new(&name, space.base_url(), space.project_id()),
            &ProfileSecrets::new(Secret::new(space.api_token())),
        )
        .unwrap()
        .clone();

    let client = added.client_from_vault(&vault).unwrap();
    let report = test_connection(&client).await.unwrap();
    assert_eq!(report.space_url, space.base_url().trim_end_matches('/'));
    assert_eq!(report.project_id, space.project_id());
    assert_eq!(report.phone_numbers, 6);
    assert_eq!(report.voice_numbers, 5);
    assert_eq!(report.verified_caller_ids, 3);
    assert!(
        report
            .summary()
            .contains("6 phone numbers (5 can call), 3 verified caller IDs")
    );

    profiles.remove(&vault, &name).unwrap();
    let err = added.client_from_vault(&vault).unwrap_err();
    assert_eq!(err.code(), "secret_missing");
    space.shutdown().await;
}

#[tokio::test]
async fn a_wrong_token_or_project_is_reported_as_refused_credentials() {
    let space = practice().await;
    for (project, token) in [
        (
            space.project_id().to_owned(),
            "PTwrong-token-000000".to_owned(),
        ),
        ("wrong-project".to_owned(), space.api_token().to_owned()),
    ] {
        let err = test_connection(&client(&space.base_url(), &project, &token))
            .await
            .unwrap_err();
        assert_eq!(err.code(), "unauthorized", "{err}");
        let msg = err.to_string();
        assert!(msg.contains("check the project ID and API token"), "{msg}");
        assert!(!msg.contains("PTwrong-token"), "{msg}");
    }
    space.shutdown().await;
}

#[tokio::test]
async fn nothing_listening_is_reported_as_a_network_error() {
    // Bind, learn the port, close it: nothing listens there now.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let err = test_connection(&client(&format!("http://127.0.0.1:{port}"), "p", "t"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "network", "{err}");
    assert!(err.to_string().contains("refused"), "{err}");
}

#[tokio::test]
async fn a_server_that_is_not_a_space_is_named_as_the_wrong_space() {
    // Answers 404 to everything, like a web server at a mistyped address.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf).await;
                let _ = stream
                    .write_all(
                        b"HTTP/1.1 404 Not Found\r\ncontent-type: text/html\r\ncontent-length: 9\r\nconnection: close\r\n\r\nnot here!",
                    )
                    .await;
                let _ = stream.shutdown().await;
            });
        }
    });
    let err = test_connection(&client(&format!("http://{addr}"), "p", "t"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "not_a_space", "{err}");
    assert!(err.to_string().contains("check the Space URL"), "{err}");
    server.abort();
}

#[tokio::test]
async fn caller_ids_cover_every_page_and_refuse_the_unusable() {
    let space = practice().await;
    let client = client(&space.base_url(), space.project_id(), space.api_token());
    let ids = list_caller_ids(&client).await.unwrap();

    let usable = |kind| -> Vec<&str> {
        ids.usable
            .iter()
            .filter(|c| c.kind == kind)
            .map(|c| c.number.as_str())
            .collect()
    };
    let owned = usable(CallerIdKind::Owned);
    let verified = usable(CallerIdKind::Verified);
    assert_eq!(
        owned,
        [
            "+12065550100",
            "+13125550142",
            "+18885550175",
            "+447700900123",
            "+442079460958"
        ]
    );
    assert_eq!(verified.len(), 3, "{verified:?}");
    assert!(verified.contains(&"+14155550111"));
    assert_eq!(ids.usable[0].name.as_deref(), Some("Seattle office"));

    assert_eq!(
        ensure_caller_id_allowed(&ids, "+12065550100").unwrap().kind,
        CallerIdKind::Owned
    );
    assert_eq!(
        ensure_caller_id_allowed(&ids, "+14155550111").unwrap().kind,
        CallerIdKind::Verified
    );
    let pending = ensure_caller_id_allowed(&ids, "+13035550177").unwrap_err();
    assert!(
        pending.to_string().contains("verification is not finished"),
        "{pending}"
    );
    let text_only = ensure_caller_id_allowed(&ids, "+12025550143").unwrap_err();
    assert!(
        text_only.to_string().contains("no voice capability"),
        "{text_only}"
    );
    let stranger = ensure_caller_id_allowed(&ids, "+15559876543").unwrap_err();
    assert!(
        stranger
            .to_string()
            .contains("neither a number this project owns nor a verified caller ID"),
        "{stranger}"
    );
    space.shutdown().await;
}
