//! A tracker as the create form would make it again.

use crate::models::{Tracker, TrackerType};
use crate::phone::{format_number, AreaCode, E164};
use crate::rules::{SourceInput, TrackerForm, TrackerKind, POOL_MIN};

impl TrackerForm {
    /// The form that would make `t` again: its name, channel, numbers' area code (or toll-free),
    /// call flow, pool size and swap targets. Recreating a disabled tracker and exporting trackers
    /// to a file both start from it.
    pub fn from_tracker(t: &Tracker) -> TrackerForm {
        let first = t
            .tracking_numbers
            .first()
            .and_then(|n| E164::parse("n", n).ok());
        let (area_code, toll_free) = match &first {
            Some(n) if n.is_toll_free() => (None, true),
            Some(n) => (
                AreaCode::parse(&n.digits()[..3])
                    .ok()
                    .map(|a| a.as_str().to_owned()),
                false,
            ),
            None => (None, false),
        };
        let flow = t.basic_call_flow();
        let session = t.kind == TrackerType::Session;
        TrackerForm {
            kind: if session {
                TrackerKind::Session
            } else {
                TrackerKind::Source
            },
            company_id: t.company.as_ref().map(|c| c.id.clone()).unwrap_or_default(),
            name: t.name.clone(),
            destination: t.destination().map(format_number).unwrap_or_default(),
            area_code,
            toll_free,
            pool_size: session.then(|| u32::try_from(t.pool_size()).unwrap_or(4).max(POOL_MIN)),
            source: (!session).then(|| source_input(t)).flatten(),
            whisper: t.whisper_message.clone(),
            greeting: flow.and_then(|f| f.greeting_text.clone()),
            record_calls: t.recording_enabled(),
            sms_enabled: t.sms_enabled,
            swap_targets: t.swap_targets.clone().unwrap_or_default(),
            campaign_name: if session {
                None
            } else {
                t.campaign_name.clone()
            },
        }
    }
}

fn source_input(t: &Tracker) -> Option<SourceInput> {
    let s = t.source.as_ref()?;
    let one = |v: &Option<crate::models::OneOrMany>| v.as_ref().map(ToString::to_string);
    Some(SourceInput {
        kind: s.kind.clone()?,
        landing: one(&s.landing),
        referrer: one(&s.referrer),
        search_engine: s.search_engine.clone(),
        search_type: s.search_type.clone(),
    })
}
