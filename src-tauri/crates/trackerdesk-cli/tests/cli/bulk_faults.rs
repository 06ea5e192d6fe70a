//! The bulk fault matrix: `kill -9` of `trackerdesk bulk apply` at each point of a row (before the
//! request, while CallRail answers, before the outcome is recorded) × every way of going on
//! (resume at once; `journal check`, which is also what the app's start-up check runs, then
//! resume; a listing command then resume; the file applied again, then the old run resumed) ×
//! {create, update, disable}, with CallRail's clock five minutes behind, right or five minutes
//! ahead in turn. In every cell: each tracker exists once, nothing is released that was not
//! confirmed, and every run row agrees with its journal entry. It prints its table.

use crate::common::*;
use callrail_sim::SimConfig;
use desk_core::runs::RowState;
use desk_core::store::{EntryState, Store};
use serde_json::Value;
use std::process::Stdio;

#[derive(Clone, Copy, Debug)]
enum Op {
    Create,
    Update,
    Disable,
}

#[derive(Clone, Copy, Debug)]
enum Kill {
    /// The row's read before its write hangs: nothing was sent.
    BeforeRequest,
    /// CallRail carried the write out; its answer is slow.
    WhileAnswering,
    /// The answer came; the read that follows it hangs, before the outcome is recorded.
    BeforeRecorded,
}

#[derive(Clone, Copy, Debug)]
enum Then {
    Resume,
    JournalCheck,
    Listing,
    ApplyAgain,
}

const NEW: &str = "Matrix new store";

struct Cell {
    s: Sim,
    file: std::path::PathBuf,
    _dir: tempfile::TempDir,
    account: String,
    company: String,
    /// The existing tracker an update or a disable is about.
    target: Value,
    /// The trackers disabled before the run.
    disabled_before: Vec<Value>,
}

fn disabled(s: &Sim, account: &str) -> Vec<Value> {
    s.sim
        .trackers(account)
        .into_iter()
        .filter(|t| t["status"] == "disabled")
        .map(|t| t["id"].clone())
        .collect()
}

/// A cell on a simulator whose clock is `skew` seconds off this computer's.
fn cell(op: Op, skew: i64) -> Cell {
    let s = sim(SimConfig {
        quirks: callrail_sim::Quirks {
            clock_offset_seconds: skew,
            ..Default::default()
        },
        ..SimConfig::default()
    });
    let account = s.sim.account_ids()[0].clone();
    let company = s.company_id("Acme Plumbing");
    let sources: Vec<Value> = s
        .sim
        .trackers(&account)
        .into_iter()
        .filter(|t| {
            t["company"]["id"] == company.as_str()
                && t["type"] == "source"
                && t["status"] == "active"
        })
        .collect();
    let (target, other) = (sources[0].clone(), &sources[1]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("matrix.csv");
    let row = |t: &Value, whisper: &str, status: &str| {
        format!(
            "{},{},{whisper},{status}",
            t["id"].as_str().unwrap(),
            t["name"].as_str().unwrap()
        )
    };
    // A second row after the first, so a run has something left to do after the kill.
    let text = match op {
        Op::Create => format!(
            "company_id,name,type,source_type,destination,area_code,status\n\
             {company},{NEW},source,offline,404-555-0100,404,active\n\
             {company},Matrix second store,source,offline,404-555-0100,404,active\n"
        ),
        Op::Update => format!(
            "id,name,whisper,status\n{}\n{}\n",
            row(&target, "Matrix whisper", "active"),
            row(other, "Matrix second whisper", "active")
        ),
        Op::Disable => format!(
            "id,name,whisper,status\n{}\n{}\n",
            row(&target, "", "disabled"),
            row(other, "Matrix second whisper", "active")
        ),
    };
    std::fs::write(&file, text).unwrap();
    Cell {
        disabled_before: disabled(&s, &account),
        s,
        file,
        _dir: dir,
        account,
        company,
        target,
    }
}

/// The faults that hold the row at `kill`, and how to tell it was reached.
fn arm(c: &Cell, op: Op, kill: Kill) -> Box<dyn Fn(&Sim) -> bool> {
    let id = c.target["id"].as_str().unwrap().to_owned();
    let reads_of = move |s: &Sim, path_end: &str, method: &str| {
        s.sim
            .requests()
            .iter()
            .filter(|r| r.method == method && r.path.ends_with(path_end))
            .count()
    };
    let faults: Vec<&str> = match (op, kill) {
        // Planning reads the company's listing once; the row's own read before its create hangs.
        (Op::Create, Kill::BeforeRequest) => {
            vec!["get-trackers:latency=1", "get-trackers:latency=20000"]
        }
        (Op::Create, Kill::WhileAnswering) => vec!["post-trackers:latency=20000"],
        // A planned create reads nothing between CallRail's answer and its record: the kill comes
        // right after, as the next row reads.
        (Op::Create, Kill::BeforeRecorded) => vec![
            "get-trackers:latency=1",
            "get-trackers:latency=1",
            "get-trackers:latency=20000",
        ],
        (_, Kill::BeforeRequest) => vec!["get-tracker:latency=20000"],
        (Op::Update, Kill::WhileAnswering) => vec!["put-tracker:latency=20000"],
        (Op::Disable, Kill::WhileAnswering) => vec!["delete-tracker:latency=20000"],
        (_, Kill::BeforeRecorded) => vec!["get-tracker:latency=1", "get-tracker:latency=20000"],
    };
    for f in faults {
        c.s.sim.add_fault(f.parse().unwrap());
    }
    let write = match op {
        Op::Create => "POST",
        Op::Update => "PUT",
        Op::Disable => "DELETE",
    };
    match (op, kill) {
        (Op::Create, Kill::BeforeRequest) => {
            Box::new(move |s: &Sim| reads_of(s, "/trackers.json", "GET") >= 2)
        }
        (Op::Create, Kill::BeforeRecorded) => {
            Box::new(move |s: &Sim| reads_of(s, "/trackers.json", "GET") >= 3)
        }
        (_, Kill::BeforeRequest) => {
            Box::new(move |s: &Sim| reads_of(s, &format!("/trackers/{id}.json"), "GET") >= 1)
        }
        (_, Kill::WhileAnswering) => {
            Box::new(move |s: &Sim| s.sim.requests().iter().any(|r| r.method == write))
        }
        // A disable reads the tracker back after its DELETE; an edit's PUT answers with it, so
        // its kill comes right after, as the next row reads.
        (_, Kill::BeforeRecorded) => Box::new(move |s: &Sim| {
            s.sim
                .requests()
                .iter()
                .filter(|r| r.method == "GET" && r.path.contains("/trackers/TRK"))
                .count()
                >= 2
        }),
    }
}

fn go_on(c: &Cell, then: Then) {
    let run = |args: &[&str]| {
        let out = c.s.cmd().args(args).output().unwrap();
        (out.status.code().unwrap_or(-1), stdout(&out), stderr(&out))
    };
    match then {
        Then::Resume => {}
        Then::JournalCheck => {
            run(&["journal", "check"]);
        }
        Then::Listing => {
            let (code, _, err) = run(&["trackers", "list", "--company", &c.company]);
            assert_eq!(code, 0, "{err}");
        }
        Then::ApplyAgain => {
            let file = c.file.to_string_lossy().into_owned();
            run(&["bulk", "apply", "--allow-disable", "--yes", &file]);
        }
    }
    // Its exit code says how the rows ended (a row changed since the plan is not a success);
    // what the rows and CallRail hold is checked after.
    let (code, out, err) = run(&["bulk", "resume"]);
    assert!(code >= 0, "resume ran to its end: {out} {err}");
}

/// What the cell ended as, checked: each tracker once, nothing released unconfirmed, every row as
/// its entry.
fn verdict(c: &Cell, op: Op) -> String {
    let trackers = c.s.sim.trackers(&c.account);
    let active_named = |name: &str| {
        trackers
            .iter()
            .filter(|t| t["name"] == name && t["status"] == "active")
            .count()
    };
    for name in [NEW, "Matrix second store"] {
        assert!(active_named(name) <= 1, "{name} bought twice");
    }
    let released: Vec<Value> = disabled(&c.s, &c.account)
        .into_iter()
        .filter(|id| !c.disabled_before.contains(id))
        .collect();
    let confirmed = match op {
        Op::Disable => vec![c.target["id"].clone()],
        _ => Vec::new(),
    };
    assert!(
        released.iter().all(|id| confirmed.contains(id)),
        "released what was not confirmed: {released:?}"
    );

    let path =
        c.s.home
            .path()
            .join(desk_core::APP_IDENTIFIER)
            .join(desk_core::JOURNAL_FILE);
    let store = desk_core::store::SqliteStore::open(&path).unwrap();
    let journal = c.s.journal();
    let mut states = Vec::new();
    for run in c.s.rt.block_on(store.runs(10)).unwrap() {
        for row in c.s.rt.block_on(store.run_rows(&run.id)).unwrap() {
            let entry = row
                .entry_id
                .as_ref()
                .and_then(|id| journal.iter().find(|e| &e.id == id));
            if let Some(e) = entry {
                let agrees = match row.state {
                    RowState::Done => e.state == EntryState::Succeeded,
                    RowState::Unknown => e.unresolved(),
                    RowState::Pending => e.state == EntryState::Failed,
                    RowState::NotDone | RowState::Cancelled => e.state != EntryState::Succeeded,
                    RowState::Changed => true,
                };
                assert!(agrees, "row {:?} disagrees with its entry {:?}", row, e);
            }
            states.push(format!("{:?}", row.state).to_lowercase());
        }
    }
    let made = active_named(NEW) + active_named("Matrix second store");
    format!("{} rows: {}; {made} made", states.len(), states.join(","))
}

#[test]
fn every_kill_point_and_every_way_of_going_on_buys_once_and_releases_only_what_was_confirmed() {
    let mut table = vec![format!(
        "{:<8} {:<15} {:<13} {:>6} outcome",
        "write", "killed", "then", "clock"
    )];
    // CallRail's clock five minutes behind this computer's, right, or five minutes ahead, in turn.
    let mut skews = [-300, 0, 300].into_iter().cycle();
    for op in [Op::Create, Op::Update, Op::Disable] {
        for kill in [
            Kill::BeforeRequest,
            Kill::WhileAnswering,
            Kill::BeforeRecorded,
        ] {
            for then in [
                Then::Resume,
                Then::JournalCheck,
                Then::Listing,
                Then::ApplyAgain,
            ] {
                let skew = skews.next().unwrap_or(0);
                let c = cell(op, skew);
                let reached = arm(&c, op, kill);
                let mut child =
                    c.s.process()
                        .env("TRACKERDESK_CHECK_SECONDS", "1")
                        .env("TRACKERDESK_SETTLE_SECONDS", "1")
                        .args(["bulk", "apply", "--allow-disable", "--yes"])
                        .arg(&c.file)
                        .stdout(Stdio::null())
                        .stderr(Stdio::null())
                        .spawn()
                        .unwrap();
                wait_until(&format!("{op:?} {kill:?}"), || reached(&c.s));
                child.kill().unwrap();
                child.wait().unwrap();
                c.s.sim.clear_faults();
                go_on(&c, then);
                let outcome = verdict(&c, op);
                table.push(format!(
                    "{:<8} {:<15} {:<13} {:>+5}s {outcome}",
                    format!("{op:?}").to_lowercase(),
                    format!("{kill:?}"),
                    format!("{then:?}"),
                    skew
                ));
            }
        }
    }
    println!("{}", table.join("\n"));
}
