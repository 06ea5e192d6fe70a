//! Where the hour went: each request this desk sends to CallRail is counted by what it was for
//! (listing, search, usage, bulk, writes), per account, over the last hour. The quota's own count
//! (shared by every desk of the team) says how much of the hour is gone; this says on what.

use callrail::Meter;
use serde::Serialize;
use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What a request was for.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Spend {
    /// A company's trackers shown in the table.
    Listing,
    /// The account-wide search.
    Search,
    /// The call log read for costs and usage.
    Usage,
    /// Bulk plans and runs.
    Bulk,
    /// Creates, edits and disables, with the reads that guard them.
    Writes,
    /// Accounts, companies, a tracker's details, the DNI snippet, a key's check.
    Other,
}

const ALL: [Spend; 6] = [
    Spend::Listing,
    Spend::Search,
    Spend::Usage,
    Spend::Bulk,
    Spend::Writes,
    Spend::Other,
];

tokio::task_local! {
    static SPENT_ON: Spend;
}

/// Runs `work` with its requests counted as `spend`.
pub async fn on<F: Future>(spend: Spend, work: F) -> F::Output {
    SPENT_ON.scope(spend, work).await
}

fn current() -> Spend {
    SPENT_ON.try_with(|s| *s).unwrap_or(Spend::Other)
}

const HOUR: Duration = Duration::from_secs(3600);

/// One line of the ledger.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpendLine {
    pub spend: Spend,
    pub requests: u32,
}

/// Requests by what they were for, per account, over the last hour.
#[derive(Default)]
pub struct Ledger {
    sent: Mutex<VecDeque<(Instant, String, Spend)>>,
}

impl Ledger {
    fn count(&self, account: &str, spend: Spend) {
        let mut sent = self.sent.lock().unwrap_or_else(|e| e.into_inner());
        while sent.front().is_some_and(|(at, ..)| at.elapsed() > HOUR) {
            sent.pop_front();
        }
        sent.push_back((Instant::now(), account.to_owned(), spend));
    }

    /// How many requests `spend` sent for `account` in the last hour.
    pub fn spent(&self, account: &str, spend: Spend) -> u32 {
        self.hour(account)
            .into_iter()
            .find(|l| l.spend == spend)
            .map_or(0, |l| l.requests)
    }

    /// The last hour of `account`, a line for each use, in a fixed order.
    pub fn hour(&self, account: &str) -> Vec<SpendLine> {
        let sent = self.sent.lock().unwrap_or_else(|e| e.into_inner());
        ALL.iter()
            .map(|&spend| SpendLine {
                spend,
                requests: sent
                    .iter()
                    .filter(|(at, a, s)| *s == spend && a == account && at.elapsed() <= HOUR)
                    .count() as u32,
            })
            .collect()
    }
}

/// A meter that counts each request let through in the ledger, under what it was for.
pub(crate) struct Counted {
    pub inner: Arc<dyn Meter>,
    pub ledger: Arc<Ledger>,
}

#[async_trait::async_trait]
impl Meter for Counted {
    async fn take(&self, account: &str) -> Result<(), Duration> {
        let taken = self.inner.take(account).await;
        if taken.is_ok() {
            self.ledger.count(account, current());
        }
        taken
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Free;
    #[async_trait::async_trait]
    impl Meter for Free {
        async fn take(&self, _: &str) -> Result<(), Duration> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn each_request_is_counted_under_what_it_was_for() {
        let ledger = Arc::new(Ledger::default());
        let meter = Counted {
            inner: Arc::new(Free),
            ledger: ledger.clone(),
        };
        on(Spend::Search, async {
            meter.take("A1").await.unwrap();
            meter.take("A1").await.unwrap();
        })
        .await;
        meter.take("A1").await.unwrap();
        on(Spend::Listing, meter.take("A2")).await.unwrap();
        assert_eq!(ledger.spent("A1", Spend::Search), 2);
        assert_eq!(ledger.spent("A1", Spend::Other), 1);
        assert_eq!(ledger.spent("A1", Spend::Listing), 0);
        assert_eq!(ledger.spent("A2", Spend::Listing), 1);
        assert_eq!(ledger.hour("A1").len(), ALL.len());
    }
}
