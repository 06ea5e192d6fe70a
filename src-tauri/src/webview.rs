//! The webview's footprint. On Linux, WebKitGTK keeps caches sized for browsing the web; a window
//! that shows one local app needs none of them, so it uses the document-viewer cache model (the
//! smallest: no page cache, small memory caches).

/// Sets the smallest cache model on the window's web context, before its page grows.
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
