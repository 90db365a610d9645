//! Owned numbers (relative `next` links) and verified caller IDs (absolute `next` links): shapes,
//! real pagination, and agreement with the caller-ID rule of `dial`.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::*;

/// Follows `links.next` from `first_path` to the end; returns the pages' data and next links.
async fn walk(h: &Harness, first_path: &str) -> (Vec<Value>, Vec<String>) {
    let mut items = Vec::new();
    let mut nexts = Vec::new();
    let mut url = h.url(first_path);
    for _ in 0..20 {
        let response = h
            .http
            .get(&url)
            .basic_auth(h.space.project_id(), Some(h.space.api_token()))
            .send()
            .await
            .unwrap();
        let (status, page) = read(response).await;
        assert_eq!(status, StatusCode::OK, "{url}: {page}");
        assert!(page["links"]["self"].is_string());
        assert!(page["links"]["first"].is_string());
        items.extend(page["data"].as_array().unwrap().iter().cloned());
        match page["links"].get("next").and_then(Value::as_str) {
            Some(next) => {
                nexts.push(next.to_owned());
                url = if next.starts_with('/') {
                    h.url(next)
                } else {
                    next.to_owned()
                };
            }
            None => return (items, nexts),
        }
    }
    panic!("pagination never ended");
}

/// `entry` of the list at `path` is also readable on its own, at `path/{id}`, unchanged.
async fn reads_back(h: &Harness, path: &str, entry: &Value) {
    let id = entry["id"].as_str().unwrap();
    let (status, one) = h.get(&format!("{path}/{id}")).await;
    assert_eq!(status, reqwest::StatusCode::OK);
    assert_eq!(&one, entry);
}

#[tokio::test]
async fn phone_numbers_list_in_one_default_page() {
    let h = Harness::start().await;
    let (status, page) = h.get("/api/relay/rest/phone_numbers").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page["links"].get("next").is_none());
    assert!(page["links"].get("prev").is_none());
    assert_eq!(
        page["links"]["self"],
        "/api/relay/rest/phone_numbers?page_size=50"
    );
    let data = page["data"].as_array().unwrap();
    assert_eq!(data.len(), practice_space::seed::OWNED_NUMBERS.len());
    for entry in data {
        assert!(entry["id"].is_string(), "{entry}");
        assert!(entry["number"].as_str().unwrap().starts_with('+'));
        assert!(entry["name"].is_string());
        assert!(
            entry["capabilities"]
                .as_array()
                .unwrap()
                .iter()
                .all(Value::is_string)
        );
        assert!(["longcode", "toll-free"].contains(&entry["number_type"].as_str().unwrap()));
        assert!(["US", "GB"].contains(&entry["country_code"].as_str().unwrap()));
    }
    let numbers: Vec<&str> = data.iter().map(|e| e["number"].as_str().unwrap()).collect();
    for expected in [
        "+12065550100",
        "+13125550142",
        "+447700900123",
        "+442079460958",
    ] {
        assert!(numbers.contains(&expected), "{expected}");
    }
    let without_voice: Vec<&Value> = data
        .iter()
        .filter(|e| {
            !e["capabilities"]
                .as_array()
                .unwrap()
                .contains(&json!("voice"))
        })
        .collect();
    assert_eq!(without_voice.len(), 1);
    assert_eq!(without_voice[0]["number"], "+12025550143");
    assert!(data.iter().any(|e| e["number_type"] == "toll-free"));
}

#[tokio::test]
async fn phone_numbers_page_with_relative_links() {
    let h = Harness::start().await;
    let (items, nexts) = walk(&h, "/api/relay/rest/phone_numbers?page_size=2").await;
    assert_eq!(nexts.len(), 2, "six numbers in pages of two: {nexts:?}");
    assert!(
        nexts
            .iter()
            .all(|n| n.starts_with("/api/relay/rest/phone_numbers?")),
        "{nexts:?}"
    );
    let numbers: Vec<&str> = items
        .iter()
        .map(|e| e["number"].as_str().unwrap())
        .collect();
    let seeded: Vec<&str> = practice_space::seed::OWNED_NUMBERS
        .iter()
        .map(|n| n.number)
        .collect();
    assert_eq!(numbers, seeded, "every number once, in order");

    // The middle page links both ways; the last has no next.
    let (_, middle) = h.get(&nexts[0]).await;
    assert!(link(&middle, "prev").starts_with('/'));
    let (_, last) = h.get(&nexts[1]).await;
    assert!(last["links"].get("next").is_none());
    assert_eq!(last["data"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn page_number_selects_a_page_and_bad_paging_is_a_relay_422() {
    let h = Harness::start().await;
    let (status, page) = h
        .get("/api/relay/rest/phone_numbers?page_size=4&page_number=1")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["data"].as_array().unwrap().len(), 2);
    assert_eq!(
        page["data"][0]["number"],
        practice_space::seed::OWNED_NUMBERS[4].number
    );

    for query in [
        "page_size=0",
        "page_size=1001",
        "page_size=abc",
        "page_token=bogus",
        "page_number=-1",
    ] {
        for list in ["phone_numbers", "verified_caller_ids"] {
            let (status, body) = h.get(&format!("/api/relay/rest/{list}?{query}")).await;
            assert_relay_422(status, &body);
            assert_eq!(
                body["errors"][0]["code"], "invalid_parameter",
                "{list}?{query}"
            );
        }
    }
}

#[tokio::test]
async fn verified_caller_ids_page_with_absolute_links() {
    let h = Harness::start().await;
    let (items, nexts) = walk(&h, "/api/relay/rest/verified_caller_ids?page_size=2").await;
    assert_eq!(nexts.len(), 1);
    let prefix = format!("{}/api/relay/rest/verified_caller_ids?", h.space.base_url());
    assert!(nexts[0].starts_with(&prefix), "{nexts:?}");
    assert_eq!(items.len(), practice_space::seed::VERIFIED_CALLER_IDS.len());
    for entry in &items {
        assert!(entry["id"].is_string());
        assert!(entry["number"].is_string());
        assert!(entry["name"].is_string());
        assert!(entry["verified"].is_boolean());
        assert!(["Verified", "Awaiting Verification"].contains(&entry["status"].as_str().unwrap()));
        assert_eq!(entry["type"], "VerifiedCallerId");
        assert!(entry.get("extension").is_some());
        assert_eq!(entry["verified_at"].is_string(), entry["verified"] == true);
        // Each is also readable on its own.
        reads_back(&h, "/api/relay/rest/verified_caller_ids", entry).await;
    }
    let pending: Vec<&Value> = items.iter().filter(|e| e["verified"] == false).collect();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0]["status"], "Awaiting Verification");
    assert!(
        items
            .iter()
            .any(|e| e["number"].as_str().unwrap().starts_with("+44"))
    );
    assert!(
        items
            .iter()
            .any(|e| e["number"].as_str().unwrap().starts_with("+1"))
    );

    let (_, first) = h
        .get("/api/relay/rest/verified_caller_ids?page_size=2")
        .await;
    assert!(link(&first, "self").starts_with("http://"));
}

#[tokio::test]
async fn dial_accepts_exactly_the_listed_usable_caller_ids() {
    let h = Harness::start().await;
    let (owned, _) = walk(&h, "/api/relay/rest/phone_numbers").await;
    let (verified, _) = walk(&h, "/api/relay/rest/verified_caller_ids").await;
    for entry in &owned {
        reads_back(&h, "/api/relay/rest/phone_numbers", entry).await;
    }
    let (status, _) = h.get("/api/relay/rest/phone_numbers/nope").await;
    assert_eq!(status, reqwest::StatusCode::NOT_FOUND);
    let mut checks: Vec<(String, bool)> = owned
        .iter()
        .filter(|e| {
            e["capabilities"]
                .as_array()
                .unwrap()
                .contains(&Value::from("voice"))
        })
        .map(|e| (e["number"].as_str().unwrap().to_owned(), true))
        .collect();
    checks.extend(verified.iter().map(|e| {
        (
            e["number"].as_str().unwrap().to_owned(),
            e["verified"] == true,
        )
    }));
    for (number, usable) in checks {
        let (status, body) = h
            .post_calls(&dial_body("+12065550175", json!({ "caller_id": number })))
            .await;
        if usable {
            assert_eq!(status, StatusCode::OK, "{number}: {body}");
        } else {
            assert_eq!(
                calling_errors(&body),
                pairs(&[("not_purchased_or_verified", "caller_id")]),
                "{number}"
            );
        }
    }
}
