//! `kill -9` of the command line during a create, at each point where it can die: after the intent
//! is journaled but before the request, after CallRail made the tracker but before its answer came,
//! and after the answer but before the outcome is journaled. Run again (as a script would), it
//! neither buys twice nor leaves an entry `intended`. And while one create is in flight, a second
//! process's create of the same name is refused.

use crate::common::writes::session_args;
use crate::common::{sim, wait_until, Sim};
use callrail_sim::{SimConfig, DEMO_API_KEY};
use desk_core::store::EntryState;
use std::process::{Child, Command, Stdio};

const NAME: &str = "Crash test pool";

fn company(s: &Sim) -> String {
    s.company_id("Acme Plumbing")
}

fn create(s: &Sim, company: &str) -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("trackerdesk"));
    c.env_clear()
        .env("XDG_DATA_HOME", s.home.path())
        .env("CALLRAIL_API_KEY", DEMO_API_KEY)
        .env("TRACKERDESK_CHECK_SECONDS", "1")
        .args(["--api-base", &s.sim.base_url()])
        .args(session_args(company, NAME))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

fn made(s: &Sim) -> usize {
    let account = s.sim.account_ids()[0].clone();
    s.sim
        .trackers(&account)
        .iter()
        .filter(|t| t["name"] == NAME)
        .count()
}

fn kill(mut child: Child) {
    child.kill().unwrap(); // SIGKILL on Unix: nothing of the process runs after it
    child.wait().unwrap();
}

/// Kills a create at the point `reached` says, runs it again, and returns the second run's exit
/// code and stderr after checking that nothing was bought twice and nothing is left intended.
fn crash_then_retry(faults: &[&str], reached: impl Fn(&Sim) -> bool) -> (Sim, i32, String) {
    let s = sim(SimConfig::default());
    let company = company(&s);
    for fault in faults {
        s.sim.add_fault(fault.parse().unwrap());
    }
    let child = create(&s, &company).spawn().unwrap();
    wait_until("the kill point", || reached(&s));
    kill(child);
    let journal = s.journal();
    assert_eq!(journal.len(), 1);
    assert_eq!(
        journal[0].state,
        EntryState::Intended,
        "the crash left it open"
    );

    let again = create(&s, &company).output().unwrap();
    let code = again.status.code().unwrap();
    let stderr = String::from_utf8_lossy(&again.stderr).into_owned();
    assert!(made(&s) <= 1, "bought twice: {stderr}");
    assert!(
        s.journal().iter().all(|e| e.state != EntryState::Intended),
        "{:?}",
        s.journal()
    );
    (s, code, stderr)
}

#[test]
fn killed_before_the_request_is_not_sent_again_blindly() {
    // The desk journals the intent, then reads the company (it must be active) before the POST:
    // that read, the create's only one, hangs.
    let (s, code, stderr) = crash_then_retry(&["get-company:latency=8000"], |s| {
        let reads = s
            .sim
            .requests()
            .iter()
            .filter(|r| r.path.contains("/companies/"))
            .count();
        reads == 1 && s.journal().len() == 1
    });
    assert_eq!(made(&s), 0);
    assert_eq!(code, 4, "not found yet, and it may still show: {stderr}");
    assert_eq!(s.journal()[0].state, EntryState::Unknown);
    assert!(s.sim.requests().iter().all(|r| r.method != "POST"));
}

#[test]
fn killed_while_callrail_answers_is_found_not_bought_again() {
    // CallRail makes the tracker, then its answer is slow: the process dies waiting.
    let (s, code, stderr) = crash_then_retry(&["post-trackers:latency=8000"], |s| made(s) == 1);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(made(&s), 1);
    assert_eq!(s.journal()[0].state, EntryState::Succeeded);
    assert_eq!(s.posts(), 1, "the second run did not POST");
}

#[test]
fn killed_before_the_outcome_is_journaled_is_found_not_bought_again() {
    // The answer came; the pool is read back with its swap targets before the outcome is written.
    let (s, code, stderr) = crash_then_retry(&["get-tracker:latency=8000"], |s| {
        s.sim
            .requests()
            .iter()
            .any(|r| r.method == "GET" && r.path.contains("/trackers/TRK"))
    });
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(made(&s), 1);
    assert_eq!(s.journal()[0].state, EntryState::Succeeded);
    assert_eq!(s.posts(), 1);
}

#[test]
fn a_second_create_of_the_same_name_waits_for_the_first() {
    let s = sim(SimConfig::default());
    let company = company(&s);
    s.sim
        .add_fault("post-trackers:latency=3000".parse().unwrap());
    let first = create(&s, &company).spawn().unwrap();
    wait_until("the first POST", || s.posts() == 1);
    let second = create(&s, &company).output().unwrap();
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(4), "{stderr}");
    assert!(stderr.contains("still in progress"), "{stderr}");
    let first = first.wait_with_output().unwrap();
    assert!(first.status.success());
    assert_eq!(made(&s), 1);
    assert_eq!(s.posts(), 1);
}
