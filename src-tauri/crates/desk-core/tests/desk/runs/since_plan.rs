//! What happened since a run's plan: a create made another way, a pool grown or a tracker renamed,
//! a row's entry settled by a check, a plan applied once it was planned again, a file fixed.

use super::*;

#[tokio::test]
async fn a_create_made_another_way_since_the_plan_is_not_bought_again() {
    let e = env(SimConfig::default()).await;
    let file = format!(
        "company_id,name,type,destination,area_code,status\n{},Stale store,source,404-555-0100,404,active\n{},Stale store two,source,404-555-0100,404,active\n",
        e.company, e.company
    );
    let run = run_of(&e, &file, false).await;
    // Made by hand in the app after the plan, and the second by someone in CallRail itself (with
    // other spacing and case): neither is bought again.
    e.desk
        .create_tracker(
            &e.conn,
            &e.account,
            &common::source(&e.company, "Stale store"),
            1,
        )
        .await
        .unwrap();
    let by_hand = e
        .desk
        .create_tracker(
            &e.conn,
            &e.account,
            &common::source(&e.company, "STALE  store two"),
            1,
        )
        .await
        .unwrap();
    let ended = e
        .desk
        .drive_run(&run.id, &RunControl::default(), &|_| {})
        .await
        .unwrap();
    assert_eq!(ended.counts.changed, 2, "{:?}", ended.counts);
    assert_eq!(named(&e, "Stale store"), 1, "one tracker, not two");
    assert_eq!(named(&e, "STALE  store two"), 1);
    assert_eq!(named(&e, "Stale store two"), 0);
    let rows = e.desk.run_rows(&run.id).await.unwrap();
    assert!(
        rows[0]
            .message
            .as_deref()
            .unwrap()
            .contains("made since the plan"),
        "{:?}",
        rows[0].message
    );
    assert_eq!(
        rows[1].tracker_id.as_deref(),
        Some(by_hand.tracker.id.as_str())
    );
}

#[tokio::test]
async fn a_disable_releases_no_number_the_plan_did_not_show() {
    let e = env(SimConfig::default()).await;
    let pools = active(&e, "session");
    let sources = active(&e, "source");
    let (grown, renamed) = (&pools[0], &sources[0]);
    let line = |t: &Value| {
        format!(
            "{},{},disabled",
            t["id"].as_str().unwrap(),
            t["name"].as_str().unwrap()
        )
    };
    let run = run_of(
        &e,
        &format!("id,name,status\n{}\n{}\n", line(grown), line(renamed)),
        true,
    )
    .await;
    // Since the plan: the first pool grew by two numbers, the second was renamed.
    let size = grown["tracking_numbers"].as_array().unwrap().len() as u32;
    e.desk
        .update_tracker(
            &e.conn,
            &e.account,
            grown["id"].as_str().unwrap(),
            &callrail::TrackerChanges {
                pool_size: Some(size + 2),
                ..Default::default()
            },
            2,
        )
        .await
        .unwrap();
    e.desk
        .update_tracker(
            &e.conn,
            &e.account,
            renamed["id"].as_str().unwrap(),
            &callrail::TrackerChanges {
                name: Some("Renamed pool".into()),
                ..Default::default()
            },
            0,
        )
        .await
        .unwrap();
    let ended = e
        .desk
        .drive_run(&run.id, &RunControl::default(), &|_| {})
        .await
        .unwrap();
    assert_eq!(ended.counts.changed, 2, "{:?}", ended.counts);
    let rows = e.desk.run_rows(&run.id).await.unwrap();
    assert!(
        rows[0]
            .message
            .as_deref()
            .unwrap()
            .contains("pool was grown"),
        "{:?}",
        rows[0].message
    );
    assert!(
        rows[1].message.as_deref().unwrap().contains("renamed"),
        "{:?}",
        rows[1].message
    );
    let still = active(&e, "session");
    assert!(
        still.iter().any(|s| s["id"] == grown["id"]),
        "the pool is active"
    );
    assert!(
        active(&e, "source")
            .iter()
            .any(|s| s["id"] == renamed["id"]),
        "the renamed tracker is active"
    );
    assert!(
        e.sim.requests().iter().all(|r| r.method != "DELETE"),
        "no DELETE was sent"
    );
}

#[tokio::test]
async fn a_cancelled_runs_unknown_row_follows_its_entry_once_checked() {
    use desk_core::store::{EntryState, Operation, SqliteStore, Store};
    let e = env(SimConfig::default()).await;
    let run = eight_creates(&e).await;
    let control = std::sync::Arc::new(RunControl::default());
    control.cancel();
    e.desk.drive_run(&run.id, &control, &|_| {}).await.unwrap();
    // As a crash leaves it: the first row named its entry, which was journaled; CallRail made
    // the tracker; the row was left unknown (a cancelled run is never resumed).
    let store = SqliteStore::open(&e.dir.path().join(desk_core::JOURNAL_FILE)).unwrap();
    let form = common::source(&e.company, "Run store 0");
    let mut crashed = common::entry(
        "crashed-row-0",
        &time::OffsetDateTime::now_utc()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap(),
        &e.company,
        Operation::Create,
        &format!("ana@{}", gethostname::gethostname().to_string_lossy()),
    );
    crashed.connection_id = e.conn.clone();
    crashed.account_id = e.account.clone();
    crashed.tracker_id = None;
    crashed.tracker_name = form.name.clone();
    crashed.request = form.validate().unwrap().to_body().to_string();
    crashed.state = EntryState::Intended;
    store.record_intent(&crashed).await.unwrap();
    let made =
        callrail::Client::builder(callrail::ApiKey::new(callrail_sim::DEMO_API_KEY).unwrap())
            .base_url(e.sim.base_url())
            .build()
            .unwrap()
            .create_tracker(&e.account, &form.validate().unwrap())
            .await
            .unwrap();
    let locks = e.dir.path().join("in-flight");
    std::fs::create_dir_all(&locks).unwrap();
    std::fs::File::create(locks.join("crashed-row-0.lock")).unwrap();
    let mut row = store.run_rows(&run.id).await.unwrap().remove(0);
    row.state = RowState::Unknown;
    row.entry_id = Some("crashed-row-0".into());
    store.update_run_row(&row).await.unwrap();
    assert_eq!(
        e.desk.run_rows(&run.id).await.unwrap()[0].state,
        RowState::Unknown
    );

    // The start-up check settles the entry; the row follows it.
    e.desk.reconcile_unfinished().await.unwrap();
    let rows = e.desk.run_rows(&run.id).await.unwrap();
    assert_eq!(rows[0].state, RowState::Done, "{:?}", rows[0]);
    assert_eq!(
        rows[0].tracker_id.as_deref(),
        Some(made.tracker.id.as_str())
    );
    assert_eq!(named(&e, "Run store 0"), 1);
    assert!(e.desk.open_runs().await.unwrap().is_empty());
}

#[tokio::test]
async fn applying_a_plan_plans_it_again_and_holds_to_the_numbers_confirmed() {
    let e = env(SimConfig::default()).await;
    let file = format!(
        "company_id,name,type,destination,area_code,status\n{c},Held store 1,source,404-555-0100,404,active\n{c},Held store 2,source,404-555-0100,404,active\n",
        c = e.company
    );
    let path = e.dir.path().join("held.csv");
    std::fs::write(&path, file).unwrap();
    let source = desk_core::PlanSource::File { path };
    let shown = e
        .desk
        .plan(&e.conn, &e.account, source, false, Default::default())
        .await
        .unwrap();
    assert_eq!(shown.plan.summary.numbers_bought, 2);
    // The person looks at the plan a while; meanwhile one of the trackers is made by hand.
    tokio::time::sleep(std::time::Duration::from_millis(5_200)).await;
    e.desk
        .create_tracker(
            &e.conn,
            &e.account,
            &common::source(&e.company, "Held store 1"),
            1,
        )
        .await
        .unwrap();
    let refused = e.desk.apply_plan(&shown.id, 2, 0).await.unwrap_err();
    assert!(
        matches!(
            refused,
            desk_core::CoreError::ConfirmationRequired { numbers: 1, .. }
        ),
        "{refused}"
    );
    let (now, run) = e.desk.apply_plan(&shown.id, 1, 0).await.unwrap();
    assert_eq!((now.plan.summary.create, run.rows), (1, 1));
    let ended = e
        .desk
        .drive_run(&run.id, &RunControl::default(), &|_| {})
        .await
        .unwrap();
    assert_eq!(ended.counts.done, 1);
    assert_eq!(
        (named(&e, "Held store 1"), named(&e, "Held store 2")),
        (1, 1)
    );
    let gone = e.desk.apply_plan(&shown.id, 1, 0).await.unwrap_err();
    assert!(
        matches!(gone, desk_core::CoreError::Refused(_)),
        "applied once: {gone}"
    );
}

#[tokio::test]
async fn planning_again_reads_the_file_as_the_person_fixed_it() {
    let e = env(SimConfig::default()).await;
    let path = e.dir.path().join("pools.csv");
    let write = |pool: u32| {
        std::fs::write(
            &path,
            format!(
                "company_id,name,type,destination,area_code,pool_size,status\n{},Fixed pool,session,404-555-0100,404,{pool},active\n",
                e.company
            ),
        )
        .unwrap()
    };
    write(3);
    let first = e
        .desk
        .plan(
            &e.conn,
            &e.account,
            desk_core::PlanSource::File { path: path.clone() },
            false,
            Default::default(),
        )
        .await
        .unwrap();
    assert_eq!(first.plan.summary.errors, 1, "a pool of 3 breaks the rule");
    write(4);
    let again = e
        .desk
        .replan(&first.id, false, Default::default())
        .await
        .unwrap();
    assert_eq!(
        (again.plan.summary.errors, again.plan.summary.numbers_bought),
        (0, 4),
        "the file as it is now"
    );
}
