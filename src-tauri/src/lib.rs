//! The Tauri shell. It holds no logic of its own: the app's behaviour lives in the crates under
//! `crates/`, and this crate only wires them to a window.

pub fn run() {
    #[allow(clippy::expect_used)] // nothing can be shown to the user without a window
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("Tracker Desk could not open its window");
}
