//! The writes: each one guarded (the count of numbers, the typed name), claimed and journaled
//! around the request to CallRail, and told as done (`Ok`), not done, or unknown
//! ([`callrail::Error::outcome_unknown`]), as `docs/writes.md` says.

use super::Desk;
use crate::ledger::{self, Spend};
use crate::store::{EntryState, JournalEntry, Operation};
use crate::trackers;
use crate::wording::{and_list, count, field_words};
use crate::{CoreError, CoreResult};
use callrail::{Tracker, TrackerChanges, TrackerForm, TrackerStatus};
use journal::{Claim, InFlight, Intent};

/// A write that was carried out: the tracker as CallRail has it now, what the journal says of it,
/// why CallRail's answer was lost when the write was found by reading instead, and what went wrong
/// after it (a follow-up read, the journal) without changing the outcome.
#[derive(Debug, Clone)]
pub struct Written {
    pub tracker: Tracker,
    pub outcome: String,
    pub reconciled: Option<String>,
    pub warnings: Vec<String>,
}

/// Now by CallRail's clock: read from any answer of this process (one cheap read first when none
/// came yet), so that the intent is stamped with CallRail's time.
async fn callrail_now(client: &callrail::Client) -> time::OffsetDateTime {
    if !client.clock().known() {
        let _ = client.list_accounts().await;
    }
    client.clock().now()
}

impl Desk {
    /// Claims the write's target in the journal. When an unresolved entry holds it, that entry is
    /// checked first: still in flight or unknown, the write is refused as unknown (never sent twice);
    /// an earlier create that did go through is the answer (`Err(written)`); otherwise the claim
    /// is made again.
    async fn claim(&self, intent: Intent<'_>) -> CoreResult<Result<InFlight, Written>> {
        let tuning = self.connections.tuning();
        for _ in 0..3 {
            let held = match self
                .journal
                .begin(intent.clone())
                .await
                .map_err(|e| self.refused_by_store(e))?
            {
                Claim::Ours(flight) => return Ok(Ok(flight)),
                Claim::Held(entry) => entry,
            };
            let client = self.connections.client(&held.connection_id).ok();
            let now = client
                .as_ref()
                .map_or_else(time::OffsetDateTime::now_utc, |c| c.clock().now());
            if self.journal.in_flight(&held, tuning.min_age, now) {
                return Err(held_error(&held, "it is still in progress".into()));
            }
            let client = client.ok_or_else(|| {
                held_error(&held, "its connection is not here to check it with".into())
            })?;
            let checked = self.journal.reconcile(&client, &held, &tuning).await?;
            let earlier = checked
                .after
                .as_deref()
                .and_then(|a| serde_json::from_str::<Tracker>(a).ok());
            match (checked.state, held.operation, earlier) {
                (EntryState::Succeeded, Operation::Create, Some(tracker)) => {
                    return Ok(Err(Written {
                        outcome: checked.outcome,
                        reconciled: Some(format!(
                            "an earlier attempt, begun {} by {}, lost CallRail's answer; the tracker it made was found, so it was not created again",
                            held.created_at, held.person
                        )),
                        tracker,
                        warnings: Vec::new(),
                    }))
                }
                (EntryState::Succeeded | EntryState::Failed, Operation::Update | Operation::Disable, _)
                | (EntryState::Failed, _, _) => continue,
                _ => return Err(held_error(&held, checked.outcome)),
            }
        }
        Err(CoreError::Storage(
            "the journal kept changing while this change was being recorded; try again".into(),
        ))
    }

    /// Creates a tracker once `confirmed_numbers` is the count it buys; journaled.
    pub async fn create_tracker(
        &self,
        connection: &str,
        account: &str,
        form: &TrackerForm,
        confirmed_numbers: u32,
    ) -> CoreResult<Written> {
        ledger::on(
            Spend::Writes,
            self.create_as(
                connection,
                account,
                form,
                confirmed_numbers,
                trackers::Create::Checked,
                None,
            ),
        )
        .await
    }

    /// A create, reading around its POST as `how` says (a bulk run's was planned against the
    /// account's active companies, so it spends the POST alone), journaled as `entry` when its
    /// caller named the entry before.
    pub(crate) async fn create_as(
        &self,
        connection: &str,
        account: &str,
        form: &TrackerForm,
        confirmed_numbers: u32,
        how: trackers::Create,
        entry: Option<&str>,
    ) -> CoreResult<Written> {
        let draft = form.validate()?;
        trackers::guard_create(&draft, confirmed_numbers)?;
        let (client, name) = self.connection(connection)?;
        let request = draft.to_body().to_string();
        let flight = match self
            .claim(Intent {
                id: entry.map(str::to_owned),
                connection_id: connection,
                connection: &name,
                account_id: account,
                company_id: Some(draft.company_id()),
                tracker_id: None,
                tracker_name: draft.name(),
                operation: Operation::Create,
                request,
                before: None,
                at: callrail_now(&client).await,
            })
            .await?
        {
            Ok(flight) => flight,
            Err(earlier) => return Ok(earlier),
        };
        let exclude = self.journal.attributed(&flight.entry).await?;
        let mut warnings = Vec::new();
        let result = self
            .within_deadline(&flight, trackers::create(&client, account, &draft, &exclude, how))
            .await
            .map(|made| {
                let t = made.tracker;
                let outcome = match &made.reconciled {
                    Some(cause) => format!(
                        "Created once. CallRail's answer was lost ({cause}); Tracker Desk found the new tracker in CallRail instead of buying its numbers again."
                    ),
                    None => format!(
                        "Created with {}: {}.",
                        count(t.pool_size(), "number"),
                        t.formatted_numbers().join(", ")
                    ),
                };
                warnings.extend(made.warning);
                (t, outcome, made.reconciled)
            });
        self.done(flight, result, warnings).await
    }

    /// Applies an edit; a pool that grows must confirm its extra numbers. Journaled with the before.
    pub async fn update_tracker(
        &self,
        connection: &str,
        account: &str,
        id: &str,
        changes: &TrackerChanges,
        confirmed_numbers: u32,
    ) -> CoreResult<Written> {
        ledger::on(
            Spend::Writes,
            self.update_against(
                connection,
                account,
                id,
                changes,
                confirmed_numbers,
                None,
                None,
            ),
        )
        .await
    }

    /// An edit planned against `basis` (the tracker's form when planned): when the tracker already
    /// is as the edit makes it, nothing is sent; when it changed otherwise since, nothing is sent
    /// and the error says what changed. Journaled as `entry` when its caller named it.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn update_against(
        &self,
        connection: &str,
        account: &str,
        id: &str,
        changes: &TrackerChanges,
        confirmed_numbers: u32,
        basis: Option<&TrackerForm>,
        entry: Option<&str>,
    ) -> CoreResult<Written> {
        let (client, name) = self.connection(connection)?;
        let (preview, before) = trackers::preview(&client, account, id, changes).await?;
        if let Some(basis) = basis {
            if preview.changes.is_empty() {
                return Ok(Written {
                    outcome: "already as planned; nothing sent".into(),
                    tracker: before,
                    reconciled: None,
                    warnings: Vec::new(),
                });
            }
            let changed = trackers::form_differences(basis, &TrackerForm::from_tracker(&before));
            if !changed.is_empty() {
                return Err(CoreError::ChangedSincePlan(format!(
                    "{} changed in CallRail since the plan; nothing was sent: plan again",
                    changed.join(", ")
                )));
            }
        }
        trackers::guard_update(&preview, confirmed_numbers)?;
        let request = serde_json::to_string(changes).unwrap_or_default();
        let intent = Intent {
            id: entry.map(str::to_owned),
            ..Intent::change(
                connection,
                &name,
                account,
                &before,
                Operation::Update,
                request,
                callrail_now(&client).await,
            )
        };
        let flight = match self.claim(intent).await? {
            Ok(flight) => flight,
            Err(earlier) => return Ok(earlier),
        };
        let result = self
            .within_deadline(&flight, async {
                Ok(client
                    .update_read_tracker(account, before.clone(), changes)
                    .await?)
            })
            .await
            .map(|u| {
                let outcome = if u.changed.is_empty() {
                    "Nothing needed changing.".to_owned()
                } else {
                    let fields: Vec<String> = u.changed.iter().map(|f| field_words(f)).collect();
                    format!("Changed the {}.", and_list(&fields))
                };
                (u.after, outcome, u.reconciled)
            });
        self.done(flight, result, Vec::new()).await
    }

    /// Disables a tracker when `confirm_name` repeats its name: its numbers are released for good.
    pub async fn disable_tracker(
        &self,
        connection: &str,
        account: &str,
        id: &str,
        confirm_name: &str,
    ) -> CoreResult<Written> {
        ledger::on(
            Spend::Writes,
            self.disable_as(connection, account, id, confirm_name, None, None),
        )
        .await
    }

    /// A disable confirmed by `confirm_name`; a planned one (`planned`) releases only the numbers
    /// its plan showed, and is refused as changed when the tracker was renamed or its pool grew
    /// since. Journaled as `entry` when its caller named it.
    pub(crate) async fn disable_as(
        &self,
        connection: &str,
        account: &str,
        id: &str,
        confirm_name: &str,
        planned: Option<PlannedRelease<'_>>,
        entry: Option<&str>,
    ) -> CoreResult<Written> {
        let (client, name) = self.connection(connection)?;
        let before = client.get_tracker(account, id, &[]).await?;
        if let Some(planned) = planned.filter(|_| before.is_active()) {
            planned.check(&before)?;
        }
        trackers::guard_disable(&before, confirm_name)?;
        if !before.is_active() {
            return Ok(Written {
                outcome: "already disabled".into(),
                tracker: before,
                reconciled: None,
                warnings: Vec::new(),
            });
        }
        let intent = Intent {
            id: entry.map(str::to_owned),
            ..Intent::change(
                connection,
                &name,
                account,
                &before,
                Operation::Disable,
                "{}".into(),
                callrail_now(&client).await,
            )
        };
        let flight = match self.claim(intent).await? {
            Ok(flight) => flight,
            Err(earlier) => return Ok(earlier),
        };
        let mut warnings = Vec::new();
        let disabled = self
            .within_deadline(&flight, async {
                Ok(client.disable_tracker(account, id).await?)
            })
            .await;
        let result = match disabled {
            Ok(done) => {
                let after = match done.tracker {
                    Some(t) => t,
                    None => match client.get_tracker(account, id, &[]).await {
                        Ok(t) => t,
                        Err(e) => {
                            warnings.push(format!(
                                "CallRail disabled it, but reading it back failed ({e})"
                            ));
                            released(&before)
                        }
                    },
                };
                let numbers = before.formatted_numbers();
                Ok((
                    after,
                    format!(
                        "Disabled. CallRail released {}: {}.",
                        count(numbers.len(), "number"),
                        numbers.join(", ")
                    ),
                    done.reconciled,
                ))
            }
            Err(e) => Err(e),
        };
        self.done(flight, result, warnings).await
    }

    /// Runs a write's exchange with CallRail, its check included, for at most the tuning's deadline;
    /// past it the outcome is unknown (the request may have been carried out).
    async fn within_deadline<T>(
        &self,
        flight: &InFlight,
        write: impl std::future::Future<Output = CoreResult<T>>,
    ) -> CoreResult<T> {
        let deadline = self.connections.tuning().deadline;
        match tokio::time::timeout(deadline, write).await {
            Ok(result) => result,
            Err(_) => Err(unknown(
                &flight.entry,
                format!(
                    "no answer and no check within {} seconds",
                    deadline.as_secs()
                ),
                "it was left unfinished and is checked again later".into(),
            )),
        }
    }

    /// Records the outcome, and returns CallRail's answer whatever the journal managed.
    async fn done(
        &self,
        flight: InFlight,
        result: CoreResult<(Tracker, String, Option<String>)>,
        mut warnings: Vec<String>,
    ) -> CoreResult<Written> {
        let recorded = self
            .journal
            .finish(flight, result.as_ref().map(|(t, o, _)| (t, o.as_str())))
            .await;
        warnings.extend(recorded);
        let (tracker, outcome, reconciled) = result?;
        self.tables.patch(&tracker);
        Ok(Written {
            tracker,
            outcome,
            reconciled,
            warnings,
        })
    }
}

/// What a planned disable was confirmed with: the tracker's name then, and the numbers it releases
/// (`count` of them; older runs kept only the count).
#[derive(Clone, Copy)]
pub(crate) struct PlannedRelease<'a> {
    pub name: &'a str,
    pub numbers: &'a [String],
    pub count: u32,
}

impl PlannedRelease<'_> {
    /// Refuses the disable when CallRail's tracker is not the one the person confirmed.
    fn check(&self, now: &Tracker) -> CoreResult<()> {
        if now.name.trim() != self.name.trim() {
            return Err(CoreError::ChangedSincePlan(format!(
                "the tracker was renamed in CallRail since the plan (to \"{}\"); nothing was sent: plan again",
                now.name
            )));
        }
        let unplanned: Vec<String> = now
            .tracking_numbers
            .iter()
            .filter(|n| !self.numbers.is_empty() && !self.numbers.contains(n))
            .map(|n| callrail::format_number(n))
            .collect();
        let size = u32::try_from(now.pool_size()).unwrap_or(u32::MAX);
        if !unplanned.is_empty() || size > self.count {
            return Err(CoreError::ChangedSincePlan(format!(
                "it has {} now, and the plan released {}{}; nothing was sent, so nothing unconfirmed is released: plan again",
                count(now.pool_size(), "number"),
                self.count,
                if unplanned.is_empty() {
                    String::new()
                } else {
                    format!(" ({} not among them)", unplanned.join(", "))
                }
            )));
        }
        Ok(())
    }
}

/// The tracker as a 204 to its DELETE leaves it, when it cannot be read back.
fn released(before: &Tracker) -> Tracker {
    Tracker {
        status: TrackerStatus::Disabled,
        tracking_numbers: Vec::new(),
        disabled_at: Some(crate::now_rfc3339()),
        ..before.clone()
    }
}

/// A write refused because an earlier one of the same target has no known outcome.
fn held_error(held: &JournalEntry, check: String) -> CoreError {
    let cause = format!(
        "an earlier {} begun {} by {} has no known outcome",
        held.operation.as_str(),
        held.created_at,
        held.person
    );
    unknown(held, cause, check)
}

/// The outcome of `entry`'s write (or of an earlier one) cannot be told.
fn unknown(entry: &JournalEntry, cause: String, check: String) -> CoreError {
    match entry.operation {
        Operation::Create => callrail::Error::CreateOutcomeUnknown {
            name: entry.tracker_name.clone(),
            cause,
            check,
        },
        Operation::Update | Operation::Disable => callrail::Error::ChangeOutcomeUnknown {
            tracker_id: entry.tracker_id.clone().unwrap_or_default(),
            cause,
            check,
        },
    }
    .into()
}
