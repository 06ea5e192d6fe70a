//! The simulator over loopback: what creating, changing and disabling trackers does, and the rules
//! each write is held to (pool sizes, body formats, whole call flows, the number inventory).

use crate::common::*;
use callrail_sim::{Seed, SimConfig};
use serde_json::{json, Value};
fn first_active(sim: &callrail_sim::RunningSim, acc: &str) -> Value {
    sim.trackers(acc)
        .into_iter()
        .find(|t| t["status"] == "active")
        .unwrap()
}

fn session_body(company_id: &str, pool: Value, area: &str) -> Value {
    json!({"name": "Pool", "type": "session", "company_id": company_id, "pool_size": pool,
        "pool_numbers": {"area_code": area}, "source": "all",
        "call_flow": {"type": "basic", "destination_number": "+14045550100"}})
}

fn source_body(company_id: &str, name: &str) -> Value {
    json!({"name": name, "type": "source", "company_id": company_id,
        "tracking_number": {"area_code": "404"}, "source": {"type": "offline"},
        "call_flow": {"type": "basic", "destination_number": "+14045550100",
            "recording_enabled": true, "greeting_text": "Hello"}})
}
#[tokio::test]
async fn delete_disables_releases_numbers_and_is_repeatable() {
    let (sim, acc) = start(SimConfig::default()).await;
    let id = first_active(&sim, &acc)["id"].as_str().unwrap().to_string();
    let path = format!("/v3/a/{acc}/trackers/{id}.json");
    let r = call(&sim, "DELETE", &path, None).await.unwrap();
    assert_eq!(r.status, 204);
    assert!(r.body.is_empty());
    let t = get(&sim, &path).await.json();
    assert_eq!(
        (t["status"].as_str(), t["tracking_numbers"].clone()),
        (Some("disabled"), json!([]))
    );
    let disabled_at = t["disabled_at"].clone();
    assert!(disabled_at.is_string());
    assert_eq!(call(&sim, "DELETE", &path, None).await.unwrap().status, 204);
    assert_eq!(get(&sim, &path).await.json()["disabled_at"], disabled_at);
    let r = call(&sim, "PUT", &path, Some(&json!({"name": "x"})))
        .await
        .unwrap();
    assert_eq!(r.json(), json!({"error": "Tracker is disabled"}));
    drop(sim);

    let (sim, acc) = start(SimConfig {
        delete_returns_body: true,
        ..SimConfig::default()
    })
    .await;
    let id = first_active(&sim, &acc)["id"].as_str().unwrap().to_string();
    let r = call(
        &sim,
        "DELETE",
        &format!("/v3/a/{acc}/trackers/{id}.json"),
        None,
    )
    .await
    .unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["status"], "disabled");
}

#[tokio::test]
async fn create_checks_pool_size_and_body_format() {
    let (sim, acc) = start(SimConfig::default()).await;
    let co = company(&sim, &acc, "Acme Plumbing");
    let path = format!("/v3/a/{acc}/trackers.json");
    let before = sim.trackers(&acc).len();
    for pool in [json!(3), json!(51)] {
        let r = call(&sim, "POST", &path, Some(&session_body(&co, pool, "404")))
            .await
            .unwrap();
        assert_eq!(r.status, 400);
        assert_eq!(
            r.json(),
            json!({"error": "Pool size must be between 4 and 50"})
        );
    }
    let mut no_pool = session_body(&co, json!(4), "404");
    no_pool.as_object_mut().unwrap().remove("pool_size");
    let r = call(&sim, "POST", &path, Some(&no_pool)).await.unwrap();
    assert_eq!(
        r.json(),
        json!({"error": "missing required parameter 'pool_size'"})
    );
    let body = session_body(&co, json!(4), "404").to_string();
    let r = raw(
        sim.addr(),
        request(
            "POST",
            &path,
            Some(&demo_auth()),
            Some(&body),
            Some("text/plain"),
        ),
    )
    .await
    .unwrap();
    assert_eq!(
        (r.status, r.json()),
        (406, json!({"error": "Not Acceptable"}))
    );
    let r = raw(
        sim.addr(),
        request(
            "POST",
            &format!("{path}?name=x"),
            Some(&demo_auth()),
            Some(&body),
            Some("application/json"),
        ),
    )
    .await
    .unwrap();
    assert_eq!(r.status, 406);
    let mut bad_source = source_body(&co, "Bad");
    bad_source["source"] = json!({"type": "billboard"});
    let r = call(&sim, "POST", &path, Some(&bad_source)).await.unwrap();
    assert_eq!(
        r.json(),
        json!({"error": "Source Unknown tracking source type"})
    );
    assert_eq!(sim.trackers(&acc).len(), before, "nothing was created");

    let r = call(
        &sim,
        "POST",
        &path,
        Some(&session_body(&co, json!(4), "404")),
    )
    .await
    .unwrap();
    assert_eq!(r.status, 201);
    let t = r.json();
    assert_eq!(t["source"], json!({"type": "all"}));
    assert_eq!(t["tracking_numbers"].as_array().unwrap().len(), 4);
    assert!(t["id"].as_str().unwrap().starts_with("TRK"));
    assert!(t.get("swap_targets").is_none());
}

#[tokio::test]
async fn pool_size_only_grows() {
    let (sim, acc) = start(SimConfig::default()).await;
    let co = company(&sim, &acc, "Acme Plumbing");
    let t = call(
        &sim,
        "POST",
        &format!("/v3/a/{acc}/trackers.json"),
        Some(&session_body(&co, json!(6), "470")),
    )
    .await
    .unwrap()
    .json();
    let path = format!("/v3/a/{acc}/trackers/{}.json", t["id"].as_str().unwrap());
    let r = call(&sim, "PUT", &path, Some(&json!({"pool_size": 5})))
        .await
        .unwrap();
    assert_eq!(
        (r.status, r.json()),
        (400, json!({"error": "Pool size can only be increased"}))
    );
    let r = call(&sim, "PUT", &path, Some(&json!({"pool_size": 8})))
        .await
        .unwrap()
        .json();
    let numbers = r["tracking_numbers"].as_array().unwrap();
    assert_eq!(numbers.len(), 8);
    assert!(numbers
        .iter()
        .all(|n| n.as_str().unwrap().starts_with("+1470")));
    let src = sim
        .trackers(&acc)
        .iter()
        .find(|t| t["type"] == "source" && t["status"] == "active")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = call(
        &sim,
        "PUT",
        &format!("/v3/a/{acc}/trackers/{src}.json"),
        Some(&json!({"pool_size": 8})),
    )
    .await
    .unwrap();
    assert_eq!(
        r.json(),
        json!({"error": "pool_size is only allowed on session trackers"})
    );
}

#[tokio::test]
async fn put_replaces_the_call_flow_as_a_whole() {
    let (sim, acc) = start(SimConfig::default()).await;
    let co = company(&sim, &acc, "Acme Plumbing");
    let t = call(
        &sim,
        "POST",
        &format!("/v3/a/{acc}/trackers.json"),
        Some(&source_body(&co, "Flow")),
    )
    .await
    .unwrap()
    .json();
    assert_eq!(t["call_flow"]["greeting_text"], "Hello");
    let path = format!("/v3/a/{acc}/trackers/{}.json", t["id"].as_str().unwrap());
    let r = call(
        &sim,
        "PUT",
        &path,
        Some(&json!({"call_flow": {"type": "basic", "recording_enabled": false}})),
    )
    .await
    .unwrap();
    assert_eq!(
        (r.status, r.json()),
        (
            400,
            json!({"error": "missing required parameter 'call_flow.destination_number'"})
        )
    );
    let r = call(
        &sim,
        "PUT",
        &path,
        Some(
            &json!({"call_flow": {"type": "basic", "destination_number": "+14045550199"},
        "status": "disabled", "tracking_numbers": [], "whisper_message": ""}),
        ),
    )
    .await
    .unwrap()
    .json();
    assert_eq!(
        r["call_flow"],
        json!({"type": "basic", "recording_enabled": false,
        "destination_number": "+14045550199", "greeting_text": null, "greeting_recording_url": null})
    );
    assert_eq!(r["destination_number"], "+14045550199");
    assert_eq!(r["status"], "active", "status is ignored on PUT");
    assert_eq!(r["tracking_numbers"].as_array().unwrap().len(), 1);
    assert!(r["whisper_message"].is_null());
}

#[tokio::test]
async fn inventory_exhaustion_creates_nothing() {
    let seed = Seed::from_json(
        r#"{"accounts":[{"name":"A","companies":[{"name":"C","trackers":[
        {"name":"One","type":"source","area_code":"404"}]}]}]}"#,
    )
    .unwrap();
    let (sim, acc) = start(SimConfig {
        seed: Some(seed),
        numbers_per_area_code: 5,
        ..SimConfig::default()
    })
    .await;
    let co = company(&sim, &acc, "C");
    let path = format!("/v3/a/{acc}/trackers.json");
    let r = call(
        &sim,
        "POST",
        &path,
        Some(&session_body(&co, json!(5), "404")),
    )
    .await
    .unwrap();
    assert_eq!(
        (r.status, r.json()),
        (
            400,
            json!({"error": "Not enough numbers available in area code 404"})
        )
    );
    assert_eq!(sim.trackers(&acc).len(), 1);
    let r = call(
        &sim,
        "POST",
        &path,
        Some(&session_body(&co, json!(4), "404")),
    )
    .await
    .unwrap();
    assert_eq!(r.status, 201);
    assert_eq!(
        r.json()["tracking_numbers"],
        json!([
            "+14045551001",
            "+14045551002",
            "+14045551003",
            "+14045551004"
        ])
    );
    let r = call(&sim, "POST", &path, Some(&source_body(&co, "Late")))
        .await
        .unwrap();
    assert_eq!(r.status, 400);
    assert_eq!(sim.trackers(&acc).len(), 2);
}
