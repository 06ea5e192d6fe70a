//! Where the journal is kept: this computer's SQLite, or a team's MongoDB.

use super::{Desk, TEAM_STORE_SECRET};
use crate::secrets::SecretStore;
use crate::store::{MongoStore, Store};
use crate::views::StoreInfo;
use crate::CoreResult;
use std::path::Path;
use std::sync::Arc;

impl Desk {
    /// Opens, then connects the team's store when one is configured. If it cannot be reached, the
    /// local journal keeps every change and the store's warning says so.
    pub async fn open_configured(
        data_dir: &Path,
        secrets: SecretStore,
        api_base: impl Into<String>,
    ) -> CoreResult<Self> {
        let desk = Self::open(data_dir, secrets, api_base)?;
        if let Some(database) = desk.connections.settings().load()?.team_store {
            let connected = match desk.connections.secrets().load_secret(TEAM_STORE_SECRET) {
                Ok(uri) => MongoStore::connect(&uri, &database).await,
                Err(e) => Err(e.into()),
            };
            match connected {
                Ok(team) => desk.journal.set_store(Arc::new(team)),
                Err(e) => {
                    *desk.store_warning.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(format!(
                        "The team's MongoDB could not be reached ({e}); changes are kept in this computer's journal for now."
                    ));
                }
            }
        }
        Ok(desk)
    }

    pub fn store_info(&self) -> CoreResult<StoreInfo> {
        let team = self.connections.settings().load()?.team_store;
        let warning = self
            .store_warning
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        let kind = if team.is_some() && warning.is_none() {
            "team"
        } else {
            "local"
        };
        Ok(StoreInfo {
            kind: kind.into(),
            database: team,
            warning,
            copied_entries: None,
        })
    }

    /// Moves the journal to a team's MongoDB (checked first), optionally copying this computer's
    /// journal and snapshots up; the connection string goes to the OS keyring.
    pub async fn use_team_store(
        &self,
        uri: &str,
        database: &str,
        copy_local: bool,
    ) -> CoreResult<StoreInfo> {
        let uri = uri.trim();
        if !(uri.starts_with("mongodb://") || uri.starts_with("mongodb+srv://")) {
            return Err(callrail::RuleViolation::new(
                "uri",
                "a MongoDB connection string starts with mongodb:// or mongodb+srv://",
            )
            .into());
        }
        let database = database.trim();
        let good_name = !database.is_empty()
            && database.len() <= 60
            && database
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !good_name {
            return Err(callrail::RuleViolation::new(
                "database",
                "a database name is letters, digits, _ and -, at most 60",
            )
            .into());
        }
        let team = Arc::new(MongoStore::connect(uri, database).await?);
        let copied = if copy_local {
            Some(
                crate::store::copy_all(self.local.as_ref(), team.as_ref())
                    .await?
                    .0,
            )
        } else {
            None
        };
        self.connections
            .secrets()
            .save_secret(TEAM_STORE_SECRET, uri)?;
        self.connections.settings().update(|s| {
            s.team_store = Some(database.to_owned());
            Ok(())
        })?;
        for c in self.connections.settings().load()?.connections {
            team.share_connection(&c.id, &c.name, c.account_id.as_deref())
                .await?;
        }
        self.journal.set_store(team);
        *self
            .store_warning
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
        Ok(StoreInfo {
            copied_entries: copied,
            ..self.store_info()?
        })
    }

    /// Back to this computer's journal; the team's connection string is deleted from the keyring.
    pub fn use_local_store(&self) -> CoreResult<StoreInfo> {
        self.connections.settings().update(|s| {
            s.team_store = None;
            Ok(())
        })?;
        let _ = self.connections.secrets().delete(TEAM_STORE_SECRET);
        self.journal.set_store(self.local.clone());
        *self
            .store_warning
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
        self.store_info()
    }
}
