//! The bulk workflow both shells share: a plan made from a trackers file or from trackers ticked in
//! the table is held here by its id; applying it plans it again from the file and CallRail as they
//! are now, refuses it when it has errors or when it buys or releases other numbers than the
//! person confirmed, and only then writes it as a run.

use super::{Desk, SelectionChange};
use crate::runs::BulkRun;
use crate::{CoreError, CoreResult};
use serde::Serialize;

/// Where a plan comes from, to plan it again.
#[derive(Debug, Clone)]
pub enum PlanSource {
    /// A trackers file, read again each time it is planned (the person may have fixed it).
    File { path: std::path::PathBuf },
    /// One change to trackers ticked in the table.
    Selection {
        company_id: String,
        ids: Vec<String>,
        change: SelectionChange,
    },
}

/// A plan as the Bulk screen and the command line show it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FilePlan {
    /// What applying it names.
    pub id: String,
    /// The file's name, or what was asked of the selected trackers.
    pub file_name: String,
    /// Whether rows may disable trackers (always, for "Disable N…").
    pub allow_disable: bool,
    pub plan: bulk::Plan,
}

/// What a held plan was made from.
#[derive(Debug, Clone)]
pub(super) struct Held {
    connection: String,
    account: String,
    source: PlanSource,
    allow_disable: bool,
    prices: bulk::Prices,
    /// The plan as last made, and when.
    last: Option<(FilePlan, std::time::Instant)>,
}

/// Plans held at once; the oldest goes first.
const HELD_PLANS: usize = 8;

/// A plan made this recently is what applying it would plan again (the command line's `--yes`
/// applies the plan it has just made); an older one is planned again.
const FRESH: std::time::Duration = std::time::Duration::from_secs(5);

impl Desk {
    /// Plans `source` and holds it, to be planned again or applied by its id.
    pub async fn plan(
        &self,
        connection: &str,
        account: &str,
        source: PlanSource,
        allow_disable: bool,
        prices: bulk::Prices,
    ) -> CoreResult<FilePlan> {
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
    ) -> CoreResult<FilePlan> {
        let mut held = self.held(plan_id)?;
        held.allow_disable = allow_disable;
        held.prices = prices;
        let plan = self.plan_held(plan_id, &held).await?;
        held.last = Some((plan.clone(), std::time::Instant::now()));
        self.keep(plan_id, held);
        Ok(plan)
    }

    /// Plans the held plan again now and, when it has no error and buys and releases exactly the
    /// numbers confirmed, writes it as a run (nothing is sent yet: see [`Desk::drive_run`]).
    pub async fn apply_plan(
        &self,
        plan_id: &str,
        confirm_bought: u32,
        confirm_released: u32,
    ) -> CoreResult<(FilePlan, BulkRun)> {
        let held = self.held(plan_id)?;
        let now = match &held.last {
            Some((plan, at)) if at.elapsed() < FRESH => plan.clone(),
            _ => self.plan_held(plan_id, &held).await?,
        };
        let s = &now.plan.summary;
        if s.errors > 0 {
            return Err(CoreError::Refused(format!(
                "planned again just now, {} row(s) have errors; nothing was sent: see the plan",
                s.errors
            )));
        }
        if s.create + s.update + s.disable == 0 {
            return Err(CoreError::Refused(
                "nothing to do: the trackers already match the plan".into(),
            ));
        }
        if confirm_bought != s.numbers_bought || confirm_released != s.numbers_released {
            return Err(CoreError::ConfirmationRequired {
                numbers: s.numbers_bought,
                message: format!(
                    "planned again just now, it buys {} and releases {} number(s); confirm those to apply it",
                    s.numbers_bought, s.numbers_released
                ),
            });
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
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .retain(|(id, _)| id != plan_id);
        Ok((now, run))
    }

    fn held(&self, plan_id: &str) -> CoreResult<Held> {
        self.plans
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .find(|(id, _)| id == plan_id)
            .map(|(_, h)| h.clone())
            .ok_or_else(|| CoreError::Refused("open a trackers file and see its plan first".into()))
    }

    fn keep(&self, plan_id: &str, held: Held) {
        if let Some(slot) = self
            .plans
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter_mut()
            .find(|(id, _)| id == plan_id)
        {
            slot.1 = held;
        }
    }

    async fn plan_held(&self, id: &str, h: &Held) -> CoreResult<FilePlan> {
        let (file_name, allow_disable, plan) = match &h.source {
            PlanSource::File { path } => {
                let bytes = bulk::read_path(path).map_err(|e| {
                    CoreError::Refused(format!("could not read {}: {e}", path.display()))
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
