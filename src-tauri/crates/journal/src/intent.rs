//! The journal around every write: an "intended" entry, durable before the request leaves and
//! claiming its target (one unresolved change per tracker, one per company and name for a create),
//! completed with the outcome after. Settling entries a crash or a lost answer left open is in
//! `reconcile.rs`.

use crate::quota::StoreCell;
use crate::store::{Completion, EntryState, JournalEntry, Operation, Store};
use crate::{JournalError, JournalResult, WriteFailure};
use callrail::Tracker;
use std::fs::{File, TryLockError};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// "name@machine", as the journal names who made a change: the name the person gave in Settings,
/// else the OS account's. The machine tells this computer's crashed writes from another's.
pub fn person_named(name: Option<&str>) -> String {
    // The account's name as the OS knows it, even where USER is not set (services, CI).
    let user = name.map_or_else(whoami::username, str::to_owned);
    format!("{user}@{}", gethostname::gethostname().to_string_lossy())
}

/// What a change is about, before it is sent.
#[derive(Clone)]
pub struct Intent<'a> {
    /// The entry's id when its caller named it before (a bulk run's row names its entry before it
    /// is written); a new one otherwise.
    pub id: Option<String>,
    pub connection_id: &'a str,
    pub connection: &'a str,
    pub account_id: &'a str,
    pub company_id: Option<&'a str>,
    pub tracker_id: Option<&'a str>,
    pub tracker_name: &'a str,
    pub operation: Operation,
    pub request: String,
    pub before: Option<&'a Tracker>,
    /// Now, by CallRail's clock (the connection's client's): the entry's time.
    pub at: OffsetDateTime,
}

impl<'a> Intent<'a> {
    /// A change to a tracker that exists, read just before.
    pub fn change(
        connection_id: &'a str,
        connection: &'a str,
        account_id: &'a str,
        before: &'a Tracker,
        operation: Operation,
        request: String,
        at: OffsetDateTime,
    ) -> Self {
        Self {
            at,
            id: None,
            connection_id,
            connection,
            account_id,
            company_id: before.company.as_ref().map(|c| c.id.as_str()),
            tracker_id: Some(&before.id),
            tracker_name: &before.name,
            operation,
            request,
            before: Some(before),
        }
    }
}

pub struct Journal {
    /// Swapped when the person moves the journal to a team's store.
    store: StoreCell,
    /// This computer's store: the demo's changes stay here, never in a team's.
    local: Arc<dyn Store>,
    person: std::sync::RwLock<String>,
    /// Where a write in flight holds its lock file, so another process can tell it from a crash.
    pub(crate) locks: PathBuf,
    /// Writes of this process on their way to CallRail (quitting asks first while there are any).
    in_flight: Arc<AtomicUsize>,
}

/// An entry whose request may be on its way. Its lock file is held (and then removed) until the
/// outcome is recorded; a process that dies lets go of it.
pub struct InFlight {
    pub entry: JournalEntry,
    /// The store the entry was claimed in, where its outcome goes.
    store: Arc<dyn Store>,
    lock: Option<(File, PathBuf)>,
    counted: Arc<AtomicUsize>,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.counted.fetch_sub(1, Ordering::SeqCst);
        if let Some((file, path)) = self.lock.take() {
            drop(file);
            let _ = std::fs::remove_file(path);
        }
    }
}

impl InFlight {
    /// Lets go of the lock but leaves its file, as a crash would: the entry is this desk's to
    /// check again (another data folder's entries have no file here). [`Journal::settled`] removes
    /// it once a check settles the entry.
    fn leave_open(mut self) {
        if let Some((file, _)) = self.lock.take() {
            drop(file);
        }
    }
}

/// What `begin` got: the target for this write, or the unresolved entry that holds it.
pub enum Claim {
    Ours(InFlight),
    Held(JournalEntry),
}

/// A new entry's id.
pub fn new_entry_id() -> String {
    format!("{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..))
}

pub fn json(t: &Tracker) -> Option<String> {
    serde_json::to_string(t).ok()
}

/// The warning beside CallRail's answer when the journal could not record it.
fn unrecorded(e: &dyn std::fmt::Display) -> String {
    tracing::warn!("could not record the outcome in the journal: {e}");
    format!(
        "CallRail's answer stands, but the journal could not record it ({e}); History shows this change as unknown until it is checked again"
    )
}

/// How long before `now` an entry was begun. Both are CallRail's clock (a [`callrail::Clock`]),
/// not this computer's: an entry is stamped with CallRail's time when it is written.
pub fn age(entry: &JournalEntry, now: OffsetDateTime) -> Duration {
    let created =
        OffsetDateTime::parse(&entry.created_at, &Rfc3339).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    (now - created).try_into().unwrap_or(Duration::ZERO)
}

/// RFC 3339, as the journal writes times.
pub fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

impl Journal {
    /// `local` is this computer's store, and the journal's until a team's is set.
    pub fn new(local: Arc<dyn Store>, locks: PathBuf) -> Self {
        Self {
            store: Arc::new(std::sync::RwLock::new(local.clone())),
            local,
            in_flight: Arc::new(AtomicUsize::new(0)),
            person: std::sync::RwLock::new(person_named(None)),
            locks,
        }
    }

    /// Who this desk's changes are journaled as.
    pub fn person(&self) -> String {
        self.person
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    pub fn set_person(&self, person: String) {
        *self
            .person
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = person;
    }

    pub fn store(&self) -> Arc<dyn Store> {
        self.store
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// The store as it is swapped, for what counts in it (the quota governor).
    pub fn cell(&self) -> StoreCell {
        self.store.clone()
    }

    pub fn local(&self) -> Arc<dyn Store> {
        self.local.clone()
    }

    pub fn set_store(&self, store: Arc<dyn Store>) {
        *self
            .store
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = store;
    }

    /// Where a connection's changes are journaled: the demo's on this computer only.
    pub fn store_for(&self, connection_id: &str) -> Arc<dyn Store> {
        if connection_id == crate::DEMO_CONNECTION_ID {
            self.local.clone()
        } else {
            self.store()
        }
    }

    /// How many of this process's writes are on their way to CallRail now.
    pub fn writes_in_flight(&self) -> usize {
        self.in_flight.load(Ordering::SeqCst)
    }

    fn lock_path(&self, id: &str) -> PathBuf {
        self.locks.join(format!("{id}.lock"))
    }

    /// Holds the lock named `name` while the file returned lives; `None` when another process of
    /// this computer holds it.
    pub fn hold(&self, name: &str) -> JournalResult<Option<(File, PathBuf)>> {
        let file = std::fs::create_dir_all(&self.locks)
            .and_then(|()| {
                File::options()
                    .create(true)
                    .truncate(false)
                    .write(true)
                    .open(self.lock_path(name))
            })
            .map_err(|e| {
                JournalError::Storage(format!("could not use {}: {e}", self.locks.display()))
            })?;
        match file.try_lock() {
            Ok(()) => Ok(Some((file, self.lock_path(name)))),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(JournalError::Storage(format!(
                "could not use {}: {e}",
                self.locks.display()
            ))),
        }
    }

    /// Whether the lock named `name` was left by a process of this desk that died: its file is
    /// here and nobody holds it. (No file: not this desk's to judge, like another computer's.)
    pub fn left_by_the_dead(&self, name: &str) -> bool {
        File::options()
            .read(true)
            .write(true)
            .open(self.lock_path(name))
            .is_ok_and(|f| f.try_lock().is_ok())
    }

    /// Writes the "intended" entry (synced) before anything is sent, unless an unresolved entry
    /// holds the same target.
    pub async fn begin(&self, i: Intent<'_>) -> JournalResult<Claim> {
        let entry = JournalEntry {
            id: i.id.unwrap_or_else(new_entry_id),
            created_at: rfc3339(i.at),
            completed_at: None,
            person: self.person(),
            connection_id: i.connection_id.to_owned(),
            connection: i.connection.to_owned(),
            account_id: i.account_id.to_owned(),
            company_id: i.company_id.map(str::to_owned),
            tracker_id: i.tracker_id.map(str::to_owned),
            tracker_name: i.tracker_name.to_owned(),
            operation: i.operation,
            request: i.request,
            state: EntryState::Intended,
            outcome: None,
            before: i.before.and_then(json),
            after: None,
        };
        let path = self.lock_path(&entry.id);
        let lock = std::fs::create_dir_all(&self.locks)
            .and_then(|()| File::create(&path))
            .and_then(|f| f.lock().map(|()| f))
            .map_err(|e| {
                // This computer's folder, not the journal's store: said as it is.
                JournalError::Refused(format!(
                    "Nothing was sent to CallRail: the change could not be marked as in progress in {} ({e})",
                    self.locks.display()
                ))
            })?;
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        let flight = InFlight {
            store: self.store_for(&entry.connection_id),
            entry,
            lock: Some((lock, path)),
            counted: self.in_flight.clone(),
        };
        Ok(match flight.store.claim(&flight.entry).await? {
            None => Claim::Ours(flight),
            Some(holder) => Claim::Held(holder),
        })
    }

    /// Whether an unresolved entry's request may still be on its way: its process on this computer
    /// still holds the entry's lock, or (on another computer) it is younger than `min_age` at
    /// `now` (CallRail's clock).
    pub fn in_flight(&self, entry: &JournalEntry, min_age: Duration, now: OffsetDateTime) -> bool {
        let this_host = gethostname::gethostname().to_string_lossy().into_owned();
        let host = entry.person.rsplit_once('@').map(|(_, h)| h);
        if host != Some(this_host.as_str()) {
            return age(entry, now) < min_age;
        }
        let path = self.lock_path(&entry.id);
        let Ok(file) = File::options().read(true).write(true).open(&path) else {
            // Not this desk's: another data folder of this computer (a second desk, the command
            // line with its own folder) may be sending it now, like another computer.
            return age(entry, now) < min_age;
        };
        // Let go of by a process that died (or could not record the outcome): the file stays,
        // marking the entry as this desk's, until a check settles it.
        matches!(file.try_lock(), Err(TryLockError::WouldBlock))
    }

    /// The entry is settled: the file its write left (a crash's) goes.
    pub fn settled(&self, entry: &JournalEntry) {
        let path = self.lock_path(&entry.id);
        if let Ok(file) = File::options().read(true).write(true).open(&path) {
            if file.try_lock().is_ok() {
                drop(file);
                let _ = std::fs::remove_file(&path);
            }
        }
    }

    /// Completes the entry from the write's result, and keeps the tracker's new state. A failure to
    /// record it never replaces CallRail's answer: it comes back as a warning to show beside it.
    pub async fn finish<E: WriteFailure>(
        &self,
        flight: InFlight,
        result: Result<(&Tracker, &str), &E>,
    ) -> Option<String> {
        let entry = &flight.entry;
        let completion = match result {
            Ok((tracker, outcome)) => Completion {
                state: EntryState::Succeeded,
                outcome: outcome.to_owned(),
                tracker_id: Some(tracker.id.clone()),
                after: json(tracker),
            },
            Err(e) => Completion {
                state: if e.outcome_unknown() {
                    EntryState::Unknown
                } else {
                    EntryState::Failed
                },
                outcome: e.to_string(),
                tracker_id: None,
                after: None,
            },
        };
        let recorded = match flight.store.record_outcome(&entry.id, &completion).await {
            Ok(()) => match result {
                Ok((tracker, _)) => self.snapshot(entry, tracker).await,
                Err(_) => Ok(()),
            },
            Err(e) => {
                flight.leave_open();
                return Some(unrecorded(&e));
            }
        };
        // An outcome still unknown keeps the entry this desk's to check again.
        if completion.state == EntryState::Unknown {
            flight.leave_open();
        } else {
            drop(flight);
        }
        recorded.err().map(|e| unrecorded(&e))
    }

    pub async fn snapshot(&self, entry: &JournalEntry, t: &Tracker) -> JournalResult<()> {
        let company = t
            .company
            .as_ref()
            .map(|c| c.id.as_str())
            .or(entry.company_id.as_deref());
        match json(t) {
            Some(text) => {
                self.store_for(&entry.connection_id)
                    .save_snapshot(
                        &entry.connection_id,
                        &entry.account_id,
                        &t.id,
                        company,
                        &text,
                    )
                    .await
            }
            None => Ok(()),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::store::{HistoryFilter, SqliteStore};

    #[tokio::test]
    async fn the_demos_changes_never_reach_a_team_store() {
        let dir = tempfile::tempdir().unwrap();
        let local: Arc<dyn Store> =
            Arc::new(SqliteStore::open(&dir.path().join("local.sqlite3")).unwrap());
        let team: Arc<dyn Store> =
            Arc::new(SqliteStore::open(&dir.path().join("team.sqlite3")).unwrap());
        let journal = Journal::new(local.clone(), dir.path().join("locks"));
        journal.set_store(team.clone());
        for (connection, name) in [
            (crate::DEMO_CONNECTION_ID, "Demo pool"),
            ("conn-1", "Real pool"),
        ] {
            let claim = journal
                .begin(Intent {
                    id: None,
                    connection_id: connection,
                    connection: "c",
                    account_id: "ACC1",
                    company_id: Some("COM1"),
                    tracker_id: None,
                    tracker_name: name,
                    operation: Operation::Create,
                    request: "{}".into(),
                    before: None,
                    at: OffsetDateTime::now_utc(),
                })
                .await
                .unwrap();
            let Claim::Ours(flight) = claim else {
                panic!("claimed")
            };
            let failed = JournalError::Storage("refused".into());
            assert!(journal.finish(flight, Err(&failed)).await.is_none());
        }
        let names = |store: Arc<dyn Store>| async move {
            store
                .history(&HistoryFilter::default())
                .await
                .unwrap()
                .into_iter()
                .map(|e| (e.tracker_name, e.state))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(team).await,
            [("Real pool".to_owned(), EntryState::Failed)]
        );
        assert_eq!(
            names(local).await,
            [("Demo pool".to_owned(), EntryState::Failed)]
        );
    }
}
