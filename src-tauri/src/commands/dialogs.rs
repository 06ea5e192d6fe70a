//! The OS file dialogs, opened here so the webview never names a path. Each runs off the async
//! runtime (the dialog blocks its thread) and answers `None` when the person cancels.

use std::path::PathBuf;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// Where to save a file, proposed as `name`, of the kind `filter` (its label and extension).
pub async fn save_file(
    app: AppHandle,
    name: &'static str,
    filter: (String, &'static str),
) -> Option<PathBuf> {
    tauri::async_runtime::spawn_blocking(move || {
        app.dialog()
            .file()
            .set_file_name(name)
            .add_filter(filter.0, &[filter.1])
            .blocking_save_file()
    })
    .await
    .ok()
    .flatten()
    .and_then(|p| p.into_path().ok())
}

/// A file to open, of the kind `filter` (its label and extension).
pub async fn pick_file(app: AppHandle, filter: (&'static str, &'static str)) -> Option<PathBuf> {
    tauri::async_runtime::spawn_blocking(move || {
        app.dialog()
            .file()
            .add_filter(filter.0, &[filter.1])
            .blocking_pick_file()
    })
    .await
    .ok()
    .flatten()
    .and_then(|p| p.into_path().ok())
}
