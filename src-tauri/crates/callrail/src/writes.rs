//! The writes: create, update, disable. Each is sent once; when CallRail's answer is lost (a 5xx, a
//! timeout, a broken connection, an unreadable body, or a 429 it may have carried out all the same),
//! CallRail's own state is read to tell done from not done, and what cannot be told is unknown.

use crate::check::CreatedLookup;
use crate::models::Tracker;
use crate::rules::{check_id, TrackerDraft};
use crate::transport::Failure;
use crate::update::{plan_update, TrackerChanges};
use crate::{Client, Error, Result};
use reqwest::Method;
use std::collections::HashSet;
use std::time::Duration;

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

impl Client {
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
        // By CallRail's clock, which stamps the tracker's `created_at`.
        let sent_at = self.clock().now();
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
            Ok((_, bytes)) => match self.inner.decode::<Tracker>(&bytes) {
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
        self.update_read_tracker(&account, before, changes).await
    }

    /// The same, from `before`: the tracker as it was just read (with its swap targets), so an
    /// edit spends one read and one write.
    pub async fn update_read_tracker(
        &self,
        account_id: &str,
        before: Tracker,
        changes: &TrackerChanges,
    ) -> Result<Updated> {
        let account = check_id("account_id", account_id)?;
        let tracker = check_id("tracker_id", &before.id)?;
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
            Ok((_, body)) => match self.inner.decode(&body) {
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
            Ok((_, body)) => match self.inner.decode(&body) {
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
