//! The window's menu, laid out as each OS does it: on macOS the app menu (About, Services, Hide,
//! Quit), Edit and Window; on Windows and Linux File (Close Window, Quit with Ctrl+Q), Edit, Window
//! and Help (About). About shows the version, the licence and the links.

use tauri::menu::{AboutMetadata, Menu, MenuBuilder, MenuEvent, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Runtime};

const NAME: &str = "Tracker Desk";
/// Quit on Windows and Linux, where the predefined item has no shortcut; it ends the app as macOS's
/// does, so what is saved at exit (the window's size and place) is saved.
const QUIT: &str = "quit";

pub fn on_event<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    if event.id() == QUIT && crate::quit::may_quit(app) {
        app.exit(0);
    }
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
            .items(&[&app_menu, &edit, &window])
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
            .items(&[&file, &edit, &window, &help])
            .build()
    }
}
