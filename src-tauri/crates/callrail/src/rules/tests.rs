//! The rules, one by one, and the bodies they write.

use super::*;

fn session(pool: u32) -> TrackerForm {
    TrackerForm {
        kind: TrackerKind::Session,
        company_id: "COM123".into(),
        name: "Website DNI".into(),
        destination: "(404) 555-0100".into(),
        area_code: Some("404".into()),
        pool_size: Some(pool),
        ..TrackerForm::default()
    }
}

fn fields(err: Violations) -> Vec<String> {
    err.0.into_iter().map(|v| v.field).collect()
}

#[test]
fn pool_size_is_four_to_fifty() {
    assert_eq!(fields(session(3).validate().unwrap_err()), ["pool_size"]);
    assert_eq!(fields(session(51).validate().unwrap_err()), ["pool_size"]);
    assert!(session(3)
        .validate()
        .unwrap_err()
        .to_string()
        .contains("between 4 and 50"));
    assert_eq!(session(4).validate().unwrap().numbers_to_provision(), 4);
    assert_eq!(session(50).validate().unwrap().numbers_to_provision(), 50);
}

#[test]
fn session_body_matches_the_documented_shape() {
    let mut form = session(5);
    form.swap_targets = vec!["404-555-0100".into()];
    let body = form.validate().unwrap().to_body();
    assert_eq!(body["type"], "session");
    assert_eq!(body["pool_size"], 5);
    assert_eq!(body["pool_numbers"], json!({"area_code": "404"}));
    assert_eq!(body["source"], "all");
    assert_eq!(body["swap_targets"], json!(["4045550100"]));
    assert_eq!(
        body["call_flow"],
        json!({"type": "basic", "destination_number": "+14045550100", "recording_enabled": false})
    );
    assert!(body.get("tracking_number").is_none());
    let mut expected: Value = serde_json::from_str(include_str!(
        "../../../../../tests/fixtures/callrail/create-session-request.json"
    ))
    .unwrap();
    expected["company_id"] = json!("COM123");
    assert_eq!(body, expected);
}

#[test]
fn source_body_has_a_tracking_number_object() {
    let form = TrackerForm {
        kind: TrackerKind::Source,
        company_id: "COM1".into(),
        name: "Billboard I-85".into(),
        destination: "+1 404 555 0100".into(),
        area_code: Some("404".into()),
        source: Some(SourceInput {
            kind: "offline".into(),
            ..Default::default()
        }),
        whisper: Some("Billboard call from [source]".into()),
        greeting: Some("This call may be recorded.".into()),
        record_calls: true,
        sms_enabled: true,
        ..TrackerForm::default()
    };
    let draft = form.validate().unwrap();
    assert_eq!(draft.numbers_to_provision(), 1);
    let body = draft.to_body();
    assert_eq!(body["tracking_number"], json!({"area_code": "404"}));
    assert_eq!(body["source"], json!({"type": "offline"}));
    assert_eq!(
        body["call_flow"]["greeting_text"],
        "This call may be recorded."
    );
    assert_eq!(body["sms_enabled"], true);
    assert!(body.get("pool_size").is_none());
}

#[test]
fn every_documented_source_type_is_accepted_with_its_fields() {
    for kind in SOURCE_TYPES {
        let input = SourceInput {
            kind: kind.into(),
            landing: Some("promo=1".into()),
            referrer: Some("example.com".into()),
            search_engine: Some("google".into()),
            search_type: Some("paid".into()),
        };
        let v = source_json(Some(&input)).unwrap();
        assert_eq!(v["type"], kind);
    }
    let err = source_json(Some(&SourceInput {
        kind: "tiktok".into(),
        ..Default::default()
    }))
    .unwrap_err();
    assert_eq!(err.field, "source");
    let err = source_json(Some(&SourceInput {
        kind: "landing_url".into(),
        ..Default::default()
    }))
    .unwrap_err();
    assert_eq!(err.field, "landing");
    let err = source_json(Some(&SourceInput {
        kind: "search".into(),
        search_engine: Some("ask".into()),
        ..Default::default()
    }))
    .unwrap_err();
    assert_eq!(err.field, "search_engine");
}

#[test]
fn toll_free_and_area_code_follow_the_api() {
    let d = E164::parse("destination", "4045550100").ok();
    assert_eq!(
        number_request(None, true, d.as_ref()).unwrap(),
        NumberRequest::TollFree(None)
    );
    assert!(matches!(
        number_request(Some("888"), true, d.as_ref()).unwrap(),
        NumberRequest::TollFree(Some(_))
    ));
    assert_eq!(
        number_request(Some("404"), true, d.as_ref())
            .unwrap_err()
            .field,
        "area_code"
    );
    assert_eq!(
        number_request(Some("888"), false, d.as_ref())
            .unwrap_err()
            .field,
        "area_code"
    );
    assert!(matches!(
        number_request(None, false, d.as_ref()).unwrap(),
        NumberRequest::LocalTo(_)
    ));
}

#[test]
fn all_broken_rules_are_reported_at_once() {
    let form = TrackerForm {
        kind: TrackerKind::Session,
        company_id: "../etc".into(),
        name: "  ".into(),
        destination: "555-0100".into(),
        pool_size: Some(51),
        sms_enabled: true,
        toll_free: true,
        campaign_name: Some("Spring".into()),
        whisper: Some("x".repeat(501)),
        ..TrackerForm::default()
    };
    let mut got = fields(form.validate().unwrap_err());
    got.sort();
    assert_eq!(
        got,
        [
            "campaign_name",
            "company_id",
            "destination",
            "name",
            "pool_size",
            "sms_enabled",
            "whisper"
        ]
    );
}

#[test]
fn invisible_and_direction_characters_are_refused_naming_the_field() {
    for name in [
        "Bill\u{200B}board",
        "\u{202E}draobllib",
        "Mailer\u{2066}Q3",
        "\u{FEFF}Radio",
    ] {
        let e = check_name(name).unwrap_err();
        assert_eq!(e.field, "name", "{name:?}");
        assert!(e.message.contains("invisible"), "{}", e.message);
    }
    assert!(
        check_name("Café Ñandú – Spring").is_ok(),
        "accents and dashes are fine"
    );
    let e = crate::ApiKey::new("abc\u{200D}def").unwrap_err();
    assert_eq!(e.field, "api_key");
}
