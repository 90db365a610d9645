//! The address of a SignalWire Space: what a person may type, normalised to one `https://` origin.
//! Plain `http://` is allowed only for loopback (the practice space); nothing else is dialled here.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

use url::{Host, Url};

use crate::{Error, Result};

/// A Space's origin, e.g. `https://example.signalwire.com` (no path, no trailing slash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpaceUrl {
    base: Url,
}

impl SpaceUrl {
    /// Accepts `example`, `example.signalwire.com`, `https://example.signalwire.com/` (all three
    /// meaning the same Space) or `http://127.0.0.1:PORT` for a local practice space.
    pub fn parse(input: &str) -> Result<Self> {
        let trimmed = input.trim();
        // The refusal quotes what was typed, so never with a password in it.
        let shown = strip_userinfo(trimmed);
        let invalid = |reason: &str| Error::InvalidSpaceUrl {
            input: shown.clone(),
            reason: reason.to_owned(),
        };
        if has_userinfo(trimmed) {
            return Err(invalid(
                "it holds a user name or password; enter the project ID and API token separately",
            ));
        }
        if trimmed.is_empty() {
            return Err(invalid(
                "it is empty; enter your Space name, e.g. example or example.signalwire.com",
            ));
        }

        let with_scheme = if trimmed.contains("://") {
            trimmed.to_owned()
        } else if is_space_name(trimmed) {
            format!("https://{}.signalwire.com", trimmed.to_ascii_lowercase())
        } else {
            format!("https://{trimmed}")
        };

        let url = Url::parse(&with_scheme).map_err(|e| {
            invalid(&format!(
                "{e}; enter your Space name, e.g. example or example.signalwire.com"
            ))
        })?;
        match url.scheme() {
            "https" => {}
            "http" if is_loopback(&url) => {}
            "http" => {
                return Err(invalid(
                    "plain http is only allowed for a practice space on this computer; use https://",
                ));
            }
            other => {
                return Err(invalid(&format!(
                    "the scheme {other}: is not supported; use https://"
                )));
            }
        }
        if url.host().is_none() {
            return Err(invalid("it has no host name"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(invalid(
                "it holds a user name or password; enter the project ID and API token separately",
            ));
        }
        if !matches!(url.path(), "" | "/") || url.query().is_some() || url.fragment().is_some() {
            return Err(invalid(
                "it has a path or query; enter only the Space address, e.g. https://example.signalwire.com",
            ));
        }
        let base =
            Url::parse(&url.origin().ascii_serialization()).map_err(|e| invalid(&e.to_string()))?;
        Ok(SpaceUrl { base })
    }

    /// The origin as text, without a trailing slash.
    pub fn as_str(&self) -> &str {
        self.base.as_str().trim_end_matches('/')
    }

    /// The host name (or IP) of the Space.
    pub fn host(&self) -> String {
        self.base.host_str().unwrap_or_default().to_owned()
    }

    /// True for `http://` loopback addresses (a practice space).
    pub fn is_loopback(&self) -> bool {
        is_loopback(&self.base)
    }

    /// An absolute URL on this Space from path segments (each one percent-encoded).
    pub(crate) fn endpoint(&self, segments: &[&str]) -> Url {
        let mut url = self.base.clone();
        url.path_segments_mut()
            .expect("an http(s) origin always has path segments")
            .clear()
            .extend(segments);
        url
    }

    /// Resolves a link SignalWire handed back (relative path or full URL) and checks it stays on
    /// this Space, so the credentials are never sent anywhere else.
    pub(crate) fn resolve_link(&self, link: &str) -> Option<Url> {
        let url = self.base.join(link).ok()?;
        (url.origin() == self.base.origin()).then_some(url)
    }
}

impl fmt::Display for SpaceUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SpaceUrl {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        SpaceUrl::parse(s)
    }
}

/// The authority part of a URL-like text (after `scheme://` when there is one, up to the path).
fn authority_span(text: &str, from: usize) -> (usize, usize) {
    let rest = &text[from..];
    let end = rest
        .find(|c: char| matches!(c, '/' | '?' | '#') || c.is_whitespace())
        .unwrap_or(rest.len());
    (from, from + end)
}

/// True when `text` (a URL, with or without scheme) carries `user@` or `user:password@`.
pub fn has_userinfo(text: &str) -> bool {
    strip_userinfo(text) != text
}

/// `text` with the `user:password@` of every URL in it removed, e.g. for a message, a log line
/// or a file. Text without URLs comes back unchanged.
pub fn strip_userinfo(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // A bare `user:pw@host` (no scheme) at the start counts as a URL too.
    let starts_bare = !text.contains("://");
    if starts_bare {
        let (_, end) = authority_span(text, 0);
        if let Some(at) = text[..end].rfind('@') {
            return format!("{}{}", &text[at + 1..end], &text[end..]);
        }
        return text.to_owned();
    }
    while let Some(pos) = rest.find("://") {
        let start = pos + 3;
        let (a, b) = authority_span(rest, start);
        out.push_str(&rest[..a]);
        match rest[a..b].rfind('@') {
            Some(at) => out.push_str(&rest[a + at + 1..b]),
            None => out.push_str(&rest[a..b]),
        }
        rest = &rest[b..];
    }
    out.push_str(rest);
    out
}

/// A bare Space name such as `example` or `my-company`.
fn is_space_name(text: &str) -> bool {
    !text.starts_with('-')
        && !text.ends_with('-')
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && text != "localhost"
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_spellings_of_a_space_normalise_to_one_origin() {
        for input in [
            "example",
            "example.signalwire.com",
            "https://example.signalwire.com/",
            "  https://EXAMPLE.signalwire.com  ",
            "Example",
        ] {
            let url = SpaceUrl::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(url.as_str(), "https://example.signalwire.com", "{input}");
            assert_eq!(url.host(), "example.signalwire.com");
        }
    }

    #[test]
    fn http_is_only_for_loopback() {
        for ok in [
            "http://127.0.0.1:8080",
            "http://localhost:3000/",
            "http://[::1]:9000",
        ] {
            let url = SpaceUrl::parse(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
            assert!(url.is_loopback());
            assert!(url.as_str().starts_with("http://"));
            assert!(!url.as_str().ends_with('/'));
        }
        let err = SpaceUrl::parse("http://example.signalwire.com").unwrap_err();
        assert_eq!(err.code(), "invalid_space_url");
        assert!(err.to_string().contains("use https://"), "{err}");
        let err = SpaceUrl::parse("http://192.168.1.10:8080").unwrap_err();
        assert!(err.to_string().contains("use https://"), "{err}");
    }

    #[test]
    fn paths_credentials_and_garbage_are_refused_clearly() {
        let cases = [
            ("", "empty"),
            ("https://example.signalwire.com/api/calling", "path"),
            ("example.signalwire.com/dashboard", "path"),
            ("https://example.signalwire.com/?x=1", "path or query"),
            (
                "https://user:pw@example.signalwire.com",
                "user name or password",
            ),
            ("ftp://example.signalwire.com", "not supported"),
            ("exa mple", "not a usable Space URL"),
            ("https://", "not a usable Space URL"),
        ];
        for (input, needle) in cases {
            let err = SpaceUrl::parse(input).unwrap_err();
            assert!(err.to_string().contains(needle), "{input}: {err}");
        }
    }

    #[test]
    fn a_password_in_the_space_url_is_refused_without_echoing_it() {
        for input in [
            "https://user:hunter2secret@example.signalwire.com",
            "user:hunter2secret@example.signalwire.com",
            "https://user:hunter2secret@example.signalwire.com/api",
            "http://u:hunter2secret@127.0.0.1:9000",
        ] {
            let err = SpaceUrl::parse(input).unwrap_err();
            let msg = err.to_string();
            assert!(!msg.contains("hunter2secret"), "{input}: {msg}");
            assert!(!msg.contains("user:"), "{input}: {msg}");
            assert!(msg.contains("user name or password"), "{input}: {msg}");
        }
    }

    #[test]
    fn userinfo_is_stripped_from_every_url_in_a_text() {
        assert_eq!(
            strip_userinfo("see https://a:b@x.example/p?q=1 and http://c@y.example#f"),
            "see https://x.example/p?q=1 and http://y.example#f"
        );
        assert_eq!(strip_userinfo("a:b@x.example/path"), "x.example/path");
        assert_eq!(
            strip_userinfo("no urls here, mail@me"),
            "no urls here, mail@me"
        );
        assert_eq!(
            strip_userinfo("https://x.example/a@b"),
            "https://x.example/a@b"
        );
        assert!(has_userinfo("https://u@x.example"));
        assert!(!has_userinfo("https://x.example"));
        assert_eq!(
            strip_userinfo("naïve ünïcode://é:ö@ü/"),
            "naïve ünïcode://ü/"
        );
    }

    #[test]
    fn links_resolve_only_on_the_same_space() {
        let space = SpaceUrl::parse("example").unwrap();
        let rel = space
            .resolve_link("/api/relay/rest/phone_numbers?page=2")
            .unwrap();
        assert_eq!(
            rel.as_str(),
            "https://example.signalwire.com/api/relay/rest/phone_numbers?page=2"
        );
        let abs = space
            .resolve_link("https://example.signalwire.com/api/relay/rest/phone_numbers?page=3")
            .unwrap();
        assert_eq!(abs.query(), Some("page=3"));
        assert!(
            space
                .resolve_link("https://evil.example.com/steal")
                .is_none()
        );
        assert!(
            space
                .resolve_link("http://example.signalwire.com/x")
                .is_none()
        );
    }

    #[test]
    fn endpoints_encode_path_segments() {
        let space = SpaceUrl::parse("example").unwrap();
        let url = space.endpoint(&["api", "voice", "logs", "a/b c"]);
        assert_eq!(
            url.as_str(),
            "https://example.signalwire.com/api/voice/logs/a%2Fb%20c"
        );
    }
}
