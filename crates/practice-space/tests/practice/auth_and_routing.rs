//! Credentials, defaults, unknown paths and the server's own lifecycle (start errors, shutdown).

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::common::*;
use practice_space::{Config, Error};

const REST_ENDPOINTS: &[(&str, &str)] = &[
    ("POST", "/api/calling/calls"),
    ("GET", "/api/voice/logs/some-id"),
    ("GET", "/api/voice/logs/some-id/events"),
    ("GET", "/api/relay/rest/phone_numbers"),
    ("GET", "/api/relay/rest/verified_caller_ids"),
    ("GET", "/api/relay/rest/lookup/phone_number/+12065550100"),
];

#[tokio::test]
async fn every_rest_endpoint_refuses_missing_or_wrong_credentials() {
    let h = Harness::start().await;
    for (method, path) in REST_ENDPOINTS {
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let attempts = [
            h.http.request(method.clone(), h.url(path)),
            h.http
                .request(method.clone(), h.url(path))
                .basic_auth(h.space.project_id(), Some("PTwrong-token")),
            h.http
                .request(method.clone(), h.url(path))
                .basic_auth("other-project", Some(h.space.api_token())),
            h.http
                .request(method.clone(), h.url(path))
                .bearer_auth(h.space.api_token()),
        ];
        for attempt in attempts {
            let (status, body) = read(
                attempt
                    .json(&dial_body("+12065550175", json!({})))
                    .send()
                    .await
                    .unwrap(),
            )
            .await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {path}");
            assert_eq!(body, json!({ "error": "Unauthorized" }));
        }
    }
    // Nothing got through, so no dial was counted.
    assert_eq!(h.control_get("/__practice/calls").await["dial_requests"], 0);
}

#[tokio::test]
async fn the_default_config_is_fixed_and_readable() {
    let config = Config::default();
    assert_eq!(config.bind.to_string(), "127.0.0.1:0");
    assert_eq!(config.project_id, "practice-project");
    assert_eq!(config.api_token, "PTpractice-token");
    assert_eq!(config.signing_key, "PSKpractice-signing-key");
    assert_eq!(config.speed, 1.0);

    let h = Harness::start().await;
    assert_eq!(h.space.project_id(), practice_space::DEFAULT_PROJECT_ID);
    assert_eq!(h.space.api_token(), practice_space::DEFAULT_API_TOKEN);
    assert_eq!(h.space.signing_key(), practice_space::DEFAULT_SIGNING_KEY);
    let addr = h.space.addr();
    assert!(addr.ip().is_loopback());
    assert_ne!(addr.port(), 0);
    assert_eq!(
        h.space.base_url(),
        format!("http://127.0.0.1:{}", addr.port())
    );
}

#[tokio::test]
async fn custom_credentials_replace_the_defaults() {
    let space = practice_space::start(Config {
        project_id: "proj-1".into(),
        api_token: "tok-1".into(),
        signing_key: "key-1".into(),
        ..Config::default()
    })
    .await
    .unwrap();
    let http = reqwest::Client::new();
    let url = format!("{}/api/relay/rest/phone_numbers", space.base_url());
    for (project, token, expected) in [
        ("proj-1", "tok-1", StatusCode::OK),
        (
            "practice-project",
            "PTpractice-token",
            StatusCode::UNAUTHORIZED,
        ),
    ] {
        let response = http
            .get(&url)
            .basic_auth(project, Some(token))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), expected, "{project}");
    }
    assert_eq!(space.signing_key(), "key-1");
    space.shutdown().await;
}

#[tokio::test]
async fn unknown_paths_are_json_404_with_or_without_auth() {
    let h = Harness::start().await;
    for path in [
        "/",
        "/api/calling",
        "/api/laml/2010-04-01/Accounts",
        "/nope",
    ] {
        let (status, body) = h.get(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(body, json!({ "error": "Not Found" }));
        let (status, body) = read(h.http.get(h.url(path)).send().await.unwrap()).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(body, json!({ "error": "Not Found" }));
    }
}

#[tokio::test]
async fn a_wrong_method_is_a_json_405() {
    let h = Harness::start().await;
    let (status, body) = h.get("/api/calling/calls").await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(body, json!({ "error": "Method Not Allowed" }));
}

#[tokio::test]
async fn bad_configs_do_not_start() {
    for speed in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        let err = practice_space::start(Config {
            speed,
            ..Config::default()
        })
        .await
        .unwrap_err();
        assert!(matches!(err, Error::InvalidSpeed(_)), "{err}");
    }
    let err = practice_space::start(Config {
        api_token: String::new(),
        ..Config::default()
    })
    .await
    .unwrap_err();
    assert!(matches!(err, Error::EmptyCredential { .. }), "{err}");

    let taken = Harness::start().await;
    let err = practice_space::start(Config {
        bind: taken.space.addr(),
        ..Config::default()
    })
    .await
    .unwrap_err();
    assert!(matches!(err, Error::Bind { .. }), "{err}");
    assert!(err.to_string().contains(&taken.space.addr().to_string()));
}

#[tokio::test]
async fn shutdown_stops_listening() {
    let h = Harness::start().await;
    let addr = h.space.addr();
    let (status, _) = h.get("/api/relay/rest/phone_numbers").await;
    assert_eq!(status, StatusCode::OK);
    h.space.shutdown().await;
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
}
