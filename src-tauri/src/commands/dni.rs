use crate::error::IpcResult;
use desk_core::views::DniInfo;
use desk_core::Desk;
use tauri::State;

/// The company's swap.js snippet, and the always-swap trackers that would win over a pool.
#[tauri::command]
#[specta::specta]
pub async fn dni_snippet(
    desk: State<'_, Desk>,
    connection_id: String,
    account_id: String,
    company_id: String,
) -> IpcResult<DniInfo> {
    Ok(desk.dni(&connection_id, &account_id, &company_id).await?)
}
