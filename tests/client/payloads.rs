//! Every example payload of CallRail's that the project keeps decodes.

use super::*;

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
