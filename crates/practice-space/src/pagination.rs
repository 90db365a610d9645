//! Paging for the relay list endpoints: `page_size` (default 50), `page_token` or `page_number`
//! (alias `page`), and the `links` object. Whether links are relative or absolute is the caller's.

use std::collections::HashMap;

use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value};

use crate::api_error;

pub(crate) const DEFAULT_PAGE_SIZE: usize = 50;
pub(crate) const MAX_PAGE_SIZE: usize = 1000;

/// Which slice of a list was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Page {
    pub(crate) size: usize,
    pub(crate) offset: usize,
}

/// Reads the paging parameters, or says what is wrong with them.
pub(crate) fn parse(query: &HashMap<String, String>) -> Result<Page, String> {
    let size = match query.get("page_size") {
        None => DEFAULT_PAGE_SIZE,
        Some(raw) => match raw.parse::<usize>() {
            Ok(n) if (1..=MAX_PAGE_SIZE).contains(&n) => n,
            _ => {
                return Err(format!(
                    "page_size must be a whole number from 1 to {MAX_PAGE_SIZE}, not \"{raw}\""
                ));
            }
        },
    };
    let offset = if let Some(token) = query.get("page_token") {
        decode_token(token).ok_or_else(|| format!("page_token \"{token}\" is not valid"))?
    } else if let Some(raw) = query.get("page_number").or_else(|| query.get("page")) {
        let number = raw
            .parse::<usize>()
            .map_err(|_| format!("page_number must be a whole number, not \"{raw}\""))?;
        number.saturating_mul(size)
    } else {
        0
    };
    Ok(Page { size, offset })
}

/// The relay-shaped 422 for a paging problem found by [`parse`].
pub(crate) fn invalid(detail: String) -> Response {
    api_error::relay_error("invalid_parameter", "Invalid Parameter", detail)
}

fn encode_token(offset: usize) -> String {
    format!("PA{}", URL_SAFE_NO_PAD.encode(format!("offset:{offset}")))
}

fn decode_token(token: &str) -> Option<usize> {
    let bytes = URL_SAFE_NO_PAD.decode(token.strip_prefix("PA")?).ok()?;
    String::from_utf8(bytes)
        .ok()?
        .strip_prefix("offset:")?
        .parse()
        .ok()
}

fn page_link(prefix: &str, size: usize, offset: usize) -> String {
    if offset == 0 {
        format!("{prefix}?page_size={size}")
    } else {
        format!(
            "{prefix}?page_size={size}&page_number={}&page_token={}",
            offset / size,
            encode_token(offset)
        )
    }
}

/// Like [`links`], with `filters` (already sorted) carried on every link before the paging ones.
pub(crate) fn links_with(
    prefix: &str,
    filters: &[(&String, &String)],
    page: Page,
    total: usize,
) -> Value {
    if filters.is_empty() {
        return links(prefix, page, total);
    }
    let query: Vec<String> = filters
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect();
    let base = format!("{prefix}?{}", query.join("&"));
    let mut value = links(&base, page, total);
    if let Value::Object(map) = &mut value {
        for link in map.values_mut() {
            if let Value::String(text) = link {
                // `links` joined with `?`; after filters it must be `&`.
                *text = text.replacen(&format!("{base}?"), &format!("{base}&"), 1);
            }
        }
    }
    value
}

/// Percent-encodes a query key or value.
fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `{self, first, next?, prev?}` for `page` of a list of `total` items at `prefix` (a path or a
/// full URL). `next` is left out on the last page and `prev` on the first.
pub(crate) fn links(prefix: &str, page: Page, total: usize) -> Value {
    let mut links = Map::new();
    links.insert(
        "self".into(),
        page_link(prefix, page.size, page.offset).into(),
    );
    links.insert("first".into(), page_link(prefix, page.size, 0).into());
    if page.offset + page.size < total {
        links.insert(
            "next".into(),
            page_link(prefix, page.size, page.offset + page.size).into(),
        );
    }
    if page.offset > 0 {
        links.insert(
            "prev".into(),
            page_link(prefix, page.size, page.offset.saturating_sub(page.size)).into(),
        );
    }
    Value::Object(links)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn tokens_round_trip() {
        for offset in [0, 2, 50, 12345] {
            assert_eq!(decode_token(&encode_token(offset)), Some(offset));
        }
        assert_eq!(decode_token("nonsense"), None);
    }

    #[test]
    fn page_number_and_token_agree() {
        let by_number = parse(&query(&[("page_size", "2"), ("page_number", "1")])).unwrap();
        let by_token = parse(&query(&[
            ("page_size", "2"),
            ("page_token", &encode_token(2)),
        ]))
        .unwrap();
        assert_eq!(by_number, by_token);
        assert_eq!(by_number.offset, 2);
    }

    #[test]
    fn last_page_has_no_next() {
        let links = links("/x", Page { size: 2, offset: 4 }, 6);
        assert!(links.get("next").is_none());
        assert!(links["prev"].as_str().unwrap().contains("page_number=1"));
    }
}
