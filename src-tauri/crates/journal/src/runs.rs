//! A bulk run as the journal store keeps it: the run (who, which account, the plan's summary, where
//! it stands) and one record per planned row, with what it sends and how it ended. Written before
//! the first request, so a crash loses nothing: a run is resumed from its records.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum RunState {
    /// Being applied, or interrupted (a crash) if no process holds the run's lock.
    Running,
    /// Stopped by the person, or waiting on CallRail's limits; resumed on request.
    Paused,
    /// Stopped for good; the rows not sent stay unsent.
    Cancelled,
    /// Every row was tried; rows with an unknown outcome are checked when it is resumed.
    Finished,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum RowState {
    /// Not sent yet (or interrupted before its outcome was recorded).
    Pending,
    Done,
    /// CallRail refused it, or a guard did; nothing was changed.
    NotDone,
    /// The request may have been carried out; checked again on resume, never sent twice.
    Unknown,
    /// The tracker changed in CallRail since the plan: not forced; plan again.
    Changed,
    /// The run was cancelled before this row was sent.
    Cancelled,
}

impl RowState {
    /// Whether a resumed run still has something to do for the row.
    pub fn open(self) -> bool {
        matches!(self, RowState::Pending | RowState::Unknown)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BulkRun {
    pub id: String,
    pub created_at: String,
    pub updated_at: String,
    /// "OS user@machine".
    pub person: String,
    pub connection_id: String,
    pub account_id: String,
    /// The file's name, as the person chose it.
    pub source: String,
    pub allow_disable: bool,
    pub state: RunState,
    /// The plan's summary when the run began.
    pub summary: bulk::Summary,
    /// The rows to apply (the plan's unchanged rows are not part of a run).
    pub rows: u32,
    /// Why it is paused, when it is.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RunRow {
    pub run_id: String,
    /// The row's place in the run, from 0.
    pub index: u32,
    pub planned: bulk::PlannedRow,
    pub state: RowState,
    /// How it ended, in words.
    pub message: Option<String>,
    /// The tracker the row made or changed.
    pub tracker_id: Option<String>,
    pub finished_at: Option<String>,
    /// The journal entry of the row's write, named (and kept here) before the entry is written
    /// and the request sent: the one record of what happened to it.
    #[serde(default)]
    pub entry_id: Option<String>,
    /// What the row sends; the store keeps it beside the row, the window never sees it.
    #[serde(skip)]
    pub work: bulk::Work,
}

/// How many rows of a run ended each way.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RunCounts {
    pub pending: u32,
    pub done: u32,
    pub not_done: u32,
    pub unknown: u32,
    pub changed: u32,
    pub cancelled: u32,
}

impl RunCounts {
    pub fn of(rows: &[RunRow]) -> Self {
        let mut c = Self::default();
        for r in rows {
            *match r.state {
                RowState::Pending => &mut c.pending,
                RowState::Done => &mut c.done,
                RowState::NotDone => &mut c.not_done,
                RowState::Unknown => &mut c.unknown,
                RowState::Changed => &mut c.changed,
                RowState::Cancelled => &mut c.cancelled,
            } += 1;
        }
        c
    }

    pub fn settled(&self) -> u32 {
        self.done + self.not_done + self.changed + self.cancelled
    }
}
