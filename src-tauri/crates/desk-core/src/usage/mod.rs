//! What each client's numbers cost and which ones nobody calls: calls counted per tracker and per
//! tracking number from CallRail's call log ([`cache`]), and the report made of those counts and
//! the trackers as CallRail lists them ([`report`]).

pub mod cache;
pub mod report;

pub use report::{
    build_report, dollars, CompanyUsage, PoolAdvice, Prices, TrackerUsage, UsageReport, UsageTotals,
};
