//! The commands over many trackers, and the journal's: the trackers file out, a bulk plan, and the
//! changes whose outcome is still unknown.

use crate::commands::{Ctx, Out};
use crate::output;
use crate::Failure;

impl Ctx {
    /// The trackers file, byte for byte, on standard output.
    pub(crate) async fn export(&self, companies: &[String]) -> Out {
        let account = self.account().await?;
        let bytes = self
            .desk
            .export_trackers(&self.conn, &account, companies)
            .await?;
        std::io::Write::write_all(&mut std::io::stdout(), &bytes)
            .map_err(|e| Failure::Remote(format!("could not write the file: {e}")))?;
        Ok(String::new())
    }

    /// The plan of a file, from the trackers CallRail has now, held by the desk to be applied.
    async fn plan_file(
        &self,
        file: &std::path::Path,
        allow_disable: bool,
        prices: bulk::Prices,
    ) -> Result<desk_core::FilePlan, Failure> {
        let account = self.account().await?;
        Ok(self
            .desk
            .plan(
                &self.conn,
                &account,
                desk_core::PlanSource::File {
                    path: file.to_owned(),
                },
                allow_disable,
                prices,
            )
            .await?)
    }

    /// The plan of a trackers file; exit 2 when a row has an error.
    pub(crate) async fn bulk_plan(
        &self,
        file: &std::path::Path,
        allow_disable: bool,
        prices: bulk::Prices,
    ) -> Out {
        let plan = self.plan_file(file, allow_disable, prices).await?.plan;
        let shown = if self.json {
            output::json(&plan)
        } else {
            output::plan(&plan)
        };
        if plan.summary.errors > 0 {
            output::say(&shown);
            return Err(Failure::Input(format!(
                "{} row(s) have errors; nothing was sent",
                plan.summary.errors
            )));
        }
        Ok(shown)
    }

    /// The changes still unknown after the start-up check; exit 4 while there are any.
    pub(crate) async fn journal_check(&self) -> Out {
        let open = self.desk.unresolved_changes().await?;
        if open.is_empty() {
            return Ok("No change has an unknown outcome.".into());
        }
        let lines: Vec<String> = open
            .iter()
            .map(|e| {
                format!(
                    "{} {} \"{}\" begun {} by {}: {}",
                    e.state.as_str(),
                    e.operation.as_str(),
                    e.tracker_name,
                    e.created_at,
                    e.person,
                    e.outcome
                        .as_deref()
                        .unwrap_or("in progress, or interrupted")
                )
            })
            .collect();
        output::say(&lines.join("\n"));
        Err(Failure::Unknown(format!(
            "{} change(s) have no known outcome yet; look in CallRail, or run this again later",
            open.len()
        )))
    }

    /// Plans a trackers file, writes the plan as a run in the journal store, and applies it row by
    /// row (see [`Ctx::drive`]).
    pub(crate) async fn bulk_apply(
        &self,
        file: &std::path::Path,
        allow_disable: bool,
        yes: bool,
    ) -> Out {
        let held = self
            .plan_file(file, allow_disable, bulk::Prices::default())
            .await?;
        let (plan, s) = (&held.plan, &held.plan.summary);
        if s.errors > 0 {
            output::say(&output::plan(plan));
            return Err(Failure::Input(format!(
                "{} row(s) have errors; nothing was sent",
                s.errors
            )));
        }
        if s.create + s.update + s.disable == 0 {
            return Ok("Nothing to do: the trackers already match the file.".into());
        }
        if !yes {
            output::say(&output::plan(plan));
            return Err(Failure::NotConfirmed(format!(
                "nothing was changed; run again with --yes to buy {} and release {} number(s)",
                s.numbers_bought, s.numbers_released
            )));
        }
        // `--yes` confirms what the plan just shown buys and releases.
        let (_, run) = self
            .desk
            .apply_plan(&held.id, s.numbers_bought, s.numbers_released)
            .await?;
        output::tell(&format!(
            "bulk run {} begun: {} row(s) to apply; if it is interrupted, `trackerdesk bulk resume` goes on from where it stopped",
            run.id, run.rows
        ));
        self.drive(&run.id).await
    }

    /// Goes on with the runs a crash or a pause left unfinished (or the one named): rows whose
    /// outcome is unknown are checked first, then the rest are sent.
    pub(crate) async fn bulk_resume(&self, run_id: Option<&str>) -> Out {
        let open = self.desk.open_runs().await?;
        let ids: Vec<String> = match run_id {
            Some(id) => vec![id.to_owned()],
            None => open.iter().map(|v| v.run.id.clone()).collect(),
        };
        if ids.is_empty() {
            return Ok("No bulk run has anything left to do.".into());
        }
        let mut last = Ok(String::new());
        for id in ids {
            output::tell(&format!("resuming bulk run {id}"));
            last = self.drive(&id).await;
            if matches!(last, Err(Failure::Remote(_) | Failure::Input(_))) {
                break;
            }
        }
        last
    }

    /// Applies a run's open rows, with a progress bar on a terminal, or (with --json) one line per
    /// row as it ends. Waiting on CallRail's limits is said, with the time it goes on; nothing
    /// fails a row for it.
    async fn drive(&self, run_id: &str) -> Out {
        let json = self.json;
        let bar = std::sync::Mutex::new(None::<output::Progress>);
        let on = |event: desk_core::RunEvent| {
            let mut bar = bar
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            match event {
                desk_core::RunEvent::Started { run, counts } => {
                    *bar = Some(output::Progress::new(run.rows, counts.settled()));
                }
                desk_core::RunEvent::Row { row, counts } => {
                    if json {
                        output::say(&serde_json::json!({
                            "run": row.run_id, "line": row.planned.line, "action": row.planned.action,
                            "tracker_id": row.tracker_id, "name": row.planned.name,
                            "result": row.state, "message": row.message,
                        }).to_string());
                    }
                    if let Some(bar) = bar.as_ref() {
                        bar.show(counts.settled(), &row.planned.name);
                    }
                }
                desk_core::RunEvent::Waiting {
                    until,
                    reason,
                    seconds,
                } => {
                    if let Some(bar) = bar.as_ref() {
                        bar.finish();
                    }
                    if json {
                        output::say(&serde_json::json!({"waiting_until": until, "seconds": seconds, "reason": reason}).to_string());
                    } else {
                        output::tell(&format!(
                            "paused: {reason}; going on at {until} (in {})",
                            output::duration(f64::from(seconds))
                        ));
                    }
                }
                desk_core::RunEvent::Stopped { .. } => {
                    if let Some(bar) = bar.as_ref() {
                        bar.finish();
                    }
                }
            }
        };
        let control = desk_core::RunControl::default();
        let view = self.desk.drive_run(run_id, &control, &on).await?;
        let c = &view.counts;
        let summary = format!(
            "bulk run {}: {} done, {} not done, {} changed in CallRail since the plan, {} with an unknown outcome, {} not sent, of {} row(s)",
            view.run.id, c.done, c.not_done, c.changed, c.unknown, c.pending + c.cancelled, view.run.rows
        );
        if let Some(reason) = &view.run.reason {
            return Err(Failure::Remote(format!("{summary}; {reason}")));
        }
        if c.unknown > 0 {
            return Err(Failure::Unknown(format!(
                "{summary}; run `trackerdesk bulk resume` later: rows whose outcome is unknown are checked, never sent twice"
            )));
        }
        if c.not_done + c.changed > 0 {
            return Err(Failure::Remote(format!(
                "{summary}; plan the file again to see what is left"
            )));
        }
        Ok(if self.json { String::new() } else { summary })
    }
}
