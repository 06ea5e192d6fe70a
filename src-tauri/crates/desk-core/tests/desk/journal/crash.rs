//! A create killed in the middle (this test binary, run again for its child test, then killed) is
//! settled by the next check and never made twice; one that never reached CallRail is marked failed.

use super::*;

#[tokio::test]
#[ignore = "a child process of a_create_killed_midway_is_reconciled_and_never_made_twice, which runs it"]
async fn a_create_to_be_killed() {
    let [dir, service, api_base, connection, account, company, name] =
        <[String; 7]>::try_from(test_support::child::args()).unwrap();
    let desk = Desk::open(dir.as_ref(), SecretStore::with_service(&service), api_base).unwrap();
    let _ = desk
        .create_tracker(&connection, &account, &source(&company, &name), 1)
        .await;
}

#[tokio::test]
async fn a_create_killed_midway_is_reconciled_and_never_made_twice() {
    let e = env(SimConfig::default()).await;
    // CallRail takes the create, then answers slowly: the process is killed while it waits.
    e.sim
        .add_fault("post-trackers:latency=20000:once".parse().unwrap());
    let mut child = test_support::child::command(
        "journal::crash::a_create_to_be_killed",
        &[
            e.dir.path().to_str().unwrap(),
            &e.service,
            &e.sim.base_url(),
            &e.conn,
            &e.account,
            &e.company,
            "Killed midway",
        ],
    )
    .spawn()
    .unwrap();
    let posted = async {
        while !e.sim.requests().iter().any(|r| r.method == "POST") {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(30), posted)
        .await
        .expect("the child sent its create");
    let after = Desk::open(
        e.dir.path(),
        SecretStore::with_service(&e.service),
        e.sim.base_url(),
    )
    .unwrap();
    // While the child still waits for CallRail, its entry is in flight: the check leaves it be.
    assert!(after.reconcile_unfinished().await.unwrap().is_empty());
    child.kill().unwrap(); // SIGKILL on Unix: no cleanup runs
    child.wait().unwrap();

    let open = after.history(&HistoryFilter::default()).await.unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(
        open[0].state,
        EntryState::Intended,
        "left intended: shown as outcome unknown"
    );
    let checked = after.reconcile_unfinished().await.unwrap();
    assert_eq!(checked.len(), 1);
    assert_eq!(
        checked[0].state,
        EntryState::Succeeded,
        "{:?}",
        checked[0].outcome
    );
    assert!(checked[0]
        .outcome
        .as_deref()
        .unwrap()
        .contains("was created"));
    let made = e
        .sim
        .trackers(&e.account)
        .iter()
        .filter(|t| t["name"] == "Killed midway")
        .count();
    assert_eq!(made, 1, "created once, not twice");
    assert!(
        after.reconcile_unfinished().await.unwrap().is_empty(),
        "nothing left to check"
    );
}

#[tokio::test]
async fn an_interrupted_create_that_never_reached_callrail_is_marked_failed() {
    let e = env(SimConfig::default()).await;
    let store = SqliteStore::open(&e.dir.path().join(JOURNAL_FILE)).unwrap();
    let mut stuck = entry(
        "stuck",
        "2026-01-01T00:00:00Z",
        &e.company,
        Operation::Create,
        "ana@desk1",
    );
    stuck.connection_id = e.conn.clone();
    stuck.account_id = e.account.clone();
    stuck.tracker_id = None;
    stuck.tracker_name = "Never sent".into();
    store.record_intent(&stuck).await.unwrap();
    let checked = e.desk.reconcile_unfinished().await.unwrap();
    assert_eq!(checked[0].state, EntryState::Failed);
    assert!(checked[0]
        .outcome
        .as_deref()
        .unwrap()
        .contains("no tracker of that name was created"));
}
