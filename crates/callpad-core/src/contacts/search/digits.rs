//! Matching numbers by digits: any part of any number (E.164 or national digits), however the
//! query is punctuated; one digit matches only numbers that start with it.

use memchr::memmem::Finder;

use super::doc::MatchedField;
use super::fields::{Field, FieldKind, scan};
use super::fold::{digits_of, is_digit_query};
use super::index::SearchIndex;
use super::score::{Candidate, Candidates, EXACT_NUMBER, PREFIX_NUMBER, SUBSTRING_NUMBER};

impl SearchIndex {
    /// Adds a candidate per number matching `query`'s digits, as a scan of its own, when the
    /// query is a digit query.
    pub(super) fn scan_digits(&self, query: &str, found: &mut Candidates) {
        if !is_digit_query(query) {
            return;
        }
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
}
