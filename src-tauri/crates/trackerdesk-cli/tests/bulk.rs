//! `trackerdesk trackers export` and `trackerdesk bulk plan` against the simulator: an exported file
//! plans to no change, edits plan to what they would do and cost, errors name line, column and rule,
//! and planning sends nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use callrail_sim::SimConfig;
use common::*;
use serde_json::Value;

fn export(s: &Sim, dir: &std::path::Path) -> std::path::PathBuf {
    let out = s
        .cmd()
        .args(["trackers", "export", "--all-companies"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let path = dir.join("trackers.csv");
    std::fs::write(&path, &out.stdout).unwrap();
    path
}

fn plan(s: &Sim, file: &std::path::Path, extra: &[&str]) -> (i32, Value) {
    let out = s
        .cmd()
        .args(["--json", "bulk", "plan"])
        .arg(file)
        .args(extra)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {} {}", stdout(&out), stderr(&out)));
    (out.status.code().unwrap(), json)
}

fn writes(s: &Sim) -> usize {
    s.sim
        .requests()
        .iter()
        .filter(|r| r.method != "GET")
        .count()
}

#[test]
fn an_exported_file_plans_to_no_change_and_nothing_is_sent() {
    let s = sim(SimConfig::default());
    let dir = tempfile::tempdir().unwrap();
    let file = export(&s, dir.path());
    let (code, p) = plan(&s, &file, &[]);
    assert_eq!(code, 0);
    let summary = &p["summary"];
    for key in [
        "create",
        "update",
        "disable",
        "errors",
        "numbers_bought",
        "numbers_released",
        "requests",
    ] {
        assert_eq!(summary[key], 0, "{key}: {summary}");
    }
    let rows = p["rows"].as_array().unwrap();
    assert!(rows.len() > 30 && rows.iter().all(|r| r["action"] == "unchanged"));
    assert_eq!(summary["unchanged"].as_u64().unwrap() as usize, rows.len());
    assert_eq!(writes(&s), 0);
}

#[test]
fn edits_plan_to_what_they_would_do_and_errors_exit_2() {
    let s = sim(SimConfig::default());
    let dir = tempfile::tempdir().unwrap();
    let file = export(&s, dir.path());
    let text = std::fs::read_to_string(&file).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let acme = s.company_id("Acme Plumbing");
    // A new source tracker, and a pool too small to exist.
    lines.push(format!(
        ",{acme},Franchise Store 12,source,offline,,,,,404-555-0100,404,no,,,,,yes,no,active"
    ));
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let (code, p) = plan(&s, &file, &[]);
    assert_eq!(code, 0, "{p}");
    assert_eq!(p["summary"]["create"], 1);
    assert_eq!(p["summary"]["numbers_bought"], 1);
    assert_eq!(p["summary"]["requests"], 1);

    lines.push(format!(
        ",{acme},Tiny pool,session,,,,,,404-555-0100,404,no,3,,,,no,no,active"
    ));
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let (code, p) = plan(&s, &file, &[]);
    assert_eq!(code, 2);
    let bad = p["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["action"] == "error")
        .unwrap();
    assert_eq!(bad["errors"][0]["line"], lines.len());
    assert_eq!(bad["errors"][0]["column"], "pool_size");
    assert!(bad["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("between 4 and 50"));
    assert_eq!(writes(&s), 0, "a plan sends nothing");
}
