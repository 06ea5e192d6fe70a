//! The journal as the desk shows it: History, the check of what a crash left open, the changes still
//! unknown, the journal written out, and taking a change back (recreate, revert).

use super::Desk;
use crate::store::{HistoryFilter, JournalEntry};
use crate::{CoreError, CoreResult};
use callrail::{TrackerChanges, TrackerForm};
use journal::restore;
use std::path::Path;

impl Desk {
    /// The journal, newest first.
    pub async fn history(&self, filter: &HistoryFilter) -> CoreResult<Vec<JournalEntry>> {
        Ok(self.journal.store().history(filter).await?)
    }

    /// Checks the entries a crash or a lost answer left open against CallRail, and completes them
    /// with what CallRail shows. An entry whose request may still be on its way (its process is
    /// alive, or it comes from another computer and is younger than the tuning's minimum age) is
    /// left alone. Returns the entries checked.
    pub async fn reconcile_unfinished(&self) -> CoreResult<Vec<JournalEntry>> {
        let tuning = self.connections.tuning();
        let mut checked = Vec::new();
        for entry in self.journal.store().unresolved().await? {
            let Ok(client) = self.connections.client(&entry.connection_id) else {
                continue;
            };
            if self
                .journal
                .in_flight(&entry, tuning.min_age, client.clock().now())
            {
                continue;
            }
            self.journal.reconcile(&client, &entry, &tuning).await?;
            checked.push(entry.id);
        }
        self.journal.sweep_locks().await?;
        let all = self
            .journal
            .store()
            .history(&HistoryFilter::default())
            .await?;
        Ok(all
            .into_iter()
            .filter(|e| checked.contains(&e.id))
            .collect())
    }

    /// How many of this process's changes are on their way to CallRail now.
    pub fn writes_in_flight(&self) -> usize {
        self.journal.writes_in_flight()
    }

    /// The changes whose outcome is not known: in flight, interrupted, or lost and not found yet.
    pub async fn unresolved_changes(&self) -> CoreResult<Vec<JournalEntry>> {
        Ok(self.journal.store().unresolved().await?)
    }

    /// Writes the entries `filter` selects to `path` as CSV or JSON; returns how many.
    pub async fn export_history(
        &self,
        filter: &HistoryFilter,
        format: crate::export::ExportFormat,
        path: &Path,
    ) -> CoreResult<u32> {
        let entries = self.history(filter).await?;
        crate::export::write(&entries, format, path)?;
        Ok(u32::try_from(entries.len()).unwrap_or(u32::MAX))
    }

    /// The create form for a disabled tracker, from its last active state (CallRail will assign
    /// new numbers).
    pub async fn recreate_form(
        &self,
        connection: &str,
        account: &str,
        tracker_id: &str,
    ) -> CoreResult<TrackerForm> {
        let saved = restore::last_active_state(
            self.journal.store().as_ref(),
            connection,
            account,
            tracker_id,
        )
        .await?;
        let t = match saved {
            Some(t) => t,
            None => {
                self.connections
                    .client(connection)?
                    .get_tracker(account, tracker_id, &["swap_targets", "campaign_name"])
                    .await?
            }
        };
        Ok(restore::form_from(&t))
    }

    /// The inverse of a journaled update, to preview and confirm like any edit.
    pub async fn revert_changes(&self, entry_id: &str) -> CoreResult<TrackerChanges> {
        let all = self
            .journal
            .store()
            .history(&HistoryFilter::default())
            .await?;
        let entry = all
            .iter()
            .find(|e| e.id == entry_id)
            .ok_or_else(|| CoreError::Storage(format!("there is no journal entry {entry_id}")))?;
        Ok(restore::inverse(entry)?)
    }
}
