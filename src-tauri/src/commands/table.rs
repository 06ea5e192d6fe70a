//! The trackers table, held in Rust: opened from CallRail or the last-seen copy, read a window at
//! a time, and let go when the window moves on.

use crate::commands::cancel::{progress_to, Cancels, ListProgress};
use crate::error::IpcResult;
use callrail::Watch;
use desk_core::table::TableQuery;
use desk_core::{Desk, TableHead, TableWindow, TrackerListRequest};
use tauri::ipc::Channel;
use tauri::State;

/// Reads a company's trackers as `request` asks and holds them. A request for every tracker
/// (`request.all`) tells `on_progress` of each page read and is stopped by `cancel_work` with the
/// same `work` id, which ends it with a `Cancelled` error.
#[tauri::command]
#[specta::specta]
pub async fn open_table(
    desk: State<'_, Desk>,
    running: State<'_, Cancels>,
    connection_id: String,
    account_id: String,
    request: TrackerListRequest,
    work: String,
    on_progress: Channel<ListProgress>,
) -> IpcResult<TableHead> {
    let guard = running.start(&work);
    let on_step = progress_to(on_progress);
    let watch = Watch {
        on_step: &on_step,
        cancelled: &guard.cancelled,
    };
    let head = desk
        .open_table(&connection_id, &account_id, request, Some(&watch))
        .await;
    crate::webview::release_soon();
    Ok(head?)
}

/// The last-seen trackers of a company, held like a table, to show at once while CallRail is asked.
#[tauri::command]
#[specta::specta]
pub async fn open_cached_table(
    desk: State<'_, Desk>,
    connection_id: String,
    account_id: String,
    request: TrackerListRequest,
) -> IpcResult<Option<TableHead>> {
    Ok(desk
        .open_cached_table(&connection_id, &account_id, request)
        .await?)
}

/// Rows `start..start + count` of those `query` shows of a table, and how many it shows.
#[tauri::command(async)]
#[specta::specta]
pub fn table_rows(
    desk: State<'_, Desk>,
    table: u32,
    query: TableQuery,
    start: u32,
    count: u32,
) -> IpcResult<TableWindow> {
    Ok(desk.table_rows(table, &query, start, count)?)
}

/// The ids of rows `start..start + count` of those `query` shows (a Shift range, or every row).
#[tauri::command(async)]
#[specta::specta]
pub fn table_ids(
    desk: State<'_, Desk>,
    table: u32,
    query: TableQuery,
    start: u32,
    count: u32,
) -> IpcResult<Vec<String>> {
    Ok(desk.table_ids(table, &query, start, count)?)
}

/// Lets a table go: the window shows another.
#[tauri::command(async)]
#[specta::specta]
pub fn close_table(desk: State<'_, Desk>, table: u32) {
    desk.close_table(table);
    crate::webview::release_soon();
}
