//! Calls counted per tracker, tracking number and day, kept in `usage.sqlite3` in the app-data
//! folder: a copy of what CallRail's call log says, so a refresh asks only for the days since the
//! last one. Which days each company's counts cover, and where a reading stopped short, are kept
//! beside them.

use super::report::NumberCalls;
use crate::{UsageError, UsageResult};
use callrail::Call;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

pub const USAGE_FILE: &str = "usage.sqlite3";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS counts (
  account TEXT NOT NULL, company_id TEXT NOT NULL, tracker_id TEXT NOT NULL, number TEXT NOT NULL,
  day TEXT NOT NULL, calls INTEGER NOT NULL, answered INTEGER NOT NULL,
  PRIMARY KEY (account, tracker_id, number, day));
CREATE INDEX IF NOT EXISTS counts_day ON counts (account, day);
CREATE TABLE IF NOT EXISTS covered (
  account TEXT NOT NULL, company_id TEXT NOT NULL, first_day TEXT NOT NULL, last_day TEXT NOT NULL,
  PRIMARY KEY (account, company_id));
CREATE TABLE IF NOT EXISTS reading (
  account TEXT NOT NULL, scope TEXT NOT NULL, companies TEXT NOT NULL, first_day TEXT NOT NULL,
  last_day TEXT NOT NULL, cursor TEXT, last_ids TEXT NOT NULL,
  PRIMARY KEY (account, scope));
CREATE TABLE IF NOT EXISTS visitors (
  account TEXT NOT NULL, tracker_id TEXT NOT NULL, monthly INTEGER NOT NULL,
  PRIMARY KEY (account, tracker_id));
";

/// The days a company's counts cover, both whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Covered {
    pub first_day: String,
    pub last_day: String,
}

/// A reading of the call log under way (or stopped short): which companies and days, and where to
/// go on from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub scope: String,
    pub companies: Vec<String>,
    pub first_day: String,
    pub last_day: String,
    pub cursor: Option<String>,
    /// The calls of the last page counted, which the next page may repeat.
    pub last_ids: Vec<String>,
}

pub struct UsageCache {
    conn: Mutex<Connection>,
}

fn storage(e: impl std::fmt::Display) -> UsageError {
    UsageError(format!("the usage counts could not be used: {e}"))
}

impl UsageCache {
    pub fn open(path: &Path) -> UsageResult<Self> {
        let conn = Connection::open(path).map_err(storage)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(storage)?;
        conn.execute_batch(SCHEMA).map_err(storage)?;
        Ok(Self {
            conn: Mutex::new(conn),
        })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub fn covered(&self, account: &str, company: &str) -> UsageResult<Option<Covered>> {
        self.conn()
            .query_row(
                "SELECT first_day, last_day FROM covered WHERE account = ?1 AND company_id = ?2",
                params![account, company],
                |r| {
                    Ok(Covered {
                        first_day: r.get(0)?,
                        last_day: r.get(1)?,
                    })
                },
            )
            .optional()
            .map_err(storage)
    }

    pub fn reading(&self, account: &str, scope: &str) -> UsageResult<Option<Reading>> {
        self.conn()
            .query_row(
                "SELECT companies, first_day, last_day, cursor, last_ids FROM reading WHERE account = ?1 AND scope = ?2",
                params![account, scope],
                |r| {
                    let companies: String = r.get(0)?;
                    let ids: String = r.get(4)?;
                    Ok(Reading {
                        scope: scope.to_owned(),
                        companies: serde_json::from_str(&companies).unwrap_or_default(),
                        first_day: r.get(1)?,
                        last_day: r.get(2)?,
                        cursor: r.get(3)?,
                        last_ids: serde_json::from_str(&ids).unwrap_or_default(),
                    })
                },
            )
            .optional()
            .map_err(storage)
    }

    /// Starts reading `reading`'s days: their old counts go (they are read again whole), and each
    /// company's counts now end the day before.
    pub fn begin(&self, account: &str, reading: &Reading) -> UsageResult<()> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(storage)?;
        for company in &reading.companies {
            tx.execute(
                "DELETE FROM counts WHERE account = ?1 AND company_id = ?2 AND day >= ?3 AND day <= ?4",
                params![account, company, reading.first_day, reading.last_day],
            )
            .map_err(storage)?;
            tx.execute(
                "UPDATE covered SET last_day = MIN(last_day, date(?3, '-1 day')) WHERE account = ?1 AND company_id = ?2",
                params![account, company, reading.first_day],
            )
            .map_err(storage)?;
            // Counts that would now leave a gap before the days being read are of no use.
            tx.execute(
                "DELETE FROM covered WHERE account = ?1 AND company_id = ?2 AND last_day < date(?3, '-1 day')",
                params![account, company, reading.first_day],
            )
            .map_err(storage)?;
        }
        save_reading(&tx, account, reading)?;
        tx.commit().map_err(storage)
    }

    /// Counts one page of calls and moves the reading on, at once: a crash keeps both or neither.
    /// Calls of companies outside the reading, or with no tracker, are not counted.
    pub fn count_page(&self, account: &str, reading: &Reading, calls: &[Call]) -> UsageResult<()> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(storage)?;
        {
            let mut add = tx
                .prepare_cached(
                    "INSERT INTO counts (account, company_id, tracker_id, number, day, calls, answered)
                     VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6)
                     ON CONFLICT (account, tracker_id, number, day)
                     DO UPDATE SET calls = calls + 1, answered = answered + excluded.answered",
                )
                .map_err(storage)?;
            for c in calls {
                let (Some(tracker), Some(number), Some(day)) =
                    (&c.tracker_id, &c.tracking_phone_number, c.day())
                else {
                    continue;
                };
                let company = c.company_id.as_deref().unwrap_or_default();
                if !reading.companies.iter().any(|id| id == company) {
                    continue;
                }
                if day < reading.first_day.as_str() || day > reading.last_day.as_str() {
                    continue;
                }
                add.execute(params![
                    account,
                    company,
                    tracker,
                    number,
                    day,
                    i64::from(c.answered == Some(true))
                ])
                .map_err(storage)?;
            }
        }
        save_reading(&tx, account, reading)?;
        tx.commit().map_err(storage)
    }

    /// The reading read every page: its companies' counts now cover its days.
    pub fn finish(&self, account: &str, reading: &Reading) -> UsageResult<()> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(storage)?;
        for company in &reading.companies {
            tx.execute(
                "INSERT INTO covered (account, company_id, first_day, last_day) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (account, company_id) DO UPDATE SET
                   first_day = MIN(first_day, excluded.first_day), last_day = excluded.last_day",
                params![account, company, reading.first_day, reading.last_day],
            )
            .map_err(storage)?;
        }
        tx.execute(
            "DELETE FROM reading WHERE account = ?1 AND scope = ?2",
            params![account, reading.scope],
        )
        .map_err(storage)?;
        tx.commit().map_err(storage)
    }

    /// Calls per (tracker, number) from `first_day` on.
    pub fn counts_since(
        &self,
        account: &str,
        first_day: &str,
    ) -> UsageResult<HashMap<(String, String), NumberCalls>> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare_cached(
                "SELECT tracker_id, number, SUM(calls), SUM(answered) FROM counts
                 WHERE account = ?1 AND day >= ?2 GROUP BY tracker_id, number",
            )
            .map_err(storage)?;
        let rows = stmt
            .query_map(params![account, first_day], |r| {
                Ok((
                    (r.get::<_, String>(0)?, r.get::<_, String>(1)?),
                    NumberCalls {
                        calls: u32::try_from(r.get::<_, i64>(2)?).unwrap_or(u32::MAX),
                        answered: u32::try_from(r.get::<_, i64>(3)?).unwrap_or(u32::MAX),
                    },
                ))
            })
            .map_err(storage)?;
        rows.collect::<Result<_, _>>().map_err(storage)
    }

    pub fn visitors(&self, account: &str) -> UsageResult<HashMap<String, u32>> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare_cached("SELECT tracker_id, monthly FROM visitors WHERE account = ?1")
            .map_err(storage)?;
        let rows = stmt
            .query_map(params![account], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?))
            })
            .map_err(storage)?;
        rows.collect::<Result<_, _>>().map_err(storage)
    }

    /// A pool's monthly visitors, as the person gave them (`None` forgets them).
    pub fn set_visitors(
        &self,
        account: &str,
        tracker: &str,
        monthly: Option<u32>,
    ) -> UsageResult<()> {
        let conn = self.conn();
        match monthly {
            Some(n) => conn.execute(
                "INSERT INTO visitors (account, tracker_id, monthly) VALUES (?1, ?2, ?3)
                 ON CONFLICT (account, tracker_id) DO UPDATE SET monthly = excluded.monthly",
                params![account, tracker, n],
            ),
            None => conn.execute(
                "DELETE FROM visitors WHERE account = ?1 AND tracker_id = ?2",
                params![account, tracker],
            ),
        }
        .map(|_| ())
        .map_err(storage)
    }
}

fn save_reading(tx: &rusqlite::Transaction<'_>, account: &str, r: &Reading) -> UsageResult<()> {
    tx.execute(
        "INSERT INTO reading (account, scope, companies, first_day, last_day, cursor, last_ids)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (account, scope) DO UPDATE SET companies = excluded.companies,
           first_day = excluded.first_day, last_day = excluded.last_day, cursor = excluded.cursor,
           last_ids = excluded.last_ids",
        params![
            account,
            r.scope,
            serde_json::to_string(&r.companies).unwrap_or_default(),
            r.first_day,
            r.last_day,
            r.cursor,
            serde_json::to_string(&r.last_ids).unwrap_or_default()
        ],
    )
    .map(|_| ())
    .map_err(storage)
}
