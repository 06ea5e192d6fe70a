//! `tracker-desk --version` answers without opening a window (installers and scripts ask it).

#[test]
fn version_is_printed_without_a_window() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tracker-desk"))
        .arg("--version")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap_or_else(|e| panic!("the app binary runs: {e}"));
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("Tracker Desk {}", env!("CARGO_PKG_VERSION"))
    );
}
