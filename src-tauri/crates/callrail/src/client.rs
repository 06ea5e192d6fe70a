//! The CallRail API v3 client: accounts, companies and trackers.

use crate::builder::ClientBuilder;
use crate::check::{CheckPolicy, CreatedLookup};
use crate::list::{check_per_page, StatusFilter, TrackerQuery, PER_PAGE_MAX};
use crate::models::{Account, Company, Page, Tracker};
use crate::rules::{check_id, TrackerDraft};
use crate::transport::{Failure, Transport};
use crate::update::{plan_update, TrackerChanges};
use crate::{ApiKey, Error, Result};
use futures::{StreamExt, TryStreamExt};
use reqwest::Method;
use serde::de::DeserializeOwned;
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

/// A list never reads more pages than this, whatever the server claims.
const MAX_PAGES: u32 = 2_000;

/// A tracker just created; `reconciled` says why its answer was lost when it was found afterwards.
#[derive(Debug, Clone)]
pub struct CreateOutcome {
    pub tracker: Tracker,
    pub reconciled: Option<String>,
}

/// A tracker before and after an update; `changed` names the fields sent (empty: nothing to send);
/// `reconciled` says why the answer was lost when the change was found by reading the tracker.
#[derive(Debug, Clone)]
pub struct Updated {
    pub before: Tracker,
    pub after: Tracker,
    pub changed: Vec<String>,
    pub reconciled: Option<String>,
}

/// A disabled tracker: as CallRail answered (`None` for a bare 204), and why the answer was lost when
/// the disable was found by reading the tracker.
#[derive(Debug, Clone)]
pub struct Disabled {
    pub tracker: Option<Tracker>,
    pub reconciled: Option<String>,
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
    pub fn builder(key: ApiKey) -> ClientBuilder {
        ClientBuilder::new(key)
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
        decode(&body)
    }

    /// Every account the key sees.
    pub async fn list_accounts(&self) -> Result<Vec<Account>> {
        self.all_pages("", "/v3/a.json".into(), Vec::new(), PER_PAGE_MAX)
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
        )
        .await
    }

    /// Reads page 1, then the rest `list_concurrency` at a time. Stops at the first empty page, and
    /// reads one page at a time until a short page when the count of pages is not given.
    async fn all_pages<T: DeserializeOwned + Identified>(
        &self,
        limit_key: &str,
        path: String,
        query: Vec<(&'static str, String)>,
        per_page: u32,
    ) -> Result<Vec<T>> {
        let fetch = |page: u32| {
            let mut q = query.clone();
            q.push(("page", page.to_string()));
            q.push(("per_page", per_page.to_string()));
            let path = path.clone();
            async move { self.get::<Page<T>>(limit_key, &path, &q).await }
        };
        let first = fetch(1).await?;
        let mut items = Vec::new();
        let full = first.items.len() >= per_page as usize;
        items.extend(first.items);
        match (first.total_pages, first.total_records) {
            (None, None) => {
                let mut page = 1;
                let mut more = full;
                while more && page < MAX_PAGES {
                    page += 1;
                    let next = fetch(page).await?;
                    more = next.items.len() >= per_page as usize;
                    items.extend(next.items);
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
                let mut rest = futures::stream::iter(2..=last)
                    .map(fetch)
                    .buffered(self.list_concurrency);
                while let Some(page) = rest.try_next().await? {
                    if page.items.is_empty() {
                        break;
                    }
                    items.extend(page.items);
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

    /// Creates a source or session tracker: this buys numbers. Sent once. When the answer is lost
    /// (5xx, timeout, broken connection, unreadable body) the company's trackers are listed until
    /// the new one shows, for up to the check window; what cannot be found is
    /// [`Error::CreateOutcomeUnknown`], never "not created". After a bare 429 (a refusal) the
    /// listing is read once, in case CallRail carried the create out all the same.
    pub async fn create_tracker(
        &self,
        account_id: &str,
        draft: &TrackerDraft,
    ) -> Result<CreateOutcome> {
        self.create_tracker_excluding(account_id, draft, &HashSet::new())
            .await
    }

    /// [`Client::create_tracker`], where the trackers in `exclude` (already made by earlier
    /// creates of the same name) are never taken for this one.
    pub async fn create_tracker_excluding(
        &self,
        account_id: &str,
        draft: &TrackerDraft,
        exclude: &HashSet<String>,
    ) -> Result<CreateOutcome> {
        let account = check_id("account_id", account_id)?;
        let sent_at = time::OffsetDateTime::now_utc();
        let sent = self
            .inner
            .send(
                Method::POST,
                &account,
                &format!("/v3/a/{account}/trackers.json"),
                &[],
                Some(&draft.to_body()),
            )
            .await;
        let (cause, refused) = match sent {
            Ok((_, bytes)) => match decode::<Tracker>(&bytes) {
                Ok(tracker) => {
                    return Ok(CreateOutcome {
                        tracker,
                        reconciled: None,
                    })
                }
                Err(e) => (e, false),
            },
            Err(Failure {
                error: error @ Error::RateLimited { local: false, .. },
                ..
            }) => (error, true),
            Err(Failure {
                error,
                maybe_processed: true,
            }) => (error, false),
            Err(Failure { error, .. }) => return Err(error),
        };
        tracing::warn!(%cause, "create not confirmed; looking for it in CallRail");
        let lookup = CreatedLookup {
            exclude: exclude.clone(),
            ..CreatedLookup::for_draft(draft, sent_at, &self.check)
        };
        let window = if refused {
            Duration::ZERO
        } else {
            self.check.window
        };
        let looked = self
            .poll(window, || async {
                Ok(self.find_created(&account, &lookup).await?.ok_or(()))
            })
            .await;
        let unknown = |check: String| Error::CreateOutcomeUnknown {
            name: draft.name().to_owned(),
            cause: cause.to_string(),
            check,
        };
        match looked {
            Ok(Ok(tracker)) => Ok(CreateOutcome {
                tracker,
                reconciled: Some(cause.to_string()),
            }),
            Ok(Err(())) if refused => Err(cause),
            Ok(Err(())) => Err(unknown(format!(
                "no tracker of that name appeared in the company's list within {} seconds",
                window.as_secs()
            ))),
            Err(e) => Err(unknown(format!("looking for it failed ({e})"))),
        }
    }

    /// Read, merge, write: reads the tracker, checks and merges `changes`, and sends only what
    /// changed (a changed call flow whole). Nothing is sent when nothing changes. When the answer
    /// is lost, the tracker is read to see whether the change is there (a pool's new numbers may
    /// lag, so a growing pool is read until they show, for up to the check window).
    pub async fn update_tracker(
        &self,
        account_id: &str,
        tracker_id: &str,
        changes: &TrackerChanges,
    ) -> Result<Updated> {
        let account = check_id("account_id", account_id)?;
        let tracker = check_id("tracker_id", tracker_id)?;
        let before = self
            .get_tracker(&account, &tracker, &["swap_targets"])
            .await?;
        let plan = plan_update(&before, changes)?;
        let changed: Vec<String> = plan
            .changed_fields()
            .into_iter()
            .map(str::to_owned)
            .collect();
        if plan.is_empty() {
            return Ok(Updated {
                after: before.clone(),
                before,
                changed,
                reconciled: None,
            });
        }
        let path = format!("/v3/a/{account}/trackers/{tracker}.json");
        let (cause, refused) = match self
            .inner
            .send(Method::PUT, &account, &path, &[], Some(&plan.body()))
            .await
        {
            Ok((_, body)) => match decode(&body) {
                Ok(after) => {
                    return Ok(Updated {
                        before,
                        after,
                        changed,
                        reconciled: None,
                    })
                }
                Err(e) => (e, false),
            },
            Err(Failure {
                error: error @ Error::RateLimited { local: false, .. },
                ..
            }) => (error, true),
            Err(f) if f.maybe_processed => (f.error, false),
            Err(f) => return Err(f.error),
        };
        tracing::warn!(%cause, tracker, "update not confirmed; reading the tracker");
        let grows = changed.iter().any(|f| f == "pool_size");
        // New pool numbers can take a while to show, even behind a 429 CallRail carried out.
        let window = if grows {
            self.check.window
        } else {
            Duration::ZERO
        };
        let looked = self
            .poll(window, || async {
                let now = self
                    .get_tracker(&account, &tracker, &["swap_targets"])
                    .await?;
                let left: Vec<String> = plan_update(&now, changes)?
                    .changed_fields()
                    .into_iter()
                    .map(str::to_owned)
                    .collect();
                Ok(if left.is_empty() { Ok(now) } else { Err(left) })
            })
            .await;
        match looked {
            Ok(Ok(after)) => Ok(Updated {
                before,
                after,
                changed,
                reconciled: Some(cause.to_string()),
            }),
            // A bare 429 refused it, and nothing of it shows.
            Ok(Err(left)) if left == changed && refused => Err(cause),
            // Nothing shows, and nothing could be lagging: the change was not made.
            Ok(Err(left)) if left == changed && !grows => Err(Error::NotCarriedOut {
                cause: cause.to_string(),
                check: format!("{tracker} still has its old {}", left.join(", ")),
            }),
            Ok(Err(left)) => Err(Error::ChangeOutcomeUnknown {
                tracker_id: tracker.clone(),
                cause: cause.to_string(),
                check: format!(
                    "after {} seconds CallRail still shows the old {}",
                    window.as_secs(),
                    left.join(", ")
                ),
            }),
            Err(e) => Err(Error::ChangeOutcomeUnknown {
                tracker_id: tracker.clone(),
                cause: cause.to_string(),
                check: format!("reading the tracker failed ({e})"),
            }),
        }
    }

    /// Disables a tracker: CallRail releases its numbers for good and keeps its history. CallRail
    /// answers 204 (nothing) or 200 with the tracker. Any other answer is settled by reading the
    /// tracker's status: a DELETE that was carried out but whose answer was lost (or that CallRail
    /// refuses because the tracker is already disabled) is done.
    pub async fn disable_tracker(&self, account_id: &str, tracker_id: &str) -> Result<Disabled> {
        let account = check_id("account_id", account_id)?;
        let tracker = check_id("tracker_id", tracker_id)?;
        let path = format!("/v3/a/{account}/trackers/{tracker}.json");
        let (cause, maybe) = match self
            .inner
            .send(Method::DELETE, &account, &path, &[], None)
            .await
        {
            Ok((_, body)) if body.iter().all(u8::is_ascii_whitespace) => {
                return Ok(Disabled {
                    tracker: None,
                    reconciled: None,
                })
            }
            Ok((_, body)) => match decode(&body) {
                Ok(t) => {
                    return Ok(Disabled {
                        tracker: Some(t),
                        reconciled: None,
                    })
                }
                Err(e) => (e, true),
            },
            Err(f) => (f.error, f.maybe_processed),
        };
        tracing::warn!(%cause, tracker, "disable not confirmed; reading the tracker");
        match self.get_tracker(&account, &tracker, &[]).await {
            Ok(t) if !t.is_active() => Ok(Disabled {
                tracker: Some(t),
                reconciled: Some(cause.to_string()),
            }),
            Ok(_) if maybe => Err(Error::NotCarriedOut {
                cause: cause.to_string(),
                check: format!("{tracker} is still active"),
            }),
            Ok(_) => Err(cause),
            Err(e) if maybe => Err(Error::ChangeOutcomeUnknown {
                tracker_id: tracker.clone(),
                cause: cause.to_string(),
                check: format!("reading its status failed ({e})"),
            }),
            Err(_) => Err(cause),
        }
    }
}

fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T> {
    serde_json::from_slice(body).map_err(|e| Error::Decode {
        message: e.to_string(),
    })
}
