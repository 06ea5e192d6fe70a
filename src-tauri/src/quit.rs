//! Quitting: while a change is on its way to CallRail, the window asks first (quitting then leaves
//! the change unfinished, to be checked at the next start).

use desk_core::Desk;
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::{AppHandle, Manager, Runtime};
use tauri_specta::Event;

/// Sent to the window when the person quits (Ctrl+Q, or closing the window) while changes are on
/// their way to CallRail; it answers with `quit_now`, or not at all.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
pub struct QuitRequested {
    pub writes: u32,
}

/// Whether the app may quit at once; when not, the window has been asked.
pub fn may_quit<R: Runtime>(app: &AppHandle<R>) -> bool {
    let writes = app.try_state::<Desk>().map_or(0, |d| d.writes_in_flight());
    if writes == 0 {
        return true;
    }
    let asked = QuitRequested {
        writes: u32::try_from(writes).unwrap_or(u32::MAX),
    }
    .emit(app);
    // A window that cannot be asked does not keep the person from quitting.
    asked.is_err()
}

/// Quits, after the person confirmed it with changes still on their way.
#[tauri::command(async)]
#[specta::specta]
pub fn quit_now(app: AppHandle) {
    app.exit(0);
}
