//! The simulator over loopback: authentication, unknown routes and read-only keys, lists and their
//! pages and fields, rate limits, many connections at once. Writes are in `http_writes.rs`.

use crate::common::*;
use callrail_sim::SimConfig;
use serde_json::json;

#[tokio::test]
async fn auth_accepts_both_token_forms_and_refuses_the_rest() {
    let (sim, _) = start(SimConfig::default()).await;
    for auth in ["Token token=\"sim-demo-key\"", "Token token=sim-demo-key"] {
        let r = raw(
            sim.addr(),
            request("GET", "/v3/a.json", Some(auth), None, None),
        )
        .await
        .unwrap();
        assert_eq!(r.status, 200, "{auth}");
        assert_eq!(r.json()["accounts"][0]["name"], "Peachtree Digital Agency");
    }
    for auth in [
        None,
        Some("Bearer sim-demo-key"),
        Some("Token token=\"wrong\""),
    ] {
        let r = raw(sim.addr(), request("GET", "/v3/a.json", auth, None, None))
            .await
            .unwrap();
        assert_eq!(r.status, 401, "{auth:?}");
        assert_eq!(r.json(), json!({"error": "HTTP Token: Access denied."}));
    }
    let reqs = sim.requests();
    assert_eq!(reqs.len(), 5);
    assert!(reqs[0].auth_ok && !reqs[2].auth_ok);
    assert!(
        !format!("{reqs:?}").contains("sim-demo-key"),
        "the key is never recorded"
    );
}

#[tokio::test]
async fn unknown_paths_methods_and_read_only_keys() {
    let config = SimConfig {
        read_only_keys: vec!["ro".into()],
        ..SimConfig::default()
    };
    let (sim, acc) = start(config).await;
    assert_eq!(
        get(&sim, &format!("/v3/a/{acc}/trackers")).await.status,
        404
    );
    assert_eq!(
        get(&sim, &format!("/v3/a/{acc}/form_submissions.json"))
            .await
            .json(),
        json!({"error": "Not found"})
    );
    assert_eq!(get(&sim, "/v3/a/ACCnope/trackers.json").await.status, 404);
    assert_eq!(
        get(&sim, &format!("/v3/a/{acc}/trackers/TRKnope.json"))
            .await
            .status,
        404
    );
    assert_eq!(
        call(&sim, "PATCH", &format!("/v3/a/{acc}/trackers.json"), None)
            .await
            .unwrap()
            .status,
        405
    );
    let r = call(
        &sim,
        "POST",
        &format!("/v3/a/{acc}/trackers/TRKx.json"),
        None,
    )
    .await
    .unwrap();
    assert_eq!(
        (r.status, r.header("allow")),
        (405, Some("GET, PUT, DELETE"))
    );
    let listed = get(&sim, &format!("/v3/a/{acc}/trackers.json"))
        .await
        .json();
    let created: Vec<&str> = listed["trackers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["created_at"].as_str().unwrap())
        .collect();
    assert!(
        created.windows(2).all(|w| w[0] <= w[1]),
        "default order is creation order"
    );
    let ro = "Token token=ro";
    let r = raw(
        sim.addr(),
        request(
            "GET",
            &format!("/v3/a/{acc}/companies.json"),
            Some(ro),
            None,
            None,
        ),
    )
    .await
    .unwrap();
    assert_eq!(r.status, 200);
    let r = raw(
        sim.addr(),
        request(
            "DELETE",
            &format!("/v3/a/{acc}/trackers/TRKx.json"),
            Some(ro),
            None,
            None,
        ),
    )
    .await
    .unwrap();
    assert_eq!(r.status, 403);
    assert_eq!(
        r.json(),
        json!({"error": "You do not have permission to perform the requested action"})
    );
}

#[tokio::test]
async fn generated_trackers_spread_over_new_companies_as_a_franchise() {
    let (sim, acc) = start(SimConfig {
        extra_trackers: 100,
        extra_companies: 4,
        ..SimConfig::default()
    })
    .await;
    let before = start(SimConfig::default()).await;
    let companies = get(&sim, &format!("/v3/a/{acc}/companies.json?per_page=250"))
        .await
        .json();
    let seeded = get(
        &before.0,
        &format!("/v3/a/{}/companies.json?per_page=250", before.1),
    )
    .await
    .json();
    assert_eq!(
        companies["total_records"].as_u64().unwrap(),
        seeded["total_records"].as_u64().unwrap() + 4
    );
    for k in 1..=4 {
        let id = company(&sim, &acc, &format!("Location {k:02}"));
        let r = get(
            &sim,
            &format!("/v3/a/{acc}/trackers.json?company_id={id}&per_page=250"),
        )
        .await
        .json();
        assert_eq!(r["total_records"], 25, "Location {k:02}");
        assert!(r["trackers"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["name"].as_str().unwrap().starts_with("Generated tracker")));
    }
}

#[tokio::test]
async fn pagination_envelope_and_omitted_total_pages() {
    let (sim, acc) = start(SimConfig {
        extra_trackers: 20,
        ..SimConfig::default()
    })
    .await;
    let total = sim.trackers(&acc).len();
    assert_eq!(total, 58);
    let r = get(
        &sim,
        &format!("/v3/a/{acc}/trackers.json?per_page=25&page=3"),
    )
    .await
    .json();
    assert_eq!(
        (r["page"].as_u64(), r["per_page"].as_u64()),
        (Some(3), Some(25))
    );
    assert_eq!(
        (r["total_pages"].as_u64(), r["total_records"].as_u64()),
        (Some(3), Some(58))
    );
    assert_eq!(r["trackers"].as_array().unwrap().len(), 8);
    let r = get(
        &sim,
        &format!("/v3/a/{acc}/trackers.json?per_page=25&page=9"),
    )
    .await
    .json();
    assert_eq!(r["trackers"], json!([]));
    assert_eq!(r["total_records"], 58);
    let r = get(&sim, &format!("/v3/a/{acc}/trackers.json?per_page=1000"))
        .await
        .json();
    assert_eq!(r["per_page"], 250);
    for bad in ["per_page=0", "per_page=many"] {
        assert_eq!(
            get(&sim, &format!("/v3/a/{acc}/trackers.json?{bad}"))
                .await
                .status,
            400
        );
    }
    let r = get(
        &sim,
        &format!("/v3/a/{acc}/trackers.json?status=active&type=session&search=WEBSITE"),
    )
    .await
    .json();
    assert!(r["trackers"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["status"] == "active" && t["type"] == "session"));
    assert_eq!(r["total_records"], 3);
    let r = get(
        &sim,
        &format!("/v3/a/{acc}/companies.json?sort=name&order=desc"),
    )
    .await
    .json();
    assert_eq!(r["companies"][0]["name"], "Old Client Co");
    drop(sim);

    let (sim, acc) = start(SimConfig {
        omit_total_pages: true,
        ..SimConfig::default()
    })
    .await;
    let r = get(&sim, &format!("/v3/a/{acc}/trackers.json"))
        .await
        .json();
    assert!(r.get("total_pages").is_none());
    assert_eq!(r["total_records"], 38);
}

#[tokio::test]
async fn fields_add_swap_targets_and_campaign_name() {
    let (sim, acc) = start(SimConfig::default()).await;
    let plain = get(&sim, &format!("/v3/a/{acc}/trackers.json"))
        .await
        .json();
    let t = &plain["trackers"][0];
    assert!(t.get("swap_targets").is_none() && t.get("campaign_name").is_none());
    let r = get(&sim, &format!("/v3/a/{acc}/trackers.json?fields=swap_targets,campaign_name,bogus&search=billboard%20i-85")).await.json();
    let t = &r["trackers"][0];
    assert_eq!(t["campaign_name"], "I-85 Billboard 2025");
    assert_eq!(t["swap_targets"], json!(["4045550100"]));
    let id = t["id"].as_str().unwrap();
    let one = get(
        &sim,
        &format!("/v3/a/{acc}/trackers/{id}.json?fields=swap_targets"),
    )
    .await
    .json();
    assert!(one.get("swap_targets").is_some() && one.get("campaign_name").is_none());
}

#[tokio::test]
async fn rate_limit_answers_bare_429s() {
    let (sim, acc) = start(SimConfig {
        rate_limit_per_hour: Some(3),
        ..SimConfig::default()
    })
    .await;
    for _ in 0..3 {
        assert_eq!(
            get(&sim, &format!("/v3/a/{acc}/companies.json"))
                .await
                .status,
            200
        );
    }
    let r = get(&sim, &format!("/v3/a/{acc}/trackers.json")).await;
    assert_eq!(
        (r.status, r.json()),
        (429, json!({"error": "Too many requests"}))
    );
    assert!(r.header("retry-after").is_none());
    assert_eq!(
        get(&sim, "/v3/a.json").await.status,
        200,
        "the account list counts under the key"
    );
}

#[tokio::test]
async fn serves_many_connections_at_once() {
    let (sim, acc) = start(SimConfig {
        extra_trackers: 500,
        ..SimConfig::default()
    })
    .await;
    let sim = std::sync::Arc::new(sim);
    let mut tasks = Vec::new();
    for i in 0..40 {
        let sim = sim.clone();
        let path = format!("/v3/a/{acc}/trackers.json?per_page=50&page={}", i % 11 + 1);
        tasks.push(tokio::spawn(async move { get(&sim, &path).await.status }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), 200);
    }
}

#[tokio::test]
async fn the_call_log_is_served_as_callrail_serves_it() {
    let (sim, acc) = start(SimConfig::default()).await;
    let path = format!("/v3/a/{acc}/calls.json");
    // 250 a page at most; a zone it does not know; a field that does not exist.
    for bad in [
        "per_page=251",
        "time_zone=Mars/Olympus",
        "fields=pool_size",
        "start_date=2019-01-01",
    ] {
        let r = get(&sim, &format!("{path}?{bad}")).await;
        assert_eq!(r.status, 400, "{bad}");
    }
    // Offset pages: the tracker of a call only when asked for.
    let plain = get(&sim, &format!("{path}?date_range=all_time&per_page=5"))
        .await
        .json();
    assert!(
        plain["total_records"].as_u64().unwrap() > 100,
        "the demo agency takes calls"
    );
    assert!(plain["calls"][0].get("tracker_id").is_none());
    assert!(plain["calls"][0]["tracking_phone_number"]
        .as_str()
        .unwrap()
        .starts_with("+1"));
    let total = plain["total_records"].as_u64().unwrap();

    // Relative pages: each after the first starts with the last call of the one before (a call
    // came in meanwhile), and the next page's address is whole.
    let mut url = format!("{path}?date_range=all_time&per_page=250&relative_pagination=true&fields=tracker_id,company_id&time_zone=UTC");
    let mut ids = Vec::new();
    let mut repeats = 0;
    loop {
        let page = get(&sim, &url).await.json();
        let calls = page["calls"].as_array().unwrap();
        assert!(calls
            .iter()
            .all(|c| c["tracker_id"].as_str().unwrap().starts_with("TRK")));
        assert!(
            calls[0]["start_time"].as_str().unwrap().ends_with('Z'),
            "UTC as asked"
        );
        for c in calls {
            let id = c["id"].as_str().unwrap().to_owned();
            if ids.contains(&id) {
                repeats += 1;
            } else {
                ids.push(id);
            }
        }
        if page["has_next_page"] != true {
            assert!(page["next_page"].is_null());
            break;
        }
        let next = page["next_page"].as_str().unwrap();
        // The address the request came to (this raw client says `Host: sim`), then the path.
        let (origin, rest) = next.split_once(path.as_str()).expect("the call log's path");
        assert!(
            origin.starts_with("http://") && rest.starts_with('?'),
            "{next}"
        );
        url = format!("{path}{rest}");
    }
    assert_eq!(
        ids.len() as u64,
        total,
        "every call once, after the repeats are dropped"
    );
    assert!(repeats >= 1, "pages after the first repeat a call");
    // Without a zone the days are the account's (UTC-5), with its offset on every time.
    let local = get(&sim, &format!("{path}?date_range=all_time&per_page=1"))
        .await
        .json();
    assert!(local["calls"][0]["start_time"]
        .as_str()
        .unwrap()
        .ends_with("-05:00"));
}
