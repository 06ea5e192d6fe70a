//! Where Tracker Desk keeps what must not be lost: the journal of every change, and the last-seen
//! state of each tracker it touched. One person uses the embedded SQLite store; the trait lets a team
//! share another engine behind the same test suite.

mod mongo;
mod sqlite;

pub use mongo::MongoStore;
pub use sqlite::SqliteStore;

use crate::runs::{BulkRun, RunRow};
use crate::JournalResult;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Operation {
    Create,
    Update,
    Disable,
}

/// Where an entry stands. `Intended` is written before the request; a crash leaves it there, and it
/// is shown as "outcome unknown" until it is checked against CallRail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum EntryState {
    Intended,
    Succeeded,
    Failed,
    /// CallRail's answer was lost and could not be checked yet.
    Unknown,
}

impl Operation {
    pub fn as_str(self) -> &'static str {
        match self {
            Operation::Create => "create",
            Operation::Update => "update",
            Operation::Disable => "disable",
        }
    }
}

impl EntryState {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryState::Intended => "intended",
            EntryState::Succeeded => "succeeded",
            EntryState::Failed => "failed",
            EntryState::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Self {
        match s {
            "succeeded" => EntryState::Succeeded,
            "failed" => EntryState::Failed,
            "unknown" => EntryState::Unknown,
            _ => EntryState::Intended,
        }
    }
}

/// One change, as the journal keeps it. Bodies are JSON text; no key is ever in them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct JournalEntry {
    pub id: String,
    pub created_at: String,
    pub completed_at: Option<String>,
    /// "OS user @ machine".
    pub person: String,
    /// The connection's id (to check the entry later) and its name when the change was made.
    pub connection_id: String,
    pub connection: String,
    pub account_id: String,
    pub company_id: Option<String>,
    pub tracker_id: Option<String>,
    pub tracker_name: String,
    pub operation: Operation,
    /// The request body sent to CallRail (or the change asked for).
    pub request: String,
    pub state: EntryState,
    /// What CallRail answered, or the error, in words.
    pub outcome: Option<String>,
    /// The tracker before and after, as CallRail returned it (JSON).
    pub before: Option<String>,
    pub after: Option<String>,
}

impl JournalEntry {
    /// What the change is about: a create, by its company and name; a change, by its tracker. Two
    /// unresolved entries never share one (see [`Store::claim`]).
    pub fn target(&self) -> String {
        match self.operation {
            Operation::Create => format!(
                "create/{}/{}/{}",
                self.account_id,
                self.company_id.as_deref().unwrap_or_default(),
                bulk::name_key(&self.tracker_name)
            ),
            Operation::Update | Operation::Disable => format!(
                "tracker/{}/{}",
                self.account_id,
                self.tracker_id.as_deref().unwrap_or_default()
            ),
        }
    }

    pub fn unresolved(&self) -> bool {
        matches!(self.state, EntryState::Intended | EntryState::Unknown)
    }
}

/// How an entry ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub state: EntryState,
    pub outcome: String,
    pub tracker_id: Option<String>,
    pub after: Option<String>,
}

/// Which entries to read, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct HistoryFilter {
    #[serde(default)]
    pub company_id: Option<String>,
    #[serde(default)]
    pub tracker_id: Option<String>,
    #[serde(default)]
    pub operation: Option<Operation>,
    #[serde(default)]
    pub person: Option<String>,
    /// RFC 3339 bounds on `created_at`.
    #[serde(default)]
    pub since: Option<String>,
    #[serde(default)]
    pub until: Option<String>,
    #[serde(default)]
    pub limit: Option<u32>,
}

/// The last-seen state of one tracker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotRecord {
    pub connection: String,
    pub account_id: String,
    pub tracker_id: String,
    pub company_id: Option<String>,
    pub tracker: String,
    pub seen_at: String,
}

impl SnapshotRecord {
    /// Trackers as a listing just showed them, each under its company (the listing's, else the
    /// tracker's own), all seen now.
    pub fn seen(
        connection: &str,
        account: &str,
        listed_company: Option<&str>,
        trackers: &[callrail::Tracker],
    ) -> (Vec<Self>, String) {
        let seen_at = crate::now_rfc3339();
        let records = trackers
            .iter()
            .filter_map(|t| {
                Some(Self {
                    connection: connection.to_owned(),
                    account_id: account.to_owned(),
                    tracker_id: t.id.clone(),
                    company_id: listed_company
                        .map(str::to_owned)
                        .or_else(|| t.company.as_ref().map(|c| c.id.clone())),
                    tracker: serde_json::to_string(t).ok()?,
                    seen_at: seen_at.clone(),
                })
            })
            .collect();
        (records, seen_at)
    }
}

/// Requests counted this many minutes ahead of now still count (a teammate's clock a little
/// fast); further ahead (a clock that jumped back, one hours off) they are not counted, so that
/// they never hold runs back for hours.
pub const CLOCK_TOLERANCE_MINUTES: i64 = 5;

/// The requests counted for one account: in the last 60 minutes, and the last 24 hours (both up to
/// and including the current minute), and the minute the oldest of each was counted in (minutes
/// since the Unix epoch).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RequestCount {
    pub hour: u32,
    pub day: u32,
    pub oldest_in_hour: Option<i64>,
    pub oldest_in_day: Option<i64>,
    /// Whether the request asked for was counted.
    pub taken: bool,
}

impl RequestCount {
    /// Whether one more request stays within `per_hour` and `per_day`.
    pub fn room(&self, per_hour: u32, per_day: u32) -> bool {
        self.hour < per_hour && self.day < per_day
    }
}

/// Who holds a bulk run's lease, and until when (RFC 3339, the store's clock).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunLease {
    pub run_id: String,
    pub holder: String,
    pub person: String,
    pub expires_at: String,
}

/// What asking for a run's lease got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeaseAnswer {
    Granted,
    /// Another desk holds it and it has not run out.
    Held(RunLease),
}

/// Copies every journal entry and snapshot from one store to another (SQLite up to a team's
/// MongoDB). Entries are written by id, so copying twice keeps one of each.
pub async fn copy_all(from: &dyn Store, to: &dyn Store) -> JournalResult<(u32, u32)> {
    copy_all_watched(from, to, None).await
}

/// How many copied entries and snapshots `watch` is told of at a time.
const COPY_STEP: usize = 50;
/// Snapshots are copied this many at a time (one write each).
const SNAPSHOT_CHUNK: usize = 500;

/// The same, telling `watch` how many entries and snapshots are copied (every [`COPY_STEP`] and at
/// the end) and stopping with `Cancelled` when it asks. A stopped copy leaves what it copied: copying
/// again writes each entry once, whatever was there.
pub async fn copy_all_watched(
    from: &dyn Store,
    to: &dyn Store,
    watch: Option<&callrail::Watch<'_>>,
) -> JournalResult<(u32, u32)> {
    let entries = from
        .history(&HistoryFilter {
            limit: Some(u32::MAX),
            ..Default::default()
        })
        .await?;
    let snapshots = from.all_snapshots().await?;
    let n = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
    let total = entries.len() + snapshots.len();
    // Told at the start, every COPY_STEP entries, after each chunk of snapshots and at the end.
    let step = |done: usize, tell: bool| -> JournalResult<()> {
        if let Some(w) = watch {
            if tell || done.is_multiple_of(COPY_STEP) || done == total {
                (w.on_step)(n(done), n(total));
            }
        }
        Ok(callrail::Watch::check(watch)?)
    };
    step(0, true)?;
    for (i, e) in entries.iter().rev().enumerate() {
        to.record_intent(e).await?;
        step(i + 1, false)?;
    }
    let mut done = entries.len();
    for chunk in snapshots.chunks(SNAPSHOT_CHUNK) {
        to.save_snapshots(chunk).await?;
        done += chunk.len();
        step(done, true)?;
    }
    Ok((n(entries.len()), n(snapshots.len())))
}

#[async_trait::async_trait]
pub trait Store: Send + Sync {
    /// Writes an entry in state `Intended`, before the request is sent (or, when copying, as it is).
    /// Writing an id again replaces it.
    async fn record_intent(&self, entry: &JournalEntry) -> JournalResult<()>;
    /// Writes `entry` in state `Intended`, durably, unless an unresolved entry has the same
    /// [`JournalEntry::target`]: then nothing is written and that entry is returned. Atomic across
    /// processes (and, for a team's store, across computers).
    async fn claim(&self, entry: &JournalEntry) -> JournalResult<Option<JournalEntry>>;
    /// Completes an entry once the outcome is known.
    async fn record_outcome(&self, id: &str, completion: &Completion) -> JournalResult<()>;
    async fn history(&self, filter: &HistoryFilter) -> JournalResult<Vec<JournalEntry>>;
    /// Entries never completed (a crash) or whose outcome is still unknown.
    async fn unresolved(&self) -> JournalResult<Vec<JournalEntry>>;
    /// The entries of these ids that exist (a bulk row names its entry before it is written).
    async fn entries(&self, ids: &[String]) -> JournalResult<Vec<JournalEntry>>;
    /// Keeps the last-seen state of a tracker (JSON), for restore and for showing it offline.
    async fn save_snapshot(
        &self,
        connection: &str,
        account_id: &str,
        tracker_id: &str,
        company_id: Option<&str>,
        tracker: &str,
    ) -> JournalResult<()>;
    async fn snapshot(
        &self,
        connection: &str,
        account_id: &str,
        tracker_id: &str,
    ) -> JournalResult<Option<String>>;
    async fn all_snapshots(&self) -> JournalResult<Vec<SnapshotRecord>>;
    /// Keeps many trackers' last-seen state at once (a listing), in one write.
    async fn save_snapshots(&self, records: &[SnapshotRecord]) -> JournalResult<()>;
    /// The last-seen trackers of a company, or of the whole account when `company_id` is `None`.
    async fn company_snapshots(
        &self,
        connection: &str,
        account_id: &str,
        company_id: Option<&str>,
    ) -> JournalResult<Vec<SnapshotRecord>>;
    /// Writes a bulk run and all its rows, before any is sent.
    async fn save_run(&self, run: &BulkRun, rows: &[RunRow]) -> JournalResult<()>;
    /// Writes where a run stands.
    async fn update_run(&self, run: &BulkRun) -> JournalResult<()>;
    /// Writes how one row of a run ended.
    async fn update_run_row(&self, row: &RunRow) -> JournalResult<()>;
    /// The newest runs first.
    async fn runs(&self, limit: u32) -> JournalResult<Vec<BulkRun>>;
    /// A run's rows, in order.
    async fn run_rows(&self, run_id: &str) -> JournalResult<Vec<RunRow>>;
    /// Takes or renews a run's lease for `holder` until `ttl` from now by the store's clock:
    /// granted when no lease holds the run, when it ran out, when `holder` holds it, or when
    /// `replacing` does (a holder known to have died). Atomic across processes (and, for a team's
    /// store, across computers).
    async fn lease_run(
        &self,
        run_id: &str,
        holder: &str,
        person: &str,
        ttl: std::time::Duration,
        replacing: Option<&str>,
    ) -> JournalResult<LeaseAnswer>;
    /// Lets go of a run's lease, if `holder` holds it.
    async fn release_run(&self, run_id: &str, holder: &str) -> JournalResult<()>;
    /// The leases that have not run out.
    async fn run_leases(&self) -> JournalResult<Vec<RunLease>>;
    /// Counts one request to `account` in `minute` (minutes since the Unix epoch) when `limits`
    /// (per hour, per day) leave room for it, atomically across processes; with `None`, only reads.
    async fn count_request(
        &self,
        account: &str,
        minute: i64,
        limits: Option<(u32, u32)>,
    ) -> JournalResult<RequestCount>;
    /// Shares a connection's name and account with the team (never its key). The local store has
    /// them in the settings file already.
    async fn share_connection(
        &self,
        _id: &str,
        _name: &str,
        _account_id: Option<&str>,
    ) -> JournalResult<()> {
        Ok(())
    }
}
