use crate::error::IpcResult;
use callrail::{TrackerChanges, TrackerForm};
use desk_core::search::AccountSearch;
use desk_core::views::{FormCheck, TrackerDetail, UpdatePreview, WriteDone};
use desk_core::Desk;
use tauri::State;

/// Which client owns a number, or a tracker by name, across every company of the account: the
/// last-seen copies alone, or CallRail read whole first when `ask_callrail` is set.
#[tauri::command]
#[specta::specta]
pub async fn search_account(
    desk: State<'_, Desk>,
    connection_id: String,
    account_id: String,
    term: String,
    ask_callrail: bool,
) -> IpcResult<AccountSearch> {
    let found = desk
        .search_account(&connection_id, &account_id, &term, ask_callrail)
        .await?;
    if ask_callrail {
        crate::webview::release_soon();
    }
    Ok(found)
}

#[tauri::command]
#[specta::specta]
pub async fn get_tracker(
    desk: State<'_, Desk>,
    connection_id: String,
    account_id: String,
    id: String,
) -> IpcResult<TrackerDetail> {
    Ok(desk.get_tracker(&connection_id, &account_id, &id).await?)
}

/// The Rust rules' verdict on a form, field by field, and what the create would cost.
#[tauri::command(async)]
#[specta::specta]
pub fn check_tracker(desk: State<'_, Desk>, form: TrackerForm) -> FormCheck {
    desk.check_tracker(&form)
}

/// Creates a tracker; `confirmed_numbers` must be the count of numbers it buys.
#[tauri::command]
#[specta::specta]
pub async fn create_tracker(
    desk: State<'_, Desk>,
    connection_id: String,
    account_id: String,
    form: TrackerForm,
    confirmed_numbers: u32,
) -> IpcResult<WriteDone> {
    Ok(desk
        .create_tracker(&connection_id, &account_id, &form, confirmed_numbers)
        .await?
        .into())
}

#[tauri::command]
#[specta::specta]
pub async fn preview_update(
    desk: State<'_, Desk>,
    connection_id: String,
    account_id: String,
    id: String,
    changes: TrackerChanges,
) -> IpcResult<UpdatePreview> {
    Ok(desk
        .preview_update(&connection_id, &account_id, &id, &changes)
        .await?)
}

/// Applies an edit; `confirmed_numbers` must be the extra numbers a bigger pool buys (0 otherwise).
#[tauri::command]
#[specta::specta]
pub async fn update_tracker(
    desk: State<'_, Desk>,
    connection_id: String,
    account_id: String,
    id: String,
    changes: TrackerChanges,
    confirmed_numbers: u32,
) -> IpcResult<WriteDone> {
    Ok(desk
        .update_tracker(
            &connection_id,
            &account_id,
            &id,
            &changes,
            confirmed_numbers,
        )
        .await?
        .into())
}

/// Disables a tracker when `confirm_name` repeats its name: its numbers are released for good.
#[tauri::command]
#[specta::specta]
pub async fn disable_tracker(
    desk: State<'_, Desk>,
    connection_id: String,
    account_id: String,
    id: String,
    confirm_name: String,
) -> IpcResult<WriteDone> {
    Ok(desk
        .disable_tracker(&connection_id, &account_id, &id, &confirm_name)
        .await?
        .into())
}
