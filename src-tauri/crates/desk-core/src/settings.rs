//! What Tracker Desk remembers that is not secret: connection names and the last account and company.
//! One JSON file in the app-data folder, replaced atomically so a crash never leaves half a file.

use crate::CoreError;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Settings {
    #[serde(default)]
    pub connections: Vec<SavedConnection>,
    #[serde(default)]
    pub last_connection: Option<String>,
    /// The team's MongoDB database, when the journal is shared; its connection string is in the
    /// OS keyring.
    #[serde(default)]
    pub team_store: Option<String>,
    /// The name History shows for this person's changes; the OS account's when not set.
    #[serde(default)]
    pub display_name: Option<String>,
    /// What numbers cost a month, for usage reports; CallRail's list prices when not set.
    #[serde(default)]
    pub prices: Option<usage::Prices>,
}

impl Settings {
    pub fn connection(&self, id: &str) -> Result<&SavedConnection, CoreError> {
        self.connections
            .iter()
            .find(|c| c.id == id)
            .ok_or_else(|| CoreError::UnknownConnection(id.to_owned()))
    }

    pub fn connection_mut(&mut self, id: &str) -> Result<&mut SavedConnection, CoreError> {
        self.connections
            .iter_mut()
            .find(|c| c.id == id)
            .ok_or_else(|| CoreError::UnknownConnection(id.to_owned()))
    }
}

/// A connection as remembered: never the key, only its last four characters.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct SavedConnection {
    pub id: String,
    pub name: String,
    pub key_last4: String,
    pub api_base: String,
    #[serde(default)]
    pub account_id: Option<String>,
    #[serde(default)]
    pub company_id: Option<String>,
    pub created_at: String,
}

#[derive(Debug)]
pub struct SettingsFile {
    path: PathBuf,
}

impl SettingsFile {
    pub fn in_dir(dir: &Path) -> Self {
        Self {
            path: dir.join("settings.json"),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The saved settings; defaults when there is no file yet.
    pub fn load(&self) -> Result<Settings, CoreError> {
        match std::fs::read(&self.path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                CoreError::Storage(format!(
                    "{} is damaged ({e}); move it aside to start afresh",
                    self.path.display()
                ))
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
            Err(e) => Err(CoreError::Storage(format!(
                "could not read {}: {e}",
                self.path.display()
            ))),
        }
    }

    pub fn save(&self, settings: &Settings) -> Result<(), CoreError> {
        let fail = |e: std::io::Error| {
            CoreError::Storage(format!("could not save {}: {e}", self.path.display()))
        };
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(fail)?;
        }
        let tmp = self
            .path
            .with_extension(format!("json.{}.tmp", std::process::id()));
        let bytes =
            serde_json::to_vec_pretty(settings).map_err(|e| CoreError::Storage(e.to_string()))?;
        // On disk before it replaces the old file: a crash leaves one or the other, whole.
        let mut file = std::fs::File::create(&tmp).map_err(fail)?;
        std::io::Write::write_all(&mut file, &bytes).map_err(fail)?;
        file.sync_all().map_err(fail)?;
        drop(file);
        std::fs::rename(&tmp, &self.path).map_err(fail)
    }

    /// Load, change, save.
    pub fn update<T>(
        &self,
        change: impl FnOnce(&mut Settings) -> Result<T, CoreError>,
    ) -> Result<T, CoreError> {
        let mut settings = self.load()?;
        let out = change(&mut settings)?;
        self.save(&settings)?;
        Ok(out)
    }
}
