//! Account-wide search, over the last-seen copies at once and over CallRail behind them. The copies
//! are read from the journal's store once and kept in memory, in the few fields a search needs
//! (a keystroke searches them with no reading of the store); each company read again replaces its
//! own, and the whole is read from the store again after a while (a teammate's readings).

use super::Desk;
use crate::ledger::{self, Spend};
use crate::search::{self, AccountSearch, SearchRefresh, Seen, Term, MAX_TERM};
use crate::store::SnapshotRecord;
use crate::CoreResult;
use callrail::{RuleViolation, StatusFilter, Tracker, TrackerQuery};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How long a company's reading stands for CallRail's answer: searching again soon reads it not
/// again. The copies kept in memory are read from the store again after as long.
const COMPANY_FRESH_FOR: Duration = Duration::from_secs(600);

/// The share of the hour's requests the account-wide search may spend, in percent: a share a
/// person never notices elsewhere.
pub const SEARCH_SHARE_PERCENT: u32 = 10;

/// How many stale companies one search reads at the most.
const COMPANIES_PER_SEARCH: usize = 8;

/// An account's last-seen trackers, by company, as the search keeps them.
pub(crate) struct Copies {
    by_company: HashMap<Option<String>, Vec<Seen>>,
    loaded: Instant,
}

/// The copies of each (connection, account) searched, and when each company was read whole.
#[derive(Default)]
pub(crate) struct SearchState {
    copies: Mutex<HashMap<(String, String), Arc<Copies>>>,
    read: Mutex<HashMap<(String, String, String), Instant>>,
}

fn key(connection: &str, account: &str) -> (String, String) {
    (connection.to_owned(), account.to_owned())
}

impl SearchState {
    /// A company was read whole (by a search, or by the table's "All"): its copies are these now.
    pub(crate) fn company_read(
        &self,
        connection: &str,
        account: &str,
        company: &str,
        trackers: &[Tracker],
        seen_at: &str,
    ) {
        self.read
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(
                (
                    connection.to_owned(),
                    account.to_owned(),
                    company.to_owned(),
                ),
                Instant::now(),
            );
        let mut copies = self.copies.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(kept) = copies.get(&key(connection, account)).cloned() {
            let mut by_company = kept.by_company.clone();
            by_company.insert(
                Some(company.to_owned()),
                trackers.iter().map(|t| Seen::of(t, seen_at)).collect(),
            );
            copies.insert(
                key(connection, account),
                Arc::new(Copies {
                    by_company,
                    loaded: kept.loaded,
                }),
            );
        }
    }

    fn read_at(&self, connection: &str, account: &str, company: &str) -> Option<Instant> {
        self.read
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&(
                connection.to_owned(),
                account.to_owned(),
                company.to_owned(),
            ))
            .copied()
    }
}

/// A page per 250 trackers (at least one).
fn pages_for(trackers: usize) -> u32 {
    u32::try_from(trackers.div_ceil(250).max(1)).unwrap_or(u32::MAX)
}

fn companies_word(n: usize) -> &'static str {
    if n == 1 {
        "company is"
    } else {
        "companies are"
    }
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
        let refresh = if ask_callrail {
            Some(ledger::on(Spend::Search, self.refresh_stale(connection, account)).await?)
        } else {
            None
        };
        let copies = self.copies(connection, account).await?;
        let mut found = search::search(
            copies.by_company.values().flatten(),
            &parsed,
            refresh
                .as_ref()
                .is_some_and(|r| r.stale_left == 0 && r.stopped.is_none()),
        );
        found.refresh = refresh;
        Ok(found)
    }

    /// The account's copies kept in memory, read from the store when none are or they are old.
    async fn copies(&self, connection: &str, account: &str) -> CoreResult<Arc<Copies>> {
        let kept = self
            .search
            .copies
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key(connection, account))
            .cloned();
        if let Some(kept) = kept.filter(|k| k.loaded.elapsed() < COMPANY_FRESH_FOR) {
            return Ok(kept);
        }
        let records = self
            .journal
            .store()
            .company_snapshots(connection, account, None)
            .await?;
        let mut by_company: HashMap<Option<String>, Vec<Seen>> = HashMap::new();
        for r in records {
            if let Ok(t) = serde_json::from_str::<Tracker>(&r.tracker) {
                by_company
                    .entry(r.company_id)
                    .or_default()
                    .push(Seen::of(&t, &r.seen_at));
            }
        }
        let copies = Arc::new(Copies {
            by_company,
            loaded: Instant::now(),
        });
        self.search
            .copies
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(key(connection, account), copies.clone());
        Ok(copies)
    }

    /// Reads the account's stale companies whole (never read, or read longer than
    /// [`COMPANY_FRESH_FOR`] ago), the oldest first, a few at a time, within the search's share of
    /// the hour; each is kept as the new last-seen copies. What each costs is known before it is
    /// read (a page per 250 trackers of its last copy).
    async fn refresh_stale(&self, connection: &str, account: &str) -> CoreResult<SearchRefresh> {
        let client = self.connections.client(connection)?;
        let per_hour = self.connections.tuning().quota.per_hour;
        let budget = per_hour * SEARCH_SHARE_PERCENT / 100;
        let spent = || self.connections.ledger.spent(account, Spend::Search);
        let share = |spent: u32| {
            format!("the search's share of this hour ({budget} of CallRail's {per_hour} requests; {spent} spent)")
        };
        let mut note = SearchRefresh::default();
        if spent() >= budget {
            note.stopped = Some(format!(
                "every company is searched as last seen: {} is spent",
                share(spent())
            ));
            return Ok(note);
        }
        let companies = client.list_companies(account, None).await?;
        let copies = self.copies(connection, account).await?;
        let mut stale: Vec<(Option<Instant>, String, u32)> = companies
            .iter()
            .filter(|c| c.is_active())
            .filter_map(|c| {
                let read = self.search.read_at(connection, account, &c.id);
                if read.is_some_and(|at| at.elapsed() < COMPANY_FRESH_FOR) {
                    return None;
                }
                let seen = copies
                    .by_company
                    .get(&Some(c.id.clone()))
                    .map_or(0, Vec::len);
                Some((read, c.id.clone(), pages_for(seen)))
            })
            .collect();
        drop(copies);
        // Never read first, then the longest ago.
        stale.sort_by_key(|(read, ..)| *read);
        for (at, (_, company, cost)) in stale.iter().enumerate() {
            let left = stale.len() - at;
            if at >= COMPANIES_PER_SEARCH {
                note.stopped = Some(format!(
                    "{left} more {} searched as last seen: a search reads {COMPANIES_PER_SEARCH} at a time",
                    companies_word(left),
                ));
                break;
            }
            let before = spent();
            if before + cost > budget {
                note.stopped = Some(format!(
                    "{left} {} searched as last seen: reading {} would pass {}",
                    companies_word(left),
                    if left == 1 { "it" } else { "them" },
                    share(before),
                ));
                break;
            }
            let query = TrackerQuery {
                company_id: Some(company.clone()),
                status: Some(StatusFilter::Active),
                ..TrackerQuery::default()
            };
            let trackers = client.list_all_trackers(account, &query).await?;
            let (records, seen_at) =
                SnapshotRecord::seen(connection, account, Some(company), &trackers);
            self.journal.store().save_snapshots(&records).await?;
            self.search
                .company_read(connection, account, company, &trackers, &seen_at);
            note.companies_read += 1;
            note.requests += spent() - before;
        }
        note.stale_left = u32::try_from(stale.len()).unwrap_or(u32::MAX) - note.companies_read;
        Ok(note)
    }
}
