//! `dial` against the practice space: what arrives on the wire, what comes back, and that a dial
//! whose outcome is unknown is reported as such and never sent a second time.

use std::time::Duration;

use callpad_core::Error;
use callpad_core::signalwire::{CallFlow, CallStatus, DialRequest, StatusEvent, UrlMethod};
use callpad_core::swml::Document;
use serde_json::json;

use crate::support::{ANSWERS, OWNED, PENDING_CALLER_ID, Practice};

fn spoken(to: &str) -> DialRequest {
    DialRequest::new(
        OWNED,
        to,
        Document::say_and_hang_up("Hello \"there\" ${envs.name}\nbye"),
    )
}

#[tokio::test]
async fn dial_sends_every_param_and_returns_the_call() {
    let practice = Practice::start().await;
    let mut request = spoken(ANSWERS);
    request.caller_id = Some(OWNED.into());
    request.status_url = Some("http://127.0.0.1:9/status".into());
    request.status_events = StatusEvent::RECOMMENDED.to_vec();
    request.timeout = Some(45);
    request.custom_variables.insert("name".into(), "Ada".into());
    request.send_digits = Some("w1#".into());
    request.max_price_per_minute = Some(0.25);

    let call = practice.client().dial(&request).await.unwrap();

    assert!(!call.id.is_empty());
    assert_eq!(call.to.as_deref(), Some(ANSWERS));
    assert_eq!(call.direction.as_deref(), Some("outbound-api"));
    assert!(call.status.is_some());
    let placed = practice.placed_calls().await;
    assert_eq!(placed.len(), 1);
    assert_eq!(placed[0]["id"], call.id.as_str());
    let params = &placed[0]["params"];
    assert_eq!(
        params["swml"],
        serde_json::to_value(Document::say_and_hang_up(
            "Hello \"there\" ${envs.name}\nbye"
        ))
        .unwrap(),
        "SWML travels as an object, text intact"
    );
    assert_eq!(params["caller_id"], OWNED);
    assert_eq!(
        params["status_events"],
        json!(["ringing", "answered", "ended"])
    );
    assert_eq!(params["timeout"], 45);
    assert_eq!(params["custom_variables"], json!({"name": "Ada"}));
    assert_eq!(params["send_digits"], "w1#");
    assert_eq!(params["max_price_per_minute"], 0.25);
    assert!(params.get("url").is_none());
}

#[tokio::test]
async fn dial_with_a_swml_url() {
    let practice = Practice::start().await;
    let mut request = DialRequest::new(
        OWNED,
        "sip:alice@example.com",
        CallFlow::Url {
            url: "https://example.com/flow.json".into(),
            method: Some(UrlMethod::Post),
        },
    );
    request.fallback_url = Some("https://example.com/fallback.json".into());
    let call = practice.client().dial(&request).await.unwrap();
    assert_eq!(call.url.as_deref(), Some("https://example.com/flow.json"));
    let params = &practice.placed_calls().await[0]["params"];
    assert_eq!(params["url_method"], "POST");
    assert_eq!(params["fallback_url"], "https://example.com/fallback.json");
    assert!(params.get("swml").is_none());
}

#[tokio::test]
async fn a_caller_id_the_project_may_not_use_is_refused_with_its_code() {
    let practice = Practice::start().await;
    let mut request = spoken(ANSWERS);
    request.caller_id = Some(PENDING_CALLER_ID.into());
    let err = practice.client().dial(&request).await.unwrap_err();
    let Error::Rejected { status, errors } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(*status, 422);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code.as_deref(), Some("not_purchased_or_verified"));
    assert_eq!(errors[0].attribute.as_deref(), Some("caller_id"));
    let msg = err.to_string();
    assert!(msg.contains("caller_id:"), "{msg}");
    assert!(msg.contains("owns or has verified"), "{msg}");
    assert!(practice.placed_calls().await.is_empty());
}

#[tokio::test]
async fn a_422_with_several_errors_lists_them_all() {
    let practice = Practice::start().await;
    // Seven digits pass the local E.164 check but not the space's (8 to 15 digits).
    let mut request = DialRequest::new("+1206555", "+1555123", Document::say_and_hang_up("x"));
    request.caller_id = Some(PENDING_CALLER_ID.into());
    let err = practice.client().dial(&request).await.unwrap_err();
    let Error::Rejected { errors, .. } = &err else {
        panic!("{err:?}")
    };
    let attributes: Vec<_> = errors
        .iter()
        .filter_map(|e| e.attribute.as_deref())
        .collect();
    assert!(errors.len() >= 3, "{errors:?}");
    for attribute in ["from", "to", "caller_id"] {
        assert!(
            attributes.contains(&attribute),
            "{attribute} missing from {attributes:?}"
        );
        assert!(err.to_string().contains(&format!("{attribute}: ")), "{err}");
    }
    assert!(errors.iter().all(|e| e.doc_url.is_some()));
}

#[tokio::test]
async fn local_validation_sends_nothing() {
    let practice = Practice::start().await;
    let mut request = spoken(ANSWERS);
    request.timeout = Some(601);
    let err = practice.client().dial(&request).await.unwrap_err();
    assert_eq!(err.code(), "invalid_request");
    assert!(err.to_string().starts_with("timeout:"), "{err}");
    assert_eq!(practice.dial_requests().await, 0);
}

#[tokio::test]
async fn dropped_connection_after_the_request_is_reported_unknown_and_never_resent() {
    let practice = Practice::with_fault(json!({"kind":"drop_after_request","count":3})).await;

    let err = practice.client().dial(&spoken(ANSWERS)).await.unwrap_err();

    assert!(matches!(err, Error::DialOutcomeUnknown { .. }), "{err:?}");
    assert!(err.to_string().contains("may have been placed"), "{err}");
    assert!(err.to_string().contains("check the call history"), "{err}");
    assert_eq!(
        practice.dial_requests().await,
        1,
        "the dial reached the server once"
    );
    assert_eq!(
        practice.placed_calls().await.len(),
        1,
        "exactly one call was placed"
    );
    assert_eq!(
        practice.faults_left().await,
        2,
        "no second attempt used a fault"
    );
}

#[tokio::test]
async fn a_hung_dial_times_out_as_unknown_and_is_never_resent() {
    let practice = Practice::with_fault(json!({"kind":"hang","count":3})).await;
    let mut config = Practice::config();
    config.request_timeout = Duration::from_millis(800);
    let started = std::time::Instant::now();

    let err = practice
        .client_with(config)
        .dial(&spoken(ANSWERS))
        .await
        .unwrap_err();

    assert!(matches!(err, Error::DialOutcomeUnknown { .. }), "{err:?}");
    assert!(err.to_string().contains("0.8 s"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(practice.placed_calls().await.len(), 1);
    assert_eq!(practice.faults_left().await, 2);
}

#[tokio::test]
async fn a_5xx_on_dial_is_not_retried_and_is_reported_unknown() {
    let practice = Practice::with_fault(json!({"kind":"status500","count":2})).await;

    let err = practice.client().dial(&spoken(ANSWERS)).await.unwrap_err();

    assert!(matches!(err, Error::DialOutcomeUnknown { .. }), "{err:?}");
    assert!(err.to_string().contains("500"), "{err}");
    assert_eq!(practice.faults_left().await, 1, "one request only");
    assert!(practice.placed_calls().await.is_empty());
}

#[tokio::test]
async fn a_429_on_dial_is_not_retried_and_says_how_long_to_wait() {
    let practice =
        Practice::with_fault(json!({"kind":"status429","count":2,"retry_after":1})).await;

    let err = practice.client().dial(&spoken(ANSWERS)).await.unwrap_err();

    assert!(
        matches!(err, Error::RateLimited { retry_after: Some(d) } if d == Duration::from_secs(1)),
        "{err:?}"
    );
    assert!(err.to_string().contains("wait 1 s"), "{err}");
    assert_eq!(practice.faults_left().await, 1);
}

#[tokio::test]
async fn a_dial_that_cannot_connect_says_nothing_was_sent() {
    let space = crate::support::dead_space().await;
    let client = callpad_core::signalwire::Client::with_config(
        space,
        callpad_core::signalwire::Credentials::new("p", "t0ken-value"),
        Practice::config(),
    )
    .unwrap();
    let err = client.dial(&spoken(ANSWERS)).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Network {
                problem: callpad_core::signalwire::NetworkProblem::Refused,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("nothing was sent"), "{err}");
    assert!(!err.call_may_have_been_placed());
}

#[tokio::test]
async fn calls_placed_in_a_row_get_distinct_ids_and_statuses_parse() {
    let practice = Practice::start().await;
    let client = practice.client();
    let a = client.dial(&spoken(ANSWERS)).await.unwrap();
    let b = client.dial(&spoken("+15551234560")).await.unwrap();
    assert_ne!(a.id, b.id);
    for call in [&a, &b] {
        assert!(
            matches!(
                call.status,
                Some(CallStatus::Queued | CallStatus::Created | CallStatus::Ringing)
            ),
            "{:?}",
            call.status
        );
    }
    assert_eq!(practice.placed_calls().await.len(), 2);
}
