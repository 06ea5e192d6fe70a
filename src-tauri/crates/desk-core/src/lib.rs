//! Tracker Desk without Tauri: connections (keys in the OS keyring), accounts and companies,
//! trackers with their money guards, the DNI snippet, and the demo mode on the built-in simulator.
//! The desktop shell's commands and the `trackerdesk` command line are thin layers over [`Desk`].

mod connections;
mod desk;
mod error;
pub mod ledger;
pub mod search;
pub mod secrets;
pub mod settings;
pub mod table;
mod trackers;
pub mod views;

// The journal's types are the desk's too: the shells reach them through the desk alone.
use journal::wording;
pub use journal::{export, quota, restore, runs, store, tuning};
pub use usage;

pub use connections::{Connections, DEMO_CONNECTION_ID};
pub use desk::{
    request_budget, CreateExplained, Desk, FilePlan, PersonView, PlanSource, RunControl, RunEvent,
    RunView, SelectionChange, TableHead, TableWindow, UsageStep, Written, JOURNAL_FILE,
    MAX_USAGE_DAYS,
};
pub use error::{CoreError, CoreResult, Outcome};
pub use journal::{JournalError, Tuning};
pub use secrets::{SecretError, SecretStore};
pub use trackers::TrackerListRequest;

/// The app's identifier: the keyring service and the app-data folder are named after it.
pub const APP_IDENTIFIER: &str = "com.trackerdesk.app";

pub(crate) use journal::now_rfc3339;
