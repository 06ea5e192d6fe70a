use crate::error::IpcResult;
use desk_core::views::{AccountView, CompanyView, ConnectionView};
use desk_core::Desk;
use tauri::State;

#[tauri::command(async)]
#[specta::specta]
pub fn list_connections(desk: State<'_, Desk>) -> IpcResult<Vec<ConnectionView>> {
    Ok(desk.list_connections()?)
}

/// The address standing in for CallRail's this run (TRACKERDESK_API_BASE), which the window must
/// show while it is in force; `null` when requests go to CallRail.
#[tauri::command(async)]
#[specta::specta]
pub fn api_override(desk: State<'_, Desk>) -> Option<String> {
    desk.connections().api_override()
}

/// Checks the key with CallRail, then keeps it in the OS keyring. The key never comes back.
#[tauri::command]
#[specta::specta]
pub async fn add_connection(
    desk: State<'_, Desk>,
    name: String,
    api_key: String,
) -> IpcResult<ConnectionView> {
    Ok(desk.add_connection(&name, &api_key).await?)
}

/// Replaces a refused key with a new one, checked with CallRail first.
#[tauri::command]
#[specta::specta]
pub async fn replace_key(
    desk: State<'_, Desk>,
    id: String,
    api_key: String,
) -> IpcResult<ConnectionView> {
    Ok(desk.replace_key(&id, &api_key).await?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn rename_connection(
    desk: State<'_, Desk>,
    id: String,
    name: String,
) -> IpcResult<ConnectionView> {
    Ok(desk.rename_connection(&id, &name)?)
}

/// Forgets the connection and deletes its key from the keyring.
#[tauri::command]
#[specta::specta]
pub async fn remove_connection(desk: State<'_, Desk>, id: String) -> IpcResult<()> {
    Ok(desk.remove_connection(&id).await?)
}

/// Starts the built-in simulator with the demo agency and connects to it.
#[tauri::command]
#[specta::specta]
pub async fn start_demo(desk: State<'_, Desk>) -> IpcResult<ConnectionView> {
    Ok(desk.start_demo().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn list_accounts(
    desk: State<'_, Desk>,
    connection_id: String,
) -> IpcResult<Vec<AccountView>> {
    Ok(desk.list_accounts(&connection_id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn list_companies(
    desk: State<'_, Desk>,
    connection_id: String,
    account_id: String,
) -> IpcResult<Vec<CompanyView>> {
    Ok(desk.list_companies(&connection_id, &account_id).await?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn remember_selection(
    desk: State<'_, Desk>,
    connection_id: String,
    account_id: Option<String>,
    company_id: Option<String>,
) -> IpcResult<()> {
    Ok(desk.remember_selection(&connection_id, account_id, company_id)?)
}
