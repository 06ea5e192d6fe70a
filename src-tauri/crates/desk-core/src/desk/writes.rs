//! The writes: each one guarded (the count of numbers, the typed name), then journaled around the
//! request to CallRail.

use super::Desk;
use crate::journal::Intent;
use crate::store::Operation;
use crate::trackers;
use crate::views::{Created, TrackerDetail};
use crate::{CoreError, CoreResult};
use callrail::{TrackerChanges, TrackerForm};

impl Desk {
    /// Creates a tracker once `confirmed_numbers` is the count it buys; journaled.
    pub async fn create_tracker(
        &self,
        connection: &str,
        account: &str,
        form: &TrackerForm,
        confirmed_numbers: u32,
    ) -> CoreResult<Created> {
        let draft = form.validate()?;
        trackers::guard_create(&draft, confirmed_numbers)?;
        let (client, name) = self.connection(connection)?;
        let entry = self
            .journal
            .begin(Intent {
                connection_id: connection,
                connection: &name,
                account_id: account,
                company_id: Some(draft.company_id()),
                tracker_id: None,
                tracker_name: draft.name(),
                operation: Operation::Create,
                request: draft.to_body().to_string(),
                before: None,
            })
            .await?;
        let result = trackers::create(&client, account, &draft).await.map(|(t, reconciled)| {
            let outcome = match &reconciled {
                Some(cause) => format!("created as {} (the answer was lost: {cause}; found in CallRail, not bought twice)", t.id),
                None => format!("created as {} with {} number(s)", t.id, t.pool_size()),
            };
            (t, outcome, reconciled)
        });
        self.journal
            .finish(&entry, result.as_ref().map(|(t, o, _)| (t, o.as_str())))
            .await?;
        let (tracker, _, reconciled) = result?;
        Ok(Created {
            tracker: TrackerDetail::from(&tracker),
            reconciled,
        })
    }

    /// Applies an edit; a pool that grows must confirm its extra numbers. Journaled with the before.
    pub async fn update_tracker(
        &self,
        connection: &str,
        account: &str,
        id: &str,
        changes: &TrackerChanges,
        confirmed_numbers: u32,
    ) -> CoreResult<TrackerDetail> {
        let (client, name) = self.connection(connection)?;
        let (preview, before) = trackers::preview(&client, account, id, changes).await?;
        trackers::guard_update(&preview, confirmed_numbers)?;
        let entry = self
            .journal
            .begin(Intent::change(
                connection,
                &name,
                account,
                &before,
                Operation::Update,
                serde_json::to_string(changes).unwrap_or_default(),
            ))
            .await?;
        let result = client
            .update_tracker(account, id, changes)
            .await
            .map_err(CoreError::from)
            .map(|u| {
                let outcome = if u.changed.is_empty() {
                    "nothing to change".to_owned()
                } else {
                    format!("changed {}", u.changed.join(", "))
                };
                (u.after, outcome)
            });
        self.journal
            .finish(&entry, result.as_ref().map(|(t, o)| (t, o.as_str())))
            .await?;
        Ok(TrackerDetail::from(&result?.0))
    }

    /// Disables a tracker when `confirm_name` repeats its name: its numbers are released for good.
    pub async fn disable_tracker(
        &self,
        connection: &str,
        account: &str,
        id: &str,
        confirm_name: &str,
    ) -> CoreResult<TrackerDetail> {
        let (client, name) = self.connection(connection)?;
        let before = client.get_tracker(account, id, &[]).await?;
        trackers::guard_disable(&before, confirm_name)?;
        if !before.is_active() {
            return Ok(TrackerDetail::from(&before));
        }
        let entry = self
            .journal
            .begin(Intent::change(
                connection,
                &name,
                account,
                &before,
                Operation::Disable,
                "{}".into(),
            ))
            .await?;
        let result = match client.disable_tracker(account, id).await {
            Ok(Some(after)) => Ok(after),
            Ok(None) => client.get_tracker(account, id, &[]).await,
            Err(e) => Err(e),
        }
        .map_err(CoreError::from)
        .map(|after| {
            let released = before.formatted_numbers().join(", ");
            (after, format!("disabled; released {released}"))
        });
        self.journal
            .finish(&entry, result.as_ref().map(|(t, o)| (t, o.as_str())))
            .await?;
        Ok(TrackerDetail::from(&result?.0))
    }
}
