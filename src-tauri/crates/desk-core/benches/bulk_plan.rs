//! The plan of a 500-row trackers file (250 edits and 250 new trackers) over a company of 10,000
//! trackers, set side by side in one run with listing the same company: the plan should cost little
//! more than the listing it needs, and send nothing. `cargo bench -p desk-core` prints the figures;
//! under `cargo test` a small version checks the same (so it cannot rot).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use callrail::ApiKey;
use callrail_sim::{RunningSim, SimConfig, DEMO_API_KEY};
use desk_core::{Desk, SecretStore};
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// `edits` rows of the export with a new whisper, and `creates` new trackers, as a trackers file.
fn file(export: &[u8], company: &str, edits: usize, creates: usize) -> Vec<u8> {
    let text = std::str::from_utf8(export)
        .unwrap()
        .trim_start_matches('\u{feff}');
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .filter(|r: &Vec<String>| r[col("status")] == "active" && r[col("type")] == "source")
        .take(edits)
        .collect();
    for r in &mut rows {
        r[col("whisper")] = "Bulk whisper".into();
    }
    for i in 0..creates {
        let mut r = vec![String::new(); header.len()];
        for (c, v) in [
            ("company_id", company),
            ("name", &format!("Bench store {i}")),
            ("type", "source"),
            ("destination", "404-555-0100"),
            ("area_code", "404"),
            ("status", "active"),
        ] {
            r[col(c)] = v.into();
        }
        rows.push(r);
    }
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(&header).unwrap();
    for r in rows {
        out.write_record(r).unwrap();
    }
    out.into_inner().unwrap()
}

async fn measure(trackers: usize, edits: usize, creates: usize, runs: usize) {
    let sim = RunningSim::start(SimConfig {
        extra_trackers: trackers,
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(
        dir.path(),
        SecretStore::with_service("com.trackerdesk.bench"),
        sim.base_url(),
    )
    .unwrap();
    // Counted against limits high enough for a benchmark; every request still goes through the store.
    desk.set_tuning(desk_core::Tuning {
        quota: callrail::RateLimits {
            per_hour: 1_000_000,
            per_day: 1_000_000,
        },
        ..desk_core::Tuning::default()
    });
    let conn = desk
        .use_key(ApiKey::new(DEMO_API_KEY).unwrap(), &sim.base_url())
        .unwrap();
    let account = desk.list_accounts(&conn.id).await.unwrap()[0].id.clone();
    let company = desk.list_companies(&conn.id, &account).await.unwrap()[0]
        .id
        .clone();
    let export = desk
        .export_trackers(&conn.id, &account, std::slice::from_ref(&company))
        .await
        .unwrap();
    let bytes = file(&export, &company, edits, creates);
    let (mut plans, mut lists) = (Vec::new(), Vec::new());
    let (mut plan_reads, mut list_reads) = (0, 0);
    for _ in 0..runs {
        let before = sim.requests().len();
        let t = Instant::now();
        desk.export_trackers(&conn.id, &account, std::slice::from_ref(&company))
            .await
            .unwrap();
        lists.push(t.elapsed());
        list_reads = sim.requests().len() - before;

        let before = sim.requests().len();
        let t = Instant::now();
        let plan = desk
            .plan_bulk(&conn.id, &account, &bytes, false, bulk::Prices::default())
            .await
            .unwrap();
        plans.push(t.elapsed());
        let sent = &sim.requests()[before..];
        plan_reads = sent.len();
        assert!(
            sent.iter().all(|r| r.method == "GET"),
            "a plan sends nothing"
        );
        assert_eq!(plan.summary.update as usize, edits);
        assert_eq!(plan.summary.create as usize, creates);
        assert_eq!(plan.summary.errors, 0);
    }
    assert!(
        plan_reads <= list_reads + 1,
        "the plan reads what the listing reads, and the company list: {plan_reads} vs {list_reads}"
    );
    let (plan, list) = (median(plans), median(lists));
    println!(
        "plan of {} rows over {trackers} trackers: {:.3} s median of {runs} ({plan_reads} reads, 0 writes); \
         listing the company as a file: {:.3} s ({list_reads} reads); ratio {:.2}",
        edits + creates,
        plan.as_secs_f64(),
        list.as_secs_f64(),
        plan.as_secs_f64() / list.as_secs_f64()
    );
}

fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    let rt = tokio::runtime::Runtime::new().unwrap();
    if bench {
        rt.block_on(measure(10_000, 250, 250, 5));
    } else {
        rt.block_on(measure(300, 25, 25, 1));
    }
}
