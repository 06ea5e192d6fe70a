//! Bulk work on the desk: a company's trackers as a file, the plan of applying a file (a dry run:
//! it reads trackers and writes nothing), and one planned row applied through the journaled writes.

use super::{Desk, Written};
use crate::{CoreError, CoreResult};
use callrail::{Client, RuleViolation, StatusFilter, Tracker, TrackerQuery};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::{BTreeSet, HashSet};

/// One change to many trackers at once, chosen in the trackers table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
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

    /// Applies one planned row through the journaled write path (create, edit or disable), with the
    /// numbers the plan priced as the confirmed count. If CallRail changed since the plan, the row
    /// is refused with what changed, and nothing is forced.
    pub(crate) async fn apply_planned(
        &self,
        connection: &str,
        account: &str,
        row: &bulk::PlannedRow,
        work: &bulk::Work,
    ) -> CoreResult<Written> {
        let id = row.tracker_id.as_deref().unwrap_or_default();
        match (row.action, &work.form, &work.changes) {
            (bulk::Action::Create, Some(form), _) => {
                self.create_as(
                    connection,
                    account,
                    form,
                    row.numbers_bought,
                    crate::trackers::Create::Planned,
                )
                .await
            }
            (bulk::Action::Update, _, Some(changes)) => {
                self.update_against(
                    connection,
                    account,
                    id,
                    changes,
                    row.numbers_bought,
                    work.basis.as_ref(),
                )
                .await
            }
            (bulk::Action::Disable, _, _) => {
                let name = work.current_name.as_deref().unwrap_or_default();
                match self.disable_tracker(connection, account, id, name).await {
                    Err(CoreError::ConfirmationRequired { .. }) => {
                        Err(CoreError::ChangedSincePlan(
                            "the tracker was renamed in CallRail since the plan; nothing was sent: plan again".into(),
                        ))
                    }
                    other => other,
                }
            }
            _ => Err(CoreError::Storage(format!(
                "line {} has nothing to apply",
                row.line
            ))),
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
