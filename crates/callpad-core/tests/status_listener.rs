//! The status listener over real HTTP on loopback: what it accepts, what it refuses, and a flood of
//! duplicated, reordered, badly signed and malformed webhooks that must still end every call right.

use std::collections::HashMap;

use callpad_core::status::{
    Algorithm, Applied, CallPhase, EndCause, Listener, Observation, SHA256_SIGNATURE_HEADER,
    SIGNATURE_HEADER, Tracker, sign, sign_with,
};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde_json::json;
use tokio::sync::mpsc;

const KEY: &str = "PSK_test_signing_key";

fn envelope(call_id: &str, state: &str, reason: Option<&str>, ts: f64) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "event_type": "calling.call.state",
        "timestamp": ts,
        "project_id": "p",
        "space_id": "s",
        "params": {
            "call_id": call_id, "node_id": "n", "call_state": state, "direction": "outbound",
            "device": {"type": "phone", "params": {"from_number": "+12065550100", "to_number": "+12065550199"}},
            "end_reason": reason, "start_time": null, "answer_time": null, "end_time": null
        }
    }))
    .unwrap()
}

async fn post(http: &reqwest::Client, url: &str, body: Vec<u8>, signature: Option<String>) -> u16 {
    let mut req = http
        .post(url)
        .header("content-type", "application/json")
        .body(body);
    if let Some(sig) = signature {
        req = req.header(SIGNATURE_HEADER, sig);
    }
    req.send().await.unwrap().status().as_u16()
}

async fn post_with(
    http: &reqwest::Client,
    url: &str,
    body: Vec<u8>,
    headers: &[(&str, String)],
) -> u16 {
    let mut req = http
        .post(url)
        .header("content-type", "application/json")
        .body(body);
    for (name, value) in headers {
        req = req.header(*name, value);
    }
    req.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn the_path_token_authenticates_and_signatures_present_must_be_right() {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let listener = Listener::start(Some(KEY.into()), tx).await.unwrap();
    let url = listener.status_url();
    let http = reqwest::Client::new();
    let body = envelope("c", "ringing", None, 1.0);
    let sha1 = sign(KEY, &url, &body);
    let sha256 = sign_with(Algorithm::Sha256, KEY, &url, &body);
    let bad256 = sign_with(Algorithm::Sha256, "other", &url, &body);
    let cases: Vec<(Vec<(&str, String)>, u16)> = vec![
        (vec![], 204),                                          // unsigned: accepted
        (vec![(SIGNATURE_HEADER, sha1.clone())], 204),          // SHA1 only
        (vec![(SHA256_SIGNATURE_HEADER, sha256.clone())], 204), // SHA256 only
        (
            vec![
                (SIGNATURE_HEADER, sha1.clone()),
                (SHA256_SIGNATURE_HEADER, sha256),
            ],
            204,
        ),
        // SHA256 is preferred: a wrong one is refused even beside a right SHA1.
        (
            vec![
                (SIGNATURE_HEADER, sha1),
                (SHA256_SIGNATURE_HEADER, bad256.clone()),
            ],
            403,
        ),
        (vec![(SHA256_SIGNATURE_HEADER, bad256)], 403),
        (vec![(SIGNATURE_HEADER, "nothex".into())], 403),
    ];
    for (headers, want) in &cases {
        assert_eq!(
            post_with(&http, &url, body.clone(), headers).await,
            *want,
            "{headers:?}"
        );
    }
    let tally = listener.tally();
    assert_eq!(
        (tally.received, tally.signed, tally.unsigned, tally.refused),
        (7, 3, 1, 3),
        "{tally:?}"
    );
    for _ in 0..4 {
        rx.recv().await.unwrap();
    }
    assert!(rx.try_recv().is_err());
    // Required: unsigned is refused, signed still accepted.
    listener.set_require_signed(true);
    assert!(listener.requires_signatures());
    assert_eq!(post_with(&http, &url, body.clone(), &[]).await, 403);
    let sha1 = sign(KEY, &url, &body);
    assert_eq!(
        post_with(&http, &url, body.clone(), &[(SIGNATURE_HEADER, sha1)]).await,
        204
    );
    assert!(
        listener
            .tally()
            .last_refusal
            .unwrap()
            .contains("requires signed")
    );
}

#[tokio::test]
async fn the_second_leg_has_its_own_path_and_is_tagged() {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let listener = Listener::start(None, tx).await.unwrap();
    let leg = listener.leg_url("42");
    assert!(leg.contains("/leg/") && leg.ends_with("/42"), "{leg}");
    let body = envelope("leg-1", "ended", Some("busy"), 1.0);
    assert_eq!(post(&reqwest::Client::new(), &leg, body, None).await, 204);
    let obs = rx.recv().await.unwrap();
    assert_eq!(obs.leg.as_deref(), Some("42"));
    assert_eq!(obs.cause, Some(EndCause::Busy));
}

#[tokio::test]
async fn accepts_signed_webhooks_and_refuses_everything_else() {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let listener = Listener::start(Some(KEY.into()), tx).await.unwrap();
    let url = listener.status_url();
    assert!(url.starts_with(&format!("http://{}/status/", listener.local_addr())));
    let token = url.rsplit('/').next().unwrap();
    assert!(
        token.len() >= 32,
        "the path token must be unguessable: {token}"
    );
    let http = reqwest::Client::new();

    // Correctly signed: accepted and delivered.
    let body = envelope("call-1", "ringing", None, 1_700_000_000.5);
    assert_eq!(
        post(&http, &url, body.clone(), Some(sign(KEY, &url, &body))).await,
        204
    );
    let obs = rx.recv().await.unwrap();
    assert_eq!(
        (obs.call_id.as_str(), obs.phase),
        ("call-1", CallPhase::Ringing)
    );
    assert_eq!(obs.at_ms, 1_700_000_000_500);

    // The flat form is accepted too.
    let flat = serde_json::to_vec(&json!({"call_id": "call-2", "call_state": "answered"})).unwrap();
    assert_eq!(
        post(&http, &url, flat.clone(), Some(sign(KEY, &url, &flat))).await,
        204
    );
    assert_eq!(rx.recv().await.unwrap().phase, CallPhase::Answered);

    // Wrong path token, missing or wrong signature, malformed body, oversized body.
    let wrong = format!(
        "{}/status/{}",
        url.rsplit_once("/status/").unwrap().0,
        "0".repeat(48)
    );
    assert_eq!(
        post(&http, &wrong, body.clone(), Some(sign(KEY, &wrong, &body))).await,
        404
    );
    assert_eq!(
        post(&http, &url, body.clone(), Some(sign("other", &url, &body))).await,
        403
    );
    let junk = b"{not json".to_vec();
    assert_eq!(
        post(&http, &url, junk.clone(), Some(sign(KEY, &url, &junk))).await,
        400
    );
    let huge = vec![b' '; 200 * 1024];
    assert_eq!(
        post(&http, &url, huge.clone(), Some(sign(KEY, &url, &huge))).await,
        413
    );
    assert!(
        rx.try_recv().is_err(),
        "nothing refused reaches the tracker"
    );
}

#[tokio::test]
async fn signatures_follow_the_public_url_behind_a_tunnel() {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let listener = Listener::start(Some(KEY.into()), tx).await.unwrap();
    let local = listener.status_url();
    listener.set_public_base("https://abc123.ngrok.app/");
    let public = listener.status_url();
    assert!(
        public.starts_with("https://abc123.ngrok.app/status/"),
        "{public}"
    );
    // SignalWire signs the URL it posted to (the public one); the tunnel delivers it locally.
    let body = envelope("call-9", "ended", Some("busy"), 1.0);
    let http = reqwest::Client::new();
    assert_eq!(
        post(&http, &local, body.clone(), Some(sign(KEY, &local, &body))).await,
        403
    );
    assert_eq!(
        post(&http, &local, body.clone(), Some(sign(KEY, &public, &body))).await,
        204
    );
    let obs = rx.recv().await.unwrap();
    assert_eq!(obs.cause, Some(EndCause::Busy));
}

#[tokio::test]
async fn without_a_signing_key_unsigned_webhooks_are_accepted() {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let listener = Listener::start(None, tx).await.unwrap();
    assert!(!listener.verifies_signatures());
    let body = envelope("c", "created", None, 1.0);
    assert_eq!(
        post(&reqwest::Client::new(), &listener.status_url(), body, None).await,
        204
    );
    assert_eq!(rx.recv().await.unwrap().phase, CallPhase::Created);
}

/// 10,000 webhooks for 500 calls: 20 % duplicates, 20 % out of order, 10 % badly signed,
/// 5 % malformed. Every call must end in its own final state and every bad request get a 4xx.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hostile_flood_still_ends_every_call_right() {
    let (tx, mut rx) = mpsc::unbounded_channel::<Observation>();
    let listener = Listener::start(Some(KEY.into()), tx).await.unwrap();
    let url = listener.status_url();
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let causes = [
        ("hangup", EndCause::HungUp),
        ("busy", EndCause::Busy),
        ("noAnswer", EndCause::NoAnswer),
        ("decline", EndCause::Declined),
        ("error", EndCause::Failed),
    ];

    enum Kind {
        Good,
        BadSignature,
        Malformed,
    }
    let mut expected = HashMap::new();
    let mut sends: Vec<(Vec<u8>, Kind)> = Vec::new();
    for i in 0..500 {
        let id = format!("call-{i:03}");
        let (reason, cause) = causes[i % causes.len()];
        expected.insert(id.clone(), cause);
        let mut states: Vec<(&str, Option<&str>)> = vec![("created", None), ("ringing", None)];
        if cause == EndCause::HungUp {
            states.push(("answered", None));
        }
        states.push(("ended", Some(reason)));
        let mut events: Vec<Vec<u8>> = states
            .iter()
            .enumerate()
            .map(|(n, (s, r))| envelope(&id, s, *r, 1_700_000_000.0 + n as f64))
            .collect();
        // 20 % of calls get their events out of order.
        if rng.random_bool(0.2) {
            events.shuffle(&mut rng);
        }
        for e in events {
            // 20 % duplicates.
            if rng.random_bool(0.2) {
                sends.push((e.clone(), Kind::Good));
            }
            sends.push((e, Kind::Good));
        }
    }
    let good = sends.len();
    // Add bad ones until they are ~10 % and ~5 % of 10,000 in all, and fill with duplicates.
    let total = 10_000;
    for _ in 0..total / 10 {
        sends.push((
            envelope("call-000", "answered", None, 0.0),
            Kind::BadSignature,
        ));
    }
    for n in 0..total / 20 {
        let junk = match n % 3 {
            0 => b"{\"call_id\":".to_vec(),
            1 => b"[]".to_vec(),
            _ => br#"{"call_id":"call-001","call_state":"exploded"}"#.to_vec(),
        };
        sends.push((junk, Kind::Malformed));
    }
    while sends.len() < total {
        let i = rng.random_range(0..good);
        let copy = sends[i].0.clone();
        sends.push((copy, Kind::Good));
    }

    let http = reqwest::Client::new();
    let mut tasks = tokio::task::JoinSet::new();
    for chunk in sends.chunks(total / 16) {
        let batch: Vec<(Vec<u8>, String, u16)> = chunk
            .iter()
            .map(|(body, kind)| match kind {
                Kind::Good => (body.clone(), sign(KEY, &url, body), 204),
                Kind::BadSignature => (body.clone(), sign("wrong-key", &url, body), 403),
                Kind::Malformed => (body.clone(), sign(KEY, &url, body), 400),
            })
            .collect();
        let http = http.clone();
        let url = url.clone();
        tasks.spawn(async move {
            for (body, sig, want) in batch {
                assert_eq!(post(&http, &url, body, Some(sig)).await, want);
            }
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.expect("a sender task failed: a request got the wrong status");
    }

    let mut tracker = Tracker::new();
    let mut advanced = 0;
    while let Ok(obs) = rx.try_recv() {
        if let Applied::Advanced(_) = tracker.apply(obs) {
            advanced += 1;
        }
    }
    assert!(advanced >= 500);
    for (id, cause) in expected {
        let view = tracker
            .get(&id)
            .unwrap_or_else(|| panic!("{id} never seen"));
        assert_eq!(view.phase, CallPhase::Ended, "{id}");
        assert_eq!(view.cause, Some(cause), "{id}");
    }
}
