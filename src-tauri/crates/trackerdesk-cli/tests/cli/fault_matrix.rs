//! `docs/writes.md` rule 9, cell by cell: every fault, carried out by CallRail or not, on every
//! kind of write, through the command line and through the desk the app uses. In each cell a
//! script's naive retry follows a non-zero exit; afterwards there is never a second tracker (or a
//! second purchase), the exit code tells the truth (0 only if carried out, 1 only if not, 4
//! otherwise) and so does the journal. The simulator is as awkward as CallRail: its search lags
//! and matches whole words only, a pool's new numbers show a second late, and a DELETE of a
//! disabled tracker is refused.

use crate::common::sim;
use crate::common::writes::*;
use callrail::{ApiKey, CheckPolicy};
use callrail_sim::DEMO_API_KEY;
use desk_core::store::{EntryState, JournalEntry, Operation};
use desk_core::{Desk, SecretStore, Tuning};
use serde_json::Value;
use std::io::Write;
use std::time::Duration;

const FAULTS: [&str; 8] = [
    "500",
    "502",
    "503",
    "reset",
    "truncate",
    "malformed",
    "timeout",
    "429",
];
#[derive(Debug, Clone, Copy, PartialEq)]
enum Driver {
    CommandLine,
    Desk,
}

fn name_of(op: Op, fault: &str, carried: bool) -> String {
    format!("Matrix {} {fault} {carried}", op.label())
}

/// One cell's result.
struct Cell {
    op: Op,
    fault: &'static str,
    carried: bool,
    driver: Driver,
    first: i32,
    retry: Option<i32>,
    /// Trackers of the cell's name (creates), or whether the change is in CallRail.
    effect: String,
    problems: Vec<String>,
}

fn expected_first(op: Op, fault: &str, carried: bool) -> i32 {
    match (carried, fault, op) {
        (true, _, _) => 0,
        (false, "429", _) => 1,
        (false, _, Op::Update | Op::Disable) => 1,
        // A create or a pool's numbers that do not show may yet: unknown, never "not done".
        (false, _, _) => 4,
    }
}

fn entry_state(code: i32) -> Option<EntryState> {
    match code {
        0 => Some(EntryState::Succeeded),
        1 => Some(EntryState::Failed),
        4 => Some(EntryState::Unknown),
        _ => None,
    }
}

fn run_cell(op: Op, fault: &'static str, carried: bool, driver: Driver) -> Cell {
    let s = sim(awkward());
    let t = targets(&s);
    let name = name_of(op, fault, carried);
    let commit = if carried { ":commit" } else { "" };
    s.sim.add_fault(
        format!("{}:{fault}:once{commit}", op.route())
            .parse()
            .unwrap(),
    );

    let (first, retry, journal) = match driver {
        Driver::CommandLine => {
            let args = cli_args(op, &t, &name);
            let first = run_cli(&s, &args);
            let retry = (first != 0).then(|| run_cli(&s, &args));
            (first, retry, s.journal())
        }
        Driver::Desk => {
            let desk = Desk::open(
                &s.home.path().join("desk"),
                SecretStore::with_service("trackerdesk-fault-matrix"),
                s.sim.base_url(),
            )
            .unwrap();
            desk.set_tuning(Tuning {
                check: CheckPolicy {
                    window: Duration::from_secs(2),
                    first_interval: Duration::from_millis(250),
                    ..CheckPolicy::default()
                },
                timeout: Duration::from_millis(1500),
                ..Tuning::default()
            });
            let conn = desk
                .use_key(ApiKey::new(DEMO_API_KEY).unwrap(), &s.sim.base_url())
                .unwrap()
                .id;
            s.rt.block_on(async {
                let first = run_desk(&desk, &conn, op, &t, &name).await;
                let retry = if first != 0 {
                    Some(run_desk(&desk, &conn, op, &t, &name).await)
                } else {
                    None
                };
                let journal = desk.history(&Default::default()).await.unwrap();
                (first, retry, journal)
            })
        }
    };

    // Pool numbers show a second late: look once they all can.
    std::thread::sleep(Duration::from_millis(1100));
    let trackers = s.sim.trackers(&t.account);
    let by_id = |id: &str| trackers.iter().find(|x| x["id"] == id).unwrap().clone();
    let mut problems = Vec::new();
    let want = expected_first(op, fault, carried);
    if first != want {
        problems.push(format!("first exit {first}, expected {want}"));
    }
    let carried_now = |v: &Value| match op {
        Op::Update => v["name"] == NEW_NAME,
        Op::Grow => v["tracking_numbers"].as_array().unwrap().len() == t.pool_size + 2,
        _ => v["status"] == "disabled",
    };
    let effect = if op.creates() {
        let made = trackers
            .iter()
            .filter(|x| x["name"] == name.as_str())
            .count();
        if made > 1 {
            problems.push(format!("{made} trackers named {name}: bought twice"));
        }
        if (first == 0 || retry == Some(0)) != (made == 1) {
            problems.push(format!("{made} made, but the exits were {first}/{retry:?}"));
        }
        format!("{made} made")
    } else {
        let target = by_id(if op == Op::Grow { &t.pool } else { &t.source });
        let numbers = target["tracking_numbers"].as_array().unwrap().len();
        if op == Op::Grow && numbers > t.pool_size + 2 {
            problems.push(format!("{numbers} numbers: more than asked for"));
        }
        let done = carried_now(&target);
        if (first == 0 || retry == Some(0)) != done {
            problems.push(format!(
                "done is {done}, but the exits were {first}/{retry:?}"
            ));
        }
        if done {
            "done".into()
        } else {
            "not done".into()
        }
    };
    // The truth rule for the first run: 0 only if carried out, 1 only if not.
    if (first == 0 && !carried) || (first == 1 && carried) {
        problems.push(format!("exit {first} tells the wrong story"));
    }
    problems.extend(journal_problems(op, &name, &t, &journal, first, retry));
    Cell {
        op,
        fault,
        carried,
        driver,
        first,
        retry,
        effect,
        problems,
    }
}

/// The first attempt's entry says what its exit code said; a retry that was refused leaves no
/// entry; nothing is left `intended`.
fn journal_problems(
    op: Op,
    name: &str,
    t: &Targets,
    journal: &[JournalEntry],
    first: i32,
    retry: Option<i32>,
) -> Vec<String> {
    let mut problems = Vec::new();
    let mut mine: Vec<&JournalEntry> = journal
        .iter()
        .filter(|e| match op {
            Op::CreateSource | Op::CreateSession => {
                e.operation == Operation::Create && e.tracker_name == name
            }
            Op::Update => {
                e.operation == Operation::Update && e.tracker_id.as_deref() == Some(&t.source)
            }
            Op::Grow => {
                e.operation == Operation::Update && e.tracker_id.as_deref() == Some(&t.pool)
            }
            Op::Disable => e.operation == Operation::Disable,
        })
        .collect();
    // In the order they ended: each process stamps an entry with CallRail's time as its own
    // answers told it, good to a second, so two processes a moment apart may disagree on it.
    mine.sort_by(|a, b| {
        (a.completed_at.as_ref(), &a.created_at).cmp(&(b.completed_at.as_ref(), &b.created_at))
    });
    if journal.iter().any(|e| e.state == EntryState::Intended) {
        problems.push("an entry is left intended".into());
    }
    match mine.first() {
        None => problems.push("no journal entry".into()),
        Some(e) if Some(e.state) != entry_state(first) => problems.push(format!(
            "first entry is {:?} but the exit was {first}",
            e.state
        )),
        Some(_) => {}
    }
    let expected = 1 + usize::from(retry.is_some_and(|r| r != 4));
    if mine.len() != expected {
        problems.push(format!("{} entries, expected {expected}", mine.len()));
    }
    problems
}

fn table(cells: &[Cell]) -> String {
    let mut out = String::from(
        "write            fault      carried  via   exit  retry  after\n\
         ---------------  ---------  -------  ----  ----  -----  ---------\n",
    );
    for c in cells {
        out.push_str(&format!(
            "{:<15}  {:<9}  {:<7}  {:<4}  {:<4}  {:<5}  {}{}\n",
            c.op.label(),
            c.fault,
            if c.carried { "yes" } else { "no" },
            if c.driver == Driver::CommandLine {
                "cli"
            } else {
                "desk"
            },
            c.first,
            c.retry.map(|r| r.to_string()).unwrap_or_else(|| "-".into()),
            c.effect,
            if c.problems.is_empty() {
                String::new()
            } else {
                format!("   FAILED: {}", c.problems.join("; "))
            }
        ));
    }
    out
}

/// Runs every cell for one driver, a few at a time, and prints the matrix (even when captured).
fn matrix(driver: Driver) {
    let mut work = Vec::new();
    for op in OPS {
        for fault in FAULTS {
            for carried in [true, false] {
                work.push((op, fault, carried));
            }
        }
    }
    let mut cells = Vec::new();
    for chunk in work.chunks(8) {
        let done: Vec<Cell> = std::thread::scope(|scope| {
            let handles: Vec<_> = chunk
                .iter()
                .map(|&(op, fault, carried)| {
                    scope.spawn(move || run_cell(op, fault, carried, driver))
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        cells.extend(done);
    }
    let shown = table(&cells);
    let _ = writeln!(
        std::io::stderr(),
        "\nfault matrix through the {driver:?}:\n{shown}"
    );
    let failed: Vec<&Cell> = cells.iter().filter(|c| !c.problems.is_empty()).collect();
    assert!(failed.is_empty(), "{} cells failed:\n{shown}", failed.len());
    assert_eq!(cells.len(), 80);
}

#[test]
fn every_cell_through_the_command_line() {
    matrix(Driver::CommandLine);
}

#[test]
fn every_cell_through_the_desk_the_app_uses() {
    matrix(Driver::Desk);
}

/// A create whose answer is lost while the search index has not seen the new tracker yet: it is
/// found in the company's list, not bought again.
#[test]
fn a_lost_create_is_found_although_search_does_not_show_it() {
    let s = sim(awkward());
    let t = targets(&s);
    let name = "Lagging search billboard";
    s.sim
        .add_fault("post-trackers:500:once:commit".parse().unwrap());
    let args = cli_args(Op::CreateSource, &t, name);
    assert_eq!(run_cli(&s, &args), 0);
    let searched = s.json(&[
        "trackers",
        "list",
        "--company",
        &t.company,
        "--search",
        "Lagging",
    ]);
    assert_eq!(
        searched["items"].as_array().unwrap().len(),
        0,
        "the search index lags: {searched}"
    );
    let made = s
        .sim
        .trackers(&t.account)
        .iter()
        .filter(|x| x["name"] == name)
        .count();
    assert_eq!(made, 1);
    let searches = s
        .sim
        .requests()
        .iter()
        .filter(|r| r.query.as_deref().unwrap_or("").contains("search="))
        .count();
    assert_eq!(searches, 1, "only the person's own list searched");
}
