//! Account-wide search against the simulator's demo agency: a number found in another company,
//! the last-seen copies searched with no request, and CallRail read at most once in two minutes.

use crate::common;

use callrail::format_number;
use callrail_sim::SimConfig;
use common::{env, Env};
use desk_core::search::Matched;
use desk_core::CoreError;

fn listings(e: &Env) -> usize {
    e.sim
        .requests()
        .iter()
        .filter(|r| r.method == "GET" && r.path.ends_with("/trackers.json"))
        .count()
}

#[tokio::test]
async fn which_client_owns_a_number() {
    let e = env(SimConfig::default()).await;
    let trackers = |company: &str| {
        e.sim
            .companies(&e.account)
            .into_iter()
            .find(|c| c["name"] == company)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let bright = trackers("Bright Dental");
    let pool = e
        .desk
        .list_trackers(
            &e.conn,
            &e.account,
            desk_core::TrackerListRequest {
                company_id: bright.clone(),
                all: true,
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .rows
        .into_iter()
        .find(|r| r.pool_size >= 4 && r.status == callrail::TrackerStatus::Active)
        .expect("Bright Dental has an active pool");
    let hidden = pool.numbers[2].clone();
    let asked = hidden.replace(['(', ')'], "");

    // Not read yet: the copies of Bright Dental's listing above are enough, with no request.
    let before = listings(&e);
    let found = e
        .desk
        .search_account(&e.conn, &e.account, &asked, false)
        .await
        .unwrap();
    assert_eq!(listings(&e), before, "the last-seen copies cost nothing");
    assert!(!found.from_callrail);
    assert_eq!(found.total, 1, "{found:?}");
    assert_eq!(found.hits[0].tracker.id, pool.id);
    assert_eq!(found.hits[0].company_name.as_deref(), Some("Bright Dental"));
    assert_eq!(
        found.hits[0].matched,
        Matched::TrackingNumber(hidden.clone()),
        "the pool number that matched, not the first one"
    );

    // A tracker of Acme Plumbing, made after any listing of it: only CallRail knows it.
    let made = e
        .desk
        .create_tracker(
            &e.conn,
            &e.account,
            &common::source(&e.company, "Radio spot"),
            1,
        )
        .await
        .unwrap()
        .tracker;
    let number = format_number(&made.tracking_numbers[0]);
    let fresh = e
        .desk
        .search_account(&e.conn, &e.account, &number, true)
        .await
        .unwrap();
    assert!(fresh.from_callrail);
    assert_eq!(fresh.total, 1, "{fresh:?}");
    assert_eq!(fresh.hits[0].tracker.name, "Radio spot");
    assert_eq!(fresh.hits[0].company_name.as_deref(), Some("Acme Plumbing"));
    assert!(
        fresh.searched > 20,
        "every company's active trackers: {}",
        fresh.searched
    );

    // Names and companies, asked again within two minutes: no second reading of the account.
    let read = listings(&e);
    let by_name = e
        .desk
        .search_account(&e.conn, &e.account, "bright website", true)
        .await
        .unwrap();
    assert_eq!(
        listings(&e),
        read,
        "one reading serves two minutes of searches"
    );
    assert!(by_name.total >= 1);
    assert!(by_name
        .hits
        .iter()
        .all(|h| h.company_name.as_deref() == Some("Bright Dental") && h.matched == Matched::Name));

    for bad in ["", "   ", &"x".repeat(101)] {
        match e.desk.search_account(&e.conn, &e.account, bad, true).await {
            Err(CoreError::Callrail(callrail::Error::Invalid(v))) => {
                assert_eq!(v.0[0].field, "term", "{v:?}")
            }
            other => panic!("{bad:?} gave {other:?}"),
        }
    }
}
