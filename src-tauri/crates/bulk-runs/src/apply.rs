//! Applying a run: its open rows one at a time through the journaled writes, unknown ones first,
//! within the quota governor's share for bulk work; waiting out CallRail's limits, retrying what was
//! proven not made, and pausing or cancelling between rows. A row left unknown is checked once more
//! after the settling time.

use crate::error::Trouble;
use crate::host::{Host, Runner, Sent};
use crate::lease::Lease;
use crate::view::{RunControl, RunEvent, RunView, CANCEL, GO, PAUSE};
use journal::runs::{BulkRun, RowState, RunCounts, RunState};
use journal::store::Store;
use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

/// How often a row that CallRail failed to make is sent again before the run pauses.
const MAX_RETRIES: u32 = 3;

/// How one attempt at a row ended.
enum Attempt {
    Ended(RowState, String, Option<String>),
    /// Not sent: wait this long, then try the row again.
    Wait(Duration, String),
    /// Not made, after a failure CallRail may get over: try the row again shortly.
    Retry(String),
    /// Not sent, and the run cannot go on now (CallRail unreachable, the key refused).
    Stop(String),
}

fn classify<H: Host>(result: Result<Sent, H::Error>) -> Attempt {
    let e = match result {
        Ok(sent) => {
            let mut message = sent.outcome;
            for warning in sent.warnings {
                message.push_str("; ");
                message.push_str(&warning);
            }
            return Attempt::Ended(RowState::Done, message, Some(sent.tracker_id));
        }
        Err(e) => e,
    };
    match H::trouble(&e) {
        Trouble::Unknown => Attempt::Ended(RowState::Unknown, e.to_string(), None),
        Trouble::RateLimited(retry_after) => Attempt::Wait(
            retry_after.unwrap_or(Duration::from_secs(60)),
            "CallRail is limiting requests".into(),
        ),
        Trouble::ChangedSincePlan(m) => Attempt::Ended(RowState::Changed, m, None),
        // Proven not made (CallRail failed, and the check found nothing changed): sent again.
        Trouble::NotCarriedOut => Attempt::Retry(e.to_string()),
        Trouble::Stop => Attempt::Stop(e.to_string()),
        Trouble::NotDone => Attempt::Ended(RowState::NotDone, e.to_string(), None),
    }
}

/// Requests a row spends: a read and a write (a create reads the company's trackers for its
/// name just before it is sent; an edit or a disable reads the tracker).
const REQUESTS_PER_ROW: u32 = 2;

impl<H: Host> Runner<'_, H> {
    /// Applies a run's open rows (unknown ones first, so they are settled before anything new is
    /// sent), reporting each through `on`, until every row was tried or `control` asks it to stop.
    /// Cancelling leaves unsent rows unsent; rows whose outcome is unknown stay so until resumed.
    pub async fn drive_run(
        &self,
        run_id: &str,
        control: &RunControl,
        on: &(dyn Fn(RunEvent) + Send + Sync),
    ) -> Result<RunView, H::Error> {
        let (mut run, store) = self.find_run(run_id).await?;
        let lease = Lease::take(self, &store, run_id).await?;
        let result = lease
            .hold_while(self.drive_leased(&mut run, &store, control, &lease, on))
            .await;
        lease.release().await;
        result
    }

    async fn drive_leased(
        &self,
        run: &mut BulkRun,
        store: &Arc<dyn Store>,
        control: &RunControl,
        lease: &Lease,
        on: &(dyn Fn(RunEvent) + Send + Sync),
    ) -> Result<RunView, H::Error> {
        let run_id = run.id.clone();
        let mut rows = self
            .followed(store, run, store.run_rows(&run_id).await?)
            .await?;
        if run.state == RunState::Cancelled {
            return Ok(RunView {
                counts: RunCounts::of(&rows),
                run: run.clone(),
                active: false,
                applied_by: None,
            });
        }
        run.state = RunState::Running;
        run.reason = None;
        run.updated_at = journal::now_rfc3339();
        store.update_run(run).await?;
        on(RunEvent::Started {
            run: run.clone(),
            counts: RunCounts::of(&rows),
        });
        let governor = self.host.governor(&run.connection_id);
        // Rows a crash left unknown go first. A row whose outcome is unknown (left so by a crash,
        // or by an answer lost now) may be younger than the time CallRail takes to show a new
        // tracker: it is checked once more when that time has passed, after the other rows.
        let mut order: VecDeque<(usize, Option<tokio::time::Instant>)> = (0..rows.len())
            .filter(|&i| rows[i].state == RowState::Unknown)
            .map(|i| (i, None))
            .collect();
        order.extend(
            (0..rows.len())
                .filter(|&i| rows[i].state == RowState::Pending)
                .map(|i| (i, None)),
        );
        let settle = self.host.tuning().settle;
        let mut stopped = None;
        'rows: while let Some((i, not_before)) = order.pop_front() {
            if let Some(at) = not_before {
                let reason = format!(
                    "line {} has an unknown outcome; CallRail can take a while to show a new tracker, so it is checked again then",
                    rows[i].planned.line
                );
                wait_out(
                    at.saturating_duration_since(tokio::time::Instant::now()),
                    reason,
                    control,
                    on,
                )
                .await;
                if control.asked() != GO {
                    order.push_front((i, None));
                    continue;
                }
            }
            let mut retries = 0u32;
            loop {
                if lease.lost() {
                    stopped = Some((
                        RunState::Paused,
                        "paused: this desk could not keep the run's lease in the journal store; resume to go on".to_owned(),
                    ));
                    break 'rows;
                }
                match control.asked() {
                    PAUSE => {
                        stopped = Some((RunState::Paused, "paused".to_owned()));
                        break 'rows;
                    }
                    CANCEL => {
                        stopped = Some((RunState::Cancelled, "cancelled".to_owned()));
                        break 'rows;
                    }
                    _ => {}
                }
                let wait = match governor
                    .bulk_wait(&run.account_id, REQUESTS_PER_ROW)
                    .await?
                {
                    Some(wait) => Some((
                        wait,
                        "the bulk share of this hour's (or today's) CallRail requests is spent"
                            .to_owned(),
                    )),
                    None => {
                        let attempt = match self.before_sending(run, store, &rows[i]).await {
                            Ok(Some(end)) => Attempt::Ended(end.state, end.message, end.tracker_id),
                            Ok(None) => {
                                // The row names its entry before the entry is written and the
                                // request leaves: whatever settles the entry settles the row.
                                let entry = journal::new_entry_id();
                                rows[i].entry_id = Some(entry.clone());
                                match store.update_run_row(&rows[i]).await {
                                    Ok(()) => classify::<H>(
                                        self.host.send_row(run, &rows[i], &entry).await,
                                    ),
                                    Err(e) => Attempt::Stop(format!(
                                        "the run could not be recorded ({e})"
                                    )),
                                }
                            }
                            Err(e) => Attempt::Stop(e.to_string()),
                        };
                        match attempt {
                            Attempt::Ended(state, message, tracker) => {
                                if state == RowState::Unknown && not_before.is_none() {
                                    order
                                        .push_back((i, Some(tokio::time::Instant::now() + settle)));
                                }
                                let row = &mut rows[i];
                                row.state = state;
                                row.message = Some(message);
                                row.tracker_id = tracker.or(row.tracker_id.take());
                                row.finished_at = Some(journal::now_rfc3339());
                                // CallRail's answer stands whatever the run's record manages
                                // (the change's own journal entry holds it too); without a record
                                // the run sends nothing more.
                                let recorded = store.update_run_row(row).await;
                                if let Err(e) = &recorded {
                                    let m = row.message.get_or_insert_with(String::new);
                                    m.push_str(&format!("; the run could not record this ({e})"));
                                }
                                on(RunEvent::Row {
                                    row: Box::new(row.clone()),
                                    counts: RunCounts::of(&rows),
                                });
                                if let Err(e) = recorded {
                                    stopped = Some((
                                        RunState::Paused,
                                        format!("paused: the run could not be recorded ({e}); resume once the journal store works"),
                                    ));
                                    break 'rows;
                                }
                                continue 'rows;
                            }
                            Attempt::Wait(wait, why) => Some((wait, why)),
                            Attempt::Retry(why) if retries < MAX_RETRIES => {
                                retries += 1;
                                Some((
                                    Duration::from_secs(2u64.pow(retries)),
                                    format!(
                                        "line {} was not made ({why}); trying it again",
                                        rows[i].planned.line
                                    ),
                                ))
                            }
                            Attempt::Retry(why) => {
                                stopped = Some((
                                    RunState::Paused,
                                    format!(
                                        "paused: line {} failed {} times ({why}); resume to go on",
                                        rows[i].planned.line,
                                        retries + 1
                                    ),
                                ));
                                break 'rows;
                            }
                            Attempt::Stop(why) => {
                                stopped = Some((
                                    RunState::Paused,
                                    format!("paused: {why}; resume to go on"),
                                ));
                                break 'rows;
                            }
                        }
                    }
                };
                if let Some((wait, reason)) = wait {
                    wait_out(wait, reason, control, on).await;
                }
            }
        }
        let (state, reason) = stopped.unwrap_or((RunState::Finished, String::new()));
        if state == RunState::Cancelled {
            for row in rows.iter_mut().filter(|r| r.state == RowState::Pending) {
                row.state = RowState::Cancelled;
                row.message = Some("cancelled before it was sent".into());
                row.finished_at = Some(journal::now_rfc3339());
            }
        }
        let mut reason = reason;
        for row in rows.iter().filter(|r| r.state == RowState::Cancelled) {
            if let Err(e) = store.update_run_row(row).await {
                reason = format!("{reason}; cancelled rows could not be recorded ({e})");
                break;
            }
        }
        run.state = state;
        run.reason = Some(reason).filter(|r| !r.is_empty());
        run.updated_at = journal::now_rfc3339();
        if let Err(e) = store.update_run(run).await {
            // The rows' outcomes were told already; the run's own state is a warning.
            let note = format!("where the run stands could not be recorded ({e})");
            run.reason = Some(match run.reason.take() {
                Some(r) => format!("{r}; {note}"),
                None => note,
            });
        }
        let counts = RunCounts::of(&rows);
        on(RunEvent::Stopped {
            run: run.clone(),
            counts: counts.clone(),
        });
        Ok(RunView {
            run: run.clone(),
            counts,
            active: false,
            applied_by: None,
        })
    }
}

/// Says how long the run waits and why, then waits, in short steps so that a pause or a cancel is
/// heard at once.
async fn wait_out(
    wait: Duration,
    reason: String,
    control: &RunControl,
    on: &(dyn Fn(RunEvent) + Send + Sync),
) {
    let wait = wait.max(Duration::from_secs(1));
    let until = time::OffsetDateTime::now_utc() + wait;
    on(RunEvent::Waiting {
        until: until
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        seconds: u32::try_from(wait.as_secs()).unwrap_or(u32::MAX),
        reason,
    });
    let end = tokio::time::Instant::now() + wait;
    while tokio::time::Instant::now() < end && control.asked() == GO {
        tokio::time::sleep(Duration::from_millis(250).min(end - tokio::time::Instant::now())).await;
    }
}
