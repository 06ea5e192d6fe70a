//! Two desks on one team store, like two laptops: this process's desk (the app's part) with a data
//! folder of its own, and the `trackerdesk` binary with another, both journaling in one MongoDB.
//! They need a MongoDB server: `scripts/test.sh` starts one (SecantusDB, see `scripts/with-mongo.sh`)
//! and runs these with `--ignored`; without one they are reported as ignored, with this reason.
mod store_down;

use crate::common::*;
use callrail_sim::{FaultSpec, SimConfig, DEMO_API_KEY};
use desk_core::store::{EntryState, HistoryFilter, JournalEntry};
use desk_core::{Desk, SecretStore, APP_IDENTIFIER};
use std::time::Duration;

const NEEDS: &str = "MONGODB_URI must name a MongoDB server (scripts/with-mongo.sh starts one)";

fn uri() -> String {
    std::env::var("MONGODB_URI").expect(NEEDS)
}

/// The command line keeps the team store's connection string in the app's one keyring entry, so
/// the tests that set it take turns.
static KEYRING_ENTRY: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn keyring_turn() -> std::sync::MutexGuard<'static, ()> {
    KEYRING_ENTRY
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The simulator, the command line's folder (Ben's desk) and this process's desk (Ana's), both on
/// the team database `db`.
struct Team {
    _turn: std::sync::MutexGuard<'static, ()>,
    s: Sim,
    _a_dir: tempfile::TempDir,
    a: Desk,
    conn: String,
    account: String,
    company: String,
    db: String,
}

fn team(config: SimConfig) -> Team {
    let turn = keyring_turn();
    let s = sim(config);
    let db = format!("trackerdesk_team_{:x}", fastrand_u64());
    let base = s.sim.base_url();
    // Ben's desk is the command line's folder: the team store and his name are set once, as the app
    // would, then the binary opens it on its own.
    let b =
        s.rt.block_on(Desk::open_configured(
            &s.home.path().join(APP_IDENTIFIER),
            SecretStore::for_app(APP_IDENTIFIER),
            &base,
        ))
        .unwrap();
    b.set_person_name(Some("Ben")).unwrap();
    s.rt.block_on(b.use_team_store(&uri(), &db, false)).unwrap();
    drop(b);
    let a_dir = tempfile::tempdir().unwrap();
    let a = Desk::open(
        a_dir.path(),
        SecretStore::with_service(format!("com.trackerdesk.test.{:x}", fastrand_u64())),
        &base,
    )
    .unwrap();
    a.set_person_name(Some("Ana")).unwrap();
    let conn =
        s.rt.block_on(a.add_connection("Peachtree", DEMO_API_KEY))
            .unwrap();
    s.rt.block_on(a.use_team_store(&uri(), &db, false)).unwrap();
    let account = conn.account_id.clone().unwrap();
    let company = s.company_id("Acme Plumbing");
    Team {
        _turn: turn,
        s,
        _a_dir: a_dir,
        a,
        conn: conn.id,
        account,
        company,
        db,
    }
}

/// `trackerdesk trackers create-source` of a billboard named `name`, confirmed.
fn create_source(company: &str, name: &str) -> Vec<String> {
    [
        "trackers",
        "create-source",
        "--company",
        company,
        "--name",
        name,
        "--destination",
        "(404) 555-0100",
        "--source-type",
        "offline",
        "--area-code",
        "404",
        "--yes",
    ]
    .map(str::to_owned)
    .to_vec()
}

fn fastrand_u64() -> u64 {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    u64::from(t.subsec_nanos()) ^ (t.as_secs() << 20) ^ u64::from(std::process::id())
}

impl Team {
    /// The command line in Ben's folder, with the keyring of this test session.
    fn ben(&self) -> assert_cmd::Command {
        let mut c = self.s.cmd();
        if let Some(bus) = std::env::var_os("DBUS_SESSION_BUS_ADDRESS") {
            c.env("DBUS_SESSION_BUS_ADDRESS", bus);
        }
        c
    }

    fn create_as_ben(&self, name: &str) -> std::process::Output {
        self.ben()
            .args(create_source(&self.company, name))
            .output()
            .unwrap()
    }

    fn history(&self) -> Vec<JournalEntry> {
        self.s
            .rt
            .block_on(self.a.history(&HistoryFilter::default()))
            .unwrap()
    }

    fn named(&self, name: &str) -> Option<JournalEntry> {
        self.history().into_iter().find(|e| e.tracker_name == name)
    }
}

impl Drop for Team {
    fn drop(&mut self) {
        let db = self.db.clone();
        let _ = self.s.rt.block_on(async move {
            mongodb::Client::with_uri_str(uri())
                .await?
                .database(&db)
                .drop()
                .await
        });
    }
}

#[test]
#[ignore = "needs a MongoDB server: MONGODB_URI (scripts/with-mongo.sh starts one)"]
fn changes_made_at_both_desks_show_in_both_histories_each_with_its_person() {
    let t = team(SimConfig::default());
    t.s.rt
        .block_on(t.a.create_tracker(
            &t.conn,
            &t.account,
            &test_support::source(&t.company, "Team Ana billboard"),
            1,
        ))
        .unwrap();
    let out = t.create_as_ben("Team Ben billboard");
    assert!(out.status.success(), "{}", stderr(&out));

    let seen_by_ana = t.history();
    let person = |name: &str| {
        seen_by_ana
            .iter()
            .find(|e| e.tracker_name == name)
            .map(|e| e.person.clone())
    };
    assert!(person("Team Ana billboard").unwrap().starts_with("Ana@"));
    assert!(person("Team Ben billboard").unwrap().starts_with("Ben@"));
    // Ben's desk reads the same history.
    let b =
        t.s.rt
            .block_on(Desk::open_configured(
                &t.s.home.path().join(APP_IDENTIFIER),
                SecretStore::for_app(APP_IDENTIFIER),
                t.s.sim.base_url(),
            ))
            .unwrap();
    let seen_by_ben =
        t.s.rt
            .block_on(b.history(&HistoryFilter::default()))
            .unwrap();
    for name in ["Team Ana billboard", "Team Ben billboard"] {
        let e = seen_by_ben.iter().find(|e| e.tracker_name == name).unwrap();
        assert_eq!(e.state, EntryState::Succeeded, "{name}");
    }
    assert!(
        t.s.journal().is_empty(),
        "nothing went to Ben's own journal"
    );
}

#[test]
#[ignore = "needs a MongoDB server: MONGODB_URI (scripts/with-mongo.sh starts one)"]
fn a_create_in_flight_at_one_desk_holds_the_other_and_is_not_settled_by_it() {
    let t = team(SimConfig::default());
    // Ana's create is slow to be answered: while it is on its way, Ben tries the same one.
    t.s.sim
        .add_fault("post-trackers:latency=8000".parse::<FaultSpec>().unwrap());
    let a = &t.a;
    let (conn, account, f) = (
        t.conn.clone(),
        t.account.clone(),
        test_support::source(&t.company, "Team same name"),
    );
    std::thread::scope(|scope| {
        let ana = scope.spawn(|| t.s.rt.block_on(a.create_tracker(&conn, &account, &f, 1)));
        std::thread::sleep(Duration::from_millis(1_200));
        let out = t.create_as_ben("Team same name");
        assert_eq!(
            out.status.code(),
            Some(4),
            "held, outcome unknown: {}",
            stderr(&out)
        );
        assert!(
            stderr(&out).contains("still in progress") && stderr(&out).contains("Ana@"),
            "{}",
            stderr(&out)
        );
        // Ben's start-up check leaves Ana's fresh entry alone.
        t.ben().args(["journal", "check"]).output().unwrap();
        assert_eq!(
            t.named("Team same name").unwrap().state,
            EntryState::Intended
        );
        ana.join().unwrap().unwrap();
    });
    assert_eq!(
        t.named("Team same name").unwrap().state,
        EntryState::Succeeded
    );
    assert_eq!(t.s.posts(), 1, "bought once");
}

#[test]
#[ignore = "needs a MongoDB server: MONGODB_URI (scripts/with-mongo.sh starts one)"]
fn the_quota_governor_counts_one_accounts_requests_across_both_desks() {
    let t = team(SimConfig::default());
    let before =
        t.s.rt
            .block_on(t.a.quota(&t.conn, &t.account))
            .unwrap()
            .hour_used;
    t.s.sim.clear_requests();
    let out = t
        .ben()
        .args(["trackers", "list", "--company", &t.company])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // Requests about the account (the list of accounts is nobody's account's).
    let prefix = format!("/v3/a/{}", t.account);
    let bens =
        t.s.sim
            .requests()
            .iter()
            .filter(|r| r.path.starts_with(&prefix))
            .count() as u32;
    let after =
        t.s.rt
            .block_on(t.a.quota(&t.conn, &t.account))
            .unwrap()
            .hour_used;
    assert!(bens >= 1);
    assert!(
        after >= before + bens,
        "Ana's desk counts Ben's {bens} request(s): {before} then {after}"
    );
}

#[test]
#[ignore = "needs a MongoDB server: MONGODB_URI (scripts/with-mongo.sh starts one)"]
fn a_run_one_desk_applies_is_not_resumed_at_the_other_until_its_lease_runs_out() {
    let t = team(SimConfig::default());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("six.csv");
    let mut text = String::from("company_id,name,type,source_type,destination,area_code,status\n");
    for i in 0..6 {
        text.push_str(&format!(
            "{},Team run store {i},source,offline,404-555-0100,404,active\n",
            t.company
        ));
    }
    std::fs::write(&file, text).unwrap();
    // Ben's third create is carried out by CallRail and answered slowly: he is killed waiting.
    for f in [
        "post-trackers:latency=1",
        "post-trackers:latency=1",
        "post-trackers:latency=30000",
    ] {
        t.s.sim.add_fault(f.parse::<FaultSpec>().unwrap());
    }
    let mut ben = t.s.process();
    if let Some(bus) = std::env::var_os("DBUS_SESSION_BUS_ADDRESS") {
        ben.env("DBUS_SESSION_BUS_ADDRESS", bus);
    }
    let mut ben = ben
        .env("TRACKERDESK_LEASE_SECONDS", "3")
        .args(["bulk", "apply", "--yes"])
        .arg(&file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while t.s.posts() < 3 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "Ben's run got going"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // Ana uses the same key, so her desk can drive the run's connection.
    t.a.use_key(
        callrail::ApiKey::new(DEMO_API_KEY).unwrap(),
        &t.s.sim.base_url(),
    )
    .unwrap();
    let runs = t.s.rt.block_on(t.a.runs(10)).unwrap();
    assert_eq!(runs.len(), 1, "Ana sees the team's run");
    let run = runs[0].clone();
    assert!(run.active, "it is being applied");
    assert!(
        run.applied_by
            .as_deref()
            .unwrap_or_default()
            .starts_with("Ben@"),
        "{:?}",
        run.applied_by
    );
    assert!(
        t.s.rt.block_on(t.a.open_runs()).unwrap().is_empty(),
        "not offered for resume while Ben applies it"
    );
    let refused =
        t.s.rt
            .block_on(t.a.drive_run(&run.run.id, &desk_core::RunControl::default(), &|_| {}))
            .unwrap_err()
            .to_string();
    assert!(refused.contains("being applied by Ben@"), "{refused}");

    ben.kill().unwrap();
    ben.wait().unwrap();
    std::thread::sleep(Duration::from_millis(3_500));
    // Ben's desk is another computer's, as far as Ana's can tell: his unfinished create is left
    // alone while it is younger than the minimum age, then checked.
    t.a.set_tuning(desk_core::Tuning {
        min_age: Duration::from_secs(1),
        settle: Duration::from_secs(2),
        ..desk_core::Tuning::default()
    });
    // Ana's desk checks the journal (its start-up check): Ben's create, carried out when he was
    // killed, is found, and the run's row follows its entry.
    t.s.rt.block_on(t.a.reconcile_unfinished()).unwrap();
    let rows = t.s.rt.block_on(t.a.run_rows(&run.run.id)).unwrap();
    assert_eq!(
        rows.iter()
            .map(|r| r.state)
            .filter(|s| *s == desk_core::runs::RowState::Done)
            .count(),
        3,
        "the row Ben was killed in is done once Ana's check found it: {:?}",
        rows.iter()
            .map(|r| (r.state, &r.message))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        t.s.rt.block_on(t.a.open_runs()).unwrap().len(),
        1,
        "offered once the lease ran out"
    );
    let ended =
        t.s.rt
            .block_on(t.a.drive_run(&run.run.id, &desk_core::RunControl::default(), &|_| {}))
            .unwrap();
    assert_eq!(
        ended.counts.done, 6,
        "{:?} {:?}",
        ended.counts, ended.run.reason
    );
    let trackers = t.s.sim.trackers(&t.account);
    for i in 0..6 {
        let name = format!("Team run store {i}");
        assert_eq!(
            trackers
                .iter()
                .filter(|x| x["name"] == name.as_str())
                .count(),
            1,
            "{name} bought once"
        );
    }
    assert_eq!(
        t.s.posts(),
        6,
        "the create Ben was killed in was found, not sent again"
    );
}
