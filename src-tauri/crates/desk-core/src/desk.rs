//! The application without a window: every operation the UI and the command line offer.

use crate::connections::{self, Connections, Live, DEMO_CONNECTION_ID};
use crate::secrets::SecretStore;
use crate::settings::SettingsFile;
use crate::trackers::{self, TrackerListRequest};
use crate::views::{
    AccountView, CompanyView, ConnectionView, Created, DniInfo, TrackerDetail, TrackerPage,
    UpdatePreview,
};
use crate::{CoreError, CoreResult};
use callrail::{ApiKey, TrackerChanges, TrackerForm};
use callrail_sim::{RunningSim, SimConfig, DEMO_API_KEY};
use std::path::Path;

pub struct Desk {
    connections: Connections,
    demo_sim: tokio::sync::Mutex<Option<RunningSim>>,
}

impl Desk {
    /// `data_dir` holds the settings file; keys go to `secrets`; new connections talk to `api_base`.
    pub fn open(data_dir: &Path, secrets: SecretStore, api_base: impl Into<String>) -> Self {
        Self {
            connections: Connections::new(SettingsFile::in_dir(data_dir), secrets, api_base.into()),
            demo_sim: tokio::sync::Mutex::new(None),
        }
    }

    pub fn connections(&self) -> &Connections {
        &self.connections
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
        if id == DEMO_CONNECTION_ID {
            if let Some(sim) = self.demo_sim.lock().await.take() {
                sim.shutdown().await;
            }
        }
        Ok(())
    }

    /// Starts the built-in CallRail simulator with the demo agency, on loopback, and connects to it.
    pub async fn start_demo(&self) -> CoreResult<ConnectionView> {
        let mut sim = self.demo_sim.lock().await;
        if sim.is_none() {
            let started = RunningSim::start(SimConfig::default())
                .await
                .map_err(|e| CoreError::Storage(format!("could not start the demo: {e}")))?;
            let client = connections::client(ApiKey::new(DEMO_API_KEY)?, &started.base_url())?;
            let account = client
                .list_accounts()
                .await?
                .into_iter()
                .next()
                .map(|a| a.id);
            self.connections.set_demo(Live {
                view: ConnectionView {
                    id: DEMO_CONNECTION_ID.into(),
                    name: "Demo agency (sample data)".into(),
                    key_hint: "demo".into(),
                    demo: true,
                    api_base: Some(started.base_url()),
                    account_id: account,
                    company_id: None,
                },
                client,
            });
            *sim = Some(started);
        }
        self.connections.find(DEMO_CONNECTION_ID)
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

    pub async fn list_trackers(
        &self,
        connection: &str,
        account: &str,
        request: TrackerListRequest,
    ) -> CoreResult<TrackerPage> {
        trackers::list(&self.connections.client(connection)?, account, request).await
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

    pub async fn create_tracker(
        &self,
        connection: &str,
        account: &str,
        form: &TrackerForm,
        confirmed_numbers: u32,
    ) -> CoreResult<Created> {
        trackers::create(
            &self.connections.client(connection)?,
            account,
            form,
            confirmed_numbers,
        )
        .await
    }

    pub async fn preview_update(
        &self,
        connection: &str,
        account: &str,
        id: &str,
        changes: &TrackerChanges,
    ) -> CoreResult<UpdatePreview> {
        trackers::preview(&self.connections.client(connection)?, account, id, changes).await
    }

    pub async fn update_tracker(
        &self,
        connection: &str,
        account: &str,
        id: &str,
        changes: &TrackerChanges,
        confirmed_numbers: u32,
    ) -> CoreResult<TrackerDetail> {
        trackers::update(
            &self.connections.client(connection)?,
            account,
            id,
            changes,
            confirmed_numbers,
        )
        .await
    }

    pub async fn disable_tracker(
        &self,
        connection: &str,
        account: &str,
        id: &str,
        confirm_name: &str,
    ) -> CoreResult<TrackerDetail> {
        trackers::disable(
            &self.connections.client(connection)?,
            account,
            id,
            confirm_name,
        )
        .await
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
