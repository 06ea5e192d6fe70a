//! Writing: creates (source and session, and running out of numbers), updates that send whole call flows, pools that grow but never shrink, disables.

use super::*;

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
