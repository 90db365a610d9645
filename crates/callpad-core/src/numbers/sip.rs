//! SIP addresses typed into the number field: `sip:user@host[:port][;param…]` and `sips:`.
//! Checks the shape RFC 3261 gives them; whether the host answers is SignalWire's business.

use std::net::{Ipv4Addr, Ipv6Addr};

use super::{NumberError, SipAddress};

/// True when the input is meant as a SIP address (it starts with `sip:` or `sips:`, any case).
pub(super) fn is_sip(input: &str) -> bool {
    scheme(input).is_some()
}

/// Validates a SIP address and returns it with its scheme and host in lower case.
pub(super) fn parse_sip(input: &str) -> Result<SipAddress, NumberError> {
    let (scheme, rest) = scheme(input).ok_or_else(|| invalid("it does not start with sip:"))?;
    if let Some(c) = rest.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(invalid(if c.is_whitespace() {
            "it contains a space"
        } else {
            "it contains a control character"
        }));
    }
    if rest.contains('?') {
        return Err(invalid("headers (after ?) are not supported"));
    }
    let (user, host_part) = rest
        .rsplit_once('@')
        .ok_or_else(|| invalid("the user part and @ are missing"))?;
    check_user(user)?;
    let (host_port, params) = host_part.split_once(';').unwrap_or((host_part, ""));
    let (host, port) = split_port(host_port)?;
    check_host(host)?;
    if let Some(port) = port {
        check_port(port)?;
    }
    if !params.is_empty() {
        check_params(params)?;
    }
    let mut uri = String::with_capacity(input.len());
    uri.push_str(scheme);
    uri.push(':');
    uri.push_str(user);
    uri.push('@');
    uri.push_str(&host.to_ascii_lowercase());
    if let Some(port) = port {
        uri.push(':');
        uri.push_str(port);
    }
    if !params.is_empty() {
        uri.push(';');
        uri.push_str(params);
    }
    Ok(SipAddress { uri })
}

fn invalid(reason: &str) -> NumberError {
    NumberError::InvalidSipAddress {
        reason: reason.to_owned(),
    }
}

/// The lower-case scheme and what follows its colon.
fn scheme(input: &str) -> Option<(&'static str, &str)> {
    // Compared byte-wise: `get` on a `str` would cut inside a multi-byte character (`1\u{200B}…`).
    let bytes = input.as_bytes();
    for scheme in ["sip", "sips"] {
        let n = scheme.len();
        if bytes.len() > n && bytes[..n].eq_ignore_ascii_case(scheme.as_bytes()) && bytes[n] == b':'
        {
            // Bytes 0..=n are ASCII, so n + 1 is a character boundary.
            return Some((scheme, &input[n + 1..]));
        }
    }
    None
}

/// RFC 3261 `user`: unreserved characters, `&=+$,;?/`, and `%HH` escapes. A password
/// (`user:secret@`) is refused: it would be sent in the clear and RFC 3261 advises against it.
fn check_user(user: &str) -> Result<(), NumberError> {
    if user.is_empty() {
        return Err(invalid("the user part before @ is empty"));
    }
    if user.contains(':') {
        return Err(invalid("a password (user:password@) is not allowed"));
    }
    let bytes = user.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let escaped = bytes.get(i + 1..i + 3);
                if !escaped.is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)) {
                    return Err(invalid(
                        "a % in the user part is not followed by two hex digits",
                    ));
                }
                i += 3;
                continue;
            }
            b if b.is_ascii_alphanumeric() || b"-_.!~*'()&=+$,;/".contains(&b) => {}
            _ => return Err(invalid("the user part has a character SIP does not allow")),
        }
        i += 1;
    }
    Ok(())
}

/// Splits `host[:port]`, where an IPv6 host is in brackets (`[2001:db8::1]:5061`).
fn split_port(host_port: &str) -> Result<(&str, Option<&str>), NumberError> {
    if host_port.starts_with('[') {
        let end = host_port
            .find(']')
            .ok_or_else(|| invalid("the IPv6 address has no closing ]"))?;
        let (host, after) = host_port.split_at(end + 1);
        return match after {
            "" => Ok((host, None)),
            _ => match after.strip_prefix(':') {
                Some(port) => Ok((host, Some(port))),
                None => Err(invalid("unexpected characters after the IPv6 address")),
            },
        };
    }
    Ok(match host_port.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (host_port, None),
    })
}

/// A host name (RFC 1123 labels, the last not all digits), an IPv4 address or a bracketed IPv6 one.
fn check_host(host: &str) -> Result<(), NumberError> {
    if host.is_empty() {
        return Err(invalid("the host after @ is empty"));
    }
    if let Some(inner) = host.strip_prefix('[') {
        let inner = inner.strip_suffix(']').unwrap_or(inner);
        return match inner.parse::<Ipv6Addr>() {
            Ok(_) => Ok(()),
            Err(_) => Err(invalid("the IPv6 address in [ ] is not valid")),
        };
    }
    let name = host.strip_suffix('.').unwrap_or(host);
    let labels: Vec<&str> = name.split('.').collect();
    let last = labels.last().copied().unwrap_or_default();
    if !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()) {
        return match host.parse::<Ipv4Addr>() {
            Ok(_) => Ok(()),
            Err(_) => Err(invalid(
                "the host is neither a host name nor an IPv4 address",
            )),
        };
    }
    if name.len() > 253 {
        return Err(invalid("the host name is longer than 253 characters"));
    }
    for label in labels {
        let bytes = label.as_bytes();
        let well_formed = !bytes.is_empty()
            && bytes.len() <= 63
            && bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
            && bytes[0] != b'-'
            && bytes[bytes.len() - 1] != b'-';
        if !well_formed {
            return Err(invalid("the host is not a valid host name"));
        }
    }
    Ok(())
}

fn check_port(port: &str) -> Result<(), NumberError> {
    match port.parse::<u16>() {
        Ok(p) if p > 0 && port.bytes().all(|b| b.is_ascii_digit()) => Ok(()),
        _ => Err(invalid("the port after : must be a number from 1 to 65535")),
    }
}

/// `;name` or `;name=value` URI parameters (`;transport=tls`), each made of token characters.
fn check_params(params: &str) -> Result<(), NumberError> {
    let token = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.!~*'()%[]/:&+$".contains(&b))
    };
    for param in params.split(';') {
        let ok = match param.split_once('=') {
            Some((name, value)) => token(name) && token(value),
            None => token(param),
        };
        if !ok {
            return Err(invalid("a ;parameter is malformed"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(input: &str) -> String {
        parse_sip(input)
            .unwrap_or_else(|e| panic!("{input}: {e}"))
            .uri
    }

    fn reason(input: &str) -> String {
        match parse_sip(input) {
            Err(NumberError::InvalidSipAddress { reason }) => reason,
            other => panic!("{input}: {other:?}"),
        }
    }

    #[test]
    fn accepts_the_shapes_sip_addresses_take() {
        assert_eq!(uri("SIP:alice@Example.COM"), "sip:alice@example.com");
        for kept in [
            "sip:alice@example.com",
            "sips:bob@sip.example.org",
            "sip:+15551234567@pbx.example.com:5060",
            "sip:1001@192.0.2.10",
            "sip:alice@[2001:db8::1]:5061",
            "sip:alice@example.com;transport=tls",
            "sip:al%20ice@example.com",
            "sip:alice@example.com.",
            "sip:alice@localhost",
        ] {
            assert_eq!(uri(kept), kept);
        }
    }

    #[test]
    fn refuses_malformed_addresses_saying_why() {
        for (input, why) in [
            ("sip:alice example.com", "it contains a space"),
            ("sip:alice@exa mple.com", "it contains a space"),
            ("sip:@example.com", "the user part before @ is empty"),
            ("sip:alice", "the user part and @ are missing"),
            ("sip:alice@", "the host after @ is empty"),
            ("sip:alice@:5060", "the host after @ is empty"),
            (
                "sip:alice:secret@example.com",
                "a password (user:password@) is not allowed",
            ),
            (
                "sip:al<ice@example.com",
                "the user part has a character SIP does not allow",
            ),
            (
                "sip:al%2@example.com",
                "a % in the user part is not followed by two hex digits",
            ),
            (
                "sip:alice@999.1.1.1",
                "the host is neither a host name nor an IPv4 address",
            ),
            (
                "sip:alice@1.2.3",
                "the host is neither a host name nor an IPv4 address",
            ),
            (
                "sip:alice@[2001:db8::zz]",
                "the IPv6 address in [ ] is not valid",
            ),
            (
                "sip:alice@[2001:db8::1",
                "the IPv6 address has no closing ]",
            ),
            ("sip:alice@example.com;=tls", "a ;parameter is malformed"),
            (
                "sip:alice@example.com?subject=hi",
                "headers (after ?) are not supported",
            ),
        ] {
            assert_eq!(reason(input), why, "{input}");
        }
        // Each bad host (one with a label over 63 characters) and each bad port.
        let long_label = format!("{}.com", "a".repeat(64));
        let hosts = [
            "-bad.com",
            "bad-.com",
            "a..com",
            "exa_mple.com",
            "ex!.com",
            &long_label,
        ];
        let ports = ["0", "65536", "50a", "", "+80"];
        for (before, parts, why) in [
            (
                "sip:alice@",
                &hosts[..],
                "the host is not a valid host name",
            ),
            (
                "sip:alice@example.com:",
                &ports[..],
                "the port after : must be a number from 1 to 65535",
            ),
        ] {
            for part in parts {
                assert_eq!(reason(&format!("{before}{part}")), why, "{part}");
            }
        }
    }

    #[test]
    fn only_sip_and_sips_schemes_are_sip() {
        for yes in ["sip:a@b.c", "SIPS:a@b.c"] {
            assert!(is_sip(yes), "{yes}");
        }
        for no in ["sipx:a@b.c", "tel:+15551234567", "si", "+1 555 123 4567"] {
            assert!(!is_sip(no), "{no}");
        }
    }

    #[test]
    fn multi_byte_characters_where_the_scheme_would_be_are_not_sip_and_do_not_panic() {
        for input in [
            "😀",
            "1\u{200B}23",
            "+1\u{200B}650",
            "abé",
            "si€:",
            "sip€",
            "sïp:a@b.c",
        ] {
            assert!(!is_sip(input), "{input}");
        }
        assert!(is_sip("sip:ü@b.c"));
    }
}
