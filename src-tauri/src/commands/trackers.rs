use crate::commands::cancel::{progress_to, Cancels, ListProgress};
use crate::error::IpcResult;
use callrail::{TrackerChanges, TrackerForm, Watch};
use desk_core::search::AccountSearch;
use desk_core::views::{FormCheck, TrackerDetail, TrackerPage, UpdatePreview, WriteDone};
use desk_core::{Desk, TrackerListRequest};
use tauri::ipc::Channel;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn list_trackers(
    desk: State<'_, Desk>,
    connection_id: String,
    account_id: String,
    request: TrackerListRequest,
) -> IpcResult<TrackerPage> {
    let page = desk
        .list_trackers(&connection_id, &account_id, request)
        .await?;
    crate::webview::release_soon();
    Ok(page)
}

/// Every tracker of a company (`request.all`), telling `on_progress` of each page read; stopped by
/// `cancel_work` with the same `work` id, which ends it with a `Cancelled` error.
#[tauri::command]
#[specta::specta]
pub async fn list_all_trackers(
    desk: State<'_, Desk>,
    running: State<'_, Cancels>,
    connection_id: String,
    account_id: String,
    request: TrackerListRequest,
    work: String,
    on_progress: Channel<ListProgress>,
) -> IpcResult<TrackerPage> {
    let guard = running.start(&work);
    let on_step = progress_to(on_progress);
    let watch = Watch {
        on_step: &on_step,
        cancelled: &guard.cancelled,
    };
    let page = desk
        .list_trackers_watched(
            &connection_id,
            &account_id,
            TrackerListRequest {
                all: true,
                ..request
            },
            Some(&watch),
        )
        .await;
    crate::webview::release_soon();
    Ok(page?)
}

/// The last-seen trackers of a company, to show at once while CallRail is asked.
#[tauri::command]
#[specta::specta]
pub async fn cached_trackers(
    desk: State<'_, Desk>,
    connection_id: String,
    account_id: String,
    request: TrackerListRequest,
) -> IpcResult<Option<TrackerPage>> {
    let page = desk
        .cached_trackers(&connection_id, &account_id, &request)
        .await?;
    crate::webview::release_soon();
    Ok(page)
}

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
