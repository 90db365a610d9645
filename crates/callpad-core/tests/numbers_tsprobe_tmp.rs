use ts_rs::{Config, TS};
#[test]
fn p() {
    let cfg = Config::default();
    println!("{}", callpad_core::numbers::Dialable::decl(&cfg));
    println!("{}", callpad_core::numbers::PhoneNumber::decl(&cfg));
    println!("{}", callpad_core::numbers::SipAddress::decl(&cfg));
    let d = callpad_core::numbers::parse_dialable("+44 20 7946 0958 x12", None).unwrap();
    println!("{}", serde_json::to_string(&d).unwrap());
    println!("{}", serde_json::to_string(&callpad_core::numbers::parse_dialable("sip:a@b.com", None).unwrap()).unwrap());
}
