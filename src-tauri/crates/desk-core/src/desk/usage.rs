//! Usage and savings per client: the account's active trackers and the calls of the window, read
//! from CallRail (only the days not read before), counted in the usage cache, and reported.

use super::Desk;
use crate::quota::Governor;
use crate::store::SnapshotRecord;
use crate::CoreResult;
use callrail::list::PER_PAGE_MAX;
use callrail::{
    CallQuery, Client, RuleViolation, StatusFilter, TrackerQuery, Watch, CALLS_PER_PAGE,
};
use std::collections::BTreeSet;
use time::{Date, Duration, OffsetDateTime};
use usage::cache::{Reading, UsageCache, USAGE_FILE};
use usage::{build_report, Prices, UsageReport};

/// The longest window a report looks back over (CallRail keeps calls 25 months).
pub const MAX_USAGE_DAYS: u32 = 365;

/// The most a number may be priced at, in dollars a month.
const MAX_PRICE: f64 = 1_000.0;

/// The scope of an account-wide reading of the call log.
const WHOLE_ACCOUNT: &str = "*";

/// Which steps of a refresh have been done: pages of trackers, then pages of calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UsageStep {
    pub tracker_pages: u32,
    pub call_pages: u32,
    pub calls: u32,
}

impl Desk {
    /// The prices numbers are counted at (CallRail's list prices until changed).
    /// This desk's requests to `account` in the last hour, by what they were for.
    pub fn requests_by_use(&self, account: &str) -> Vec<crate::ledger::SpendLine> {
        self.connections.ledger.hour(account)
    }

    pub fn usage_prices(&self) -> CoreResult<Prices> {
        Ok(self
            .connections
            .settings()
            .load()?
            .prices
            .unwrap_or_default())
    }

    pub fn set_usage_prices(&self, prices: Prices) -> CoreResult<Prices> {
        for (field, price) in [("local", prices.local), ("toll_free", prices.toll_free)] {
            if !(0.0..=MAX_PRICE).contains(&price) {
                return Err(RuleViolation::new(
                    field,
                    format!("a number's price is from $0 to ${MAX_PRICE} a month"),
                )
                .into());
            }
        }
        self.connections.settings().update(|s| {
            s.prices = Some(prices);
            Ok(())
        })?;
        Ok(prices)
    }

    /// A pool's monthly visitors, which its size is judged against (`None` forgets them).
    pub fn set_pool_visitors(
        &self,
        account: &str,
        tracker: &str,
        monthly: Option<u32>,
    ) -> CoreResult<()> {
        if monthly == Some(0) || monthly.is_some_and(|m| m > 100_000_000) {
            return Err(RuleViolation::new(
                "monthly_visitors",
                "monthly visitors are a number from 1 to 100,000,000",
            )
            .into());
        }
        Ok(self
            .usage_cache()?
            .set_visitors(account, tracker, monthly)?)
    }

    /// Reads the account's active trackers and the calls of the last `days` days that were not
    /// read before, then reports on the companies asked for (every one when none is). The calls are
    /// read within the bulk share of the quota: when that is spent the reading stops, keeps where
    /// it was, and the report says its counts are incomplete.
    pub async fn usage(
        &self,
        connection: &str,
        account: &str,
        companies: &[String],
        days: u32,
        on_step: &(dyn Fn(UsageStep) + Send + Sync),
        watch: Option<&Watch<'_>>,
    ) -> CoreResult<UsageReport> {
        crate::ledger::on(crate::ledger::Spend::Usage, async {
            if !(1..=MAX_USAGE_DAYS).contains(&days) {
                return Err(RuleViolation::new(
                    "days",
                    format!("a report covers 1 to {MAX_USAGE_DAYS} days"),
                )
                .into());
            }
            let client = self.connections.client(connection)?;
            let query = TrackerQuery {
                status: Some(StatusFilter::Active),
                ..TrackerQuery::default()
            };
            let mut trackers = client
                .list_all_trackers_watched(account, &query, watch)
                .await?;
            let (records, _) = SnapshotRecord::seen(connection, account, None, &trackers);
            self.journal.store().save_snapshots(&records).await?;
            let tracker_pages =
                u32::try_from(trackers.len().div_ceil(PER_PAGE_MAX as usize).max(1))
                    .unwrap_or(u32::MAX);
            let step = UsageStep {
                tracker_pages,
                call_pages: 0,
                calls: 0,
            };
            on_step(step);

            let company_of = |t: &callrail::Tracker| {
                t.company.as_ref().map(|c| c.id.clone()).unwrap_or_default()
            };
            let scope: BTreeSet<String> = if companies.is_empty() {
                trackers.iter().map(company_of).collect()
            } else {
                companies.iter().cloned().collect()
            };
            trackers.retain(|t| scope.contains(&company_of(t)));

            let today = OffsetDateTime::now_utc().date();
            let first = today - Duration::days(i64::from(days) - 1);
            let mut reader = Reader {
                client: &client,
                cache: self.usage_cache()?,
                governor: self.connections.governor(connection),
                account,
                first,
                today,
                step,
                on_step,
                watch,
            };
            // The whole account: one reading of its call log, from the earliest day a company needs (days
            // another company already holds are read again, which costs less than a reading a company).
            // Companies named: a reading each.
            let plans: Vec<(String, Vec<String>)> = if scope.is_empty() {
                Vec::new()
            } else if companies.is_empty() {
                vec![(WHOLE_ACCOUNT.to_owned(), scope.iter().cloned().collect())]
            } else {
                scope.iter().map(|c| (c.clone(), vec![c.clone()])).collect()
            };
            // One reading of the call log at a time on this computer (the app's and the command line's
            // share the counts): a second waits for the first, then reads only the days since.
            let _reading = hold_reading(&self.data_dir, watch).await?;
            let mut incomplete = None;
            for (scope_key, members) in plans {
                incomplete = reader.read(&scope_key, &members).await?;
                if incomplete.is_some() {
                    break;
                }
            }

            let cache = reader.cache;
            let mut report = build_report(
                &trackers,
                &cache.counts_since(account, &first.to_string())?,
                &cache.visitors(account)?,
                self.usage_prices()?,
                days,
                (&first.to_string(), &today.to_string()),
                incomplete,
            );
            report.requests = reader.step.tracker_pages + reader.step.call_pages;
            Ok(report)
        })
        .await
    }

    fn usage_cache(&self) -> CoreResult<&UsageCache> {
        if let Some(c) = self.usage.get() {
            return Ok(c);
        }
        let cache = UsageCache::open(&self.data_dir.join(USAGE_FILE))?;
        Ok(self.usage.get_or_init(|| cache))
    }
}

/// The lock file beside the usage counts that one reading holds at a time.
const READING_LOCK: &str = "usage.reading.lock";

/// Holds the reading lock while the file returned lives, waiting (and hearing a cancel) while
/// another reading holds it.
async fn hold_reading(
    data_dir: &std::path::Path,
    watch: Option<&Watch<'_>>,
) -> CoreResult<std::fs::File> {
    let path = data_dir.join(READING_LOCK);
    let failed = |e: std::io::Error| {
        crate::CoreError::Storage(format!("could not use {}: {e}", path.display()))
    };
    let file = std::fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(failed)?;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) => {
                Watch::check(watch)?;
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(failed(e)),
        }
    }
}

/// What reading the call log needs, and how far it got.
struct Reader<'a> {
    client: &'a Client,
    cache: &'a UsageCache,
    governor: Governor,
    account: &'a str,
    first: Date,
    today: Date,
    step: UsageStep,
    on_step: &'a (dyn Fn(UsageStep) + Send + Sync),
    watch: Option<&'a Watch<'a>>,
}

impl Reader<'_> {
    /// Reads the calls of `members` (one company, or every company of the account) into the
    /// cache, page by page, from the first day they need to today: a reading stopped short goes on
    /// at its place, then the days since are read. `Some(why)` when the quota's reserve stopped it.
    async fn read(&mut self, scope: &str, members: &[String]) -> CoreResult<Option<String>> {
        let (account, today) = (self.account, self.today);
        for _ in 0..3 {
            let kept = self
                .cache
                .reading(account, scope)?
                .filter(|r| r.companies == members && r.cursor.is_some());
            let (mut reading, mut pages) = match kept {
                Some(r) => {
                    let pages = self
                        .client
                        .calls_from(account, r.cursor.as_deref().unwrap_or_default())?
                        .after(r.last_ids.clone());
                    (r, pages)
                }
                None => {
                    // The earliest day any of them needs.
                    let mut from = today;
                    for c in members {
                        from = from.min(needed_from(self.cache, account, c, self.first)?);
                    }
                    let r = Reading {
                        scope: scope.to_owned(),
                        companies: members.to_vec(),
                        first_day: from.to_string(),
                        last_day: today.to_string(),
                        cursor: None,
                        last_ids: Vec::new(),
                    };
                    self.cache.begin(account, &r)?;
                    let q = CallQuery {
                        company_id: (scope != WHOLE_ACCOUNT).then(|| scope.to_owned()),
                        start_date: from,
                        end_date: today,
                        time_zone: "UTC".into(),
                    };
                    (r, self.client.calls(account, &q)?)
                }
            };
            loop {
                Watch::check(self.watch)?;
                if let Some(wait) = self.governor.bulk_wait(account, 1).await? {
                    return Ok(Some(format!(
                        "The calls were not all read: the account's requests are kept for the person for the next {} minutes. The counts go on from where they stopped at the next refresh.",
                        wait.as_secs().div_ceil(60)
                    )));
                }
                let Some(calls) = pages.next_page().await? else {
                    break;
                };
                reading.cursor = pages.cursor().map(str::to_owned);
                reading.last_ids = calls.iter().map(|c| c.id.clone()).collect();
                self.cache.count_page(account, &reading, &calls)?;
                self.step.call_pages += 1;
                self.step.calls += u32::try_from(calls.len()).unwrap_or(u32::MAX);
                (self.on_step)(self.step);
            }
            self.cache.finish(account, &reading)?;
            if reading.last_day == today.to_string() {
                break;
            }
        }
        Ok(None)
    }
}

/// The first day of the window a company's counts do not hold yet: the day after what they cover
/// (less one: the last day covered may have been read before it ended), or the window's first day.
fn needed_from(cache: &UsageCache, account: &str, company: &str, first: Date) -> CoreResult<Date> {
    let parse =
        |s: &str| Date::parse(s, time::macros::format_description!("[year]-[month]-[day]")).ok();
    Ok(match cache.covered(account, company)? {
        Some(c) => match (parse(&c.first_day), parse(&c.last_day)) {
            (Some(f), Some(l)) if f <= first && l >= first - Duration::days(1) => l.max(first),
            _ => first,
        },
        None => first,
    })
}

/// Requests a report reads at most: pages of trackers and of calls, plus one per company.
pub fn request_budget(trackers: u64, calls: u64) -> u64 {
    trackers.div_ceil(u64::from(PER_PAGE_MAX)) + calls.div_ceil(u64::from(CALLS_PER_PAGE)) + 10
}
