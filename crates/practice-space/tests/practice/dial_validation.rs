//! Every documented dial validation rule: status 422, the calling error shape, one entry per problem.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::*;

/// Dials with `params` (no defaults added) and returns the `(code, attribute)` of each error.
async fn rejected(h: &Harness, params: Value) -> Vec<(String, String)> {
    let (status, body) = h
        .post_calls(&json!({ "command": "dial", "params": params }))
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{params} → {body}"
    );
    calling_errors(&body)
}

/// Dials `to` with `extra` merged into an otherwise valid dial; returns its errors.
async fn rejected_with(h: &Harness, extra: Value) -> Vec<(String, String)> {
    let body = dial_body("+12065550175", extra);
    rejected(h, body["params"].clone()).await
}

/// Asserts that a dial with `field` set to `value` is refused for that parameter alone, with `code`.
async fn refused(h: &Harness, field: &str, value: Value, code: &str) {
    let errors = rejected_with(h, json!({ field: value.clone() })).await;
    assert_eq!(errors, pairs(&[(code, field)]), "{field}: {value}");
}

async fn accepted_with(h: &Harness, extra: Value) {
    let (status, body) = h
        .post_calls(&dial_body("+12065550175", extra.clone()))
        .await;
    assert_eq!(status, StatusCode::OK, "{extra} → {body}");
}

#[tokio::test]
async fn missing_from_and_to_are_each_named() {
    let h = Harness::start().await;
    let errors = rejected(&h, json!({ "swml": swml() })).await;
    assert_eq!(
        errors,
        pairs(&[
            ("missing_required_parameter", "from"),
            ("missing_required_parameter", "to"),
        ])
    );
    let errors = rejected(&h, json!({ "from": OWNED, "to": "", "swml": swml() })).await;
    assert_eq!(errors, pairs(&[("missing_required_parameter", "to")]));
}

#[tokio::test]
async fn exactly_one_of_url_and_swml() {
    let h = Harness::start().await;
    let neither = rejected(&h, json!({ "from": OWNED, "to": "+12065550175" })).await;
    assert_eq!(neither, pairs(&[("missing_required_parameter", "url")]));
    let both = rejected_with(&h, json!({ "url": "https://example.com/swml" })).await;
    assert_eq!(both.len(), 1);
    assert_eq!(both[0].0, "invalid_parameter");
    // A null counts as absent.
    accepted_with(&h, json!({ "url": Value::Null })).await;
    accepted_with(
        &h,
        json!({ "swml": Value::Null, "url": "https://example.com/swml" }),
    )
    .await;
}

#[tokio::test]
async fn swml_may_be_an_object_or_a_json_string_but_must_be_swml() {
    let h = Harness::start().await;
    accepted_with(&h, json!({ "swml": swml().to_string() })).await;
    for bad in [
        json!("not json"),
        json!(42),
        json!({ "version": "1.0.0" }),
        json!("[1,2]"),
    ] {
        refused(&h, "swml", json!(bad), "invalid_parameter").await;
    }
    let errors = rejected_with(
        &h,
        json!({ "swml": Value::Null, "url": "ftp://example.com/x" }),
    )
    .await;
    assert_eq!(errors, pairs(&[("invalid_parameter", "url")]));
}

#[tokio::test]
async fn addresses_must_be_e164_or_sip() {
    let h = Harness::start().await;
    for bad in [
        "2065550175",
        "+1234567",
        "+1234567890123456",
        "+1 206 555 0175",
        "+1-206-555-0175",
        "tel:+12065550175",
        "sip:alice",
        "sip:@example.com",
        "+12065550175x",
    ] {
        refused(&h, "to", json!(bad), "invalid_parameter").await;
        refused(&h, "from", json!(bad), "invalid_parameter").await;
        refused(&h, "caller_id", json!(bad), "not_valid_for_caller_id").await;
    }
    refused(&h, "to", json!(12065550175u64), "invalid_parameter").await;
    for good in [
        "+12345678",
        "+123456789012345",
        "sip:alice@example.com",
        "sip:100@10.0.0.1:5060",
        "sips:alice@example.com",
    ] {
        accepted_with(&h, json!({ "to": good })).await;
    }
}

#[tokio::test]
async fn caller_id_must_be_owned_or_verified() {
    let h = Harness::start().await;
    let unknown = "+12125550199";
    // No caller_id: `from` is what is shown, so `from` is checked.
    refused(&h, "from", json!(unknown), "number_not_verified").await;
    // With caller_id, that is what is checked.
    refused(&h, "caller_id", json!(unknown), "not_purchased_or_verified").await;
    // An owned number that cannot make calls.
    refused(&h, "caller_id", json!("+12025550143"), "not_voice_capable").await;
    accepted_with(&h, json!({ "from": unknown, "caller_id": OWNED })).await;
    // A verification still pending is refused.
    refused(
        &h,
        "caller_id",
        json!("+13035550177"),
        "not_purchased_or_verified",
    )
    .await;
    // Verified and owned voice numbers (UK too) are accepted.
    for good in [
        "+14155550111",
        "+447911123456",
        "+447700900123",
        "+442079460958",
        "+18885550175",
    ] {
        accepted_with(&h, json!({ "caller_id": good })).await;
        accepted_with(&h, json!({ "from": good })).await;
    }
    // SIP caller ids are not phone numbers, so ownership does not apply.
    accepted_with(
        &h,
        json!({ "from": "sip:desk@example.com", "to": "sip:bob@example.com" }),
    )
    .await;
}

#[tokio::test]
async fn timeout_is_a_whole_number_from_1_to_600() {
    let h = Harness::start().await;
    for bad in [
        json!(0),
        json!(601),
        json!(-5),
        json!(25.5),
        json!("30"),
        json!(true),
    ] {
        refused(&h, "timeout", json!(bad), "invalid_parameter").await;
    }
    for good in [1, 25, 600] {
        accepted_with(&h, json!({ "timeout": good })).await;
    }
}

#[tokio::test]
async fn status_events_take_either_documented_list() {
    let h = Harness::start().await;
    for bad in [
        json!(["ended", "completed"]),
        json!(["hangup"]),
        json!("ended"),
        json!([1]),
    ] {
        refused(&h, "status_events", json!(bad), "invalid_parameter").await;
    }
    accepted_with(
        &h,
        json!({ "status_events": ["created", "ringing", "answered", "ended"] }),
    )
    .await;
    accepted_with(
        &h,
        json!({ "status_events": ["queued", "initiated", "ringing", "answered", "ending", "ended"] }),
    )
    .await;
    accepted_with(&h, json!({ "status_events": [] })).await;
    refused(&h, "status_url", json!("not a url"), "invalid_parameter").await;
}

#[tokio::test]
async fn send_digits_take_only_dtmf_characters() {
    let h = Harness::start().await;
    accepted_with(&h, json!({ "send_digits": "0123456789ABCD*#w," })).await;
    for bad in ["12e", "1 2", "abcd", "W", "+"] {
        refused(&h, "send_digits", json!(bad), "invalid_parameter").await;
    }
}

#[tokio::test]
async fn custom_variables_are_at_most_20_strings() {
    let h = Harness::start().await;
    let vars = |n: usize| -> Value {
        (0..n)
            .map(|i| (format!("k{i}"), json!(format!("v{i}"))))
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    accepted_with(&h, json!({ "custom_variables": vars(20) })).await;
    refused(
        &h,
        "custom_variables",
        json!(vars(21)),
        "too_many_custom_variables",
    )
    .await;
    for (name, code) in [
        ("1x", "invalid_custom_variable_name"),
        ("a-b", "invalid_custom_variable_name"),
        ("SW_x", "reserved_custom_variable_name"),
        ("signalwire_x", "reserved_custom_variable_name"),
        ("rtc_x", "reserved_custom_variable_name"),
        ("Internal_x", "reserved_custom_variable_name"),
    ] {
        let errors = rejected_with(&h, json!({ "custom_variables": { name: "v" } })).await;
        assert_eq!(errors, pairs(&[(code, "custom_variables")]), "{name}");
    }
    let long = "x".repeat(1025);
    for value in ["", long.as_str()] {
        refused(
            &h,
            "custom_variables",
            json!({ "k": value }),
            "custom_variable_value_too_long",
        )
        .await;
    }
    accepted_with(
        &h,
        json!({ "custom_variables": { "_ok": "x".repeat(1024) } }),
    )
    .await;
    refused(
        &h,
        "custom_variables",
        json!({ "a": 1 }),
        "invalid_parameter",
    )
    .await;
    refused(&h, "custom_variables", json!(["a"]), "invalid_parameter").await;
    // Too many and not strings: two entries.
    let mut both = vars(21);
    both["k0"] = json!(null);
    let errors = rejected_with(&h, json!({ "custom_variables": both })).await;
    assert_eq!(
        errors,
        pairs(&[
            ("too_many_custom_variables", "custom_variables"),
            ("invalid_parameter", "custom_variables"),
        ])
    );
}

#[tokio::test]
async fn url_method_is_get_or_post() {
    let h = Harness::start().await;
    let url = json!({ "swml": Value::Null, "url": "https://example.com/swml" });
    for good in ["GET", "POST"] {
        let mut extra = url.clone();
        extra["url_method"] = json!(good);
        accepted_with(&h, extra).await;
    }
    for bad in ["PUT", "get", ""] {
        refused(&h, "url_method", json!(bad), "invalid_parameter").await;
    }
}

#[tokio::test]
async fn every_problem_gets_its_own_entry() {
    let h = Harness::start().await;
    let errors = rejected(
        &h,
        json!({
            "from": "+19995550000",
            "to": "12345",
            "url": "https://example.com/a",
            "swml": swml(),
            "status_events": ["nope"],
            "timeout": 900,
            "send_digits": "x",
            "custom_variables": { "n": 1 },
            "url_method": "PATCH",
        }),
    )
    .await;
    assert_eq!(
        errors,
        pairs(&[
            ("invalid_parameter", "to"),
            ("number_not_verified", "from"),
            ("invalid_parameter", "swml"),
            ("invalid_parameter", "url_method"),
            ("invalid_parameter", "status_events"),
            ("invalid_parameter", "timeout"),
            ("invalid_parameter", "send_digits"),
            ("invalid_parameter", "custom_variables"),
        ])
    );
}

#[tokio::test]
async fn unknown_or_missing_commands_are_422_in_the_same_shape() {
    let h = Harness::start().await;
    assert_eq!(
        h.calling_refused(&json!({ "command": "calling.dial", "params": {} }))
            .await,
        pairs(&[("invalid_parameter", "command")])
    );
    assert_eq!(
        h.calling_refused(&json!({ "params": {} })).await,
        pairs(&[("missing_required_parameter", "command")])
    );
    assert_eq!(
        h.calling_refused(&json!({ "command": "dial", "params": "x" }))
            .await,
        pairs(&[("invalid_parameter", "params")])
    );
}

#[tokio::test]
async fn malformed_json_is_a_400_with_an_error_string() {
    let h = Harness::start().await;
    for raw in ["{\"command\": \"dial\",", "", "[]", "\"dial\""] {
        let response = h
            .authed(reqwest::Method::POST, "/api/calling/calls")
            .header("content-type", "application/json")
            .body(raw)
            .send()
            .await
            .unwrap();
        let (status, body) = read(response).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{raw:?}");
        assert!(
            body["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{body}"
        );
        assert_eq!(body.as_object().unwrap().len(), 1);
    }
}

#[tokio::test]
async fn rejected_dials_are_counted_but_place_no_call() {
    let h = Harness::start().await;
    rejected(&h, json!({})).await;
    rejected_with(&h, json!({ "timeout": 0 })).await;
    let calls = h.control_get("/__practice/calls").await;
    assert_eq!(calls["dial_requests"], 2);
    assert_eq!(calls["calls"], json!([]));
}
