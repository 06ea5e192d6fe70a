//! What each client's numbers cost and which ones nobody calls: calls counted per tracker and per
//! tracking number from CallRail's call log ([`cache`]), and the report made of those counts and
//! the trackers as CallRail lists them ([`report`]). It knows CallRail's types, not the desk.

pub mod cache;
pub mod report;

pub use report::{
    build_report, dollars, CompanyUsage, PoolAdvice, Prices, TrackerUsage, UsageReport, UsageTotals,
};

/// The call counts on this computer could not be read or written.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

pub type UsageResult<T> = Result<T, UsageError>;
