//! Fault injection: what can go wrong on the wire, armed per route.
//!
//! Syntax of a spec: `ROUTE:KIND[:FLAG...]`, e.g. `post-trackers:500:commit`, `get-trackers:reset:2`,
//! `any:429:always:retry-after=30`, `get-tracker:latency=250`.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// Which requests a fault applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FaultRoute {
    /// Every (authenticated, routable) request.
    Any,
    /// `GET /v3/a.json`
    GetAccounts,
    /// `GET /v3/a/{account_id}.json`
    GetAccount,
    /// `GET /v3/a/{account_id}/companies.json`
    GetCompanies,
    /// `GET /v3/a/{account_id}/companies/{id}.json`
    GetCompany,
    /// `GET /v3/a/{account_id}/trackers.json`
    GetTrackers,
    /// `GET /v3/a/{account_id}/trackers/{id}.json`
    GetTracker,
    /// `POST /v3/a/{account_id}/trackers.json`
    PostTrackers,
    /// `PUT /v3/a/{account_id}/trackers/{id}.json`
    PutTracker,
    /// `DELETE /v3/a/{account_id}/trackers/{id}.json`
    DeleteTracker,
    /// `GET /v3/a/{account_id}/calls.json`
    GetCalls,
}

const ROUTE_NAMES: [(&str, FaultRoute); 11] = [
    ("any", FaultRoute::Any),
    ("get-accounts", FaultRoute::GetAccounts),
    ("get-account", FaultRoute::GetAccount),
    ("get-companies", FaultRoute::GetCompanies),
    ("get-company", FaultRoute::GetCompany),
    ("get-trackers", FaultRoute::GetTrackers),
    ("get-tracker", FaultRoute::GetTracker),
    ("post-trackers", FaultRoute::PostTrackers),
    ("put-tracker", FaultRoute::PutTracker),
    ("delete-tracker", FaultRoute::DeleteTracker),
    ("get-calls", FaultRoute::GetCalls),
];

impl FaultRoute {
    /// The name used in fault specs.
    pub fn name(self) -> &'static str {
        ROUTE_NAMES
            .iter()
            .find(|(_, r)| *r == self)
            .map_or("any", |(n, _)| n)
    }

    /// Whether a fault armed for `self` applies to a request on `route`.
    pub fn matches(self, route: FaultRoute) -> bool {
        self == FaultRoute::Any || self == route
    }

    /// Whether requests on this route change state.
    pub fn is_mutating(self) -> bool {
        matches!(
            self,
            FaultRoute::PostTrackers | FaultRoute::PutTracker | FaultRoute::DeleteTracker
        )
    }
}

/// What the fault does to the response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultKind {
    /// Answer with this HTTP status and a `{"error": ...}` body.
    Status(u16),
    /// Carry the request out, then delay the normal response.
    Latency(Duration),
    /// Close the TCP connection without any response.
    Reset,
    /// A 200 whose body stops half-way (the connection is cut).
    Truncate,
    /// A 200 whose body is not valid JSON.
    Malformed,
    /// No answer for far longer than a client waits (then the connection is dropped).
    Timeout,
}

/// How many matching requests a fault affects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultTimes {
    /// The next N matching requests.
    Count(u32),
    /// Every matching request.
    Always,
}

/// One armed fault. Parse one with `"post-trackers:500:commit".parse::<FaultSpec>()`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultSpec {
    /// Which requests it applies to.
    pub route: FaultRoute,
    /// What it does.
    pub kind: FaultKind,
    /// How many requests it affects (default: once).
    pub times: FaultTimes,
    /// Carry the operation out first, then replace its response ("processed, but the answer was lost").
    pub commit: bool,
    /// A `Retry-After` header (seconds) added to a status fault.
    pub retry_after: Option<u32>,
}

impl FaultSpec {
    /// A one-shot fault without flags.
    pub fn new(route: FaultRoute, kind: FaultKind) -> Self {
        FaultSpec {
            route,
            kind,
            times: FaultTimes::Count(1),
            commit: false,
            retry_after: None,
        }
    }
}

/// Why a fault spec did not parse; the message names the wrong part.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FaultSpecError {
    /// Fewer than two `:`-separated parts.
    #[error("fault spec {0:?} must look like ROUTE:KIND[:FLAG...]")]
    Shape(String),
    /// The first part is not a known route.
    #[error("unknown fault route {0:?} (expected one of any, get-accounts, get-account, get-companies, get-company, get-trackers, get-tracker, post-trackers, put-tracker, delete-tracker)")]
    Route(String),
    /// The second part is not a known kind.
    #[error("unknown fault kind {0:?} (expected an HTTP status 400-599, latency=MS, reset, truncate, malformed or timeout)")]
    Kind(String),
    /// A flag is not understood.
    #[error(
        "unknown fault flag {0:?} (expected once, a count N, always, commit or retry-after=S)"
    )]
    Flag(String),
    /// Two flags contradict each other.
    #[error("conflicting fault flag {0:?}: the number of uses was already given")]
    Conflict(String),
    /// `retry-after` on a kind that is not a status.
    #[error("fault flag {0:?} only applies to an HTTP status fault")]
    RetryAfterNeedsStatus(String),
}

impl FromStr for FaultSpec {
    type Err = FaultSpecError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parts: Vec<&str> = s.trim().split(':').map(str::trim).collect();
        if parts.len() < 2 {
            return Err(FaultSpecError::Shape(s.to_string()));
        }
        let route = ROUTE_NAMES
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(parts[0]))
            .map(|(_, r)| *r)
            .ok_or_else(|| FaultSpecError::Route(parts[0].to_string()))?;
        let kind = parse_kind(parts[1])?;
        let mut spec = FaultSpec::new(route, kind);
        let mut times_given = false;
        for flag in &parts[2..] {
            let lower = flag.to_ascii_lowercase();
            let times = if lower == "once" {
                Some(FaultTimes::Count(1))
            } else if lower == "always" {
                Some(FaultTimes::Always)
            } else if let Ok(n) = lower.parse::<u32>() {
                if n == 0 {
                    return Err(FaultSpecError::Flag(flag.to_string()));
                }
                Some(FaultTimes::Count(n))
            } else {
                None
            };
            if let Some(times) = times {
                if times_given {
                    return Err(FaultSpecError::Conflict(flag.to_string()));
                }
                times_given = true;
                spec.times = times;
            } else if lower == "commit" {
                spec.commit = true;
            } else if let Some(v) = lower.strip_prefix("retry-after=") {
                let secs = v
                    .parse::<u32>()
                    .map_err(|_| FaultSpecError::Flag(flag.to_string()))?;
                if !matches!(kind, FaultKind::Status(_)) {
                    return Err(FaultSpecError::RetryAfterNeedsStatus(flag.to_string()));
                }
                spec.retry_after = Some(secs);
            } else {
                return Err(FaultSpecError::Flag(flag.to_string()));
            }
        }
        Ok(spec)
    }
}

fn parse_kind(part: &str) -> Result<FaultKind, FaultSpecError> {
    let lower = part.to_ascii_lowercase();
    let bad = || FaultSpecError::Kind(part.to_string());
    match lower.as_str() {
        "reset" => Ok(FaultKind::Reset),
        "truncate" => Ok(FaultKind::Truncate),
        "malformed" => Ok(FaultKind::Malformed),
        "timeout" => Ok(FaultKind::Timeout),
        _ => {
            if let Some(ms) = lower.strip_prefix("latency=") {
                let ms = ms.parse::<u64>().map_err(|_| bad())?;
                Ok(FaultKind::Latency(Duration::from_millis(ms)))
            } else {
                let code = lower.parse::<u16>().map_err(|_| bad())?;
                if (400..=599).contains(&code) {
                    Ok(FaultKind::Status(code))
                } else {
                    Err(bad())
                }
            }
        }
    }
}

impl fmt::Display for FaultSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:", self.route.name())?;
        match self.kind {
            FaultKind::Status(code) => write!(f, "{code}")?,
            FaultKind::Latency(d) => write!(f, "latency={}", d.as_millis())?,
            FaultKind::Reset => f.write_str("reset")?,
            FaultKind::Truncate => f.write_str("truncate")?,
            FaultKind::Malformed => f.write_str("malformed")?,
            FaultKind::Timeout => f.write_str("timeout")?,
        }
        match self.times {
            FaultTimes::Count(1) => {}
            FaultTimes::Count(n) => write!(f, ":{n}")?,
            FaultTimes::Always => f.write_str(":always")?,
        }
        if self.commit {
            f.write_str(":commit")?;
        }
        if let Some(s) = self.retry_after {
            write!(f, ":retry-after={s}")?;
        }
        Ok(())
    }
}

/// The armed faults, in the order they were added.
#[derive(Debug, Default)]
pub(crate) struct FaultTable {
    armed: Vec<(FaultSpec, Option<u32>)>,
}

impl FaultTable {
    pub fn new(specs: &[FaultSpec]) -> Self {
        let mut table = FaultTable::default();
        for spec in specs {
            table.add(spec.clone());
        }
        table
    }

    pub fn add(&mut self, spec: FaultSpec) {
        let remaining = match spec.times {
            FaultTimes::Count(n) => Some(n),
            FaultTimes::Always => None,
        };
        self.armed.push((spec, remaining));
    }

    /// The first armed fault for `route`, consuming one of its uses.
    pub fn take(&mut self, route: FaultRoute) -> Option<FaultSpec> {
        let pos = self
            .armed
            .iter()
            .position(|(spec, _)| spec.route.matches(route))?;
        let (spec, remaining) = &mut self.armed[pos];
        let spec = spec.clone();
        if let Some(n) = remaining {
            *n = n.saturating_sub(1);
            if *n == 0 {
                self.armed.remove(pos);
            }
        }
        Some(spec)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn parses_status_with_flags() {
        let f: FaultSpec = "post-trackers:500:commit".parse().unwrap();
        assert_eq!(f.route, FaultRoute::PostTrackers);
        assert_eq!(f.kind, FaultKind::Status(500));
        assert_eq!(f.times, FaultTimes::Count(1));
        assert!(f.commit);
        let f: FaultSpec = "any:429:always:retry-after=30".parse().unwrap();
        assert_eq!(f.times, FaultTimes::Always);
        assert_eq!(f.retry_after, Some(30));
        let f: FaultSpec = "get-trackers:reset:3".parse().unwrap();
        assert_eq!(f.kind, FaultKind::Reset);
        assert_eq!(f.times, FaultTimes::Count(3));
    }

    #[test]
    fn parses_other_kinds() {
        let f: FaultSpec = "get-tracker:latency=250".parse().unwrap();
        assert_eq!(f.kind, FaultKind::Latency(Duration::from_millis(250)));
        assert_eq!(
            "delete-tracker:truncate".parse::<FaultSpec>().unwrap().kind,
            FaultKind::Truncate
        );
        assert_eq!(
            "get-companies:malformed:once"
                .parse::<FaultSpec>()
                .unwrap()
                .kind,
            FaultKind::Malformed
        );
    }

    #[test]
    fn display_round_trips() {
        for s in [
            "post-trackers:500:commit",
            "any:429:always:retry-after=30",
            "get-trackers:reset:3",
            "get-tracker:latency=250",
            "put-tracker:malformed",
            "delete-tracker:timeout:commit",
        ] {
            let f: FaultSpec = s.parse().unwrap();
            assert_eq!(f.to_string(), s);
        }
    }

    #[test]
    fn errors_name_the_wrong_part() {
        let e = "nowhere:500".parse::<FaultSpec>().unwrap_err();
        assert!(matches!(e, FaultSpecError::Route(ref r) if r == "nowhere"));
        assert!(e.to_string().contains("nowhere"));
        let e = "any:explode".parse::<FaultSpec>().unwrap_err();
        assert!(matches!(e, FaultSpecError::Kind(_)));
        assert!(e.to_string().contains("explode"));
        assert!(matches!(
            "any:200".parse::<FaultSpec>(),
            Err(FaultSpecError::Kind(_))
        ));
        assert!(matches!(
            "any".parse::<FaultSpec>(),
            Err(FaultSpecError::Shape(_))
        ));
        assert!(matches!(
            "any:500:sometimes".parse::<FaultSpec>(),
            Err(FaultSpecError::Flag(_))
        ));
        assert!(matches!(
            "any:500:0".parse::<FaultSpec>(),
            Err(FaultSpecError::Flag(_))
        ));
        assert!(matches!(
            "any:500:once:always".parse::<FaultSpec>(),
            Err(FaultSpecError::Conflict(_))
        ));
        assert!(matches!(
            "any:reset:retry-after=3".parse::<FaultSpec>(),
            Err(FaultSpecError::RetryAfterNeedsStatus(_))
        ));
        assert!(matches!(
            "any:latency=abc".parse::<FaultSpec>(),
            Err(FaultSpecError::Kind(_))
        ));
    }

    #[test]
    fn table_consumes_uses_in_order() {
        let mut t = FaultTable::new(&[
            "get-trackers:500:2".parse().unwrap(),
            "any:503".parse().unwrap(),
        ]);
        assert_eq!(
            t.take(FaultRoute::GetTracker).unwrap().kind,
            FaultKind::Status(503)
        );
        assert!(t.take(FaultRoute::GetTracker).is_none());
        assert_eq!(
            t.take(FaultRoute::GetTrackers).unwrap().kind,
            FaultKind::Status(500)
        );
        assert_eq!(
            t.take(FaultRoute::GetTrackers).unwrap().kind,
            FaultKind::Status(500)
        );
        assert!(t.take(FaultRoute::GetTrackers).is_none());
        t.add("any:502:always".parse().unwrap());
        for _ in 0..5 {
            assert!(t.take(FaultRoute::PutTracker).is_some());
        }
    }
}
