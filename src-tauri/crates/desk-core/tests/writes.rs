//! The desk's writes when the journal itself fails: CallRail's answer stands, with a warning, and
//! the entry is settled by the next check. Keys are in a real Secret Service.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use callrail_sim::SimConfig;
use common::{env, source};
use desk_core::store::EntryState;
use desk_core::JOURNAL_FILE;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_journal_that_cannot_record_the_outcome_never_hides_callrails_answer() {
    let e = env(SimConfig::default()).await;
    e.sim
        .add_fault("post-trackers:latency=800:once".parse().unwrap());
    let path = e.dir.path().join(JOURNAL_FILE);
    let form = source(&e.company, "Journal locked");
    let create = e.desk.create_tracker(&e.conn, &e.account, &form, 1);
    // Once the request is out, another program holds the journal's write lock until it is done.
    let lock = async {
        while !e.sim.requests().iter().any(|r| r.method == "POST") {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let other = rusqlite::Connection::open(&path).unwrap();
        other.execute_batch("BEGIN EXCLUSIVE").unwrap();
        other
    };
    let (created, other) = tokio::join!(create, lock);
    other.execute_batch("ROLLBACK").unwrap();
    let created = created.expect("CallRail's answer, not the journal's failure");
    assert_eq!(created.tracker.name, "Journal locked");
    assert_eq!(created.warnings.len(), 1, "{:?}", created.warnings);
    assert!(created.warnings[0].contains("journal could not record"));
    // The entry stays open and the next check completes it from CallRail.
    let checked = e.desk.reconcile_unfinished().await.unwrap();
    assert_eq!(checked.len(), 1);
    assert_eq!(checked[0].state, EntryState::Succeeded);
    assert_eq!(
        checked[0].tracker_id.as_deref(),
        Some(created.tracker.id.as_str())
    );
}
