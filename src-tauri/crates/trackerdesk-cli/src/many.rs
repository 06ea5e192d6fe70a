//! The commands over many trackers, and the journal's: the trackers file out, a bulk plan, and the
//! changes whose outcome is still unknown.

use crate::output;
use crate::run::{Ctx, Out};
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

    /// The plan of a file, from the trackers CallRail has now.
    async fn plan_file(
        &self,
        file: &std::path::Path,
        allow_disable: bool,
        prices: bulk::Prices,
    ) -> Result<(String, bulk::Plan), Failure> {
        let bytes = std::fs::read(file)
            .map_err(|e| Failure::Input(format!("could not read {}: {e}", file.display())))?;
        let account = self.account().await?;
        let plan = self
            .desk
            .plan_bulk(&self.conn, &account, &bytes, allow_disable, prices)
            .await?;
        Ok((account, plan))
    }

    /// The plan of a trackers file; exit 2 when a row has an error.
    pub(crate) async fn bulk_plan(
        &self,
        file: &std::path::Path,
        allow_disable: bool,
        prices: bulk::Prices,
    ) -> Out {
        let (_, plan) = self.plan_file(file, allow_disable, prices).await?;
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

    /// Applies a trackers file row by row, each row through the journaled write path. A 429 pauses
    /// until CallRail allows requests again; it never fails a row.
    pub(crate) async fn bulk_apply(
        &self,
        file: &std::path::Path,
        allow_disable: bool,
        yes: bool,
    ) -> Out {
        let (account, plan) = self
            .plan_file(file, allow_disable, bulk::Prices::default())
            .await?;
        if plan.summary.errors > 0 {
            output::say(&output::plan(&plan));
            return Err(Failure::Input(format!(
                "{} row(s) have errors; nothing was sent",
                plan.summary.errors
            )));
        }
        let todo: Vec<&bulk::PlannedRow> = plan
            .rows
            .iter()
            .filter(|r| r.action != bulk::Action::Unchanged)
            .collect();
        if todo.is_empty() {
            return Ok("Nothing to do: the trackers already match the file.".into());
        }
        let s = &plan.summary;
        if !yes {
            output::say(&output::plan(&plan));
            return Err(Failure::NotConfirmed(format!(
                "nothing was changed; run again with --yes to buy {} and release {} number(s)",
                s.numbers_bought, s.numbers_released
            )));
        }
        let (mut done, mut not_done, mut unknown) = (0, 0, 0);
        for (i, row) in todo.iter().enumerate() {
            let result = loop {
                match self.desk.apply_planned(&self.conn, &account, row).await {
                    Err(desk_core::CoreError::Callrail(callrail::Error::RateLimited {
                        retry_after,
                        ..
                    })) => {
                        let wait = retry_after
                            .unwrap_or(std::time::Duration::from_secs(60))
                            .max(std::time::Duration::from_secs(1));
                        output::tell(&format!(
                            "paused: CallRail is limiting requests; going on in {} s",
                            wait.as_secs()
                        ));
                        tokio::time::sleep(wait).await;
                    }
                    other => break other,
                }
            };
            let (state, message) = match result {
                Ok(w) => {
                    done += 1;
                    ("done", w.outcome)
                }
                Err(desk_core::CoreError::Callrail(e)) if e.outcome_unknown() => {
                    unknown += 1;
                    ("unknown", e.to_string())
                }
                Err(e) => {
                    not_done += 1;
                    ("not done", e.to_string())
                }
            };
            let line = serde_json::json!({
                "line": row.line, "action": row.action, "tracker_id": row.tracker_id,
                "name": row.name, "result": state, "message": message,
            });
            if self.json {
                output::say(&line.to_string());
            } else {
                output::tell(&format!(
                    "[{}/{}] line {}: {:?} \"{}\": {state}: {message}",
                    i + 1,
                    todo.len(),
                    row.line,
                    row.action,
                    row.name
                ));
            }
        }
        let summary = format!(
            "{done} done, {not_done} not done, {unknown} with an unknown outcome, of {} row(s) to apply",
            todo.len()
        );
        if unknown > 0 {
            return Err(Failure::Unknown(format!(
                "{summary}; apply the file again later: rows whose outcome is settled are not sent twice"
            )));
        }
        if not_done > 0 {
            return Err(Failure::Remote(format!(
                "{summary}; apply the file again to do what is left"
            )));
        }
        Ok(if self.json { String::new() } else { summary })
    }
}
