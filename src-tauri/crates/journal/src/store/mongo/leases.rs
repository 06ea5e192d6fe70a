//! The team store's bulk-run leases, judged by the server's clock, and its count of requests per
//! account and minute for the quota governor.

use super::{db_err, is_duplicate, MongoStore};
use crate::store::{LeaseAnswer, RequestCount, RunLease};
use crate::JournalResult;
use futures::TryStreamExt;
use mongodb::bson::{doc, Document};

fn lease_of(d: &Document) -> RunLease {
    let text = |k: &str| d.get_str(k).unwrap_or_default().to_owned();
    RunLease {
        run_id: text("_id"),
        holder: text("holder"),
        person: text("person"),
        expires_at: text("expires_at"),
    }
}

impl MongoStore {
    /// The server's clock (its `hello` answer's `localTime`), so that desks whose clocks differ
    /// judge a lease alike; this computer's when the server does not say.
    async fn server_now(&self) -> mongodb::bson::DateTime {
        match self.admin.run_command(doc! { "hello": 1 }).await {
            Ok(answer) => answer
                .get_datetime("localTime")
                .copied()
                .unwrap_or_else(|_| mongodb::bson::DateTime::now()),
            Err(_) => mongodb::bson::DateTime::now(),
        }
    }

    /// Takes or renews a run's lease (see [`Store::lease_run`]), by the server's clock.
    pub(super) async fn take_lease(
        &self,
        run_id: &str,
        (holder, person): (&str, &str),
        ttl: std::time::Duration,
        replacing: Option<&str>,
    ) -> JournalResult<LeaseAnswer> {
        let now = self.server_now().await;
        let ms = i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX);
        let expires =
            mongodb::bson::DateTime::from_millis(now.timestamp_millis().saturating_add(ms));
        let expires_at = expires.try_to_rfc3339_string().unwrap_or_default();
        // One write decides: it matches a lease that is ours or ran out, or inserts one where
        // there is none; a live lease of another desk makes the insert a duplicate.
        let taken = self
            .leases
            .update_one(
                doc! { "_id": run_id, "$or": [
                    { "holder": holder },
                    { "holder": replacing.unwrap_or(holder) },
                    { "expires": { "$lte": now } },
                ] },
                doc! { "$set": { "holder": holder, "person": person, "expires": expires, "expires_at": &expires_at } },
            )
            .upsert(true)
            .await;
        match taken {
            Ok(_) => Ok(LeaseAnswer::Granted),
            Err(e) if is_duplicate(&e) => {
                let held = self
                    .leases
                    .find_one(doc! { "_id": run_id })
                    .await
                    .map_err(|e| self.failed(e))?;
                match held {
                    Some(d) => Ok(LeaseAnswer::Held(lease_of(&d))),
                    // Let go of in between: asked again next time.
                    None => Ok(LeaseAnswer::Held(RunLease {
                        run_id: run_id.to_owned(),
                        holder: String::new(),
                        person: "another desk".into(),
                        expires_at,
                    })),
                }
            }
            Err(e) => Err(db_err(e)),
        }
    }

    pub(super) async fn let_go(&self, run_id: &str, holder: &str) -> JournalResult<()> {
        self.leases
            .delete_one(doc! { "_id": run_id, "holder": holder })
            .await
            .map(|_| ())
            .map_err(|e| self.failed(e))
    }

    pub(super) async fn live_leases(&self) -> JournalResult<Vec<RunLease>> {
        let now = self.server_now().await;
        let live: Vec<Document> = self
            .leases
            .find(doc! { "expires": { "$gt": now } })
            .await
            .map_err(|e| self.failed(e))?
            .try_collect()
            .await
            .map_err(|e| self.failed(e))?;
        Ok(live.iter().map(lease_of).collect())
    }

    /// Counts a request (see [`Store::count_request`]).
    pub(super) async fn count(
        &self,
        account: &str,
        minute: i64,
        limits: Option<(u32, u32)>,
    ) -> JournalResult<RequestCount> {
        let key = doc! { "account_id": account, "minute": minute };
        if limits.is_some() {
            self.requests
                .update_one(key.clone(), doc! { "$inc": { "count": 1_i64 } })
                .upsert(true)
                .await
                .map_err(|e| self.failed(e))?;
        }
        let docs: Vec<Document> = self
            .requests
            .find(doc! { "account_id": account, "minute": { "$gt": minute - 24 * 60, "$lte": minute + crate::store::CLOCK_TOLERANCE_MINUTES } })
            .await
            .map_err(|e| self.failed(e))?
            .try_collect()
            .await
            .map_err(|e| self.failed(e))?;
        let mut count = RequestCount::default();
        for d in &docs {
            let m = d.get_i64("minute").unwrap_or(minute);
            let n = u32::try_from(
                d.get_i64("count")
                    .or_else(|_| d.get_i32("count").map(i64::from))
                    .unwrap_or(0),
            )
            .unwrap_or(0);
            count.day += n;
            count.oldest_in_day = Some(count.oldest_in_day.map_or(m, |o| o.min(m)));
            if m > minute - 60 {
                count.hour += n;
                count.oldest_in_hour = Some(count.oldest_in_hour.map_or(m, |o| o.min(m)));
            }
        }
        if let Some((per_hour, per_day)) = limits {
            count.taken = count.hour <= per_hour && count.day <= per_day;
            if !count.taken {
                self.requests
                    .update_one(key, doc! { "$inc": { "count": -1_i64 } })
                    .await
                    .map_err(|e| self.failed(e))?;
                count.hour -= 1;
                count.day -= 1;
            }
        }
        Ok(count)
    }
}
