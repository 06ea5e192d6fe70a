//! Bulk work on the desk: a company's trackers as a file, the plan of applying a file (a dry run:
//! it reads trackers and writes nothing), and one planned row applied through the journaled writes.

use super::writes::PlannedRelease;
use super::{Desk, Written};
use crate::runs::{BulkRun, RowState, RunRow};
use crate::store::{EntryState, HistoryFilter, JournalEntry, Operation, Store};
use crate::{CoreError, CoreResult};
use callrail::{Client, RuleViolation, StatusFilter, Tracker, TrackerQuery};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

/// One change to many trackers at once, chosen in the trackers table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SelectionChange {
    /// Calls go to this number.
    Destination { number: String },
    /// swap.js also swaps this number on the website (session trackers).
    AddSwapTarget { number: String },
    /// Disable them all, releasing their numbers for good.
    Disable,
}

impl SelectionChange {
    /// What the plan's source is called on screen.
    pub fn describe(&self, count: usize) -> String {
        match self {
            SelectionChange::Destination { number } => {
                format!("{count} selected tracker(s): destination {number}")
            }
            SelectionChange::AddSwapTarget { number } => {
                format!("{count} selected tracker(s): add swap target {number}")
            }
            SelectionChange::Disable => format!("{count} selected tracker(s): disable"),
        }
    }
}

impl Desk {
    /// The trackers of `companies` (every company of the account when empty), active and disabled,
    /// as a trackers file.
    pub async fn export_trackers(
        &self,
        connection: &str,
        account: &str,
        companies: &[String],
    ) -> CoreResult<Vec<u8>> {
        let client = self.connections.client(connection)?;
        let companies = if companies.is_empty() {
            every_company(&client, account).await?
        } else {
            companies.to_vec()
        };
        let trackers = trackers_of(&client, account, &companies).await?;
        bulk::write(&trackers)
            .map_err(|e| CoreError::Storage(format!("could not write the trackers file: {e}")))
    }

    /// What applying the trackers file `bytes` would do, row by row; nothing is sent.
    pub async fn plan_bulk(
        &self,
        connection: &str,
        account: &str,
        bytes: &[u8],
        allow_disable: bool,
        prices: bulk::Prices,
    ) -> CoreResult<bulk::Plan> {
        let rows = bulk::read(bytes).map_err(|e| RuleViolation::new("file", e.to_string()))?;
        let client = self.connections.client(connection)?;
        let active: HashSet<String> = every_company(&client, account).await?.into_iter().collect();
        // A row that names only its tracker may be in any company.
        let companies: Vec<String> = if rows.iter().any(|r| r.company_id.trim().is_empty()) {
            active.iter().cloned().collect()
        } else {
            rows.iter()
                .map(|r| r.company_id.trim().to_owned())
                .filter(|c| active.contains(c))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect()
        };
        let trackers = trackers_of(&client, account, &companies).await?;
        let mut plan = bulk::plan(&rows, &trackers, allow_disable, prices);
        plan.refuse_creates_outside(&active, prices);
        self.at_quota(connection, account, &mut plan).await?;
        Ok(plan)
    }

    /// The plan of one change to the trackers `ids` of `company`, made as the rows of a trackers file
    /// would be: each tracker as it is, with the change. Planned, applied and journaled like a file.
    pub async fn plan_selection(
        &self,
        connection: &str,
        account: &str,
        company: &str,
        ids: &[String],
        change: &SelectionChange,
        prices: bulk::Prices,
    ) -> CoreResult<bulk::Plan> {
        if ids.is_empty() {
            return Err(RuleViolation::new("selection", "select at least one tracker").into());
        }
        let client = self.connections.client(connection)?;
        let trackers = trackers_of(&client, account, &[company.to_owned()]).await?;
        let wanted: HashSet<&str> = ids.iter().map(String::as_str).collect();
        let rows: Vec<bulk::Row> = trackers
            .iter()
            .filter(|t| wanted.contains(t.id.as_str()))
            .zip(2u32..)
            .map(|(t, line)| {
                let mut row = bulk::row_of(t);
                row.line = line;
                match change {
                    SelectionChange::Destination { number } => row.destination.clone_from(number),
                    SelectionChange::AddSwapTarget { number } => {
                        if !row
                            .swap_targets
                            .split(';')
                            .any(|n| n.trim() == number.trim())
                        {
                            row.swap_targets = [row.swap_targets.as_str(), number.as_str()]
                                .iter()
                                .filter(|s| !s.trim().is_empty())
                                .copied()
                                .collect::<Vec<_>>()
                                .join(";");
                        }
                    }
                    SelectionChange::Disable => row.status = "disabled".into(),
                }
                row
            })
            .collect();
        let allow_disable = *change == SelectionChange::Disable;
        let mut plan = bulk::plan(&rows, &trackers, allow_disable, prices);
        self.at_quota(connection, account, &mut plan).await?;
        Ok(plan)
    }

    /// Sets the plan's time at what is left of the account's hour.
    async fn at_quota(
        &self,
        connection: &str,
        account: &str,
        plan: &mut bulk::Plan,
    ) -> CoreResult<()> {
        let quota = self.quota(connection, account).await?;
        plan.summary.at_quota(
            quota.bulk_hour_limit.saturating_sub(quota.hour_used),
            quota.bulk_hour_limit,
        );
        Ok(())
    }

    /// Applies one planned row of `run` through the journaled write path (create, edit or
    /// disable), journaled as `entry` (the id the row named before), with the numbers the plan
    /// priced as the confirmed count. If CallRail changed since the plan, the row is refused with
    /// what changed, and nothing is forced.
    pub(crate) async fn apply_planned(
        &self,
        run: &BulkRun,
        row: &RunRow,
        entry: &str,
    ) -> CoreResult<Written> {
        let (connection, account) = (run.connection_id.as_str(), run.account_id.as_str());
        let (planned, work) = (&row.planned, &row.work);
        let id = planned.tracker_id.as_deref().unwrap_or_default();
        match (planned.action, &work.form, &work.changes) {
            (bulk::Action::Create, Some(form), _) => {
                self.create_as(
                    connection,
                    account,
                    form,
                    planned.numbers_bought,
                    crate::trackers::Create::Planned,
                    Some(entry),
                )
                .await
            }
            (bulk::Action::Update, _, Some(changes)) => {
                self.update_against(
                    connection,
                    account,
                    id,
                    changes,
                    planned.numbers_bought,
                    work.basis.as_ref(),
                    Some(entry),
                )
                .await
            }
            (bulk::Action::Disable, _, _) => {
                let name = work.current_name.as_deref().unwrap_or_default();
                let release = PlannedRelease {
                    name,
                    numbers: &work.releases,
                    count: planned.numbers_released,
                };
                self.disable_as(connection, account, id, name, Some(release), Some(entry))
                    .await
            }
            _ => Err(CoreError::Refused(format!(
                "line {} has nothing to apply",
                planned.line
            ))),
        }
    }

    /// What the journal and CallRail say of a row before it is sent, as the row's end when it must
    /// not be sent: its own entry settled (done, or unknown still), and for a create, the same name
    /// made since the plan, by another run, a teammate or by hand. `None`: send it.
    pub(crate) async fn before_sending(
        &self,
        run: &BulkRun,
        store: &Arc<dyn Store>,
        row: &RunRow,
    ) -> CoreResult<Option<RowEnd>> {
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
        let client = self.connections.client(&run.connection_id)?;
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
        journal::rfc3339(planned - self.connections.tuning().check.clock_skew)
    }

    /// A disable whose pool was grown since the plan (journaled, even if CallRail does not show the
    /// new numbers yet) would release numbers nobody confirmed: it ends `changed`.
    async fn pool_grown_since(
        &self,
        run: &BulkRun,
        store: &Arc<dyn Store>,
        row: &RunRow,
    ) -> CoreResult<Option<RowEnd>> {
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
    pub(crate) async fn settle(&self, entry: JournalEntry) -> CoreResult<JournalEntry> {
        let tuning = self.connections.tuning();
        let Ok(client) = self.connections.client(&entry.connection_id) else {
            return Ok(entry);
        };
        if !entry.unresolved()
            || self
                .journal
                .in_flight(&entry, tuning.min_age, client.clock().now())
        {
            return Ok(entry);
        }
        let c = self.journal.reconcile(&client, &entry, &tuning).await?;
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

async fn every_company(client: &Client, account: &str) -> CoreResult<Vec<String>> {
    Ok(client
        .list_companies(account, Some(StatusFilter::Active))
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect())
}

/// Every tracker of the companies, with the swap targets a file carries.
async fn trackers_of(
    client: &Client,
    account: &str,
    companies: &[String],
) -> CoreResult<Vec<Tracker>> {
    let mut all = Vec::new();
    for company in companies {
        let query = TrackerQuery {
            fields: vec!["swap_targets".into()],
            ..TrackerQuery::company(company)
        };
        all.extend(client.list_all_trackers(account, &query).await?);
    }
    Ok(all)
}
