//! The rules a base URL must follow, checked on the parsed URL by
//! [`ClientBuilder::build`](crate::ClientBuilder::build) before any request is sent.

use std::net::IpAddr;

use url::{Host, Url};

use crate::Error;

/// A rule a base URL broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UrlRule {
    /// The text is not an absolute URL with a host.
    Malformed,
    /// The scheme is neither `https` nor `http`.
    Scheme,
    /// Plain `http` to a host that is not literally a loopback IP (127.0.0.0/8, ::1) or
    /// `localhost`: the password would cross the network in clear.
    PlainHttpNotLoopback,
    /// The URL has a user name or password (`user:pw@host`): such URLs hide their real host
    /// from a reader (`http://localhost:1@0.0.0.0/` goes to 0.0.0.0).
    Userinfo,
    /// The URL has a query (`?...`): the API takes parameters in the POST body only.
    Query,
    /// The URL has a fragment (`#...`).
    Fragment,
}

impl UrlRule {
    /// What the rule requires, in words.
    pub fn describe(self) -> &'static str {
        match self {
            UrlRule::Malformed => "the base URL must be an absolute URL with a host",
            UrlRule::Scheme => "the base URL must use https (or http for loopback)",
            UrlRule::PlainHttpNotLoopback => {
                "plain http is only allowed for a loopback IP or `localhost`; use https"
            }
            UrlRule::Userinfo => "the base URL must not contain a user name or password (`...@`)",
            UrlRule::Query => "the base URL must not contain a query (`?...`)",
            UrlRule::Fragment => "the base URL must not contain a fragment (`#...`)",
        }
    }
}

impl std::fmt::Display for UrlRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.describe())
    }
}

/// Whether `url` may carry credentials: https anywhere, http only to loopback. Returns the
/// parsed URL.
pub(crate) fn check(raw: &str) -> Result<Url, Error> {
    let refuse = |rule| Error::BaseUrl {
        url: redact(raw),
        rule,
    };
    let url = Url::parse(raw).map_err(|_| refuse(UrlRule::Malformed))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(refuse(UrlRule::Userinfo));
    }
    if !matches!(url.scheme(), "https" | "http") {
        return Err(refuse(UrlRule::Scheme));
    }
    let host = url.host().ok_or_else(|| refuse(UrlRule::Malformed))?;
    if url.scheme() == "http" && !is_loopback(&host) {
        return Err(refuse(UrlRule::PlainHttpNotLoopback));
    }
    if url.query().is_some() {
        return Err(refuse(UrlRule::Query));
    }
    if url.fragment().is_some() {
        return Err(refuse(UrlRule::Fragment));
    }
    Ok(url)
}

fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(name) => *name == "localhost",
        Host::Ipv4(ip) => IpAddr::V4(*ip).is_loopback(),
        Host::Ipv6(ip) => IpAddr::V6(*ip).is_loopback(),
    }
}

/// The URL text with any userinfo replaced by `***`, for error messages: a refused URL may
/// hold a secret before its `@`.
pub(crate) fn redact(raw: &str) -> String {
    let (scheme, rest) = match raw.find("://") {
        Some(i) => raw.split_at(i + 3),
        None => ("", raw),
    };
    let end = rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    match authority.rfind('@') {
        Some(at) => format!("{scheme}***{}{tail}", &authority[at..]),
        None => raw.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_userinfo() {
        assert_eq!(redact("http://u:pw@h:1/p?q"), "http://***@h:1/p?q");
        assert_eq!(redact("https://h/p@x"), "https://h/p@x");
        assert_eq!(redact("u:pw@h"), "***@h");
    }
}
