//! [`SearchIndex::search`]: folds the query, matches it as text (one word, a phrase, or every word
//! somewhere) and as digits, and ranks what it found.

use memchr::memmem::Finder;

use super::doc::{MatchedField, SearchHit};
use super::fields::{Field, scan};
use super::fold::fold;
use super::index::SearchIndex;
use super::score::{ALL_WORDS_PENALTY, Candidate, Candidates, text_score};

impl SearchIndex {
    /// The best `limit` hits for `query`: names, companies and tags by folded text (case and
    /// accents ignored), numbers by digits in any format. At equal score a contact comes before
    /// a call-history number. The empty query lists favourite contacts first, then every
    /// contact by name, and no call-history numbers (see `index::lists_when_empty`).
    pub fn search(&self, query: &str, limit: usize) -> Vec<SearchHit> {
        if limit == 0 {
            return Vec::new();
        }
        let folded = fold(query);
        if folded.is_empty() {
            return self.listed(0, limit);
        }
        let ranked = self.rank(self.find(query, &folded), limit);
        self.hits(&ranked)
    }

    /// What the empty query lists, from `offset`: favourite contacts, then every contact by name.
    pub(super) fn listed(&self, offset: usize, limit: usize) -> Vec<SearchHit> {
        self.order
            .iter()
            .skip(offset)
            .take(limit)
            .map(|(_, _, slot)| self.hit(*slot, 0, MatchedField::None, None))
            .collect()
    }

    /// The hits for ranked candidates.
    pub(super) fn hits(&self, ranked: &[Candidate]) -> Vec<SearchHit> {
        ranked
            .iter()
            .map(|c| self.hit(c.slot, c.score, c.matched, c.number))
            .collect()
    }

    /// Every doc `query` (folded: `folded`, not empty) matches, once each with its best match,
    /// unranked.
    pub(super) fn find(&self, query: &str, folded: &str) -> Vec<Candidate> {
        // Each scan reports the matches of one doc together, so a doc's best match is kept by
        // comparing with the last candidate only; scans are merged by slot at the end.
        let mut found = Candidates::default();

        let words: Vec<&str> = folded.split(' ').collect();
        let mut keep_text = |slot, score, matched| {
            found.keep(Candidate {
                score,
                slot,
                matched,
                number: None,
            });
        };
        if words.len() == 1 {
            self.scan_text(folded, keep_text);
        } else {
            // Every word somewhere, in any order ("doe jane", "acme jane"); the whole phrase
            // ("jane d") scores higher. A phrase match has every word, so one scan finds both.
            self.scan_words(folded, &words, &mut keep_text);
        }
        // Digits: any part of any number, however the query is punctuated.
        self.scan_digits(query, &mut found);
        found.finish()
    }

    /// Scores every text match of `needle` (a folded phrase) and reports it per slot.
    fn scan_text(&self, needle: &str, mut found: impl FnMut(u32, u32, MatchedField)) {
        let mut report = |field: &Field, at: u32| {
            if self.alive[field.slot as usize] {
                let (score, matched) = text_score(&self.text, field, at, needle.len());
                found(field.slot, score, matched);
            }
        };
        // One letter inside a word says little ("a" is in most names): only word starts count,
        // and those are indexed.
        if needle.chars().nth(1).is_none() {
            let starts = self
                .word_starts
                .get(usize::from(needle.as_bytes()[0]))
                .map_or(&[][..], Vec::as_slice);
            let mut cursor = 0;
            for &at in starts {
                if self.text[at as usize..].starts_with(needle.as_bytes()) {
                    while self.text_fields[cursor].end <= at {
                        cursor += 1;
                    }
                    report(&self.text_fields[cursor], at);
                }
            }
            return;
        }
        let finder = Finder::new(needle.as_bytes());
        scan(&self.text, &self.text_fields, &finder, report);
    }

    /// Finds docs where every word matches some field, scored by the weakest word, or by the
    /// whole phrase when it matches as one.
    fn scan_words(
        &self,
        phrase: &str,
        words: &[&str],
        found: &mut impl FnMut(u32, u32, MatchedField),
    ) {
        let (driver_at, driver) = words
            .iter()
            .enumerate()
            .max_by_key(|(_, w)| w.len())
            .expect("at least two words");
        let others: Vec<(Finder<'_>, usize)> = words
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != driver_at)
            .map(|(_, w)| (Finder::new(w.as_bytes()), w.len()))
            .collect();
        let phrase_finder = Finder::new(phrase.as_bytes());
        let mut driver_hits = Candidates::default();
        self.scan_text(driver, |slot, score, matched| {
            driver_hits.keep(Candidate {
                score,
                slot,
                matched,
                number: None,
            });
        });
        for Candidate {
            slot,
            score: driver_score,
            ..
        } in driver_hits.finish()
        {
            let entry = &self.entries[slot as usize];
            let fields =
                &self.text_fields[entry.text_fields.0 as usize..entry.text_fields.1 as usize];
            let best_in = |finder: &Finder<'_>, len: usize| {
                let mut best = (0, MatchedField::None);
                for field in fields {
                    let hay = &self.text[field.start as usize..field.end as usize];
                    for at in finder.find_iter(hay) {
                        let at = field.start + at as u32;
                        let scored = text_score(&self.text, field, at, len);
                        if scored.0 > best.0 {
                            best = scored;
                        }
                    }
                }
                best
            };
            let (phrase_score, phrase_field) = best_in(&phrase_finder, phrase.len());
            if phrase_score > 0 {
                found(slot, phrase_score, phrase_field);
                continue;
            }
            let mut weakest = driver_score;
            for (finder, len) in &others {
                weakest = weakest.min(best_in(finder, *len).0);
            }
            if weakest > 0 {
                found(
                    slot,
                    weakest.saturating_sub(ALL_WORDS_PENALTY).max(1),
                    MatchedField::Name,
                );
            }
        }
    }
}
