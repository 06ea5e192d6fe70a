//! Account-wide search, over the last-seen copies at once and over CallRail behind them.

use super::Desk;
use crate::ledger::Spend;
use crate::search::{self, AccountSearch, SearchRefresh, Term, MAX_TERM};
use crate::store::SnapshotRecord;
use crate::CoreResult;
use callrail::{RuleViolation, StatusFilter, Tracker, TrackerQuery};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// How long a company's reading stands for CallRail's answer: searching again soon reads it not
/// again.
const COMPANY_FRESH_FOR: Duration = Duration::from_secs(600);

/// The share of the hour's requests the account-wide search may spend, in percent: a share a
/// person never notices elsewhere.
pub const SEARCH_SHARE_PERCENT: u32 = 10;

/// How many stale companies one search reads at the most.
const COMPANIES_PER_SEARCH: usize = 8;

/// What a search's refresh did, and the copies it took, by company.
struct Refreshed {
    note: SearchRefresh,
    read_at: HashMap<String, String>,
}

/// A page per 250 trackers (at least one).
fn pages_for(trackers: usize) -> u32 {
    u32::try_from(trackers.div_ceil(250).max(1)).unwrap_or(u32::MAX)
}

impl Desk {
    /// Searches every company of the account for `term`: a phone number (any formatting) or words
    /// of a tracker's or its company's name. The last-seen copies answer; with `ask_callrail`, the
    /// companies whose copies are stale are read from CallRail first, a few at a time, within the
    /// search's share of the hour, and the answer says what was read and what was not, and why.
    pub async fn search_account(
        &self,
        connection: &str,
        account: &str,
        term: &str,
        ask_callrail: bool,
    ) -> CoreResult<AccountSearch> {
        crate::ledger::on(crate::ledger::Spend::Search, async {
            if term.chars().count() > MAX_TERM {
                return Err(RuleViolation::new(
                    "term",
                    format!("a search is at most {MAX_TERM} characters"),
                )
                .into());
            }
            let Some(parsed) = Term::parse(term) else {
                return Err(
                    RuleViolation::new("term", "type a number or a name to search for").into(),
                );
            };
            let refresh = if ask_callrail {
                Some(self.refresh_stale(connection, account).await?)
            } else {
                None
            };
            let copies = self
                .journal
                .store()
                .company_snapshots(connection, account, None)
                .await?;
            let read_now = refresh.as_ref().map(|r| &r.read_at);
            let trackers: Vec<(Tracker, String)> = copies
                .into_iter()
                // After a company's reading, a copy it did not see is a tracker disabled or gone since.
                .filter(|r| {
                    let read = read_now.and_then(|m| m.get(r.company_id.as_deref().unwrap_or("")));
                    read.is_none_or(|at| r.seen_at >= *at)
                })
                .filter_map(|r| Some((serde_json::from_str(&r.tracker).ok()?, r.seen_at)))
                .collect();
            let mut found = search::search(
                trackers.iter().map(|(t, at)| (t, at.as_str())),
                &parsed,
                refresh
                    .as_ref()
                    .is_some_and(|r| r.note.stale_left == 0 && r.note.stopped.is_none()),
            );
            found.refresh = refresh.map(|r| r.note);
            Ok(found)
        })
        .await
    }

    /// Reads the account's stale companies whole (never read, or read longer than
    /// [`COMPANY_FRESH_FOR`] ago), the oldest first, a few at a time, within the search's share of
    /// the hour; each is kept as the new last-seen copies. What each costs is known before it is read
    /// (a page per 250 trackers of its last copy).
    async fn refresh_stale(&self, connection: &str, account: &str) -> CoreResult<Refreshed> {
        let client = self.connections.client(connection)?;
        let per_hour = self.connections.tuning().quota.per_hour;
        let budget = per_hour * SEARCH_SHARE_PERCENT / 100;
        let share = |spent: u32| {
            format!("the search's share of this hour ({budget} of CallRail's {per_hour} requests; {spent} spent)")
        };
        let spent = self.connections.ledger.spent(account, Spend::Search);
        if spent >= budget {
            return Ok(Refreshed {
                note: SearchRefresh {
                    stopped: Some(format!(
                        "every company is searched as last seen: {} is spent",
                        share(spent)
                    )),
                    ..SearchRefresh::default()
                },
                read_at: HashMap::new(),
            });
        }
        let companies = client.list_companies(account, None).await?;
        let copies = self
            .journal
            .store()
            .company_snapshots(connection, account, None)
            .await?;
        let mut stale: Vec<(Option<Instant>, String, u32)> = companies
            .iter()
            .filter(|c| c.is_active())
            .filter_map(|c| {
                let read = self.company_read(connection, account, &c.id);
                if read.is_some_and(|at| at.elapsed() < COMPANY_FRESH_FOR) {
                    return None;
                }
                let seen = copies
                    .iter()
                    .filter(|r| r.company_id.as_deref() == Some(c.id.as_str()))
                    .count();
                Some((read, c.id.clone(), pages_for(seen)))
            })
            .collect();
        drop(copies);
        // Never read first, then the longest ago.
        stale.sort_by_key(|(read, ..)| *read);
        let mut note = SearchRefresh::default();
        let mut read_at = HashMap::new();
        let query = |company: &str| TrackerQuery {
            company_id: Some(company.to_owned()),
            status: Some(StatusFilter::Active),
            ..TrackerQuery::default()
        };
        for (at, (_, company, cost)) in stale.iter().enumerate() {
            if at >= COMPANIES_PER_SEARCH {
                note.stopped = Some(format!(
                    "{} more {} searched as last seen: a search reads {COMPANIES_PER_SEARCH} at a time",
                    stale.len() - at,
                    if stale.len() - at == 1 { "company is" } else { "companies are" },
                ));
                break;
            }
            let spent = self.connections.ledger.spent(account, Spend::Search);
            if spent + cost > budget {
                note.stopped = Some(format!(
                    "{} {} searched as last seen: reading {} would pass {}",
                    stale.len() - at,
                    if stale.len() - at == 1 {
                        "company is"
                    } else {
                        "companies are"
                    },
                    if stale.len() - at == 1 { "it" } else { "them" },
                    share(spent),
                ));
                break;
            }
            let before = self.connections.ledger.spent(account, Spend::Search);
            let trackers = client.list_all_trackers(account, &query(company)).await?;
            let (records, seen_at) =
                SnapshotRecord::seen(connection, account, Some(company), &trackers);
            self.journal.store().save_snapshots(&records).await?;
            self.mark_read(connection, account, company);
            read_at.insert(company.clone(), seen_at);
            note.companies_read += 1;
            note.requests += self.connections.ledger.spent(account, Spend::Search) - before;
        }
        note.stale_left = u32::try_from(stale.len()).unwrap_or(u32::MAX) - note.companies_read;
        Ok(Refreshed { note, read_at })
    }

    /// When a company was last read whole on this desk.
    fn company_read(&self, connection: &str, account: &str, company: &str) -> Option<Instant> {
        self.companies_read()
            .get(&(
                connection.to_owned(),
                account.to_owned(),
                company.to_owned(),
            ))
            .copied()
    }

    /// A company was just read whole (by a search, or by the table's "All").
    pub(crate) fn mark_read(&self, connection: &str, account: &str, company: &str) {
        self.companies_read().insert(
            (
                connection.to_owned(),
                account.to_owned(),
                company.to_owned(),
            ),
            Instant::now(),
        );
    }

    fn companies_read(
        &self,
    ) -> std::sync::MutexGuard<'_, HashMap<(String, String, String), Instant>> {
        self.companies_read
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
