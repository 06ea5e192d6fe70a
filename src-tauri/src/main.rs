// Keeps a console window from opening next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Answered before any window or single-instance check, so scripts and installers can ask.
    if std::env::args()
        .skip(1)
        .any(|a| a == "--version" || a == "-V")
    {
        println!("Tracker Desk {}", env!("CARGO_PKG_VERSION"));
        return;
    }
    tracker_desk_lib::webview::before_start();
    tracker_desk_lib::run()
}
