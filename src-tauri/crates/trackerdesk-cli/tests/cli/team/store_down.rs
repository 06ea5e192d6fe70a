//! The team's store stopped: a desk refuses changes and keeps every entry, reads go on, and it is
//! back by itself; the command line does not wait on it at every request.

use super::*;

/// A MongoDB surrogate of the test's own, to stop and start again on the same port and data.
struct Surrogate {
    port: u16,
    dir: tempfile::TempDir,
    child: Option<std::process::Child>,
}

impl Surrogate {
    fn start() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut s = Self {
            port,
            dir: tempfile::tempdir().unwrap(),
            child: None,
        };
        s.up();
        s
    }

    fn uri(&self) -> String {
        format!("mongodb://127.0.0.1:{}/?directConnection=true", self.port)
    }

    fn up(&mut self) {
        let bin = std::env::var("TRACKERDESK_SECANTUSD")
            .expect("TRACKERDESK_SECANTUSD names the surrogate (scripts/with-mongo.sh)");
        let child = std::process::Command::new(bin)
            .args([
                "--host",
                "127.0.0.1",
                "--port",
                &self.port.to_string(),
                "--log-level",
                "WARNING",
                "--storage-path",
            ])
            .arg(self.dir.path().join("db"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        self.child = Some(child);
        for _ in 0..200 {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the surrogate did not start");
    }

    fn down(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for Surrogate {
    fn drop(&mut self) {
        self.down();
    }
}

#[test]
#[ignore = "needs the MongoDB surrogate: TRACKERDESK_SECANTUSD (scripts/with-mongo.sh)"]
fn the_team_store_stopped_in_the_middle_of_work() {
    let s = sim(SimConfig::default());
    let mut store = Surrogate::start();
    let dir = tempfile::tempdir().unwrap();
    let a = Desk::open(
        dir.path(),
        SecretStore::with_service(format!("com.trackerdesk.test.{:x}", fastrand_u64())),
        s.sim.base_url(),
    )
    .unwrap();
    let conn =
        s.rt.block_on(a.add_connection("Peachtree", DEMO_API_KEY))
            .unwrap();
    let account = conn.account_id.clone().unwrap();
    let company = s.company_id("Acme Plumbing");
    s.rt.block_on(a.use_team_store(&store.uri(), "agency", false))
        .unwrap();
    let create = |name: &str| {
        s.rt.block_on(a.create_tracker(
            &conn.id,
            &account,
            &test_support::source(&company, name),
            1,
        ))
    };
    create("Before the stop 1").unwrap();
    create("Before the stop 2").unwrap();

    // Stopped: a change is refused before anything is sent, and the app says why.
    store.down();
    let posts = s.posts();
    let refused = create("While it is down").unwrap_err().to_string();
    assert!(
        refused.contains("Nothing was sent to CallRail")
            && refused.contains("this computer's history"),
        "{refused}"
    );
    assert_eq!(s.posts(), posts, "nothing sent");
    let info = s.rt.block_on(a.check_store()).unwrap();
    assert!(
        info.warning
            .as_deref()
            .unwrap_or_default()
            .contains("cannot be reached"),
        "{info:?}"
    );
    assert_eq!(
        info.kind, "team",
        "the journal stays the team's: no history split in two"
    );

    // Back on the same data: the desk reconnects by itself, and nothing journaled was lost.
    store.up();
    let mut back = None;
    for _ in 0..40 {
        let info = s.rt.block_on(a.check_store()).unwrap();
        if info.warning.is_none() {
            back = Some(info);
            break;
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    assert!(back.is_some(), "the store came back without a switch");
    let history = s.rt.block_on(a.history(&HistoryFilter::default())).unwrap();
    for name in ["Before the stop 1", "Before the stop 2"] {
        assert!(
            history
                .iter()
                .any(|e| e.tracker_name == name && e.state == EntryState::Succeeded),
            "{name}"
        );
    }
    assert!(
        !history.iter().any(|e| e.tracker_name == "While it is down"),
        "a refused change is not journaled"
    );
    create("After it is back").unwrap();

    // Down again, the person may switch to this computer's history and go on.
    store.down();
    a.use_local_store().unwrap();
    create("On this computer").unwrap();
    let local = s.rt.block_on(a.history(&HistoryFilter::default())).unwrap();
    assert!(local
        .iter()
        .any(|e| e.tracker_name == "On this computer" && e.state == EntryState::Succeeded));
}

#[test]
#[ignore = "needs the MongoDB surrogate: TRACKERDESK_SECANTUSD (scripts/with-mongo.sh names it)"]
fn the_command_line_reads_on_and_refuses_changes_when_the_team_store_is_down() {
    let _turn = keyring_turn();
    let s = sim(SimConfig::default());
    let mut store = Surrogate::start();
    let ben =
        s.rt.block_on(Desk::open_configured(
            &s.home.path().join(APP_IDENTIFIER),
            SecretStore::for_app(APP_IDENTIFIER),
            &s.sim.base_url(),
        ))
        .unwrap();
    s.rt.block_on(ben.use_team_store(&store.uri(), "agency", false))
        .unwrap();
    drop(ben);
    store.down();
    let company = s.company_id("Acme Plumbing");
    let with_bus = |mut c: assert_cmd::Command| {
        if let Some(bus) = std::env::var_os("DBUS_SESSION_BUS_ADDRESS") {
            c.env("DBUS_SESSION_BUS_ADDRESS", bus);
        }
        c
    };
    // Asked once at start (briefly), then not waited for at every request.
    let out = with_bus(s.cmd())
        .args(["trackers", "list", "--company", &company])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("The team's history (MongoDB) cannot be reached"),
        "{}",
        stderr(&out)
    );
    let posts = s.posts();
    let out = with_bus(s.cmd())
        .args(create_source(&company, "While the store is down"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Nothing was sent to CallRail"),
        "{}",
        stderr(&out)
    );
    assert_eq!(s.posts(), posts, "nothing sent");
}
