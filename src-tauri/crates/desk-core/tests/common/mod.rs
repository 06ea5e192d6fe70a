//! Shared by the journal's test files.

#![allow(dead_code)]

use desk_core::store::{EntryState, JournalEntry, Operation};

/// A journal entry as a desk would write it before a request.
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
