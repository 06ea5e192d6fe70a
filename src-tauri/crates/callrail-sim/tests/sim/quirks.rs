//! The real API's awkward sides, each behind a flag: a search that lags and matches whole words, pool
//! numbers that show late, a DELETE of a disabled tracker refused, CallRail's daily limit beside the
//! hourly one (both on by default), and an answer that never comes.

use crate::common::*;
use callrail_sim::{Quirks, SimConfig, RATE_LIMIT_PER_DAY, RATE_LIMIT_PER_HOUR};
use serde_json::{json, Value};
use std::time::Duration;

fn with(quirks: Quirks) -> SimConfig {
    SimConfig {
        quirks,
        ..SimConfig::default()
    }
}

async fn create(sim: &callrail_sim::RunningSim, acc: &str, body: &Value) -> Value {
    let r = call(
        sim,
        "POST",
        &format!("/v3/a/{acc}/trackers.json"),
        Some(body),
    )
    .await
    .unwrap();
    assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
    r.json()
}

fn source(company: &str, name: &str) -> Value {
    json!({"name": name, "type": "source", "company_id": company,
        "tracking_number": {"area_code": "404"}, "source": {"type": "offline"},
        "call_flow": {"type": "basic", "destination_number": "+14045550100"}})
}

fn names(list: &Value) -> Vec<String> {
    list["trackers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn search_lags_behind_new_trackers_and_matches_whole_words() {
    let (sim, acc) = start(with(Quirks {
        search_whole_words: true,
        search_lag: Some(Duration::from_secs(600)),
        ..Quirks::default()
    }))
    .await;
    let co = company(&sim, &acc, "Acme Plumbing");
    create(&sim, &acc, &source(&co, "Radio spot spring")).await;
    let search = |term: &str| format!("/v3/a/{acc}/trackers.json?company_id={co}&search={term}");
    assert!(
        names(&get(&sim, &search("Radio")).await.json()).is_empty(),
        "too new for the index"
    );
    let all = get(&sim, &format!("/v3/a/{acc}/trackers.json?company_id={co}"))
        .await
        .json();
    assert!(
        names(&all).contains(&"Radio spot spring".to_owned()),
        "the list has it at once"
    );

    // Older trackers are indexed, by whole words only.
    let old = names(&all).into_iter().next().unwrap();
    let word = old.split_whitespace().next().unwrap().to_owned();
    assert!(names(&get(&sim, &search(&word)).await.json()).contains(&old));
    let part = &word[..word.len() - 1];
    assert!(
        !names(&get(&sim, &search(part)).await.json()).contains(&old),
        "{part} is not a whole word of {old}"
    );
}

#[tokio::test]
async fn new_pool_numbers_show_after_a_delay() {
    let (sim, acc) = start(with(Quirks {
        pool_number_delay: Some(Duration::from_millis(700)),
        ..Quirks::default()
    }))
    .await;
    let co = company(&sim, &acc, "Acme Plumbing");
    let body = json!({"name": "Late pool", "type": "session", "company_id": co, "pool_size": 5,
        "pool_numbers": {"area_code": "404"}, "source": "all",
        "call_flow": {"type": "basic", "destination_number": "+14045550100"}});
    let t = create(&sim, &acc, &body).await;
    assert_eq!(
        t["tracking_numbers"].as_array().unwrap().len(),
        1,
        "one now, the rest later"
    );
    let path = format!("/v3/a/{acc}/trackers/{}.json", t["id"].as_str().unwrap());
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(
        get(&sim, &path).await.json()["tracking_numbers"]
            .as_array()
            .unwrap()
            .len(),
        5
    );

    // Growing: the new numbers lag, and asking again for the same size buys none.
    let grow = json!({"pool_size": 7});
    let r = call(&sim, "PUT", &path, Some(&grow)).await.unwrap();
    assert_eq!(r.json()["tracking_numbers"].as_array().unwrap().len(), 5);
    let r = call(&sim, "PUT", &path, Some(&grow)).await.unwrap();
    assert_eq!(r.status, 200);
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(
        get(&sim, &path).await.json()["tracking_numbers"]
            .as_array()
            .unwrap()
            .len(),
        7
    );
    let shrink = call(&sim, "PUT", &path, Some(&json!({"pool_size": 6})))
        .await
        .unwrap();
    assert_eq!(shrink.status, 400);
}

#[tokio::test]
async fn delete_of_a_disabled_tracker_can_be_refused() {
    let (sim, acc) = start(with(Quirks {
        refuse_delete_of_disabled: true,
        ..Quirks::default()
    }))
    .await;
    let co = company(&sim, &acc, "Acme Plumbing");
    let t = create(&sim, &acc, &source(&co, "Short run")).await;
    let path = format!("/v3/a/{acc}/trackers/{}.json", t["id"].as_str().unwrap());
    assert_eq!(call(&sim, "DELETE", &path, None).await.unwrap().status, 204);
    let again = call(&sim, "DELETE", &path, None).await.unwrap();
    assert_eq!(
        (again.status, again.json()),
        (400, json!({"error": "Tracker is already disabled"}))
    );
}

#[tokio::test]
async fn the_daily_limit_holds_beside_the_hourly_one() {
    let defaults = SimConfig::default();
    assert_eq!(
        (defaults.rate_limit_per_hour, defaults.rate_limit_per_day),
        (Some(RATE_LIMIT_PER_HOUR), Some(RATE_LIMIT_PER_DAY)),
        "CallRail's limits, on unless turned off"
    );
    let (sim, acc) = start(SimConfig {
        rate_limit_per_hour: Some(100),
        rate_limit_per_day: Some(2),
        ..SimConfig::default()
    })
    .await;
    let path = format!("/v3/a/{acc}/companies.json");
    assert_eq!(get(&sim, &path).await.status, 200);
    assert_eq!(get(&sim, &path).await.status, 200);
    let r = get(&sim, &path).await;
    assert_eq!((r.status, r.header("retry-after")), (429, None));
}

#[tokio::test]
async fn a_timeout_fault_never_answers_and_commits_only_when_asked() {
    let (sim, acc) = start(SimConfig::default()).await;
    let co = company(&sim, &acc, "Acme Plumbing");
    let before = sim.trackers(&acc).len();
    for (spec, made) in [
        ("post-trackers:timeout", 0),
        ("post-trackers:timeout:commit", 1),
    ] {
        sim.add_fault(spec.parse().unwrap());
        let path = format!("/v3/a/{acc}/trackers.json");
        let body = source(&co, spec);
        let answer = tokio::time::timeout(
            Duration::from_millis(500),
            call(&sim, "POST", &path, Some(&body)),
        )
        .await;
        assert!(answer.is_err(), "{spec}: no answer in time");
        let now = sim.trackers(&acc).len();
        assert_eq!(now - before, made, "{spec}");
    }
}
