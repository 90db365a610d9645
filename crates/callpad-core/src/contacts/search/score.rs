//! What a match is worth and in what order hits come: the score classes, the best match per doc
//! over several scans ([`Candidates`]), and ranking with its tie orders (contacts before
//! call-history numbers, contacts by name, numbers newest first).

use super::doc::{HitSource, MatchedField};
use super::fields::{Field, FieldKind, is_word_break};
use super::index::SearchIndex;

// Scores: how a query matched, best first. Favourites get a boost within and across near classes.
pub(super) const EXACT_NAME: u32 = 1000;
pub(super) const EXACT_NUMBER: u32 = 950;
pub(super) const PREFIX_NAME: u32 = 800;
pub(super) const PREFIX_NUMBER: u32 = 700;
pub(super) const WORD_PREFIX_NAME: u32 = 600;
pub(super) const PREFIX_COMPANY: u32 = 500;
pub(super) const PREFIX_TAG: u32 = 450;
pub(super) const WORD_PREFIX_OTHER: u32 = 400;
pub(super) const SUBSTRING_NUMBER: u32 = 300;
pub(super) const SUBSTRING_NAME: u32 = 200;
pub(super) const SUBSTRING_OTHER: u32 = 100;
pub(super) const FAVOURITE_BOOST: u32 = 50;
/// Every word of a multi-word query matched, but not as one phrase.
pub(super) const ALL_WORDS_PENALTY: u32 = 50;

#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
    pub(super) score: u32,
    pub(super) slot: u32,
    pub(super) matched: MatchedField,
    pub(super) number: Option<u16>,
}

/// Best match per slot, over one or more scans.
#[derive(Default)]
pub(super) struct Candidates {
    list: Vec<Candidate>,
    /// Where the current scan's candidates start in `list`.
    scan_start: usize,
    scans: usize,
}

impl Candidates {
    pub(super) fn keep(&mut self, found: Candidate) {
        let in_this_scan = self.list.len() > self.scan_start;
        match self.list.last_mut() {
            Some(last) if in_this_scan && last.slot == found.slot => {
                if found.score > last.score {
                    *last = found;
                }
            }
            _ => self.list.push(found),
        }
    }

    pub(super) fn next_scan(&mut self) {
        self.scan_start = self.list.len();
        self.scans += 1;
    }

    /// One candidate per slot, the best of every scan.
    pub(super) fn finish(mut self) -> Vec<Candidate> {
        if self.scans > 0 {
            // Best first within a slot, then keep the first of each slot.
            self.list
                .sort_unstable_by(|a, b| a.slot.cmp(&b.slot).then(b.score.cmp(&a.score)));
            self.list.dedup_by_key(|c| c.slot);
        }
        self.list
    }
}

pub(super) fn text_score(text: &[u8], field: &Field, at: u32, len: usize) -> (u32, MatchedField) {
    let whole = at == field.start && (field.end - field.start) as usize == len;
    let prefix = at == field.start;
    let word_prefix = prefix || is_word_break(text[at as usize - 1]);
    match field.kind {
        FieldKind::Name if whole => (EXACT_NAME, MatchedField::Name),
        FieldKind::Name if prefix => (PREFIX_NAME, MatchedField::Name),
        FieldKind::Name if word_prefix => (WORD_PREFIX_NAME, MatchedField::Name),
        FieldKind::Name => (SUBSTRING_NAME, MatchedField::Name),
        FieldKind::Company if prefix => (PREFIX_COMPANY, MatchedField::Company),
        FieldKind::Company if word_prefix => (WORD_PREFIX_OTHER, MatchedField::Company),
        FieldKind::Company => (SUBSTRING_OTHER, MatchedField::Company),
        FieldKind::Tag if prefix => (PREFIX_TAG, MatchedField::Tag),
        FieldKind::Tag if word_prefix => (WORD_PREFIX_OTHER, MatchedField::Tag),
        FieldKind::Tag => (SUBSTRING_OTHER, MatchedField::Tag),
        // Digits live in their own buffer and are scored in `search`; kept for completeness.
        FieldKind::Digits(_) => (SUBSTRING_NUMBER, MatchedField::Number),
    }
}

impl SearchIndex {
    /// The best `limit` candidates, best first: by score (favourites boosted), then contacts
    /// before call-history numbers, then contacts by folded name and numbers newest first, then
    /// by slot. Selection runs on integer keys (score with source rank, and the tie order);
    /// full names are compared only among the few that tie with the last place kept.
    pub(super) fn rank(&self, found: Vec<Candidate>, limit: usize) -> Vec<Candidate> {
        let mut ranked: Vec<(u128, Candidate)> = found
            .into_iter()
            .map(|mut c| {
                let slot = c.slot as usize;
                if self.favourite[slot] {
                    c.score += FAVOURITE_BOOST;
                }
                let rank = c.score * 2 + self.source_rank[slot];
                let key = (u128::from(u32::MAX - rank) << 96)
                    | (u128::from(self.tie_order[slot]) << 32)
                    | u128::from(c.slot);
                (key, c)
            })
            .collect();
        if ranked.len() > limit {
            ranked.select_nth_unstable_by_key(limit - 1, |r| r.0);
            let boundary = ranked[limit - 1].0 >> 32;
            let ties: Vec<(u128, Candidate)> = ranked[limit..]
                .iter()
                .filter(|r| r.0 >> 32 == boundary)
                .copied()
                .collect();
            ranked.truncate(limit);
            ranked.extend(ties);
        }
        // Comparing full names after the first 8 bytes agrees with comparing those bytes first.
        ranked.sort_unstable_by(|(a_key, a), (b_key, b)| {
            (a_key >> 32)
                .cmp(&(b_key >> 32))
                .then_with(|| {
                    self.entries[a.slot as usize]
                        .key
                        .cmp(&self.entries[b.slot as usize].key)
                })
                .then_with(|| a.slot.cmp(&b.slot))
        });
        ranked.truncate(limit);
        ranked.into_iter().map(|(_, c)| c).collect()
    }
}

/// Rank of each source at equal score (higher first): a contact can be opened and edited, a
/// call-history number only called again, so the contact wins a tie.
pub(super) fn source_rank(source: &HitSource) -> u32 {
    match source {
        HitSource::Contact { .. } => 1,
        HitSource::Call { .. } => 0,
    }
}

/// A tie order that puts later times first.
pub(super) fn newest_first(at_ms: i64) -> u64 {
    // Flip the sign bit so signed order becomes unsigned order, then reverse it.
    u64::MAX - (at_ms as u64 ^ (1 << 63))
}

/// The first 8 bytes of a folded name, big-endian: names sort by it.
pub(super) fn name_prefix(folded: &str) -> u64 {
    let mut bytes = [0u8; 8];
    for (b, src) in bytes.iter_mut().zip(folded.bytes()) {
        *b = src;
    }
    u64::from_be_bytes(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_orders_any_time() {
        assert!(newest_first(2) < newest_first(1));
        assert!(newest_first(0) < newest_first(-1));
        assert!(newest_first(i64::MAX) < newest_first(i64::MIN));
    }
}
