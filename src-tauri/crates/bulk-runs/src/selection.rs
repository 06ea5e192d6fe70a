//! One change to many trackers at once, chosen in the trackers table.

use serde::{Deserialize, Serialize};

/// One change to many trackers at once, chosen in the trackers table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SelectionChange {
    /// Calls go to this number.
    Destination { number: String },
    /// swap.js also swaps this number on the website (session trackers).
    AddSwapTarget { number: String },
    /// Disable them all, releasing their numbers for good.
    Disable,
}

impl SelectionChange {
    /// What the plan's source is called on screen.
    pub fn describe(&self, count: usize) -> String {
        match self {
            SelectionChange::Destination { number } => {
                format!("{count} selected tracker(s): destination {number}")
            }
            SelectionChange::AddSwapTarget { number } => {
                format!("{count} selected tracker(s): add swap target {number}")
            }
            SelectionChange::Disable => format!("{count} selected tracker(s): disable"),
        }
    }
}
