//! The `trackerdesk` binary's writes against the simulator over loopback: creating only with `--yes`,
//! bad input refused naming the field, updating and disabling, each journaled.
use crate::common;

use crate::common::*;
use callrail_sim::SimConfig;

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
    let company_reads = s
        .sim
        .requests()
        .iter()
        .filter(|r| r.method == "GET" && r.path.contains("/companies/"))
        .count();
    assert_eq!(
        company_reads, 2,
        "the company is read once to explain the purchase, and once by the create itself"
    );
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
        // Past the note that names the simulator's address.
        let err: String = stderr(&out)
            .lines()
            .filter(|l| !l.starts_with("note: talking to"))
            .map(|l| format!("{l}\n"))
            .collect();
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

/// A write CallRail carried out stands, with exit 0, when only reading the tracker back fails: the
/// read's failure is a warning, and the journal says done.
#[test]
fn a_failing_read_back_is_a_warning_not_a_failure() {
    let s = sim(SimConfig::default());
    let acme = s.company_id("Acme Plumbing");
    // The pool is created; every read of one tracker after it fails.
    s.sim.add_fault("get-tracker:500:always".parse().unwrap());
    let out = s
        .cmd()
        .args(common::writes::session_args(&acme, "Read-back pool"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Created session tracker \"Read-back pool\""),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("warning: it was created, but reading it back"),
        "{}",
        stderr(&out)
    );
    let journal = s.journal();
    assert_eq!(journal[0].state, desk_core::store::EntryState::Succeeded);
    assert_eq!(s.posts(), 1);
}
