//! What a run needs of the desk, and the handle through which the desk runs the workflow.

use crate::error::{RunError, Trouble};
use crate::held::Plans;
use journal::quota::Governor;
use journal::runs::{BulkRun, RunRow};
use journal::{Journal, JournalError, Tuning};

/// A planned row sent: the tracker as CallRail has it now, and what the journal says of it.
#[derive(Debug, Clone)]
pub struct Sent {
    pub tracker_id: String,
    pub outcome: String,
    /// What went wrong after it (a follow-up read, the journal), without changing the outcome.
    pub warnings: Vec<String>,
}

/// The desk, as a run sees it: a connection's client, how patient writes are, the quota governor,
/// the journal, and the journaled write a planned row goes through. Its error is the desk's, so a
/// run's failures reach both shells unchanged.
#[async_trait::async_trait]
pub trait Host: Send + Sync {
    type Error: std::error::Error
        + From<RunError>
        + From<JournalError>
        + From<callrail::Error>
        + From<callrail::RuleViolation>
        + Send
        + Sync
        + 'static;

    fn client(&self, connection: &str) -> Result<callrail::Client, Self::Error>;
    fn tuning(&self) -> Tuning;
    fn governor(&self, connection: &str) -> Governor;
    fn journal(&self) -> &Journal;
    /// What the run does after this failure of a row's write.
    fn trouble(e: &Self::Error) -> Trouble;
    /// Sends one planned row of `run` (a create, an edit or a disable) through the journaled write
    /// path, journaled as `entry` (the id the row named before), with the numbers the plan priced
    /// as the confirmed count. If CallRail changed since the plan, the row is refused with what
    /// changed, and nothing is forced.
    async fn send_row(&self, run: &BulkRun, row: &RunRow, entry: &str)
        -> Result<Sent, Self::Error>;
}

/// The workflow at work for one desk: its host, and the plans it holds.
pub struct Runner<'a, H: Host> {
    pub(crate) host: &'a H,
    pub(crate) plans: &'a Plans,
}

impl<'a, H: Host> Runner<'a, H> {
    pub fn new(host: &'a H, plans: &'a Plans) -> Self {
        Self { host, plans }
    }
}
