//! The harness of the command line's tests: a simulator on its own runtime, and the `trackerdesk`
//! binary pointed at it with an app-data folder of its own.

pub mod writes;

use assert_cmd::Command;
use callrail_sim::{RunningSim, SimConfig, DEMO_API_KEY};
use serde_json::Value;

/// A simulator on its own runtime, serving while the test runs the binary.
pub struct Sim {
    pub sim: RunningSim,
    /// The app-data folder the command line journals its changes in.
    pub home: tempfile::TempDir,
    pub rt: tokio::runtime::Runtime,
}

pub fn sim(config: SimConfig) -> Sim {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let sim = rt.block_on(RunningSim::start(config)).unwrap();
    Sim {
        sim,
        home: tempfile::tempdir().unwrap(),
        rt,
    }
}

impl Sim {
    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("trackerdesk").unwrap();
        c.env_clear()
            .env("XDG_DATA_HOME", self.home.path())
            .env("CALLRAIL_API_KEY", DEMO_API_KEY)
            .arg("--api-base")
            .arg(self.sim.base_url());
        c
    }

    /// The same, to spawn and watch while it runs.
    pub fn process(&self) -> std::process::Command {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("trackerdesk"));
        c.env_clear()
            .env("XDG_DATA_HOME", self.home.path())
            .env("CALLRAIL_API_KEY", DEMO_API_KEY)
            .arg("--api-base")
            .arg(self.sim.base_url());
        c
    }

    pub fn json(&self, args: &[&str]) -> Value {
        let out = self.cmd().arg("--json").args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    pub fn company_id(&self, name: &str) -> String {
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
    pub fn journal(&self) -> Vec<desk_core::store::JournalEntry> {
        use desk_core::store::Store;
        let path = self
            .home
            .path()
            .join(desk_core::APP_IDENTIFIER)
            .join(desk_core::JOURNAL_FILE);
        let store = desk_core::store::SqliteStore::open(&path).unwrap();
        self.rt
            .block_on(store.history(&Default::default()))
            .unwrap()
    }

    pub fn posts(&self) -> usize {
        self.sim
            .requests()
            .iter()
            .filter(|r| r.method == "POST")
            .count()
    }
}

pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}
pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Waits (20 seconds at most) until `done`.
pub fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let started = std::time::Instant::now();
    while !done() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "waited for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
