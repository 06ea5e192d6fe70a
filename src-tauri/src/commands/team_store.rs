//! Where the journal is kept: this computer, or a team's MongoDB shared by every desk of the agency.

use crate::commands::cancel::{progress_to, Cancels, ListProgress};
use crate::error::IpcResult;
use desk_core::views::StoreInfo;
use desk_core::Desk;
use tauri::ipc::Channel;
use tauri::State;

/// Where the journal is kept: this computer, or the team's MongoDB (with a warning when it is
/// configured but unreachable).
#[tauri::command]
#[specta::specta]
pub async fn store_info(desk: State<'_, Desk>) -> IpcResult<StoreInfo> {
    Ok(desk.check_store().await?)
}

/// Moves the journal to a team's MongoDB, checked first; the connection string goes to the keyring.
/// Copying the history up tells `on_progress` how far it got, and stops at `cancel_work(work)`
/// (the journal then stays where it was).
#[tauri::command]
#[specta::specta]
pub async fn use_team_store(
    desk: State<'_, Desk>,
    running: State<'_, Cancels>,
    uri: String,
    database: String,
    copy_local: bool,
    work: String,
    on_progress: Channel<ListProgress>,
) -> IpcResult<StoreInfo> {
    let guard = running.start(&work);
    let on_step = progress_to(on_progress);
    let watch = callrail::Watch {
        on_step: &on_step,
        cancelled: &guard.cancelled,
    };
    Ok(desk
        .use_team_store_watched(&uri, &database, copy_local, Some(&watch))
        .await?)
}

/// Back to this computer's journal.
#[tauri::command(async)]
#[specta::specta]
pub fn use_local_store(desk: State<'_, Desk>) -> IpcResult<StoreInfo> {
    Ok(desk.use_local_store()?)
}
