//! What can go wrong, in words a marketer understands. No variant ever holds the API key.

use std::fmt;
use std::time::Duration;

/// One broken rule of a request, found before anything is sent.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RuleViolation {
    /// The field as the API and the forms name it, e.g. `pool_size`.
    pub field: String,
    /// What the rule is, e.g. "pool size must be between 4 and 50 numbers (got 3)".
    pub message: String,
}

impl RuleViolation {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for RuleViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for RuleViolation {}

/// Every rule a request broke; never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violations(pub Vec<RuleViolation>);

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&parts.join("; "))
    }
}

impl From<RuleViolation> for Violations {
    fn from(v: RuleViolation) -> Self {
        Self(vec![v])
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The request broke a rule and was not sent.
    #[error("{0}")]
    Invalid(Violations),
    #[error(
        "CallRail did not accept the API key: check that it is typed in full and still active"
    )]
    Unauthorized,
    #[error("this API key may not do that in CallRail: {message}")]
    Forbidden { message: String },
    #[error("not found in CallRail: {message}")]
    NotFound { message: String },
    /// 400 or 422: CallRail read the request and refused it.
    #[error("CallRail refused the request: {message}")]
    Validation { status: u16, message: String },
    /// Too many requests: CallRail answered 429, or the client's own limiter held the request back.
    #[error("{}", rate_limited_message(*retry_after, *local))]
    RateLimited {
        retry_after: Option<Duration>,
        local: bool,
    },
    #[error("CallRail is having trouble (HTTP {status}): {message}; try again in a few minutes")]
    Server { status: u16, message: String },
    /// Any other answer the client does not expect (405, 406, a redirect...).
    #[error("CallRail answered HTTP {status}: {message}")]
    Api { status: u16, message: String },
    #[error("could not reach CallRail: {message}")]
    Network { message: String },
    #[error("CallRail did not answer in time")]
    Timeout,
    #[error("CallRail sent an answer Tracker Desk could not read: {message}")]
    Decode { message: String },
    /// A create whose answer was lost, and no tracker it made could be found yet: it may exist.
    #[error("CallRail did not confirm the tracker \"{name}\" ({cause}), and {check}. It may have been created: do not create it again until it is checked (Tracker Desk checks again at start and with \"Check now\" in History), or numbers may be bought twice")]
    CreateOutcomeUnknown {
        name: String,
        cause: String,
        check: String,
    },
    /// An update or disable whose answer was lost, and reading the tracker did not settle it.
    #[error("CallRail did not confirm the change to {tracker_id} ({cause}), and {check}. It may have been made: look at the tracker before changing it again")]
    ChangeOutcomeUnknown {
        tracker_id: String,
        cause: String,
        check: String,
    },
    /// A write whose answer was lost, and reading CallRail showed it was not carried out.
    #[error("CallRail did not make the change ({cause}); checked in CallRail: {check}. Nothing changed, so it is safe to try again")]
    NotCarriedOut { cause: String, check: String },
    /// Long work (a listing of every page, a copy of the journal) stopped as the person asked.
    #[error("stopped before it finished, as asked")]
    Cancelled,
}

fn rate_limited_message(retry_after: Option<Duration>, local: bool) -> String {
    let when = match retry_after {
        Some(d) if d.as_secs() >= 120 => format!("in about {} minutes", d.as_secs().div_ceil(60)),
        Some(d) => format!("in {} seconds", d.as_secs().max(1)),
        None => "in a few minutes".to_owned(),
    };
    if local {
        format!("Tracker Desk paused to stay under CallRail's hourly and daily request limits; try again {when}")
    } else {
        format!("CallRail is limiting requests for this account; try again {when}")
    }
}

impl From<Violations> for Error {
    fn from(v: Violations) -> Self {
        Error::Invalid(v)
    }
}

impl From<RuleViolation> for Error {
    fn from(v: RuleViolation) -> Self {
        Error::Invalid(v.into())
    }
}

impl Error {
    /// The write may or may not have been carried out: only a person, or a later check, can tell.
    pub fn outcome_unknown(&self) -> bool {
        matches!(
            self,
            Error::CreateOutcomeUnknown { .. } | Error::ChangeOutcomeUnknown { .. }
        )
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
