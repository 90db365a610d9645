//! Duplicates in an import: rows of the file that share a number become one contact, and a contact
//! sharing a number with one already stored is merged into it (numbers, tags, notes added; its name
//! kept).

use std::collections::HashMap;

use rusqlite::{Connection, Transaction, params};

use super::import_types::PlannedContact;
use super::model::{ContactId, ValidContact, push_number, push_tag};
use super::store::{insert_numbers, insert_tags, load_contact};
use crate::{Error, Result};

/// Folds rows that share a number (directly or through other rows) into one contact each, in the
/// order of their first row. The first row's name wins; numbers and tags are joined.
pub(super) fn merge_rows(rows: Vec<(usize, ValidContact)>) -> Vec<PlannedContact> {
    let mut parent: Vec<usize> = (0..rows.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut owner: HashMap<(&str, Option<&str>), usize> = HashMap::new();
    for (i, (_, contact)) in rows.iter().enumerate() {
        for number in &contact.numbers {
            let key = (number.dial.as_str(), number.extension.as_deref());
            match owner.get(&key) {
                Some(&other) => {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, other));
                    // The earlier row stays the root, so its name wins.
                    parent[a.max(b)] = a.min(b);
                }
                None => {
                    owner.insert(key, i);
                }
            }
        }
    }
    let mut group_of: HashMap<usize, usize> = HashMap::new();
    let mut planned: Vec<PlannedContact> = Vec::new();
    let roots: Vec<usize> = (0..rows.len()).map(|i| root(&mut parent, i)).collect();
    for ((_, contact), root) in rows.into_iter().zip(roots) {
        match group_of.get(&root) {
            Some(&g) => merge_into(&mut planned[g].contact, contact),
            None => {
                group_of.insert(root, planned.len());
                planned.push(PlannedContact { contact });
            }
        }
    }
    planned
}

/// Adds what `extra` knows to `into`, keeping `into`'s name.
fn merge_into(into: &mut ValidContact, extra: ValidContact) {
    for number in extra.numbers {
        push_number(&mut into.numbers, number);
    }
    for tag in &extra.tags {
        push_tag(&mut into.tags, tag);
    }
    if into.company.is_none() {
        into.company = extra.company;
    }
    append_notes(&mut into.notes, &extra.notes);
    into.favourite |= extra.favourite;
    into.opt_out |= extra.opt_out;
}

fn append_notes(notes: &mut String, extra: &str) {
    let extra = extra.trim();
    if !extra.is_empty() && !notes.contains(extra) {
        if !notes.is_empty() {
            notes.push('\n');
        }
        notes.push_str(extra);
    }
}

/// The oldest existing contact holding any of `contact`'s numbers (same address and extension).
pub(super) fn find_existing(
    conn: &Connection,
    contact: &ValidContact,
) -> Result<Option<ContactId>> {
    let mut stmt = conn.prepare_cached(
        "SELECT min(contact_id) FROM contact_numbers WHERE dial = ?1 AND extension IS ?2",
    )?;
    let mut found: Option<ContactId> = None;
    for number in &contact.numbers {
        let id: Option<ContactId> =
            stmt.query_row(params![number.dial, number.extension], |r| r.get(0))?;
        if let Some(id) = id {
            found = Some(found.map_or(id, |f| f.min(id)));
        }
    }
    Ok(found)
}

/// Adds the new numbers and tags of `extra` to contact `id`; fills its company if it has none;
/// adds notes it does not have; favourite and do-not-call are kept if either side set them.
pub(super) fn merge_into_existing(
    tx: &Transaction<'_>,
    id: ContactId,
    extra: &ValidContact,
) -> Result<()> {
    let existing = load_contact(tx, id)?.ok_or(Error::ContactNotFound { id })?;
    let mut merged = ValidContact {
        name: existing.name.clone(),
        company: existing.company.clone(),
        numbers: existing.numbers.clone(),
        notes: existing.notes.clone(),
        tags: existing.tags.clone(),
        favourite: existing.favourite,
        opt_out: existing.opt_out,
    };
    merge_into(&mut merged, extra.clone());
    // What merging added comes after what was stored.
    let (had_numbers, had_tags) = (existing.numbers.len(), existing.tags.len());
    insert_numbers(tx, id, had_numbers, &merged.numbers[had_numbers..])?;
    insert_tags(tx, id, had_tags, &merged.tags[had_tags..])?;
    tx.prepare_cached(
        "UPDATE contacts SET company = ?2, notes = ?3, favourite = ?4, opt_out = ?5 WHERE id = ?1",
    )?
    .execute(params![
        id,
        merged.company,
        merged.notes,
        merged.favourite,
        merged.opt_out
    ])?;
    Ok(())
}

/// True when any contact has a number, so an import may find duplicates among them.
pub(super) fn has_numbers(conn: &Connection) -> Result<bool> {
    Ok(
        conn.query_row("SELECT EXISTS (SELECT 1 FROM contact_numbers)", [], |r| {
            r.get(0)
        })?,
    )
}
