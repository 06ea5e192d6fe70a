//! The embedded store: one SQLite file in the app-data folder, in WAL mode, migrated through a version
//! table, and safe when two app processes (or the app and the command line) write at once.

use super::{
    Completion, EntryState, HistoryFilter, JournalEntry, LeaseAnswer, Operation, RequestCount,
    RunLease, SnapshotRecord, Store,
};
use crate::runs::{BulkRun, RunRow};

mod bulk;
mod schema;
use crate::{JournalError, JournalResult};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use schema::MIGRATIONS;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

pub struct SqliteStore {
    path: PathBuf,
    conn: Mutex<Connection>,
    /// Counts requests. Its commits are not synced one by one: a count lost to a power cut only
    /// makes the governor a little generous, and every request pays for this one.
    counter: Mutex<Connection>,
}

fn db_err(e: rusqlite::Error) -> JournalError {
    JournalError::Storage(format!("the local journal could not be used: {e}"))
}

impl SqliteStore {
    /// Opens (or creates) the file and brings its schema up to date.
    pub fn open(path: &Path) -> JournalResult<Self> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| {
                JournalError::Storage(format!("could not create {}: {e}", dir.display()))
            })?;
        }
        // Two processes starting at once may both set up a new file: the switch to WAL takes an
        // exclusive lock that does not wait on the busy timeout, so the set-up is tried again.
        let mut tries = 0;
        let (conn, found) = loop {
            match prepare(path) {
                Ok(ready) => break ready,
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if tries < 50
                        && matches!(
                            e.code,
                            rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                        ) =>
                {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(100));
                }
                Err(e) => {
                    return Err(JournalError::Storage(format!(
                        "the journal {} could not be used: {e}",
                        path.display()
                    )))
                }
            }
        };
        if found as usize > MIGRATIONS.len() {
            return Err(JournalError::Storage(format!(
                "the local journal was written by a newer Tracker Desk (schema {found}); update the app"
            )));
        }
        let counter = Connection::open(path)
            .and_then(|c| {
                c.busy_timeout(Duration::from_secs(10))?;
                c.pragma_update(None, "synchronous", "NORMAL")?;
                Ok(c)
            })
            .map_err(db_err)?;
        Ok(Self {
            path: path.to_owned(),
            conn: Mutex::new(conn),
            counter: Mutex::new(counter),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn schema_version(&self) -> JournalResult<u32> {
        let conn = self.lock();
        conn.query_row(
            "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
            [],
            |r| r.get(0),
        )
        .map_err(db_err)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// One write, in an IMMEDIATE transaction so concurrent writers queue on the busy timeout
    /// instead of failing halfway.
    fn write(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> rusqlite::Result<()>,
    ) -> JournalResult<()> {
        let mut conn = self.lock();
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(db_err)?;
        f(&tx).map_err(db_err)?;
        tx.commit().map_err(db_err)
    }
}

fn prepare(path: &Path) -> rusqlite::Result<(Connection, u32)> {
    let mut conn = Connection::open(path)?;
    conn.busy_timeout(Duration::from_secs(10))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // Every commit reaches the disk before the request it announces leaves.
    conn.pragma_update(None, "synchronous", "FULL")?;
    let found = migrate(&mut conn)?;
    Ok((conn, found))
}

/// Applies the missing steps; returns the version the file had (a newer one is left untouched).
fn migrate(conn: &mut Connection) -> rusqlite::Result<u32> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute_batch("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")?;
    let found: u32 = tx.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
        [],
        |r| r.get(0),
    )?;
    for (i, step) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        tx.execute_batch(step)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)",
            params![i + 1, crate::now_rfc3339()],
        )?;
    }
    tx.commit()?;
    Ok(found)
}

fn entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<JournalEntry> {
    let operation: String = r.get("operation")?;
    let state: String = r.get("state")?;
    Ok(JournalEntry {
        id: r.get("id")?,
        created_at: r.get("created_at")?,
        completed_at: r.get("completed_at")?,
        person: r.get("person")?,
        connection_id: r.get("connection_id")?,
        connection: r.get("connection")?,
        account_id: r.get("account_id")?,
        company_id: r.get("company_id")?,
        tracker_id: r.get("tracker_id")?,
        tracker_name: r.get("tracker_name")?,
        operation: match operation.as_str() {
            "create" => Operation::Create,
            "update" => Operation::Update,
            _ => Operation::Disable,
        },
        request: r.get("request")?,
        state: EntryState::parse(&state),
        outcome: r.get("outcome")?,
        before: r.get("before")?,
        after: r.get("after")?,
    })
}

fn snapshot_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SnapshotRecord> {
    Ok(SnapshotRecord {
        connection: r.get(0)?,
        account_id: r.get(1)?,
        tracker_id: r.get(2)?,
        company_id: r.get(3)?,
        tracker: r.get(4)?,
        seen_at: r.get(5)?,
    })
}

fn insert(tx: &rusqlite::Transaction<'_>, e: &JournalEntry) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO journal (id, created_at, completed_at, person, connection_id, connection, account_id, company_id,
             tracker_id, tracker_name, operation, request, state, outcome, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        params![
            e.id, e.created_at, e.completed_at, e.person, e.connection_id, e.connection, e.account_id, e.company_id, e.tracker_id,
            e.tracker_name, e.operation.as_str(), e.request, e.state.as_str(), e.outcome, e.before, e.after
        ],
    )
    .map(|_| ())
}

#[async_trait::async_trait]
impl Store for SqliteStore {
    async fn record_intent(&self, e: &JournalEntry) -> JournalResult<()> {
        self.write(|tx| insert(tx, e))
    }

    async fn claim(&self, e: &JournalEntry) -> JournalResult<Option<JournalEntry>> {
        let mut blocker = None;
        self.write(|tx| {
            let target = e.target();
            let mut stmt = tx.prepare(
                "SELECT * FROM journal WHERE state IN ('intended', 'unknown') AND account_id = ?1",
            )?;
            blocker = stmt
                .query_map(params![e.account_id], entry)?
                .collect::<rusqlite::Result<Vec<_>>>()?
                .into_iter()
                .find(|other| other.target() == target);
            if blocker.is_none() {
                insert(tx, e)?;
            }
            Ok(())
        })?;
        Ok(blocker)
    }

    async fn record_outcome(&self, id: &str, c: &Completion) -> JournalResult<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE journal SET state = ?2, outcome = ?3, tracker_id = COALESCE(?4, tracker_id),
                     after = COALESCE(?5, after), completed_at = ?6 WHERE id = ?1",
                params![id, c.state.as_str(), c.outcome, c.tracker_id, c.after, crate::now_rfc3339()],
            )
            .map(|_| ())
        })
    }

    async fn history(&self, f: &HistoryFilter) -> JournalResult<Vec<JournalEntry>> {
        let conn = self.lock();
        let mut stmt = conn
            .prepare(
                "SELECT * FROM journal
                 WHERE (?1 IS NULL OR company_id = ?1) AND (?2 IS NULL OR tracker_id = ?2)
                   AND (?3 IS NULL OR operation = ?3) AND (?4 IS NULL OR person = ?4)
                   AND (?5 IS NULL OR created_at >= ?5) AND (?6 IS NULL OR created_at <= ?6)
                 ORDER BY created_at DESC, rowid DESC LIMIT ?7",
            )
            .map_err(db_err)?;
        let rows = stmt
            .query_map(
                params![
                    f.company_id,
                    f.tracker_id,
                    f.operation.map(Operation::as_str),
                    f.person,
                    f.since,
                    f.until,
                    f.limit.unwrap_or(10_000)
                ],
                entry,
            )
            .map_err(db_err)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db_err)
    }

    async fn unresolved(&self) -> JournalResult<Vec<JournalEntry>> {
        let conn = self.lock();
        let mut stmt = conn
            .prepare("SELECT * FROM journal WHERE state IN ('intended', 'unknown') ORDER BY created_at, rowid")
            .map_err(db_err)?;
        let rows = stmt.query_map([], entry).map_err(db_err)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db_err)
    }

    async fn entries(&self, ids: &[String]) -> JournalResult<Vec<JournalEntry>> {
        let conn = self.lock();
        let mut stmt = conn
            .prepare_cached("SELECT * FROM journal WHERE id = ?1")
            .map_err(db_err)?;
        let mut out = Vec::new();
        for id in ids {
            if let Some(e) = stmt
                .query_row(params![id], entry)
                .optional()
                .map_err(db_err)?
            {
                out.push(e);
            }
        }
        Ok(out)
    }

    async fn save_snapshot(
        &self,
        connection: &str,
        account_id: &str,
        tracker_id: &str,
        company_id: Option<&str>,
        tracker: &str,
    ) -> JournalResult<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO snapshots (connection, account_id, tracker_id, company_id, tracker, seen_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (connection, account_id, tracker_id)
                 DO UPDATE SET company_id = excluded.company_id, tracker = excluded.tracker, seen_at = excluded.seen_at",
                params![connection, account_id, tracker_id, company_id, tracker, crate::now_rfc3339()],
            )
            .map(|_| ())
        })
    }

    async fn snapshot(
        &self,
        connection: &str,
        account_id: &str,
        tracker_id: &str,
    ) -> JournalResult<Option<String>> {
        let conn = self.lock();
        conn.query_row(
            "SELECT tracker FROM snapshots WHERE connection = ?1 AND account_id = ?2 AND tracker_id = ?3",
            params![connection, account_id, tracker_id],
            |r| r.get(0),
        )
        .optional()
        .map_err(db_err)
    }

    async fn all_snapshots(&self) -> JournalResult<Vec<SnapshotRecord>> {
        let conn = self.lock();
        let mut stmt = conn
            .prepare("SELECT connection, account_id, tracker_id, company_id, tracker, seen_at FROM snapshots")
            .map_err(db_err)?;
        let rows = stmt.query_map([], snapshot_row).map_err(db_err)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db_err)
    }

    async fn save_snapshots(&self, records: &[SnapshotRecord]) -> JournalResult<()> {
        self.write(|tx| {
            let mut stmt = tx.prepare(
                "INSERT INTO snapshots (connection, account_id, tracker_id, company_id, tracker, seen_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (connection, account_id, tracker_id)
                 DO UPDATE SET company_id = excluded.company_id, tracker = excluded.tracker, seen_at = excluded.seen_at",
            )?;
            for r in records {
                stmt.execute(params![r.connection, r.account_id, r.tracker_id, r.company_id, r.tracker, r.seen_at])?;
            }
            Ok(())
        })
    }

    async fn save_run(&self, run: &BulkRun, rows: &[RunRow]) -> JournalResult<()> {
        self.write(|tx| bulk::save_run(tx, run, rows))
    }

    async fn update_run(&self, run: &BulkRun) -> JournalResult<()> {
        self.write(|tx| bulk::write_run(tx, run))
    }

    async fn update_run_row(&self, row: &RunRow) -> JournalResult<()> {
        self.write(|tx| bulk::write_row(tx, row))
    }

    async fn runs(&self, limit: u32) -> JournalResult<Vec<BulkRun>> {
        bulk::runs(&self.lock(), limit).map_err(db_err)
    }

    async fn lease_run(
        &self,
        run_id: &str,
        holder: &str,
        person: &str,
        ttl: Duration,
        replacing: Option<&str>,
    ) -> JournalResult<LeaseAnswer> {
        let mut answer = LeaseAnswer::Granted;
        self.write(|tx| {
            answer = bulk::lease_run(tx, run_id, (holder, person), ttl, replacing)?;
            Ok(())
        })?;
        Ok(answer)
    }

    async fn release_run(&self, run_id: &str, holder: &str) -> JournalResult<()> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM run_leases WHERE run_id = ?1 AND holder = ?2",
                params![run_id, holder],
            )
            .map(|_| ())
        })
    }

    async fn run_leases(&self) -> JournalResult<Vec<RunLease>> {
        bulk::live_leases(&self.lock()).map_err(db_err)
    }

    async fn run_rows(&self, run_id: &str) -> JournalResult<Vec<RunRow>> {
        bulk::run_rows(&self.lock(), run_id).map_err(db_err)
    }

    async fn count_request(
        &self,
        account: &str,
        minute: i64,
        limits: Option<(u32, u32)>,
    ) -> JournalResult<RequestCount> {
        let mut conn = self
            .counter
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        bulk::count_request(&mut conn, account, minute, limits).map_err(db_err)
    }

    async fn company_snapshots(
        &self,
        connection: &str,
        account_id: &str,
        company_id: Option<&str>,
    ) -> JournalResult<Vec<SnapshotRecord>> {
        let conn = self.lock();
        let mut stmt = conn
            .prepare(
                "SELECT connection, account_id, tracker_id, company_id, tracker, seen_at FROM snapshots
                 WHERE connection = ?1 AND account_id = ?2 AND (?3 IS NULL OR company_id = ?3)",
            )
            .map_err(db_err)?;
        let rows = stmt
            .query_map(params![connection, account_id, company_id], snapshot_row)
            .map_err(db_err)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db_err)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_commit_is_synced_before_it_returns() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("j.sqlite3")).unwrap();
        let (mode, sync): (String, i64) = {
            let conn = store.lock();
            (
                conn.pragma_query_value(None, "journal_mode", |r| r.get(0))
                    .unwrap(),
                conn.pragma_query_value(None, "synchronous", |r| r.get(0))
                    .unwrap(),
            )
        };
        assert_eq!(
            (mode.as_str(), sync),
            ("wal", 2),
            "WAL with synchronous=FULL"
        );
    }
}
