//! Number lookup with `include=carrier,cnam`, and the relay-shaped 422 for a number it refuses.

use callpad_core::Error;

use crate::support::Practice;

#[tokio::test]
async fn lookup_returns_carrier_and_caller_name() {
    let practice = Practice::start().await;
    let found = practice.client().lookup("+12065550100").await.unwrap();
    assert_eq!(found.e164.as_deref(), Some("+12065550100"));
    assert_eq!(found.country_code.as_deref(), Some("US"));
    let carrier = found.carrier.expect("carrier was asked for");
    assert!(carrier.name.is_some());
    assert!(carrier.linetype.is_some());
    assert_eq!(
        found.cnam.unwrap().caller_id.as_deref(),
        Some("SEATTLE OFFICE")
    );
}

#[tokio::test]
async fn a_refused_lookup_reads_the_relay_error_shape() {
    let practice = Practice::start().await;
    let err = practice.client().lookup("+99912345678").await.unwrap_err();
    let Error::Rejected { status, errors } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(*status, 422);
    assert_eq!(errors[0].code.as_deref(), Some("invalid_phone_number"));
    assert!(errors[0].message.contains("+99912345678"), "{errors:?}");
}

#[tokio::test]
async fn a_malformed_number_is_refused_before_sending() {
    let practice = Practice::start().await;
    let err = practice.client().lookup("206-555-0100").await.unwrap_err();
    assert_eq!(err.code(), "invalid_request");
}
