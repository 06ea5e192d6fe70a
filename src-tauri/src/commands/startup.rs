use serde::Serialize;
use specta::Type;
use tauri::State;

/// Why Tracker Desk could not open its data at start (a damaged settings file or journal, or one
/// from a newer version), and where that data is, for the window to explain instead of closing.
#[derive(Debug, Clone, Serialize, Type)]
pub struct StartupProblem {
    pub message: String,
    pub folder: String,
}

/// Managed at start: `Some` when the data could not be opened, and no other command will work.
pub struct Startup(pub Option<StartupProblem>);

#[tauri::command(async)]
#[specta::specta]
pub fn startup_problem(startup: State<'_, Startup>) -> Option<StartupProblem> {
    startup.0.clone()
}
