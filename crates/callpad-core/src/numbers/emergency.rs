//! Emergency numbers, which Callpad never dials: a cloud call has no caller location and no
//! callback line, so a person must use a phone. rlibphonenumber 2.2 carries no short-number
//! metadata, so the table below is taken from libphonenumber's own
//! `resources/ShortNumberMetadata.xml` (the `<emergency>` patterns, v8.13), reduced to the exact
//! numbers; 112 and 911 are refused everywhere, as GSM phones route both to emergency services.

/// Numbers refused in every region.
const EVERYWHERE: &[&str] = &["112", "911", "999", "000", "110", "118", "119"];

/// Further emergency numbers by region (ISO 3166 alpha-2), from ShortNumberMetadata.xml.
const BY_REGION: &[(&str, &[&str])] = &[
    ("AR", &["100", "101", "107"]),
    ("AT", &["122", "133", "144"]),
    ("AU", &["106"]),
    ("BE", &["100", "101"]),
    ("BR", &["190", "192", "193", "199"]),
    ("CH", &["117", "144"]),
    ("CN", &["120", "122"]),
    ("DK", &["114"]),
    ("ES", &["061", "062", "080", "085", "088", "091", "092"]),
    ("FR", &["15", "17", "18"]),
    ("GR", &["100", "166", "199"]),
    ("HK", &["999"]),
    ("IE", &["999"]),
    ("IL", &["100", "101", "102"]),
    ("IN", &["100", "101", "102", "108"]),
    ("IT", &["113", "115", "118"]),
    ("JP", &["110", "118", "119"]),
    ("KR", &["112", "119", "122"]),
    ("MX", &["060", "065", "066", "080"]),
    ("NL", &["911"]),
    ("NZ", &["111"]),
    ("PH", &["117"]),
    ("PL", &["997", "998", "999"]),
    ("PT", &["115"]),
    (
        "RU",
        &["01", "02", "03", "04", "100", "101", "102", "103", "104"],
    ),
    ("SE", &["90000"]),
    ("TR", &["110", "155", "156"]),
    ("ZA", &["10111", "10177"]),
];

/// True when `input` is an emergency number in `region` (or anywhere): only its digits count, so
/// "9-1-1" and "(112)" are refused too. A number with + in front is never a short number.
pub(super) fn is_emergency(input: &str, region: Option<&str>) -> bool {
    let trimmed = input.trim();
    if trimmed.starts_with('+') || trimmed.contains(|c: char| c.is_ascii_alphabetic()) {
        return false;
    }
    if !trimmed
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')'))
    {
        return false;
    }
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return false;
    }
    if EVERYWHERE.contains(&digits.as_str()) {
        return true;
    }
    let Some(region) = region.map(|r| r.trim().to_ascii_uppercase()) else {
        return false;
    };
    BY_REGION
        .iter()
        .any(|(code, numbers)| *code == region && numbers.contains(&digits.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_emergency_numbers_are_refused_in_any_region() {
        for number in ["911", "112", "999", "000", " 9-1-1 ", "(112)"] {
            assert!(is_emergency(number, Some("US")), "{number}");
            assert!(is_emergency(number, None), "{number}");
        }
    }

    #[test]
    fn a_regions_own_numbers_are_refused_there_only() {
        assert!(is_emergency("111", Some("NZ")));
        assert!(!is_emergency("111", Some("US")));
        assert!(is_emergency("17", Some("fr")));
        assert!(is_emergency("10111", Some("ZA")));
    }

    #[test]
    fn ordinary_numbers_are_not_emergency_numbers() {
        for number in [
            "2065550175",
            "+1 911",
            "9110",
            "1-800-FLOWERS",
            "sip:911@example.com",
            "",
        ] {
            assert!(!is_emergency(number, Some("US")), "{number}");
        }
    }
}
