//! Bulk runs kept in the journal store: a plan's rows written as a run before anything is sent, the
//! runs and their rows read back (unfinished ones offered at start), how a person pauses or cancels
//! one, and its results as CSV. Applying a run is in `apply.rs`.

use crate::error::RunError;
use crate::host::{Host, Runner};
use journal::quota::QuotaView;
use journal::runs::{BulkRun, RowState, RunCounts, RunRow, RunState};
use journal::store::{EntryState, JournalEntry, Store};
use serde::Serialize;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;

/// Asks a run being applied to stop after the row in flight.
#[derive(Debug, Default)]
pub struct RunControl(AtomicU8);

pub(crate) const GO: u8 = 0;
pub(crate) const PAUSE: u8 = 1;
pub(crate) const CANCEL: u8 = 2;

impl RunControl {
    pub fn pause(&self) {
        let _ = self
            .0
            .compare_exchange(GO, PAUSE, Ordering::SeqCst, Ordering::SeqCst);
    }
    pub fn cancel(&self) {
        self.0.store(CANCEL, Ordering::SeqCst);
    }
    pub(crate) fn asked(&self) -> u8 {
        self.0.load(Ordering::SeqCst)
    }
}

/// What a run being applied reports, as it happens.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RunEvent {
    Started {
        run: BulkRun,
        counts: RunCounts,
    },
    /// A row ended (or was found ended, when a resumed row's outcome is settled).
    Row {
        row: Box<RunRow>,
        counts: RunCounts,
    },
    /// Nothing is sent until `until` (RFC 3339): CallRail's limits, or the bulk share of them.
    Waiting {
        until: String,
        seconds: u32,
        reason: String,
    },
    /// The run stopped: finished, paused or cancelled.
    Stopped {
        run: BulkRun,
        counts: RunCounts,
    },
}

/// A run with how its rows stand.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RunView {
    pub run: BulkRun,
    pub counts: RunCounts,
    /// Whether a desk (this one, another window, the command line, a teammate's) holds its lease
    /// and is applying it now.
    pub active: bool,
    /// Who is applying it, and until when their lease runs unless renewed: "Ana@mac until …".
    pub applied_by: Option<String>,
}

impl<H: Host> Runner<'_, H> {
    /// Writes `plan` as a run (its rows that change something), durably, before anything is sent.
    /// A plan with errors is refused.
    pub async fn start_run(
        &self,
        connection: &str,
        account: &str,
        source: &str,
        plan: &bulk::Plan,
        allow_disable: bool,
    ) -> Result<BulkRun, H::Error> {
        if plan.summary.errors > 0 {
            return Err(callrail::RuleViolation::new(
                "file",
                format!(
                    "{} row(s) have errors: fix them and plan again; nothing was sent",
                    plan.summary.errors
                ),
            )
            .into());
        }
        // The plan's time by CallRail's clock: what was made since is judged by it.
        let now = journal::rfc3339(self.host.client(connection)?.clock().now());
        let id = format!("run-{:016x}", fastrand::u64(..));
        let rows: Vec<RunRow> = plan
            .rows
            .iter()
            .filter(|r| r.action != bulk::Action::Unchanged)
            .enumerate()
            .map(|(i, r)| RunRow {
                run_id: id.clone(),
                index: u32::try_from(i).unwrap_or(u32::MAX),
                planned: r.clone(),
                state: RowState::Pending,
                message: None,
                tracker_id: r.tracker_id.clone(),
                finished_at: None,
                entry_id: None,
                work: r.work.clone(),
            })
            .collect();
        let run = BulkRun {
            id,
            created_at: now.clone(),
            updated_at: now,
            person: self.host.journal().person(),
            connection_id: connection.to_owned(),
            account_id: account.to_owned(),
            source: source.to_owned(),
            allow_disable,
            state: RunState::Running,
            summary: plan.summary.clone(),
            rows: u32::try_from(rows.len()).unwrap_or(u32::MAX),
            reason: None,
        };
        self.host
            .journal()
            .store_for(connection)
            .save_run(&run, &rows)
            .await?;
        Ok(run)
    }

    /// Where runs are kept: the journal's store, and this computer's for the demo's runs.
    fn run_stores(&self) -> Vec<Arc<dyn Store>> {
        let (current, local) = (self.host.journal().store(), self.host.journal().local());
        if Arc::ptr_eq(&current, &local) {
            vec![current]
        } else {
            vec![current, local]
        }
    }

    /// A run, and the store that keeps it.
    pub(crate) async fn find_run(
        &self,
        run_id: &str,
    ) -> Result<(BulkRun, Arc<dyn Store>), H::Error> {
        for store in self.run_stores() {
            if let Some(run) = store
                .runs(u32::MAX)
                .await?
                .into_iter()
                .find(|r| r.id == run_id)
            {
                return Ok((run, store));
            }
        }
        Err(H::Error::from(RunError::NotFound(format!(
            "there is no bulk run {run_id}"
        ))))
    }

    /// The newest runs, with how their rows stand.
    pub async fn runs(&self, limit: u32) -> Result<Vec<RunView>, H::Error> {
        let mut out = Vec::new();
        for store in self.run_stores() {
            let leases = store.run_leases().await?;
            for run in store.runs(limit).await? {
                let rows = self
                    .followed(&store, &run, store.run_rows(&run.id).await?)
                    .await?;
                let lease = leases
                    .iter()
                    .find(|l| l.run_id == run.id && crate::lease::alive(self, l));
                out.push(RunView {
                    counts: RunCounts::of(&rows),
                    active: lease.is_some(),
                    applied_by: lease.map(|l| format!("{} until {}", l.person, l.expires_at)),
                    run,
                });
            }
        }
        out.sort_by(|a, b| b.run.created_at.cmp(&a.run.created_at));
        out.truncate(limit as usize);
        Ok(out)
    }

    pub async fn run_rows(&self, run_id: &str) -> Result<Vec<RunRow>, H::Error> {
        let (run, store) = self.find_run(run_id).await?;
        self.followed(&store, &run, store.run_rows(run_id).await?)
            .await
    }

    /// A run's rows as their journal entries tell them (see [`follow`]); a row that
    /// changed is written back, so every reader of the run sees the same.
    pub(crate) async fn followed(
        &self,
        store: &Arc<dyn Store>,
        run: &BulkRun,
        mut rows: Vec<RunRow>,
    ) -> Result<Vec<RunRow>, H::Error> {
        let ids: Vec<String> = rows
            .iter()
            .filter(|r| r.state.open())
            .filter_map(|r| r.entry_id.clone())
            .collect();
        if ids.is_empty() {
            return Ok(rows);
        }
        let entries = store.entries(&ids).await?;
        let cancelled = run.state == RunState::Cancelled;
        for row in &mut rows {
            let entry = entries
                .iter()
                .find(|e| Some(&e.id) == row.entry_id.as_ref());
            if follow(row, entry, cancelled) {
                // The entry is the record; writing the row back only spares the next reader.
                if let Err(e) = store.update_run_row(row).await {
                    tracing::warn!("a run's row could not be brought up to its entry: {e}");
                }
            }
        }
        Ok(rows)
    }

    /// Runs a crash or a pause left with something to do, that no process is applying now: the
    /// command line's `bulk resume` and the app at start offer these.
    pub async fn open_runs(&self) -> Result<Vec<RunView>, H::Error> {
        Ok(self
            .runs(50)
            .await?
            .into_iter()
            .filter(|v| {
                !v.active
                    && v.run.state != RunState::Cancelled
                    && (v.counts.pending > 0 || v.counts.unknown > 0)
            })
            .collect())
    }

    /// What is left of an account's requests this hour and today.
    pub async fn quota(&self, connection: &str, account: &str) -> Result<QuotaView, H::Error> {
        Ok(self.host.governor(connection).view(account).await?)
    }
}

impl<H: Host> Runner<'_, H> {
    /// A run's rows and how each ended, as a spreadsheet-safe CSV file.
    pub async fn run_results_csv(&self, run_id: &str) -> Result<Vec<u8>, H::Error> {
        let rows = self.run_rows(run_id).await?;
        let mut out = bulk::spreadsheet_writer();
        let fail = |e: csv::Error| {
            H::Error::from(RunError::Storage(format!(
                "could not write the results: {e}"
            )))
        };
        out.write_record(["line", "action", "tracker_id", "name", "result", "message"])
            .map_err(fail)?;
        for r in &rows {
            let action = serde_json::to_value(r.planned.action).unwrap_or_default();
            let state = serde_json::to_value(r.state).unwrap_or_default();
            out.write_record([
                r.planned.line.to_string(),
                action.as_str().unwrap_or_default().to_owned(),
                r.tracker_id.clone().unwrap_or_default(),
                bulk::neutral(&r.planned.name),
                state.as_str().unwrap_or_default().to_owned(),
                bulk::neutral(r.message.as_deref().unwrap_or_default()),
            ])
            .map_err(fail)?;
        }
        out.into_inner().map_err(|e| {
            H::Error::from(RunError::Storage(format!(
                "could not write the results: {e}"
            )))
        })
    }
}

/// The row as its journal entry tells it, when the row is still open: whatever settled the
/// entry (a start-up check, `journal check`, a listing, a teammate's desk) settles the row. An
/// entry proven not made leaves the row to be sent again (not done, in a cancelled run). No
/// entry: the request never left. Returns whether the row changed.
pub(crate) fn follow(row: &mut RunRow, entry: Option<&JournalEntry>, cancelled: bool) -> bool {
    let Some(entry) = entry.filter(|e| row.state.open() && row.entry_id.as_ref() == Some(&e.id))
    else {
        return false;
    };
    let state = match entry.state {
        EntryState::Succeeded => RowState::Done,
        EntryState::Failed if cancelled => RowState::NotDone,
        EntryState::Failed => RowState::Pending,
        EntryState::Intended | EntryState::Unknown => RowState::Unknown,
    };
    let message = entry.outcome.clone();
    let tracker = entry.tracker_id.clone().or(row.tracker_id.clone());
    if (state, &message, &tracker) == (row.state, &row.message, &row.tracker_id) {
        return false;
    }
    row.state = state;
    row.message = message;
    row.tracker_id = tracker;
    if !state.open() {
        row.finished_at = entry.completed_at.clone();
    }
    true
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use journal::store::Operation;

    fn row(state: RowState) -> RunRow {
        RunRow {
            run_id: "run-1".into(),
            index: 0,
            planned: bulk::PlannedRow {
                line: 2,
                action: bulk::Action::Create,
                tracker_id: None,
                name: "Store".into(),
                diff: Vec::new(),
                numbers_bought: 1,
                numbers_released: 0,
                toll_free: false,
                errors: Vec::new(),
                work: bulk::Work::default(),
            },
            state,
            message: None,
            tracker_id: None,
            finished_at: None,
            entry_id: Some("e1".into()),
            work: bulk::Work::default(),
        }
    }

    fn entry(state: EntryState) -> JournalEntry {
        JournalEntry {
            id: "e1".into(),
            created_at: "2026-12-06T10:00:00Z".into(),
            completed_at: Some("2026-12-06T10:01:00Z".into()),
            person: "ana@desk1".into(),
            connection_id: "c".into(),
            connection: "c".into(),
            account_id: "ACC1".into(),
            company_id: Some("COM1".into()),
            tracker_id: (state == EntryState::Succeeded).then(|| "TRK1".into()),
            tracker_name: "Store".into(),
            operation: Operation::Create,
            request: "{}".into(),
            state,
            outcome: Some(format!("{state:?}")),
            before: None,
            after: None,
        }
    }

    #[test]
    fn an_open_row_follows_its_entry_and_a_closed_one_or_another_entry_does_not() {
        let cases = [
            (
                RowState::Pending,
                EntryState::Succeeded,
                false,
                RowState::Done,
            ),
            (
                RowState::Unknown,
                EntryState::Succeeded,
                false,
                RowState::Done,
            ),
            (
                RowState::Unknown,
                EntryState::Failed,
                false,
                RowState::Pending,
            ),
            (
                RowState::Unknown,
                EntryState::Failed,
                true,
                RowState::NotDone,
            ),
            (
                RowState::Pending,
                EntryState::Intended,
                false,
                RowState::Unknown,
            ),
            (
                RowState::Changed,
                EntryState::Succeeded,
                false,
                RowState::Changed,
            ),
        ];
        for (from, entry_state, cancelled, to) in cases {
            let mut r = row(from);
            follow(&mut r, Some(&entry(entry_state)), cancelled);
            assert_eq!(r.state, to, "{from:?} with {entry_state:?}");
            if to == RowState::Done {
                assert_eq!(r.tracker_id.as_deref(), Some("TRK1"));
            }
        }
        let mut other = row(RowState::Pending);
        other.entry_id = Some("e2".into());
        assert!(!follow(
            &mut other,
            Some(&entry(EntryState::Succeeded)),
            false
        ));
        assert_eq!(
            other.state,
            RowState::Pending,
            "another entry settles nothing"
        );
    }
}
