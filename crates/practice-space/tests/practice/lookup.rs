//! Number lookup: formatted numbers, carrier and caller name (marked as practice data), errors.

use reqwest::StatusCode;

use crate::common::*;

/// Looks `query` (a number, then any `?include=`) up; expects 200 and returns the answer.
async fn found(h: &Harness, query: &str) -> serde_json::Value {
    let (status, body) = h
        .get(&format!("/api/relay/rest/lookup/phone_number/{query}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{query}: {body}");
    body
}

#[tokio::test]
async fn a_us_lookup_has_carrier_and_caller_name() {
    let h = Harness::start().await;
    let body = found(&h, "+12065550100?include=carrier,cnam").await;
    assert_eq!(body["e164"], "+12065550100");
    assert_eq!(body["country_code"], "US");
    assert_eq!(body["country_code_number"], 1);
    assert_eq!(body["national_number_formatted"], "(206) 555-0100");
    assert_eq!(body["international_number_formatted"], "+1 206-555-0100");
    assert_eq!(body["timezones"][0], "America/Los_Angeles");
    let carrier = &body["carrier"];
    for key in [
        "lec",
        "lrn",
        "spid",
        "ocn",
        "lata",
        "city",
        "state",
        "jurisdiction",
        "linetype",
    ] {
        assert!(carrier[key].is_string(), "{key} in {carrier}");
    }
    assert_eq!(carrier["lec"], "Practice Carrier (not real data)");
    assert_eq!(carrier["state"], "WA");
    assert_eq!(carrier["linetype"], "landline");
    assert_eq!(body["cnam"]["caller_id"], "SEATTLE OFFICE");
    assert_eq!(body["practice_data"], true);
}

#[tokio::test]
async fn uk_numbers_are_formatted_the_uk_way() {
    let h = Harness::start().await;
    let london = found(&h, "+442079460958?include=carrier").await;
    assert_eq!(london["country_code"], "GB");
    assert_eq!(london["national_number_formatted"], "020 7946 0958");
    assert_eq!(london["international_number_formatted"], "+44 20 7946 0958");
    assert_eq!(london["carrier"]["linetype"], "landline");
    assert!(london["cnam"].is_null(), "cnam was not asked for");
    let mobile = found(&h, "+447700900123?include=carrier").await;
    assert_eq!(mobile["national_number_formatted"], "07700 900123");
    assert_eq!(mobile["carrier"]["linetype"], "wireless");
}

#[tokio::test]
async fn without_include_there_is_no_carrier_or_cnam() {
    let h = Harness::start().await;
    let body = found(&h, "+18885550175").await;
    assert!(body["carrier"].is_null());
    assert!(body["cnam"].is_null());
    assert_eq!(body["number_type"], "TOLL_FREE");
}

#[tokio::test]
async fn a_percent_encoded_plus_works() {
    let h = Harness::start().await;
    let body = found(&h, "%2B13125550142?include=cnam").await;
    assert_eq!(body["e164"], "+13125550142");
    assert_eq!(body["cnam"]["caller_id"], "CHICAGO DESK");
}

#[tokio::test]
async fn bad_numbers_are_a_relay_422() {
    let h = Harness::start().await;
    for number in [
        "12065550100",
        "+1206555010",
        "hello",
        "+99912345678",
        "+4412",
    ] {
        let (status, body) = h
            .get(&format!(
                "/api/relay/rest/lookup/phone_number/{number}?include=carrier"
            ))
            .await;
        assert_relay_422(status, &body);
    }
}
