//! Taking changes back where CallRail allows: a disabled tracker is recreated from its last active
//! state (CallRail assigns new numbers), and an update is reverted by the inverse change.

use crate::store::{HistoryFilter, JournalEntry, Operation, Store};
use crate::{JournalError, JournalResult};
use callrail::{CallFlow, Tracker, TrackerChanges, TrackerForm};

/// The create form, filled from the tracker as it was before it was disabled.
pub fn form_from(t: &Tracker) -> TrackerForm {
    TrackerForm::from_tracker(t)
}

/// The change that puts back what an update changed (a pool cannot shrink, so its size stays).
pub fn inverse(entry: &JournalEntry) -> JournalResult<TrackerChanges> {
    let not_revertable = |why: &str| JournalError::from(callrail::RuleViolation::new("entry", why));
    if entry.operation != Operation::Update {
        return Err(not_revertable(
            "only an update can be reverted; recreate a disabled tracker instead",
        ));
    }
    let before: Tracker = entry
        .before
        .as_deref()
        .and_then(|b| serde_json::from_str(b).ok())
        .ok_or_else(|| not_revertable("this entry kept no state from before the change"))?;
    let asked: TrackerChanges = serde_json::from_str(&entry.request).unwrap_or_default();
    let flow = match &before.call_flow {
        Some(CallFlow::Basic(f)) => Some(f),
        _ => None,
    };
    Ok(TrackerChanges {
        name: asked.name.map(|_| before.name.clone()),
        destination: asked
            .destination
            .and_then(|_| before.destination().map(str::to_owned)),
        whisper: asked
            .whisper
            .map(|_| before.whisper_message.clone().unwrap_or_default()),
        greeting: asked.greeting.map(|_| {
            flow.and_then(|f| f.greeting_text.clone())
                .unwrap_or_default()
        }),
        record_calls: asked.record_calls.map(|_| before.recording_enabled()),
        pool_size: None,
        swap_targets: asked.swap_targets.and_then(|_| before.swap_targets.clone()),
        sms_enabled: asked.sms_enabled.map(|_| before.sms_enabled),
    })
}

/// The tracker's last active state: the disable entry's "before", else the last snapshot.
pub async fn last_active_state(
    store: &dyn Store,
    connection: &str,
    account: &str,
    tracker_id: &str,
) -> JournalResult<Option<Tracker>> {
    let filter = HistoryFilter {
        tracker_id: Some(tracker_id.to_owned()),
        ..Default::default()
    };
    for e in store.history(&filter).await? {
        for state in [e.before.as_deref(), e.after.as_deref()]
            .into_iter()
            .flatten()
        {
            if let Ok(t) = serde_json::from_str::<Tracker>(state) {
                if t.is_active() {
                    return Ok(Some(t));
                }
            }
        }
    }
    Ok(store
        .snapshot(connection, account, tracker_id)
        .await?
        .and_then(|s| serde_json::from_str(&s).ok()))
}
