//! Bulk runs on the desk: the desk lends the bulk workflow (`bulk-runs`) its journaled writes,
//! clients and journal ([`Host`]), and offers the workflow's operations to both shells.

use super::writes::PlannedRelease;
use super::Desk;
use crate::ledger::{self, Spend};
use crate::quota::{Governor, QuotaView};
use crate::runs::{BulkRun, RunRow};
use crate::{CoreError, CoreResult};
use bulk_runs::{
    FilePlan, Host, PlanSource, RunControl, RunEvent, RunView, Runner, SelectionChange, Sent,
    Trouble,
};
use journal::{Journal, Tuning};

#[async_trait::async_trait]
impl Host for Desk {
    type Error = CoreError;

    fn client(&self, connection: &str) -> CoreResult<callrail::Client> {
        self.connections.client(connection)
    }

    fn tuning(&self) -> Tuning {
        self.connections.tuning()
    }

    fn governor(&self, connection: &str) -> Governor {
        self.connections.governor(connection)
    }

    fn journal(&self) -> &Journal {
        &self.journal
    }

    fn trouble(e: &CoreError) -> Trouble {
        use callrail::Error as E;
        match e {
            CoreError::Callrail(e) if e.outcome_unknown() => Trouble::Unknown,
            CoreError::Callrail(E::RateLimited { retry_after, .. }) => {
                Trouble::RateLimited(*retry_after)
            }
            CoreError::ChangedSincePlan(m) => Trouble::ChangedSincePlan(m.clone()),
            CoreError::Callrail(E::NotCarriedOut { .. }) => Trouble::NotCarriedOut,
            CoreError::Callrail(
                E::Network { .. } | E::Timeout | E::Server { .. } | E::Unauthorized,
            )
            | CoreError::Secrets(_)
            | CoreError::Storage(_)
            | CoreError::UnknownConnection(_) => Trouble::Stop,
            _ => Trouble::NotDone,
        }
    }

    async fn send_row(&self, run: &BulkRun, row: &RunRow, entry: &str) -> CoreResult<Sent> {
        let (connection, account) = (run.connection_id.as_str(), run.account_id.as_str());
        let (planned, work) = (&row.planned, &row.work);
        let id = planned.tracker_id.as_deref().unwrap_or_default();
        let written = match (planned.action, &work.form, &work.changes) {
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
        }?;
        Ok(Sent {
            tracker_id: written.tracker.id,
            outcome: written.outcome,
            warnings: written.warnings,
        })
    }
}

impl Desk {
    fn runner(&self) -> Runner<'_, Desk> {
        Runner::new(self, &self.plans)
    }

    /// The trackers of `companies` (every company of the account when empty), active and disabled,
    /// as a trackers file.
    pub async fn export_trackers(
        &self,
        connection: &str,
        account: &str,
        companies: &[String],
    ) -> CoreResult<Vec<u8>> {
        ledger::on(
            Spend::Bulk,
            self.runner()
                .export_trackers(connection, account, companies),
        )
        .await
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
        ledger::on(
            Spend::Bulk,
            self.runner()
                .plan_bulk(connection, account, bytes, allow_disable, prices),
        )
        .await
    }

    /// Plans `source` and holds it, to be planned again or applied by its id.
    pub async fn plan(
        &self,
        connection: &str,
        account: &str,
        source: PlanSource,
        allow_disable: bool,
        prices: bulk::Prices,
    ) -> CoreResult<FilePlan> {
        ledger::on(
            Spend::Bulk,
            self.runner()
                .plan(connection, account, source, allow_disable, prices),
        )
        .await
    }

    /// Plans a held plan again (the file fixed, other prices, disables allowed or not).
    pub async fn replan(
        &self,
        plan_id: &str,
        allow_disable: bool,
        prices: bulk::Prices,
    ) -> CoreResult<FilePlan> {
        ledger::on(
            Spend::Bulk,
            self.runner().replan(plan_id, allow_disable, prices),
        )
        .await
    }

    /// Plans the held plan again now and, when it has no error and buys and releases exactly the
    /// numbers confirmed, writes it as a run (nothing is sent yet: see [`Desk::drive_run`]).
    pub async fn apply_plan(
        &self,
        plan_id: &str,
        confirm_bought: u32,
        confirm_released: u32,
    ) -> CoreResult<(FilePlan, BulkRun)> {
        ledger::on(
            Spend::Bulk,
            self.runner()
                .apply_plan(plan_id, confirm_bought, confirm_released),
        )
        .await
    }

    /// The plan of one change to the trackers `ids` of `company`, planned, applied and journaled
    /// like a file.
    pub async fn plan_selection(
        &self,
        connection: &str,
        account: &str,
        company: &str,
        ids: &[String],
        change: &SelectionChange,
        prices: bulk::Prices,
    ) -> CoreResult<bulk::Plan> {
        ledger::on(
            Spend::Bulk,
            self.runner()
                .plan_selection(connection, account, company, ids, change, prices),
        )
        .await
    }

    /// Writes `plan` as a run (its rows that change something), durably, before anything is sent.
    pub async fn start_run(
        &self,
        connection: &str,
        account: &str,
        source: &str,
        plan: &bulk::Plan,
        allow_disable: bool,
    ) -> CoreResult<BulkRun> {
        ledger::on(
            Spend::Bulk,
            self.runner()
                .start_run(connection, account, source, plan, allow_disable),
        )
        .await
    }

    /// Applies a run's open rows, reporting each through `on`, until every row was tried or
    /// `control` asks it to stop.
    pub async fn drive_run(
        &self,
        run_id: &str,
        control: &RunControl,
        on: &(dyn Fn(RunEvent) + Send + Sync),
    ) -> CoreResult<RunView> {
        ledger::on(Spend::Bulk, self.runner().drive_run(run_id, control, on)).await
    }

    /// The newest runs, with how their rows stand.
    pub async fn runs(&self, limit: u32) -> CoreResult<Vec<RunView>> {
        self.runner().runs(limit).await
    }

    /// A run's rows, as their journal entries tell them.
    pub async fn run_rows(&self, run_id: &str) -> CoreResult<Vec<RunRow>> {
        self.runner().run_rows(run_id).await
    }

    /// Runs a crash or a pause left with something to do, that no process is applying now.
    pub async fn open_runs(&self) -> CoreResult<Vec<RunView>> {
        self.runner().open_runs().await
    }

    /// What is left of an account's requests this hour and today.
    pub async fn quota(&self, connection: &str, account: &str) -> CoreResult<QuotaView> {
        self.runner().quota(connection, account).await
    }

    /// A run's rows and how each ended, as a spreadsheet-safe CSV file.
    pub async fn run_results_csv(&self, run_id: &str) -> CoreResult<Vec<u8>> {
        self.runner().run_results_csv(run_id).await
    }
}
