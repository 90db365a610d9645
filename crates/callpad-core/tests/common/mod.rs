//! What several core test files share (`mod common;`): names no other test run uses, for
//! profiles and keychain entries that outlive a test if it fails.
#![allow(dead_code)]

/// `LABEL-PID-NANOS`: unique across tests, runs and processes.
pub fn unique(label: &str) -> String {
    let nanos = std::time::UNIX_EPOCH.elapsed().unwrap().as_nanos();
    format!("{label}-{}-{nanos}", std::process::id())
}

/// Adds a contact with `numbers` as mobile numbers (national ones read as US); returns its id.
pub fn add_contact(
    store: &mut callpad_core::contacts::ContactStore,
    name: &str,
    company: Option<&str>,
    tags: &[&str],
    numbers: &[&str],
) -> i64 {
    let input = callpad_core::contacts::ContactInput {
        name: name.into(),
        company: company.map(Into::into),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        numbers: numbers
            .iter()
            .map(|n| callpad_core::contacts::NumberInput {
                label: "mobile".into(),
                number: (*n).into(),
            })
            .collect(),
        ..Default::default()
    };
    store.add(&input, Some("US")).unwrap().id
}

/// The stored contact named `name` (the first, if several are).
pub fn contact_named(
    store: &callpad_core::contacts::ContactStore,
    name: &str,
) -> callpad_core::contacts::Contact {
    store
        .list()
        .unwrap()
        .into_iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no contact named {name:?}"))
}

/// A client for `space` with the default settings (30 s per request, the usual retries).
pub fn client_for(space: &practice_space::RunningSpace) -> callpad_core::signalwire::Client {
    use callpad_core::signalwire::{Client, Credentials, SpaceUrl};
    Client::new(
        SpaceUrl::parse(&space.base_url()).unwrap(),
        Credentials::new(space.project_id(), space.api_token()),
    )
    .unwrap()
}
