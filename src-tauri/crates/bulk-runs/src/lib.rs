//! The bulk workflow, whole: a plan made from a trackers file or from trackers ticked in the table
//! and held by its id to be planned again or applied (`plan.rs`, `held.rs`), written as a run in the
//! journal's store before anything is sent (`view.rs`), applied row by row under a lease
//! (`apply.rs`, `lease.rs`), each row checked again just before it is sent (`recheck.rs`).
//!
//! A row is sent through the desk's journaled writes, the same path as a single change: the desk
//! lends them through [`Host`], and calls this crate through a [`Runner`]. It knows the journal,
//! the trackers file and CallRail, not the desk.

mod apply;
mod error;
mod held;
mod host;
mod lease;
mod plan;
mod recheck;
mod selection;
mod view;

pub use error::{RunError, Trouble};
pub use held::{FilePlan, PlanSource, Plans};
pub use host::{Host, Runner, Sent};
pub use selection::SelectionChange;
pub use view::{RunControl, RunEvent, RunView};
