//! The store contract's part for bulk work: runs and their rows, and the count of requests.

use journal::store::Store;

/// Runs and their rows are kept as written, newest run first, rows in order, with what they send.
pub async fn runs_contract(store: &dyn Store) {
    use journal::runs::{BulkRun, RowState, RunRow, RunState};
    let run = |id: &str, at: &str| BulkRun {
        id: id.into(),
        created_at: at.into(),
        updated_at: at.into(),
        person: "ana@desk1".into(),
        connection_id: "conn-1".into(),
        account_id: "ACC1".into(),
        source: "stores.csv".into(),
        allow_disable: false,
        state: RunState::Running,
        summary: bulk::Summary::default(),
        rows: 2,
        reason: None,
    };
    let row = |run: &str, index: u32| RunRow {
        run_id: run.into(),
        index,
        planned: bulk::PlannedRow {
            line: index + 2,
            action: bulk::Action::Create,
            tracker_id: None,
            name: format!("Store {index}"),
            diff: Vec::new(),
            numbers_bought: 1,
            numbers_released: 0,
            toll_free: false,
            errors: Vec::new(),
            work: bulk::Work::default(),
        },
        state: RowState::Pending,
        message: None,
        tracker_id: None,
        finished_at: None,
        entry_id: Some(format!("entry-{run}-{index}")),
        work: bulk::Work {
            current_name: Some(format!("kept {index}")),
            ..bulk::Work::default()
        },
    };
    store
        .save_run(
            &run("r1", "2026-01-01T10:00:00Z"),
            &[row("r1", 0), row("r1", 1)],
        )
        .await
        .unwrap();
    store
        .save_run(&run("r2", "2026-01-02T10:00:00Z"), &[row("r2", 0)])
        .await
        .unwrap();
    let mut done = row("r1", 1);
    done.state = RowState::Done;
    done.tracker_id = Some("TRK1".into());
    store.update_run_row(&done).await.unwrap();
    let mut paused = run("r1", "2026-01-01T10:00:00Z");
    paused.state = RunState::Paused;
    store.update_run(&paused).await.unwrap();

    let runs = store.runs(10).await.unwrap();
    assert_eq!(
        runs.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        ["r2", "r1"]
    );
    assert_eq!(runs[1].state, RunState::Paused);
    let rows = store.run_rows("r1").await.unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (rows[0].state, rows[1].state),
        (RowState::Pending, RowState::Done)
    );
    assert_eq!(rows[1].tracker_id.as_deref(), Some("TRK1"));
    assert_eq!(
        rows[0].entry_id.as_deref(),
        Some("entry-r1-0"),
        "a row names its entry"
    );
    assert_eq!(
        rows[0].work.current_name.as_deref(),
        Some("kept 0"),
        "what a row sends is kept"
    );
}

/// Requests are counted per account within the limits, in windows of an hour and a day.
pub async fn quota_contract(store: &dyn Store) {
    let now = 29_000_000;
    for _ in 0..3 {
        assert!(
            store
                .count_request("ACC1", now - 90, Some((5, 8)))
                .await
                .unwrap()
                .taken
        );
    }
    for _ in 0..3 {
        assert!(
            store
                .count_request("ACC1", now - 10, Some((5, 8)))
                .await
                .unwrap()
                .taken
        );
    }
    let c = store.count_request("ACC1", now, None).await.unwrap();
    assert_eq!(
        (c.hour, c.day),
        (3, 6),
        "the hour holds the last 60 minutes only"
    );
    assert_eq!(c.oldest_in_hour, Some(now - 10));
    assert_eq!(c.oldest_in_day, Some(now - 90));
    assert!(
        store
            .count_request("ACC1", now, Some((5, 8)))
            .await
            .unwrap()
            .taken
    );
    assert!(
        store
            .count_request("ACC1", now, Some((5, 8)))
            .await
            .unwrap()
            .taken
    );
    let full = store
        .count_request("ACC1", now, Some((5, 8)))
        .await
        .unwrap();
    assert!(!full.taken, "the sixth in an hour of five is held back");
    assert_eq!(full.hour, 5);
    assert!(
        store
            .count_request("ACC2", now, Some((5, 8)))
            .await
            .unwrap()
            .taken,
        "accounts are counted apart"
    );
    let later = store
        .count_request("ACC1", now + 24 * 60, None)
        .await
        .unwrap();
    assert_eq!(later.day, 0, "a day later the count is empty");

    // Counted by a clock hours ahead (one that has since jumped back): not held against now.
    let ahead = now + 3 * 60;
    for _ in 0..5 {
        store
            .count_request("ACC3", ahead, Some((5, 8)))
            .await
            .unwrap();
    }
    let c = store
        .count_request("ACC3", now, Some((5, 8)))
        .await
        .unwrap();
    assert!(
        c.taken,
        "requests stamped hours ahead do not stall the hour: {c:?}"
    );
    assert_eq!(c.hour, 1);
}

/// A run's lease: one holder at a time, renewed by its holder, taken over once it ran out, let go
/// of by its holder only.
pub async fn leases_contract(store: &dyn Store) {
    use journal::store::LeaseAnswer;
    use std::time::Duration;
    let long = Duration::from_secs(60);
    assert_eq!(
        store
            .lease_run("r1", "ana-1", "ana@desk1", long, None)
            .await
            .unwrap(),
        LeaseAnswer::Granted
    );
    assert_eq!(
        store
            .lease_run("r1", "ana-1", "ana@desk1", long, None)
            .await
            .unwrap(),
        LeaseAnswer::Granted,
        "its holder renews it"
    );
    match store
        .lease_run("r1", "ben-1", "ben@desk2", long, None)
        .await
        .unwrap()
    {
        LeaseAnswer::Held(l) => assert_eq!(
            (l.holder.as_str(), l.person.as_str()),
            ("ana-1", "ana@desk1")
        ),
        other => panic!("a live lease is not shared: {other:?}"),
    }
    assert_eq!(
        store
            .lease_run("r2", "ben-1", "ben@desk2", long, None)
            .await
            .unwrap(),
        LeaseAnswer::Granted,
        "runs are leased apart"
    );
    let live = store.run_leases().await.unwrap();
    assert_eq!(live.len(), 2, "{live:?}");
    store.release_run("r1", "ben-1").await.unwrap();
    assert!(
        matches!(
            store
                .lease_run("r1", "ben-1", "ben@desk2", long, None)
                .await
                .unwrap(),
            LeaseAnswer::Held(_)
        ),
        "only its holder lets go of it"
    );
    store.release_run("r1", "ana-1").await.unwrap();
    assert_eq!(
        store
            .lease_run("r1", "ben-1", "ben@desk2", Duration::from_millis(300), None)
            .await
            .unwrap(),
        LeaseAnswer::Granted,
        "let go of, it is free"
    );
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert!(
        store
            .run_leases()
            .await
            .unwrap()
            .iter()
            .all(|l| l.run_id != "r1"),
        "a lease that ran out is not live"
    );
    assert_eq!(
        store
            .lease_run("r1", "ana-2", "ana@desk1", long, None)
            .await
            .unwrap(),
        LeaseAnswer::Granted,
        "a lease that ran out is taken over"
    );
}
