use crate::commands::cancel::Cancels;
use crate::error::IpcResult;
use callrail::Watch;
use desk_core::ledger::SpendLine;
use desk_core::usage::{Prices, UsageReport};
use desk_core::{Desk, UsageStep};
use tauri::ipc::Channel;
use tauri::State;

/// What the numbers of the companies cost and which nobody calls over the last `days` days (every
/// company when `companies` is empty), after reading from CallRail the calls not read before;
/// `on_progress` hears of each page, and `cancel_work` with the same `work` id stops the reading
/// (it goes on from there next time).
#[tauri::command]
#[specta::specta]
#[allow(clippy::too_many_arguments)]
pub async fn usage_report(
    desk: State<'_, Desk>,
    running: State<'_, Cancels>,
    connection_id: String,
    account_id: String,
    companies: Vec<String>,
    days: u32,
    work: String,
    on_progress: Channel<UsageStep>,
) -> IpcResult<UsageReport> {
    let guard = running.start(&work);
    let watch = Watch {
        on_step: &|_, _| {},
        cancelled: &guard.cancelled,
    };
    let on_step = move |s: UsageStep| {
        let _ = on_progress.send(s);
    };
    Ok(desk
        .usage(
            &connection_id,
            &account_id,
            &companies,
            days,
            &on_step,
            Some(&watch),
        )
        .await?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn usage_prices(desk: State<'_, Desk>) -> IpcResult<Prices> {
    Ok(desk.usage_prices()?)
}

/// Keeps what a local and a toll-free number cost a month, for the reports from now on.
#[tauri::command(async)]
#[specta::specta]
pub fn set_usage_prices(desk: State<'_, Desk>, prices: Prices) -> IpcResult<Prices> {
    Ok(desk.set_usage_prices(prices)?)
}

/// A pool's monthly website visitors, which its size is judged against (`null` forgets them).
#[tauri::command(async)]
#[specta::specta]
pub fn set_pool_visitors(
    desk: State<'_, Desk>,
    account_id: String,
    tracker_id: String,
    monthly_visitors: Option<u32>,
) -> IpcResult<()> {
    Ok(desk.set_pool_visitors(&account_id, &tracker_id, monthly_visitors)?)
}

/// This app's requests to the account in the last hour, by what they were for (listing, search,
/// usage, bulk, writes), beside the quota every desk of the team shares.
#[tauri::command(async)]
#[specta::specta]
pub fn requests_by_use(desk: State<'_, Desk>, account_id: String) -> Vec<SpendLine> {
    desk.requests_by_use(&account_id)
}
