//! The `trackerdesk` binary against the simulator over loopback: what it reads (accounts, companies,
//! trackers, the DNI snippet) and where its key comes from. Its writes are in `tracker_writes.rs`.

use crate::common::*;
use assert_cmd::Command;
use callrail_sim::{Seed, SimConfig, DEMO_API_KEY};

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
    let conn =
        s.rt.block_on(desk.add_connection("Peachtree", DEMO_API_KEY))
            .unwrap();

    let run = |args: &[&str]| {
        let mut c = Command::cargo_bin("trackerdesk").unwrap();
        // The app saved the connection for CallRail itself; this run points it at the simulator.
        c.env_clear()
            .env("XDG_DATA_HOME", home.path())
            .env("CALLRAIL_API_BASE", s.sim.base_url());
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
    s.rt.block_on(desk.remove_connection(&conn.id)).unwrap();
    let out = run(&["--connection", "Peachtree", "companies", "list"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a removed connection is gone: {}",
        stderr(&out)
    );
}

/// A name with a terminal escape sequence (set in CallRail by anyone) prints as plain text.
#[test]
fn names_from_callrail_cannot_drive_the_terminal() {
    let seed = Seed::from_json(
        r#"{"accounts": [{"name": "Agency", "companies": [{"name": "Co", "trackers": [
            {"name": "Bill\u001b[2J\u001b]0;owned\u0007board", "type": "source",
             "area_code": "404", "destination_number": "+14045550100"}]}]}]}"#,
    )
    .unwrap();
    let s = sim(SimConfig {
        seed: Some(seed),
        ..SimConfig::default()
    });
    let company = s.company_id("Co");
    let out = s
        .cmd()
        .args(["trackers", "list", "--company", &company])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Bill[2J]0;ownedboard"), "{text}");
    assert!(
        !text.chars().any(|c| c == '\u{1b}' || c == '\u{7}'),
        "{text:?}"
    );
}

/// Another API address than CallRail's is said on every run that uses it.
#[test]
fn another_api_address_is_named_on_every_run() {
    let s = sim(SimConfig::default());
    let out = s.cmd().args(["accounts", "list"]).output().unwrap();
    assert!(out.status.success());
    assert!(
        stderr(&out).contains(&format!(
            "talking to {} instead of CallRail",
            s.sim.base_url()
        )),
        "{}",
        stderr(&out)
    );
}

#[test]
fn usage_names_the_idle_trackers_and_what_disabling_them_saves() {
    let s = sim(SimConfig::default());
    let acme = s.company_id("Acme Plumbing");
    // The demo agency: every fourth active tracker is never called, and all are older than 30 days.
    let report = s.json(&[
        "usage",
        "--company",
        &acme,
        "--days",
        "30",
        "--local-price",
        "3.5",
    ]);
    let trackers = report["trackers"].as_array().unwrap();
    assert!(!trackers.is_empty());
    assert!(trackers.iter().all(|t| t["company_id"] == acme.as_str()));
    let idle: Vec<&serde_json::Value> = trackers.iter().filter(|t| t["idle"] == true).collect();
    assert!(!idle.is_empty(), "{report}");
    assert!(idle.iter().all(|t| t["calls"] == 0));
    let saving: f64 = idle.iter().map(|t| t["monthly"].as_f64().unwrap()).sum();
    assert!((report["account"]["saving"].as_f64().unwrap() - saving).abs() < 1e-9);
    assert_eq!(report["prices"]["local"], 3.5, "the price given is used");

    // As text: the companies' table, the idle trackers by id, the request count; the price is kept.
    let out = s
        .cmd()
        .args(["usage", "--company", &acme])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("COST/MONTH") && text.contains("Acme Plumbing"),
        "{text}"
    );
    assert!(text.contains("$3.50 local"), "{text}");
    assert!(text.contains(idle[0]["id"].as_str().unwrap()), "{text}");
    assert!(text.contains("request(s) to CallRail"), "{text}");

    // Bad input names the rule and changes nothing.
    let out = s
        .cmd()
        .args(["usage", "--visitors", "TRK1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("TRK=N"));
    let out = s.cmd().args(["usage", "--days", "0"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
