//! The time zone a phone number's numbering plan fixes (e.g. +1 206 → America/Los_Angeles,
//! +44 → Europe/London), from a table generated from libphonenumber's time-zone map
//! (`generate.py`, `LICENCE.md`). `None` when the plan spans zones (+1 800, most of Russia, …).

#[allow(clippy::all)]
mod table;

/// The one IANA zone the number's prefix fixes, by the longest matching prefix. `e164` is
/// `+` and digits; anything else gives `None`.
pub fn zone_of_number(e164: &str) -> Option<&'static str> {
    let digits = e164.strip_prefix('+')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    for len in (1..=digits.len().min(12)).rev() {
        let prefix = &digits[..len];
        if let Ok(i) = table::PREFIXES.binary_search_by(|(p, _)| p.cmp(&prefix)) {
            let zone = table::PREFIXES[i].1;
            return (zone != table::NONE).then(|| table::ZONES[usize::from(zone)]);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_plans_fix_zones() {
        assert_eq!(zone_of_number("+12065550100"), Some("America/Los_Angeles"));
        assert_eq!(zone_of_number("+12125550100"), Some("America/New_York"));
        assert_eq!(zone_of_number("+442079460958"), Some("Europe/London"));
        assert_eq!(zone_of_number("+33142685300"), Some("Europe/Paris"));
        assert_eq!(zone_of_number("+61291234567"), Some("Australia/Sydney"));
    }

    #[test]
    fn plans_spanning_zones_and_junk_fix_none() {
        assert_eq!(
            zone_of_number("+18005550100"),
            None,
            "toll free spans the US"
        );
        assert_eq!(zone_of_number("12065550100"), None);
        assert_eq!(zone_of_number("+"), None);
        assert_eq!(zone_of_number("+1206x"), None);
    }

    #[test]
    fn the_table_is_sorted_and_every_zone_is_known_to_the_bundled_rules() {
        assert!(table::PREFIXES.windows(2).all(|w| w[0].0 < w[1].0));
        for zone in table::ZONES {
            assert!(
                jiff::tz::TimeZone::get(zone).is_ok(),
                "{zone} is not in the bundled tz database"
            );
        }
    }
}
