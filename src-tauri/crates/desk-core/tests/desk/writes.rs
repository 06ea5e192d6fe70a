//! The desk's writes when the journal itself fails: CallRail's answer stands, with a warning, and
//! the entry is settled by the next check. Keys are in a real Secret Service.

use crate::common;

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

#[tokio::test]
async fn a_write_has_an_overall_deadline_and_past_it_is_unknown() {
    let e = env(SimConfig::default()).await;
    e.desk.set_tuning(desk_core::Tuning {
        deadline: Duration::from_secs(2),
        ..desk_core::Tuning::default()
    });
    // The answer is lost and the tracker never shows: the minute-long check is cut at the deadline.
    e.sim.add_fault("post-trackers:500".parse().unwrap());
    let started = std::time::Instant::now();
    let err = e
        .desk
        .create_tracker(
            &e.conn,
            &e.account,
            &source(&e.company, "Slow to settle"),
            1,
        )
        .await
        .unwrap_err();
    let took = started.elapsed();
    assert!(
        matches!(err, desk_core::CoreError::Callrail(ref c) if c.outcome_unknown()),
        "{err}"
    );
    assert!(err.to_string().contains("within 2 seconds"), "{err}");
    assert!(took < Duration::from_secs(10), "took {took:?}");
    let history = e.desk.history(&Default::default()).await.unwrap();
    assert_eq!(history[0].state, EntryState::Unknown);
}
