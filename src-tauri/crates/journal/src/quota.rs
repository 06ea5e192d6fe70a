//! The quota governor. CallRail allows an account 1,000 requests an hour and 10,000 a day and sends
//! no header saying what is left, so every request of the app and of the command line is counted,
//! before it leaves, in the store the journal uses: every process of this computer (or, with a
//! team's store, of the team) shares one count. A request past the limit is held back here, not
//! answered 429 there. A bulk run stops short of the limit, keeping a tenth for the person.

use crate::store::{RequestCount, Store};
use crate::JournalResult;
use callrail::{Meter, RateLimits};
use serde::Serialize;
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The journal's store, which a person may swap for a team's while the app runs.
pub type StoreCell = Arc<RwLock<Arc<dyn Store>>>;

/// The share of each limit a bulk run leaves for interactive work, in percent.
pub const BULK_RESERVE_PERCENT: u32 = 10;

/// What is left of an account's quota, as the app shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct QuotaView {
    pub hour_used: u32,
    pub hour_limit: u32,
    pub day_used: u32,
    pub day_limit: u32,
    /// What a bulk run may use of each: the limits less the reserve.
    pub bulk_hour_limit: u32,
    pub bulk_day_limit: u32,
}

/// Where requests are counted, and against what.
#[derive(Clone)]
pub struct Governor {
    current: StoreCell,
    /// The demo's requests are counted on this computer only, like its changes.
    local: Option<Arc<dyn Store>>,
    limits: RateLimits,
}

fn minute_now() -> i64 {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    i64::try_from(secs / 60).unwrap_or(i64::MAX)
}

/// The limits less the bulk reserve.
pub fn bulk_limits(l: RateLimits) -> RateLimits {
    let keep = |n: u32| n - n * BULK_RESERVE_PERCENT / 100;
    RateLimits {
        per_hour: keep(l.per_hour),
        per_day: keep(l.per_day),
    }
}

/// How long until `count` leaves room under `limits` for `needed` more requests: when the oldest
/// minute of the full window leaves it (the caller looks again then).
fn wait_for(count: &RequestCount, limits: RateLimits, needed: u32) -> Option<Duration> {
    let now = minute_now();
    let until = |oldest: Option<i64>, window: i64| {
        let end_minute = oldest.unwrap_or(now) + window;
        let end = u64::try_from(end_minute.max(0)).unwrap_or(0) * 60;
        let now_secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Duration::from_secs(end.saturating_sub(now_secs).max(1))
    };
    if count.day + needed > limits.per_day {
        Some(until(count.oldest_in_day, 24 * 60))
    } else if count.hour + needed > limits.per_hour {
        Some(until(count.oldest_in_hour, 60))
    } else {
        None
    }
}

impl Governor {
    pub fn new(current: StoreCell, limits: RateLimits) -> Self {
        Self {
            current,
            local: None,
            limits,
        }
    }

    pub fn with_limits(&self, limits: RateLimits) -> Self {
        Self {
            limits,
            ..self.clone()
        }
    }

    /// The same, counting in `local` whatever the journal's store is.
    pub fn local_only(&self, local: Arc<dyn Store>) -> Self {
        Self {
            local: Some(local),
            ..self.clone()
        }
    }

    fn store(&self) -> Arc<dyn Store> {
        match &self.local {
            Some(local) => local.clone(),
            None => self
                .current
                .read()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .clone(),
        }
    }

    pub async fn view(&self, account: &str) -> JournalResult<QuotaView> {
        let c = self
            .store()
            .count_request(account, minute_now(), None)
            .await?;
        let bulk = bulk_limits(self.limits);
        Ok(QuotaView {
            hour_used: c.hour,
            hour_limit: self.limits.per_hour,
            day_used: c.day,
            day_limit: self.limits.per_day,
            bulk_hour_limit: bulk.per_hour,
            bulk_day_limit: bulk.per_day,
        })
    }

    /// How long a bulk run must wait before it may spend `needed` requests, if it must.
    pub async fn bulk_wait(&self, account: &str, needed: u32) -> JournalResult<Option<Duration>> {
        let c = self
            .store()
            .count_request(account, minute_now(), None)
            .await?;
        Ok(wait_for(&c, bulk_limits(self.limits), needed))
    }
}

#[async_trait::async_trait]
impl Meter for Governor {
    async fn take(&self, account: &str) -> Result<(), Duration> {
        let limits = (self.limits.per_hour, self.limits.per_day);
        match self
            .store()
            .count_request(account, minute_now(), Some(limits))
            .await
        {
            Ok(c) if c.taken => Ok(()),
            Ok(c) => Err(wait_for(&c, self.limits, 1).unwrap_or(Duration::from_secs(60))),
            // A store that cannot count must not stop the person's work; CallRail still limits.
            Err(e) => {
                tracing::warn!("the request could not be counted: {e}");
                Ok(())
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_bulk_run_keeps_a_tenth_of_each_limit() {
        let b = bulk_limits(RateLimits::default());
        assert_eq!((b.per_hour, b.per_day), (900, 9_000));
    }

    #[test]
    fn waits_until_the_oldest_minute_of_a_full_window_leaves_it() {
        let now = minute_now();
        let limits = RateLimits {
            per_hour: 10,
            per_day: 100,
        };
        let full_hour = RequestCount {
            hour: 10,
            day: 10,
            oldest_in_hour: Some(now - 30),
            oldest_in_day: Some(now - 30),
            taken: false,
        };
        let wait = wait_for(&full_hour, limits, 1).unwrap();
        assert!(
            wait > Duration::from_secs(29 * 60) && wait <= Duration::from_secs(30 * 60),
            "{wait:?}"
        );
        assert_eq!(
            wait_for(
                &RequestCount {
                    hour: 8,
                    ..full_hour
                },
                limits,
                2
            ),
            None,
            "room for exactly two more"
        );
        let full_day = RequestCount {
            hour: 1,
            day: 100,
            oldest_in_day: Some(now - 600),
            ..full_hour
        };
        let wait = wait_for(&full_day, limits, 1).unwrap();
        assert!(wait > Duration::from_secs(839 * 60), "{wait:?}");
    }
}
