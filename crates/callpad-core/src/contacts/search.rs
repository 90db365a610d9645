//! Search as you type: an in-memory index of everything a person may type to find someone (name,
//! company, tags, any part of a number), kept in step with the database by `ContactStore`.
//! It reads nothing from disk itself; anything with a name and numbers (a contact, a number from
//! call history) goes in as a [`SearchDoc`] tagged with its [`HitSource`].
//!
//! How it stays fast: every folded text field lives in one byte buffer (fields separated by NUL),
//! every number's digits in another, so a query is one `memchr::memmem` scan per buffer; the
//! offsets it finds map back to fields with a cursor that only moves forward.

use std::collections::{BTreeSet, HashMap};

use memchr::memmem::Finder;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::model::{Contact, ContactId};
use crate::numbers::{Dialable, parse_dialable};

/// Where a hit comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum HitSource {
    Contact {
        #[ts(type = "number")]
        id: ContactId,
    },
    /// A number from call history that is no contact's number: there is nothing to open, only
    /// something to call again.
    Call {
        /// What was dialled: E.164 or a `sip:` URI.
        number: String,
    },
}

/// The label a call-history number shows.
pub const RECENT_CALL_LABEL: &str = "recent call";

/// What the index holds about one searchable thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc {
    pub source: HitSource,
    pub name: String,
    pub company: Option<String>,
    pub tags: Vec<String>,
    pub numbers: Vec<HitNumber>,
    pub favourite: bool,
    pub opt_out: bool,
    /// When the number was last called (Unix ms), for call-history docs: among equally good
    /// matches they come most recent first. `None` for contacts, which come by name.
    pub last_called_ms: Option<i64>,
}

/// A number as a hit shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HitNumber {
    pub label: String,
    /// E.164 or `sip:` URI: what would be dialled.
    pub dial: String,
    /// International format, with the extension if any.
    pub display: String,
    /// National format (digits searched as well as the E.164 digits).
    pub national: String,
}

/// Which part of the hit matched the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum MatchedField {
    /// Nothing: the empty query lists favourites first, then everyone by name.
    None,
    Name,
    Company,
    Tag,
    Number,
}

/// One search result, best first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub source: HitSource,
    pub name: String,
    pub company: Option<String>,
    /// The number that matched a digit query, else the first number (none for a contact
    /// without numbers).
    pub number: Option<HitNumber>,
    pub favourite: bool,
    pub opt_out: bool,
    pub matched: MatchedField,
    /// Higher is better; only the order matters.
    pub score: u32,
}

impl SearchDoc {
    /// The document for a stored contact.
    pub fn from_contact(contact: &Contact) -> Self {
        SearchDoc {
            source: HitSource::Contact { id: contact.id },
            name: contact.name.clone(),
            company: contact.company.clone(),
            tags: contact.tags.clone(),
            numbers: contact
                .numbers
                .iter()
                .map(|n| HitNumber {
                    label: n.label.clone(),
                    dial: n.dial.clone(),
                    display: n.display(),
                    national: n.national.clone(),
                })
                .collect(),
            favourite: contact.favourite,
            opt_out: contact.opt_out,
            last_called_ms: None,
        }
    }

    /// The document for a number called at `at_ms` (E.164 or `sip:` URI, as history stores
    /// it), named after the contact recorded with the call if any, else the number itself.
    pub fn from_call(number: &str, contact_name: Option<&str>, at_ms: i64) -> Self {
        let (display, national) = match parse_dialable(number, None) {
            Ok(Dialable::Phone(phone)) => (phone.international, phone.national),
            Ok(Dialable::Sip(sip)) => (sip.uri.clone(), sip.uri),
            // Written by an older Callpad, or by hand: shown as stored.
            Err(_) => (number.to_owned(), number.to_owned()),
        };
        let name = contact_name
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map_or_else(|| display.clone(), str::to_owned);
        SearchDoc {
            source: HitSource::Call {
                number: number.to_owned(),
            },
            name,
            company: None,
            tags: Vec::new(),
            numbers: vec![HitNumber {
                label: RECENT_CALL_LABEL.to_owned(),
                dial: number.to_owned(),
                display,
                national,
            }],
            favourite: false,
            opt_out: false,
            last_called_ms: Some(at_ms),
        }
    }

    /// True when the name is just one of the doc's own phone numbers written out (a call to
    /// a number nobody named): its digits already find it, scored as a number, so the name is
    /// not searched as text too (that would make `555` a "word" of the name and rank the number
    /// above contacts whose number merely contains `555`).
    fn name_is_own_number(&self) -> bool {
        self.numbers
            .iter()
            .any(|n| n.dial.starts_with('+') && n.display == self.name)
    }
}

// Scores: how a query matched, best first. Favourites get a boost within and across near classes.
const EXACT_NAME: u32 = 1000;
const EXACT_NUMBER: u32 = 950;
const PREFIX_NAME: u32 = 800;
const PREFIX_NUMBER: u32 = 700;
const WORD_PREFIX_NAME: u32 = 600;
const PREFIX_COMPANY: u32 = 500;
const PREFIX_TAG: u32 = 450;
const WORD_PREFIX_OTHER: u32 = 400;
const SUBSTRING_NUMBER: u32 = 300;
const SUBSTRING_NAME: u32 = 200;
const SUBSTRING_OTHER: u32 = 100;
const FAVOURITE_BOOST: u32 = 50;
/// Every word of a multi-word query matched, but not as one phrase.
const ALL_WORDS_PENALTY: u32 = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FieldKind {
    Name,
    Company,
    Tag,
    /// E.164 digits (no `+`) of number `n` of the doc.
    Digits(u16),
}

#[derive(Debug, Clone, Copy)]
struct Field {
    start: u32,
    end: u32,
    slot: u32,
    kind: FieldKind,
}

/// Rank of each source at equal score (higher first): a contact can be opened and edited, a
/// call-history number only called again, so the contact wins a tie.
fn source_rank(source: &HitSource) -> u32 {
    match source {
        HitSource::Contact { .. } => 1,
        HitSource::Call { .. } => 0,
    }
}

#[derive(Debug)]
struct Entry {
    doc: SearchDoc,
    /// Folded name: the tie-break order.
    key: Box<str>,
    /// This entry's fields in `text_fields`, as a range.
    text_fields: (u32, u32),
}

/// The search index. Not persisted: built from the database when the store opens.
#[derive(Debug, Default)]
pub struct SearchIndex {
    text: Vec<u8>,
    text_fields: Vec<Field>,
    digits: Vec<u8>,
    digit_fields: Vec<Field>,
    entries: Vec<Entry>,
    // Per slot, apart from `entries` so the hot loops touch a few bytes per hit, not a `SearchDoc`.
    alive: Vec<bool>,
    favourite: Vec<bool>,
    /// [`source_rank`] of the doc.
    source_rank: Vec<u32>,
    /// The order among equal scores and equal source ranks, as an integer: for contacts the
    /// folded name's first 8 bytes, big-endian, so names sort by it; for call-history docs the
    /// time called, newest first.
    tie_order: Vec<u64>,
    /// Where words start in `text`, by their first byte, in order: one-letter queries read
    /// these instead of scanning every byte.
    word_starts: Vec<Vec<u32>>,
    slots: HashMap<HitSource, u32>,
    /// (not favourite, folded name, slot) of every doc the empty query lists (see
    /// [`lists_when_empty`]): its order.
    order: BTreeSet<(bool, Box<str>, u32)>,
    dead_bytes: usize,
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

    /// The best `limit` hits for `query`: names, companies and tags by folded text (case and
    /// accents ignored), numbers by digits in any format. At equal score a contact comes before
    /// a call-history number. The empty query lists favourite contacts first, then every
    /// contact by name, and no call-history numbers (see [`lists_when_empty`]).
    pub fn search(&self, query: &str, limit: usize) -> Vec<SearchHit> {
        if limit == 0 {
            return Vec::new();
        }
        let folded = fold(query);
        if folded.is_empty() {
            return self
                .order
                .iter()
                .take(limit)
                .map(|(_, _, slot)| self.hit(*slot, 0, MatchedField::None, None))
                .collect();
        }
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
            self.scan_text(&folded, keep_text);
        } else {
            // Every word somewhere, in any order ("doe jane", "acme jane"); the whole phrase
            // ("jane d") scores higher. A phrase match has every word, so one scan finds both.
            self.scan_words(&folded, &words, &mut keep_text);
        }
        // Digits: any part of any number, however the query is punctuated.
        if is_digit_query(query) {
            found.next_scan();
            let digits = digits_of(query);
            let mut report = |field: &Field, at: u32| {
                let FieldKind::Digits(n) = field.kind else {
                    return;
                };
                if !self.alive[field.slot as usize] {
                    return;
                }
                let len = field.end - field.start;
                let score = if at == field.start && digits.len() as u32 == len {
                    EXACT_NUMBER
                } else if at == field.start {
                    PREFIX_NUMBER
                } else {
                    SUBSTRING_NUMBER
                };
                found.keep(Candidate {
                    score,
                    slot: field.slot,
                    matched: MatchedField::Number,
                    number: Some(n),
                });
            };
            if digits.len() == 1 {
                // One digit is in nearly every number: only numbers starting with it count.
                let first = digits.as_bytes()[0];
                for field in &self.digit_fields {
                    if self.digits[field.start as usize] == first {
                        report(field, field.start);
                    }
                }
            } else {
                let finder = Finder::new(digits.as_bytes());
                scan(&self.digits, &self.digit_fields, &finder, report);
            }
        }

        self.rank(found.finish(), limit)
            .into_iter()
            .map(|c| self.hit(c.slot, c.score, c.matched, c.number))
            .collect()
    }

    /// The best `limit` candidates, best first: by score (favourites boosted), then contacts
    /// before call-history numbers, then contacts by folded name and numbers newest first, then
    /// by slot. Selection runs on integer keys (score with source rank, and the tie order);
    /// full names are compared only among the few that tie with the last place kept.
    fn rank(&self, found: Vec<Candidate>, limit: usize) -> Vec<Candidate> {
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

    fn hit(&self, slot: u32, score: u32, matched: MatchedField, number: Option<u16>) -> SearchHit {
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

#[derive(Debug, Clone, Copy)]
struct Candidate {
    score: u32,
    slot: u32,
    matched: MatchedField,
    number: Option<u16>,
}

/// Best match per slot, over one or more scans.
#[derive(Default)]
struct Candidates {
    list: Vec<Candidate>,
    /// Where the current scan's candidates start in `list`.
    scan_start: usize,
    scans: usize,
}

impl Candidates {
    fn keep(&mut self, found: Candidate) {
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

    fn next_scan(&mut self) {
        self.scan_start = self.list.len();
        self.scans += 1;
    }

    /// One candidate per slot, the best of every scan.
    fn finish(mut self) -> Vec<Candidate> {
        if self.scans > 0 {
            // Best first within a slot, then keep the first of each slot.
            self.list
                .sort_unstable_by(|a, b| a.slot.cmp(&b.slot).then(b.score.cmp(&a.score)));
            self.list.dedup_by_key(|c| c.slot);
        }
        self.list
    }
}

/// Calls `found(field, offset)` for every match of `finder` in `hay`, in order.
fn scan(hay: &[u8], fields: &[Field], finder: &Finder<'_>, mut found: impl FnMut(&Field, u32)) {
    let mut cursor = 0;
    for at in finder.find_iter(hay) {
        let at = at as u32;
        // Fields are laid out in order and the needle holds no separator, so the match is in the
        // first field that ends after it starts.
        while fields[cursor].end <= at {
            cursor += 1;
        }
        found(&fields[cursor], at);
    }
}

fn text_score(text: &[u8], field: &Field, at: u32, len: usize) -> (u32, MatchedField) {
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

/// Whether the empty query lists `doc`. It is the address book: favourites, then everyone by
/// name. Call-history numbers are left out: by name they would fall after every contact (only a
/// small book would ever show them) or push contacts down; History already lists recent calls
/// newest first; and typing any digit or name finds them here.
fn lists_when_empty(doc: &SearchDoc) -> bool {
    matches!(doc.source, HitSource::Contact { .. })
}

/// A tie order that puts later times first.
fn newest_first(at_ms: i64) -> u64 {
    // Flip the sign bit so signed order becomes unsigned order, then reverse it.
    u64::MAX - (at_ms as u64 ^ (1 << 63))
}

fn name_prefix(folded: &str) -> u64 {
    let mut bytes = [0u8; 8];
    for (b, src) in bytes.iter_mut().zip(folded.bytes()) {
        *b = src;
    }
    u64::from_be_bytes(bytes)
}

fn is_word_break(byte: u8) -> bool {
    matches!(
        byte,
        b' ' | b'-' | b'.' | b'\'' | b'(' | b')' | b'/' | b'&' | b',' | b'_' | b'"' | b'@' | b'+'
    )
}

fn push_field(buf: &mut Vec<u8>, fields: &mut Vec<Field>, slot: u32, kind: FieldKind, text: &str) {
    let start = u32::try_from(buf.len()).expect("index under 4 GiB");
    buf.extend_from_slice(text.as_bytes());
    let end = u32::try_from(buf.len()).expect("index under 4 GiB");
    buf.push(0);
    fields.push(Field {
        start,
        end,
        slot,
        kind,
    });
}

/// Lower case, accents dropped, runs of white space made one space, control characters
/// (including the index's NUL separator) removed: `  José  O'Neill ` → `jose o'neill`.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return fold_ascii(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfd() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if c.is_control() || is_combining_mark(c) {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// [`fold`] for ASCII text, which has no accents to drop.
fn fold_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_ascii_whitespace() {
        let mut letters = word
            .bytes()
            .filter(|b| !b.is_ascii_control())
            .map(|b| char::from(b.to_ascii_lowercase()))
            .peekable();
        if letters.peek().is_some() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.extend(letters);
        }
    }
    out
}

/// True for a query made only of what numbers are written with (`+1 (555) 12`, `555-12`), with
/// at least one digit.
pub fn is_digit_query(query: &str) -> bool {
    let mut any_digit = false;
    for c in query.chars() {
        if c.is_ascii_digit() {
            any_digit = true;
        } else if !matches!(c, ' ' | '+' | '-' | '(' | ')' | '.' | '/' | '\t') {
            return false;
        }
    }
    any_digit
}

fn digits_of(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(
        id: i64,
        name: &str,
        company: Option<&str>,
        tags: &[&str],
        numbers: &[(&str, &str)],
    ) -> SearchDoc {
        SearchDoc {
            source: HitSource::Contact { id },
            name: name.into(),
            company: company.map(Into::into),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            numbers: numbers
                .iter()
                .map(|(e164, national)| HitNumber {
                    label: "mobile".into(),
                    dial: (*e164).into(),
                    display: (*e164).into(),
                    national: (*national).into(),
                })
                .collect(),
            favourite: false,
            opt_out: false,
            last_called_ms: None,
        }
    }

    fn ids(hits: &[SearchHit]) -> Vec<i64> {
        hits.iter()
            .map(|h| match &h.source {
                HitSource::Contact { id } => *id,
                HitSource::Call { number } => panic!("a call hit for {number}"),
            })
            .collect()
    }

    /// Where each hit comes from, as `contact 7` or `call +1201…`.
    fn sources(hits: &[SearchHit]) -> Vec<String> {
        hits.iter()
            .map(|h| match &h.source {
                HitSource::Contact { id } => format!("contact {id}"),
                HitSource::Call { number } => format!("call {number}"),
            })
            .collect()
    }

    #[test]
    fn fold_drops_case_accents_and_extra_space() {
        assert_eq!(fold("  José   O'Neill "), "jose o'neill");
        assert_eq!(fold("ÅSA Ørsted"), "asa ørsted");
        assert_eq!(fold("a\u{0}b"), "ab");
        assert_eq!(fold("A \u{1} B\tc"), "a b c");
        assert_eq!(fold("É \u{1} B"), "e b");
    }

    #[test]
    fn digit_queries_are_recognised() {
        assert!(is_digit_query("555 12"));
        assert!(is_digit_query("+1 (555) 123-4"));
        assert!(!is_digit_query("jane 5"));
        assert!(!is_digit_query(" - "));
    }

    #[test]
    fn removed_and_replaced_docs_are_not_found() {
        let mut index = SearchIndex::new();
        index.upsert(doc(1, "Jane Doe", None, &[], &[]));
        index.upsert(doc(2, "John Roe", None, &[], &[]));
        index.upsert(doc(1, "Janet Smith", None, &[], &[]));
        assert_eq!(ids(&index.search("doe", 10)), Vec::<i64>::new());
        assert_eq!(ids(&index.search("janet", 10)), vec![1]);
        index.remove(&HitSource::Contact { id: 1 });
        assert!(index.search("jan", 10).is_empty());
        assert_eq!(index.len(), 1);
    }

    #[test]
    fn a_call_doc_shows_the_number_formatted_and_the_recorded_name() {
        let unnamed = SearchDoc::from_call("+442079460958", None, 5);
        assert_eq!(unnamed.name, "+44 20 7946 0958");
        assert_eq!(unnamed.numbers[0].display, "+44 20 7946 0958");
        assert_eq!(unnamed.numbers[0].national, "020 7946 0958");
        assert_eq!(unnamed.numbers[0].label, RECENT_CALL_LABEL);
        assert_eq!(unnamed.last_called_ms, Some(5));
        let named = SearchDoc::from_call("+442079460958", Some(" Ann Lee "), 5);
        assert_eq!(named.name, "Ann Lee");
        assert_eq!(SearchDoc::from_call("+1", Some(""), 0).name, "+1");
        let sip = SearchDoc::from_call("sip:desk@example.com", None, 0);
        assert_eq!(sip.name, "sip:desk@example.com");
    }

    #[test]
    fn an_unnamed_call_is_found_by_its_digits_as_a_number() {
        let mut index = SearchIndex::new();
        index.upsert(SearchDoc::from_call("+12015550123", None, 1));
        for query in ["555 01", "(201) 555", "2015550123"] {
            let hits = index.search(query, 10);
            assert_eq!(sources(&hits), ["call +12015550123"], "{query}");
            assert_eq!(hits[0].matched, MatchedField::Number);
        }
        // The written-out name is not text: "555" is not a word of it, so it scores as a
        // number substring, like any contact's number would.
        assert_eq!(index.search("555", 1)[0].score, SUBSTRING_NUMBER);
        // A SIP address has no digits to search: its name is searched instead.
        index.upsert(SearchDoc::from_call("sip:desk@example.com", None, 2));
        assert_eq!(
            sources(&index.search("desk", 10)),
            ["call sip:desk@example.com"]
        );
    }

    #[test]
    fn contacts_win_ties_and_calls_tie_newest_first() {
        let mut index = SearchIndex::new();
        index.upsert(SearchDoc::from_call("+12015550102", Some("Ann Old"), 10));
        index.upsert(SearchDoc::from_call("+12015550103", Some("Ann New"), 20));
        index.upsert(doc(
            7,
            "Zoe",
            None,
            &[],
            &[("+12015550101", "(201) 555-0101")],
        ));
        index.upsert(doc(8, "Ann", None, &[], &[]));
        assert_eq!(
            sources(&index.search("201 555", 10)),
            ["contact 7", "call +12015550103", "call +12015550102"]
        );
        // A better match still wins: an exact name beats two name prefixes.
        assert_eq!(
            sources(&index.search("ann", 10)),
            ["contact 8", "call +12015550103", "call +12015550102"]
        );
    }

    #[test]
    fn the_empty_query_lists_contacts_only() {
        let mut index = SearchIndex::new();
        index.upsert(SearchDoc::from_call("+12015550102", Some("Aaron"), 10));
        index.upsert(doc(1, "Bea", None, &[], &[]));
        assert_eq!(ids(&index.search("", 10)), [1]);
        assert_eq!(index.len(), 2);
        index.remove(&HitSource::Call {
            number: "+12015550102".into(),
        });
        assert!(index.search("aaron", 10).is_empty());
    }

    #[test]
    fn newest_first_orders_any_time() {
        assert!(newest_first(2) < newest_first(1));
        assert!(newest_first(0) < newest_first(-1));
        assert!(newest_first(i64::MAX) < newest_first(i64::MIN));
    }

    #[test]
    fn compaction_keeps_every_live_doc() {
        let mut index = SearchIndex::new();
        for id in 0..2000 {
            index.upsert(doc(id, &format!("Person {id:04}"), None, &[], &[]));
        }
        for id in 0..1900 {
            index.remove(&HitSource::Contact { id });
        }
        assert!(index.text.len() < 20_000, "compacted: {}", index.text.len());
        assert_eq!(ids(&index.search("person 195", 100)).len(), 10);
        assert_eq!(index.search("", 1000).len(), 100);
    }
}
