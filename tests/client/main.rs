//! The CallRail client against the simulator, over real loopback HTTP.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod answers;
mod errors;
mod payloads;
mod reads;
mod unknown_outcomes;
mod writes;

use callrail::rules::SourceInput;
use callrail::{
    ApiKey, Client, Error, Order, RateLimits, RetryPolicy, StatusFilter, Tracker, TrackerChanges,
    TrackerDraft, TrackerForm, TrackerKind, TrackerQuery, TypeFilter,
};
use callrail_sim::{FaultSpec, SimConfig};
use scenario_tests::*;
use serde_json::json;
use std::collections::HashSet;
use std::time::{Duration, Instant};

fn source_form(company_id: &str, name: &str) -> TrackerForm {
    TrackerForm {
        source: Some(SourceInput {
            kind: "offline".into(),
            ..Default::default()
        }),
        whisper: Some("Call from [source]".into()),
        greeting: Some("This call may be recorded.".into()),
        record_calls: true,
        ..test_support::source(company_id, name)
    }
}

fn session_form(company_id: &str, name: &str, pool: u32) -> TrackerForm {
    TrackerForm {
        kind: TrackerKind::Session,
        company_id: company_id.into(),
        name: name.into(),
        destination: "404-555-0100".into(),
        area_code: Some("404".into()),
        pool_size: Some(pool),
        swap_targets: vec!["(404) 555-0100".into()],
        ..TrackerForm::default()
    }
}

fn source_draft(company_id: &str, name: &str) -> TrackerDraft {
    source_form(company_id, name).validate().unwrap()
}

fn session_draft(company_id: &str, name: &str, pool: u32) -> TrackerDraft {
    session_form(company_id, name, pool).validate().unwrap()
}

fn fault(spec: &str) -> FaultSpec {
    spec.parse().expect("a valid fault spec")
}
