//! A second process for the journal's tests: writes entries into a journal file, or makes a
//! journaled create through a saved connection (and is killed in the middle of it).

use desk_core::store::{Completion, EntryState, JournalEntry, Operation, SqliteStore, Store};
use desk_core::{Desk, SecretStore};
use std::path::Path;
use std::process::ExitCode;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["write", db, count, tag] => write(Path::new(db), count.parse().unwrap_or(0), tag).await,
        ["create", data_dir, service, api_base, connection, account, company, name] => {
            let at = Saved { data_dir: Path::new(data_dir), service, api_base };
            create(&at, connection, account, company, name).await
        }
        _ => Err("usage: journal-probe write DB COUNT TAG | create DATA_DIR SERVICE API_BASE CONNECTION ACCOUNT COMPANY NAME".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("journal-probe: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn write(db: &Path, count: u32, tag: &str) -> Result<(), String> {
    let store = SqliteStore::open(db).map_err(|e| e.to_string())?;
    for i in 0..count {
        let entry = JournalEntry {
            id: format!("{tag}-{i}"),
            created_at: format!("2026-01-01T00:00:{:02}Z", i % 60),
            completed_at: None,
            person: format!("{tag}@probe"),
            connection_id: "conn".into(),
            connection: "Probe".into(),
            account_id: "ACC1".into(),
            company_id: Some("COM1".into()),
            tracker_id: None,
            tracker_name: format!("{tag} {i}"),
            operation: Operation::Create,
            request: "{}".into(),
            state: EntryState::Intended,
            outcome: None,
            before: None,
            after: None,
        };
        store
            .record_intent(&entry)
            .await
            .map_err(|e| e.to_string())?;
        let done = Completion {
            state: EntryState::Succeeded,
            outcome: "ok".into(),
            tracker_id: Some(format!("TRK{i}")),
            after: None,
        };
        store
            .record_outcome(&entry.id, &done)
            .await
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Where the test's desk saved its connection, and the address standing in for CallRail's.
struct Saved<'a> {
    data_dir: &'a Path,
    service: &'a str,
    api_base: &'a str,
}

async fn create(
    at: &Saved<'_>,
    connection: &str,
    account: &str,
    company: &str,
    name: &str,
) -> Result<(), String> {
    let desk = Desk::open(
        at.data_dir,
        SecretStore::with_service(at.service),
        at.api_base,
    )
    .map_err(|e| e.to_string())?;
    let form = callrail::TrackerForm {
        kind: callrail::TrackerKind::Source,
        company_id: company.into(),
        name: name.into(),
        destination: "4045550100".into(),
        area_code: Some("404".into()),
        ..Default::default()
    };
    desk.create_tracker(connection, account, &form, 1)
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}
