use callpad_core::vault::{Secret, SecretKind, Vault};
#[test]
fn probe() {
    let v = Vault::new();
    eprintln!("status: {:?}", v.check_available().map_err(|e| e.to_string()));
    eprintln!("store: {:?}", v.store("probe", SecretKind::ApiToken, &Secret::new("x-token-123456789")).map_err(|e| (e.code(), e.to_string())));
    eprintln!("read: {:?}", v.read("probe", SecretKind::ApiToken).map_err(|e| (e.code(), e.to_string())));
}
