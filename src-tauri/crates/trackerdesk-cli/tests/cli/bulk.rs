//! `trackerdesk trackers export` and `trackerdesk bulk plan` against the simulator: an exported file
//! plans to no change, edits plan to what they would do and cost, errors name line, column and rule,
//! and planning sends nothing.

use crate::common::*;
use callrail_sim::SimConfig;
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
    assert_eq!(
        p["summary"]["requests"], 2,
        "a read of the company and the POST"
    );

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

/// Edits `file` as a person would in a spreadsheet: a new source tracker and a new pool, a whisper
/// on the first active source tracker, and the second one marked disabled.
fn edit(file: &std::path::Path, company: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let sources: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i][col("type")] == "source" && rows[i][col("status")] == "active")
        .collect();
    rows[sources[0]][col("whisper")] = "Bulk whisper".into();
    rows[sources[1]][col("status")] = "disabled".into();
    for (name, kind, pool) in [
        ("Franchise Store 1", "source", ""),
        ("Franchise pool", "session", "4"),
    ] {
        let mut row = vec![String::new(); header.len()];
        for (c, v) in [
            ("company_id", company),
            ("name", name),
            ("type", kind),
            ("destination", "404-555-0100"),
            ("area_code", "404"),
            ("pool_size", pool),
            ("record_calls", "no"),
            ("status", "active"),
        ] {
            row[col(c)] = v.into();
        }
        rows.push(row);
    }
    let mut out = csv::Writer::from_path(file).unwrap();
    out.write_record(&header).unwrap();
    for r in rows {
        out.write_record(r).unwrap();
    }
}

#[test]
fn applying_a_file_does_the_plan_once_pausing_on_a_429_and_again_does_nothing() {
    let s = sim(SimConfig::default());
    let dir = tempfile::tempdir().unwrap();
    let file = export(&s, dir.path());
    edit(&file, &s.company_id("Acme Plumbing"));
    let apply = |extra: &[&str]| {
        s.cmd()
            .args(["bulk", "apply"])
            .arg(&file)
            .args(extra)
            .output()
            .unwrap()
    };
    let out = apply(&[]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "the disable is not allowed: {}",
        stdout(&out)
    );
    let out = apply(&["--allow-disable"]);
    assert_eq!(out.status.code(), Some(3), "only explained without --yes");
    assert!(
        stdout(&out).contains("buys 5 number(s)"),
        "{}",
        stdout(&out)
    );
    assert_eq!(writes(&s), 0);

    s.sim
        .add_fault("post-trackers:429:once:retry-after=1".parse().unwrap());
    let out = apply(&["--allow-disable", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("paused: CallRail is limiting requests"),
        "{}",
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("4 done, 0 not done"),
        "{}",
        stdout(&out)
    );
    let account = s.sim.account_ids()[0].clone();
    let trackers = s.sim.trackers(&account);
    for name in ["Franchise Store 1", "Franchise pool"] {
        assert_eq!(
            trackers.iter().filter(|t| t["name"] == name).count(),
            1,
            "{name}"
        );
    }
    assert!(trackers
        .iter()
        .any(|t| t["whisper_message"] == "Bulk whisper"));
    assert_eq!(
        s.journal().len(),
        5,
        "every row journaled (and the refused 429 too)"
    );

    // The same file again: nothing left to do, nothing bought twice.
    let before = s.posts();
    let (code, p) = plan(&s, &file, &["--allow-disable"]);
    assert_eq!(code, 0);
    assert_eq!(p["summary"]["create"], 0);
    assert_eq!(p["summary"]["update"], 0);
    assert_eq!(p["summary"]["disable"], 0);
    let out = apply(&["--allow-disable", "--yes"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("Nothing to do"), "{}", stdout(&out));
    assert_eq!(s.posts(), before);
}
