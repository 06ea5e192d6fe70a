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

/// A franchise of 20 locations: a search reads the stale companies a few at a time, within its
/// share of the hour (10%), says when and why it stopped short, and counts what it spent.
#[tokio::test]
async fn a_search_reads_stale_companies_a_few_at_a_time_within_its_share_of_the_hour() {
    let e = env(SimConfig {
        extra_trackers: 3_000,
        extra_companies: 20,
        rate_limit_per_hour: None,
        rate_limit_per_day: None,
        ..SimConfig::default()
    })
    .await;
    // 200 requests an hour: the search may spend 20.
    e.desk.set_tuning(desk_core::Tuning {
        quota: callrail::RateLimits {
            per_hour: 200,
            per_day: 10_000,
        },
        ..desk_core::Tuning::default()
    });
    let location = e
        .sim
        .companies(&e.account)
        .into_iter()
        .find(|c| c["name"] == "Location 07")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // The table read one location whole: the search leaves it be.
    e.desk
        .open_table(
            &e.conn,
            &e.account,
            desk_core::TrackerListRequest {
                company_id: location.clone(),
                all: true,
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
    let searched_companies = || {
        e.sim
            .requests()
            .iter()
            .filter(|r| r.path.ends_with("/trackers.json"))
            .filter_map(|r| r.query.clone())
            .collect::<Vec<String>>()
    };
    e.sim.clear_requests();

    let first = e
        .desk
        .search_account(&e.conn, &e.account, "location", true)
        .await
        .unwrap();
    let read = first.refresh.clone().unwrap();
    assert_eq!(read.companies_read, 8, "{read:?}");
    assert!(!first.from_callrail, "only some companies were read");
    assert!(read.stale_left > 10, "{read:?}");
    assert!(
        read.stopped
            .as_deref()
            .unwrap()
            .contains("a search reads 8 at a time"),
        "{read:?}"
    );
    assert!(
        searched_companies().iter().all(|q| !q.contains(&location)),
        "the location the table read is fresh"
    );
    // What it spent is in the ledger, and is what CallRail was sent.
    let spent = e.desk.requests_by_use(&e.account);
    let search = spent
        .iter()
        .find(|l| l.spend == desk_core::ledger::Spend::Search)
        .unwrap()
        .requests;
    assert_eq!(search as usize, e.sim.requests().len());
    assert_eq!(read.requests + 1, search, "a page each, and the companies");

    // Searching on: the next stale companies, until the share is spent; never past it.
    let mut last = first;
    for _ in 0..4 {
        last = e
            .desk
            .search_account(&e.conn, &e.account, "location", true)
            .await
            .unwrap();
    }
    let stopped = last.refresh.unwrap();
    assert!(
        stopped
            .stopped
            .as_deref()
            .unwrap()
            .contains("share of this hour"),
        "{stopped:?}"
    );
    assert!(
        e.sim.requests().len() <= 20,
        "{} requests for the search",
        e.sim.requests().len()
    );
    // The copies still answer, with no request.
    let before = e.sim.requests().len();
    let copies = e
        .desk
        .search_account(&e.conn, &e.account, "location 03", false)
        .await
        .unwrap();
    assert!(copies.total > 0);
    assert_eq!(e.sim.requests().len(), before);
}
