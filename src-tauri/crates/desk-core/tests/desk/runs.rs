//! Bulk runs in desk-core, against the simulator over loopback: changes to trackers ticked in the
//! table make a plan like a file's (only the ticked trackers, only what changes), applied as a run;
//! a tracker edited in CallRail since the plan is reported, not forced; a run pauses after the row
//! in flight, resumes where it stopped, and cancels what is unsent.

use crate::common;
mod since_plan;

use callrail_sim::SimConfig;
use common::env;
use desk_core::runs::RowState;
use desk_core::{RunControl, SelectionChange};
use serde_json::Value;

/// The company's active trackers in the simulator, by type.
fn active(e: &common::Env, kind: &str) -> Vec<Value> {
    e.sim
        .trackers(&e.account)
        .into_iter()
        .filter(|t| {
            t["company"]["id"] == e.company.as_str() && t["status"] == "active" && t["type"] == kind
        })
        .collect()
}

fn ids(trackers: &[Value]) -> Vec<String> {
    trackers
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_new_destination_for_ticked_trackers_is_planned_then_applied_as_a_run() {
    let e = env(SimConfig::default()).await;
    let sources = active(&e, "source");
    let change = SelectionChange::Destination {
        number: "(404) 555-0177".into(),
    };
    // The first ticked tracker routes calls through an IVR: its row says why it cannot change.
    let first = ids(&sources[..4]);
    let plan = e
        .desk
        .plan_selection(
            &e.conn,
            &e.account,
            &e.company,
            &first,
            &change,
            Default::default(),
        )
        .await
        .unwrap();
    assert_eq!(plan.rows.len(), 4, "only the ticked trackers");
    let refused: Vec<_> = plan.rows.iter().filter(|r| !r.errors.is_empty()).collect();
    assert_eq!(refused.len(), 1, "{:?}", plan.rows);
    assert_eq!(refused[0].errors[0].column, "destination");
    assert!(refused[0].errors[0].message.contains("call flow"));
    assert!(
        e.desk
            .start_run(&e.conn, &e.account, "x", &plan, false)
            .await
            .is_err(),
        "a plan with errors is not applied"
    );

    // Unticked, the rest plans to three edits of the destination, buying nothing.
    let chosen: Vec<String> = first
        .into_iter()
        .filter(|id| Some(id) != refused[0].tracker_id.as_ref())
        .collect();
    let plan = e
        .desk
        .plan_selection(
            &e.conn,
            &e.account,
            &e.company,
            &chosen,
            &change,
            Default::default(),
        )
        .await
        .unwrap();
    assert_eq!(plan.summary.update, 3, "{:?}", plan.rows);
    assert_eq!(plan.summary.numbers_bought, 0);
    assert!(plan
        .rows
        .iter()
        .all(|r| r.diff.iter().any(|d| d.starts_with("destination:"))));
    let writes_before = e
        .sim
        .requests()
        .iter()
        .filter(|r| r.method != "GET")
        .count();
    assert_eq!(writes_before, 0, "a plan sends nothing");

    // One of them is edited in CallRail meanwhile: that row is reported, not forced.
    let changed = &chosen[1];
    e.desk
        .update_tracker(
            &e.conn,
            &e.account,
            changed,
            &callrail::TrackerChanges {
                whisper: Some("Changed elsewhere".into()),
                ..Default::default()
            },
            0,
        )
        .await
        .unwrap();

    let run = e
        .desk
        .start_run(&e.conn, &e.account, &change.describe(3), &plan, false)
        .await
        .unwrap();
    let view = e
        .desk
        .drive_run(&run.id, &RunControl::default(), &|_| {})
        .await
        .unwrap();
    assert_eq!((view.counts.done, view.counts.changed), (2, 1), "{view:?}");
    let rows = e.desk.run_rows(&run.id).await.unwrap();
    let refused = rows.iter().find(|r| r.state == RowState::Changed).unwrap();
    assert_eq!(refused.tracker_id.as_deref(), Some(changed.as_str()));
    assert!(
        refused.message.as_deref().unwrap().contains("whisper"),
        "{refused:?}"
    );
    for t in e.sim.trackers(&e.account) {
        let id = t["id"].as_str().unwrap();
        let dest = t["call_flow"].to_string();
        if chosen.iter().any(|c| c == id) && id != changed {
            assert!(
                dest.contains("+14045550177"),
                "{id} has the new destination: {dest}"
            );
        } else {
            assert!(!dest.contains("+14045550177"), "{id} was not touched");
        }
    }
}

#[tokio::test]
async fn disabling_ticked_trackers_plans_what_it_releases() {
    let e = env(SimConfig::default()).await;
    let pools = active(&e, "session");
    let chosen = ids(&pools[..1]);
    let plan = e
        .desk
        .plan_selection(
            &e.conn,
            &e.account,
            &e.company,
            &chosen,
            &SelectionChange::Disable,
            Default::default(),
        )
        .await
        .unwrap();
    assert_eq!(plan.summary.disable, 1);
    let pool = pools[0]["tracking_numbers"].as_array().unwrap().len() as u32;
    assert_eq!(
        plan.summary.numbers_released, pool,
        "the whole pool is released"
    );

    let swap = SelectionChange::AddSwapTarget {
        number: "(404) 555-0123".into(),
    };
    let plan = e
        .desk
        .plan_selection(
            &e.conn,
            &e.account,
            &e.company,
            &chosen,
            &swap,
            Default::default(),
        )
        .await
        .unwrap();
    assert_eq!(plan.summary.update, 1, "{:?}", plan.rows);
    assert!(
        plan.rows[0].diff[0].starts_with("swap_targets:"),
        "{:?}",
        plan.rows[0].diff
    );
}

/// What a person does while a run is applied: pause it (or cancel it) once `done` rows are done.
fn stop_at(
    done: u32,
    control: &std::sync::Arc<RunControl>,
    cancel: bool,
) -> impl Fn(desk_core::RunEvent) + Send + Sync {
    let control = control.clone();
    move |event| {
        if let desk_core::RunEvent::Row { counts, .. } = event {
            if counts.done == done {
                if cancel {
                    control.cancel();
                } else {
                    control.pause();
                }
            }
        }
    }
}

/// Eight new trackers as a plan, from a file, and its run.
async fn eight_creates(e: &common::Env) -> desk_core::runs::BulkRun {
    let mut file = String::from("company_id,name,type,destination,area_code,status\n");
    for i in 0..8 {
        file.push_str(&format!(
            "{},Run store {i},source,404-555-0100,404,active\n",
            e.company
        ));
    }
    let run = run_of(e, &file, false).await;
    assert_eq!(run.summary.create, 8);
    run
}

#[tokio::test]
async fn a_run_pauses_after_the_row_in_flight_resumes_where_it_stopped_and_cancels_what_is_unsent()
{
    let e = env(SimConfig {
        latency: Some(std::time::Duration::from_millis(40)),
        ..SimConfig::default()
    })
    .await;
    let run = eight_creates(&e).await;
    let control = std::sync::Arc::new(RunControl::default());
    let paused = e
        .desk
        .drive_run(&run.id, &control, &stop_at(2, &control, false))
        .await
        .unwrap();
    assert_eq!(paused.run.state, desk_core::runs::RunState::Paused);
    assert_eq!(
        (paused.counts.done, paused.counts.pending),
        (2, 6),
        "stopped after the row in flight"
    );
    assert_eq!(
        e.desk.open_runs().await.unwrap().len(),
        1,
        "offered for resume"
    );

    let control = std::sync::Arc::new(RunControl::default());
    let cancelled = e
        .desk
        .drive_run(&run.id, &control, &stop_at(5, &control, true))
        .await
        .unwrap();
    assert_eq!(cancelled.run.state, desk_core::runs::RunState::Cancelled);
    assert_eq!(
        (cancelled.counts.done, cancelled.counts.cancelled),
        (5, 3),
        "resumed at row 3, cancelled after row 5"
    );
    assert!(
        e.desk.open_runs().await.unwrap().is_empty(),
        "a cancelled run is not offered again"
    );
    let made = e
        .sim
        .trackers(&e.account)
        .into_iter()
        .filter(|t| {
            t["name"]
                .as_str()
                .unwrap_or_default()
                .starts_with("Run store")
        })
        .count();
    assert_eq!(made, 5, "each done row made once, nothing after the cancel");
    let again = e
        .desk
        .drive_run(&run.id, &RunControl::default(), &|_| {})
        .await
        .unwrap();
    assert_eq!(again.counts.done, 5, "a cancelled run sends nothing more");
}

#[tokio::test]
async fn rows_a_crash_left_unknown_are_checked_again_once_callrail_had_time_to_show_them() {
    use desk_core::store::{EntryState, Operation, SqliteStore, Store};
    use std::time::Duration;
    let e = env(SimConfig::default()).await;
    let mut tuning = desk_core::Tuning {
        settle: Duration::from_secs(2),
        ..Default::default()
    };
    tuning.check.window = Duration::from_millis(500);
    tuning.check.first_interval = Duration::from_millis(100);
    e.desk.set_tuning(tuning);
    let run = eight_creates(&e).await;

    // The crash, just now: the first two rows' creates were journaled, then the process died
    // before any answer. The first row was marked unknown; the second died before even that, so it
    // is still pending. CallRail has no such trackers (yet, as far as a check can tell).
    let store = SqliteStore::open(&e.dir.path().join(desk_core::JOURNAL_FILE)).unwrap();
    let mut row = e.desk.run_rows(&run.id).await.unwrap().remove(0);
    row.state = RowState::Unknown;
    store.update_run_row(&row).await.unwrap();
    for n in 0..2 {
        let mut entry = common::entry(
            &format!("crashed-{n}"),
            &time::OffsetDateTime::now_utc()
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap(),
            &e.company,
            Operation::Create,
            // This computer's: a crashed process of its own, not another desk's write on its way.
            &format!("ana@{}", gethostname::gethostname().to_string_lossy()),
        );
        entry.connection_id = e.conn.clone();
        entry.account_id = e.account.clone();
        entry.tracker_id = None;
        entry.tracker_name = format!("Run store {n}");
        entry.state = EntryState::Intended;
        store.record_intent(&entry).await.unwrap();
        // What the dead process left in this desk's folder: the entry's lock file, let go of.
        let locks = e.dir.path().join("in-flight");
        std::fs::create_dir_all(&locks).unwrap();
        std::fs::File::create(locks.join(format!("{}.lock", entry.id))).unwrap();
    }

    let events = std::sync::Mutex::new(Vec::new());
    let ended = e
        .desk
        .drive_run(&run.id, &RunControl::default(), &|ev| {
            events.lock().unwrap().push(ev)
        })
        .await
        .unwrap();
    assert_eq!(ended.counts.done, 8, "{:?}", ended.counts);
    for line in [2, 3] {
        let waited = events.lock().unwrap().iter().any(|ev| {
            matches!(ev, desk_core::RunEvent::Waiting { reason, .. }
                if reason.contains(&format!("line {line} has an unknown outcome")))
        });
        assert!(
            waited,
            "line {line} waited for CallRail, then was checked again"
        );
    }
    for n in 0..2 {
        let name = format!("Run store {n}");
        let made = e
            .sim
            .trackers(&e.account)
            .into_iter()
            .filter(|t| t["name"] == name.as_str())
            .count();
        assert_eq!(
            made, 1,
            "{name} made once, after the check showed the crashed create never reached CallRail"
        );
    }
}

/// The run of `file` (a trackers file), planned now.
async fn run_of(e: &common::Env, file: &str, allow_disable: bool) -> desk_core::runs::BulkRun {
    let plan = e
        .desk
        .plan_bulk(
            &e.conn,
            &e.account,
            file.as_bytes(),
            allow_disable,
            Default::default(),
        )
        .await
        .unwrap();
    assert_eq!(plan.summary.errors, 0, "{:?}", plan.rows);
    e.desk
        .start_run(&e.conn, &e.account, "one.csv", &plan, allow_disable)
        .await
        .unwrap()
}

fn named(e: &common::Env, name: &str) -> usize {
    e.sim
        .trackers(&e.account)
        .into_iter()
        .filter(|t| t["name"] == name && t["status"] == "active")
        .count()
}
