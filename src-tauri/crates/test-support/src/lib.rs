//! What the test suites share: fixtures, and a second process for a test. Used by tests only.

#![allow(clippy::expect_used, clippy::panic)]

pub mod child;

use callrail::{TrackerForm, TrackerKind};
use journal::store::{EntryState, JournalEntry, Operation};

/// A journal entry as a desk writes it before its request leaves.
pub fn entry(
    id: &str,
    created_at: &str,
    company: &str,
    op: Operation,
    person: &str,
) -> JournalEntry {
    JournalEntry {
        id: id.into(),
        created_at: created_at.into(),
        completed_at: None,
        person: person.into(),
        connection_id: "conn-1".into(),
        connection: "Peachtree".into(),
        account_id: "ACC1".into(),
        company_id: Some(company.into()),
        tracker_id: Some(format!("TRK-{id}")),
        tracker_name: format!("Tracker {id}"),
        operation: op,
        request: r#"{"name":"x"}"#.into(),
        state: EntryState::Intended,
        outcome: None,
        before: None,
        after: None,
    }
}

/// A source tracker's form: one number in area code 404, forwarding to the office.
pub fn source(company: &str, name: &str) -> TrackerForm {
    TrackerForm {
        kind: TrackerKind::Source,
        company_id: company.into(),
        name: name.into(),
        destination: "(404) 555-0100".into(),
        area_code: Some("404".into()),
        ..TrackerForm::default()
    }
}
