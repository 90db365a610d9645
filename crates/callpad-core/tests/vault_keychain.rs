//! The vault against the real OS keychain. On Linux run inside a session with an unlocked
//! Secret Service (see HEADLESS.md; `./x test` does this). Every test uses its own entry names.

mod common;

use common::unique;

use callpad_core::vault::{Secret, SecretKind, Vault};

#[test]
fn a_secret_is_stored_read_replaced_and_removed() {
    let vault = Vault::new();
    let profile = unique("vault-cycle");
    vault.check_available().expect("a keychain is available");

    assert_eq!(vault.read(&profile, SecretKind::ApiToken).unwrap(), None);

    let first = Secret::new("PTfirst-token-value-0001");
    vault.store(&profile, SecretKind::ApiToken, &first).unwrap();
    let read = vault.read(&profile, SecretKind::ApiToken).unwrap().unwrap();
    assert_eq!(read.expose(), "PTfirst-token-value-0001");
    assert_eq!(read.mask(), "••••0001");

    let second = Secret::new("PTsecond-token-value-0002");
    vault
        .store(&profile, SecretKind::ApiToken, &second)
        .unwrap();
    assert_eq!(
        vault
            .require(&profile, SecretKind::ApiToken)
            .unwrap()
            .expose(),
        "PTsecond-token-value-0002"
    );

    assert!(vault.remove(&profile, SecretKind::ApiToken).unwrap());
    assert_eq!(vault.read(&profile, SecretKind::ApiToken).unwrap(), None);
    assert!(!vault.remove(&profile, SecretKind::ApiToken).unwrap());
}

#[test]
fn each_secret_of_a_profile_is_its_own_entry() {
    let vault = Vault::new();
    let profile = unique("vault-kinds");
    let secrets = [
        (SecretKind::ApiToken, "api-token-aaaa-1111"),
        (SecretKind::SigningKey, "signing-key-bbbb-2222"),
        (SecretKind::NgrokAuthtoken, "ngrok-token-cccc-3333"),
    ];
    for (kind, value) in secrets {
        vault.store(&profile, kind, &Secret::new(value)).unwrap();
    }
    for (kind, value) in secrets {
        let read = vault.require(&profile, kind).unwrap();
        assert_eq!(read.expose(), value, "{kind:?}");
    }

    // Another profile's entry of the same kind is separate.
    let other = unique("vault-kinds-other");
    assert_eq!(vault.read(&other, SecretKind::ApiToken).unwrap(), None);

    vault.remove_profile(&profile).unwrap();
    for kind in SecretKind::ALL {
        assert_eq!(vault.read(&profile, kind).unwrap(), None, "{kind:?}");
    }
}

#[test]
fn a_missing_secret_is_a_clear_error_without_the_value() {
    let vault = Vault::new();
    let profile = unique("vault-missing");
    let err = vault.require(&profile, SecretKind::ApiToken).unwrap_err();
    assert_eq!(err.code(), "secret_missing");
    let msg = err.to_string();
    assert!(msg.contains("API token"), "{msg}");
    assert!(msg.contains(&profile), "{msg}");
}

#[test]
fn an_empty_secret_is_refused_and_nothing_is_stored() {
    let vault = Vault::new();
    let profile = unique("vault-empty");
    let err = vault
        .store(&profile, SecretKind::ApiToken, &Secret::new("  \n"))
        .unwrap_err();
    assert_eq!(err.code(), "missing_credential");
    assert_eq!(vault.read(&profile, SecretKind::ApiToken).unwrap(), None);
}

#[test]
fn the_secret_lands_under_the_callpad_service_and_profile_user() {
    // What other tools (secret-tool, Seahorse) see: service "callpad", user "<profile>/api-token".
    let vault = Vault::new();
    let profile = unique("vault-layout");
    vault
        .store(
            &profile,
            SecretKind::ApiToken,
            &Secret::new("layout-token-9999-abcd"),
        )
        .unwrap();
    let entry = keyring::Entry::new("callpad", &format!("{profile}/api-token")).unwrap();
    assert_eq!(entry.get_password().unwrap(), "layout-token-9999-abcd");
    vault.remove_profile(&profile).unwrap();
    assert!(matches!(entry.get_password(), Err(keyring::Error::NoEntry)));
}
