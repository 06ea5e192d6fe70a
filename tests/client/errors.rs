//! Each error of CallRail's typed and free of the key; rate limits; what is retried and after how long.

use super::*;

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
