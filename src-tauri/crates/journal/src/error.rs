//! The journal's error: its store could not be used, CallRail failed a check, or a change was
//! refused before anything was sent.

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// The store (or this computer's folder of lock files) could not be used.
    #[error("{0}")]
    Storage(String),
    /// Nothing was sent: the change cannot be carried out as it stands.
    #[error("{0}")]
    Refused(String),
    /// CallRail failed a check or a restore, or refused what was asked.
    #[error(transparent)]
    Callrail(#[from] callrail::Error),
}

impl From<callrail::RuleViolation> for JournalError {
    fn from(v: callrail::RuleViolation) -> Self {
        JournalError::Callrail(callrail::Error::from(v))
    }
}

pub type JournalResult<T> = Result<T, JournalError>;

/// A write's failure as the journal records it: its words, and whether it may have been carried
/// out all the same (then the entry stays unknown until a check settles it).
pub trait WriteFailure: std::fmt::Display {
    fn outcome_unknown(&self) -> bool;
}

impl WriteFailure for JournalError {
    fn outcome_unknown(&self) -> bool {
        matches!(self, JournalError::Callrail(c) if c.outcome_unknown())
    }
}
