//! Duplicates in an import: rows of the file that share a number and a name (or a name written
//! another way: `J. Doe`, `Jane Doe`) become one contact, and such a row is merged into a contact
//! already stored (numbers, tags, notes added; its name kept). Nothing is merged silently: a name
//! written another way is merged with a notice, and two different names on one number (a family's
//! landline, a shared desk) are both kept as contacts, with a notice naming both.

use std::collections::HashMap;

use rusqlite::{Connection, Transaction, params};

use super::import_types::{ImportNotice, PlannedContact};
use super::model::{ContactId, ValidContact, push_number, push_tag};
use super::store::{insert_numbers, insert_tags, load_contact};
use crate::{Error, Result};

/// How two names on one number compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Names {
    /// The same but for case, spacing and dots (or one is only the number).
    Same,
    /// Plausibly one person written two ways: every word of the shorter name starts a word of
    /// the longer one or is started by one (`J. Doe` ~ `Jane Doe`, `JANE` ~ `Jane Doe`).
    Alike,
    /// Two people (`John Smith`, `Mary Smith`): never merged.
    Different,
}

/// Compares the name of `a` with `b_name` (a row without a name is named after its number).
pub(super) fn compare_names(a: &ValidContact, b_name: &str) -> Names {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| c.is_whitespace() || c == ',')
            .map(|w| w.trim_end_matches('.').to_lowercase())
            .filter(|w| !w.is_empty())
            .collect()
    };
    let by_number = |name: &str| {
        !name.chars().any(char::is_alphabetic) || a.numbers.iter().any(|n| n.display() == name)
    };
    let (x, y) = (words(&a.name), words(b_name));
    if x == y || by_number(&a.name) || by_number(b_name) {
        return Names::Same;
    }
    let (short, long) = if x.len() <= y.len() {
        (&x, &y)
    } else {
        (&y, &x)
    };
    let alike = short.iter().all(|s| {
        long.iter()
            .any(|l| l.starts_with(s.as_str()) || s.starts_with(l.as_str()))
    });
    if alike {
        Names::Alike
    } else {
        Names::Different
    }
}

/// Folds rows that share a number and a name (directly or through other rows) into one contact
/// each, in the order of their first row. The first row's name wins; numbers and tags are joined.
/// A row whose number a row under a different name has too stays its own contact. Either way a
/// name that is not the same gets a notice.
pub(super) fn merge_rows(
    rows: Vec<(usize, ValidContact)>,
) -> (Vec<PlannedContact>, Vec<ImportNotice>) {
    let mut parent: Vec<usize> = (0..rows.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut notices = Vec::new();
    // Every row holding a number, in file order.
    let mut holders: HashMap<(&str, Option<&str>), Vec<usize>> = HashMap::new();
    for (i, (line, contact)) in rows.iter().enumerate() {
        // One notice a row is enough: its first other name.
        let mut said = false;
        for number in &contact.numbers {
            let key = (number.dial.as_str(), number.extension.as_deref());
            let earlier = holders.entry(key).or_default();
            for &other in earlier.iter() {
                let names = compare_names(contact, &rows[other].1.name);
                if names != Names::Different {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, other));
                    // The earlier row stays the root, so its name wins.
                    parent[a.max(b)] = a.min(b);
                }
                if names != Names::Same && !said {
                    said = true;
                    let (other_line, other_name) = (rows[other].0, &rows[other].1.name);
                    notices.push(ImportNotice::shared(
                        *line,
                        &contact.name,
                        &number.display(),
                        (other_name, Some(other_line)),
                        names == Names::Alike,
                    ));
                }
            }
            earlier.push(i);
        }
    }
    let mut group_of: HashMap<usize, usize> = HashMap::new();
    let mut planned: Vec<PlannedContact> = Vec::new();
    let roots: Vec<usize> = (0..rows.len()).map(|i| root(&mut parent, i)).collect();
    for ((line, contact), root) in rows.into_iter().zip(roots) {
        match group_of.get(&root) {
            Some(&g) => merge_into(&mut planned[g].contact, contact),
            None => {
                group_of.insert(root, planned.len());
                planned.push(PlannedContact { line, contact });
            }
        }
    }
    (planned, notices)
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

/// Stored contacts that hold one of an imported contact's numbers.
#[derive(Debug, Default)]
pub(super) struct Existing {
    /// The oldest one with the same name or one like it: the import merges into it.
    pub(super) same: Option<ContactId>,
    /// The first one whose name is not the same: its name, the number they share, and whether
    /// the names are alike (merged) or different (kept apart). Either way, said.
    pub(super) other: Option<(String, String, bool)>,
}

/// Which stored contacts hold any of `contact`'s numbers (same address and extension).
pub(super) fn find_existing(conn: &Connection, contact: &ValidContact) -> Result<Existing> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.name FROM contact_numbers n JOIN contacts c ON c.id = n.contact_id \
         WHERE n.dial = ?1 AND n.extension IS ?2 ORDER BY c.id",
    )?;
    let mut found = Existing::default();
    for number in &contact.numbers {
        let rows = stmt.query_map(params![number.dial, number.extension], |r| {
            Ok((r.get::<_, ContactId>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (id, name) = row?;
            let names = compare_names(contact, &name);
            if names != Names::Different {
                found.same = Some(found.same.map_or(id, |f| f.min(id)));
            }
            if names != Names::Same && found.other.is_none() {
                found.other = Some((name, number.display(), names == Names::Alike));
            }
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
