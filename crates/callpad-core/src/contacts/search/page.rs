//! [`SearchIndex::search_page`]: any stretch of a search's results and how many there are, so a
//! list can show every contact (100,000 of them) while only a page at a time crosses to the UI.
//! The first page ranks only what it shows, as typing needs; a later page ranks every result
//! once and keeps that ranking until the query or the index changes.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::HitSource;
use super::doc::SearchHit;
use super::fold::fold;
use super::index::SearchIndex;
use super::score::{Candidate, source_rank};

/// A stretch of a search's results, best first, and the size of the whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchPage {
    /// Where `hits` start among all the results.
    #[ts(type = "number")]
    pub offset: usize,
    /// How many results the query has in all.
    #[ts(type = "number")]
    pub total: usize,
    /// How many of them are call-history numbers; the rest are contacts.
    #[ts(type = "number")]
    pub calls: usize,
    pub hits: Vec<SearchHit>,
}

/// Every result of the last query paged past its first page, ranked.
#[derive(Debug)]
pub(super) struct Ranked {
    query: String,
    candidates: Vec<Candidate>,
    calls: usize,
}

impl SearchIndex {
    /// Results `offset..offset + limit` of `query`, in the order [`SearchIndex::search`] gives
    /// them, with the total. Past the end the page is empty; the total still holds.
    pub fn search_page(&mut self, query: &str, offset: usize, limit: usize) -> SearchPage {
        let folded = fold(query);
        if folded.is_empty() {
            return SearchPage {
                offset,
                total: self.order.len(),
                calls: 0,
                hits: self.listed(offset, limit),
            };
        }
        if offset == 0 || limit == 0 {
            let found = self.find(query, &folded);
            let (total, calls) = (found.len(), self.calls_in(&found));
            let ranked = if limit == 0 {
                Vec::new()
            } else {
                self.rank(found, limit)
            };
            return SearchPage {
                offset,
                total,
                calls,
                hits: self.hits(&ranked),
            };
        }
        if self.ranked.as_ref().is_none_or(|r| r.query != query) {
            let found = self.find(query, &folded);
            let calls = self.calls_in(&found);
            let candidates = self.rank(found, usize::MAX);
            self.ranked = Some(Ranked {
                query: query.to_owned(),
                candidates,
                calls,
            });
        }
        let ranked = self.ranked.as_ref().expect("ranked just above");
        let all = &ranked.candidates;
        let page = &all[offset.min(all.len())..offset.saturating_add(limit).min(all.len())];
        SearchPage {
            offset,
            total: all.len(),
            calls: ranked.calls,
            hits: self.hits(page),
        }
    }

    fn calls_in(&self, found: &[Candidate]) -> usize {
        let call_rank = source_rank(&HitSource::Call {
            number: String::new(),
        });
        found
            .iter()
            .filter(|c| self.source_rank[c.slot as usize] == call_rank)
            .count()
    }
}
