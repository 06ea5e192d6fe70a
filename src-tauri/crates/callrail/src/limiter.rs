//! Keeps each account under CallRail's documented request limits (1,000 an hour, 10,000 a day),
//! so the app slows itself down before CallRail starts answering 429 to every screen.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const HOUR: Duration = Duration::from_secs(3600);
const DAY: Duration = Duration::from_secs(24 * 3600);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    pub per_hour: u32,
    pub per_day: u32,
}

impl Default for RateLimits {
    /// CallRail's defaults for the general API.
    fn default() -> Self {
        Self {
            per_hour: 1_000,
            per_day: 10_000,
        }
    }
}

/// Counts each request to an account before it leaves, and can hold it back: `Err(wait)` keeps
/// the request from being sent and says how long until one may. The app counts in its journal
/// store, shared by every process of the computer (or the team); [`RateLimiter`] counts in memory.
#[async_trait::async_trait]
pub trait Meter: Send + Sync {
    async fn take(&self, account: &str) -> Result<(), Duration>;
}

#[async_trait::async_trait]
impl Meter for RateLimiter {
    async fn take(&self, account: &str) -> Result<(), Duration> {
        self.acquire(account)
    }
}

/// Sliding windows of request times, one per account.
#[derive(Debug)]
pub struct RateLimiter {
    limits: RateLimits,
    sent: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl RateLimiter {
    pub fn new(limits: RateLimits) -> Self {
        Self {
            limits,
            sent: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request from the account's budget, or says how long until one is free.
    pub fn acquire(&self, account: &str) -> Result<(), Duration> {
        self.acquire_at(account, Instant::now())
    }

    fn acquire_at(&self, account: &str, now: Instant) -> Result<(), Duration> {
        let mut sent = self
            .sent
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let times = sent.entry(account.to_owned()).or_default();
        while times.front().is_some_and(|t| now.duration_since(*t) >= DAY) {
            times.pop_front();
        }
        if times.len() >= self.limits.per_day as usize {
            return Err(wait_for(times, self.limits.per_day, DAY, now));
        }
        let in_hour = times
            .iter()
            .rev()
            .take_while(|t| now.duration_since(**t) < HOUR)
            .count();
        if in_hour >= self.limits.per_hour as usize {
            return Err(wait_for(times, self.limits.per_hour, HOUR, now));
        }
        times.push_back(now);
        Ok(())
    }
}

/// When the request that keeps the window full leaves it.
fn wait_for(times: &VecDeque<Instant>, limit: u32, window: Duration, now: Instant) -> Duration {
    let idx = times.len().saturating_sub(limit as usize);
    times
        .get(idx)
        .map(|t| (*t + window).saturating_duration_since(now))
        .unwrap_or(window)
        .max(Duration::from_secs(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_back_past_the_hourly_limit_per_account() {
        let l = RateLimiter::new(RateLimits {
            per_hour: 3,
            per_day: 10,
        });
        let t0 = Instant::now();
        for i in 0..3 {
            assert!(l.acquire_at("ACC1", t0 + Duration::from_secs(i)).is_ok());
        }
        let wait = l
            .acquire_at("ACC1", t0 + Duration::from_secs(10))
            .unwrap_err();
        assert_eq!(wait, Duration::from_secs(3590));
        assert!(
            l.acquire_at("ACC2", t0 + Duration::from_secs(10)).is_ok(),
            "accounts are counted apart"
        );
        assert!(l
            .acquire_at("ACC1", t0 + HOUR + Duration::from_secs(1))
            .is_ok());
    }

    #[test]
    fn holds_back_past_the_daily_limit() {
        let l = RateLimiter::new(RateLimits {
            per_hour: 2,
            per_day: 3,
        });
        let t0 = Instant::now();
        assert!(l.acquire_at("A", t0).is_ok());
        assert!(l.acquire_at("A", t0 + HOUR).is_ok());
        assert!(l.acquire_at("A", t0 + HOUR * 2).is_ok());
        let wait = l.acquire_at("A", t0 + HOUR * 3).unwrap_err();
        assert_eq!(wait, HOUR * 21);
    }
}
