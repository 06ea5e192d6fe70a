//! The core's error: CallRail's, the keyring's, the settings file's, and the money guards.

use crate::secrets::SecretError;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error(transparent)]
    Callrail(#[from] callrail::Error),
    #[error(transparent)]
    Secrets(#[from] SecretError),
    #[error("{0}")]
    Storage(String),
    #[error("there is no connection {0}; it may have been removed")]
    UnknownConnection(String),
    /// A write that buys numbers, or releases them, was not confirmed with the right count or name.
    #[error("{message}")]
    ConfirmationRequired { numbers: u32, message: String },
    /// A planned change found the tracker changed in CallRail since the plan: nothing was sent.
    #[error("{0}")]
    ChangedSincePlan(String),
    /// What was asked for is not there (a bulk run by its id).
    #[error("{0}")]
    NotFound(String),
    /// The request cannot be carried out as it stands (a plan row with nothing to send, no file
    /// opened); nothing was sent.
    #[error("{0}")]
    Refused(String),
}

/// What an error means to the person, whichever shell tells it: the command line's exit code and
/// the app's kind of message both come from it, so the two never disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing was sent: the input breaks a rule, or names something that is not there.
    Refused,
    /// Nothing changed: buying or releasing numbers waits for its confirmation.
    NotConfirmed,
    /// It may have been carried out, and nobody can tell yet: never send it again blindly.
    Unknown,
    /// Not done: CallRail refused or failed it, or could not be reached, or the keyring or the
    /// journal failed, or CallRail changed since the plan. Safe to try again.
    NotDone,
}

impl Outcome {
    /// The command line's exit code.
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::NotDone => 1,
            Outcome::Refused => 2,
            Outcome::NotConfirmed => 3,
            Outcome::Unknown => 4,
        }
    }
}

impl CoreError {
    pub fn outcome(&self) -> Outcome {
        match self {
            CoreError::Callrail(e) if e.outcome_unknown() => Outcome::Unknown,
            CoreError::Callrail(callrail::Error::Invalid(_))
            | CoreError::NotFound(_)
            | CoreError::Refused(_)
            | CoreError::UnknownConnection(_) => Outcome::Refused,
            CoreError::ConfirmationRequired { .. } => Outcome::NotConfirmed,
            CoreError::Callrail(_)
            | CoreError::Secrets(_)
            | CoreError::Storage(_)
            | CoreError::ChangedSincePlan(_) => Outcome::NotDone,
        }
    }
}

impl From<journal::JournalError> for CoreError {
    fn from(e: journal::JournalError) -> Self {
        match e {
            journal::JournalError::Storage(m) => CoreError::Storage(m),
            journal::JournalError::Refused(m) => CoreError::Refused(m),
            journal::JournalError::Callrail(e) => CoreError::Callrail(e),
        }
    }
}

impl From<bulk_runs::RunError> for CoreError {
    fn from(e: bulk_runs::RunError) -> Self {
        use bulk_runs::RunError as R;
        match e {
            R::Refused(m) => CoreError::Refused(m),
            R::NotFound(m) => CoreError::NotFound(m),
            R::ConfirmationRequired { numbers, message } => {
                CoreError::ConfirmationRequired { numbers, message }
            }
            R::Storage(m) => CoreError::Storage(m),
        }
    }
}

impl From<usage::UsageError> for CoreError {
    fn from(e: usage::UsageError) -> Self {
        CoreError::Storage(e.0)
    }
}

/// A write's failure as the journal records it.
impl journal::WriteFailure for CoreError {
    fn outcome_unknown(&self) -> bool {
        matches!(self, CoreError::Callrail(c) if c.outcome_unknown())
    }
}

impl From<callrail::Violations> for CoreError {
    fn from(v: callrail::Violations) -> Self {
        CoreError::Callrail(callrail::Error::Invalid(v))
    }
}

impl From<callrail::RuleViolation> for CoreError {
    fn from(v: callrail::RuleViolation) -> Self {
        CoreError::Callrail(callrail::Error::from(v))
    }
}

pub type CoreResult<T> = Result<T, CoreError>;
