//! The app's footprint. On Linux, WebKitGTK keeps caches sized for browsing the web and composites
//! pages through OpenGL; a window that shows one local app of forms and a table needs neither. It
//! uses the document-viewer cache model (the smallest: no page cache, small memory caches) and no
//! compositing, which under Xvfb (Mesa's software GL) took 73 MiB of the web process at the welcome
//! screen and 110 MiB with 10,000 trackers shown (tests/footprint.sh). And the app process hands the
//! memory of a large listing back to the system once it has been sent to the window.

/// Turns WebKitGTK's compositing off for this process, unless the person's environment says
/// otherwise. Called first thing in `main`, before GTK or any thread starts: switching it on a page
/// already shown stalls the webview while it changes mode.
pub fn before_start() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}

/// Sets the smallest cache model on the window's web context.
pub fn lighten(window: &tauri::WebviewWindow) {
    #[cfg(target_os = "linux")]
    {
        let set = window.with_webview(|webview| {
            use webkit2gtk::{WebContextExt, WebViewExt};
            if let Some(context) = webview.inner().context() {
                context.set_cache_model(webkit2gtk::CacheModel::DocumentViewer);
            }
        });
        if let Err(e) = set {
            log::warn!("could not set the webview's cache model: {e}");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}

/// Once a large answer has gone to the window, gives the memory that built it back to the system
/// (glibc keeps it otherwise: about 30 MiB after 10,000 trackers).
pub fn release_soon() {
    tauri::async_runtime::spawn_blocking(|| {
        std::thread::sleep(std::time::Duration::from_secs(2));
        heap_trim::trim();
    });
}
