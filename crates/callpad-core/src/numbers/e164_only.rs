//! The lean reading of a number for `callpad normalize` and other bulk work: only what is dialled
//! (E.164 and extension, or the SIP URI), without the display formats `parse_dialable` builds.
//!
//! It follows `parse_dialable`'s rules step for step and calls the same pieces: the region and
//! SIP readers, libphonenumber, and `phone.rs`'s own reasons for a refusal; empty and SIP input
//! go to `parse_dialable` itself. A test and the `numbers` fuzz target check that the answer
//! (accepted address or error) is always the one `parse_dialable` gives.

use std::fmt;

use rlibphonenumber::{PHONE_NUMBER_UTIL, PhoneNumberFormat, Region};

use super::{Dialable, NumberError, parse_dialable, phone, region, sip};

/// What is dialled for one input: the E.164 number or the `sip:` URI, and the extension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialAddress {
    /// E.164 (`+16502530000`) or the SIP URI, exactly as [`Dialable::address`] gives it.
    pub address: String,
    /// Digits to send once the call connects (ASCII digits), as [`Dialable::extension`].
    pub extension: Option<String>,
}

impl From<Dialable> for DialAddress {
    fn from(dialable: Dialable) -> Self {
        match dialable {
            Dialable::Phone(phone) => DialAddress {
                address: phone.e164,
                extension: phone.extension,
            },
            Dialable::Sip(sip) => DialAddress {
                address: sip.uri,
                extension: None,
            },
        }
    }
}

/// `+16502530000`, or `+16502530000;ext=123` (RFC 3966) with an extension, or the SIP URI.
impl fmt::Display for DialAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.extension {
            Some(ext) => write!(f, "{};ext={ext}", self.address),
            None => f.write_str(&self.address),
        }
    }
}

/// Reads many inputs in one default region, read once: [`AddressReader::read`] answers what
/// `parse_dialable(input, default_region)` would, as a [`DialAddress`].
#[derive(Debug, Clone)]
pub struct AddressReader {
    region: Option<Region>,
    /// The region as given, handed to `parse_dialable` when a line is refused.
    region_code: Option<String>,
}

impl AddressReader {
    /// `default_region` as for [`parse_dialable`] (`US`, `gb`; `None` or empty for none).
    /// An unknown region is refused here, once, with the error `parse_dialable` gives.
    pub fn new(default_region: Option<&str>) -> Result<Self, NumberError> {
        let region = match default_region {
            Some(code) => region::parse_region(code)?,
            None => None,
        };
        Ok(AddressReader {
            region,
            region_code: default_region.map(str::to_owned),
        })
    }

    /// What `parse_dialable(input, default_region)` answers, without the display formats.
    pub fn read(&self, input: &str) -> Result<DialAddress, NumberError> {
        let trimmed = input.trim();
        if trimmed.is_empty() || trimmed.contains('@') || sip::is_sip(trimmed) {
            // Empty, SIP or a SIP address without its scheme: nothing to format, so the full
            // reading is already the lean one.
            return self.full(input);
        }
        match PHONE_NUMBER_UTIL.parse(input, self.region) {
            Ok(number) => {
                // As `phone.rs`, without the display formats.
                let (number, _, extension) = phone::checked(number, input, self.region)?;
                Ok(DialAddress {
                    address: PHONE_NUMBER_UTIL
                        .format(&number, PhoneNumberFormat::E164)
                        .into_owned(),
                    extension,
                })
            }
            Err(err) => Err(phone::parse_error(err, input, self.region)),
        }
    }

    /// `parse_dialable`'s own answer: the reason for a refusal comes from one place.
    fn full(&self, input: &str) -> Result<DialAddress, NumberError> {
        parse_dialable(input, self.region_code.as_deref()).map(DialAddress::from)
    }
}

/// [`AddressReader::read`] for one input: `parse_dialable`'s answer without the display formats.
pub fn dial_address(input: &str, default_region: Option<&str>) -> Result<DialAddress, NumberError> {
    AddressReader::new(default_region)?.read(input)
}

#[cfg(test)]
mod tests {
    use rlibphonenumber::PhoneNumberType;

    use super::super::supported_regions;
    use super::*;

    /// xorshift64*: a fixed seed, so every run checks the same inputs.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n as u64) as usize
        }
    }

    /// Many forms of libphonenumber's example numbers for every region, mangled in ways that
    /// should be accepted and ways that should not, plus SIP, tel: and junk.
    fn varied_inputs() -> Vec<(Option<String>, String)> {
        use PhoneNumberFormat::{E164, International, National, RFC3966};
        let types = [
            PhoneNumberType::FixedLine,
            PhoneNumberType::Mobile,
            PhoneNumberType::TollFree,
            PhoneNumberType::VoIP,
        ];
        let regions = supported_regions();
        let mut rng = Rng(0x005E_ED0F_E164);
        let mut inputs = Vec::new();
        let fixed = [
            "",
            "   ",
            "sip:alice@example.com",
            "SIPS:Bob@Example.COM:5061;transport=tls",
            "sip:@example.com",
            "alice@example.com",
            "tel:+1-650-253-0000;ext=12",
            "tel:253-0000;phone-context=+1-650",
            "tel:253-0000;phone-context=example.com",
            "1-800-FLOWERS",
            "+1 650 253 00O0",
            "call me maybe",
            "+999 123 456",
            "12",
            "++--()",
            "+44 20 7946 0958 ext. ",
            "０２０ ７９４６ ０９５８",
            "+1 650 253 0000 x",
            "+1 650 253 0000 #123",
            "\u{FEFF}+33142764978",
        ];
        for text in fixed {
            for region in [None, Some("US"), Some("GB"), Some(""), Some(" de ")] {
                inputs.push((region.map(str::to_owned), text.to_owned()));
            }
        }
        for code in &regions {
            let region = Region::from_code(code).unwrap();
            for number_type in types {
                let Ok(number) =
                    PHONE_NUMBER_UTIL.get_example_number_for_type_and_region(region, number_type)
                else {
                    continue;
                };
                let format = |f| PHONE_NUMBER_UTIL.format(&number, f).into_owned();
                let other = regions[rng.below(regions.len())].clone();
                let ext = 1 + rng.below(99_999);
                let mut short = format(National);
                short.pop();
                let forms = [
                    (Some(code.clone()), format(National)),
                    (None, format(National)),
                    (Some(other.clone()), format(National)),
                    (None, format(International)),
                    (Some(other), format(International)),
                    (None, format(E164)),
                    (
                        Some(code.to_lowercase()),
                        format(National).replace(' ', "-"),
                    ),
                    (None, format!("{} ext. {ext}", format(International))),
                    (Some(code.clone()), format!("{} x{ext}", format(National))),
                    (None, format!("{};ext={ext}", format(RFC3966))),
                    (Some(code.clone()), short),
                    (None, format!("{}42", format(International))),
                    (Some(code.clone()), format!("  {}\t", format(National))),
                ];
                inputs.extend(forms);
            }
        }
        inputs
    }

    #[test]
    fn the_lean_reading_always_answers_as_parse_dialable() {
        let inputs = varied_inputs();
        assert!(inputs.len() > 5_000, "{}", inputs.len());
        let (mut accepted, mut refused) = (0, 0);
        for (region, text) in &inputs {
            let full = parse_dialable(text, region.as_deref()).map(DialAddress::from);
            let lean = dial_address(text, region.as_deref());
            assert_eq!(lean, full, "{text:?} in {region:?}");
            let reader = AddressReader::new(region.as_deref()).unwrap();
            assert_eq!(reader.read(text), full, "{text:?} in {region:?}");
            match full {
                Ok(_) => accepted += 1,
                Err(_) => refused += 1,
            }
        }
        // Both kinds of answer are compared, in numbers.
        assert!(
            accepted > 2_000 && refused > 1_000,
            "{accepted} / {refused}"
        );
    }

    #[test]
    fn an_unknown_region_is_refused_as_parse_dialable_refuses_it() {
        let err = AddressReader::new(Some("ZZ")).unwrap_err();
        assert_eq!(Err(err), parse_dialable("+442079460958", Some("ZZ")));
    }

    #[test]
    fn writes_the_extension_as_rfc_3966() {
        let reader = AddressReader::new(Some("US")).unwrap();
        let answer = reader.read("650 253 0000 x12").unwrap();
        assert_eq!(answer.to_string(), "+16502530000;ext=12");
        let answer = reader.read("sip:Alice@EXAMPLE.com").unwrap();
        assert_eq!(answer.to_string(), "sip:Alice@example.com");
    }
}
