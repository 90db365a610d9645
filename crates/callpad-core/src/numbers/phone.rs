//! Phone numbers typed or pasted, read by libphonenumber (the `rlibphonenumber` port): parsing,
//! validity and formats all come from it; this file only turns its verdicts into `NumberError`s.

use rlibphonenumber::{
    NotANumberError, PHONE_NUMBER_UTIL, ParseError, PhoneNumberFormat, Region, ValidationError,
};

use super::{NumberError, PhoneNumber};

/// Parses `input` as libphonenumber does, reading national numbers as numbers of `region`, and
/// keeps it only if libphonenumber holds it valid.
pub(super) fn parse_phone(input: &str, region: Option<Region>) -> Result<PhoneNumber, NumberError> {
    let number = PHONE_NUMBER_UTIL
        .parse(input, region)
        .map_err(|err| parse_error(err, input, region))?;
    let (number, number_region, extension) = checked(number, input, region)?;
    Ok(PhoneNumber {
        e164: PHONE_NUMBER_UTIL
            .format(&number, PhoneNumberFormat::E164)
            .into_owned(),
        international: PHONE_NUMBER_UTIL
            .format(&number, PhoneNumberFormat::International)
            .into_owned(),
        national: PHONE_NUMBER_UTIL
            .format(&number, PhoneNumberFormat::National)
            .into_owned(),
        region: number_region.to_string(),
        extension,
        typed: input.to_owned(),
    })
}

/// A parsed number libphonenumber holds valid, with the region it belongs to and its extension
/// taken apart (as ASCII digits: the formats would otherwise append " ext. 123"); else why not.
pub(super) fn checked(
    mut number: rlibphonenumber::PhoneNumber,
    input: &str,
    region: Option<Region>,
) -> Result<(rlibphonenumber::PhoneNumber, Region, Option<String>), NumberError> {
    // Exactly `is_valid_number`, split in two to keep the region it finds.
    let number_region = PHONE_NUMBER_UTIL
        .get_region_for_number(&number)
        .filter(|r| PHONE_NUMBER_UTIL.is_valid_number_for_region(&number, *r));
    let Some(number_region) = number_region else {
        // libphonenumber drops one or two stray letters ("O" for zero) rather than reading them
        // as a vanity number; say so rather than blame the digits that are left.
        if number.extension.is_none() && has_stray_letters(input) {
            return Err(NumberError::LettersInNumber);
        }
        return Err(invalid_number(&number, region));
    };
    let extension = number
        .extension
        .take()
        .map(|ext| PHONE_NUMBER_UTIL.normalize_digits_only(&ext))
        .filter(|ext| !ext.is_empty());
    Ok((number, number_region, extension))
}

/// Why libphonenumber could not parse the input at all.
pub(super) fn parse_error(err: ParseError, input: &str, region: Option<Region>) -> NumberError {
    // Name the default region only when the number was read as one of its national numbers.
    let region_name = || {
        region
            .filter(|_| !has_international_marker(input))
            .map(|r| r.to_string())
    };
    match err {
        // libphonenumber says "invalid country code" both when a national number comes without a
        // region and when the digits after +/IDD are no country's code; tell them apart.
        ParseError::InvalidCountryCode if region.is_none() && !has_international_marker(input) => {
            NumberError::NeedsRegion
        }
        ParseError::InvalidCountryCode => NumberError::InvalidCountryCode,
        ParseError::TooShortNsn => NumberError::TooShort {
            region: region_name(),
        },
        ParseError::TooShortAfterIdd => NumberError::TooShort { region: None },
        ParseError::TooLongNsn => NumberError::TooLong {
            region: region_name(),
        },
        ParseError::NotANumber(NotANumberError::InvalidPhoneContext) => NumberError::InvalidTelUri,
        ParseError::NotANumber(_) => not_a_number(input),
    }
}

/// Why a parsed number is not valid, from libphonenumber's possible-length check.
pub(super) fn invalid_number(
    number: &rlibphonenumber::PhoneNumber,
    region: Option<Region>,
) -> NumberError {
    let country_code = number.country_code;
    // Name the region the person chose when the number is of its country (CA rather than US
    // for +1), else the main region of the country code.
    let number_region = region
        .filter(|r| PHONE_NUMBER_UTIL.get_country_code_for_region(*r) == Some(country_code))
        .or_else(|| PHONE_NUMBER_UTIL.get_region_for_country_code(country_code))
        .map(|r| r.to_string());
    match PHONE_NUMBER_UTIL.is_possible_number_with_reason(number) {
        Err(ValidationError::TooShort) => NumberError::TooShort {
            region: number_region,
        },
        Err(ValidationError::TooLong) => NumberError::TooLong {
            region: number_region,
        },
        Err(ValidationError::InvalidCountryCode) => NumberError::InvalidCountryCode,
        Ok(_) | Err(ValidationError::InvalidLength) => match number_region {
            Some(region) => NumberError::InvalidForRegion {
                region,
                country_code: u16::try_from(country_code).unwrap_or_default(),
            },
            None => NumberError::InvalidCountryCode,
        },
    }
}

/// For input libphonenumber would not read as a number: letters, too few digits, or neither.
fn not_a_number(input: &str) -> NumberError {
    let body = number_body(input);
    let digits = body.chars().filter(|c| c.is_numeric()).count();
    if body.chars().any(char::is_alphabetic) && digits > 0 {
        NumberError::LettersInNumber
    } else if digits > 0 && digits < 3 {
        NumberError::TooShort { region: None }
    } else {
        NumberError::NotANumber
    }
}

/// True when the input says which country it is in: a leading + (ASCII or full-width) before
/// its first digit, or a `phone-context` that starts with one.
fn has_international_marker(input: &str) -> bool {
    if input.contains(";phone-context=+") {
        return true;
    }
    input
        .chars()
        .find(|c| c.is_numeric() || matches!(c, '+' | '\u{FF0B}'))
        .is_some_and(|c| !c.is_numeric())
}

/// One or two letters in the number: fewer than libphonenumber reads as a vanity number
/// (it needs three), so it dropped them.
pub(super) fn has_stray_letters(input: &str) -> bool {
    let letters = number_body(input)
        .chars()
        .filter(|c| c.is_alphabetic())
        .count();
    (1..=2).contains(&letters)
}

/// The number as typed, without a `tel:` scheme or the `;parameters` after it.
fn number_body(input: &str) -> &str {
    let trimmed = input.trim_start();
    let body = match trimmed.get(..4) {
        Some(scheme) if scheme.eq_ignore_ascii_case("tel:") => &trimmed[4..],
        _ => trimmed,
    };
    body.split(';').next().unwrap_or(body)
}
