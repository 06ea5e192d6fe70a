//! Account-wide search, over the last-seen copies at once and over CallRail behind them.

use super::Desk;
use crate::search::{self, AccountSearch, Term, MAX_TERM};
use crate::store::SnapshotRecord;
use crate::CoreResult;
use callrail::{RuleViolation, StatusFilter, Tracker, TrackerQuery};
use std::time::{Duration, Instant};

/// How long a reading of the whole account stands for CallRail's answer: typing a second term
/// soon after the first asks CallRail nothing more.
const LISTING_FRESH_FOR: Duration = Duration::from_secs(120);

impl Desk {
    /// Searches every company of the account for `term`: a phone number (any formatting) or words
    /// of a tracker's or its company's name. With `ask_callrail`, the account's active trackers are
    /// read from CallRail first (a page per 250 trackers, at most once every two minutes) and kept
    /// as the new last-seen copies; without it, only those copies are searched, with no request.
    pub async fn search_account(
        &self,
        connection: &str,
        account: &str,
        term: &str,
        ask_callrail: bool,
    ) -> CoreResult<AccountSearch> {
        if term.chars().count() > MAX_TERM {
            return Err(RuleViolation::new(
                "term",
                format!("a search is at most {MAX_TERM} characters"),
            )
            .into());
        }
        let Some(parsed) = Term::parse(term) else {
            return Err(RuleViolation::new("term", "type a number or a name to search for").into());
        };
        let listed_at = if ask_callrail {
            Some(self.list_account(connection, account).await?)
        } else {
            None
        };
        let copies = self
            .journal
            .store()
            .company_snapshots(connection, account, None)
            .await?;
        let trackers: Vec<(Tracker, String)> = copies
            .into_iter()
            // After a reading, a copy it did not see is a tracker disabled or gone since.
            .filter(|r| listed_at.as_ref().is_none_or(|at| r.seen_at >= *at))
            .filter_map(|r| Some((serde_json::from_str(&r.tracker).ok()?, r.seen_at)))
            .collect();
        Ok(search::search(
            trackers.iter().map(|(t, at)| (t, at.as_str())),
            &parsed,
            ask_callrail,
        ))
    }

    /// Reads every active tracker of the account and keeps them as last-seen copies, unless that
    /// was done less than [`LISTING_FRESH_FOR`] ago; returns when the reading was made.
    async fn list_account(&self, connection: &str, account: &str) -> CoreResult<String> {
        let key = (connection.to_owned(), account.to_owned());
        if let Some((when, at)) = self.account_listed().get(&key) {
            if when.elapsed() < LISTING_FRESH_FOR {
                return Ok(at.clone());
            }
        }
        let client = self.connections.client(connection)?;
        let query = TrackerQuery {
            status: Some(StatusFilter::Active),
            ..TrackerQuery::default()
        };
        let trackers = client.list_all_trackers(account, &query).await?;
        let (records, seen_at) = SnapshotRecord::seen(connection, account, None, &trackers);
        self.journal.store().save_snapshots(&records).await?;
        self.account_listed()
            .insert(key, (Instant::now(), seen_at.clone()));
        Ok(seen_at)
    }

    fn account_listed(
        &self,
    ) -> std::sync::MutexGuard<'_, std::collections::HashMap<(String, String), (Instant, String)>>
    {
        self.account_listed
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
