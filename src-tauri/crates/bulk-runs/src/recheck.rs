//! A planned row checked again just before it is sent, so that a run never buys or releases what
//! the person did not confirm: its own journal entry first (a crash may have sent it already), then
//! for a create the same name made since the plan (in the journal, then in CallRail's whole list),
//! and for a disable a pool grown since the plan.

use crate::host::{Host, Runner};
use callrail::{StatusFilter, TrackerQuery};
use journal::runs::{BulkRun, RowState, RunRow};
use journal::store::{EntryState, HistoryFilter, JournalEntry, Operation, Store};
use std::sync::Arc;

impl<H: Host> Runner<'_, H> {
    /// What the journal and CallRail say of a row before it is sent, as the row's end when it must
    /// not be sent: its own entry settled (done, or unknown still), and for a create, the same name
    /// made since the plan, by another run, a teammate or by hand. `None`: send it.
    pub(crate) async fn before_sending(
        &self,
        run: &BulkRun,
        store: &Arc<dyn Store>,
        row: &RunRow,
    ) -> Result<Option<RowEnd>, H::Error> {
        if let Some(id) = &row.entry_id {
            if let Some(entry) = store.entries(std::slice::from_ref(id)).await?.pop() {
                let entry = self.settle(entry).await?;
                match entry.state {
                    EntryState::Succeeded => {
                        return Ok(Some(RowEnd::of_entry(RowState::Done, &entry)))
                    }
                    // Proven not made: sent again, under a new entry.
                    EntryState::Failed => {}
                    EntryState::Intended | EntryState::Unknown => {
                        return Ok(Some(RowEnd::of_entry(RowState::Unknown, &entry)))
                    }
                }
            }
        }
        if row.planned.action == bulk::Action::Disable {
            return self.pool_grown_since(run, store, row).await;
        }
        let (bulk::Action::Create, Some(form)) = (row.planned.action, &row.work.form) else {
            return Ok(None);
        };
        let key = bulk::name_key(&form.name);
        let company = form.company_id.trim();
        let since_plan = store
            .history(&HistoryFilter {
                company_id: Some(company.to_owned()),
                operation: Some(Operation::Create),
                since: Some(self.since_plan(run)),
                limit: Some(u32::MAX),
                ..HistoryFilter::default()
            })
            .await?;
        for other in since_plan.into_iter().filter(|e| {
            e.account_id == run.account_id
                && Some(&e.id) != row.entry_id.as_ref()
                && bulk::name_key(&e.tracker_name) == key
        }) {
            let other = self.settle(other).await?;
            match other.state {
                EntryState::Succeeded => {
                    return Ok(Some(RowEnd {
                        state: RowState::Changed,
                        message: format!(
                            "made since the plan: {} created \"{}\" {}; it was not bought again",
                            other.person, other.tracker_name, other.created_at
                        ),
                        tracker_id: other.tracker_id,
                    }))
                }
                EntryState::Failed => {}
                EntryState::Intended | EntryState::Unknown => {
                    return Ok(Some(RowEnd {
                        state: RowState::Unknown,
                        message: format!(
                            "a create of \"{}\" begun {} by {} has no known outcome yet; this row waits for it",
                            other.tracker_name, other.created_at, other.person
                        ),
                        tracker_id: None,
                    }))
                }
            }
        }
        // CallRail itself, read whole (a search can lag): the name may have been made by hand.
        let client = self.host.client(&run.connection_id)?;
        let query = TrackerQuery {
            status: Some(StatusFilter::Active),
            ..TrackerQuery::company(company)
        };
        let made = client
            .list_all_trackers(&run.account_id, &query)
            .await?
            .into_iter()
            .find(|t| bulk::name_key(&t.name) == key);
        Ok(made.map(|t| RowEnd {
            state: RowState::Changed,
            message: format!(
                "made since the plan: CallRail has an active tracker \"{}\" ({}) in this company; nothing was sent: plan again",
                t.name, t.id
            ),
            tracker_id: Some(t.id),
        }))
    }

    /// From when a change counts as made since `run`'s plan: its time, less the clock skew a check
    /// allows (entries are stamped with CallRail's clock as each desk reads it).
    fn since_plan(&self, run: &BulkRun) -> String {
        let planned = time::OffsetDateTime::parse(
            &run.created_at,
            &time::format_description::well_known::Rfc3339,
        )
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
        journal::rfc3339(planned - self.host.tuning().check.clock_skew)
    }

    /// A disable whose pool was grown since the plan (journaled, even if CallRail does not show the
    /// new numbers yet) would release numbers nobody confirmed: it ends `changed`.
    async fn pool_grown_since(
        &self,
        run: &BulkRun,
        store: &Arc<dyn Store>,
        row: &RunRow,
    ) -> Result<Option<RowEnd>, H::Error> {
        let grown = store
            .history(&HistoryFilter {
                tracker_id: row.planned.tracker_id.clone(),
                operation: Some(Operation::Update),
                since: Some(self.since_plan(run)),
                limit: Some(u32::MAX),
                ..HistoryFilter::default()
            })
            .await?
            .into_iter()
            .find(|e| {
                e.state != EntryState::Failed
                    && serde_json::from_str::<callrail::TrackerChanges>(&e.request)
                        .is_ok_and(|c| c.pool_size.is_some())
            });
        Ok(grown.map(|e| RowEnd {
            state: RowState::Changed,
            message: format!(
                "its pool was grown since the plan ({} by {}); nothing was sent, so no number nobody confirmed is released: plan again",
                e.created_at, e.person
            ),
            tracker_id: row.planned.tracker_id.clone(),
        }))
    }

    /// An unresolved entry checked against CallRail, unless its request may still be on its way;
    /// a resolved one as it is.
    pub(crate) async fn settle(&self, entry: JournalEntry) -> Result<JournalEntry, H::Error> {
        let tuning = self.host.tuning();
        let Ok(client) = self.host.client(&entry.connection_id) else {
            return Ok(entry);
        };
        if !entry.unresolved()
            || self
                .host
                .journal()
                .in_flight(&entry, tuning.min_age, client.clock().now())
        {
            return Ok(entry);
        }
        let c = self
            .host
            .journal()
            .reconcile(&client, &entry, &tuning)
            .await?;
        Ok(JournalEntry {
            state: c.state,
            outcome: Some(c.outcome),
            tracker_id: c.tracker_id.or(entry.tracker_id.clone()),
            after: c.after.or(entry.after.clone()),
            ..entry
        })
    }
}

/// How a row ended, when it ends without being sent now.
#[derive(Debug, Clone)]
pub(crate) struct RowEnd {
    pub state: RowState,
    pub message: String,
    pub tracker_id: Option<String>,
}

impl RowEnd {
    fn of_entry(state: RowState, e: &JournalEntry) -> Self {
        Self {
            state,
            message: e
                .outcome
                .clone()
                .unwrap_or_else(|| "in progress, or interrupted".into()),
            tracker_id: e.tracker_id.clone(),
        }
    }
}
