//! A create whose answer is lost is never sent twice: it is checked, and says so when it cannot be.

use super::*;

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
