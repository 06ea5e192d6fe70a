//! The trackers table the desk holds for the window: a company of thousands read whole from the
//! simulator, searched, ordered and handed out a window at a time, patched by the desk's own
//! writes, let go when the window moves on, and never more than a few held.

use crate::common;

use callrail::{Order, StatusFilter, TrackerChanges};
use callrail_sim::SimConfig;
use common::{env, source};
use desk_core::table::{SortKey, TableQuery};
use desk_core::{CoreError, TrackerListRequest};

fn every(company: &str) -> TrackerListRequest {
    TrackerListRequest {
        company_id: company.into(),
        all: true,
        ..Default::default()
    }
}

#[tokio::test]
async fn a_company_read_whole_is_held_in_rust_and_handed_out_a_window_at_a_time() {
    let e = env(SimConfig {
        extra_trackers: 3_000,
        ..SimConfig::default()
    })
    .await;
    let head = e
        .desk
        .open_table(&e.conn, &e.account, every(&e.company), None)
        .await
        .unwrap();
    assert!(head.loaded > 3_000, "{head:?}");
    assert_eq!(e.desk.table_rows_held(), head.loaded as usize);

    // The window: a block of rows, and how many the query shows in all.
    let all = TableQuery::default();
    let first = e.desk.table_rows(head.table, &all, 0, 50).unwrap();
    assert_eq!(first.shown, head.loaded);
    assert_eq!(first.rows.len(), 50);
    let names: Vec<String> = first.rows.iter().map(|r| r.name.to_lowercase()).collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "A to Z: {names:?}");
    let tail = e
        .desk
        .table_rows(head.table, &all, head.loaded - 10, 50)
        .unwrap();
    assert_eq!(tail.rows.len(), 10);

    // Searched by a pool's hidden number: the row comes with that number first.
    let pool = (0..head.loaded)
        .step_by(50)
        .flat_map(|at| e.desk.table_rows(head.table, &all, at, 50).unwrap().rows)
        .find(|r| r.numbers.len() >= 4)
        .expect("a pool");
    let hidden = pool.numbers[2].clone();
    let found = e
        .desk
        .table_rows(
            head.table,
            &TableQuery {
                text: hidden.clone(),
                ..TableQuery::default()
            },
            0,
            50,
        )
        .unwrap();
    assert_eq!(found.shown, 1, "{hidden}");
    assert_eq!(found.rows[0].id, pool.id);
    assert_eq!(found.rows[0].numbers[0], hidden);

    // Filtered and ordered by another column, both ways; ids for a range or every row shown.
    let active = TableQuery {
        status: Some(StatusFilter::Active),
        sort: SortKey::Created,
        order: Some(Order::Desc),
        ..TableQuery::default()
    };
    let newest = e.desk.table_rows(head.table, &active, 0, 50).unwrap();
    assert!(newest.shown < head.loaded);
    let created: Vec<_> = newest.rows.iter().map(|r| r.created_at.clone()).collect();
    assert!(created.windows(2).all(|w| w[0] >= w[1]));
    let ids = e
        .desk
        .table_ids(head.table, &active, 0, newest.shown)
        .unwrap();
    assert_eq!(ids.len(), newest.shown as usize);
    assert_eq!(ids[0], newest.rows[0].id);

    // Let go: asked again, it is gone, and nothing is held.
    e.desk.close_table(head.table);
    assert_eq!(e.desk.table_rows_held(), 0);
    let gone = e.desk.table_rows(head.table, &all, 0, 50).unwrap_err();
    assert!(matches!(gone, CoreError::NotFound(_)), "{gone:?}");
}

#[tokio::test]
async fn the_desks_writes_are_patched_into_the_tables_it_holds() {
    let e = env(SimConfig::default()).await;
    let whole = e
        .desk
        .open_table(&e.conn, &e.account, every(&e.company), None)
        .await
        .unwrap();
    let page = e
        .desk
        .open_table(
            &e.conn,
            &e.account,
            TrackerListRequest {
                company_id: e.company.clone(),
                per_page: Some(5),
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
    let named = |table: u32, text: &str| {
        e.desk
            .table_rows(
                table,
                &TableQuery {
                    text: text.into(),
                    ..TableQuery::default()
                },
                0,
                50,
            )
            .unwrap()
    };

    // A new tracker joins the list of every tracker, not the page (it may belong on another).
    let made = e
        .desk
        .create_tracker(
            &e.conn,
            &e.account,
            &source(&e.company, "Held Billboard"),
            1,
        )
        .await
        .unwrap();
    assert_eq!(named(whole.table, "held billboard").shown, 1);
    assert_eq!(named(page.table, "held billboard").shown, 0);
    assert_eq!(named(whole.table, "").shown, whole.loaded + 1);

    // An edit is put in place wherever the tracker is held.
    let first = e
        .desk
        .table_rows(page.table, &TableQuery::default(), 0, 1)
        .unwrap()
        .rows[0]
        .clone();
    e.desk
        .update_tracker(
            &e.conn,
            &e.account,
            &first.id,
            &TrackerChanges {
                name: Some("Renamed While Held".into()),
                ..TrackerChanges::default()
            },
            0,
        )
        .await
        .unwrap();
    for table in [whole.table, page.table] {
        let hit = named(table, "renamed while held");
        assert_eq!((hit.shown, hit.rows[0].id.as_str()), (1, first.id.as_str()));
    }

    // A disable too: the row stays, disabled, and the active filter leaves it out.
    e.desk
        .disable_tracker(&e.conn, &e.account, &made.tracker.id, "Held Billboard")
        .await
        .unwrap();
    let active = TableQuery {
        text: "held billboard".into(),
        status: Some(StatusFilter::Active),
        ..TableQuery::default()
    };
    assert_eq!(
        e.desk
            .table_rows(whole.table, &active, 0, 50)
            .unwrap()
            .shown,
        0
    );
    assert_eq!(named(whole.table, "held billboard").shown, 1);
}

#[tokio::test]
async fn only_a_few_tables_are_held_the_least_recently_used_let_go_first() {
    let e = env(SimConfig::default()).await;
    let mut opened = Vec::new();
    for _ in 0..6 {
        let head = e
            .desk
            .open_table(&e.conn, &e.account, every(&e.company), None)
            .await
            .unwrap();
        opened.push(head.table);
        // The first one is used again each time: it stays.
        e.desk
            .table_rows(opened[0], &TableQuery::default(), 0, 1)
            .unwrap();
    }
    let held: Vec<u32> = opened
        .iter()
        .copied()
        .filter(|&t| e.desk.table_rows(t, &TableQuery::default(), 0, 1).is_ok())
        .collect();
    assert_eq!(held, [opened[0], opened[3], opened[4], opened[5]]);
}
