//! The CallRail client against the simulator, over real loopback HTTP.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use callrail::rules::SourceInput;
use callrail::{
    ApiKey, Client, Error, Order, RateLimits, RetryPolicy, StatusFilter, Tracker, TrackerChanges,
    TrackerDraft, TrackerForm, TrackerKind, TrackerQuery, TypeFilter,
};
use callrail_sim::{FaultSpec, SimConfig};
use scenario_tests::*;
use serde_json::json;
use std::collections::HashSet;
use std::time::{Duration, Instant};

fn source_form(company_id: &str, name: &str) -> TrackerForm {
    TrackerForm {
        kind: TrackerKind::Source,
        company_id: company_id.into(),
        name: name.into(),
        destination: "(404) 555-0100".into(),
        area_code: Some("404".into()),
        source: Some(SourceInput {
            kind: "offline".into(),
            ..Default::default()
        }),
        whisper: Some("Call from [source]".into()),
        greeting: Some("This call may be recorded.".into()),
        record_calls: true,
        ..TrackerForm::default()
    }
}

fn session_form(company_id: &str, name: &str, pool: u32) -> TrackerForm {
    TrackerForm {
        kind: TrackerKind::Session,
        company_id: company_id.into(),
        name: name.into(),
        destination: "404-555-0100".into(),
        area_code: Some("404".into()),
        pool_size: Some(pool),
        swap_targets: vec!["(404) 555-0100".into()],
        ..TrackerForm::default()
    }
}

fn source_draft(company_id: &str, name: &str) -> TrackerDraft {
    source_form(company_id, name).validate().unwrap()
}

fn session_draft(company_id: &str, name: &str, pool: u32) -> TrackerDraft {
    session_form(company_id, name, pool).validate().unwrap()
}

fn fault(spec: &str) -> FaultSpec {
    spec.parse().expect("a valid fault spec")
}

#[test]
fn every_example_payload_decodes() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/callrail");
    for name in [
        "tracker-source",
        "tracker-session",
        "tracker-advanced-flow",
        "tracker-disabled",
    ] {
        let text = std::fs::read_to_string(format!("{dir}/{name}.json")).unwrap();
        let t: Tracker = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(t.id.starts_with("TRK"), "{name}");
    }
    let session: Tracker = serde_json::from_str(
        &std::fs::read_to_string(format!("{dir}/tracker-session.json")).unwrap(),
    )
    .unwrap();
    assert!(session.is_pool());
    assert_eq!(session.pool_size(), 5);
    assert_eq!(session.formatted_numbers()[0], "(404) 555-1004");
    assert_eq!(
        session.swap_targets.as_deref(),
        Some(&["4045550100".to_owned(), "8005551234".to_owned()][..])
    );
    assert_eq!(
        session.source.as_ref().unwrap().describe(),
        "Google (paid, organic), Bing (paid), landing spring-sale"
    );
    let disabled: Tracker = serde_json::from_str(
        &std::fs::read_to_string(format!("{dir}/tracker-disabled.json")).unwrap(),
    )
    .unwrap();
    assert!(!disabled.is_active());
    assert_eq!(disabled.pool_size(), 0);
    for name in ["trackers-page", "trackers-page-no-total-pages"] {
        let page: callrail::Page<Tracker> =
            serde_json::from_str(&std::fs::read_to_string(format!("{dir}/{name}.json")).unwrap())
                .unwrap();
        assert_eq!(page.items.len(), 3);
        assert_eq!(
            page.page_count(),
            Some(2),
            "{name}: total_pages, or worked out from total_records"
        );
    }
    let companies: callrail::Page<callrail::Company> =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/companies.json")).unwrap())
            .unwrap();
    assert_eq!(companies.items[1].dni_active, None);
}

#[tokio::test]
async fn accounts_and_companies() {
    let sim = demo().await;
    let c = client(&sim);
    let accounts = c.list_accounts().await.unwrap();
    assert_eq!(accounts.len(), 1);
    assert!(accounts[0].id.starts_with("ACC"));
    let companies = c.list_companies(&accounts[0].id, None).await.unwrap();
    assert!(companies.len() >= 3);
    assert!(
        companies.iter().any(|c| !c.is_active()),
        "the default list includes disabled companies"
    );
    let active = c
        .list_companies(&accounts[0].id, Some(StatusFilter::Active))
        .await
        .unwrap();
    assert!(active.iter().all(|c| c.is_active()));
    let acme = company(&c, &accounts[0].id, "Acme Plumbing").await;
    let url = acme.script_url.clone().unwrap();
    assert!(
        url.starts_with("//cdn.callrail.com/companies/") && url.ends_with("/12/swap.js"),
        "{url}"
    );
    assert_eq!(
        c.get_company(&accounts[0].id, &acme.id).await.unwrap(),
        acme
    );
    let every = sim.requests();
    assert!(every
        .iter()
        .all(|r| r.auth_ok && r.request_from.as_deref() == Some("trackerdesk")));
    assert!(every.iter().all(|r| r.path.ends_with(".json")));
}

#[tokio::test]
async fn list_trackers_with_every_parameter() {
    let (sim, c, acc, acme) = acme_env().await;
    let all = c
        .list_trackers(&acc, &TrackerQuery::company(&acme.id))
        .await
        .unwrap();
    assert!(
        all.items.iter().any(|t| !t.is_active()),
        "disabled trackers are listed by default"
    );
    assert!(all
        .items
        .iter()
        .all(|t| t.company.as_ref().unwrap().id == acme.id));
    assert!(
        all.items.iter().all(|t| t.swap_targets.is_none()),
        "swap_targets only with fields"
    );

    let q = TrackerQuery {
        status: Some(StatusFilter::Active),
        kind: Some(TypeFilter::Source),
        sort_by_name: Some(Order::Desc),
        fields: vec!["swap_targets".into(), "campaign_name".into()],
        ..TrackerQuery::company(&acme.id)
    };
    let page = c.list_trackers(&acc, &q).await.unwrap();
    assert!(!page.items.is_empty());
    assert!(page
        .items
        .iter()
        .all(|t| t.is_active() && !t.is_pool() && t.swap_targets.is_some()));
    let names: Vec<String> = page.items.iter().map(|t| t.name.to_lowercase()).collect();
    let mut sorted = names.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(names, sorted, "sorted by name, descending");

    let search = TrackerQuery {
        search: Some("google".into()),
        ..TrackerQuery::company(&acme.id)
    };
    let found = c.list_trackers(&acc, &search).await.unwrap();
    assert!(
        !found.items.is_empty()
            && found
                .items
                .iter()
                .all(|t| t.name.to_lowercase().contains("google"))
    );

    let paged = TrackerQuery {
        page: Some(2),
        per_page: Some(2),
        ..TrackerQuery::company(&acme.id)
    };
    let p2 = c.list_trackers(&acc, &paged).await.unwrap();
    assert_eq!((p2.page, p2.per_page, p2.items.len()), (2, 2, 2));
    assert_eq!(p2.total_records, Some(all.items.len() as u64));
    assert_eq!(p2.page_count(), Some(all.items.len().div_ceil(2) as u32));

    let bad = TrackerQuery {
        per_page: Some(251),
        ..Default::default()
    };
    let before = sim.requests().len();
    assert!(matches!(
        c.list_trackers(&acc, &bad).await,
        Err(Error::Invalid(_))
    ));
    assert_eq!(sim.requests().len(), before, "refused before any request");
}

#[tokio::test]
async fn list_all_reads_every_page_once() {
    let sim = start(SimConfig {
        extra_trackers: 1_234,
        ..SimConfig::default()
    })
    .await;
    let c = client(&sim);
    let acc = account(&c).await;
    let first = company(&c, &acc, "Acme Plumbing").await;
    let expected = sim
        .trackers(&acc)
        .iter()
        .filter(|t| t["company"]["id"] == first.id.as_str())
        .count();
    sim.clear_requests();
    let all = c
        .list_all_trackers(&acc, &TrackerQuery::company(&first.id))
        .await
        .unwrap();
    assert_eq!(all.len(), expected);
    let mut ids: Vec<&str> = all.iter().map(|t| t.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), expected, "no tracker twice");
    assert_eq!(
        count(&sim, "GET", "/trackers.json"),
        expected.div_ceil(250),
        "one request per page of 250"
    );
}

#[tokio::test]
async fn list_all_tells_each_page_and_stops_when_asked() {
    let sim = start(SimConfig {
        extra_trackers: 2_500,
        latency: Some(std::time::Duration::from_millis(30)),
        ..SimConfig::default()
    })
    .await;
    let c = client(&sim);
    let acc = account(&c).await;
    let first = company(&c, &acc, "Acme Plumbing").await;
    let query = TrackerQuery::company(&first.id);
    let seen = std::sync::Mutex::new(Vec::new());
    let cancelled = std::sync::atomic::AtomicBool::new(false);
    let on_page = |done: u32, total: u32| seen.lock().unwrap().push((done, total));
    let watch = callrail::Watch {
        on_step: &on_page,
        cancelled: &cancelled,
    };
    let all = c
        .list_all_trackers_watched(&acc, &query, Some(&watch))
        .await
        .unwrap();
    let pages = all.len().div_ceil(250) as u32;
    let told = seen.lock().unwrap().clone();
    assert_eq!(told.len() as u32, pages, "told once a page: {told:?}");
    assert!(told.iter().all(|&(_, total)| total == pages));
    assert_eq!(told.last(), Some(&(pages, pages)));

    // Stopped after the third page: the pages in flight end, nothing more is asked.
    seen.lock().unwrap().clear();
    sim.clear_requests();
    let stop_at_three = |done: u32, total: u32| {
        seen.lock().unwrap().push((done, total));
        if done == 3 {
            cancelled.store(true, std::sync::atomic::Ordering::SeqCst);
        }
    };
    let watch = callrail::Watch {
        on_step: &stop_at_three,
        cancelled: &cancelled,
    };
    let stopped = c
        .list_all_trackers_watched(&acc, &query, Some(&watch))
        .await;
    assert!(matches!(stopped, Err(Error::Cancelled)), "{stopped:?}");
    let asked = count(&sim, "GET", "/trackers.json") as u32;
    assert!(
        asked < pages,
        "stopped early: {asked} of {pages} pages were asked for"
    );
}

#[tokio::test]
async fn list_all_without_total_pages() {
    let sim = start(SimConfig {
        extra_trackers: 600,
        omit_total_pages: true,
        ..SimConfig::default()
    })
    .await;
    let c = client(&sim);
    let acc = account(&c).await;
    let first = company(&c, &acc, "Acme Plumbing").await;
    let expected = sim
        .trackers(&acc)
        .iter()
        .filter(|t| t["company"]["id"] == first.id.as_str())
        .count();
    let all = c
        .list_all_trackers(&acc, &TrackerQuery::company(&first.id))
        .await
        .unwrap();
    assert_eq!(all.len(), expected);
    let small = TrackerQuery {
        per_page: Some(7),
        search: Some("Generated tracker 0000".into()),
        ..TrackerQuery::company(&first.id)
    };
    assert_eq!(
        c.list_all_trackers(&acc, &small).await.unwrap().len(),
        9,
        "trackers 00001-00009 over two pages"
    );
}

#[tokio::test]
async fn create_a_source_tracker() {
    let (sim, c, acc, acme) = acme_env().await;
    let draft = source_draft(&acme.id, "Billboard I-20");
    let created = c.create_tracker(&acc, &draft).await.unwrap();
    assert!(created.reconciled.is_none());
    let t = created.tracker;
    assert_eq!(t.name, "Billboard I-20");
    assert_eq!(t.tracking_numbers.len(), 1);
    assert!(t.tracking_numbers[0].starts_with("+1404"));
    assert_eq!(t.destination(), Some("+14045550100"));
    assert!(t.recording_enabled());
    assert_eq!(t.whisper_message.as_deref(), Some("Call from [source]"));
    let post = sim
        .requests()
        .into_iter()
        .find(|r| r.method == "POST")
        .unwrap();
    let body = post.body.unwrap();
    assert_eq!(body["tracking_number"], json!({"area_code": "404"}));
    assert_eq!(body["type"], "source");
    assert!(body.get("destination_number").is_none() && body.get("status").is_none());
    assert_eq!(post.content_type.as_deref(), Some("application/json"));
    let again = c.get_tracker(&acc, &t.id, &[]).await.unwrap();
    assert_eq!(again.tracking_numbers, t.tracking_numbers);
}

#[tokio::test]
async fn create_a_session_tracker_and_its_pool_rules() {
    let (sim, c, acc, acme) = acme_env().await;
    for bad in [3, 51] {
        let err = session_form(&acme.id, "Pool", bad).validate().unwrap_err();
        assert_eq!(err.0[0].field, "pool_size");
    }
    let t = c
        .create_tracker(
            &acc,
            &session_form(&acme.id, "Website pool", 5)
                .validate()
                .unwrap(),
        )
        .await
        .unwrap()
        .tracker;
    assert!(t.is_pool());
    assert_eq!(t.pool_size(), 5);
    let body = sim
        .requests()
        .into_iter()
        .find(|r| r.method == "POST")
        .unwrap()
        .body
        .unwrap();
    assert_eq!(body["pool_size"], 5);
    assert_eq!(body["pool_numbers"], json!({"area_code": "404"}));
    assert_eq!(body["source"], "all");
    assert_eq!(body["swap_targets"], json!(["4045550100"]));
    let with_fields = c.get_tracker(&acc, &t.id, &["swap_targets"]).await.unwrap();
    assert_eq!(
        with_fields.swap_targets,
        Some(vec!["4045550100".to_owned()])
    );
}

#[tokio::test]
async fn running_out_of_numbers_is_a_clear_error_and_buys_nothing() {
    let sim = start(SimConfig {
        numbers_per_area_code: 60,
        ..SimConfig::default()
    })
    .await;
    let c = client(&sim);
    let acc = account(&c).await;
    let acme = company(&c, &acc, "Acme Plumbing").await;
    let before = sim.trackers(&acc).len();
    // The demo agency already holds some 404 numbers, so a pool of 50 and then another cannot both fit.
    let first = c
        .create_tracker(&acc, &session_draft(&acme.id, "Big pool A", 50))
        .await;
    let second = c
        .create_tracker(&acc, &session_draft(&acme.id, "Big pool B", 50))
        .await;
    let err = first.and(second).unwrap_err();
    match &err {
        Error::Validation {
            status: 400,
            message,
        } => assert!(message.contains("404"), "{message}"),
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert!(sim.trackers(&acc).len() <= before + 1);
    assert_eq!(
        named(&sim, &acc, "Big pool B") + named(&sim, &acc, "Big pool A"),
        sim.trackers(&acc).len() - before
    );
}

#[tokio::test]
async fn update_reads_merges_and_writes_whole_call_flows() {
    let (sim, c, acc, acme) = acme_env().await;
    let t = c
        .create_tracker(&acc, &source_draft(&acme.id, "Radio spot"))
        .await
        .unwrap()
        .tracker;

    sim.clear_requests();
    let up = c
        .update_tracker(
            &acc,
            &t.id,
            &TrackerChanges {
                destination: Some("(404) 555-0199".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(up.changed, ["call_flow"]);
    assert_eq!(up.after.destination(), Some("+14045550199"));
    let flow = up.after.basic_call_flow().unwrap();
    assert_eq!(
        flow.greeting_text.as_deref(),
        Some("This call may be recorded."),
        "greeting kept"
    );
    assert!(flow.recording_enabled, "recording kept");
    let put = sim
        .requests()
        .into_iter()
        .find(|r| r.method == "PUT")
        .unwrap()
        .body
        .unwrap();
    assert_eq!(
        put,
        json!({"call_flow": {"type": "basic", "destination_number": "+14045550199", "recording_enabled": true, "greeting_text": "This call may be recorded."}})
    );

    sim.clear_requests();
    let up = c
        .update_tracker(
            &acc,
            &t.id,
            &TrackerChanges {
                whisper: Some("".into()),
                name: Some("Radio spot 2".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(up.after.whisper_message, None);
    assert_eq!(up.after.name, "Radio spot 2");
    let put = sim
        .requests()
        .into_iter()
        .find(|r| r.method == "PUT")
        .unwrap()
        .body
        .unwrap();
    assert_eq!(put, json!({"name": "Radio spot 2", "whisper_message": ""}));

    sim.clear_requests();
    let same = c
        .update_tracker(
            &acc,
            &t.id,
            &TrackerChanges {
                name: Some("Radio spot 2".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(same.changed.is_empty());
    assert_eq!(
        count(&sim, "PUT", ".json"),
        0,
        "nothing sent when nothing changes"
    );
}

#[tokio::test]
async fn pools_grow_but_never_shrink() {
    let (sim, c, acc, acme) = acme_env().await;
    let t = c
        .create_tracker(
            &acc,
            &session_form(&acme.id, "Growing pool", 4)
                .validate()
                .unwrap(),
        )
        .await
        .unwrap()
        .tracker;
    let up = c
        .update_tracker(
            &acc,
            &t.id,
            &TrackerChanges {
                pool_size: Some(6),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(up.after.pool_size(), 6);
    sim.clear_requests();
    let err = c
        .update_tracker(
            &acc,
            &t.id,
            &TrackerChanges {
                pool_size: Some(5),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Invalid(v) if v.0[0].field == "pool_size"),
        "{err}"
    );
    assert_eq!(count(&sim, "PUT", ".json"), 0);
}

#[tokio::test]
async fn disable_answers_204_or_200() {
    for returns_body in [false, true] {
        let sim = start(SimConfig {
            delete_returns_body: returns_body,
            ..SimConfig::default()
        })
        .await;
        let c = client(&sim);
        let acc = account(&c).await;
        let acme = company(&c, &acc, "Acme Plumbing").await;
        let t = c
            .create_tracker(&acc, &source_draft(&acme.id, "Short campaign"))
            .await
            .unwrap()
            .tracker;
        let answer = c.disable_tracker(&acc, &t.id).await.unwrap();
        assert_eq!(answer.tracker.is_some(), returns_body);
        let after = c.get_tracker(&acc, &t.id, &[]).await.unwrap();
        assert!(!after.is_active());
        assert!(after.disabled_at.is_some());
        assert!(after.tracking_numbers.is_empty(), "numbers released");
        let listed = c
            .list_trackers(&acc, &TrackerQuery::company(&acme.id))
            .await
            .unwrap();
        assert!(
            listed.items.iter().any(|x| x.id == t.id),
            "still listed by default"
        );
        let err = c
            .update_tracker(
                &acc,
                &t.id,
                &TrackerChanges {
                    name: Some("x".into()),
                    ..Default::default()
                },
            )
            .await
            .unwrap_err();
        assert!(
            matches!(err, Error::Invalid(_)),
            "a disabled tracker is not changed"
        );
    }
}

#[tokio::test]
async fn each_error_class_is_typed_and_never_holds_the_key() {
    let secret = "very-secret-key-0123456789";
    let sim = start(SimConfig {
        api_keys: vec!["sim-demo-key".into()],
        read_only_keys: vec!["read-only-key".into()],
        rate_limit_per_hour: Some(1_000_000),
        ..SimConfig::default()
    })
    .await;
    let c = client(&sim);
    let acc = account(&c).await;
    let acme = company(&c, &acc, "Acme Plumbing").await;
    let mut errors = Vec::new();

    let bad_key = builder(&sim, secret).build().unwrap();
    let e = bad_key.list_accounts().await.unwrap_err();
    assert!(matches!(e, Error::Unauthorized), "{e:?}");
    errors.push(e);

    let read_only = builder(&sim, "read-only-key").build().unwrap();
    let e = read_only
        .create_tracker(&acc, &source_draft(&acme.id, "Nope"))
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Forbidden { .. }), "{e:?}");
    errors.push(e);

    let e = c
        .get_tracker(&acc, "TRK00000000000000000000000000000000", &[])
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    errors.push(e);

    let e = c
        .create_tracker(&acc, &source_draft("COM0000", "Lost"))
        .await
        .unwrap_err();
    assert!(
        matches!(e, Error::NotFound { .. } | Error::Validation { .. }),
        "{e:?}"
    );
    errors.push(e);

    sim.add_fault(fault("get-tracker:500:always"));
    let e = c.get_tracker(&acc, "TRK1", &[]).await.unwrap_err();
    assert!(matches!(e, Error::Server { status: 500, .. }), "{e:?}");
    errors.push(e);

    sim.add_fault(fault("get-company:malformed:once"));
    let e = c.get_company(&acc, &acme.id).await.unwrap_err();
    assert!(matches!(e, Error::Decode { .. }), "{e:?}");
    errors.push(e);

    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let nowhere = callrail::Client::builder(callrail::ApiKey::new(secret).unwrap())
        .base_url(format!("http://{closed}"))
        .retry(callrail::RetryPolicy::none())
        .build()
        .unwrap();
    let e = nowhere.list_accounts().await.unwrap_err();
    assert!(matches!(e, Error::Network { .. }), "{e:?}");
    errors.push(e);

    sim.add_fault(fault("get-accounts:latency=1500:once"));
    let slow = builder(&sim, "sim-demo-key")
        .timeout(Duration::from_millis(300))
        .retry(callrail::RetryPolicy::none())
        .build()
        .unwrap();
    let e = slow.list_accounts().await.unwrap_err();
    assert!(matches!(e, Error::Timeout), "{e:?}");
    errors.push(e);

    for e in &errors {
        assert!(
            !format!("{e} {e:?}").contains(secret),
            "the key leaked into {e:?}"
        );
        assert!(!e.to_string().is_empty());
    }
}

#[tokio::test]
async fn rate_limits_from_callrail_and_from_the_client() {
    let sim = start(SimConfig {
        rate_limit_per_hour: Some(3),
        ..SimConfig::default()
    })
    .await;
    let c = builder(&sim, "sim-demo-key")
        .retry(callrail::RetryPolicy::none())
        .build()
        .unwrap();
    let acc = account(&c).await;
    for _ in 0..3 {
        let _ = c.list_companies(&acc, None).await;
    }
    let e = c.list_companies(&acc, None).await.unwrap_err();
    assert!(
        matches!(e, Error::RateLimited { local: false, .. }),
        "{e:?}"
    );

    let sim = demo().await;
    let limited = builder(&sim, "sim-demo-key")
        .rate_limits(Some(RateLimits {
            per_hour: 2,
            per_day: 100,
        }))
        .build()
        .unwrap();
    let acc = account(&limited).await;
    limited.list_companies(&acc, None).await.unwrap();
    limited.list_companies(&acc, None).await.unwrap();
    let e = limited.list_companies(&acc, None).await.unwrap_err();
    match e {
        Error::RateLimited {
            local: true,
            retry_after: Some(wait),
        } => assert!(wait > Duration::from_secs(3000)),
        other => panic!("expected the client's own limit, got {other:?}"),
    }
    assert_eq!(
        sim.requests().len(),
        3,
        "the accounts list (counted apart) and two company lists; the third never left"
    );
}

#[tokio::test]
async fn idempotent_requests_are_retried() {
    let (sim, c, acc, acme) = acme_env().await;
    for spec in [
        "get-company:503:once",
        "get-company:reset:once",
        "get-company:truncate:once",
        "get-company:429:once",
    ] {
        sim.clear_requests();
        sim.add_fault(fault(spec));
        let got = c.get_company(&acc, &acme.id).await;
        assert!(got.is_ok(), "{spec}: {got:?}");
        assert_eq!(
            sim.requests().iter().filter(|r| r.method == "GET").count(),
            2,
            "{spec}: one retry"
        );
    }
    let t = c
        .create_tracker(&acc, &source_draft(&acme.id, "Retry me"))
        .await
        .unwrap()
        .tracker;
    // A write is never sent twice: its 5xx is settled by reading the tracker.
    sim.clear_requests();
    sim.add_fault(fault("put-tracker:500:once"));
    let e = c
        .update_tracker(
            &acc,
            &t.id,
            &TrackerChanges {
                name: Some("Retried".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotCarriedOut { .. }), "{e:?}");
    assert_eq!(count(&sim, "PUT", ".json"), 1);
    sim.clear_requests();
    sim.add_fault(fault("delete-tracker:502:once:commit"));
    let done = c.disable_tracker(&acc, &t.id).await.unwrap();
    assert!(done.reconciled.is_some_and(|cause| cause.contains("502")));
    assert_eq!(count(&sim, "DELETE", ".json"), 1);

    sim.clear_requests();
    sim.add_fault(fault("get-company:503:always"));
    assert!(c.get_company(&acc, &acme.id).await.is_err());
    assert_eq!(
        sim.requests().len(),
        3,
        "one try and two retries, then give up"
    );
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let sim = demo().await;
    let c = client(&sim);
    let acc = account(&c).await;
    sim.add_fault(fault("get-companies:429:once:retry-after=1"));
    let started = Instant::now();
    c.list_companies(&acc, None).await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "waited {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_500_on_create_never_creates_twice() {
    let (sim, c, acc, acme) = acme_env().await;

    // Processed, then the answer failed: the tracker is found, not bought again.
    sim.add_fault(fault("post-trackers:500:once:commit"));
    let out = c
        .create_tracker(&acc, &source_draft(&acme.id, "Lost answer"))
        .await
        .unwrap();
    assert!(
        out.reconciled
            .as_deref()
            .is_some_and(|cause| cause.contains("500")),
        "{:?}",
        out.reconciled
    );
    assert_eq!(out.tracker.name, "Lost answer");
    assert_eq!(
        count(&sim, "POST", "/trackers.json"),
        1,
        "POST never retried on a 5xx"
    );
    assert_eq!(named(&sim, &acc, "Lost answer"), 1);

    // Not processed: a missing tracker proves nothing yet, so the outcome is unknown.
    sim.clear_requests();
    sim.add_fault(fault("post-trackers:503:once"));
    let e = c
        .create_tracker(&acc, &source_draft(&acme.id, "Never made"))
        .await
        .unwrap_err();
    assert!(matches!(e, Error::CreateOutcomeUnknown { .. }), "{e:?}");
    assert!(e.outcome_unknown());
    assert_eq!(count(&sim, "POST", "/trackers.json"), 1);
    assert!(
        count(&sim, "GET", "/trackers.json") >= 2,
        "the list is read again until the window closes"
    );
    assert!(
        sim.requests()
            .iter()
            .filter(|r| r.method == "GET")
            .all(|r| !r.query.as_deref().unwrap_or("").contains("search")),
        "never a search"
    );
    assert_eq!(named(&sim, &acc, "Never made"), 0);

    // A namesake made by an earlier create is not mistaken for the lost one.
    let earlier = HashSet::from([out.tracker.id.clone()]);
    sim.add_fault(fault("post-trackers:500:once"));
    let e = c
        .create_tracker_excluding(&acc, &source_draft(&acme.id, "Lost answer"), &earlier)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::CreateOutcomeUnknown { .. }), "{e:?}");
    assert_eq!(named(&sim, &acc, "Lost answer"), 1);
}

#[tokio::test]
async fn a_lost_connection_or_timeout_on_create_is_reconciled() {
    let sim = demo().await;
    let c = builder(&sim, "sim-demo-key")
        .timeout(Duration::from_millis(400))
        .build()
        .unwrap();
    let acc = account(&c).await;
    let acme = company(&c, &acc, "Acme Plumbing").await;
    for (spec, name) in [
        ("post-trackers:latency=1500:once", "Slow answer"),
        ("post-trackers:reset:once:commit", "Reset answer"),
        ("post-trackers:truncate:once:commit", "Cut answer"),
        ("post-trackers:malformed:once:commit", "Garbled answer"),
    ] {
        sim.clear_requests();
        sim.add_fault(fault(spec));
        let out = c
            .create_tracker(&acc, &session_draft(&acme.id, name, 4))
            .await
            .unwrap();
        assert!(out.reconciled.is_some(), "{spec}");
        assert_eq!(out.tracker.pool_size(), 4, "{spec}");
        assert_eq!(
            count(&sim, "POST", "/trackers.json"),
            1,
            "{spec}: sent once"
        );
        assert_eq!(named(&sim, &acc, name), 1, "{spec}");
    }
    sim.clear_requests();
    sim.add_fault(fault("post-trackers:reset:once"));
    let e = c
        .create_tracker(&acc, &session_draft(&acme.id, "Reset early", 4))
        .await
        .unwrap_err();
    assert!(matches!(e, Error::CreateOutcomeUnknown { .. }), "{e:?}");
    assert_eq!(count(&sim, "POST", "/trackers.json"), 1);
}

#[tokio::test]
async fn a_create_that_cannot_be_checked_says_so() {
    let (sim, c, acc, acme) = acme_env().await;
    // The POST's answer is lost; every check after it fails.
    sim.add_fault(fault("get-trackers:500:always"));
    sim.add_fault(fault("post-trackers:500:once:commit"));
    let e = c
        .create_tracker(&acc, &source_draft(&acme.id, "Unknowable"))
        .await
        .unwrap_err();
    assert!(matches!(e, Error::CreateOutcomeUnknown { .. }), "{e:?}");
    assert!(e.to_string().contains("do not create it again"), "{e}");
    assert_eq!(count(&sim, "POST", "/trackers.json"), 1);
    assert_eq!(
        named(&sim, &acc, "Unknowable"),
        1,
        "it was created once, and the user is told to look"
    );
}

#[tokio::test]
async fn a_429_on_create_is_a_refusal_checked_once() {
    let (sim, c, acc, acme) = acme_env().await;
    sim.add_fault(fault("post-trackers:429:once"));
    let e = c
        .create_tracker(&acc, &source_draft(&acme.id, "Throttled"))
        .await
        .unwrap_err();
    assert!(
        matches!(e, Error::RateLimited { local: false, .. }),
        "{e:?}"
    );
    assert_eq!(count(&sim, "POST", "/trackers.json"), 1, "never sent again");
    assert_eq!(named(&sim, &acc, "Throttled"), 0);

    // A 429 that CallRail carried out all the same is found by the one look at the list.
    sim.add_fault(fault("post-trackers:429:once:commit"));
    let out = c
        .create_tracker(&acc, &source_draft(&acme.id, "Throttled"))
        .await
        .unwrap();
    assert!(out
        .reconciled
        .is_some_and(|cause| cause.contains("limiting")));
    assert_eq!(named(&sim, &acc, "Throttled"), 1);
}

/// A server on loopback that answers every request with `size` bytes of blanks, saying so in
/// Content-Length or not.
async fn huge_answers(size: usize, with_length: bool) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut s, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = s.read(&mut buf).await;
                let length = if with_length {
                    format!("Content-Length: {size}\r\n")
                } else {
                    "Connection: close\r\n".into()
                };
                let head =
                    format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{length}\r\n");
                if s.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let chunk = vec![b' '; 1 << 20];
                for _ in 0..size.div_ceil(1 << 20) {
                    if s.write_all(&chunk).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    format!("http://{addr}")
}

#[tokio::test]
async fn an_answer_larger_than_16_mib_is_not_read() {
    for with_length in [true, false] {
        let base = huge_answers(17 << 20, with_length).await;
        let c = Client::builder(ApiKey::new("any-key").unwrap())
            .base_url(base)
            .retry(RetryPolicy::none())
            .rate_limits(None)
            .build()
            .unwrap();
        let e = c.list_accounts().await.unwrap_err();
        assert!(
            e.to_string().contains("larger than 16 MiB"),
            "{with_length}: {e}"
        );
    }
}

/// A server on loopback that answers its requests, one after another, with these JSON bodies.
async fn answers_in_turn(bodies: Vec<String>) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        for body in bodies {
            let Ok((mut s, _)) = listener.accept().await else {
                return;
            };
            // The whole request (a GET: its head), so closing does not reset it unread.
            let mut head = Vec::new();
            let mut buf = [0u8; 4096];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                match s.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => head.extend_from_slice(&buf[..n]),
                }
            }
            let answer = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = s.write_all(answer.as_bytes()).await;
        }
    });
    format!("http://{addr}")
}

#[tokio::test]
async fn a_call_page_with_nothing_new_that_says_more_follow_stops_the_reading_short() {
    let call = |id: &str| {
        format!(
            r#"{{"id":"{id}","start_time":"2026-11-02T10:00:00Z","tracker_id":"TRK1","company_id":"COM1","tracking_phone_number":"+14045550100"}}"#
        )
    };
    let page = |calls: &[&str], more: bool| {
        let list: Vec<String> = calls.iter().map(|c| call(c)).collect();
        format!(
            r#"{{"calls":[{}],"has_next_page":{more},"next_page":"/v3/a/ACC1/calls.json?relative_pagination=true&offset=x"}}"#,
            list.join(",")
        )
    };
    for (second, why) in [
        (page(&["CAL1", "CAL2"], true), "the page before again"),
        (page(&[], true), "an empty page"),
    ] {
        let base = answers_in_turn(vec![page(&["CAL1", "CAL2"], true), second]).await;
        let c = Client::builder(ApiKey::new("any-key").unwrap())
            .base_url(base)
            .retry(RetryPolicy::none())
            .rate_limits(None)
            .build()
            .unwrap();
        let day = time::macros::date!(2026 - 11 - 02);
        let query = callrail::CallQuery {
            company_id: None,
            start_date: day,
            end_date: day,
            time_zone: "UTC".into(),
        };
        let mut pages = c.calls("ACC1", &query).unwrap();
        assert_eq!(pages.next_page().await.unwrap().unwrap().len(), 2);
        let e = pages.next_page().await.unwrap_err().to_string();
        assert!(e.contains(why) && e.contains("stopped short"), "{e}");
    }
}
