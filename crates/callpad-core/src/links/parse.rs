//! Reading a phone link — `tel:` (RFC 3966), `callto:` and `sip:`/`sips:` — into what the dial
//! pad is given: the number (read by `numbers::parse_dialable`, so a link and a typed number are
//! read the same way) and the text to pre-fill. Hostile input gets a `NumberError`, never a panic.

use serde::Serialize;
use ts_rs::TS;

use crate::numbers::{Dialable, NumberError, parse_dialable};

/// The longest link Callpad reads; a phone link is a few dozen characters.
pub const MAX_LINK_LEN: usize = 2048;

/// Which kind of link it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum LinkScheme {
    /// `tel:` (RFC 3966).
    Tel,
    /// `callto:` (Skype's and NetMeeting's form, still common on web pages).
    Callto,
    /// `sip:` or `sips:` (RFC 3261).
    Sip,
}

/// A link read: what it dials and what the dial pad shows for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedLink {
    pub scheme: LinkScheme,
    /// The number (with its country and extension) or SIP address.
    pub dialable: Dialable,
    /// The text for the dial pad, which reads back as `dialable`: `+1 206-555-0174 ext. 12`,
    /// `sip:alice@example.com`.
    pub prefill: String,
}

/// True when `text` starts with a scheme Callpad opens (`tel:`, `callto:`, `sip:`, `sips:`, any
/// case): how a launch argument is told apart from other arguments.
pub fn is_link(text: &str) -> bool {
    split_scheme(text.trim_start()).is_some_and(|(scheme, _)| scheme_of(scheme).is_some())
}

/// The first of `args` (the launch arguments after the program name) that is a phone link.
pub fn link_in_args<I, S>(args: I) -> Option<String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    args.into_iter()
        .map(|arg| arg.as_ref().trim().to_owned())
        .find(|arg| is_link(arg))
}

/// Reads a phone link. Numbers without a country code (`tel:555-0174`, which RFC 3966 would
/// have carry a `phone-context`) are read in `default_region`, as the dial pad reads them.
pub fn parse_link(text: &str, default_region: Option<&str>) -> Result<ParsedLink, NumberError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(NumberError::Empty);
    }
    if text.len() > MAX_LINK_LEN {
        return Err(invalid(&format!(
            "it is longer than {MAX_LINK_LEN} characters"
        )));
    }
    if text.chars().any(char::is_control) {
        return Err(invalid("it contains a control character"));
    }
    let Some((scheme_text, body)) = split_scheme(text) else {
        return Err(invalid(
            "it has no scheme; Callpad opens tel:, callto: and sip: links",
        ));
    };
    let Some(scheme) = scheme_of(scheme_text) else {
        return Err(invalid(&format!(
            "Callpad opens tel:, callto: and sip: links, not {}:",
            shorten(scheme_text)
        )));
    };
    let dialable = match scheme {
        LinkScheme::Tel => read_tel(body, default_region)?,
        LinkScheme::Callto => read_callto(body, default_region)?,
        LinkScheme::Sip => read_sip(scheme_text, body)?,
    };
    let prefill = prefill_for(&dialable);
    Ok(ParsedLink {
        scheme,
        dialable,
        prefill,
    })
}

fn invalid(reason: &str) -> NumberError {
    NumberError::InvalidLink {
        reason: reason.to_owned(),
    }
}

/// At most 20 characters of something quoted back, so a hostile link cannot fill the screen.
fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(20).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

/// `scheme` and what follows its colon; the scheme is letters, digits, `+-.` (RFC 3986).
fn split_scheme(text: &str) -> Option<(&str, &str)> {
    let (scheme, body) = text.split_once(':')?;
    let well_formed = scheme
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic())
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b));
    well_formed.then_some((scheme, body))
}

fn scheme_of(scheme: &str) -> Option<LinkScheme> {
    match scheme.to_ascii_lowercase().as_str() {
        "tel" => Some(LinkScheme::Tel),
        "callto" => Some(LinkScheme::Callto),
        "sip" | "sips" => Some(LinkScheme::Sip),
        _ => None,
    }
}

/// `tel:` number `*(;param)`: `;ext=`, `;phone-context=` (a `+` prefix; a domain is refused),
/// `;isub=` and any other parameter ignored, as RFC 3966 allows.
fn read_tel(body: &str, default_region: Option<&str>) -> Result<Dialable, NumberError> {
    // Split before decoding, so an escaped `%3B` stays part of its value.
    let mut parts = strip_slashes(body).split(';');
    let number = percent_decode(parts.next().unwrap_or_default())?;
    let number = number.trim();
    let mut extension = None;
    let mut context = None;
    for param in parts {
        let (name, value) = param.split_once('=').unwrap_or((param, ""));
        match name.trim().to_ascii_lowercase().as_str() {
            "ext" => extension = Some(read_extension(&percent_decode(value)?)?),
            "phone-context" => context = Some(percent_decode(value)?.trim().to_owned()),
            _ => {}
        }
    }
    check_number_text(number, "tel:")?;
    let global = match context {
        // RFC 3966: a global number carries its country code; a phone-context is for local ones.
        Some(_) if number.starts_with('+') => number.to_owned(),
        Some(context) => format!("{}{number}", global_prefix(&context)?),
        None => number.to_owned(),
    };
    read_number(&global, extension.as_deref(), default_region)
}

/// `callto:+442079460958`, `callto://+44 20 7946 0958/`, `callto:+44…?call`. A Skype name
/// (`callto://alice.smith`) is not a phone number and is refused.
fn read_callto(body: &str, default_region: Option<&str>) -> Result<Dialable, NumberError> {
    let body = strip_slashes(body);
    let body = body.split(['?', '#']).next().unwrap_or_default();
    let body = percent_decode(body.trim_end_matches('/'))?;
    let number = body.trim();
    if !number.is_empty() && !number.chars().any(|c| c.is_numeric()) {
        return Err(invalid(&format!(
            "callto:{} names a Skype contact, not a phone number",
            shorten(number)
        )));
    }
    check_number_text(number, "callto:")?;
    read_number(number, None, default_region)
}

/// `sip:user@host`, checked as a typed SIP address is. Escapes in the user part are SIP's own
/// and stay, unless the whole address was escaped (`sip:alice%40example.com`).
fn read_sip(scheme: &str, body: &str) -> Result<Dialable, NumberError> {
    let decoded;
    let body = if body.contains('@') {
        body
    } else {
        decoded = percent_decode(body)?;
        decoded.as_str()
    };
    let uri = format!("{}:{body}", scheme.to_ascii_lowercase());
    match parse_dialable(&uri, None)? {
        sip @ Dialable::Sip(_) => Ok(sip),
        // `uri` starts with sip:/sips:, which parse_dialable always reads as SIP.
        Dialable::Phone(_) => Err(invalid("it is not a SIP address")),
    }
}

/// `tel://` and `callto://` are common on web pages though RFC 3966 has no `//`.
fn strip_slashes(body: &str) -> &str {
    body.strip_prefix("//").unwrap_or(body)
}

/// The number part of a `tel:`/`callto:` link holds digits, letters (1-800-FLOWERS), `+`, `*`,
/// `#` and the visual separators; anything else is refused here rather than read as SIP or text.
fn check_number_text(number: &str, scheme: &str) -> Result<(), NumberError> {
    if number.is_empty() {
        return Err(invalid(&format!("there is no number after {scheme}")));
    }
    match number
        .chars()
        .find(|c| !(c.is_alphanumeric() || c.is_whitespace() || "+-.()*#".contains(*c)))
    {
        Some(c) => Err(invalid(&format!(
            "the number holds {c:?}, which no phone number has"
        ))),
        None => Ok(()),
    }
}

/// `;ext=12` (visual separators allowed): its digits.
fn read_extension(value: &str) -> Result<String, NumberError> {
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    let only_separators = value
        .chars()
        .all(|c| c.is_ascii_digit() || "-.() ".contains(c));
    if digits.is_empty() || !only_separators {
        return Err(invalid("its ;ext= is not a run of digits"));
    }
    Ok(digits)
}

/// A `phone-context` of `+1206` (a country code and maybe an area code) as digits after `+`.
/// A domain (`phone-context=example.com`) means a number private to that network.
fn global_prefix(context: &str) -> Result<String, NumberError> {
    if let Some(digits) = context.strip_prefix('+') {
        let ok = !digits.is_empty()
            && digits
                .chars()
                .all(|c| c.is_ascii_digit() || "-.()".contains(c))
            && digits.chars().any(|c| c.is_ascii_digit());
        return if ok {
            Ok(format!("+{digits}"))
        } else {
            Err(NumberError::InvalidTelUri)
        };
    }
    let is_domain = context.split('.').all(|label| {
        !label.is_empty()
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    }) && context
        .rsplit('.')
        .next()
        .is_some_and(|top| top.bytes().next().is_some_and(|b| b.is_ascii_alphabetic()));
    if is_domain {
        Err(invalid(&format!(
            "the number is local to the network {} and has no country code",
            shorten(context)
        )))
    } else {
        Err(NumberError::InvalidTelUri)
    }
}

/// The number (and extension) read as the dial pad reads typed text.
fn read_number(
    number: &str,
    extension: Option<&str>,
    default_region: Option<&str>,
) -> Result<Dialable, NumberError> {
    let text = match extension {
        Some(ext) => format!("{number} ext. {ext}"),
        None => number.to_owned(),
    };
    match parse_dialable(&text, default_region)? {
        Dialable::Phone(mut phone) => {
            // The link's own extension wins over one libphonenumber found in the digits.
            if let Some(ext) = extension {
                phone.extension = Some(ext.to_owned());
            }
            Ok(Dialable::Phone(phone))
        }
        // check_number_text let no `@` or `:` through, so this is never SIP.
        Dialable::Sip(_) => Err(invalid("it is not a phone number")),
    }
}

/// What the dial pad gets: the number for reading (and `ext.`), or the SIP address.
fn prefill_for(dialable: &Dialable) -> String {
    match dialable {
        Dialable::Phone(phone) => match &phone.extension {
            Some(ext) => format!("{} ext. {ext}", phone.international),
            None => phone.international.clone(),
        },
        Dialable::Sip(sip) => sip.uri.clone(),
    }
}

/// `%HH` escapes decoded; the result must be UTF-8 text without control characters.
fn percent_decode(text: &str) -> Result<String, NumberError> {
    if !text.contains('%') {
        return Ok(text.to_owned());
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .filter(|_| bytes[i + 1].is_ascii_hexdigit() && bytes[i + 2].is_ascii_hexdigit());
            let Some(byte) = hex else {
                return Err(invalid("a % in it is not followed by two hex digits"));
            };
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let decoded =
        String::from_utf8(out).map_err(|_| invalid("its %-escapes do not spell UTF-8 text"))?;
    if decoded.chars().any(char::is_control) {
        return Err(invalid("it contains an escaped control character"));
    }
    Ok(decoded)
}
