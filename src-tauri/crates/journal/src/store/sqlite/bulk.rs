//! The embedded store's bulk runs (a run and its rows, as JSON text) and its count of requests per
//! account and minute, for the quota governor.

use crate::runs::{BulkRun, RunRow};
use crate::store::{LeaseAnswer, RequestCount, RunLease};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Minutes in a day: how long a count of requests is kept.
const DAY_MINUTES: i64 = 24 * 60;

fn to_json<T: serde::Serialize>(v: &T) -> rusqlite::Result<String> {
    serde_json::to_string(v).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(super) fn write_row(tx: &Transaction<'_>, r: &RunRow) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO bulk_rows (run_id, idx, row, work) VALUES (?1, ?2, ?3, ?4)",
        params![r.run_id, r.index, to_json(r)?, to_json(&r.work)?],
    )
    .map(|_| ())
}

pub(super) fn write_run(tx: &Transaction<'_>, run: &BulkRun) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO bulk_runs (id, created_at, run) VALUES (?1, ?2, ?3)",
        params![run.id, run.created_at, to_json(run)?],
    )
    .map(|_| ())
}

pub(super) fn save_run(
    tx: &Transaction<'_>,
    run: &BulkRun,
    rows: &[RunRow],
) -> rusqlite::Result<()> {
    write_run(tx, run)?;
    rows.iter().try_for_each(|r| write_row(tx, r))
}

pub(super) fn runs(conn: &Connection, limit: u32) -> rusqlite::Result<Vec<BulkRun>> {
    let mut stmt =
        conn.prepare("SELECT run FROM bulk_runs ORDER BY created_at DESC, id DESC LIMIT ?1")?;
    let rows = stmt.query_map(params![limit], |r| from_json(&r.get::<_, String>(0)?))?;
    rows.collect()
}

pub(super) fn run_rows(conn: &Connection, run_id: &str) -> rusqlite::Result<Vec<RunRow>> {
    let mut stmt =
        conn.prepare("SELECT row, work FROM bulk_rows WHERE run_id = ?1 ORDER BY idx")?;
    let rows = stmt.query_map(params![run_id], |r| {
        let mut row: RunRow = from_json(&r.get::<_, String>(0)?)?;
        row.work = from_json(&r.get::<_, String>(1)?)?;
        Ok(row)
    })?;
    rows.collect()
}

/// Counts one request in `minute` when `limits` leave room, in one IMMEDIATE transaction (atomic
/// across processes); with `None`, only reads.
pub(super) fn count_request(
    conn: &mut Connection,
    account: &str,
    minute: i64,
    limits: Option<(u32, u32)>,
) -> rusqlite::Result<RequestCount> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Cached statements: a listing of 10,000 trackers counts 41 requests in a few milliseconds.
    let window = |minutes: i64| {
        tx.prepare_cached(
            "SELECT COALESCE(SUM(count), 0), MIN(minute) FROM requests
             WHERE account_id = ?1 AND minute > ?2 AND minute <= ?3",
        )?
        .query_row(
            params![
                account,
                minute - minutes,
                minute + super::super::CLOCK_TOLERANCE_MINUTES
            ],
            |r| Ok((r.get::<_, u32>(0)?, r.get::<_, Option<i64>>(1)?)),
        )
    };
    let (hour, oldest_in_hour) = window(60)?;
    let (day, oldest_in_day) = window(DAY_MINUTES)?;
    let mut count = RequestCount {
        hour,
        day,
        oldest_in_hour,
        oldest_in_day,
        taken: false,
    };
    if let Some((per_hour, per_day)) = limits {
        if count.room(per_hour, per_day) {
            tx.prepare_cached(
                "INSERT INTO requests (account_id, minute, count) VALUES (?1, ?2, 1)
                 ON CONFLICT (account_id, minute) DO UPDATE SET count = count + 1",
            )?
            .execute(params![account, minute])?;
            tx.prepare_cached("DELETE FROM requests WHERE minute <= ?1")?
                .execute(params![minute - DAY_MINUTES])?;
            count.hour += 1;
            count.day += 1;
            count.oldest_in_hour.get_or_insert(minute);
            count.oldest_in_day.get_or_insert(minute);
            count.taken = true;
        }
    }
    tx.commit()?;
    Ok(count)
}

/// The time a lease is judged by: this computer's, which every process sharing the file shares.
fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

fn lease(r: &rusqlite::Row<'_>) -> rusqlite::Result<RunLease> {
    Ok(RunLease {
        run_id: r.get(0)?,
        holder: r.get(1)?,
        person: r.get(2)?,
        expires_at: r.get(3)?,
    })
}

/// Takes or renews a run's lease in one IMMEDIATE transaction (the caller's).
pub(super) fn lease_run(
    tx: &Transaction<'_>,
    run_id: &str,
    (holder, person): (&str, &str),
    ttl: std::time::Duration,
    replacing: Option<&str>,
) -> rusqlite::Result<LeaseAnswer> {
    let now = OffsetDateTime::now_utc();
    let held = tx
        .query_row(
            "SELECT run_id, holder, person, expires_at FROM run_leases WHERE run_id = ?1",
            params![run_id],
            lease,
        )
        .optional()?;
    if let Some(other) = held.filter(|l| {
        l.holder != holder
            && Some(l.holder.as_str()) != replacing
            && OffsetDateTime::parse(&l.expires_at, &Rfc3339).is_ok_and(|at| at > now)
    }) {
        return Ok(LeaseAnswer::Held(other));
    }
    tx.execute(
        "INSERT OR REPLACE INTO run_leases (run_id, holder, person, expires_at) VALUES (?1, ?2, ?3, ?4)",
        params![run_id, holder, person, rfc3339(now + ttl)],
    )?;
    Ok(LeaseAnswer::Granted)
}

/// The leases that have not run out (those that have are dropped).
pub(super) fn live_leases(conn: &Connection) -> rusqlite::Result<Vec<RunLease>> {
    let now = OffsetDateTime::now_utc();
    let mut stmt = conn.prepare("SELECT run_id, holder, person, expires_at FROM run_leases")?;
    let all = stmt
        .query_map([], lease)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(all
        .into_iter()
        .filter(|l| OffsetDateTime::parse(&l.expires_at, &Rfc3339).is_ok_and(|at| at > now))
        .collect())
}
