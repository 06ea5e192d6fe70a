//! How a `Client` is made: the API's address (checked), timeouts, retries, rate limits, how many
//! pages a listing reads at once, and how a write whose answer was lost is checked.

use crate::check::CheckPolicy;
use crate::client::Client;
use crate::transport::Transport;
use crate::{ApiKey, Error, Meter, RateLimiter, RateLimits, Result, RetryPolicy};
use std::sync::Arc;
use std::time::Duration;

pub const DEFAULT_BASE_URL: &str = "https://api.callrail.com";
/// Sent as `Request-From`, as CallRail asks of integrations.
pub const REQUEST_FROM: &str = "trackerdesk";

pub struct ClientBuilder {
    key: ApiKey,
    base_url: String,
    timeout: Duration,
    retry: RetryPolicy,
    limits: Option<RateLimits>,
    meter: Option<Arc<dyn Meter>>,
    list_concurrency: usize,
    check: CheckPolicy,
}

impl Client {
    pub fn builder(key: ApiKey) -> ClientBuilder {
        ClientBuilder::new(key)
    }
}

impl ClientBuilder {
    pub(crate) fn new(key: ApiKey) -> Self {
        ClientBuilder {
            key,
            base_url: DEFAULT_BASE_URL.to_owned(),
            timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            limits: Some(RateLimits::default()),
            meter: None,
            list_concurrency: 8,
            check: CheckPolicy::default(),
        }
    }

    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }
    /// How long one request may take, from connecting to the last byte.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }
    /// `None` turns the client's own limiter off (the simulator in benchmarks).
    pub fn rate_limits(mut self, limits: Option<RateLimits>) -> Self {
        self.limits = limits;
        self
    }
    /// Counts (and holds back) requests with `meter` instead of the client's own in-memory limiter.
    pub fn meter(mut self, meter: Arc<dyn Meter>) -> Self {
        self.meter = Some(meter);
        self
    }
    /// How many pages a full listing reads at once.
    pub fn list_concurrency(mut self, n: usize) -> Self {
        self.list_concurrency = n.max(1);
        self
    }
    /// How long, and how often, a write whose answer was lost is looked for in CallRail.
    pub fn check_policy(mut self, check: CheckPolicy) -> Self {
        self.check = check;
        self
    }

    pub fn build(self) -> Result<Client> {
        let base = parse_base_url(&self.base_url)?;
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(self.timeout)
            .connect_timeout(self.timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("TrackerDesk/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::Network {
                message: format!("could not start the HTTP client: {e}"),
            })?;
        let clock = crate::Clock::for_base(&base);
        Ok(Client {
            inner: Arc::new(Transport {
                http,
                base,
                key: self.key,
                retry: self.retry,
                meter: self.meter.or_else(|| {
                    self.limits
                        .map(|l| Arc::new(RateLimiter::new(l)) as Arc<dyn Meter>)
                }),
                request_from: REQUEST_FROM.to_owned(),
                clock,
            }),
            list_concurrency: self.list_concurrency,
            check: self.check,
        })
    }
}

/// CallRail's address: https, or plain http to this computer only (the simulator); no user name,
/// password, query or fragment. The address is never repeated in the error, since it may hold
/// credentials.
fn parse_base_url(raw: &str) -> Result<String> {
    let bad = |why: &str| Error::from(crate::RuleViolation::new("api_base", why));
    let url =
        url::Url::parse(raw.trim()).map_err(|_| bad("the API address is not a web address"))?;
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => return Err(bad("the API address has no host")),
    };
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => {
            return Err(bad(
                "the API address must use https: the API key would travel unencrypted",
            ))
        }
        _ => return Err(bad("the API address must be an https address")),
    }
    if url.query().is_some()
        || url.fragment().is_some()
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return Err(bad(
            "the API address must not carry a user name, password, query or fragment",
        ));
    }
    let s = url.as_str().trim_end_matches('/');
    Ok(s.strip_suffix("/v3").unwrap_or(s).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_checked_and_normalised() {
        assert_eq!(
            parse_base_url("https://api.callrail.com/").unwrap(),
            "https://api.callrail.com"
        );
        assert_eq!(
            parse_base_url("http://127.0.0.1:8765/v3").unwrap(),
            "http://127.0.0.1:8765"
        );
        assert!(parse_base_url("http://localhost:8765").is_ok());
        assert!(parse_base_url("http://[::1]:8765").is_ok());
        assert!(parse_base_url("ftp://x").is_err());
        assert!(parse_base_url("not a url").is_err());
        let e = parse_base_url("http://api.callrail.com")
            .unwrap_err()
            .to_string();
        assert!(e.contains("https"), "{e}");
    }

    #[test]
    fn credentials_in_the_address_are_refused_without_repeating_them() {
        for raw in [
            "https://user:hunter2@api.callrail.com",
            "https://api.callrail.com/?token=hunter2",
            "https://api.callrail.com/#hunter2",
        ] {
            let e = parse_base_url(raw).unwrap_err().to_string();
            assert!(e.contains("must not carry"), "{e}");
            assert!(!e.contains("hunter2") && !e.contains("user:"), "{e}");
        }
    }
}
