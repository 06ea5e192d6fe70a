//! Tracker Desk without Tauri: connections (keys in the OS keyring), accounts and companies,
//! trackers with their money guards, the DNI snippet, and the demo mode on the built-in simulator.
//! The desktop shell's commands and the `trackerdesk` command line are thin layers over [`Desk`].

mod connections;
mod desk;
mod error;
pub mod export;
pub mod journal;
pub mod quota;
mod reconcile;
pub mod restore;
pub mod run;
pub mod search;
pub mod secrets;
pub mod settings;
pub mod store;
mod trackers;
pub mod tuning;
pub mod usage;
pub mod views;
mod wording;

pub use connections::{Connections, DEMO_CONNECTION_ID};
pub use desk::{
    request_budget, Desk, FilePlan, PersonView, PlanSource, RunControl, RunEvent, RunView,
    SelectionChange, UsageStep, Written, JOURNAL_FILE, MAX_USAGE_DAYS,
};
pub use error::{CoreError, CoreResult, Outcome};
pub use secrets::{SecretError, SecretStore};
pub use trackers::TrackerListRequest;
pub use tuning::Tuning;

/// The app's identifier: the keyring service and the app-data folder are named after it.
pub const APP_IDENTIFIER: &str = "com.trackerdesk.app";

pub(crate) fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
