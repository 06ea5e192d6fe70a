//! A client for the CallRail API v3, as its reference documents it: accounts, companies and
//! trackers (list, get, create, update, disable), with typed requests that cannot be built wrong,
//! typed errors, retries that never buy numbers twice, and a per-account rate limiter.
//!
//! It knows HTTP and CallRail, not the app: the desktop app and the `trackerdesk` command line
//! both stand on it.

mod builder;
pub mod calls;
pub mod check;
mod client;
mod clock;
pub mod dni;
mod error;
mod form;
mod limiter;
pub mod list;
pub mod models;
pub mod phone;
mod retry;
pub mod rules;
mod secret;
mod transport;
pub mod update;
mod writes;

pub use builder::{ClientBuilder, DEFAULT_BASE_URL, REQUEST_FROM};
pub use calls::{Call, CallPages, CallQuery, CALLS_PER_PAGE};
pub use check::{CheckPolicy, CreatedLookup};
pub use client::{Client, Watch};
pub use clock::Clock;
pub use error::{Error, Result, RuleViolation, Violations};
pub use limiter::{Meter, RateLimiter, RateLimits};
pub use list::{Order, StatusFilter, TrackerQuery, TypeFilter};
pub use models::{
    Account, CallFlow, Company, Page, Tracker, TrackerSource, TrackerStatus, TrackerType,
};
pub use phone::{format_number, AreaCode, E164};
pub use retry::RetryPolicy;
pub use rules::{SourceInput, TrackerDraft, TrackerForm, TrackerKind};
pub use secret::ApiKey;
pub use transport::redact_tokens;
pub use update::{plan_update, TrackerChanges, UpdatePlan};
pub use writes::{CreateOutcome, Disabled, Updated};
