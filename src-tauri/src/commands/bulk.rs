//! Bulk work in the window: a trackers file opened (the dialog opens here, so the webview never
//! names a path) and planned, the plan applied as a run whose progress streams through a
//! `Channel`, runs paused, resumed and cancelled, and their results saved.

use crate::commands::dialogs;
use crate::error::IpcResult;
use desk_core::quota::QuotaView;
use desk_core::runs::{BulkRun, RunRow};
use desk_core::{Desk, FilePlan, PlanSource, RunControl, RunEvent, RunView, SelectionChange};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

/// The plan on screen (the core holds it by this id), and the runs being applied.
#[derive(Default)]
pub struct BulkState {
    shown: Mutex<Option<String>>,
    controls: Mutex<HashMap<String, Arc<RunControl>>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Keeps `plan` as the one on screen.
fn shown(state: &BulkState, plan: FilePlan) -> FilePlan {
    *lock(&state.shown) = Some(plan.id.clone());
    plan
}

fn shown_id(state: &BulkState) -> Result<String, desk_core::CoreError> {
    lock(&state.shown)
        .clone()
        .ok_or_else(|| desk_core::CoreError::Refused("open a trackers file first".into()))
}

/// Asks for a trackers file (the OS open dialog) and plans it; `null` when the person cancels.
#[tauri::command]
#[specta::specta]
pub async fn bulk_open(
    app: AppHandle,
    desk: State<'_, Desk>,
    state: State<'_, BulkState>,
    connection_id: String,
    account_id: String,
    allow_disable: bool,
    prices: bulk::Prices,
) -> IpcResult<Option<FilePlan>> {
    let chosen = dialogs::pick_file(app, ("Trackers file (CSV)", "csv")).await;
    let Some(path) = chosen else {
        return Ok(None);
    };
    let plan = desk
        .plan(
            &connection_id,
            &account_id,
            PlanSource::File { path },
            allow_disable,
            prices,
        )
        .await?;
    Ok(Some(shown(&state, plan)))
}

/// Plans one change to the trackers selected in the table, shown and applied like a file's.
#[tauri::command]
#[specta::specta]
#[allow(clippy::too_many_arguments)]
pub async fn bulk_plan_selection(
    desk: State<'_, Desk>,
    state: State<'_, BulkState>,
    connection_id: String,
    account_id: String,
    company_id: String,
    ids: Vec<String>,
    change: SelectionChange,
    prices: bulk::Prices,
) -> IpcResult<FilePlan> {
    let source = PlanSource::Selection {
        company_id,
        ids,
        change,
    };
    let plan = desk
        .plan(&connection_id, &account_id, source, false, prices)
        .await?;
    Ok(shown(&state, plan))
}

/// Plans the open file (or the selection) again: after it was fixed, or with other prices or
/// disables allowed.
#[tauri::command]
#[specta::specta]
pub async fn bulk_replan(
    desk: State<'_, Desk>,
    state: State<'_, BulkState>,
    allow_disable: bool,
    prices: bulk::Prices,
) -> IpcResult<FilePlan> {
    let id = shown_id(&state)?;
    Ok(shown(
        &state,
        desk.replan(&id, allow_disable, prices).await?,
    ))
}

/// Applies the plan on screen as a run, once the person typed the numbers it buys and releases:
/// the core plans it again first, and refuses it when those are not what it would buy and release
/// now. Each row's result streams through `on_event`.
#[tauri::command]
#[specta::specta]
pub async fn bulk_apply(
    desk: State<'_, Desk>,
    state: State<'_, BulkState>,
    confirm_bought: u32,
    confirm_released: u32,
    on_event: Channel<RunEvent>,
) -> IpcResult<RunView> {
    let id = shown_id(&state)?;
    let (_, run) = desk
        .apply_plan(&id, confirm_bought, confirm_released)
        .await?;
    *lock(&state.shown) = None;
    drive(&desk, &state, &run, on_event).await
}

async fn drive(
    desk: &Desk,
    state: &BulkState,
    run: &BulkRun,
    on_event: Channel<RunEvent>,
) -> IpcResult<RunView> {
    let control = Arc::new(RunControl::default());
    lock(&state.controls).insert(run.id.clone(), control.clone());
    let on = move |e: RunEvent| {
        let _ = on_event.send(e);
    };
    let result = desk.drive_run(&run.id, &control, &on).await;
    lock(&state.controls).remove(&run.id);
    Ok(result?)
}

/// Goes on with a paused or interrupted run.
#[tauri::command]
#[specta::specta]
pub async fn bulk_resume(
    desk: State<'_, Desk>,
    state: State<'_, BulkState>,
    run_id: String,
    on_event: Channel<RunEvent>,
) -> IpcResult<RunView> {
    let view = desk
        .runs(50)
        .await?
        .into_iter()
        .find(|v| v.run.id == run_id)
        .ok_or_else(|| desk_core::CoreError::NotFound(format!("there is no bulk run {run_id}")))?;
    drive(&desk, &state, &view.run, on_event).await
}

/// Asks a run being applied to pause, or to stop for good, after the row in flight.
#[tauri::command]
#[specta::specta]
pub async fn bulk_stop(state: State<'_, BulkState>, run_id: String, cancel: bool) -> IpcResult<()> {
    if let Some(c) = lock(&state.controls).get(&run_id) {
        if cancel {
            c.cancel();
        } else {
            c.pause();
        }
    }
    Ok(())
}

/// The newest runs, with how their rows stand.
#[tauri::command]
#[specta::specta]
pub async fn bulk_runs(desk: State<'_, Desk>) -> IpcResult<Vec<RunView>> {
    Ok(desk.runs(20).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn bulk_run_rows(desk: State<'_, Desk>, run_id: String) -> IpcResult<Vec<RunRow>> {
    Ok(desk.run_rows(&run_id).await?)
}

/// Asks where to save (the OS save dialog) and writes a run's results there as CSV; `false` when
/// the person cancels.
#[tauri::command]
#[specta::specta]
pub async fn bulk_export_results(
    app: AppHandle,
    desk: State<'_, Desk>,
    run_id: String,
) -> IpcResult<bool> {
    let bytes = desk.run_results_csv(&run_id).await?;
    let chosen =
        dialogs::save_file(app, "tracker-desk-bulk-results.csv", ("CSV".into(), "csv")).await;
    let Some(path) = chosen else {
        return Ok(false);
    };
    std::fs::write(&path, bytes).map_err(|e| {
        desk_core::CoreError::Storage(format!("could not write {}: {e}", path.display()))
    })?;
    Ok(true)
}

/// What is left of the account's CallRail requests this hour and today.
#[tauri::command]
#[specta::specta]
pub async fn quota(
    desk: State<'_, Desk>,
    connection_id: String,
    account_id: String,
) -> IpcResult<QuotaView> {
    Ok(desk.quota(&connection_id, &account_id).await?)
}
