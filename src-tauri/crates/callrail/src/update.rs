//! Updates as read, merge, write: the change a person asks for is merged into the tracker as read,
//! and only what changed is sent, except that a call flow always goes whole (CallRail replaces it).

use crate::models::{CallFlow, Tracker};
use crate::phone::E164;
use crate::rules::{check_message, check_name, check_pool_size, check_swap_targets, Checks};
use crate::Violations;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// What a person wants changed; `None` leaves a field as it is. A blank whisper or greeting clears it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
pub struct TrackerChanges {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub destination: Option<String>,
    #[serde(default)]
    pub whisper: Option<String>,
    #[serde(default)]
    pub greeting: Option<String>,
    #[serde(default)]
    pub record_calls: Option<bool>,
    #[serde(default)]
    pub pool_size: Option<u32>,
    #[serde(default)]
    pub swap_targets: Option<Vec<String>>,
    #[serde(default)]
    pub sms_enabled: Option<bool>,
}

/// The PUT body for one change, and the names of the fields it changes.
#[derive(Debug, Clone, PartialEq)]
pub struct UpdatePlan {
    body: Map<String, Value>,
}

impl UpdatePlan {
    pub fn is_empty(&self) -> bool {
        self.body.is_empty()
    }
    pub fn body(&self) -> Value {
        Value::Object(self.body.clone())
    }
    pub fn changed_fields(&self) -> Vec<&str> {
        self.body.keys().map(String::as_str).collect()
    }
}

/// Checks `changes` against the tracker as it is now and builds the PUT body. Never sends `status`.
pub fn plan_update(current: &Tracker, changes: &TrackerChanges) -> Result<UpdatePlan, Violations> {
    let mut c = Checks::default();
    let mut body = Map::new();
    if !current.is_active() {
        c.fail(
            "status",
            "this tracker is disabled, and CallRail does not let a disabled tracker change",
        );
    }
    if let Some(name) = changes.name.as_deref().and_then(|n| c.take(check_name(n))) {
        if name != current.name {
            body.insert("name".into(), json!(name));
        }
    }
    if let Some(raw) = &changes.whisper {
        if let Some(whisper) = c.take(check_message("whisper", Some(raw))) {
            if whisper != current.whisper_message {
                // A blank whisper is how CallRail is told to clear it.
                body.insert("whisper_message".into(), json!(whisper.unwrap_or_default()));
            }
        }
    }
    if let Some(raw) = &changes.swap_targets {
        if let Some(targets) = c.take(check_swap_targets(raw)) {
            if current.swap_targets.as_ref() != Some(&targets) {
                body.insert("swap_targets".into(), json!(targets));
            }
        }
    }
    if let Some(sms) = changes.sms_enabled {
        if sms && current.tracking_numbers.iter().any(|n| is_toll_free(n)) {
            c.fail(
                "sms_enabled",
                "text messages work only on local numbers, not toll-free ones",
            );
        } else if sms != current.sms_enabled {
            body.insert("sms_enabled".into(), json!(sms));
        }
    }
    if let Some(size) = changes.pool_size {
        if !current.is_pool() {
            c.fail("pool_size", "only session trackers have a pool of numbers");
        } else if let Some(size) = c.take(check_pool_size(size)) {
            let now = current.pool_size();
            if (size as usize) < now {
                c.fail(
                    "pool_size",
                    format!(
                        "a pool can only grow: it has {now} numbers now, so ask for {now} or more"
                    ),
                );
            } else if size as usize > now {
                body.insert("pool_size".into(), json!(size));
            }
        }
    }
    if let Some(flow) = merged_call_flow(current, changes, &mut c) {
        body.insert("call_flow".into(), flow);
    }
    c.finish(|| Some(UpdatePlan { body }))
}

/// The whole basic call flow, when any part of it changes.
fn merged_call_flow(current: &Tracker, changes: &TrackerChanges, c: &mut Checks) -> Option<Value> {
    if changes.destination.is_none() && changes.greeting.is_none() && changes.record_calls.is_none()
    {
        return None;
    }
    let flow = match &current.call_flow {
        Some(CallFlow::Basic(flow)) => flow,
        _ => {
            c.fail("call_flow", "this tracker routes calls through an advanced call flow built in CallRail; change it there");
            return None;
        }
    };
    let destination = match changes.destination.as_deref() {
        Some(raw) => c.take(E164::parse("destination", raw))?.as_str().to_owned(),
        None => match flow
            .destination_number
            .as_deref()
            .or(current.destination_number.as_deref())
        {
            Some(d) => d.to_owned(),
            None => {
                c.fail("destination", "CallRail did not say where this tracker's calls ring; enter the destination to change its call flow");
                return None;
            }
        },
    };
    let greeting = match &changes.greeting {
        Some(raw) => c.take(check_message("greeting", Some(raw)))?,
        None => flow.greeting_text.clone(),
    };
    let recording = changes.record_calls.unwrap_or(flow.recording_enabled);
    let unchanged = Some(destination.as_str()) == flow.destination_number.as_deref()
        && greeting == flow.greeting_text
        && recording == flow.recording_enabled;
    if unchanged {
        return None;
    }
    let mut whole = json!({
        "type": "basic",
        "destination_number": destination,
        "recording_enabled": recording,
        "greeting_text": greeting,
    });
    if let Some(url) = &flow.greeting_recording_url {
        whole["greeting_recording_url"] = json!(url);
    }
    Some(whole)
}

fn is_toll_free(e164: &str) -> bool {
    E164::parse("n", e164)
        .map(|n| n.is_toll_free())
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Tracker {
        let text = match name {
            "source" => include_str!("../../../../tests/fixtures/callrail/tracker-source.json"),
            "session" => include_str!("../../../../tests/fixtures/callrail/tracker-session.json"),
            "advanced" => {
                include_str!("../../../../tests/fixtures/callrail/tracker-advanced-flow.json")
            }
            _ => include_str!("../../../../tests/fixtures/callrail/tracker-disabled.json"),
        };
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn a_destination_change_sends_the_whole_call_flow() {
        let plan = plan_update(
            &fixture("source"),
            &TrackerChanges {
                destination: Some("(404) 555-0199".into()),
                ..Default::default()
            },
        )
        .unwrap();
        let expected: Value = serde_json::from_str(include_str!(
            "../../../../tests/fixtures/callrail/update-request.json"
        ))
        .unwrap();
        assert_eq!(plan.body(), expected);
    }

    #[test]
    fn a_recording_toggle_keeps_destination_and_greeting() {
        let plan = plan_update(
            &fixture("source"),
            &TrackerChanges {
                record_calls: Some(false),
                ..Default::default()
            },
        )
        .unwrap();
        let flow = &plan.body()["call_flow"];
        assert_eq!(flow["destination_number"], "+14045550100");
        assert_eq!(flow["greeting_text"], "This call may be recorded.");
        assert_eq!(flow["recording_enabled"], false);
        assert_eq!(plan.changed_fields(), ["call_flow"]);
    }

    #[test]
    fn only_changed_fields_are_sent_and_never_status() {
        let t = fixture("source");
        let plan = plan_update(
            &t,
            &TrackerChanges {
                name: Some("Billboard I-85".into()),
                whisper: Some("New whisper".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(plan.body(), json!({"whisper_message": "New whisper"}));
        let plan = plan_update(
            &t,
            &TrackerChanges {
                whisper: Some("  ".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(plan.body(), json!({"whisper_message": ""}));
        assert!(plan_update(&t, &TrackerChanges::default())
            .unwrap()
            .is_empty());
    }

    #[test]
    fn pools_only_grow_and_only_sessions_have_them() {
        let s = fixture("session");
        let grow = plan_update(
            &s,
            &TrackerChanges {
                pool_size: Some(8),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(grow.body(), json!({"pool_size": 8}));
        let err = plan_update(
            &s,
            &TrackerChanges {
                pool_size: Some(4),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(err.0[0].field, "pool_size");
        assert!(err.0[0].message.contains("only grow"));
        let err = plan_update(
            &s,
            &TrackerChanges {
                pool_size: Some(51),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert!(err.0[0].message.contains("between 4 and 50"));
        let err = plan_update(
            &fixture("source"),
            &TrackerChanges {
                pool_size: Some(8),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(err.0[0].field, "pool_size");
    }

    #[test]
    fn advanced_flows_and_disabled_trackers_are_refused() {
        let err = plan_update(
            &fixture("advanced"),
            &TrackerChanges {
                record_calls: Some(false),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(err.0[0].field, "call_flow");
        let err = plan_update(
            &fixture("disabled"),
            &TrackerChanges {
                name: Some("x".into()),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(err.0[0].field, "status");
    }

    #[test]
    fn sms_needs_a_local_number() {
        let err = plan_update(
            &fixture("advanced"),
            &TrackerChanges {
                sms_enabled: Some(true),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(err.0[0].field, "sms_enabled");
    }
}
