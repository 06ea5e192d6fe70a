//! The application without a window: every operation the UI and the command line offer. The
//! journaled writes are in `writes.rs`, the choice of journal store in `team.rs`.

mod apply_run;
mod bulk;
#[cfg(feature = "demo")]
mod demo;
mod lease;
mod person;
mod plans;
mod runs;
mod search;
mod team;
mod usage;
mod writes;

pub use bulk::SelectionChange;
pub use person::PersonView;
pub use plans::{FilePlan, PlanSource};
pub use runs::{RunControl, RunEvent, RunView};
pub use usage::{request_budget, UsageStep, MAX_USAGE_DAYS};
pub use writes::Written;

use crate::connections::{Connected, Connections};
use crate::secrets::SecretStore;
use crate::settings::SettingsFile;
use crate::store::{HistoryFilter, JournalEntry, SnapshotRecord, SqliteStore};
use crate::trackers::{self, TrackerListRequest};
use crate::tuning::Tuning;
use crate::views::{
    AccountView, CompanyView, ConnectionView, DniInfo, TrackerDetail, TrackerPage, UpdatePreview,
};
use crate::{CoreError, CoreResult};
use callrail::{ApiKey, TrackerChanges, TrackerForm};
use journal::restore;
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
    /// When each (connection, account) was last read whole, for account-wide search.
    account_listed:
        std::sync::Mutex<std::collections::HashMap<(String, String), (std::time::Instant, String)>>,
    data_dir: std::path::PathBuf,
    /// The calls counted for usage reports, opened when first wanted.
    usage: std::sync::OnceLock<::usage::cache::UsageCache>,
    /// Bulk plans shown, by id, to be planned again or applied.
    plans: std::sync::Mutex<Vec<(String, plans::Held)>>,
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
            account_listed: std::sync::Mutex::default(),
            data_dir: data_dir.to_path_buf(),
            usage: std::sync::OnceLock::new(),
            plans: std::sync::Mutex::default(),
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

    pub fn list_connections(&self) -> CoreResult<Vec<ConnectionView>> {
        self.connections.list()
    }

    pub async fn add_connection(&self, name: &str, api_key: &str) -> CoreResult<ConnectionView> {
        self.connections.add(name, api_key).await
    }

    pub async fn replace_key(&self, id: &str, api_key: &str) -> CoreResult<ConnectionView> {
        self.connections.replace_key(id, api_key).await
    }

    pub fn rename_connection(&self, id: &str, name: &str) -> CoreResult<ConnectionView> {
        self.connections.rename(id, name)
    }

    pub async fn remove_connection(&self, id: &str) -> CoreResult<()> {
        self.connections.remove(id)?;
        #[cfg(feature = "demo")]
        if id == crate::DEMO_CONNECTION_ID {
            self.stop_demo().await;
        }
        Ok(())
    }

    /// Uses a key for this run only (the command line's CALLRAIL_API_KEY): not saved anywhere, but
    /// its changes are journaled like any connection's, under an id made from the key's fingerprint,
    /// so a later run with the same key can check them.
    pub fn use_key(&self, key: ApiKey, api_base: &str) -> CoreResult<ConnectionView> {
        let view = ConnectionView {
            id: format!("key-{}", key.fingerprint()),
            name: format!("CALLRAIL_API_KEY ••••{}", key.last4()),
            key_hint: format!("••••{}", key.last4()),
            demo: false,
            api_base: Some(api_base.to_owned()),
            account_id: None,
            company_id: None,
        };
        let client = self.connections.make_client(&view.id, key, api_base)?;
        self.connections.add_unsaved(Connected {
            view: view.clone(),
            client,
        });
        Ok(view)
    }

    pub async fn list_accounts(&self, connection: &str) -> CoreResult<Vec<AccountView>> {
        let accounts = self.connections.client(connection)?.list_accounts().await?;
        Ok(accounts
            .into_iter()
            .map(|a| AccountView {
                id: a.id,
                name: a.name,
            })
            .collect())
    }

    pub async fn list_companies(
        &self,
        connection: &str,
        account: &str,
    ) -> CoreResult<Vec<CompanyView>> {
        let companies = self
            .connections
            .client(connection)?
            .list_companies(account, None)
            .await?;
        Ok(companies.into_iter().map(CompanyView::from).collect())
    }

    pub fn remember_selection(
        &self,
        connection: &str,
        account: Option<String>,
        company: Option<String>,
    ) -> CoreResult<()> {
        self.connections.remember(connection, account, company)
    }

    /// Trackers from CallRail, keeping each company's last-seen copy; when CallRail cannot be
    /// reached, the copy is returned instead, marked offline with its age.
    pub async fn list_trackers(
        &self,
        connection: &str,
        account: &str,
        request: TrackerListRequest,
    ) -> CoreResult<TrackerPage> {
        self.list_trackers_watched(connection, account, request, None)
            .await
    }

    /// The same; a listing of every page tells `watch` of each page and stops when it asks.
    pub async fn list_trackers_watched(
        &self,
        connection: &str,
        account: &str,
        request: TrackerListRequest,
        watch: Option<&callrail::Watch<'_>>,
    ) -> CoreResult<TrackerPage> {
        let client = self.connections.client(connection)?;
        match trackers::list(&client, account, &request, watch).await {
            Ok((page, raw)) => {
                let (records, _) =
                    SnapshotRecord::seen(connection, account, Some(&request.company_id), &raw);
                if let Err(e) = self.journal.store().save_snapshots(&records).await {
                    tracing::warn!("could not keep the last-seen trackers: {e}");
                }
                Ok(page)
            }
            Err(CoreError::Callrail(
                e @ (callrail::Error::Network { .. } | callrail::Error::Timeout),
            )) => match self.cached_trackers(connection, account, &request).await? {
                Some(page) => Ok(page),
                None => Err(e.into()),
            },
            Err(e) => Err(e),
        }
    }

    /// The last-seen trackers of a company, to show at once while CallRail is asked; `None` when
    /// none were seen yet.
    pub async fn cached_trackers(
        &self,
        connection: &str,
        account: &str,
        request: &TrackerListRequest,
    ) -> CoreResult<Option<TrackerPage>> {
        let cached = self
            .journal
            .store()
            .company_snapshots(connection, account, Some(&request.company_id))
            .await?;
        if cached.is_empty() {
            return Ok(None);
        }
        let trackers = cached
            .into_iter()
            .filter_map(|r| Some((serde_json::from_str(&r.tracker).ok()?, r.seen_at)))
            .collect();
        Ok(Some(trackers::from_cache(request, trackers)))
    }

    pub async fn get_tracker(
        &self,
        connection: &str,
        account: &str,
        id: &str,
    ) -> CoreResult<TrackerDetail> {
        trackers::get(&self.connections.client(connection)?, account, id).await
    }

    pub fn check_tracker(&self, form: &TrackerForm) -> crate::views::FormCheck {
        trackers::check(form)
    }

    pub async fn preview_update(
        &self,
        connection: &str,
        account: &str,
        id: &str,
        changes: &TrackerChanges,
    ) -> CoreResult<UpdatePreview> {
        Ok(
            trackers::preview(&self.connections.client(connection)?, account, id, changes)
                .await?
                .0,
        )
    }

    /// The journal, newest first.
    pub async fn history(&self, filter: &HistoryFilter) -> CoreResult<Vec<JournalEntry>> {
        Ok(self.journal.store().history(filter).await?)
    }

    /// Checks the entries a crash or a lost answer left open against CallRail, and completes them
    /// with what CallRail shows. An entry whose request may still be on its way (its process is
    /// alive, or it comes from another computer and is younger than the tuning's minimum age) is
    /// left alone. Returns the entries checked.
    pub async fn reconcile_unfinished(&self) -> CoreResult<Vec<JournalEntry>> {
        let tuning = self.connections.tuning();
        let mut checked = Vec::new();
        for entry in self.journal.store().unresolved().await? {
            let Ok(client) = self.connections.client(&entry.connection_id) else {
                continue;
            };
            if self
                .journal
                .in_flight(&entry, tuning.min_age, client.clock().now())
            {
                continue;
            }
            self.journal.reconcile(&client, &entry, &tuning).await?;
            checked.push(entry.id);
        }
        self.journal.sweep_locks().await?;
        let all = self
            .journal
            .store()
            .history(&HistoryFilter::default())
            .await?;
        Ok(all
            .into_iter()
            .filter(|e| checked.contains(&e.id))
            .collect())
    }

    /// How many of this process's changes are on their way to CallRail now.
    pub fn writes_in_flight(&self) -> usize {
        self.journal.writes_in_flight()
    }

    /// The changes whose outcome is not known: in flight, interrupted, or lost and not found yet.
    pub async fn unresolved_changes(&self) -> CoreResult<Vec<JournalEntry>> {
        Ok(self.journal.store().unresolved().await?)
    }

    /// Writes the entries `filter` selects to `path` as CSV or JSON; returns how many.
    pub async fn export_history(
        &self,
        filter: &HistoryFilter,
        format: crate::export::ExportFormat,
        path: &Path,
    ) -> CoreResult<u32> {
        let entries = self.history(filter).await?;
        crate::export::write(&entries, format, path)?;
        Ok(u32::try_from(entries.len()).unwrap_or(u32::MAX))
    }

    /// The create form for a disabled tracker, from its last active state (CallRail will assign
    /// new numbers).
    pub async fn recreate_form(
        &self,
        connection: &str,
        account: &str,
        tracker_id: &str,
    ) -> CoreResult<TrackerForm> {
        let saved = restore::last_active_state(
            self.journal.store().as_ref(),
            connection,
            account,
            tracker_id,
        )
        .await?;
        let t = match saved {
            Some(t) => t,
            None => {
                self.connections
                    .client(connection)?
                    .get_tracker(account, tracker_id, &["swap_targets", "campaign_name"])
                    .await?
            }
        };
        Ok(restore::form_from(&t))
    }

    /// The inverse of a journaled update, to preview and confirm like any edit.
    pub async fn revert_changes(&self, entry_id: &str) -> CoreResult<TrackerChanges> {
        let all = self
            .journal
            .store()
            .history(&HistoryFilter::default())
            .await?;
        let entry = all
            .iter()
            .find(|e| e.id == entry_id)
            .ok_or_else(|| CoreError::Storage(format!("there is no journal entry {entry_id}")))?;
        Ok(restore::inverse(entry)?)
    }

    fn connection(&self, id: &str) -> CoreResult<(callrail::Client, String)> {
        let client = self.connections.client(id)?;
        let name = self
            .connections
            .find(id)
            .map(|c| c.name)
            .unwrap_or_else(|_| id.to_owned());
        Ok((client, name))
    }

    /// The company's swap.js snippet, and the always-swap source trackers that would win over a pool.
    pub async fn dni(
        &self,
        connection: &str,
        account: &str,
        company_id: &str,
    ) -> CoreResult<DniInfo> {
        let client = self.connections.client(connection)?;
        let company = client.get_company(account, company_id).await?;
        let snippet = callrail::dni::swap_snippet(&company)?;
        let always_swap = trackers::always_swap(&client, account, company_id).await?;
        Ok(DniInfo {
            company_id: company.id,
            company_name: company.name,
            script_url: company.script_url.unwrap_or_default(),
            snippet,
            dni_active: company.dni_active,
            always_swap_trackers: always_swap,
        })
    }
}
