//! The plans a desk holds by their ids: where each came from (to plan it again), and the plan as
//! last made.

use crate::selection::SelectionChange;
use serde::Serialize;
use std::sync::Mutex;

/// Where a plan comes from, to plan it again.
#[derive(Debug, Clone)]
pub enum PlanSource {
    /// A trackers file, read again each time it is planned (the person may have fixed it).
    File { path: std::path::PathBuf },
    /// One change to trackers ticked in the table.
    Selection {
        company_id: String,
        ids: Vec<String>,
        change: SelectionChange,
    },
}

/// A plan as the Bulk screen and the command line show it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FilePlan {
    /// What applying it names.
    pub id: String,
    /// The file's name, or what was asked of the selected trackers.
    pub file_name: String,
    /// Whether rows may disable trackers (always, for "Disable N…").
    pub allow_disable: bool,
    pub plan: bulk::Plan,
}

/// What a held plan was made from.
#[derive(Debug, Clone)]
pub(crate) struct Held {
    pub(crate) connection: String,
    pub(crate) account: String,
    pub(crate) source: PlanSource,
    pub(crate) allow_disable: bool,
    pub(crate) prices: bulk::Prices,
    /// The plan as last made, and when.
    pub(crate) last: Option<(FilePlan, std::time::Instant)>,
}

/// The plans a desk holds, by id, to be planned again or applied.
#[derive(Default)]
pub struct Plans(pub(crate) Mutex<Vec<(String, Held)>>);

/// Plans held at once; the oldest goes first.
pub(crate) const HELD_PLANS: usize = 8;

/// A plan made this recently is what applying it would plan again (the command line's `--yes`
/// applies the plan it has just made); an older one is planned again.
pub(crate) const FRESH: std::time::Duration = std::time::Duration::from_secs(5);
