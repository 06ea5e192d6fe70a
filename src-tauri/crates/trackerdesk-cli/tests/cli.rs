//! The `trackerdesk` binary against the simulator over loopback.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use callrail_sim::{RunningSim, Seed, SimConfig, DEMO_API_KEY};
use serde_json::Value;

/// A simulator on its own runtime, serving while the test runs the binary.
struct Sim {
    sim: RunningSim,
    /// The app-data folder the command line journals its changes in.
    home: tempfile::TempDir,
    _rt: tokio::runtime::Runtime,
}

fn sim(config: SimConfig) -> Sim {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let sim = rt.block_on(RunningSim::start(config)).unwrap();
    Sim {
        sim,
        home: tempfile::tempdir().unwrap(),
        _rt: rt,
    }
}

impl Sim {
    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("trackerdesk").unwrap();
        c.env_clear()
            .env("XDG_DATA_HOME", self.home.path())
            .env("CALLRAIL_API_KEY", DEMO_API_KEY)
            .arg("--api-base")
            .arg(self.sim.base_url());
        c
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self.cmd().arg("--json").args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    fn company_id(&self, name: &str) -> String {
        let companies = self.json(&["companies", "list"]);
        companies
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// The journal the command line wrote, newest first.
    fn journal(&self) -> Vec<desk_core::store::JournalEntry> {
        use desk_core::store::Store;
        let path = self
            .home
            .path()
            .join(desk_core::APP_IDENTIFIER)
            .join(desk_core::JOURNAL_FILE);
        let store = desk_core::store::SqliteStore::open(&path).unwrap();
        self._rt
            .block_on(store.history(&Default::default()))
            .unwrap()
    }

    fn posts(&self) -> usize {
        self.sim
            .requests()
            .iter()
            .filter(|r| r.method == "POST")
            .count()
    }
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}
fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn lists_accounts_companies_and_trackers() {
    let s = sim(SimConfig::default());
    let out = s.cmd().args(["accounts", "list"]).output().unwrap();
    assert!(out.status.success());
    assert!(stdout(&out).contains("Peachtree Digital Agency"));
    let acme = s.company_id("Acme Plumbing");

    let out = s
        .cmd()
        .args(["trackers", "list", "--company", &acme, "--status", "active"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("NUMBERS") && text.contains("(404) "),
        "{text}"
    );
    assert!(text.contains("pool of"), "a pool shows its size: {text}");
    assert!(!text.contains("disabled"), "{text}");

    let all = s.json(&["trackers", "list", "--company", &acme, "--all"]);
    let expected = s
        .sim
        .trackers(&s.sim.account_ids()[0])
        .iter()
        .filter(|t| t["company"]["id"] == acme.as_str())
        .count();
    assert_eq!(all.as_array().unwrap().len(), expected);

    let page = s.json(&[
        "trackers",
        "list",
        "--company",
        &acme,
        "--per-page",
        "2",
        "--page",
        "2",
        "--sort",
        "name",
        "--order",
        "desc",
        "--fields",
        "swap_targets",
    ]);
    assert_eq!(page["page"], 2);
    assert_eq!(page["items"].as_array().unwrap().len(), 2);

    let first = all[0]["id"].as_str().unwrap();
    let out = s.cmd().args(["trackers", "get", first]).output().unwrap();
    assert!(out.status.success());
    assert!(stdout(&out).contains("destination:"));
}

#[test]
fn creating_explains_first_and_buys_only_with_yes() {
    let s = sim(SimConfig::default());
    let acme = s.company_id("Acme Plumbing");
    let base = [
        "trackers",
        "create-source",
        "--company",
        &acme,
        "--name",
        "Mailer Q3",
        "--destination",
        "(404) 555-0100",
        "--area-code",
        "404",
        "--source-type",
        "offline",
    ];
    let out = s.cmd().args(base).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stdout(&out).contains("buys 1 new number"),
        "{}",
        stdout(&out)
    );
    assert!(stderr(&out).contains("--yes"));
    assert_eq!(s.posts(), 0, "nothing was sent");

    let out = s.cmd().args(base).arg("--yes").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Created source tracker \"Mailer Q3\""),
        "{}",
        stdout(&out)
    );
    assert_eq!(s.posts(), 1);
    let journal = s.journal();
    assert_eq!(journal.len(), 1, "the create is journaled");
    assert_eq!(journal[0].tracker_name, "Mailer Q3");
    assert_eq!(journal[0].state, desk_core::store::EntryState::Succeeded);
    assert!(
        journal[0].connection.starts_with("CALLRAIL_API_KEY ••••"),
        "{}",
        journal[0].connection
    );

    let session = [
        "trackers",
        "create-session",
        "--company",
        &acme,
        "--name",
        "Site pool",
        "--destination",
        "404-555-0100",
        "--pool-size",
        "6",
        "--area-code",
        "470",
    ];
    let out = s.cmd().args(session).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stdout(&out).contains("buys 6 new numbers"),
        "{}",
        stdout(&out)
    );
    let t = s.json(&[&session[..], &["--yes"]].concat());
    assert_eq!(t["tracking_numbers"].as_array().unwrap().len(), 6);
}

#[test]
fn bad_input_is_refused_naming_the_field() {
    let s = sim(SimConfig::default());
    for (args, field) in [
        (
            vec![
                "trackers",
                "create-session",
                "--company",
                "COM1",
                "--name",
                "P",
                "--destination",
                "4045550100",
                "--pool-size",
                "3",
                "--yes",
            ],
            "pool_size",
        ),
        (
            vec![
                "trackers",
                "create-session",
                "--company",
                "COM1",
                "--name",
                "P",
                "--destination",
                "4045550100",
                "--pool-size",
                "51",
                "--yes",
            ],
            "pool_size",
        ),
        (
            vec![
                "trackers",
                "create-source",
                "--company",
                "COM1",
                "--name",
                "P",
                "--destination",
                "555-0100",
                "--yes",
            ],
            "destination",
        ),
        (
            vec![
                "trackers",
                "create-source",
                "--company",
                "COM1",
                "--name",
                "P",
                "--destination",
                "4045550100",
                "--source-type",
                "tiktok",
                "--yes",
            ],
            "source",
        ),
        (vec!["trackers", "list", "--per-page", "300"], "per_page"),
    ] {
        let out = s.cmd().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.starts_with("error: ") && err.contains(field),
            "{args:?}: {err}"
        );
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    }
    assert_eq!(s.posts(), 0);
    let out = s
        .cmd()
        .args(["trackers", "update", "TRK1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nothing to change"));
}

#[test]
fn update_and_disable() {
    let s = sim(SimConfig::default());
    let acme = s.company_id("Acme Plumbing");
    let t = s.json(&[
        "trackers",
        "create-session",
        "--company",
        &acme,
        "--name",
        "Spring pool",
        "--destination",
        "4045550100",
        "--pool-size",
        "4",
        "--yes",
    ]);
    let id = t["id"].as_str().unwrap();

    let after = s.json(&[
        "trackers",
        "update",
        id,
        "--name",
        "Spring pool 2026",
        "--no-record",
        "--whisper",
        "Website call",
    ]);
    assert_eq!(after["name"], "Spring pool 2026");
    assert_eq!(after["call_flow"]["recording_enabled"], false);
    assert_eq!(after["call_flow"]["destination_number"], "+14045550100");

    let out = s
        .cmd()
        .args(["trackers", "update", id, "--pool-size", "6"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(3),
        "growing a pool buys numbers: confirm first"
    );
    assert!(stdout(&out).contains("2 more numbers"), "{}", stdout(&out));
    let grown = s.json(&["trackers", "update", id, "--pool-size", "6", "--yes"]);
    assert_eq!(grown["tracking_numbers"].as_array().unwrap().len(), 6);
    let out = s
        .cmd()
        .args(["trackers", "update", id, "--pool-size", "5", "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("only grow"));

    let out = s.cmd().args(["trackers", "disable", id]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stdout(&out).contains("releases") && stdout(&out).contains("for good"),
        "{}",
        stdout(&out)
    );
    assert!(!s.sim.requests().iter().any(|r| r.method == "DELETE"));
    let out = s
        .cmd()
        .args(["trackers", "disable", id, "--yes"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let t = s.json(&["trackers", "get", id]);
    assert_eq!(t["status"], "disabled");
    let out = s
        .cmd()
        .args(["trackers", "disable", id, "--yes"])
        .output()
        .unwrap();
    assert!(out.status.success() && stdout(&out).contains("already disabled"));
    let ops: Vec<_> = s.journal().iter().map(|e| e.operation.as_str()).collect();
    assert_eq!(
        ops,
        ["disable", "update", "update", "create"],
        "every change journaled, newest first"
    );
}

#[test]
fn dni_snippet() {
    let s = sim(SimConfig::default());
    let acme = s.company_id("Acme Plumbing");
    let out = s
        .cmd()
        .args(["dni", "snippet", "--company", &acme])
        .output()
        .unwrap();
    assert!(out.status.success());
    let snippet = stdout(&out);
    assert!(
        snippet
            .trim()
            .starts_with(r#"<script type="text/javascript" src="//cdn.callrail.com/companies/"#),
        "{snippet}"
    );
    assert!(snippet.trim().ends_with(r#"/12/swap.js"></script>"#));
    assert!(stderr(&out).contains("</body>"));
}

#[test]
fn keys_and_accounts() {
    let s = sim(SimConfig::default());
    let out = s
        .cmd()
        .env_remove("CALLRAIL_API_KEY")
        .args(["accounts", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("CALLRAIL_API_KEY"));

    let secret = "wrong-key-abcdef0123456789";
    let out = s
        .cmd()
        .env("CALLRAIL_API_KEY", secret)
        .args(["companies", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("API key"));
    assert!(!stderr(&out).contains(secret) && !stdout(&out).contains(secret));

    let seed: Seed = serde_json::from_value(serde_json::json!({"accounts": [
        {"name": "Agency One", "companies": [{"name": "Co A", "trackers": []}]},
        {"name": "Agency Two", "companies": [{"name": "Co B", "trackers": []}]}
    ]}))
    .unwrap();
    let two = sim(SimConfig {
        seed: Some(seed),
        ..SimConfig::default()
    });
    let out = two.cmd().args(["companies", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("2 accounts") && err.contains("Agency One") && err.contains("Agency Two"),
        "{err}"
    );
    let acc = two.sim.account_ids()[1].clone();
    let out = two
        .cmd()
        .args(["--account", &acc, "companies", "list"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(stdout(&out).contains("Co B") && !stdout(&out).contains("Co A"));
}

/// `--connection NAME` reads the key the app saved in the OS keyring (needs a Secret Service:
/// `scripts/test.sh` provides one).
#[test]
fn a_connection_saved_by_the_app() {
    let s = sim(SimConfig::default());
    let home = tempfile::tempdir().unwrap();
    let data_dir = home.path().join(desk_core::APP_IDENTIFIER);
    let desk = desk_core::Desk::open(
        &data_dir,
        desk_core::SecretStore::for_app(desk_core::APP_IDENTIFIER),
        s.sim.base_url(),
    )
    .unwrap();
    let conn = s
        ._rt
        .block_on(desk.add_connection("Peachtree", DEMO_API_KEY))
        .unwrap();

    let run = |args: &[&str]| {
        let mut c = Command::cargo_bin("trackerdesk").unwrap();
        c.env_clear().env("XDG_DATA_HOME", home.path());
        if let Some(bus) = std::env::var_os("DBUS_SESSION_BUS_ADDRESS") {
            c.env("DBUS_SESSION_BUS_ADDRESS", bus);
        }
        c.args(args).output().unwrap()
    };
    let out = run(&["--connection", "peachtree", "companies", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Acme Plumbing"));
    let out = run(&["--connection", "Nobody", "companies", "list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no Tracker Desk connection named Nobody"));
    s._rt.block_on(desk.remove_connection(&conn.id)).unwrap();
    let out = run(&["--connection", "Peachtree", "companies", "list"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a removed connection is gone: {}",
        stderr(&out)
    );
}
