//! `GET /api/relay/rest/phone_numbers` (relative `next` links) and
//! `GET /api/relay/rest/verified_caller_ids` (absolute `next` links) over the seeded data in `seed.rs`.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::seed::{OWNED_NUMBERS, OwnedNumber, VERIFIED_CALLER_IDS, VerifiedCallerId};
use crate::space::Space;
use crate::{api_error, pagination};

const PHONE_NUMBERS_PATH: &str = "/api/relay/rest/phone_numbers";
const VERIFIED_CALLER_IDS_PATH: &str = "/api/relay/rest/verified_caller_ids";
/// When the seeded entries claim to have been made (fixed, so answers are stable).
const SEEDED_AT: &str = "2024-01-15T10:00:00Z";

/// Lists owned numbers; `links` are paths relative to the space.
pub(crate) async fn list_phone_numbers(Query(query): Query<HashMap<String, String>>) -> Response {
    list_page(&query, PHONE_NUMBERS_PATH, OWNED_NUMBERS, owned_json)
}

/// Lists verified caller IDs; `links` are full URLs.
pub(crate) async fn list_verified_caller_ids(
    State(space): State<Arc<Space>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let prefix = format!("{}{VERIFIED_CALLER_IDS_PATH}", space.base_url);
    list_page(&query, &prefix, VERIFIED_CALLER_IDS, verified_json)
}

/// The page of `items` that `query` asks for, as `{links, data}` with links under `prefix`, or
/// the relay 422 for bad paging parameters.
fn list_page<T>(
    query: &HashMap<String, String>,
    prefix: &str,
    items: &[T],
    to_json: fn(&T) -> Value,
) -> Response {
    let page = match pagination::parse(query) {
        Ok(page) => page,
        Err(detail) => return pagination::invalid(detail),
    };
    let data: Vec<Value> = items
        .iter()
        .skip(page.offset)
        .take(page.size)
        .map(to_json)
        .collect();
    let links = pagination::links(prefix, page, items.len());
    Json(json!({ "links": links, "data": data })).into_response()
}

/// `GET /api/relay/rest/phone_numbers/{id}`.
pub(crate) async fn get_phone_number(Path(id): Path<String>) -> Response {
    match OWNED_NUMBERS.iter().find(|n| n.id == id) {
        Some(number) => Json(owned_json(number)).into_response(),
        None => api_error::not_found(),
    }
}

/// `GET /api/relay/rest/verified_caller_ids/{id}`.
pub(crate) async fn get_verified_caller_id(Path(id): Path<String>) -> Response {
    match VERIFIED_CALLER_IDS.iter().find(|v| v.id == id) {
        Some(entry) => Json(verified_json(entry)).into_response(),
        None => api_error::not_found(),
    }
}

fn owned_json(number: &OwnedNumber) -> Value {
    json!({
        "id": number.id,
        "number": number.number,
        "name": number.name,
        "capabilities": number.capabilities,
        "number_type": number.number_type,
        "country_code": number.country_code,
        "e911_address_id": null,
        "created_at": SEEDED_AT,
        "updated_at": SEEDED_AT,
    })
}

fn verified_json(entry: &VerifiedCallerId) -> Value {
    json!({
        "id": entry.id,
        "number": entry.number,
        "name": entry.name,
        "type": "VerifiedCallerId",
        "extension": entry.extension,
        "verified": entry.verified,
        "verified_at": entry.verified_at,
        "status": entry.status,
        "created_at": SEEDED_AT,
    })
}
