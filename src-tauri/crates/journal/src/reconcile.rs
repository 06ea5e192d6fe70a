//! Settling what the journal left open: an entry a crash or a lost answer left `intended` or
//! `unknown` is checked against CallRail's own state (the company's full list for a create, the
//! tracker for an update or a disable), never by a search, and written `failed` only on proof.

use crate::intent::{age, json, Journal};
use crate::store::{Completion, EntryState, HistoryFilter, JournalEntry, Operation};
use crate::tuning::Tuning;
use crate::wording::count;
use crate::JournalResult;
use callrail::{Client, CreatedLookup, Tracker, TrackerChanges, TrackerKind};
use std::collections::HashSet;
use std::time::Duration;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

impl Journal {
    /// Checks an unresolved entry against CallRail and completes it with what CallRail shows. It
    /// is written `failed` only on proof: a create or a pool's growth still missing `settle` after
    /// it was asked for, or an update or disable that reading the tracker shows was not made.
    pub async fn reconcile(
        &self,
        client: &Client,
        entry: &JournalEntry,
        tuning: &Tuning,
    ) -> JournalResult<Completion> {
        let checked = match entry.operation {
            Operation::Create => self.check_create(client, entry, tuning).await,
            Operation::Update | Operation::Disable => {
                self.check_change(client, entry, tuning).await
            }
        };
        let completion = match checked {
            Ok(c) => c,
            Err(e) => Completion {
                state: EntryState::Unknown,
                outcome: format!("Not checked yet: CallRail could not be asked ({e})."),
                tracker_id: None,
                after: None,
            },
        };
        self.store_for(&entry.connection_id)
            .record_outcome(&entry.id, &completion)
            .await?;
        if completion.state != EntryState::Unknown {
            self.settled(entry);
        }
        Ok(completion)
    }

    /// Trackers already taken for other creates in the entry's company: one tracker is never
    /// attributed to two entries.
    pub async fn attributed(&self, entry: &JournalEntry) -> JournalResult<HashSet<String>> {
        let all = self
            .store_for(&entry.connection_id)
            .history(&HistoryFilter {
                company_id: entry.company_id.clone(),
                operation: Some(Operation::Create),
                limit: Some(u32::MAX),
                ..HistoryFilter::default()
            })
            .await?;
        Ok(all
            .into_iter()
            .filter(|e| e.id != entry.id && e.account_id == entry.account_id)
            .filter_map(|e| e.tracker_id)
            .collect())
    }

    /// A create: a tracker of its name and kind, made since the request and not taken by another
    /// entry, in the company's full listing.
    async fn check_create(
        &self,
        client: &Client,
        entry: &JournalEntry,
        tuning: &Tuning,
    ) -> JournalResult<Completion> {
        let started = OffsetDateTime::parse(&entry.created_at, &Rfc3339)
            .unwrap_or(OffsetDateTime::UNIX_EPOCH);
        let kind = serde_json::from_str::<serde_json::Value>(&entry.request)
            .ok()
            .and_then(|v| serde_json::from_value::<TrackerKind>(v.get("type")?.clone()).ok());
        let lookup = CreatedLookup {
            company_id: entry.company_id.clone().unwrap_or_default(),
            name: entry.tracker_name.clone(),
            kind,
            since: started - tuning.check.clock_skew,
            exclude: self.attributed(entry).await?,
        };
        let found = client.find_created(&entry.account_id, &lookup).await?;
        let age = age(entry, client.clock().now());
        let waited = minutes(age);
        Ok(match found {
            Some(t) => {
                self.snapshot(entry, &t).await?;
                Completion {
                    state: EntryState::Succeeded,
                    outcome: format!(
                        "Checked in CallRail afterwards: it was created, with {}.",
                        count(t.pool_size(), "number")
                    ),
                    tracker_id: Some(t.id.clone()),
                    after: json(&t),
                }
            }
            None if age >= tuning.settle => Completion {
                state: EntryState::Failed,
                outcome: format!("Checked in CallRail {waited} after the request: no tracker of that name was created, and no number was bought."),
                tracker_id: None,
                after: None,
            },
            None => Completion {
                state: EntryState::Unknown,
                outcome: format!("Not in CallRail's list {waited} after the request. CallRail can take a while to show a new tracker, so it is checked again later."),
                tracker_id: None,
                after: None,
            },
        })
    }

    /// An update or disable: read the tracker and see whether the change shows.
    async fn check_change(
        &self,
        client: &Client,
        entry: &JournalEntry,
        tuning: &Tuning,
    ) -> JournalResult<Completion> {
        let id = entry.tracker_id.clone().unwrap_or_default();
        let now = client
            .get_tracker(&entry.account_id, &id, &["swap_targets"])
            .await?;
        self.snapshot(entry, &now).await?;
        let age = age(entry, client.clock().now());
        let state = match entry.operation {
            Operation::Disable if !now.is_active() => EntryState::Succeeded,
            Operation::Disable => EntryState::Failed,
            _ => update_state(entry, &now, tuning, age),
        };
        let outcome = match state {
            EntryState::Succeeded => "Checked in CallRail afterwards: the change is there.".into(),
            EntryState::Failed => {
                "Checked in CallRail afterwards: the change was not made.".into()
            }
            _ => format!(
                "Checked in CallRail {} after the request: the change does not show yet (a pool's new numbers can take a while), so it is checked again later.",
                minutes(age)
            ),
        };
        Ok(Completion {
            state,
            outcome,
            tracker_id: Some(now.id.clone()),
            after: json(&now),
        })
    }
}

/// Whether an update shows on the tracker as it is `now`: all of it (succeeded), none of it where
/// nothing can lag (failed), or not yet (unknown).
fn update_state(entry: &JournalEntry, now: &Tracker, tuning: &Tuning, age: Duration) -> EntryState {
    let Ok(changes) = serde_json::from_str::<TrackerChanges>(&entry.request) else {
        return EntryState::Unknown;
    };
    let fields = |t: &Tracker| {
        callrail::plan_update(t, &changes).ok().map(|p| {
            p.changed_fields()
                .into_iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
    };
    let asked = entry
        .before
        .as_deref()
        .and_then(|b| serde_json::from_str::<Tracker>(b).ok())
        .and_then(|b| fields(&b));
    match fields(now) {
        Some(left) if left.is_empty() => EntryState::Succeeded,
        Some(left)
            if Some(&left) == asked.as_ref()
                && (!left.iter().any(|f| f == "pool_size") || age >= tuning.settle) =>
        {
            EntryState::Failed
        }
        _ => EntryState::Unknown,
    }
}

fn minutes(d: Duration) -> String {
    match d.as_secs() {
        s if s < 120 => format!("{s} seconds"),
        s => format!("{} minutes", s / 60),
    }
}
