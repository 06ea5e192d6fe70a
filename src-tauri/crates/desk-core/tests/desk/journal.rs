//! The journal around the desk's writes: the entries every write leaves, a create killed in the
//! middle, recreate and revert, the offline copy, and a team store that cannot be used. Keys are in a
//! real Secret Service.

use crate::common;

use callrail::TrackerChanges;
use callrail_sim::{SimConfig, DEMO_API_KEY};
use common::{entry, env, source, Env};
use desk_core::store::{EntryState, HistoryFilter, Operation, SqliteStore, Store};
use desk_core::views::WriteDone;
use desk_core::{Desk, SecretStore, JOURNAL_FILE};
use std::time::Duration;

mod crash;

#[tokio::test]
async fn every_write_leaves_an_entry_with_before_and_after() {
    let e = env(SimConfig::default()).await;
    let created = e
        .desk
        .create_tracker(&e.conn, &e.account, &source(&e.company, "Journaled"), 1)
        .await
        .unwrap();
    let id = created.tracker.id.clone();
    let changes = TrackerChanges {
        name: Some("Journaled 2".into()),
        ..Default::default()
    };
    e.desk
        .update_tracker(&e.conn, &e.account, &id, &changes, 0)
        .await
        .unwrap();
    e.desk
        .disable_tracker(&e.conn, &e.account, &id, "Journaled 2")
        .await
        .unwrap();
    // Refused before anything is sent: no entry.
    assert!(e
        .desk
        .create_tracker(&e.conn, &e.account, &source(&e.company, "Unconfirmed"), 0)
        .await
        .is_err());
    // Refused by CallRail: a failed entry with its reason.
    let mut far = source(&e.company, "Nowhere");
    far.area_code = Some("907".into());
    assert!(e
        .desk
        .create_tracker(&e.conn, &e.account, &far, 1)
        .await
        .is_err());

    let all = e.desk.history(&HistoryFilter::default()).await.unwrap();
    let ops: Vec<(Operation, EntryState)> = all.iter().map(|x| (x.operation, x.state)).collect();
    assert_eq!(
        ops,
        [
            (Operation::Create, EntryState::Failed),
            (Operation::Disable, EntryState::Succeeded),
            (Operation::Update, EntryState::Succeeded),
            (Operation::Create, EntryState::Succeeded)
        ]
    );
    assert!(
        all[0].outcome.as_deref().unwrap().contains("907"),
        "{:?}",
        all[0].outcome
    );
    let update = &all[2];
    assert_eq!(update.connection, "Peachtree");
    assert!(update.person.contains('@'));
    assert_eq!(update.tracker_id.as_deref(), Some(id.as_str()));
    assert!(update.before.as_deref().unwrap().contains("\"Journaled\""));
    assert!(update.after.as_deref().unwrap().contains("\"Journaled 2\""));
    assert!(update.request.contains("Journaled 2"));
    let disable = &all[1];
    assert!(
        disable
            .outcome
            .as_deref()
            .unwrap()
            .starts_with("Disabled. CallRail released 1 number: (404)"),
        "{:?}",
        disable.outcome
    );
    let per_tracker = e
        .desk
        .history(&HistoryFilter {
            tracker_id: Some(id.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(per_tracker.len(), 3);
    let journal = std::fs::read(e.dir.path().join(JOURNAL_FILE)).unwrap();
    assert!(
        !String::from_utf8_lossy(&journal).contains(DEMO_API_KEY),
        "no key in the journal"
    );
}

/// The process `a_create_killed_midway_is_reconciled_and_never_made_twice` kills: a journaled
/// create through the connection its desk saved.
#[tokio::test]
async fn a_disabled_tracker_is_recreated_and_an_update_reverted() {
    let e = env(SimConfig::default()).await;
    let mut form = source(&e.company, "Spring mailer");
    form.whisper = Some("Mailer call".into());
    form.record_calls = true;
    form.source = Some(callrail::SourceInput {
        kind: "search".into(),
        search_engine: Some("google".into()),
        search_type: Some("paid".into()),
        ..Default::default()
    });
    let t = e
        .desk
        .create_tracker(&e.conn, &e.account, &form, 1)
        .await
        .unwrap()
        .tracker;
    let old_number = t.tracking_numbers[0].clone();

    let changes = TrackerChanges {
        name: Some("Spring mailer 2".into()),
        record_calls: Some(false),
        ..Default::default()
    };
    e.desk
        .update_tracker(&e.conn, &e.account, &t.id, &changes, 0)
        .await
        .unwrap();
    let update = e
        .desk
        .history(&HistoryFilter {
            operation: Some(Operation::Update),
            ..Default::default()
        })
        .await
        .unwrap()
        .remove(0);
    let back = e.desk.revert_changes(&update.id).await.unwrap();
    assert_eq!(
        back,
        TrackerChanges {
            name: Some("Spring mailer".into()),
            record_calls: Some(true),
            ..Default::default()
        }
    );
    let preview = e
        .desk
        .preview_update(&e.conn, &e.account, &t.id, &back)
        .await
        .unwrap();
    assert_eq!(
        preview
            .changes
            .iter()
            .map(|c| c.after.as_str())
            .collect::<Vec<_>>(),
        ["Spring mailer", "on"]
    );
    let reverted = e
        .desk
        .update_tracker(&e.conn, &e.account, &t.id, &back, 0)
        .await
        .unwrap();
    let reverted = WriteDone::from(reverted).tracker;
    assert_eq!(
        (reverted.row.name.as_str(), reverted.call_flow.recording),
        ("Spring mailer", true)
    );

    e.desk
        .disable_tracker(&e.conn, &e.account, &t.id, "Spring mailer")
        .await
        .unwrap();
    let again = e
        .desk
        .recreate_form(&e.conn, &e.account, &t.id)
        .await
        .unwrap();
    assert_eq!(again.name, "Spring mailer");
    assert_eq!(again.area_code.as_deref(), Some("404"));
    assert_eq!(again.whisper.as_deref(), Some("Mailer call"));
    assert_eq!(
        again.source.as_ref().map(|s| s.kind.as_str()),
        Some("search")
    );
    assert!(again.record_calls);
    let recreated = e
        .desk
        .create_tracker(&e.conn, &e.account, &again, 1)
        .await
        .unwrap()
        .tracker;
    assert_ne!(recreated.id, t.id);
    assert_ne!(
        recreated.tracking_numbers[0], old_number,
        "CallRail assigns a new number"
    );
}

#[tokio::test]
async fn last_seen_trackers_are_shown_when_callrail_cannot_be_reached() {
    let e = env(SimConfig::default()).await;
    let request = desk_core::TrackerListRequest {
        company_id: e.company.clone(),
        all: true,
        ..Default::default()
    };
    assert!(
        e.desk
            .cached_trackers(&e.conn, &e.account, &request)
            .await
            .unwrap()
            .is_none(),
        "nothing seen yet"
    );
    let live = e
        .desk
        .list_trackers(&e.conn, &e.account, request.clone())
        .await
        .unwrap();
    assert!(!live.offline && live.seen_at.is_none());
    let cached = e
        .desk
        .cached_trackers(&e.conn, &e.account, &request)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        cached.rows.len(),
        live.rows.len(),
        "the whole company is kept"
    );

    let Env {
        sim,
        desk,
        conn,
        account,
        company,
        ..
    } = e;
    sim.shutdown().await;
    let offline = desk
        .list_trackers(&conn, &account, request.clone())
        .await
        .unwrap();
    assert!(offline.offline);
    assert!(offline.seen_at.is_some());
    assert_eq!(offline.rows.len(), live.rows.len());
    let searched = desk
        .list_trackers(
            &conn,
            &account,
            desk_core::TrackerListRequest {
                search: Some("google".into()),
                status: Some(callrail::StatusFilter::Active),
                ..request
            },
        )
        .await
        .unwrap();
    assert!(
        !searched.rows.is_empty()
            && searched
                .rows
                .iter()
                .all(|r| r.name.to_lowercase().contains("google"))
    );
    let write = desk
        .create_tracker(&conn, &account, &source(&company, "Offline attempt"), 1)
        .await
        .unwrap_err();
    assert!(
        write.to_string().contains("could not reach CallRail"),
        "{write}"
    );
}

#[tokio::test]
async fn a_team_store_that_cannot_be_used_changes_nothing() {
    let e = env(SimConfig::default()).await;
    let bad = e
        .desk
        .use_team_store("postgres://x", "tracker_desk", true)
        .await
        .unwrap_err();
    assert!(bad.to_string().starts_with("uri:"), "{bad}");
    let bad = e
        .desk
        .use_team_store("mongodb://127.0.0.1:1", "no spaces allowed", true)
        .await
        .unwrap_err();
    assert!(bad.to_string().starts_with("database:"), "{bad}");
    // Nothing listens there: refused after the short server-selection wait, and the password in
    // the connection string is never repeated.
    let down = e
        .desk
        .use_team_store(
            "mongodb://agency:s3cret-pw@127.0.0.1:1/?directConnection=true",
            "tracker_desk",
            true,
        )
        .await
        .unwrap_err();
    assert!(
        down.to_string().contains("MongoDB could not be used"),
        "{down}"
    );
    assert!(!down.to_string().contains("s3cret-pw"), "{down}");
    let info = e.desk.store_info().unwrap();
    assert_eq!((info.kind.as_str(), info.database), ("local", None));
    e.desk
        .create_tracker(
            &e.conn,
            &e.account,
            &source(&e.company, "Still journaled"),
            1,
        )
        .await
        .unwrap();
    assert_eq!(
        e.desk
            .history(&HistoryFilter::default())
            .await
            .unwrap()
            .len(),
        1,
        "the local journal keeps working"
    );
}

#[tokio::test]
async fn history_names_the_person_by_the_name_they_chose() {
    let e = env(SimConfig::default()).await;
    let os = e.desk.person().unwrap();
    assert!(!os.chosen && os.name == os.os_user && !os.name.is_empty());
    for bad in ["ana@agency", "tab\there", &"x".repeat(61)] {
        match e.desk.set_person_name(Some(bad)) {
            Err(desk_core::CoreError::Callrail(callrail::Error::Invalid(v))) => {
                assert_eq!(v.0[0].field, "display_name")
            }
            other => panic!("{bad:?} gave {other:?}"),
        }
    }
    assert_eq!(
        e.desk.person().unwrap(),
        os,
        "a refused name changes nothing"
    );

    let named = e.desk.set_person_name(Some("  Ana Ruiz ")).unwrap();
    assert_eq!((named.name.as_str(), named.chosen), ("Ana Ruiz", true));
    e.desk
        .create_tracker(&e.conn, &e.account, &source(&e.company, "Named change"), 1)
        .await
        .unwrap();
    // Kept for the next start: a desk opened on the same folder names the person the same way.
    let again = desk_core::Desk::open(
        e.dir.path(),
        desk_core::SecretStore::with_service(&e.service),
        e.sim.base_url(),
    )
    .unwrap();
    assert_eq!(again.person().unwrap().name, "Ana Ruiz");
    let history = e.desk.history(&Default::default()).await.unwrap();
    let entry = history
        .iter()
        .find(|h| h.tracker_name == "Named change")
        .unwrap();
    assert!(entry.person.starts_with("Ana Ruiz@"), "{}", entry.person);

    let back = e.desk.set_person_name(Some("   ")).unwrap();
    assert_eq!(back, os, "an empty name is the OS account's again");
}

#[tokio::test]
async fn lock_files_of_settled_entries_do_not_pile_up() {
    let e = env(SimConfig::default()).await;
    let store = SqliteStore::open(&e.dir.path().join(JOURNAL_FILE)).unwrap();
    let locks = e.dir.path().join("in-flight");
    std::fs::create_dir_all(&locks).unwrap();
    let now = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    // Settled by another desk: its file is a leftover. Still open: its file marks it as this
    // desk's to check. Never written: a leftover too. A run's lease file is the next taker's.
    let mut settled = entry(
        "settled-1",
        &now,
        &e.company,
        Operation::Update,
        "ana@elsewhere",
    );
    settled.state = EntryState::Succeeded;
    store.record_intent(&settled).await.unwrap();
    let mut open = entry(
        "open-1",
        &now,
        &e.company,
        Operation::Update,
        "ana@elsewhere",
    );
    open.state = EntryState::Intended;
    open.connection_id = "gone-connection".into();
    store.record_intent(&open).await.unwrap();
    for name in ["settled-1", "open-1", "never-written", "run-run-1"] {
        std::fs::File::create(locks.join(format!("{name}.lock"))).unwrap();
    }
    e.desk.reconcile_unfinished().await.unwrap();
    let mut left: Vec<String> = std::fs::read_dir(&locks)
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["open-1.lock", "run-run-1.lock"]);
}
