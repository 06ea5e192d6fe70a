//! THE error that crosses IPC: one tagged enum, a variant for each thing the UI does differently.
//! Messages are fit to show a person; internals and keys never cross.

use desk_core::views::FieldError;
use desk_core::{CoreError, SecretError};
use serde::Serialize;
use specta::Type;

#[derive(Debug, thiserror::Error, Serialize, Type)]
#[serde(tag = "kind", content = "data")]
pub enum IpcError {
    /// Shown next to the fields they name; nothing was sent.
    #[error("{}", first(errors))]
    Validation { errors: Vec<FieldError> },
    /// The key was refused: offer to enter it again.
    #[error("{message}")]
    Unauthorized { message: String },
    #[error("{message}")]
    Forbidden { message: String },
    #[error("{message}")]
    NotFound { message: String },
    /// Show when to try again.
    #[error("{message}")]
    RateLimited {
        retry_after_s: Option<u32>,
        message: String,
    },
    /// A write that buys or releases numbers needs the count (or name) confirmed.
    #[error("{message}")]
    ConfirmationRequired { numbers: u32, message: String },
    /// CallRail could not be reached: offer to retry.
    #[error("{message}")]
    Network { message: String },
    /// A write whose answer was lost and that could not be found or ruled out in CallRail (or an
    /// earlier one of the same tracker still in that state): never offer to send it again.
    #[error("{message}")]
    OutcomeUnknown { message: String },
    #[error("{message}")]
    Api { status: u16, message: String },
    /// The OS keyring is missing or refused: explain how to fix it.
    #[error("{message}")]
    Keyring { message: String },
    #[error("{message}")]
    Storage { message: String },
    /// Checking for, or installing, a new version of the app failed; this version keeps running.
    #[error("{message}")]
    Update { message: String },
    /// Long reading work stopped as the person asked; nothing changed.
    #[error("{message}")]
    Cancelled { message: String },
}

fn first(errors: &[FieldError]) -> String {
    errors
        .first()
        .map(|e| format!("{}: {}", e.field, e.message))
        .unwrap_or_default()
}

impl From<CoreError> for IpcError {
    fn from(e: CoreError) -> Self {
        let message = e.to_string();
        match e {
            CoreError::Callrail(c) => from_callrail(c),
            CoreError::Secrets(SecretError::Missing) => IpcError::Unauthorized { message },
            CoreError::Secrets(_) => IpcError::Keyring { message },
            CoreError::Storage(_) => IpcError::Storage { message },
            CoreError::UnknownConnection(_) | CoreError::NotFound(_) => {
                IpcError::NotFound { message }
            }
            CoreError::ConfirmationRequired { numbers, .. } => {
                IpcError::ConfirmationRequired { numbers, message }
            }
            CoreError::ChangedSincePlan(_) | CoreError::Refused(_) => IpcError::Api {
                status: 409,
                message,
            },
        }
    }
}

fn from_callrail(e: callrail::Error) -> IpcError {
    use callrail::Error as E;
    let message = e.to_string();
    match e {
        E::Invalid(v) => IpcError::Validation {
            errors: v
                .0
                .into_iter()
                .map(|v| FieldError {
                    field: v.field,
                    message: v.message,
                })
                .collect(),
        },
        E::Unauthorized => IpcError::Unauthorized { message },
        E::Forbidden { .. } => IpcError::Forbidden { message },
        E::NotFound { .. } => IpcError::NotFound { message },
        E::Validation { .. } => IpcError::Api {
            status: 400,
            message,
        },
        E::RateLimited { retry_after, .. } => IpcError::RateLimited {
            retry_after_s: retry_after.map(|d| u32::try_from(d.as_secs()).unwrap_or(u32::MAX)),
            message,
        },
        E::Server { status, .. } | E::Api { status, .. } => IpcError::Api { status, message },
        E::Network { .. } | E::Timeout => IpcError::Network { message },
        E::Decode { .. } => IpcError::Api {
            status: 200,
            message,
        },
        E::NotCarriedOut { .. } => IpcError::Network { message },
        E::CreateOutcomeUnknown { .. } | E::ChangeOutcomeUnknown { .. } => {
            IpcError::OutcomeUnknown { message }
        }
        E::Cancelled => IpcError::Cancelled { message },
    }
}

pub type IpcResult<T> = Result<T, IpcError>;

#[cfg(test)]
mod agreement {
    use super::*;

    /// The app's message and the command line's exit code come from the same outcome: what may have
    /// been carried out is "outcome unknown" in both, what waits for a confirmation is asked for
    /// in both.
    #[test]
    fn the_app_and_the_command_line_tell_each_outcome_alike() {
        let unknown = callrail::Error::CreateOutcomeUnknown {
            name: "Pool".into(),
            cause: "lost".into(),
            check: "later".into(),
        };
        let samples = [
            CoreError::Callrail(unknown),
            CoreError::Callrail(callrail::Error::Timeout),
            CoreError::Callrail(callrail::Error::Unauthorized),
            CoreError::from(callrail::RuleViolation::new("pool_size", "4 to 50")),
            CoreError::ConfirmationRequired {
                numbers: 4,
                message: "confirm".into(),
            },
            CoreError::ChangedSincePlan("renamed".into()),
            CoreError::NotFound("no run".into()),
            CoreError::Refused("nothing to do".into()),
            CoreError::Storage("disk".into()),
            CoreError::UnknownConnection("c".into()),
        ];
        for e in samples {
            let outcome = e.outcome();
            let shown = format!("{e}");
            let ipc = IpcError::from(e);
            assert_eq!(
                matches!(ipc, IpcError::OutcomeUnknown { .. }),
                outcome == desk_core::Outcome::Unknown,
                "{shown}: {ipc:?}"
            );
            assert_eq!(
                matches!(ipc, IpcError::ConfirmationRequired { .. }),
                outcome == desk_core::Outcome::NotConfirmed,
                "{shown}: {ipc:?}"
            );
            assert_eq!(
                matches!(ipc, IpcError::Validation { .. } | IpcError::NotFound { .. }),
                outcome == desk_core::Outcome::Refused
                    && !matches!(ipc, IpcError::Api { status: 409, .. }),
                "{shown}: {ipc:?}"
            );
        }
    }
}
