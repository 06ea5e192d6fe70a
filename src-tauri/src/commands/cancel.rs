//! Long work the window can stop (a listing of every page, a copy of the journal, a reading of the
//! call log): each registered by the id the window gave it, with a flag `cancel_work` raises, and
//! the progress it streams back through a `Channel`.

use serde::Serialize;
use specta::Type;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tauri::ipc::Channel;
use tauri::State;

/// Where long work stands: steps done (pages read, entries copied), steps in all.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ListProgress {
    pub done: u32,
    pub total: u32,
}

/// Long work under way (a listing of every page, a copy of the journal), by the id the window gave
/// it, to stop it.
#[derive(Default)]
pub struct Cancels(Mutex<HashMap<String, Arc<AtomicBool>>>);

impl Cancels {
    /// A flag for the work `id`, removed again when the returned guard is dropped.
    pub fn start(&self, id: &str) -> Cancellable<'_> {
        let flag = Arc::new(AtomicBool::new(false));
        self.lock().insert(id.to_owned(), flag.clone());
        Cancellable {
            work: self,
            id: id.to_owned(),
            cancelled: flag,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<AtomicBool>>> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

pub struct Cancellable<'a> {
    work: &'a Cancels,
    id: String,
    pub cancelled: Arc<AtomicBool>,
}

impl Drop for Cancellable<'_> {
    fn drop(&mut self) {
        self.work.lock().remove(&self.id);
    }
}

/// Where long work stands, sent through its `Channel`.
pub fn progress_to(channel: Channel<ListProgress>) -> impl Fn(u32, u32) + Send + Sync {
    move |done, total| {
        let _ = channel.send(ListProgress { done, total });
    }
}

/// Stops the long work with this id after the step in flight; nothing if it has ended.
#[tauri::command(async)]
#[specta::specta]
pub fn cancel_work(running: State<'_, Cancels>, work: String) {
    if let Some(flag) = running.lock().get(&work) {
        flag.store(true, Ordering::SeqCst);
    }
}
