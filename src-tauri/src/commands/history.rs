use crate::commands::dialogs;
use crate::error::IpcResult;
use callrail::{TrackerChanges, TrackerForm};
use desk_core::export::ExportFormat;
use desk_core::store::{HistoryFilter, JournalEntry};
use desk_core::Desk;
use tauri::{AppHandle, State};

/// The journal of changes, newest first, filtered.
#[tauri::command]
#[specta::specta]
pub async fn history(desk: State<'_, Desk>, filter: HistoryFilter) -> IpcResult<Vec<JournalEntry>> {
    Ok(desk.history(&filter).await?)
}

/// Asks where to save (the OS save dialog, opened here so the webview never names a path) and
/// writes the filtered journal there; `null` when the person cancels.
#[tauri::command]
#[specta::specta]
pub async fn export_history(
    app: AppHandle,
    desk: State<'_, Desk>,
    filter: HistoryFilter,
    format: ExportFormat,
) -> IpcResult<Option<u32>> {
    let (name, ext) = match format {
        ExportFormat::Csv => ("tracker-desk-history.csv", "csv"),
        ExportFormat::Json => ("tracker-desk-history.json", "json"),
    };
    let chosen = dialogs::save_file(app, name, (ext.to_uppercase(), ext)).await;
    match chosen {
        Some(path) => Ok(Some(desk.export_history(&filter, format, &path).await?)),
        None => Ok(None),
    }
}

/// The create form for a disabled tracker, from its last active state.
#[tauri::command]
#[specta::specta]
pub async fn recreate_form(
    desk: State<'_, Desk>,
    connection_id: String,
    account_id: String,
    tracker_id: String,
) -> IpcResult<TrackerForm> {
    Ok(desk
        .recreate_form(&connection_id, &account_id, &tracker_id)
        .await?)
}

/// The inverse of a journaled update, to preview and confirm like any edit.
#[tauri::command]
#[specta::specta]
pub async fn revert_changes(desk: State<'_, Desk>, entry_id: String) -> IpcResult<TrackerChanges> {
    Ok(desk.revert_changes(&entry_id).await?)
}

/// Checks entries a crash left open against CallRail now.
#[tauri::command]
#[specta::specta]
pub async fn reconcile_journal(desk: State<'_, Desk>) -> IpcResult<Vec<JournalEntry>> {
    Ok(desk.reconcile_unfinished().await?)
}
