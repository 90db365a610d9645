//! The libphonenumber number types that have example numbers of their own, shared by the
//! example-number test (`tests/numbers_examples.rs`) and the normalize benchmark
//! (`benches/normalize.rs`), each of which includes this file by path.

use rlibphonenumber::PhoneNumberType;

/// Every specific number type (not the `FixedLineOrMobile` union).
pub const SPECIFIC_TYPES: [PhoneNumberType; 10] = [
    PhoneNumberType::FixedLine,
    PhoneNumberType::Mobile,
    PhoneNumberType::TollFree,
    PhoneNumberType::PremiumRate,
    PhoneNumberType::SharedCost,
    PhoneNumberType::VoIP,
    PhoneNumberType::PersonalNumber,
    PhoneNumberType::Pager,
    PhoneNumberType::UAN,
    PhoneNumberType::VoiceMail,
];
