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
