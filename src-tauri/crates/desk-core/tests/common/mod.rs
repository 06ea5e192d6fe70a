//! Shared by the journal's test files.

#![allow(dead_code)]

use callrail::{TrackerForm, TrackerKind};
use callrail_sim::{RunningSim, SimConfig, DEMO_API_KEY};
use desk_core::store::{EntryState, JournalEntry, Operation};
use desk_core::{Desk, SecretStore};

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

/// A desk with a connection to a simulator, its account and the Acme Plumbing company.
pub struct Env {
    pub sim: RunningSim,
    pub dir: tempfile::TempDir,
    pub service: String,
    pub desk: Desk,
    pub conn: String,
    pub account: String,
    pub company: String,
}

pub async fn env(config: SimConfig) -> Env {
    let sim = RunningSim::start(config).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let service = format!("com.trackerdesk.test.{:x}", fastrand::u64(..));
    let desk = Desk::open(
        dir.path(),
        SecretStore::with_service(&service),
        sim.base_url(),
    )
    .unwrap();
    let conn = desk
        .add_connection("Peachtree", DEMO_API_KEY)
        .await
        .unwrap();
    let account = conn.account_id.clone().unwrap();
    let company = desk
        .list_companies(&conn.id, &account)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.name == "Acme Plumbing")
        .unwrap()
        .id;
    Env {
        sim,
        dir,
        service,
        desk,
        conn: conn.id,
        account,
        company,
    }
}

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
