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
