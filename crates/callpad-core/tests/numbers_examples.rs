//! Every example number libphonenumber ships, for every region and number type, read back through
//! `parse_dialable` as a person would type it: nationally with its region, internationally with none.

use callpad_core::numbers::{Dialable, NumberError, parse_dialable, supported_regions};
use rlibphonenumber::{PHONE_NUMBER_UTIL, PhoneNumber, PhoneNumberFormat, PhoneNumberType, Region};

#[path = "common/number_types.rs"]
mod number_types;

use number_types::SPECIFIC_TYPES;

/// Every specific type and the `FixedLineOrMobile` union.
fn types() -> impl Iterator<Item = PhoneNumberType> {
    SPECIFIC_TYPES
        .into_iter()
        .chain([PhoneNumberType::FixedLineOrMobile])
}

/// `number` written in `form`.
fn format(number: &PhoneNumber, form: PhoneNumberFormat) -> String {
    PHONE_NUMBER_UTIL.format(number, form).into_owned()
}

fn phone(input: &str, region: Option<&str>) -> callpad_core::numbers::PhoneNumber {
    match parse_dialable(input, region) {
        Ok(Dialable::Phone(phone)) => phone,
        other => panic!("{input:?} with {region:?}: {other:?}"),
    }
}

#[test]
fn every_regions_example_numbers_round_trip_nationally_and_internationally() {
    let mut checked = 0;
    let mut regions_checked = 0;
    for code in supported_regions() {
        let region = Region::from_code(&code).unwrap();
        let mut any = false;
        for number_type in types() {
            let Ok(example) =
                PHONE_NUMBER_UTIL.get_example_number_for_type_and_region(region, number_type)
            else {
                continue;
            };
            let e164 = format(&example, PhoneNumberFormat::E164);
            let national = format(&example, PhoneNumberFormat::National);
            let international = format(&example, PhoneNumberFormat::International);
            let owner = PHONE_NUMBER_UTIL
                .get_region_for_number(&example)
                .unwrap()
                .to_string();

            let read = phone(&national, Some(&code));
            assert_eq!(
                read.e164, e164,
                "{code} {number_type:?} national {national:?}"
            );
            assert_eq!(read.national, national, "{code} {number_type:?}");
            assert_eq!(read.international, international, "{code} {number_type:?}");
            assert_eq!(read.region, owner, "{code} {number_type:?}");
            assert_eq!(read.extension, None);
            assert_eq!(read.typed, national);

            let read = phone(&international, None);
            assert_eq!(
                read.e164, e164,
                "{code} {number_type:?} international {international:?}"
            );
            assert_eq!(read.region, owner);

            // The E.164 form reads back as itself, from any region.
            assert_eq!(phone(&e164, Some("US")).e164, e164);
            assert_eq!(phone(&e164, None).e164, e164);
            checked += 1;
            any = true;
        }
        regions_checked += usize::from(any);
    }
    assert!(regions_checked > 240, "{regions_checked} regions");
    assert!(checked > 1000, "{checked} example numbers");
}

#[test]
fn example_numbers_keep_an_extension_apart() {
    for code in [
        "US", "GB", "DE", "FR", "JP", "AU", "BR", "IN", "NZ", "SG", "ZA",
    ] {
        let region = Region::from_code(code).unwrap();
        let example = PHONE_NUMBER_UTIL.get_example_number(region).unwrap();
        let e164 = format(&example, PhoneNumberFormat::E164);
        let national = format(&example, PhoneNumberFormat::National);
        let international = format(&example, PhoneNumberFormat::International);
        for typed in [
            format!("{national} ext. 1234"),
            format!("{national} x1234"),
            format!("{international};ext=1234"),
        ] {
            let read = phone(&typed, Some(code));
            assert_eq!(read.e164, e164, "{typed}");
            assert_eq!(read.extension.as_deref(), Some("1234"), "{typed}");
            assert_eq!(read.international, international, "{typed}");
            assert_eq!(read.national, national, "{typed}");
        }
    }
}

#[test]
fn non_geographic_example_numbers_parse_internationally_as_region_001() {
    let mut checked = 0;
    for calling_code in PHONE_NUMBER_UTIL.get_supported_global_network_calling_codes() {
        let Ok(example) = PHONE_NUMBER_UTIL.get_example_number_for_non_geo_entity(calling_code)
        else {
            continue;
        };
        let e164 = format(&example, PhoneNumberFormat::E164);
        let international = format(&example, PhoneNumberFormat::International);
        let read = phone(&international, None);
        assert_eq!(read.e164, e164, "+{calling_code}");
        assert_eq!(read.region, "001", "+{calling_code}");
        checked += 1;
    }
    assert!(checked >= 5, "{checked}");
}

#[test]
fn libphonenumbers_invalid_examples_are_refused_naming_the_region() {
    let mut checked = 0;
    for code in ["US", "GB", "DE", "FR", "AU", "NZ", "SG", "JP", "BR", "IN"] {
        let region = Region::from_code(code).unwrap();
        let invalid = PHONE_NUMBER_UTIL
            .get_invalid_example_number(region)
            .unwrap();
        let typed = format(&invalid, PhoneNumberFormat::E164);
        let err = parse_dialable(&typed, None).unwrap_err();
        match &err {
            NumberError::InvalidForRegion { region, .. } => assert_eq!(region, code, "{typed}"),
            NumberError::TooShort { region } | NumberError::TooLong { region } => {
                assert_eq!(region.as_deref(), Some(code), "{typed}")
            }
            other => panic!("{code} {typed}: {other:?}"),
        }
        assert!(err.to_string().contains(code), "{err}");
        checked += 1;
    }
    assert_eq!(checked, 10);
}
