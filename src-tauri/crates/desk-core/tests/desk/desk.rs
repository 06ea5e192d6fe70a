//! desk-core against the simulator over loopback, with keys in the real OS keyring (the Secret
//! Service on Linux: `scripts/test.sh` runs the tests inside a D-Bus session with GNOME Keyring).

use callrail::{SourceInput, TrackerChanges, TrackerForm, TrackerKind};
use callrail_sim::{RunningSim, SimConfig, DEMO_API_KEY};
use desk_core::views::WriteDone;
use desk_core::{CoreError, Desk, SecretError, SecretStore, TrackerListRequest};

struct Env {
    sim: RunningSim,
    desk: Desk,
    dir: tempfile::TempDir,
    secrets: SecretStore,
}

/// A simulator that accepts `key`, and a Desk with its own data folder and keyring service.
async fn env(key: &str) -> Env {
    let sim = RunningSim::start(SimConfig {
        api_keys: vec![key.into()],
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let secrets =
        SecretStore::with_service(format!("com.trackerdesk.test.{:x}", fastrand::u64(..)));
    let desk = Desk::open(dir.path(), secrets.clone(), sim.base_url()).unwrap();
    Env {
        sim,
        desk,
        dir,
        secrets,
    }
}

fn every_file_text(dir: &std::path::Path) -> String {
    let mut out = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.push_str(&every_file_text(&path));
        } else {
            out.push_str(&String::from_utf8_lossy(&std::fs::read(&path).unwrap()));
        }
    }
    out
}

fn source_form(company: &str, name: &str) -> TrackerForm {
    TrackerForm {
        source: Some(SourceInput {
            kind: "google_my_business".into(),
            ..Default::default()
        }),
        record_calls: true,
        ..test_support::source(company, name)
    }
}

#[tokio::test]
async fn a_key_is_checked_then_kept_only_in_the_keyring() {
    let key = "agency-key-5f3c9a1b2d7e";
    let e = env(key).await;

    let refused = e
        .desk
        .add_connection("Peachtree", "not-the-key-0000")
        .await
        .unwrap_err();
    assert!(
        matches!(refused, CoreError::Callrail(callrail::Error::Unauthorized)),
        "{refused:?}"
    );
    assert!(
        e.desk.list_connections().unwrap().is_empty(),
        "nothing saved for a refused key"
    );

    let conn = e.desk.add_connection("Peachtree", key).await.unwrap();
    assert_eq!(conn.key_hint, "••••7e".replace("7e", &key[key.len() - 4..]));
    assert!(!conn.demo);
    assert_eq!(
        e.secrets.load(&conn.id).unwrap().reveal_for_storage(),
        key,
        "the key is in the OS keyring"
    );
    assert!(
        !every_file_text(e.dir.path()).contains(key),
        "the key is in no file"
    );
    assert!(
        !serde_json::to_string(&conn).unwrap().contains(key),
        "nor in what the UI is sent"
    );

    let dup = e.desk.add_connection("peachtree", key).await.unwrap_err();
    assert!(dup.to_string().contains("already"), "{dup}");

    let renamed = e
        .desk
        .rename_connection(&conn.id, "Peachtree Digital")
        .unwrap();
    assert_eq!(renamed.name, "Peachtree Digital");
    // A fresh Desk over the same folder and keyring finds the connection and its key.
    let again = Desk::open(e.dir.path(), e.secrets.clone(), e.sim.base_url()).unwrap();
    let accounts = again.list_accounts(&conn.id).await.unwrap();
    assert_eq!(accounts[0].name, "Peachtree Digital Agency");

    e.desk.remove_connection(&conn.id).await.unwrap();
    assert_eq!(
        e.secrets.load(&conn.id).unwrap_err(),
        SecretError::Missing,
        "the keyring entry is deleted"
    );
    assert!(e.desk.list_connections().unwrap().is_empty());
}

#[tokio::test]
async fn trackers_with_their_money_guards() {
    let e = env(DEMO_API_KEY).await;
    let conn = e
        .desk
        .add_connection("Demo key", DEMO_API_KEY)
        .await
        .unwrap();
    let acc = conn
        .account_id
        .clone()
        .expect("one account is picked for you");
    let companies = e.desk.list_companies(&conn.id, &acc).await.unwrap();
    let acme = companies
        .iter()
        .find(|c| c.name == "Acme Plumbing")
        .unwrap()
        .id
        .clone();
    e.desk
        .remember_selection(&conn.id, Some(acc.clone()), Some(acme.clone()))
        .unwrap();
    assert_eq!(
        e.desk.list_connections().unwrap()[0].company_id.as_deref(),
        Some(acme.as_str())
    );

    let page = e
        .desk
        .list_trackers(
            &conn.id,
            &acc,
            TrackerListRequest {
                company_id: acme.clone(),
                all: true,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(page
        .rows
        .iter()
        .any(|r| r.pool_size > 1 && r.numbers[0].starts_with('(')));
    let active = e
        .desk
        .list_trackers(
            &conn.id,
            &acc,
            TrackerListRequest {
                company_id: acme.clone(),
                status: Some(callrail::StatusFilter::Active),
                per_page: Some(5),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(active.rows.len(), 5);
    assert!(active.total_pages.unwrap() >= 2);

    // The form's verdict, field by field, and the cost line.
    let mut pool = source_form(&acme, "Website pool");
    pool.kind = TrackerKind::Session;
    pool.source = None;
    pool.pool_size = Some(3);
    let check = e.desk.check_tracker(&pool);
    assert_eq!(check.errors[0].field, "pool_size");
    pool.pool_size = Some(6);
    let check = e.desk.check_tracker(&pool);
    assert!(check.errors.is_empty());
    assert_eq!(check.numbers_to_provision, Some(6));
    assert!(check.cost_line.unwrap().contains("6 numbers"));

    // A create must confirm the exact count of numbers it buys.
    let before = e.sim.trackers(&acc).len();
    let refused = e
        .desk
        .create_tracker(&conn.id, &acc, &pool, 1)
        .await
        .unwrap_err();
    assert!(
        matches!(refused, CoreError::ConfirmationRequired { numbers: 6, .. }),
        "{refused:?}"
    );
    assert_eq!(e.sim.trackers(&acc).len(), before, "nothing bought");
    let created = e
        .desk
        .create_tracker(&conn.id, &acc, &pool, 6)
        .await
        .map(WriteDone::from)
        .unwrap();
    assert_eq!(created.tracker.row.pool_size, 6);
    assert_eq!(
        created.tracker.swap_targets.as_deref(),
        Some(&["(404) 555-0100".to_owned()][..])
    );
    let id = created.tracker.row.id.clone();

    // Edits: a before/after, and a bigger pool must confirm the extra numbers.
    let grow = TrackerChanges {
        pool_size: Some(8),
        name: Some("Website pool 2".into()),
        record_calls: Some(false),
        ..Default::default()
    };
    let preview = e
        .desk
        .preview_update(&conn.id, &acc, &id, &grow)
        .await
        .unwrap();
    assert_eq!(preview.extra_numbers, 2);
    let labels: Vec<&str> = preview.changes.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["Name", "Call recording", "Pool size"]);
    assert_eq!(
        (
            preview.changes[2].before.as_str(),
            preview.changes[2].after.as_str()
        ),
        ("6", "8")
    );
    let refused = e
        .desk
        .update_tracker(&conn.id, &acc, &id, &grow, 0)
        .await
        .unwrap_err();
    assert!(matches!(
        refused,
        CoreError::ConfirmationRequired { numbers: 2, .. }
    ));
    let after = e
        .desk
        .update_tracker(&conn.id, &acc, &id, &grow, 2)
        .await
        .map(|w| WriteDone::from(w).tracker)
        .unwrap();
    assert_eq!(
        (
            after.row.pool_size,
            after.row.name.as_str(),
            after.call_flow.recording
        ),
        (8, "Website pool 2", false)
    );

    // Disabling needs the name typed exactly.
    let refused = e
        .desk
        .disable_tracker(&conn.id, &acc, &id, "website pool")
        .await
        .unwrap_err();
    assert!(refused.to_string().contains("exactly"), "{refused}");
    assert_eq!(
        e.desk
            .get_tracker(&conn.id, &acc, &id)
            .await
            .unwrap()
            .row
            .status,
        callrail::TrackerStatus::Active
    );
    let disabled = e
        .desk
        .disable_tracker(&conn.id, &acc, &id, "Website pool 2")
        .await
        .map(|w| WriteDone::from(w).tracker)
        .unwrap();
    assert_eq!(disabled.row.status, callrail::TrackerStatus::Disabled);
    assert!(disabled.tracking_numbers.is_empty());
}

#[tokio::test]
async fn the_dni_snippet_and_the_always_swap_warning() {
    let e = env(DEMO_API_KEY).await;
    let conn = e
        .desk
        .add_connection("Demo key", DEMO_API_KEY)
        .await
        .unwrap();
    let acc = conn.account_id.clone().unwrap();
    let companies = e.desk.list_companies(&conn.id, &acc).await.unwrap();
    let acme = companies
        .iter()
        .find(|c| c.name == "Acme Plumbing")
        .unwrap();
    let dni = e.desk.dni(&conn.id, &acc, &acme.id).await.unwrap();
    assert_eq!(
        dni.snippet,
        format!(
            r#"<script type="text/javascript" src="{}"></script>"#,
            dni.script_url
        )
    );
    assert!(dni.script_url.starts_with("//cdn.callrail.com/companies/"));
    assert_eq!(dni.always_swap_trackers, ["Always-swap main line"]);
    let bright = companies
        .iter()
        .find(|c| c.name == "Bright Dental")
        .unwrap();
    assert!(e
        .desk
        .dni(&conn.id, &acc, &bright.id)
        .await
        .unwrap()
        .always_swap_trackers
        .is_empty());
}

#[tokio::test]
async fn demo_mode_needs_no_account_and_no_keyring_entry() {
    let dir = tempfile::tempdir().unwrap();
    let secrets =
        SecretStore::with_service(format!("com.trackerdesk.test.{:x}", fastrand::u64(..)));
    let desk = Desk::open(dir.path(), secrets, "https://api.callrail.com").unwrap();
    let demo = desk.start_demo().await.unwrap();
    assert!(demo.demo);
    assert_eq!(
        desk.start_demo().await.unwrap().id,
        demo.id,
        "one demo at a time"
    );
    let acc = demo.account_id.clone().unwrap();
    let companies = desk.list_companies(&demo.id, &acc).await.unwrap();
    assert!(companies.len() >= 3);
    assert_eq!(desk.list_connections().unwrap().len(), 1);
    assert!(
        !dir.path().join("settings.json").exists(),
        "the demo is not saved"
    );
    desk.remove_connection(&demo.id).await.unwrap();
    assert!(desk.list_connections().unwrap().is_empty());
}

#[tokio::test]
async fn a_missing_keyring_entry_is_a_clear_error() {
    let key = "agency-key-0123456789ab";
    let e = env(key).await;
    let conn = e.desk.add_connection("Peachtree", key).await.unwrap();
    e.secrets.delete(&conn.id).unwrap();
    let fresh = Desk::open(e.dir.path(), e.secrets.clone(), e.sim.base_url()).unwrap();
    let err = fresh.list_accounts(&conn.id).await.unwrap_err();
    assert!(
        matches!(err, CoreError::Secrets(SecretError::Missing)),
        "{err:?}"
    );
    assert!(err.to_string().contains("add it again"));
}
