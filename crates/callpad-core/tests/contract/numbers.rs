//! Owned numbers and verified caller IDs: every page followed to the end, whether `links.next` is a
//! relative path (phone numbers) or a full URL (verified caller IDs) in the practice space.

use callpad_core::signalwire::{ClientConfig, RetryPolicy};

use crate::support::Practice;

/// Asserts `listed` is the seed, in order, and that the seed spans several pages of 2.
fn assert_is_the_whole_seed<'a>(listed: &[&str], seeded: impl Iterator<Item = &'a str>) {
    let seeded: Vec<&str> = seeded.collect();
    assert!(seeded.len() > 2, "the seed must span several pages of 2");
    assert_eq!(listed, seeded);
}

#[tokio::test]
async fn phone_numbers_follow_relative_next_links_to_the_end() {
    let practice = Practice::start().await;
    let numbers = practice.client().phone_numbers().await.unwrap();
    let listed: Vec<&str> = numbers.iter().map(|n| n.number.as_str()).collect();
    assert_is_the_whole_seed(
        &listed,
        practice_space::seed::OWNED_NUMBERS.iter().map(|n| n.number),
    );
    for wanted in ["+12065550100", "+13125550142", "+447700900123"] {
        assert!(listed.contains(&wanted), "{wanted}");
    }
    let sms_only = numbers.iter().find(|n| n.number == "+12025550143").unwrap();
    assert!(!sms_only.can_call());
    assert!(
        numbers
            .iter()
            .find(|n| n.number == "+12065550100")
            .unwrap()
            .can_call()
    );
}

#[tokio::test]
async fn verified_caller_ids_follow_absolute_next_links_to_the_end() {
    let practice = Practice::start().await;
    let ids = practice.client().verified_caller_ids().await.unwrap();
    let listed: Vec<&str> = ids.iter().map(|v| v.number.as_str()).collect();
    assert_is_the_whole_seed(
        &listed,
        practice_space::seed::VERIFIED_CALLER_IDS
            .iter()
            .map(|v| v.number),
    );
    let pending = ids.iter().find(|v| v.number == "+13035550177").unwrap();
    assert!(!pending.is_verified());
    assert!(ids.iter().filter(|v| v.is_verified()).count() >= 3);
}

#[tokio::test]
async fn one_big_page_gives_the_same_list() {
    let practice = Practice::start().await;
    let client = practice.client_with(ClientConfig {
        page_size: 100,
        retry: RetryPolicy::none(),
        ..ClientConfig::default()
    });
    let big = client.phone_numbers().await.unwrap();
    let small = practice.client().phone_numbers().await.unwrap();
    assert_eq!(big, small);
}

#[tokio::test]
async fn verified_caller_ids_need_the_voice_scope_and_the_connection_test_says_so() {
    let practice = Practice::start().await;
    practice
        .fault(serde_json::json!({
            "kind": "status403",
            "path_prefix": "/api/relay/rest/verified_caller_ids",
            "count": 5
        }))
        .await;
    let err = callpad_core::profiles::test_connection(&practice.client())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "missing_scope");
    assert!(err.to_string().contains("Voice scope"), "{err}");
}

#[tokio::test]
async fn verified_caller_ids_read_the_documented_spelling() {
    let practice = Practice::start().await;
    let ids = practice.client().verified_caller_ids().await.unwrap();
    let pending: Vec<_> = ids.iter().filter(|v| !v.is_verified()).collect();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].status.as_deref(), Some("Awaiting Verification"));
    assert!(
        ids.iter()
            .filter(|v| v.is_verified())
            .all(|v| v.verified_at.is_some())
    );
}
