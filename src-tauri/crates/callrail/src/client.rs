//! The CallRail API v3 client: accounts, companies and trackers to read (the writes are in
//! `writes.rs`).

use crate::check::CheckPolicy;
use crate::list::{check_per_page, StatusFilter, TrackerQuery, PER_PAGE_MAX};
use crate::models::{Account, Company, Page, Tracker};
use crate::rules::check_id;
use crate::transport::Transport;
use crate::Result;
use futures::{StreamExt, TryStreamExt};
use reqwest::Method;
use serde::de::DeserializeOwned;
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// A list never reads more pages than this, whatever the server claims.
const MAX_PAGES: u32 = 2_000;

/// Watches long work (a listing of every page, a copy of a journal): told of each step (steps done,
/// steps in all), and asked before each whether to stop.
pub struct Watch<'a> {
    pub on_step: &'a (dyn Fn(u32, u32) + Send + Sync),
    pub cancelled: &'a AtomicBool,
}

impl Watch<'_> {
    /// [`crate::Error::Cancelled`] once the person asked to stop.
    pub fn check(watch: Option<&Self>) -> Result<()> {
        match watch {
            Some(w) if w.cancelled.load(Ordering::SeqCst) => Err(crate::Error::Cancelled),
            _ => Ok(()),
        }
    }
}

/// Cheap to clone; clones share the connection pool and the rate limiter.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Transport>,
    pub(crate) list_concurrency: usize,
    pub(crate) check: CheckPolicy,
}

trait Identified {
    fn id(&self) -> &str;
}
impl Identified for Account {
    fn id(&self) -> &str {
        &self.id
    }
}
impl Identified for Company {
    fn id(&self) -> &str {
        &self.id
    }
}
impl Identified for Tracker {
    fn id(&self) -> &str {
        &self.id
    }
}

impl Client {
    /// CallRail's clock, as its answers tell it.
    pub fn clock(&self) -> &crate::Clock {
        &self.inner.clock
    }

    pub fn base_url(&self) -> &str {
        &self.inner.base
    }

    async fn get<T: DeserializeOwned>(
        &self,
        limit_key: &str,
        path: &str,
        query: &[(&'static str, String)],
    ) -> Result<T> {
        let (_, body) = self
            .inner
            .send(Method::GET, limit_key, path, query, None)
            .await
            .map_err(|f| f.error)?;
        self.inner.decode(&body)
    }

    /// Every account the key sees.
    pub async fn list_accounts(&self) -> Result<Vec<Account>> {
        self.all_pages("", "/v3/a.json".into(), Vec::new(), PER_PAGE_MAX, None)
            .await
    }

    /// Every company of an account, with its `script_url`; disabled ones too unless filtered.
    pub async fn list_companies(
        &self,
        account_id: &str,
        status: Option<StatusFilter>,
    ) -> Result<Vec<Company>> {
        let account = check_id("account_id", account_id)?;
        let mut query = Vec::new();
        if let Some(status) = status {
            query.push((
                "status",
                if status == StatusFilter::Active {
                    "active"
                } else {
                    "disabled"
                }
                .to_owned(),
            ));
        }
        query.push(("sort", "name".to_owned()));
        self.all_pages(
            &account,
            format!("/v3/a/{account}/companies.json"),
            query,
            PER_PAGE_MAX,
            None,
        )
        .await
    }

    pub async fn get_company(&self, account_id: &str, company_id: &str) -> Result<Company> {
        let account = check_id("account_id", account_id)?;
        let company = check_id("company_id", company_id)?;
        self.get(
            &account,
            &format!("/v3/a/{account}/companies/{company}.json"),
            &[],
        )
        .await
    }

    /// One page of trackers, with every documented parameter.
    pub async fn list_trackers(
        &self,
        account_id: &str,
        query: &TrackerQuery,
    ) -> Result<Page<Tracker>> {
        let account = check_id("account_id", account_id)?;
        self.get(
            &account,
            &format!("/v3/a/{account}/trackers.json"),
            &query.to_pairs()?,
        )
        .await
    }

    /// Every tracker matching `query` (its `page` is ignored), reading pages concurrently.
    pub async fn list_all_trackers(
        &self,
        account_id: &str,
        query: &TrackerQuery,
    ) -> Result<Vec<Tracker>> {
        self.list_all_trackers_watched(account_id, query, None)
            .await
    }

    /// The same, telling `watch` of each page and stopping with [`crate::Error::Cancelled`] when
    /// it asks.
    pub async fn list_all_trackers_watched(
        &self,
        account_id: &str,
        query: &TrackerQuery,
        watch: Option<&Watch<'_>>,
    ) -> Result<Vec<Tracker>> {
        let account = check_id("account_id", account_id)?;
        let per_page = check_per_page(query.per_page.unwrap_or(PER_PAGE_MAX))?;
        let query = TrackerQuery {
            page: None,
            per_page: None,
            ..query.clone()
        };
        self.all_pages(
            &account,
            format!("/v3/a/{account}/trackers.json"),
            query.to_pairs()?,
            per_page,
            watch,
        )
        .await
    }

    /// Reads page 1, then the rest `list_concurrency` at a time. Stops at the first empty page, and
    /// reads one page at a time until a short page when the count of pages is not given. Pages are
    /// decoded on tokio's blocking threads, so decoding one overlaps with reading the next.
    async fn all_pages<T: DeserializeOwned + Identified + Send + 'static>(
        &self,
        limit_key: &str,
        path: String,
        query: Vec<(&'static str, String)>,
        per_page: u32,
        watch: Option<&Watch<'_>>,
    ) -> Result<Vec<T>> {
        let fetch = |page: u32| {
            let mut q = query.clone();
            q.push(("page", page.to_string()));
            q.push(("per_page", per_page.to_string()));
            let path = path.clone();
            async move {
                Watch::check(watch)?;
                let (_, body) = self
                    .inner
                    .send(Method::GET, limit_key, &path, &q, None)
                    .await
                    .map_err(|f| f.error)?;
                let inner = self.inner.clone();
                tokio::task::spawn_blocking(move || inner.decode::<Page<T>>(&body))
                    .await
                    .unwrap_or_else(|e| {
                        Err(crate::Error::Decode {
                            message: format!("a page could not be read: {e}"),
                        })
                    })
            }
        };
        let first = fetch(1).await?;
        let told = |done: u32, total: u32| {
            if let Some(w) = watch {
                (w.on_step)(done, total.max(done));
            }
        };
        let expected = first
            .total_records
            .map_or(0, |n| n.min(u64::from(MAX_PAGES) * u64::from(per_page)));
        let mut items = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
        let full = first.items.len() >= per_page as usize;
        items.extend(first.items);
        match (first.total_pages, first.total_records) {
            (None, None) => {
                let mut page = 1;
                let mut more = full;
                told(1, 1 + u32::from(more));
                while more && page < MAX_PAGES {
                    page += 1;
                    let next = fetch(page).await?;
                    more = next.items.len() >= per_page as usize;
                    items.extend(next.items);
                    told(page, page + u32::from(more));
                }
            }
            (pages, records) => {
                let by_records = records
                    .map(|r| r.div_ceil(u64::from(per_page)).min(u64::from(MAX_PAGES)) as u32);
                let last = pages
                    .into_iter()
                    .chain(by_records)
                    .min()
                    .unwrap_or(1)
                    .min(MAX_PAGES);
                told(1, last);
                let mut rest = futures::stream::iter(2..=last)
                    .map(fetch)
                    .buffered(self.list_concurrency);
                let mut done = 1;
                while let Some(page) = rest.try_next().await? {
                    if page.items.is_empty() {
                        break;
                    }
                    items.extend(page.items);
                    done += 1;
                    told(done, last);
                }
            }
        }
        let mut seen = HashSet::new();
        items.retain(|t: &T| seen.insert(t.id().to_owned()));
        Ok(items)
    }

    /// One tracker; `fields` may ask for `swap_targets` and `campaign_name`.
    pub async fn get_tracker(
        &self,
        account_id: &str,
        tracker_id: &str,
        fields: &[&str],
    ) -> Result<Tracker> {
        let account = check_id("account_id", account_id)?;
        let tracker = check_id("tracker_id", tracker_id)?;
        let query: Vec<(&'static str, String)> = if fields.is_empty() {
            Vec::new()
        } else {
            vec![("fields", fields.join(","))]
        };
        self.get(
            &account,
            &format!("/v3/a/{account}/trackers/{tracker}.json"),
            &query,
        )
        .await
    }
}
