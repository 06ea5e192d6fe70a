//! How a write whose answer was lost is checked: by reading CallRail's own state, never by a search
//! (a search index lags and matches words in undocumented ways). A lost create is looked for in the
//! company's full listing, polled with backoff for a while, before its outcome is called unknown.

use crate::list::{TrackerQuery, TypeFilter};
use crate::models::{Tracker, TrackerType};
use crate::rules::{TrackerDraft, TrackerKind};
use crate::{Client, Result};
use std::collections::HashSet;
use std::future::Future;
use std::time::Duration;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// How long, and how often, a write whose answer was lost is looked for.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckPolicy {
    /// How long a lost create (or a pool's new numbers) is looked for before the outcome is unknown.
    pub window: Duration,
    /// How much earlier than this computer's clock CallRail's `created_at` may read.
    pub clock_skew: Duration,
    /// The first wait between two looks; it doubles up to `max_interval`.
    pub first_interval: Duration,
    pub max_interval: Duration,
}

impl Default for CheckPolicy {
    fn default() -> Self {
        Self {
            window: Duration::from_secs(60),
            clock_skew: Duration::from_secs(120),
            first_interval: Duration::from_secs(1),
            max_interval: Duration::from_secs(15),
        }
    }
}

/// A tracker a create may have made: its company, name and kind, made at or after `since`, and not
/// one of `exclude` (trackers already attributed to other creates).
#[derive(Debug, Clone, PartialEq)]
pub struct CreatedLookup {
    pub company_id: String,
    pub name: String,
    pub kind: Option<TrackerKind>,
    pub since: OffsetDateTime,
    pub exclude: HashSet<String>,
}

impl CreatedLookup {
    /// What `draft`, sent at `sent_at`, would have made (allowing for `policy`'s clock skew).
    pub fn for_draft(draft: &TrackerDraft, sent_at: OffsetDateTime, policy: &CheckPolicy) -> Self {
        Self {
            company_id: draft.company_id().to_owned(),
            name: draft.name().to_owned(),
            kind: Some(draft.kind()),
            since: sent_at - policy.clock_skew,
            exclude: HashSet::new(),
        }
    }

    fn matches(&self, t: &Tracker) -> bool {
        let kind_ok = match self.kind {
            None => true,
            Some(TrackerKind::Source) => t.kind == TrackerType::Source,
            Some(TrackerKind::Session) => t.kind == TrackerType::Session,
        };
        kind_ok
            && t.name.trim() == self.name.trim()
            && !self.exclude.contains(&t.id)
            && created_at(t).is_some_and(|c| c >= self.since)
    }
}

/// When CallRail says the tracker was made.
pub fn created_at(t: &Tracker) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(t.created_at.as_deref()?, &Rfc3339).ok()
}

impl Client {
    /// Lists the company's trackers (active and disabled, without `search`) once, and returns the
    /// earliest one `lookup` matches.
    pub async fn find_created(
        &self,
        account_id: &str,
        lookup: &CreatedLookup,
    ) -> Result<Option<Tracker>> {
        let query = TrackerQuery {
            kind: lookup.kind.map(|k| match k {
                TrackerKind::Source => TypeFilter::Source,
                TrackerKind::Session => TypeFilter::Session,
            }),
            ..TrackerQuery::company(&lookup.company_id)
        };
        let all = self.list_all_trackers(account_id, &query).await?;
        Ok(all
            .into_iter()
            .filter(|t| lookup.matches(t))
            .min_by_key(|t| created_at(t).unwrap_or(OffsetDateTime::UNIX_EPOCH)))
    }

    /// Looks with `look` until it finds (`Ok(Ok(found))`) or `window` runs out, waiting longer between
    /// looks each time; looks at least once, and last when the window closes. Returns the last look's
    /// answer.
    pub(crate) async fn poll<T, U, F, Fut>(
        &self,
        window: Duration,
        mut look: F,
    ) -> Result<Result<T, U>>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<Result<T, U>>>,
    {
        let deadline = tokio::time::Instant::now() + window;
        let mut wait = self.check.first_interval;
        loop {
            let answer = look().await;
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            if matches!(answer, Ok(Ok(_))) || left.is_zero() {
                return answer;
            }
            // The last look lands on the deadline.
            tokio::time::sleep(wait.min(left)).await;
            wait = (wait * 2).min(self.check.max_interval);
        }
    }
}
