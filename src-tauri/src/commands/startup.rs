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

/// The longest UI error written to the log; the rest is cut.
const MAX_UI_ERROR: usize = 4_000;

/// A failure inside the window (a panel that stopped, an unhandled rejection), written to the app's
/// log file beside the Rust side's lines. The text is cut to a few thousand characters, kept on one
/// line, and anything after a `token=` is removed: the window never holds a key, but a log is no
/// place to find out.
#[tauri::command(async)]
#[specta::specta]
pub fn log_ui_error(message: String) {
    let one_line: String = message
        .chars()
        .take(MAX_UI_ERROR)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    log::error!("window: {}", callrail::redact_tokens(&one_line));
}
