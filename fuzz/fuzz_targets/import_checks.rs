//! What every contacts-import preview must hold, shared by the CSV and vCard fuzz targets.

use std::cell::RefCell;

use callpad_core::contacts::{ContactStore, commit, preview};

thread_local! {
    /// One in-memory store for the whole run, holding one contact so merging is exercised.
    static STORE: RefCell<ContactStore> = RefCell::new(store_with_a_contact());
}

fn store_with_a_contact() -> ContactStore {
    let conn = callpad_core::db::open_in_memory().expect("an in-memory database");
    let mut store = ContactStore::new(conn).expect("a contact store");
    let seed = preview(&store, b"Name,Phone\nAda Lovelace,+16502530000\n", None).expect("seed");
    commit(&mut store, &seed, |_, _| {}).expect("seed commit");
    store
}

/// Steers a fuzz input to a reader: its first byte picks which of `starts` goes in front of the
/// rest (bits 0–1) and whether `US` is the default region (bit 2); then checks the preview.
pub fn check_with_start(starts: &[&str; 4], data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let mut bytes = starts[usize::from(selector & 3)].as_bytes().to_vec();
    bytes.extend_from_slice(rest);
    check_preview(&bytes, selector & 4 != 0);
}

/// Previews `bytes` (with `US` as the default region when `with_region`) and checks the counts.
fn check_preview(bytes: &[u8], with_region: bool) {
    let region = with_region.then_some("US");
    STORE.with(|store| {
        let store = store.borrow();
        match preview(&store, bytes, region) {
            Ok(p) => {
                assert_eq!(
                    p.rows_read,
                    p.rows_ok + p.rejected.len(),
                    "every row is kept or rejected"
                );
                assert_eq!(p.duplicates_merged + p.new_contacts, p.rows_ok);
                assert!(p.merged_into_existing <= p.rows_ok);
                assert!(
                    p.rejected.windows(2).all(|w| w[0].line <= w[1].line),
                    "rejections in file order"
                );
                for r in &p.rejected {
                    assert!(!r.reason.is_empty(), "{r:?}");
                }
            }
            Err(err) => assert!(!err.to_string().is_empty()),
        }
    });
}
