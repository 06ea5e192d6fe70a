//! The window's menu, laid out as each OS does it: on macOS the app menu (About, Services, Hide,
//! Quit), Edit, Go and Window; on Windows and Linux File (Close Window, Quit with Ctrl+Q), Edit, Go,
//! Window and Help (About). About shows the version, the licence and the links. Go holds the app's
//! keyboard shortcuts, so they are shown where people look for them; choosing one (or pressing its
//! keys) is sent to the window as a [`MenuCommand`].

use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::menu::{AboutMetadata, Menu, MenuBuilder, MenuEvent, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Runtime};
use tauri_specta::Event;

const NAME: &str = "Tracker Desk";
/// Quit on Windows and Linux, where the predefined item has no shortcut; it ends the app as macOS's
/// does, so what is saved at exit (the window's size and place) is saved.
const QUIT: &str = "quit";

/// The Go menu: each item's id (as the window names the action), label and keys.
const GO: [(&str, &str, &str); 7] = [
    ("palette", "Go to Anything…", "CmdOrCtrl+K"),
    ("find", "Find in This Company", "CmdOrCtrl+F"),
    ("newSource", "New Source Tracker…", "CmdOrCtrl+N"),
    ("newSession", "New Session Tracker…", "CmdOrCtrl+Shift+N"),
    ("refresh", "Refresh", "CmdOrCtrl+R"),
    ("history", "History", "CmdOrCtrl+H"),
    ("settings", "Settings…", "CmdOrCtrl+,"),
];
const GO_PREFIX: &str = "go:";

/// An item of the Go menu was chosen, or its keys pressed: the window does what it names.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
pub struct MenuCommand {
    /// `palette`, `find`, `newSource`, `newSession`, `refresh`, `history` or `settings`.
    pub action: String,
}

pub fn on_event<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    if let Some(action) = event.id().as_ref().strip_prefix(GO_PREFIX) {
        let sent = MenuCommand {
            action: action.to_owned(),
        }
        .emit(app);
        if let Err(e) = sent {
            log::warn!("the menu could not reach the window: {e}");
        }
    } else if event.id() == QUIT && crate::quit::may_quit(app) {
        app.exit(0);
    }
}

fn go_menu<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<tauri::menu::Submenu<R>> {
    let mut go = SubmenuBuilder::new(app, "Go");
    for (id, label, keys) in GO {
        go = go.item(
            &MenuItemBuilder::with_id(format!("{GO_PREFIX}{id}"), label)
                .accelerator(keys)
                .build(app)?,
        );
    }
    go.build()
}

fn about() -> AboutMetadata<'static> {
    AboutMetadata {
        name: Some(NAME.into()),
        version: Some(env!("CARGO_PKG_VERSION").into()),
        license: Some(env!("CARGO_PKG_LICENSE").into()),
        copyright: Some("© 2026 Tracker Desk contributors".into()),
        comments: Some("Manage your clients' CallRail tracking numbers.".into()),
        website: Some("https://support.callrail.com/".into()),
        website_label: Some("CallRail help centre".into()),
        ..Default::default()
    }
}

pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let edit = SubmenuBuilder::new(app, "Edit")
        .undo()
        .redo()
        .separator()
        .cut()
        .copy()
        .paste()
        .select_all()
        .build()?;
    let window = SubmenuBuilder::new(app, "Window")
        .minimize()
        .maximize()
        .fullscreen()
        .separator()
        .close_window()
        .build()?;
    if cfg!(target_os = "macos") {
        let app_menu = SubmenuBuilder::new(app, NAME)
            .about(Some(about()))
            .separator()
            .services()
            .separator()
            .hide()
            .hide_others()
            .show_all()
            .separator()
            .quit()
            .build()?;
        MenuBuilder::new(app)
            .items(&[&app_menu, &edit, &go_menu(app)?, &window])
            .build()
    } else {
        let quit = MenuItemBuilder::with_id(QUIT, "Quit")
            .accelerator("CmdOrCtrl+Q")
            .build(app)?;
        let file = SubmenuBuilder::new(app, "File")
            .close_window()
            .separator()
            .item(&quit)
            .build()?;
        let help = SubmenuBuilder::new(app, "Help")
            .about_with_text(format!("About {NAME}"), Some(about()))
            .build()?;
        MenuBuilder::new(app)
            .items(&[&file, &edit, &go_menu(app)?, &window, &help])
            .build()
    }
}
