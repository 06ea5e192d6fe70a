//! Injected faults as a client sees them on the wire.

use std::time::{Duration, Instant};

use crate::common::*;
use callrail_sim::SimConfig;
use serde_json::json;

fn body(company_id: &str) -> serde_json::Value {
    json!({"name": "Faulty", "type": "source", "company_id": company_id,
        "tracking_number": {"area_code": "404"}, "source": {"type": "offline"},
        "call_flow": {"type": "basic", "destination_number": "+14045550100"}})
}

fn count(sim: &callrail_sim::RunningSim, acc: &str) -> usize {
    sim.trackers(acc)
        .iter()
        .filter(|t| t["name"] == "Faulty")
        .count()
}

#[tokio::test]
async fn reset_closes_the_connection_and_does_nothing() {
    let (sim, acc) = start(SimConfig::default()).await;
    let co = company(&sim, &acc, "Acme Plumbing");
    sim.add_fault("post-trackers:reset".parse().unwrap());
    let path = format!("/v3/a/{acc}/trackers.json");
    assert!(
        call(&sim, "POST", &path, Some(&body(&co))).await.is_none(),
        "no response at all"
    );
    assert_eq!(count(&sim, &acc), 0);
    assert_eq!(
        call(&sim, "POST", &path, Some(&body(&co)))
            .await
            .unwrap()
            .status,
        201,
        "once by default"
    );
}

#[tokio::test]
async fn commit_fault_creates_the_tracker_and_still_fails() {
    let (sim, acc) = start(SimConfig {
        faults: vec!["post-trackers:500:commit".parse().unwrap()],
        ..SimConfig::default()
    })
    .await;
    let co = company(&sim, &acc, "Acme Plumbing");
    let r = call(
        &sim,
        "POST",
        &format!("/v3/a/{acc}/trackers.json"),
        Some(&body(&co)),
    )
    .await
    .unwrap();
    assert_eq!(
        (r.status, r.json()),
        (500, json!({"error": "Internal Server Error"}))
    );
    assert_eq!(count(&sim, &acc), 1, "processed, but the answer was lost");
    sim.add_fault("post-trackers:503:retry-after=7".parse().unwrap());
    let r = call(
        &sim,
        "POST",
        &format!("/v3/a/{acc}/trackers.json"),
        Some(&body(&co)),
    )
    .await
    .unwrap();
    assert_eq!((r.status, r.header("retry-after")), (503, Some("7")));
    assert_eq!(count(&sim, &acc), 1, "without commit nothing happens");
}

#[tokio::test]
async fn truncate_and_malformed_bodies() {
    let (sim, acc) = start(SimConfig::default()).await;
    let path = format!("/v3/a/{acc}/trackers.json");
    sim.add_fault("get-trackers:truncate".parse().unwrap());
    let r = get(&sim, &path).await;
    assert_eq!(r.status, 200);
    assert!(r.is_truncated(), "body shorter than Content-Length");
    sim.add_fault("get-trackers:malformed".parse().unwrap());
    let r = get(&sim, &path).await;
    assert_eq!(r.status, 200);
    assert!(!r.is_truncated());
    assert!(serde_json::from_slice::<serde_json::Value>(&r.body).is_err());
    let co = company(&sim, &acc, "Acme Plumbing");
    sim.add_fault("post-trackers:truncate".parse().unwrap());
    let r = call(&sim, "POST", &path, Some(&body(&co))).await.unwrap();
    assert!(r.is_truncated());
    assert_eq!(count(&sim, &acc), 0);
    assert_eq!(get(&sim, &path).await.json()["total_records"], 38);
}

#[tokio::test]
async fn latency_and_counted_faults() {
    let (sim, acc) = start(SimConfig::default()).await;
    sim.add_fault("get-companies:latency=150".parse().unwrap());
    let t0 = Instant::now();
    assert_eq!(
        get(&sim, &format!("/v3/a/{acc}/companies.json"))
            .await
            .status,
        200
    );
    assert!(t0.elapsed() >= Duration::from_millis(150));
    sim.add_fault("any:502:2".parse().unwrap());
    assert_eq!(get(&sim, "/v3/a.json").await.status, 502);
    assert_eq!(get(&sim, &format!("/v3/a/{acc}.json")).await.status, 502);
    assert_eq!(get(&sim, &format!("/v3/a/{acc}.json")).await.status, 200);
}
