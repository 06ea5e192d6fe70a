//! The one record of every change Tracker Desk sends to CallRail, written before the request
//! leaves and completed after: the journal (`intent.rs`), the stores that keep it (SQLite on this
//! computer, MongoDB for a team), bulk runs' records, the quota counts every process shares, and the
//! check that settles what a crash or a lost answer left open. It knows CallRail's types, not the
//! desk: the desk calls it, never the other way round.

mod error;
pub mod export;
mod intent;
pub mod quota;
pub mod reconcile;
pub mod restore;
pub mod runs;
pub mod store;
mod sweep;
pub mod tuning;
pub mod wording;

pub use error::{JournalError, JournalResult, WriteFailure};
pub use intent::{
    age, json, new_entry_id, person_named, rfc3339, Claim, InFlight, Intent, Journal,
};
pub use tuning::Tuning;

/// The demo's connection: its changes are journaled on this computer only, never in a team's store.
pub const DEMO_CONNECTION_ID: &str = "demo";

/// Now, in RFC 3339, by this computer's clock (for records no CallRail time belongs to).
pub fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
