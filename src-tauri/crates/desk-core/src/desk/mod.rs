//! The application without a window: every operation the UI and the command line offer, as
//! methods of [`Desk`], one file a concern:
//!
//! | file | what the desk does there |
//! |---|---|
//! | `connect.rs` | connections: add, rename, replace a key, remove; a key for one run |
//! | `demo.rs` | the demo on the built-in simulator (feature `demo`) |
//! | `reads.rs` | accounts, companies, trackers (with their last-seen copy), checks, previews, DNI |
//! | `writes.rs` | create, update, disable: guarded, claimed and journaled |
//! | `history.rs` | History, the check of what a crash left open, export, recreate and revert |
//! | `table.rs` | the trackers tables the window shows, held here and read a window at a time |
//! | `search.rs` | which client owns a number or a name, across the account |
//! | `bulk.rs` | bulk plans and runs (the workflow is `bulk-runs`'s; the desk lends it its writes) |
//! | `usage.rs` | the call log read into counts, and the costs report |
//! | `team.rs` | where the journal is kept: this computer, or the team's MongoDB |
//! | `person.rs` | who this desk's changes are journaled as |

mod bulk;
mod connect;
#[cfg(feature = "demo")]
mod demo;
mod history;
mod person;
mod reads;
mod search;
mod table;
mod team;
mod usage;
mod writes;

pub use bulk_runs::{FilePlan, PlanSource, RunControl, RunEvent, RunView, SelectionChange};
pub use person::PersonView;
pub use reads::CreateExplained;
pub use table::{TableHead, TableWindow};
pub use usage::{request_budget, UsageStep, MAX_USAGE_DAYS};
pub use writes::Written;

use crate::connections::Connections;
use crate::secrets::SecretStore;
use crate::settings::SettingsFile;
use crate::store::SqliteStore;
use crate::tuning::Tuning;
use crate::CoreResult;
use journal::Journal;
use std::path::Path;
use std::sync::Arc;

/// The journal's file in the app-data folder.
pub const JOURNAL_FILE: &str = "journal.sqlite3";

/// Where a write in flight keeps its lock file, in the app-data folder.
const IN_FLIGHT_DIR: &str = "in-flight";

/// The keyring entry of the team store's connection string.
const TEAM_STORE_SECRET: &str = "team-store-uri";

pub struct Desk {
    connections: Connections,
    journal: Journal,
    local: Arc<SqliteStore>,
    store_warning: std::sync::Mutex<Option<String>>,
    /// The team's store, when the journal is kept there (to ask whether it answers).
    team: std::sync::Mutex<Option<Arc<crate::store::MongoStore>>>,
    #[cfg(feature = "demo")]
    demo_sim: tokio::sync::Mutex<Option<callrail_sim::RunningSim>>,
    /// The account-wide search's copies, and when each company was last read whole.
    search: search::SearchState,
    data_dir: std::path::PathBuf,
    /// The calls counted for usage reports, opened when first wanted.
    usage: std::sync::OnceLock<::usage::cache::UsageCache>,
    /// Bulk plans shown, by id, to be planned again or applied.
    plans: bulk_runs::Plans,
    /// The trackers tables the window shows.
    tables: table::Tables,
}

impl Desk {
    /// `data_dir` holds the settings file and the journal; keys go to `secrets`; new connections
    /// talk to `api_base`.
    pub fn open(
        data_dir: &Path,
        secrets: SecretStore,
        api_base: impl Into<String>,
    ) -> CoreResult<Self> {
        let local = Arc::new(SqliteStore::open(&data_dir.join(JOURNAL_FILE))?);
        let journal = Journal::new(local.clone(), data_dir.join(IN_FLIGHT_DIR));
        let desk = Self {
            connections: Connections::new(
                SettingsFile::in_dir(data_dir),
                secrets,
                api_base.into(),
                &journal,
            ),
            journal,
            local,
            store_warning: std::sync::Mutex::new(None),
            team: std::sync::Mutex::new(None),
            #[cfg(feature = "demo")]
            demo_sim: tokio::sync::Mutex::new(None),
            search: search::SearchState::default(),
            data_dir: data_dir.to_path_buf(),
            usage: std::sync::OnceLock::new(),
            plans: bulk_runs::Plans::default(),
            tables: table::Tables::default(),
        };
        desk.load_person();
        Ok(desk)
    }

    pub fn connections(&self) -> &Connections {
        &self.connections
    }

    /// How patient writes are (see [`Tuning`]), for the clients made from now on: set it before
    /// `use_key` or the demo.
    pub fn set_tuning(&self, tuning: Tuning) {
        self.connections.set_tuning(tuning);
    }
}
