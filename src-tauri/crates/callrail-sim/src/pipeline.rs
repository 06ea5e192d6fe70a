//! One request's trip: record, authenticate, route, rate-limit, inject faults, execute. Runs
//! synchronously under the locks; the async handler only reads the body and sleeps.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use axum::http::{header, HeaderMap, Uri};
use serde_json::Value;
use time::OffsetDateTime;

use crate::api::{self, Call, Endpoint, Reply};
use crate::config::SimConfig;
use crate::error::{ApiError, SimError};
use crate::faults::{FaultKind, FaultTable};
use crate::state::State;
use crate::wire::{Planned, Wire};

/// One request as the simulator received it. The `Authorization` value is never kept.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordedRequest {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The raw query string, if any.
    pub query: Option<String>,
    /// The body, when it was JSON.
    pub body: Option<Value>,
    /// The `Request-From` header.
    pub request_from: Option<String>,
    /// Whether the key was accepted (full or read-only).
    pub auth_ok: bool,
    /// The `Content-Type` header.
    pub content_type: Option<String>,
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    Full,
    ReadOnly,
}

const HOUR: Duration = Duration::from_secs(3600);
const DAY: Duration = Duration::from_secs(24 * 3600);

/// How long a `timeout` fault holds the answer: far longer than any client waits.
const HOLD: Duration = Duration::from_secs(300);

/// Requests per account in a rolling window.
#[derive(Debug)]
struct RateLimiter {
    window: Duration,
    hits: HashMap<String, VecDeque<Instant>>,
}

impl RateLimiter {
    fn new(window: Duration) -> Self {
        Self {
            window,
            hits: HashMap::new(),
        }
    }

    /// Whether `key` has used up `limit` in the window ending `now`.
    fn full(&mut self, key: &str, limit: u32, now: Instant) -> bool {
        let window = self.window;
        let q = self.hits.entry(key.to_string()).or_default();
        while q.front().is_some_and(|t| now.duration_since(*t) >= window) {
            q.pop_front();
        }
        q.len() >= usize::try_from(limit).unwrap_or(usize::MAX)
    }

    fn count(&mut self, key: &str, now: Instant) {
        self.hits.entry(key.to_string()).or_default().push_back(now);
    }

    #[cfg(test)]
    fn allow(&mut self, key: &str, limit: u32, now: Instant) -> bool {
        let ok = !self.full(key, limit, now);
        if ok {
            self.count(key, now);
        }
        ok
    }
}

/// Everything the server tasks share.
pub(crate) struct Shared {
    api_keys: Vec<String>,
    read_only_keys: Vec<String>,
    rate_limit: Option<u32>,
    rate_limit_per_day: Option<u32>,
    pub latency: Duration,
    omit_total_pages: bool,
    delete_returns_body: bool,
    clock_offset: time::Duration,
    pub state: Mutex<State>,
    pub faults: Mutex<FaultTable>,
    pub requests: Mutex<Vec<RecordedRequest>>,
    rate: Mutex<(RateLimiter, RateLimiter)>,
}

/// The key from `Authorization: Token token="KEY"` or `Token token=KEY`.
fn token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, rest) = value.split_once(char::is_whitespace)?;
    if !scheme.eq_ignore_ascii_case("token") {
        return None;
    }
    let rest = rest.trim_start().strip_prefix("token=")?;
    let raw = rest.split(',').next()?.trim();
    let key = raw
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(raw);
    (!key.is_empty()).then_some(key)
}

fn header_string(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

impl Shared {
    /// The simulated CallRail's clock.
    pub fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc() + self.clock_offset
    }

    pub fn new(config: &SimConfig) -> Result<Shared, SimError> {
        let state = crate::world::build(config)?;
        let api_keys = if config.api_keys.is_empty() && config.read_only_keys.is_empty() {
            vec![crate::DEMO_API_KEY.to_string()]
        } else {
            config.api_keys.clone()
        };
        Ok(Shared {
            api_keys,
            read_only_keys: config.read_only_keys.clone(),
            rate_limit: config.rate_limit_per_hour,
            rate_limit_per_day: config.rate_limit_per_day,
            latency: config.latency.unwrap_or_default(),
            omit_total_pages: config.omit_total_pages,
            delete_returns_body: config.delete_returns_body,
            clock_offset: time::Duration::seconds(config.quirks.clock_offset_seconds),
            state: Mutex::new(state),
            faults: Mutex::new(FaultTable::new(&config.faults)),
            requests: Mutex::new(Vec::new()),
            rate: Mutex::new((RateLimiter::new(HOUR), RateLimiter::new(DAY))),
        })
    }

    fn access(&self, key: Option<&str>) -> Option<Access> {
        let key = key?;
        if self.api_keys.iter().any(|k| k == key) {
            Some(Access::Full)
        } else if self.read_only_keys.iter().any(|k| k == key) {
            Some(Access::ReadOnly)
        } else {
            None
        }
    }

    pub fn process(&self, method: &str, uri: &Uri, headers: &HeaderMap, body: &[u8]) -> Planned {
        let key = token(headers);
        let access = self.access(key);
        let content_type = header_string(headers, header::CONTENT_TYPE.as_str());
        lock(&self.requests).push(RecordedRequest {
            method: method.to_string(),
            path: uri.path().to_string(),
            query: uri.query().map(str::to_string),
            body: serde_json::from_slice(body).ok(),
            request_from: header_string(headers, "request-from"),
            auth_ok: access.is_some(),
            content_type: content_type.clone(),
        });
        let (Some(access), Some(key)) = (access, key) else {
            return Planned::error(&ApiError::new(401, "HTTP Token: Access denied."));
        };
        let Some(endpoint) = Endpoint::parse(uri.path()) else {
            return Planned::error(&ApiError::not_found());
        };
        let Some(route) = endpoint.route(method) else {
            return Planned::now(Wire::MethodNotAllowed(endpoint.allowed()));
        };
        if access == Access::ReadOnly && method != "GET" {
            return Planned::error(&ApiError::new(
                403,
                "You do not have permission to perform the requested action",
            ));
        }
        if self.rate_limit.is_some() || self.rate_limit_per_day.is_some() {
            let bucket = match endpoint.account_id() {
                Some(acc) => format!("account:{acc}"),
                None => format!("key:{key}"),
            };
            let now = Instant::now();
            let mut rate = lock(&self.rate);
            let (hour, day) = &mut *rate;
            let over_day = self
                .rate_limit_per_day
                .is_some_and(|limit| day.full(&bucket, limit, now));
            let over_hour = self
                .rate_limit
                .is_some_and(|limit| hour.full(&bucket, limit, now));
            if over_day || over_hour {
                return Planned::error(&ApiError::new(429, "Too many requests"));
            }
            hour.count(&bucket, now);
            day.count(&bucket, now);
        }
        let fault = lock(&self.faults).take(route);
        let base = format!(
            "http://{}",
            header_string(headers, header::HOST.as_str()).unwrap_or_else(|| "127.0.0.1".into())
        );
        let call = Call {
            endpoint: &endpoint,
            route,
            query: uri.query(),
            content_type: content_type.as_deref(),
            body,
            omit_total_pages: self.omit_total_pages,
            delete_returns_body: self.delete_returns_body,
            now: self.now(),
            base: &base,
        };
        let exec = |dry_run: bool| -> Reply {
            let mut state = lock(&self.state);
            if dry_run {
                let mut copy = state.clone();
                api::execute(&mut copy, &call)
            } else {
                api::execute(&mut state, &call)
            }
        };
        let Some(fault) = fault else {
            return Planned::now(Wire::Normal(exec(false)));
        };
        // Without `commit`, a mutating request must leave no trace: answer from a throwaway copy.
        let dry = !fault.commit && route.is_mutating();
        match fault.kind {
            FaultKind::Latency(d) => Planned {
                wire: Wire::Normal(exec(false)),
                delay: d,
            },
            FaultKind::Status(code) => {
                if fault.commit {
                    exec(false);
                }
                Planned::now(Wire::Status {
                    code,
                    retry_after: fault.retry_after,
                })
            }
            FaultKind::Reset => {
                if fault.commit {
                    exec(false);
                }
                Planned::now(Wire::Reset)
            }
            FaultKind::Truncate => {
                Planned::now(Wire::Truncated(exec(dry).body.unwrap_or_default()))
            }
            FaultKind::Malformed => {
                Planned::now(Wire::Malformed(exec(dry).body.unwrap_or_default()))
            }
            FaultKind::Timeout => {
                if fault.commit {
                    exec(false);
                }
                Planned {
                    wire: Wire::Reset,
                    delay: HOLD,
                }
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn auth(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::AUTHORIZATION, HeaderValue::from_str(v).unwrap());
        h
    }

    #[test]
    fn token_forms() {
        assert_eq!(token(&auth("Token token=\"abc\"")), Some("abc"));
        assert_eq!(token(&auth("Token token=abc")), Some("abc"));
        assert_eq!(token(&auth("Token  token=abc, nonce=\"x\"")), Some("abc"));
        assert_eq!(token(&auth("Bearer abc")), None);
        assert_eq!(token(&auth("Token abc")), None);
        assert_eq!(token(&auth("Token token=\"\"")), None);
        assert_eq!(token(&HeaderMap::new()), None);
    }

    #[test]
    fn rolling_hour() {
        let mut r = RateLimiter::new(HOUR);
        let t0 = Instant::now();
        assert!(r.allow("a", 2, t0));
        assert!(r.allow("a", 2, t0));
        assert!(!r.allow("a", 2, t0));
        assert!(r.allow("b", 2, t0));
        assert!(r.allow("a", 2, t0 + HOUR));
    }
}
