//! Owned numbers and verified caller IDs: every page followed to the end, whether `links.next` is a
//! relative path (phone numbers) or a full URL (verified caller IDs) in the practice space.

use callpad_core::signalwire::{ClientConfig, RetryPolicy};

use crate::support::Practice;

#[tokio::test]
async fn phone_numbers_follow_relative_next_links_to_the_end() {
    let practice = Practice::start().await;
    let numbers = practice.client().phone_numbers().await.unwrap();
    let listed: Vec<&str> = numbers.iter().map(|n| n.number.as_str()).collect();
    let seeded: Vec<&str> = practice_space::seed::OWNED_NUMBERS
        .iter()
        .map(|n| n.number)
        .collect();
    assert!(seeded.len() > 2, "the seed must span several pages of 2");
    assert_eq!(listed, seeded);
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
    let seeded: Vec<&str> = practice_space::seed::VERIFIED_CALLER_IDS
        .iter()
        .map(|v| v.number)
        .collect();
    assert!(seeded.len() > 2);
    assert_eq!(listed, seeded);
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
