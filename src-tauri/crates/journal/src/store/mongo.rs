//! The shared store for agency teams: one MongoDB (a replica set or Atlas, `mongodb+srv://` works),
//! with collections for journal entries, tracker snapshots and connection names (never keys), and
//! the indexes their queries need, created at start.

use super::{
    Completion, EntryState, HistoryFilter, JournalEntry, LeaseAnswer, RequestCount, RunLease,
    SnapshotRecord, Store,
};
use crate::runs::{BulkRun, RunRow};
use crate::{JournalError, JournalResult};
use futures::TryStreamExt;
use mongodb::bson::{doc, Document};
use mongodb::Collection;

mod connect;
mod leases;

pub struct MongoStore {
    /// For `ping`.
    admin: mongodb::Database,
    journal: Collection<JournalEntry>,
    /// The same collection as documents, with the target an unresolved entry holds.
    entries: Collection<Document>,
    snapshots: Collection<SnapshotRecord>,
    connections: Collection<Document>,
    /// Bulk runs and their rows, as JSON text (as the local store keeps them).
    runs: Collection<Document>,
    run_rows: Collection<Document>,
    /// Requests per account and minute, for the quota governor.
    requests: Collection<Document>,
    /// Bulk runs' leases, one document per run being applied, judged by the server's clock.
    leases: Collection<Document>,
    /// When the server last failed to answer: for a while after, uses fail at once instead of
    /// each waiting for the driver's server selection (8 seconds), and `ping` tries it again.
    down_since: std::sync::Mutex<Option<std::time::Instant>>,
}

/// How long uses fail at once after the server did not answer.
const DOWN_FOR: std::time::Duration = std::time::Duration::from_secs(30);

fn json_err(e: serde_json::Error) -> JournalError {
    JournalError::Storage(format!(
        "a bulk run in the team's MongoDB could not be read: {e}"
    ))
}

fn run_doc(run: &BulkRun) -> JournalResult<Document> {
    Ok(doc! {
        "_id": &run.id,
        "created_at": &run.created_at,
        "run": serde_json::to_string(run).map_err(json_err)?,
    })
}

fn row_doc(r: &RunRow) -> JournalResult<Document> {
    Ok(doc! {
        "_id": format!("{}/{}", r.run_id, r.index),
        "run_id": &r.run_id,
        "index": i64::from(r.index),
        "row": serde_json::to_string(r).map_err(json_err)?,
        "work": serde_json::to_string(&r.work).map_err(json_err)?,
    })
}

impl MongoStore {
    /// Fails at once while the server is known not to answer (see [`MongoStore::ping`]).
    fn guard(&self) -> JournalResult<()> {
        let down = *self
            .down_since
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match down {
            Some(at) if at.elapsed() < DOWN_FOR => Err(JournalError::Storage(
                "the team's MongoDB did not answer a moment ago; it is tried again shortly".into(),
            )),
            _ => Ok(()),
        }
    }

    /// The error, noting a server that does not answer.
    pub(super) fn failed(&self, e: mongodb::error::Error) -> JournalError {
        if matches!(
            *e.kind,
            mongodb::error::ErrorKind::ServerSelection { .. } | mongodb::error::ErrorKind::Io(_)
        ) {
            self.mark_down(true);
        }
        db_err(e)
    }

    pub(super) fn mark_down(&self, down: bool) {
        *self
            .down_since
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) =
            down.then(std::time::Instant::now);
    }
}

/// The field an unresolved entry claims its target with (see [`JournalEntry::target`]).
pub(super) const OPEN_TARGET: &str = "open_target";
const UNRESOLVED: [&str; 2] = ["intended", "unknown"];

fn entry_doc(entry: &JournalEntry) -> JournalResult<Document> {
    mongodb::bson::to_document(entry)
        .map_err(|e| JournalError::Storage(format!("a journal entry could not be written: {e}")))
}

/// The entry as written, holding its target while it is unresolved.
pub(super) fn claimed_doc(entry: &JournalEntry) -> JournalResult<Document> {
    let mut doc = entry_doc(entry)?;
    if entry.unresolved() {
        doc.insert(OPEN_TARGET, entry.target());
    }
    Ok(doc)
}

fn is_duplicate(e: &mongodb::error::Error) -> bool {
    matches!(
        *e.kind,
        mongodb::error::ErrorKind::Write(mongodb::error::WriteFailure::WriteError(ref w)) if w.code == 11000
    )
}

pub(super) fn db_err(e: mongodb::error::Error) -> JournalError {
    JournalError::Storage(format!("the team's MongoDB could not be used: {e}"))
}

#[async_trait::async_trait]
impl Store for MongoStore {
    async fn record_intent(&self, entry: &JournalEntry) -> JournalResult<()> {
        self.guard()?;
        // Idempotent, so copying a local journal up twice keeps one of each entry. An unresolved
        // one claims its target like any new write; where another holds it, it is kept unclaimed.
        let replace = |doc: Document| async move {
            self.entries
                .replace_one(doc! { "id": &entry.id }, doc)
                .upsert(true)
                .await
        };
        match replace(claimed_doc(entry)?).await {
            Err(e) if is_duplicate(&e) => replace(entry_doc(entry)?).await.map(|_| ()),
            other => other.map(|_| ()),
        }
        .map_err(|e| self.failed(e))
    }

    async fn claim(&self, entry: &JournalEntry) -> JournalResult<Option<JournalEntry>> {
        self.guard()?;
        let target = entry.target();
        // One write decides: the entry carries its target while it is unresolved, under a unique
        // index, so two desks can never both hold one. Twice at most: a target left on an entry
        // that has since been resolved is cleared, then claimed again.
        for _ in 0..2 {
            match self.entries.insert_one(claimed_doc(entry)?).await {
                Ok(_) => return Ok(None),
                Err(e) if is_duplicate(&e) => {
                    let holder = self
                        .journal
                        .find_one(doc! { OPEN_TARGET: &target })
                        .await
                        .map_err(|e| self.failed(e))?;
                    match holder {
                        Some(other) if other.unresolved() => return Ok(Some(other)),
                        Some(other) => {
                            self.entries
                                .update_one(
                                    doc! { "id": &other.id, "state": { "$nin": &UNRESOLVED[..] } },
                                    doc! { "$unset": { OPEN_TARGET: "" } },
                                )
                                .await
                                .map_err(|e| self.failed(e))?;
                        }
                        // Let go of in between.
                        None => {}
                    }
                }
                Err(e) => return Err(db_err(e)),
            }
        }
        Err(JournalError::Storage(
            "the team's MongoDB kept changing while this change was being recorded; try again"
                .into(),
        ))
    }

    async fn record_outcome(&self, id: &str, c: &Completion) -> JournalResult<()> {
        self.guard()?;
        let mut set = doc! { "state": c.state.as_str(), "outcome": &c.outcome, "completed_at": crate::now_rfc3339() };
        if let Some(t) = &c.tracker_id {
            set.insert("tracker_id", t);
        }
        if let Some(a) = &c.after {
            set.insert("after", a);
        }
        let mut update = doc! { "$set": set };
        // Resolved, it lets go of its target in the same write.
        if c.state != EntryState::Unknown && c.state != EntryState::Intended {
            update.insert("$unset", doc! { OPEN_TARGET: "" });
        }
        self.journal
            .update_one(doc! { "id": id }, update)
            .await
            .map(|_| ())
            .map_err(|e| self.failed(e))
    }

    async fn history(&self, f: &HistoryFilter) -> JournalResult<Vec<JournalEntry>> {
        self.guard()?;
        let mut q = Document::new();
        if let Some(v) = &f.company_id {
            q.insert("company_id", v);
        }
        if let Some(v) = &f.tracker_id {
            q.insert("tracker_id", v);
        }
        if let Some(v) = f.operation {
            q.insert("operation", v.as_str());
        }
        if let Some(v) = &f.person {
            q.insert("person", v);
        }
        let mut range = Document::new();
        if let Some(v) = &f.since {
            range.insert("$gte", v);
        }
        if let Some(v) = &f.until {
            range.insert("$lte", v);
        }
        if !range.is_empty() {
            q.insert("created_at", range);
        }
        let limit = i64::from(f.limit.unwrap_or(10_000));
        let cursor = self
            .journal
            .find(q)
            .sort(doc! { "created_at": -1, "_id": -1 })
            .limit(limit)
            .await
            .map_err(|e| self.failed(e))?;
        cursor.try_collect().await.map_err(|e| self.failed(e))
    }

    async fn unresolved(&self) -> JournalResult<Vec<JournalEntry>> {
        self.guard()?;
        let q = doc! { "state": { "$in": [EntryState::Intended.as_str(), EntryState::Unknown.as_str()] } };
        let cursor = self
            .journal
            .find(q)
            .sort(doc! { "created_at": 1, "_id": 1 })
            .await
            .map_err(|e| self.failed(e))?;
        cursor.try_collect().await.map_err(|e| self.failed(e))
    }

    async fn entries(&self, ids: &[String]) -> JournalResult<Vec<JournalEntry>> {
        self.guard()?;
        self.journal
            .find(doc! { "id": { "$in": ids } })
            .await
            .map_err(|e| self.failed(e))?
            .try_collect()
            .await
            .map_err(|e| self.failed(e))
    }

    async fn save_snapshot(
        &self,
        connection: &str,
        account_id: &str,
        tracker_id: &str,
        company_id: Option<&str>,
        tracker: &str,
    ) -> JournalResult<()> {
        self.guard()?;
        let snap = SnapshotRecord {
            connection: connection.into(),
            account_id: account_id.into(),
            tracker_id: tracker_id.into(),
            company_id: company_id.map(str::to_owned),
            tracker: tracker.into(),
            seen_at: crate::now_rfc3339(),
        };
        self.snapshots
            .replace_one(doc! { "connection": connection, "account_id": account_id, "tracker_id": tracker_id }, snap)
            .upsert(true)
            .await
            .map(|_| ())
            .map_err(|e| self.failed(e))
    }

    async fn snapshot(
        &self,
        connection: &str,
        account_id: &str,
        tracker_id: &str,
    ) -> JournalResult<Option<String>> {
        self.guard()?;
        let found = self
            .snapshots
            .find_one(doc! { "connection": connection, "account_id": account_id, "tracker_id": tracker_id })
            .await
            .map_err(|e| self.failed(e))?;
        Ok(found.map(|s| s.tracker))
    }

    async fn all_snapshots(&self) -> JournalResult<Vec<SnapshotRecord>> {
        self.guard()?;
        self.snapshots
            .find(doc! {})
            .await
            .map_err(|e| self.failed(e))?
            .try_collect()
            .await
            .map_err(|e| self.failed(e))
    }

    async fn save_snapshots(&self, records: &[SnapshotRecord]) -> JournalResult<()> {
        self.guard()?;
        // Two round trips a chunk, not one a tracker: a listing of 10,000 trackers is 20 chunks.
        // The copies are a cache of what CallRail showed, so a reader may miss one for a moment.
        for chunk in records.chunks(500) {
            let mut by_account: std::collections::BTreeMap<(&str, &str), Vec<&str>> =
                Default::default();
            for r in chunk {
                by_account
                    .entry((&r.connection, &r.account_id))
                    .or_default()
                    .push(&r.tracker_id);
            }
            for ((connection, account_id), ids) in by_account {
                self.snapshots
                    .delete_many(doc! { "connection": connection, "account_id": account_id, "tracker_id": { "$in": ids } })
                    .await
                    .map_err(|e| self.failed(e))?;
            }
            self.snapshots
                .insert_many(chunk)
                .ordered(false)
                .await
                .map_err(|e| self.failed(e))?;
        }
        Ok(())
    }

    async fn company_snapshots(
        &self,
        connection: &str,
        account_id: &str,
        company_id: Option<&str>,
    ) -> JournalResult<Vec<SnapshotRecord>> {
        self.guard()?;
        let mut q = doc! { "connection": connection, "account_id": account_id };
        if let Some(company_id) = company_id {
            q.insert("company_id", company_id);
        }
        self.snapshots
            .find(q)
            .await
            .map_err(|e| self.failed(e))?
            .try_collect()
            .await
            .map_err(|e| self.failed(e))
    }

    async fn save_run(&self, run: &BulkRun, rows: &[RunRow]) -> JournalResult<()> {
        self.guard()?;
        // The rows first: a run is only found once all of them are there.
        for r in rows {
            self.update_run_row(r).await?;
        }
        self.update_run(run).await
    }

    async fn update_run(&self, run: &BulkRun) -> JournalResult<()> {
        self.guard()?;
        self.runs
            .replace_one(doc! { "_id": &run.id }, run_doc(run)?)
            .upsert(true)
            .await
            .map(|_| ())
            .map_err(|e| self.failed(e))
    }

    async fn update_run_row(&self, row: &RunRow) -> JournalResult<()> {
        self.guard()?;
        let d = row_doc(row)?;
        self.run_rows
            .replace_one(
                doc! { "_id": d.get_str("_id").unwrap_or_default() },
                d.clone(),
            )
            .upsert(true)
            .await
            .map(|_| ())
            .map_err(|e| self.failed(e))
    }

    async fn runs(&self, limit: u32) -> JournalResult<Vec<BulkRun>> {
        self.guard()?;
        let docs: Vec<Document> = self
            .runs
            .find(doc! {})
            .sort(doc! { "created_at": -1, "_id": -1 })
            .limit(i64::from(limit))
            .await
            .map_err(|e| self.failed(e))?
            .try_collect()
            .await
            .map_err(|e| self.failed(e))?;
        docs.iter()
            .map(|d| serde_json::from_str(d.get_str("run").unwrap_or_default()).map_err(json_err))
            .collect()
    }

    async fn lease_run(
        &self,
        run_id: &str,
        holder: &str,
        person: &str,
        ttl: std::time::Duration,
        replacing: Option<&str>,
    ) -> JournalResult<LeaseAnswer> {
        self.guard()?;
        self.take_lease(run_id, (holder, person), ttl, replacing)
            .await
    }

    async fn release_run(&self, run_id: &str, holder: &str) -> JournalResult<()> {
        self.guard()?;
        self.let_go(run_id, holder).await
    }

    async fn run_leases(&self) -> JournalResult<Vec<RunLease>> {
        self.guard()?;
        self.live_leases().await
    }

    async fn run_rows(&self, run_id: &str) -> JournalResult<Vec<RunRow>> {
        self.guard()?;
        let docs: Vec<Document> = self
            .run_rows
            .find(doc! { "run_id": run_id })
            .sort(doc! { "index": 1 })
            .await
            .map_err(|e| self.failed(e))?
            .try_collect()
            .await
            .map_err(|e| self.failed(e))?;
        docs.iter()
            .map(|d| {
                let mut row: RunRow =
                    serde_json::from_str(d.get_str("row").unwrap_or_default()).map_err(json_err)?;
                row.work = serde_json::from_str(d.get_str("work").unwrap_or_default())
                    .map_err(json_err)?;
                Ok(row)
            })
            .collect()
    }

    /// Counted first and taken back when over: two computers at once may each be refused, but
    /// never both let through past the limit.
    async fn count_request(
        &self,
        account: &str,
        minute: i64,
        limits: Option<(u32, u32)>,
    ) -> JournalResult<RequestCount> {
        self.guard()?;
        self.count(account, minute, limits).await
    }

    /// Shares a connection's name and account with the team: the key stays in each person's keyring.
    async fn share_connection(
        &self,
        id: &str,
        name: &str,
        account_id: Option<&str>,
    ) -> JournalResult<()> {
        self.guard()?;
        self.connections
            .replace_one(
                doc! { "id": id },
                doc! { "id": id, "name": name, "account_id": account_id },
            )
            .upsert(true)
            .await
            .map(|_| ())
            .map_err(|e| self.failed(e))
    }
}
