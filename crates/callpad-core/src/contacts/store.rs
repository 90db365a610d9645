//! Contacts in the database: add, update, delete, read, and the do-not-call check, each write in
//! one transaction, with the search index updated once the transaction has committed. The index
//! also holds recently called numbers that are no contact's; history (`calls::history`) owns
//! those rows and this only reads them. Importing many at once is `import.rs`; the schema is `db.rs`.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::model::{Contact, ContactId, ContactInput, ContactNumber, ValidContact};
use super::search::{HitSource, SearchDoc, SearchHit, SearchIndex, SearchPage};
use crate::{Error, Result};

/// How many distinct recently called numbers are read from history when the store opens.
pub const RECENT_CALLS_LOADED: usize = 2_000;

/// The contacts of one database, with their search index.
pub struct ContactStore {
    conn: Connection,
    index: SearchIndex,
    /// Recently called numbers (read at open, then noted), whether or not a contact holds them
    /// now: when a contact is deleted or changed, its old numbers come back as call hits.
    recent_calls: HashMap<String, RecentCall>,
}

/// What search knows about a recently called number.
#[derive(Debug, Clone)]
struct RecentCall {
    /// The contact name recorded with the latest call that had one.
    name: Option<String>,
    at_ms: i64,
}

impl ContactStore {
    /// Takes an open database (see [`crate::db::open_in`]) and builds the search index from it:
    /// every contact, and the [`RECENT_CALLS_LOADED`] most recently called numbers that are no
    /// contact's (none if the database has no call history yet).
    pub fn new(conn: Connection) -> Result<Self> {
        let recent_calls = load_recent_calls(&conn, RECENT_CALLS_LOADED)?;
        let mut store = ContactStore {
            conn,
            index: SearchIndex::new(),
            recent_calls,
        };
        store.reload_index()?;
        Ok(store)
    }

    /// Makes a number just called (E.164 or `sip:` URI, as history stores it) findable at once,
    /// or moves it up among recent calls. `contact_name` is the name recorded with the call; a
    /// call without one keeps the name known from earlier calls. A number a contact holds gets
    /// no entry of its own: the contact's hit is the better one.
    pub fn note_call(
        &mut self,
        number: &str,
        contact_name: Option<&str>,
        at_ms: i64,
    ) -> Result<()> {
        let number = number.trim();
        if number.is_empty() {
            return Ok(());
        }
        let name = contact_name
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned);
        let recent = self
            .recent_calls
            .entry(number.to_owned())
            .or_insert(RecentCall { name: None, at_ms });
        recent.at_ms = recent.at_ms.max(at_ms);
        if name.is_some() {
            recent.name = name;
        }
        self.sync_calls([number.to_owned()])
    }

    /// The database, for reads other modules make (and tests).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Adds a contact; `region` reads numbers typed without `+` (e.g. `US`).
    pub fn add(&mut self, input: &ContactInput, region: Option<&str>) -> Result<Contact> {
        let valid = input.validate(region)?;
        let tx = self.conn.transaction()?;
        let id = insert_contact(&tx, &valid)?;
        tx.commit()?;
        let contact = self.refresh(id)?;
        self.sync_calls(dials(&contact.numbers))?;
        Ok(contact)
    }

    /// Replaces every field of contact `id` with `input`.
    pub fn update(
        &mut self,
        id: ContactId,
        input: &ContactInput,
        region: Option<&str>,
    ) -> Result<Contact> {
        let valid = input.validate(region)?;
        let tx = self.conn.transaction()?;
        let changed = tx.execute(
            "UPDATE contacts SET name = ?2, company = ?3, notes = ?4, favourite = ?5, opt_out = ?6
             WHERE id = ?1",
            params![
                id,
                valid.name,
                valid.company,
                valid.notes,
                valid.favourite,
                valid.opt_out
            ],
        )?;
        if changed == 0 {
            return Err(Error::ContactNotFound { id });
        }
        tx.execute("DELETE FROM contact_numbers WHERE contact_id = ?1", [id])?;
        tx.execute("DELETE FROM contact_tags WHERE contact_id = ?1", [id])?;
        insert_numbers(&tx, id, 0, &valid.numbers)?;
        insert_tags(&tx, id, 0, &valid.tags)?;
        tx.commit()?;
        let before = self.indexed_dials(id);
        let contact = self.refresh(id)?;
        self.sync_calls(before.into_iter().chain(dials(&contact.numbers)))?;
        Ok(contact)
    }

    /// Deletes contact `id` with its numbers and tags.
    pub fn delete(&mut self, id: ContactId) -> Result<()> {
        let changed = self
            .conn
            .execute("DELETE FROM contacts WHERE id = ?1", [id])?;
        if changed == 0 {
            return Err(Error::ContactNotFound { id });
        }
        let before = self.indexed_dials(id);
        self.index.remove(&HitSource::Contact { id });
        self.sync_calls(before)
    }

    /// Contact `id`.
    pub fn get(&self, id: ContactId) -> Result<Contact> {
        load_contact(&self.conn, id)?.ok_or(Error::ContactNotFound { id })
    }

    /// Every contact: favourites first, then by name (ignoring case and accents).
    pub fn list(&self) -> Result<Vec<Contact>> {
        let mut contacts = load_all(&self.conn)?;
        contacts.sort_by_cached_key(|c| (!c.favourite, super::search::fold(&c.name), c.id));
        Ok(contacts)
    }

    /// Marks or unmarks contact `id` as a favourite.
    pub fn set_favourite(&mut self, id: ContactId, favourite: bool) -> Result<Contact> {
        self.set_flag(id, "favourite", favourite)
    }

    /// Sets or clears contact `id`'s "do not call" flag.
    pub fn set_opt_out(&mut self, id: ContactId, opt_out: bool) -> Result<Contact> {
        self.set_flag(id, "opt_out", opt_out)
    }

    /// True when any contact holding `dial` (E.164 or `sip:` URI, any extension) has asked not to
    /// be called. Every dialling path checks this before placing a call.
    pub fn is_opted_out(&self, dial: &str) -> Result<bool> {
        is_opted_out(&self.conn, dial)
    }

    /// The best `limit` matches for what has been typed so far (see [`SearchIndex::search`]).
    pub fn search(&self, query: &str, limit: usize) -> Vec<SearchHit> {
        self.index.search(query, limit)
    }

    /// Results `offset..offset + limit` of the same search, and how many there are (see
    /// [`SearchIndex::search_page`]).
    pub fn search_page(&mut self, query: &str, offset: usize, limit: usize) -> SearchPage {
        self.index.search_page(query, offset, limit)
    }

    /// How many contacts there are.
    pub fn count(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or_default())
    }

    /// Rebuilds the search index from the contacts in the database and the recent calls known.
    pub fn reload_index(&mut self) -> Result<()> {
        let contacts = load_all(&self.conn)?;
        let held: HashSet<&str> = contacts
            .iter()
            .flat_map(|c| c.numbers.iter().map(|n| n.dial.as_str()))
            .collect();
        let calls = self
            .recent_calls
            .iter()
            .filter(|(number, _)| !held.contains(number.as_str()))
            .map(|(number, call)| SearchDoc::from_call(number, call.name.as_deref(), call.at_ms));
        self.index =
            SearchIndex::from_docs(contacts.iter().map(SearchDoc::from_contact).chain(calls));
        Ok(())
    }

    /// Runs `write` in one transaction, then brings the index up to date with what it says it
    /// wrote. For imports; everything else has its own method.
    pub(crate) fn write_batch<T>(
        &mut self,
        write: impl FnOnce(&Transaction<'_>) -> Result<(T, Vec<Written>)>,
    ) -> Result<T> {
        let tx = self.conn.transaction()?;
        let (out, written) = write(&tx)?;
        tx.commit()?;
        let changed = written
            .iter()
            .filter(|w| matches!(w, Written::Changed(_)))
            .count();
        if changed > 2_000 {
            self.reload_index()?;
            return Ok(out);
        }
        let mut touched = Vec::new();
        for w in written {
            match w {
                Written::New(contact) => {
                    touched.extend(dials(&contact.numbers));
                    self.index.upsert(SearchDoc::from_contact(&contact));
                }
                Written::Changed(id) => {
                    touched.extend(self.indexed_dials(id));
                    touched.extend(dials(&self.refresh(id)?.numbers));
                }
            }
        }
        self.sync_calls(touched)?;
        Ok(out)
    }

    fn set_flag(&mut self, id: ContactId, column: &str, value: bool) -> Result<Contact> {
        let sql = format!("UPDATE contacts SET {column} = ?2 WHERE id = ?1");
        if self.conn.execute(&sql, params![id, value])? == 0 {
            return Err(Error::ContactNotFound { id });
        }
        self.refresh(id)
    }

    /// Reads contact `id` back and puts it in the index.
    fn refresh(&mut self, id: ContactId) -> Result<Contact> {
        let contact = self.get(id)?;
        self.index.upsert(SearchDoc::from_contact(&contact));
        Ok(contact)
    }

    /// The numbers contact `id` has in the index (what it had before a change).
    fn indexed_dials(&self, id: ContactId) -> Vec<String> {
        self.index
            .doc(&HitSource::Contact { id })
            .map(|doc| doc.numbers.iter().map(|n| n.dial.clone()).collect())
            .unwrap_or_default()
    }

    /// Brings the call-history entries of `numbers` in line with the contacts: a recently
    /// called number gets an entry unless a contact holds it. Numbers not called are skipped
    /// without touching the database, so contact edits cost nothing here in the usual case.
    fn sync_calls(&mut self, numbers: impl IntoIterator<Item = String>) -> Result<()> {
        for number in numbers {
            let Some(call) = self.recent_calls.get(&number) else {
                continue;
            };
            let source = HitSource::Call {
                number: number.clone(),
            };
            if is_contact_number(&self.conn, &number)? {
                self.index.remove(&source);
            } else {
                let doc = SearchDoc::from_call(&number, call.name.as_deref(), call.at_ms);
                self.index.upsert(doc);
            }
        }
        Ok(())
    }
}

fn dials(numbers: &[ContactNumber]) -> impl Iterator<Item = String> + '_ {
    numbers.iter().map(|n| n.dial.clone())
}

/// True when some contact holds `dial`.
fn is_contact_number(conn: &Connection, dial: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM contact_numbers WHERE dial = ?1)")?
        .query_row([dial], |r| r.get(0))?)
}

/// The `limit` most recently called distinct numbers in history, each with the contact name
/// recorded with its latest call that had one. An empty map when there is no `calls` table (a
/// database from before history); the table is history's, only read here.
fn load_recent_calls(conn: &Connection, limit: usize) -> Result<HashMap<String, RecentCall>> {
    let has_history: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'calls')",
        [],
        |r| r.get(0),
    )?;
    if !has_history || limit == 0 {
        return Ok(HashMap::new());
    }
    // With one max() in an aggregate, SQLite takes the bare `contact_name` from the row holding
    // the maximum: the latest named call.
    let mut stmt = conn.prepare(
        "WITH latest AS (
             SELECT to_number, max(created_at_ms) AS at_ms FROM calls
             WHERE to_number <> '' GROUP BY to_number ORDER BY at_ms DESC LIMIT ?1
         ),
         named AS (
             SELECT to_number, contact_name, max(created_at_ms) FROM calls
             WHERE contact_name IS NOT NULL AND trim(contact_name) <> ''
             GROUP BY to_number
         )
         SELECT latest.to_number, latest.at_ms, named.contact_name
         FROM latest LEFT JOIN named ON named.to_number = latest.to_number",
    )?;
    let rows = stmt.query_map([i64::try_from(limit).unwrap_or(i64::MAX)], |r| {
        Ok((
            r.get::<_, String>(0)?,
            RecentCall {
                at_ms: r.get(1)?,
                name: r.get(2)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What a batch write did to one contact, so the index can follow without re-reading it all.
pub(crate) enum Written {
    /// Created exactly as given.
    New(Contact),
    /// Changed in ways only the database knows in full (a merge).
    Changed(ContactId),
}

/// [`ContactStore::is_opted_out`] for a caller holding only a connection.
///
/// A number is the same number in every form it can be dialled in: `+12015550100`, and a SIP
/// address whose user part is that number (`sip:+12015550100@pbx`, `sips:12015550100;user=phone@…`,
/// `sip:%2B12015550100@…`). So a do-not-call contact's E.164 number refuses those SIP addresses,
/// and a do-not-call contact's SIP address with a number in it refuses that number.
pub fn is_opted_out(conn: &Connection, dial: &str) -> Result<bool> {
    let dial = dial.trim();
    let mut exact = conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM contact_numbers n JOIN contacts c ON c.id = n.contact_id
                        WHERE n.dial = ?1 AND c.opt_out = 1)",
    )?;
    let mut numbers = vec![dial.to_owned()];
    numbers.extend(sip_user_number(dial));
    for number in &numbers {
        if exact.query_row([number], |r| r.get::<_, bool>(0))? {
            return Ok(true);
        }
    }
    // Most lists have no opted-out SIP address at all: one indexed look settles that.
    let any_sip: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM contact_numbers n JOIN contacts c ON c.id = n.contact_id
                            WHERE c.opt_out = 1 AND n.dial >= 'sip:' AND n.dial < 'sit')",
        )?
        .query_row([], |r| r.get(0))?;
    if !any_sip {
        return Ok(false);
    }
    // SIP addresses stored on opted-out contacts whose user part is one of these numbers. The
    // ranges use the `dial` index: `sip:+12015550100@` up to (not including) `sip:+12015550100A`
    // ('A' follows '@'), and the same for `;` (followed by '<').
    let mut ranged = conn.prepare_cached(
        "SELECT n.dial FROM contact_numbers n JOIN contacts c ON c.id = n.contact_id
         WHERE c.opt_out = 1 AND n.dial >= ?1 AND n.dial < ?2",
    )?;
    for number in numbers.iter().filter(|n| n.starts_with('+')) {
        for scheme in ["sip:", "sips:"] {
            for user in [number.as_str(), &number[1..]] {
                for (from, to) in [('@', 'A'), (';', '<')] {
                    let low = format!("{scheme}{user}{from}");
                    let high = format!("{scheme}{user}{to}");
                    let stored: Vec<String> = ranged
                        .query_map([&low, &high], |r| r.get(0))?
                        .collect::<rusqlite::Result<_>>()?;
                    if stored
                        .iter()
                        .any(|s| sip_user_number(s).as_deref() == Some(number.as_str()))
                    {
                        return Ok(true);
                    }
                }
            }
        }
    }
    Ok(false)
}

/// The E.164 number a SIP address's user part is, if it is one: `+` and digits, or digits alone
/// (read as if they had a `+`), with visual separators and `%2B` allowed and any `;params` of the
/// user part (`;user=phone`) dropped.
fn sip_user_number(uri: &str) -> Option<String> {
    let (scheme, rest) = uri.split_once(':')?;
    if !(scheme.eq_ignore_ascii_case("sip") || scheme.eq_ignore_ascii_case("sips")) {
        return None;
    }
    let (user, _host) = rest.rsplit_once('@')?;
    let user = user.split(';').next().unwrap_or(user);
    let user = match user.get(..3) {
        Some(escaped) if escaped.eq_ignore_ascii_case("%2B") => format!("+{}", &user[3..]),
        _ => user.to_owned(),
    };
    let digits = user.strip_prefix('+').unwrap_or(&user);
    if digits.is_empty()
        || !digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | '(' | ')'))
    {
        return None;
    }
    let number = match crate::numbers::parse_dialable(&format!("+{digits}"), None) {
        Ok(crate::numbers::Dialable::Phone(phone)) => phone.e164,
        _ => return None,
    };
    Some(number)
}

pub(crate) fn insert_contact(tx: &Transaction<'_>, contact: &ValidContact) -> Result<ContactId> {
    tx.prepare_cached(
        "INSERT INTO contacts (name, company, notes, favourite, opt_out) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        contact.name,
        contact.company,
        contact.notes,
        contact.favourite,
        contact.opt_out
    ])?;
    let id = tx.last_insert_rowid();
    insert_numbers(tx, id, 0, &contact.numbers)?;
    insert_tags(tx, id, 0, &contact.tags)?;
    Ok(id)
}

pub(crate) fn insert_numbers(
    tx: &Transaction<'_>,
    id: ContactId,
    first_position: usize,
    numbers: &[ContactNumber],
) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO contact_numbers
            (contact_id, position, label, dial, extension, typed, national, international)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (i, n) in numbers.iter().enumerate() {
        stmt.execute(params![
            id,
            (first_position + i) as i64,
            n.label,
            n.dial,
            n.extension,
            n.typed,
            n.national,
            n.international
        ])?;
    }
    Ok(())
}

pub(crate) fn insert_tags(
    tx: &Transaction<'_>,
    id: ContactId,
    first_position: usize,
    tags: &[String],
) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO contact_tags (contact_id, position, tag) VALUES (?1, ?2, ?3)",
    )?;
    for (i, tag) in tags.iter().enumerate() {
        stmt.execute(params![id, (first_position + i) as i64, tag])?;
    }
    Ok(())
}

/// Contact `id`, or `None`.
pub(crate) fn load_contact(conn: &Connection, id: ContactId) -> Result<Option<Contact>> {
    let Some(mut contact) = conn
        .prepare_cached(
            "SELECT id, name, company, notes, favourite, opt_out FROM contacts WHERE id = ?1",
        )?
        .query_row([id], contact_row)
        .optional()?
    else {
        return Ok(None);
    };
    let mut numbers = conn.prepare_cached(
        "SELECT contact_id, label, dial, extension, typed, national, international
         FROM contact_numbers WHERE contact_id = ?1 ORDER BY position",
    )?;
    for row in numbers.query_map([id], number_row)? {
        contact.numbers.push(row?.1);
    }
    let mut tags = conn
        .prepare_cached("SELECT tag FROM contact_tags WHERE contact_id = ?1 ORDER BY position")?;
    for tag in tags.query_map([id], |r| r.get(0))? {
        contact.tags.push(tag?);
    }
    Ok(Some(contact))
}

/// Every contact, in id order.
pub(crate) fn load_all(conn: &Connection) -> Result<Vec<Contact>> {
    let mut contacts: Vec<Contact> = conn
        .prepare("SELECT id, name, company, notes, favourite, opt_out FROM contacts ORDER BY id")?
        .query_map([], contact_row)?
        .collect::<rusqlite::Result<_>>()?;
    let position =
        |contacts: &[Contact], id: ContactId| contacts.binary_search_by_key(&id, |c| c.id).ok();
    let mut numbers = conn.prepare(
        "SELECT contact_id, label, dial, extension, typed, national, international
         FROM contact_numbers ORDER BY contact_id, position",
    )?;
    for row in numbers.query_map([], number_row)? {
        let (id, number) = row?;
        if let Some(i) = position(&contacts, id) {
            contacts[i].numbers.push(number);
        }
    }
    let mut tags =
        conn.prepare("SELECT contact_id, tag FROM contact_tags ORDER BY contact_id, position")?;
    for row in tags.query_map([], |r| Ok((r.get::<_, ContactId>(0)?, r.get(1)?)))? {
        let (id, tag) = row?;
        if let Some(i) = position(&contacts, id) {
            contacts[i].tags.push(tag);
        }
    }
    Ok(contacts)
}

fn contact_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Contact> {
    Ok(Contact {
        id: r.get(0)?,
        name: r.get(1)?,
        company: r.get(2)?,
        notes: r.get(3)?,
        favourite: r.get(4)?,
        opt_out: r.get(5)?,
        numbers: Vec::new(),
        tags: Vec::new(),
    })
}

fn number_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(ContactId, ContactNumber)> {
    Ok((
        r.get(0)?,
        ContactNumber {
            label: r.get(1)?,
            dial: r.get(2)?,
            extension: r.get(3)?,
            typed: r.get(4)?,
            national: r.get(5)?,
            international: r.get(6)?,
        },
    ))
}
