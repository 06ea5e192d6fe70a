//! The journal around every write: an "intended" entry before the request, completed with the outcome
//! after, and a check against CallRail for entries a crash left open.

use crate::store::{Completion, EntryState, JournalEntry, Operation, Store};
use crate::{CoreError, CoreResult};
use callrail::{Client, StatusFilter, Tracker, TrackerChanges, TrackerQuery};
use std::sync::Arc;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// "OS user@machine", as the journal names who made a change.
pub fn person() -> String {
    // The account's name as the OS knows it, even where USER is not set (services, CI).
    let user = whoami::username();
    format!("{user}@{}", gethostname::gethostname().to_string_lossy())
}

/// What a change is about, before it is sent.
pub(crate) struct Intent<'a> {
    pub connection_id: &'a str,
    pub connection: &'a str,
    pub account_id: &'a str,
    pub company_id: Option<&'a str>,
    pub tracker_id: Option<&'a str>,
    pub tracker_name: &'a str,
    pub operation: Operation,
    pub request: String,
    pub before: Option<&'a Tracker>,
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
    ) -> Self {
        Self {
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
    store: std::sync::RwLock<Arc<dyn Store>>,
    person: String,
}

fn json(t: &Tracker) -> Option<String> {
    serde_json::to_string(t).ok()
}

impl Journal {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self {
            store: std::sync::RwLock::new(store),
            person: person(),
        }
    }

    pub fn store(&self) -> Arc<dyn Store> {
        self.store
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    pub fn set_store(&self, store: Arc<dyn Store>) {
        *self
            .store
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = store;
    }

    pub(crate) async fn begin(&self, i: Intent<'_>) -> CoreResult<JournalEntry> {
        let entry = JournalEntry {
            id: format!("{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..)),
            created_at: crate::now_rfc3339(),
            completed_at: None,
            person: self.person.clone(),
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
        self.store().record_intent(&entry).await?;
        Ok(entry)
    }

    /// Completes the entry from the write's result, and keeps the tracker's new state.
    pub(crate) async fn finish(
        &self,
        entry: &JournalEntry,
        result: Result<(&Tracker, &str), &CoreError>,
    ) -> CoreResult<()> {
        let completion = match result {
            Ok((tracker, outcome)) => {
                self.snapshot(entry, tracker).await?;
                Completion {
                    state: EntryState::Succeeded,
                    outcome: outcome.to_owned(),
                    tracker_id: Some(tracker.id.clone()),
                    after: json(tracker),
                }
            }
            Err(e) => Completion {
                state: if matches!(
                    e,
                    CoreError::Callrail(callrail::Error::CreateOutcomeUnknown { .. })
                ) {
                    EntryState::Unknown
                } else {
                    EntryState::Failed
                },
                outcome: e.to_string(),
                tracker_id: None,
                after: None,
            },
        };
        self.store().record_outcome(&entry.id, &completion).await
    }

    async fn snapshot(&self, entry: &JournalEntry, t: &Tracker) -> CoreResult<()> {
        let company = t
            .company
            .as_ref()
            .map(|c| c.id.as_str())
            .or(entry.company_id.as_deref());
        match json(t) {
            Some(text) => {
                self.store()
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

    /// Checks an entry a crash left open against CallRail and completes it with what CallRail shows.
    pub(crate) async fn reconcile(
        &self,
        client: &Client,
        entry: &JournalEntry,
    ) -> CoreResult<EntryState> {
        let checked = match entry.operation {
            Operation::Create => self.check_create(client, entry).await,
            Operation::Update | Operation::Disable => self.check_change(client, entry).await,
        };
        let completion = match checked {
            Ok(c) => c,
            Err(e) => Completion {
                state: EntryState::Unknown,
                outcome: format!("interrupted, and not checked yet: {e}"),
                tracker_id: None,
                after: None,
            },
        };
        self.store().record_outcome(&entry.id, &completion).await?;
        Ok(completion.state)
    }

    /// A create was interrupted: a tracker of that name made since the entry means it went through.
    async fn check_create(&self, client: &Client, entry: &JournalEntry) -> CoreResult<Completion> {
        let started = OffsetDateTime::parse(&entry.created_at, &Rfc3339)
            .unwrap_or(OffsetDateTime::UNIX_EPOCH)
            - time::Duration::minutes(5);
        let term = entry
            .tracker_name
            .split_whitespace()
            .max_by_key(|w| w.len())
            .unwrap_or(&entry.tracker_name);
        let query = TrackerQuery {
            search: Some(term.to_owned()),
            status: Some(StatusFilter::Active),
            ..TrackerQuery::company(entry.company_id.clone().unwrap_or_default())
        };
        let found = client
            .list_all_trackers(&entry.account_id, &query)
            .await?
            .into_iter()
            .find(|t| {
                t.name.trim() == entry.tracker_name
                    && t.created_at
                        .as_deref()
                        .and_then(|c| OffsetDateTime::parse(c, &Rfc3339).ok())
                        .is_some_and(|c| c >= started)
            });
        Ok(match found {
            Some(t) => {
                self.snapshot(entry, &t).await?;
                Completion {
                    state: EntryState::Succeeded,
                    outcome: format!("interrupted; checked in CallRail afterwards: it was created as {}", t.id),
                    tracker_id: Some(t.id.clone()),
                    after: json(&t),
                }
            }
            None => Completion {
                state: EntryState::Failed,
                outcome: "interrupted; checked in CallRail afterwards: it was never created, and no number was bought".into(),
                tracker_id: None,
                after: None,
            },
        })
    }

    /// An update or disable was interrupted: read the tracker and see whether the change shows.
    async fn check_change(&self, client: &Client, entry: &JournalEntry) -> CoreResult<Completion> {
        let id = entry.tracker_id.clone().unwrap_or_default();
        let now = client
            .get_tracker(&entry.account_id, &id, &["swap_targets"])
            .await?;
        self.snapshot(entry, &now).await?;
        let applied = match entry.operation {
            Operation::Disable => !now.is_active(),
            _ => serde_json::from_str::<TrackerChanges>(&entry.request)
                .ok()
                .and_then(|changes| callrail::plan_update(&now, &changes).ok())
                .is_some_and(|plan| plan.is_empty()),
        };
        Ok(Completion {
            state: if applied {
                EntryState::Succeeded
            } else {
                EntryState::Failed
            },
            outcome: if applied {
                "interrupted; checked in CallRail afterwards: the change is there".into()
            } else {
                "interrupted; checked in CallRail afterwards: the change was not made".into()
            },
            tracker_id: Some(now.id.clone()),
            after: json(&now),
        })
    }
}
