//! Who this desk's changes are journaled as.

use crate::error::IpcResult;
use desk_core::{Desk, PersonView};
use tauri::State;

/// Who History names for this desk's changes.
#[tauri::command(async)]
#[specta::specta]
pub fn person(desk: State<'_, Desk>) -> IpcResult<PersonView> {
    Ok(desk.person()?)
}

/// Names this person's next changes in History; `null` goes back to the OS account's name.
#[tauri::command(async)]
#[specta::specta]
pub fn set_person_name(desk: State<'_, Desk>, name: Option<String>) -> IpcResult<PersonView> {
    Ok(desk.set_person_name(name.as_deref())?)
}
