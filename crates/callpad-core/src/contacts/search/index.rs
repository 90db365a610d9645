//! [`SearchIndex`]: the docs and the buffers their fields live in; adding, replacing and removing
//! docs, and turning a slot back into a hit. Searching is `query.rs`.

use std::collections::{BTreeSet, HashMap};

use super::doc::{HitSource, MatchedField, SearchDoc, SearchHit};
use super::fields::{Field, FieldKind, is_word_break, push_field};
use super::fold::{digits_of, fold};
use super::page::Ranked;
use super::score::{name_prefix, newest_first, source_rank};

#[derive(Debug)]
pub(super) struct Entry {
    pub(super) doc: SearchDoc,
    /// Folded name: the tie-break order.
    pub(super) key: Box<str>,
    /// This entry's fields in `text_fields`, as a range.
    pub(super) text_fields: (u32, u32),
}

/// The search index. Not persisted: built from the database when the store opens.
#[derive(Debug, Default)]
pub struct SearchIndex {
    pub(super) text: Vec<u8>,
    pub(super) text_fields: Vec<Field>,
    pub(super) digits: Vec<u8>,
    pub(super) digit_fields: Vec<Field>,
    pub(super) entries: Vec<Entry>,
    // Per slot, apart from `entries` so the hot loops touch a few bytes per hit, not a `SearchDoc`.
    pub(super) alive: Vec<bool>,
    pub(super) favourite: Vec<bool>,
    /// [`source_rank`] of the doc.
    pub(super) source_rank: Vec<u32>,
    /// The order among equal scores and equal source ranks, as an integer: for contacts the
    /// folded name's first 8 bytes, big-endian, so names sort by it; for call-history docs the
    /// time called, newest first.
    pub(super) tie_order: Vec<u64>,
    /// Where words start in `text`, by their first byte, in order: one-letter queries read
    /// these instead of scanning every byte.
    pub(super) word_starts: Vec<Vec<u32>>,
    pub(super) slots: HashMap<HitSource, u32>,
    /// (not favourite, folded name, slot) of every doc the empty query lists (see
    /// [`lists_when_empty`]): its order.
    pub(super) order: BTreeSet<(bool, Box<str>, u32)>,
    pub(super) dead_bytes: usize,
    /// The last query paged past its first page, ranked in full (`page.rs`); any change to
    /// the docs drops it.
    pub(super) ranked: Option<Ranked>,
}

impl SearchIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds an index over `docs`.
    pub fn from_docs(docs: impl IntoIterator<Item = SearchDoc>) -> Self {
        let mut index = Self::new();
        for doc in docs {
            index.upsert(doc);
        }
        index
    }

    /// How many documents are searchable.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The document from `source`, if there is one.
    pub fn doc(&self, source: &HitSource) -> Option<&SearchDoc> {
        let slot = *self.slots.get(source)?;
        Some(&self.entries[slot as usize].doc)
    }

    /// Adds a document, or replaces the one with the same source.
    pub fn upsert(&mut self, doc: SearchDoc) {
        self.remove(&doc.source);
        self.ranked = None;
        let slot = u32::try_from(self.entries.len()).expect("fewer than 4 billion entries");
        let key: Box<str> = fold(&doc.name).into();
        let first_field = self.text_fields.len() as u32;
        if !doc.name_is_own_number() {
            self.push_text(slot, FieldKind::Name, &key);
        }
        if let Some(company) = &doc.company {
            self.push_text(slot, FieldKind::Company, &fold(company));
        }
        for tag in &doc.tags {
            self.push_text(slot, FieldKind::Tag, &fold(tag));
        }
        let text_fields = (first_field, self.text_fields.len() as u32);
        for (i, number) in doc.numbers.iter().enumerate() {
            let Ok(i) = u16::try_from(i) else { break };
            if number.dial.starts_with('+') {
                for digits in [digits_of(&number.dial), digits_of(&number.national)] {
                    if !digits.is_empty() {
                        let kind = FieldKind::Digits(i);
                        push_field(
                            &mut self.digits,
                            &mut self.digit_fields,
                            slot,
                            kind,
                            &digits,
                        );
                    }
                }
            }
        }
        if lists_when_empty(&doc) {
            self.order.insert((!doc.favourite, key.clone(), slot));
        }
        self.slots.insert(doc.source.clone(), slot);
        self.alive.push(true);
        self.favourite.push(doc.favourite);
        self.source_rank.push(source_rank(&doc.source));
        self.tie_order.push(match doc.last_called_ms {
            Some(at_ms) => newest_first(at_ms),
            None => name_prefix(&key),
        });
        self.entries.push(Entry {
            doc,
            key,
            text_fields,
        });
    }

    /// Appends a text field and indexes where its words start.
    fn push_text(&mut self, slot: u32, kind: FieldKind, text: &str) {
        if self.word_starts.is_empty() {
            self.word_starts = vec![Vec::new(); 256];
        }
        let start = self.text.len();
        push_field(&mut self.text, &mut self.text_fields, slot, kind, text);
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if i == 0 || is_word_break(bytes[i - 1]) {
                self.word_starts[usize::from(b)].push((start + i) as u32);
            }
        }
    }

    /// Drops the document from `source`, if there is one.
    pub fn remove(&mut self, source: &HitSource) {
        let Some(slot) = self.slots.remove(source) else {
            return;
        };
        self.ranked = None;
        self.alive[slot as usize] = false;
        let entry = &self.entries[slot as usize];
        self.order
            .remove(&(!entry.doc.favourite, entry.key.clone(), slot));
        let (from, to) = entry.text_fields;
        self.dead_bytes += self.text_fields[from as usize..to as usize]
            .iter()
            .map(|f| (f.end - f.start + 1) as usize)
            .sum::<usize>();
        // Rebuild once most of the buffer is dead, so removals stay cheap on average.
        if self.dead_bytes > 4096 && self.dead_bytes * 2 > self.text.len() {
            self.compact();
        }
    }

    fn compact(&mut self) {
        let entries = std::mem::take(&mut self.entries);
        let alive = std::mem::take(&mut self.alive);
        *self = Self::from_docs(
            entries
                .into_iter()
                .zip(alive)
                .filter(|(_, alive)| *alive)
                .map(|(e, _)| e.doc),
        );
    }

    pub(super) fn hit(
        &self,
        slot: u32,
        score: u32,
        matched: MatchedField,
        number: Option<u16>,
    ) -> SearchHit {
        let doc = &self.entries[slot as usize].doc;
        let number = number
            .and_then(|n| doc.numbers.get(usize::from(n)))
            .or_else(|| doc.numbers.first())
            .cloned();
        SearchHit {
            source: doc.source.clone(),
            name: doc.name.clone(),
            company: doc.company.clone(),
            number,
            favourite: doc.favourite,
            opt_out: doc.opt_out,
            matched,
            score,
        }
    }
}

/// Whether the empty query lists `doc`. It is the address book: favourites, then everyone by
/// name. Call-history numbers are left out: by name they would fall after every contact (only a
/// small book would ever show them) or push contacts down; History already lists recent calls
/// newest first; and typing any digit or name finds them here.
pub(super) fn lists_when_empty(doc: &SearchDoc) -> bool {
    matches!(doc.source, HitSource::Contact { .. })
}
