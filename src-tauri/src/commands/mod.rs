//! Thin adapters from IPC to `desk_core::Desk`: take the arguments, call the core, map the error.

pub mod bulk;
pub mod cancel;
pub mod connections;
pub mod dialogs;
pub mod dni;
pub mod history;
pub mod people;
pub mod startup;
pub mod table;
pub mod team_store;
pub mod trackers;
pub mod usage;

#[cfg(test)]
mod tests {
    /// No command runs on the UI thread: each is an `async fn`, or marked `#[tauri::command(async)]`
    /// so Tauri runs it on its async runtime (keyring, file and SQLite work included).
    #[test]
    fn no_command_runs_on_the_ui_thread() {
        let sources = [
            include_str!("bulk.rs"),
            include_str!("connections.rs"),
            include_str!("dni.rs"),
            include_str!("history.rs"),
            include_str!("people.rs"),
            include_str!("team_store.rs"),
            include_str!("cancel.rs"),
            include_str!("startup.rs"),
            include_str!("table.rs"),
            include_str!("trackers.rs"),
            include_str!("usage.rs"),
            include_str!("../updates.rs"),
            include_str!("../quit.rs"),
        ];
        let mut commands = 0;
        for src in sources {
            let lines: Vec<&str> = src.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                let line = line.trim();
                if !line.starts_with("#[tauri::command") {
                    continue;
                }
                commands += 1;
                let f = lines[i + 1..]
                    .iter()
                    .find(|l| l.contains(" fn "))
                    .copied()
                    .unwrap_or_default();
                assert!(
                    line == "#[tauri::command(async)]" || f.contains("async fn"),
                    "runs on the UI thread: {f}"
                );
            }
        }
        assert!(commands > 20, "found {commands} commands");
    }
}
