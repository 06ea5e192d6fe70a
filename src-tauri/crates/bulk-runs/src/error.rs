//! What the bulk workflow refuses, and how the desk's errors read to a run.

use std::time::Duration;

/// The workflow's own refusals; everything else is the desk's error (CallRail's, the journal's).
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// Nothing was sent: the plan has errors or nothing to do, or the run is another desk's.
    #[error("{0}")]
    Refused(String),
    /// There is no run by that id.
    #[error("{0}")]
    NotFound(String),
    /// Planned again, the plan buys or releases other numbers than those confirmed.
    #[error("{message}")]
    ConfirmationRequired { numbers: u32, message: String },
    /// A file could not be written.
    #[error("{0}")]
    Storage(String),
}

/// How a row's failed write reads to the run: what it does next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trouble {
    /// It may have been carried out: the row is unknown until a check settles it.
    Unknown,
    /// CallRail is limiting requests: wait (this long, if it said), then send the row again.
    RateLimited(Option<Duration>),
    /// CallRail changed since the plan: the row ends `changed`, with this reason.
    ChangedSincePlan(String),
    /// Proven not made, after a failure CallRail may get over: send it again shortly.
    NotCarriedOut,
    /// The run cannot go on now (CallRail unreachable, the key refused, the keyring or the
    /// journal failing): it pauses.
    Stop,
    /// The row is not done (a rule broken, a refusal); the run goes on.
    NotDone,
}
