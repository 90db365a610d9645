//! Walking a relay REST listing to its end: `{links:{next?}, data:[…]}`, where `next` may be a
//! relative path or a full URL on the same Space. A link to any other host is refused.

use std::collections::HashSet;

use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use url::Url;

use super::client::Client;
use super::lenient;
use crate::{Error, Result};

/// Most pages followed before giving up (a loop guard; 100 a page makes this 100,000 items).
const MAX_PAGES: usize = 1000;

/// One page: `{links:{next?}, data:[…]}`, or a bare array (one page, no links).
struct Page<T> {
    next: Option<String>,
    data: Vec<T>,
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Page<T> {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Links {
            #[serde(default, deserialize_with = "lenient::opt_string")]
            next: Option<String>,
        }
        #[derive(Deserialize)]
        #[serde(bound = "T: DeserializeOwned")]
        struct Object<T> {
            #[serde(default, deserialize_with = "lenient::opt_any")]
            links: Option<Links>,
            #[serde(default, deserialize_with = "lenient::vec_or_empty")]
            data: Vec<T>,
        }
        let value = Value::deserialize(de)?;
        if value.is_array() {
            let data = lenient::vec_or_empty(value).map_err(serde::de::Error::custom)?;
            return Ok(Page { next: None, data });
        }
        let page: Object<T> = serde_json::from_value(value).map_err(serde::de::Error::custom)?;
        Ok(Page {
            next: page.links.and_then(|l| l.next),
            data: page.data,
        })
    }
}

impl Client {
    /// Every item of a listing, following `links.next` until it is absent.
    pub(crate) async fn list_all<T: DeserializeOwned>(
        &self,
        first: Url,
        what: &str,
    ) -> Result<Vec<T>> {
        let mut items = Vec::new();
        let mut seen = HashSet::new();
        let mut next = Some(first);
        while let Some(url) = next.take() {
            if !seen.insert(url.to_string()) || seen.len() > MAX_PAGES {
                return Err(Error::UndecodableResponse {
                    status: 200,
                    detail: format!("the {what} listing's next-page links go round in a loop"),
                });
            }
            let page: Page<T> = self.request_json(Method::GET, &url, None, what).await?;
            items.extend(page.data);
            let link = page.next.filter(|l| !l.trim().is_empty());
            if let Some(link) = link {
                next = Some(self.space().resolve_link(&link).ok_or_else(|| {
                    Error::UndecodableResponse {
                        status: 200,
                        detail: format!(
                            "the {what} listing's next-page link leaves the Space ({}); not followed",
                            super::space_url::strip_userinfo(&link)
                        ),
                    }
                })?);
            }
        }
        Ok(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_read_links_and_bare_arrays() {
        let page: Page<u32> =
            serde_json::from_str(r#"{"links":{"self":"/a","next":"/a?page=2"},"data":[1,2]}"#)
                .unwrap();
        assert_eq!(page.next.as_deref(), Some("/a?page=2"));
        assert_eq!(page.data, vec![1, 2]);
        let page: Page<u32> = serde_json::from_str(r#"{"links":{"next":null}}"#).unwrap();
        assert!(page.next.is_none() && page.data.is_empty());
        let page: Page<u32> = serde_json::from_str("[3]").unwrap();
        assert_eq!(page.data, vec![3]);
        let page: Page<u32> = serde_json::from_str("{}").unwrap();
        assert!(page.data.is_empty());
    }
}
