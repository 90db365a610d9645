//! `GET /api/relay/rest/lookup/phone_number/{e164}?include=carrier,cnam`: a lookup answer built from
//! a small fixed table. Every carrier and caller-name value is practice data, marked as such.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::api_error;
use crate::phone::{self, Country, US_TOLL_FREE};
use crate::seed;

/// The carrier name every practice lookup reports.
pub(crate) const PRACTICE_CARRIER: &str = "Practice Carrier (not real data)";

/// A few US area codes the practice lookup places: (code, city, state, time zone).
const US_AREAS: &[(&str, &str, &str, &str)] = &[
    ("202", "Washington", "DC", "America/New_York"),
    ("206", "Seattle", "WA", "America/Los_Angeles"),
    ("212", "New York", "NY", "America/New_York"),
    ("303", "Denver", "CO", "America/Denver"),
    ("312", "Chicago", "IL", "America/Chicago"),
    ("415", "San Francisco", "CA", "America/Los_Angeles"),
    ("617", "Boston", "MA", "America/New_York"),
];

pub(crate) async fn lookup(
    Path(number): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    match describe(&number) {
        Ok(described) => {
            let includes: Vec<&str> = query
                .get("include")
                .map(|s| s.split(',').map(str::trim).collect())
                .unwrap_or_default();
            Json(described.to_json(&number, &includes)).into_response()
        }
        Err(detail) => {
            api_error::relay_error("invalid_phone_number", "Invalid Phone Number", detail)
        }
    }
}

/// What the practice tables say about one number.
struct Described<'a> {
    country: Country,
    national: &'a str,
    national_formatted: String,
    international_formatted: String,
    line_type: LineType,
    city: Option<&'static str>,
    state: Option<&'static str>,
    time_zone: Option<&'static str>,
}

#[derive(Clone, Copy)]
enum LineType {
    Landline,
    Wireless,
    TollFree,
}

fn describe(number: &str) -> Result<Described<'_>, String> {
    if !phone::is_e164(number) {
        return Err(format!(
            "\"{number}\" is not an E.164 phone number (+ and 8 to 15 digits)"
        ));
    }
    let digits = &number[1..];
    let (country, national) = phone::split_country(digits).ok_or_else(|| {
        format!("{number} is not in a country the practice lookup knows (US, GB, IE, FR, DE, NL, ES, IT, AU, JP, IN, MX, BR)")
    })?;
    let last_even = national
        .bytes()
        .last()
        .is_some_and(|b| (b - b'0').is_multiple_of(2));
    let by_parity = if last_even {
        LineType::Landline
    } else {
        LineType::Wireless
    };
    match country.iso {
        "US" => {
            if national.len() != 10 {
                return Err(format!(
                    "{number} is not a valid North American number (10 digits after +1)"
                ));
            }
            let (area, exchange, line) = (&national[..3], &national[3..6], &national[6..]);
            let place = US_AREAS.iter().find(|(code, ..)| *code == area);
            Ok(Described {
                country,
                national,
                national_formatted: format!("({area}) {exchange}-{line}"),
                international_formatted: format!("+1 {area}-{exchange}-{line}"),
                line_type: if US_TOLL_FREE.contains(&area) {
                    LineType::TollFree
                } else {
                    by_parity
                },
                city: place.map(|p| p.1),
                state: place.map(|p| p.2),
                time_zone: place.map(|p| p.3),
            })
        }
        "GB" => {
            if !(9..=10).contains(&national.len()) {
                return Err(format!(
                    "{number} is not a valid UK number (9 or 10 digits after +44)"
                ));
            }
            let grouped = if national.starts_with("20") {
                format!("{} {} {}", &national[..2], &national[2..6], &national[6..])
            } else {
                format!("{} {}", &national[..4], &national[4..])
            };
            Ok(Described {
                country,
                national,
                national_formatted: format!("0{grouped}"),
                international_formatted: format!("+44 {grouped}"),
                line_type: if national.starts_with('7') {
                    LineType::Wireless
                } else {
                    LineType::Landline
                },
                city: national.starts_with("20").then_some("London"),
                state: None,
                time_zone: Some("Europe/London"),
            })
        }
        _ => Ok(Described {
            country,
            national,
            national_formatted: national.to_owned(),
            international_formatted: format!("+{} {national}", country.calling_code),
            line_type: by_parity,
            city: None,
            state: None,
            time_zone: None,
        }),
    }
}

impl Described<'_> {
    fn to_json(&self, e164: &str, includes: &[&str]) -> Value {
        let (number_type, linetype) = match self.line_type {
            LineType::Landline => ("FIXED_LINE", "landline"),
            LineType::Wireless => ("MOBILE", "wireless"),
            LineType::TollFree => ("TOLL_FREE", "tollfree"),
        };
        let carrier = includes.contains(&"carrier").then(|| {
            json!({
                "lec": PRACTICE_CARRIER,
                "lrn": if self.country.iso == "US" { e164[1..].to_owned() } else { String::new() },
                "spid": "PRAC",
                "ocn": "P000",
                "lata": if self.country.iso == "US" { "000" } else { "" },
                "city": self.city.unwrap_or("PRACTICE"),
                "state": self.state.unwrap_or(""),
                "jurisdiction": "practice (not real data)",
                "linetype": linetype,
            })
        });
        let cnam = includes
            .contains(&"cnam")
            .then(|| json!({ "caller_id": caller_name(e164) }));
        json!({
            "country_code_number": self.country.calling_code.parse::<u32>().unwrap_or(0),
            "national_number": self.national,
            "possible_number": true,
            "valid_number": true,
            "national_number_formatted": self.national_formatted,
            "international_number_formatted": self.international_formatted,
            "e164": e164,
            "location": self.city.unwrap_or(self.country.name),
            "country_code": self.country.iso,
            "timezones": self.time_zone.into_iter().collect::<Vec<_>>(),
            "number_type": number_type,
            "carrier": carrier,
            "cnam": cnam,
            "practice_data": true,
        })
    }
}

/// CNAM-style caller name (upper case, at most 15 characters): a seeded name, else a placeholder.
fn caller_name(e164: &str) -> String {
    let name = seed::OWNED_NUMBERS
        .iter()
        .find(|n| n.number == e164)
        .map(|n| n.name)
        .or_else(|| {
            seed::VERIFIED_CALLER_IDS
                .iter()
                .find(|v| v.number == e164)
                .map(|v| v.name)
        })
        .unwrap_or("Practice caller");
    name.to_uppercase().chars().take(15).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_us_and_uk_numbers() {
        let us = describe("+12065550100").unwrap();
        assert_eq!(us.national_formatted, "(206) 555-0100");
        assert_eq!(us.international_formatted, "+1 206-555-0100");
        let london = describe("+442079460958").unwrap();
        assert_eq!(london.national_formatted, "020 7946 0958");
        assert_eq!(london.international_formatted, "+44 20 7946 0958");
        let mobile = describe("+447700900123").unwrap();
        assert_eq!(mobile.national_formatted, "07700 900123");
        assert!(matches!(mobile.line_type, LineType::Wireless));
    }

    #[test]
    fn refuses_bad_numbers() {
        assert!(describe("12065550100").is_err());
        assert!(describe("+1206555010").is_err());
        assert!(describe("+99912345678").is_err());
    }

    #[test]
    fn caller_names_fit_cnam() {
        assert_eq!(caller_name("+12065550100"), "SEATTLE OFFICE");
        assert_eq!(caller_name("+19999999999"), "PRACTICE CALLER");
        assert!(caller_name("+18885550175").chars().count() <= 15);
    }
}
