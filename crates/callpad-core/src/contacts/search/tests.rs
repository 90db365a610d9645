//! Behaviour of the whole index: what a query finds, in what order, after adds and removals.

use super::score::SUBSTRING_NUMBER;
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

/// An index of `n` contacts named with shared words (so queries find many, with ties to break),
/// some favourites, plus a few call-history numbers.
fn big_index(n: i64) -> SearchIndex {
    let mut index = SearchIndex::new();
    for id in 0..n {
        let mut d = doc(
            id,
            &format!(
                "{} Person {}",
                ["Ann", "Bob", "Cy"][id as usize % 3],
                id % 97
            ),
            Some(["Acme", "Annex"][id as usize % 2]),
            &[],
            &[(&format!("+1201555{:04}", id % 10_000), "")],
        );
        d.favourite = id % 41 == 0;
        index.upsert(d);
    }
    for i in 0..5 {
        index.upsert(SearchDoc::from_call(
            &format!("+1201555{:04}", 9000 + i),
            Some("Ann Caller"),
            i,
        ));
    }
    index
}

/// Every page of `query`, `size` at a time, joined; and the totals each page reported.
fn all_pages(index: &mut SearchIndex, query: &str, size: usize) -> (Vec<SearchHit>, Vec<usize>) {
    let mut hits = Vec::new();
    let mut totals = Vec::new();
    loop {
        let page = index.search_page(query, hits.len(), size);
        assert_eq!(page.offset, hits.len());
        totals.push(page.total);
        if page.hits.is_empty() {
            return (hits, totals);
        }
        assert!(page.hits.len() <= size);
        hits.extend(page.hits);
    }
}

#[test]
fn pages_join_into_the_whole_ranked_result() {
    let mut index = big_index(1500);
    for query in ["", "ann", "person 1", "annex bob", "201 555", "a", "nobody"] {
        let whole = index.search(query, usize::MAX);
        let (paged, totals) = all_pages(&mut index, query, 70);
        assert_eq!(sources(&paged), sources(&whole), "{query:?}");
        assert!(
            totals.iter().all(|t| *t == whole.len()),
            "{query:?}: {totals:?}"
        );
        let calls = whole
            .iter()
            .filter(|h| matches!(h.source, HitSource::Call { .. }))
            .count();
        assert_eq!(index.search_page(query, 0, 5).calls, calls, "{query:?}");
        assert_eq!(index.search_page(query, 10, 5).calls, calls, "{query:?}");
    }
    // The empty query lists every contact and no call-history number.
    assert_eq!(index.search_page("", 0, 1).total, 1500);
    assert!(index.search_page("ann", 5, 0).hits.is_empty());
    let past = index.search_page("ann", 1_000_000, 10);
    assert!(past.hits.is_empty());
    assert_eq!(past.total, index.search("ann", usize::MAX).len());
}

#[test]
fn a_later_page_follows_changes_to_the_contacts() {
    let mut index = big_index(300);
    let before = index.search_page("person 5", 3, 100);
    assert!(before.total > 3);
    index.upsert(doc(5000, "Person 5 Newcomer", None, &[], &[]));
    let after = index.search_page("person 5", 3, 100);
    assert_eq!(after.total, before.total + 1);
    let (paged, _) = all_pages(&mut index, "person 5", 7);
    assert!(sources(&paged).contains(&"contact 5000".to_owned()));
    index.remove(&HitSource::Contact { id: 5000 });
    let (paged, _) = all_pages(&mut index, "person 5", 7);
    assert_eq!(paged.len(), before.total);
    assert!(!sources(&paged).contains(&"contact 5000".to_owned()));
}
