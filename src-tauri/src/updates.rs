//! Updates from the release feed. Only builds with the `updater` feature have a feed (the release
//! workflow's, configured by `tauri.release.conf.json`); in every other build no update is ever found.
//! The UI asks once at start; installing takes exactly the update the person was shown, and the
//! updater checks its signature against the public key built into the app before anything runs.

use crate::error::{IpcError, IpcResult};
use serde::Serialize;
use specta::Type;
use std::sync::Mutex;
use tauri::{AppHandle, State};

/// A newer version the feed offers.
#[derive(Debug, Clone, Serialize, Type)]
pub struct AvailableUpdate {
    pub version: String,
    pub current_version: String,
    /// The release notes, as published.
    pub notes: Option<String>,
}

/// The update found by the last check, kept for `install_update`.
#[derive(Default)]
pub struct PendingUpdate(Mutex<Option<feed::Update>>);

impl PendingUpdate {
    fn put(&self, update: Option<feed::Update>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = update;
    }

    fn get(&self) -> Option<feed::Update> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// Asks the release feed whether a newer version exists; `null` when this is the newest (or when
/// this build has no feed).
#[tauri::command]
#[specta::specta]
pub async fn check_for_update(
    app: AppHandle,
    pending: State<'_, PendingUpdate>,
) -> IpcResult<Option<AvailableUpdate>> {
    let found = feed::check(&app).await.map_err(|e| {
        log::warn!("could not check for updates: {e}");
        IpcError::Update {
            message: format!("Could not check for updates: {e}"),
        }
    })?;
    let offer = found.as_ref().map(feed::describe);
    if let Some(offer) = &offer {
        log::info!("Tracker Desk {} is available", offer.version);
    }
    pending.put(found);
    Ok(offer)
}

/// Downloads the update found by the last check, verifies its signature, installs it and relaunches
/// the app. On any failure nothing is installed, this version keeps running and the offer stands.
#[tauri::command]
#[specta::specta]
pub async fn install_update(app: AppHandle, pending: State<'_, PendingUpdate>) -> IpcResult<()> {
    let update = pending.get().ok_or_else(|| IpcError::Update {
        message: "No update is waiting to be installed: check for updates first.".to_owned(),
    })?;
    let version = feed::describe(&update).version;
    if let Err(e) = feed::install(update).await {
        log::warn!("the update to {version} was not installed: {e}");
        let reason = e.to_string();
        return Err(IpcError::Update {
            message: format!(
                "The update to {version} was not installed: {}. This version keeps running.",
                reason.trim_end_matches('.')
            ),
        });
    }
    log::info!("installed Tracker Desk {version}; relaunching");
    app.restart()
}

#[cfg(feature = "updater")]
mod feed {
    use super::AvailableUpdate;
    use tauri::AppHandle;
    use tauri_plugin_updater::UpdaterExt;

    pub use tauri_plugin_updater::Update;

    pub async fn check(app: &AppHandle) -> Result<Option<Update>, tauri_plugin_updater::Error> {
        app.updater()?.check().await
    }

    pub async fn install(update: Update) -> Result<(), tauri_plugin_updater::Error> {
        update.download_and_install(|_, _| {}, || {}).await
    }

    pub fn describe(update: &Update) -> AvailableUpdate {
        AvailableUpdate {
            version: update.version.clone(),
            current_version: update.current_version.clone(),
            notes: update.body.clone(),
        }
    }
}

#[cfg(not(feature = "updater"))]
mod feed {
    use super::AvailableUpdate;
    use std::convert::Infallible;
    use tauri::AppHandle;

    /// Without a feed there is never an update: the type has no values.
    #[derive(Clone)]
    pub enum Update {}

    pub async fn check(_app: &AppHandle) -> Result<Option<Update>, Infallible> {
        Ok(None)
    }

    pub async fn install(update: Update) -> Result<(), Infallible> {
        match update {}
    }

    pub fn describe(update: &Update) -> AvailableUpdate {
        match *update {}
    }
}
