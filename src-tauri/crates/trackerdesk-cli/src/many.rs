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

    /// The plan of a trackers file; exit 2 when a row has an error.
    pub(crate) async fn bulk_plan(
        &self,
        file: &std::path::Path,
        allow_disable: bool,
        prices: bulk::Prices,
    ) -> Out {
        let bytes = std::fs::read(file)
            .map_err(|e| Failure::Input(format!("could not read {}: {e}", file.display())))?;
        let account = self.account().await?;
        let plan = self
            .desk
            .plan_bulk(&self.conn, &account, &bytes, allow_disable, prices)
            .await?;
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
}
