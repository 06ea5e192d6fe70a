//! Making a plan (a dry run: it reads trackers and writes nothing) of a trackers file or of one
//! change to trackers ticked in the table, holding it by its id, and applying it: planned again from
//! the file and CallRail as they are now, refused when it has errors or buys or releases other
//! numbers than the person confirmed, and only then written as a run. Also a company's trackers as
//! a file.

use crate::error::RunError;
use crate::held::{FilePlan, Held, PlanSource, FRESH, HELD_PLANS};
use crate::host::{Host, Runner};
use crate::selection::SelectionChange;
use callrail::{Client, RuleViolation, StatusFilter, Tracker, TrackerQuery};
use journal::runs::BulkRun;
use std::collections::{BTreeSet, HashSet};

impl<H: Host> Runner<'_, H> {
    /// The trackers of `companies` (every company of the account when empty), active and disabled,
    /// as a trackers file.
    pub async fn export_trackers(
        &self,
        connection: &str,
        account: &str,
        companies: &[String],
    ) -> Result<Vec<u8>, H::Error> {
        let client = self.host.client(connection)?;
        let companies = if companies.is_empty() {
            every_company(&client, account).await?
        } else {
            companies.to_vec()
        };
        let trackers = trackers_of(&client, account, &companies).await?;
        bulk::write(&trackers).map_err(|e| {
            H::Error::from(RunError::Storage(format!(
                "could not write the trackers file: {e}"
            )))
        })
    }

    /// What applying the trackers file `bytes` would do, row by row; nothing is sent.
    pub async fn plan_bulk(
        &self,
        connection: &str,
        account: &str,
        bytes: &[u8],
        allow_disable: bool,
        prices: bulk::Prices,
    ) -> Result<bulk::Plan, H::Error> {
        let rows = bulk::read(bytes).map_err(|e| RuleViolation::new("file", e.to_string()))?;
        let client = self.host.client(connection)?;
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
    ) -> Result<bulk::Plan, H::Error> {
        if ids.is_empty() {
            return Err(RuleViolation::new("selection", "select at least one tracker").into());
        }
        let client = self.host.client(connection)?;
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
    ) -> Result<(), H::Error> {
        let quota = self.quota(connection, account).await?;
        plan.summary.at_quota(
            quota.bulk_hour_limit.saturating_sub(quota.hour_used),
            quota.bulk_hour_limit,
        );
        Ok(())
    }

    /// Plans `source` and holds it, to be planned again or applied by its id.
    pub async fn plan(
        &self,
        connection: &str,
        account: &str,
        source: PlanSource,
        allow_disable: bool,
        prices: bulk::Prices,
    ) -> Result<FilePlan, H::Error> {
        let mut held = Held {
            connection: connection.to_owned(),
            account: account.to_owned(),
            source,
            allow_disable,
            prices,
            last: None,
        };
        let id = format!("plan-{:016x}", fastrand::u64(..));
        let plan = self.plan_held(&id, &held).await?;
        held.last = Some((plan.clone(), std::time::Instant::now()));
        let mut plans = self
            .plans
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        plans.push((id, held));
        let excess = plans.len().saturating_sub(HELD_PLANS);
        plans.drain(..excess);
        Ok(plan)
    }

    /// Plans a held plan again (the file fixed, other prices, disables allowed or not).
    pub async fn replan(
        &self,
        plan_id: &str,
        allow_disable: bool,
        prices: bulk::Prices,
    ) -> Result<FilePlan, H::Error> {
        let mut held = self.held(plan_id)?;
        held.allow_disable = allow_disable;
        held.prices = prices;
        let plan = self.plan_held(plan_id, &held).await?;
        held.last = Some((plan.clone(), std::time::Instant::now()));
        self.keep(plan_id, held);
        Ok(plan)
    }

    /// Plans the held plan again now and, when it has no error and buys and releases exactly the
    /// numbers confirmed, writes it as a run (nothing is sent yet: see [`Runner::drive_run`]).
    pub async fn apply_plan(
        &self,
        plan_id: &str,
        confirm_bought: u32,
        confirm_released: u32,
    ) -> Result<(FilePlan, BulkRun), H::Error> {
        let held = self.held(plan_id)?;
        let now = match &held.last {
            Some((plan, at)) if at.elapsed() < FRESH => plan.clone(),
            _ => self.plan_held(plan_id, &held).await?,
        };
        let s = &now.plan.summary;
        if s.errors > 0 {
            return Err(H::Error::from(RunError::Refused(format!(
                "planned again just now, {} row(s) have errors; nothing was sent: see the plan",
                s.errors
            ))));
        }
        if s.create + s.update + s.disable == 0 {
            return Err(H::Error::from(RunError::Refused(
                "nothing to do: the trackers already match the plan".into(),
            )));
        }
        if confirm_bought != s.numbers_bought || confirm_released != s.numbers_released {
            return Err(H::Error::from(RunError::ConfirmationRequired {
                numbers: s.numbers_bought,
                message: format!(
                    "planned again just now, it buys {} and releases {} number(s); confirm those to apply it",
                    s.numbers_bought, s.numbers_released
                ),
            }));
        }
        let run = self
            .start_run(
                &held.connection,
                &held.account,
                &now.file_name,
                &now.plan,
                now.allow_disable,
            )
            .await?;
        self.plans
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .retain(|(id, _)| id != plan_id);
        Ok((now, run))
    }

    fn held(&self, plan_id: &str) -> Result<Held, H::Error> {
        self.plans
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .find(|(id, _)| id == plan_id)
            .map(|(_, h)| h.clone())
            .ok_or_else(|| {
                H::Error::from(RunError::Refused(
                    "open a trackers file and see its plan first".into(),
                ))
            })
    }

    fn keep(&self, plan_id: &str, held: Held) {
        if let Some(slot) = self
            .plans
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter_mut()
            .find(|(id, _)| id == plan_id)
        {
            slot.1 = held;
        }
    }

    async fn plan_held(&self, id: &str, h: &Held) -> Result<FilePlan, H::Error> {
        let (file_name, allow_disable, plan) = match &h.source {
            PlanSource::File { path } => {
                let bytes = bulk::read_path(path).map_err(|e| {
                    H::Error::from(RunError::Refused(format!(
                        "could not read {}: {e}",
                        path.display()
                    )))
                })?;
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let plan = self
                    .plan_bulk(&h.connection, &h.account, &bytes, h.allow_disable, h.prices)
                    .await?;
                (name, h.allow_disable, plan)
            }
            PlanSource::Selection {
                company_id,
                ids,
                change,
            } => (
                change.describe(ids.len()),
                *change == SelectionChange::Disable,
                self.plan_selection(&h.connection, &h.account, company_id, ids, change, h.prices)
                    .await?,
            ),
        };
        Ok(FilePlan {
            id: id.to_owned(),
            file_name,
            allow_disable,
            plan,
        })
    }
}

async fn every_company(client: &Client, account: &str) -> callrail::Result<Vec<String>> {
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
) -> callrail::Result<Vec<Tracker>> {
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
