//! How patient the writes are: how long a lost answer is looked for, how long one request may take,
//! and when a change nobody can find is settled as not made.

use callrail::{CheckPolicy, RateLimits};
use std::time::Duration;

#[derive(Debug, Clone, PartialEq)]
pub struct Tuning {
    /// How a write whose answer was lost is looked for in CallRail.
    pub check: CheckPolicy,
    /// How long one request to CallRail may take.
    pub timeout: Duration,
    /// How old a lost create (or a pool's growth) must be before a check that still cannot find it
    /// counts as proof that it was never made. Until then it stays "unknown".
    pub settle: Duration,
    /// Another computer's change younger than this may still be in flight: the check leaves it be.
    pub min_age: Duration,
    /// The longest one write may take, its check included; past it the outcome is unknown.
    pub deadline: Duration,
    /// CallRail's request limits for one account, which the quota governor counts against.
    pub quota: RateLimits,
    /// How long a bulk run's lease lasts unless its desk renews it (every third of it): a desk
    /// that died lets its run be taken over once this has passed.
    pub lease: Duration,
}

impl Default for Tuning {
    fn default() -> Self {
        Self {
            check: CheckPolicy::default(),
            timeout: Duration::from_secs(30),
            settle: Duration::from_secs(15 * 60),
            min_age: Duration::from_secs(120),
            deadline: Duration::from_secs(180),
            quota: RateLimits::default(),
            lease: Duration::from_secs(60),
        }
    }
}

impl Tuning {
    /// The defaults, with whole seconds from `TRACKERDESK_CHECK_SECONDS` (the check window),
    /// `TRACKERDESK_TIMEOUT_SECONDS`, `TRACKERDESK_SETTLE_SECONDS` and `TRACKERDESK_LEASE_SECONDS`, and the limits from
    /// `TRACKERDESK_QUOTA_PER_HOUR` and `TRACKERDESK_QUOTA_PER_DAY` (an account whose CallRail
    /// limits differ) where they are set.
    pub fn from_env() -> Self {
        let secs = |name: &str| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse::<f64>().ok())
                .filter(|v| v.is_finite() && *v >= 0.0)
                .map(Duration::from_secs_f64)
        };
        let mut t = Self::default();
        if let Some(d) = secs("TRACKERDESK_CHECK_SECONDS") {
            t.check.window = d;
            t.check.first_interval = t.check.first_interval.min(d / 4);
        }
        if let Some(d) = secs("TRACKERDESK_TIMEOUT_SECONDS") {
            t.timeout = d;
        }
        if let Some(d) = secs("TRACKERDESK_SETTLE_SECONDS") {
            t.settle = d;
        }
        if let Some(d) = secs("TRACKERDESK_LEASE_SECONDS").filter(|d| !d.is_zero()) {
            t.lease = d;
        }
        let count = |name: &str| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse::<u32>().ok())
                .filter(|n| *n > 0)
        };
        if let Some(n) = count("TRACKERDESK_QUOTA_PER_HOUR") {
            t.quota.per_hour = n;
        }
        if let Some(n) = count("TRACKERDESK_QUOTA_PER_DAY") {
            t.quota.per_day = n;
        }
        t
    }
}
