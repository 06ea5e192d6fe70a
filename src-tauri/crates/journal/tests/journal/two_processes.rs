//! Two processes writing one SQLite journal at once lose nothing: the second is this test binary,
//! run again for its child test.

use crate::store::JOURNAL_FILE;
use journal::store::{
    Completion, EntryState, HistoryFilter, JournalEntry, Operation, SqliteStore, Store,
};
use test_support::{child, entry};

#[test]
fn two_processes_writing_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(JOURNAL_FILE);
    let children: Vec<_> = ["left", "right"]
        .iter()
        .map(|tag| {
            child::command(
                "two_processes::a_second_writer",
                &[db.to_str().unwrap(), "300", tag],
            )
            .spawn()
            .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let all = rt
        .block_on(
            SqliteStore::open(&db)
                .unwrap()
                .history(&HistoryFilter::default()),
        )
        .unwrap();
    assert_eq!(all.len(), 600, "every entry of both processes is kept");
    assert!(
        all.iter().all(|e| e.state == EntryState::Succeeded),
        "and every outcome"
    );
}

/// The other process of `two_processes_writing_at_once_lose_nothing`: writes and completes
/// `count` entries tagged `tag`.
#[tokio::test]
#[ignore = "a child process of two_processes_writing_at_once_lose_nothing, which runs it"]
async fn a_second_writer() {
    let [db, count, tag] = <[String; 3]>::try_from(child::args()).unwrap();
    let store = SqliteStore::open(std::path::Path::new(&db)).unwrap();
    for i in 0..count.parse::<u32>().unwrap() {
        let entry = JournalEntry {
            id: format!("{tag}-{i}"),
            created_at: format!("2026-01-01T00:00:{:02}Z", i % 60),
            person: format!("{tag}@probe"),
            tracker_name: format!("{tag} {i}"),
            tracker_id: None,
            ..entry("x", "", "COM1", Operation::Create, "")
        };
        store.record_intent(&entry).await.unwrap();
        let done = Completion {
            state: EntryState::Succeeded,
            outcome: "ok".into(),
            tracker_id: Some(format!("TRK{i}")),
            after: None,
        };
        store.record_outcome(&entry.id, &done).await.unwrap();
    }
}
