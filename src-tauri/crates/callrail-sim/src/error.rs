//! Errors: [`SimError`] for the library user, [`ApiError`] for what the HTTP API answers.

use std::path::PathBuf;

/// An error setting up a simulator (reading or applying a seed).
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    /// The seed file could not be read.
    #[error("cannot read seed file {}: {source}", path.display())]
    SeedRead {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The seed file is not valid seed JSON.
    #[error("invalid seed file {}: {source}", path.display())]
    SeedParse {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: serde_json::Error,
    },
    /// The seed parsed, but describes something the API would refuse.
    #[error("invalid seed: {0}")]
    InvalidSeed(String),
}

/// An error answer of the simulated API: an HTTP status and the `{"error": message}` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub status: u16,
    pub message: String,
}

impl ApiError {
    pub fn new(status: u16, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(400, message)
    }

    pub fn missing(param: &str) -> Self {
        Self::bad_request(format!("missing required parameter '{param}'"))
    }

    pub fn not_found() -> Self {
        Self::new(404, "Not found")
    }

    pub fn not_acceptable() -> Self {
        Self::new(406, "Not Acceptable")
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.status, self.message)
    }
}
