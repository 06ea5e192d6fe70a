//! Usage and savings per client against the simulator's call log: a seeded company whose calls are
//! known gives exactly the idle trackers and savings expected; 2,000 trackers and 100,000 calls are
//! read within the request budget and counted exactly; a refresh asks only for the new days; a
//! reading stopped by the quota's reserve goes on where it stopped.

use crate::common;

use callrail::RateLimits;
use callrail_sim::{Seed, SimConfig};
use common::{env, Env};
use desk_core::tuning::Tuning;
use desk_core::usage::UsageReport;
use desk_core::{request_budget, UsageStep};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

fn ago(days: i64) -> String {
    (OffsetDateTime::now_utc() - Duration::days(days) - Duration::hours(1))
        .format(&Rfc3339)
        .unwrap()
}

/// Acme Plumbing's trackers and their calls, relative to today; Bright Dental has one idle tracker.
fn seed() -> Seed {
    let old = "2025-01-01T00:00:00Z";
    let json = serde_json::json!({"accounts": [{"name": "Peachtree", "companies": [
        {"name": "Acme Plumbing", "trackers": [
            {"name": "Called billboard", "type": "source", "area_code": "404", "created_at": old,
             "calls": [{"start_time": ago(2), "answered": true, "duration": 42}, {"start_time": ago(20), "answered": false}]},
            {"name": "Idle billboard", "type": "source", "area_code": "404", "created_at": old},
            {"name": "Called long ago", "type": "source", "area_code": "404", "created_at": old,
             "calls": [{"start_time": ago(45), "answered": true, "duration": 30}]},
            {"name": "New mailer", "type": "source", "area_code": "404", "created_at": ago(5)},
            {"name": "Idle toll-free", "type": "source", "toll_free": true, "created_at": old},
            {"name": "Website pool", "type": "session", "pool_size": 4, "area_code": "404", "created_at": old,
             "calls": [{"start_time": ago(1)}, {"start_time": ago(3)}]},
            {"name": "Gone", "type": "source", "area_code": "404", "created_at": old, "status": "disabled"}
        ]},
        {"name": "Bright Dental", "trackers": [
            {"name": "Bright idle", "type": "source", "area_code": "470", "created_at": old}
        ]}
    ]}]});
    Seed::from_json(&json.to_string()).unwrap()
}

async fn report(e: &Env, companies: &[String], days: u32) -> UsageReport {
    e.desk
        .usage(
            &e.conn,
            &e.account,
            companies,
            days,
            &|_: UsageStep| {},
            None,
        )
        .await
        .unwrap()
}

fn calls_asked(e: &Env) -> Vec<String> {
    e.sim
        .requests()
        .into_iter()
        .filter(|r| r.path.ends_with("/calls.json"))
        .map(|r| r.query.unwrap_or_default())
        .collect()
}

#[tokio::test]
async fn a_seeded_company_gives_exactly_the_idle_trackers_and_savings_expected() {
    let e = env(SimConfig {
        seed: Some(seed()),
        ..SimConfig::default()
    })
    .await;
    let r = report(&e, std::slice::from_ref(&e.company), 30).await;
    let idle: Vec<&str> = r
        .trackers
        .iter()
        .filter(|t| t.idle)
        .map(|t| t.name.as_str())
        .collect();
    // Not "Called billboard" (called), "New mailer" (younger than the window), the pool (called on
    // one of its numbers) nor "Gone" (disabled, it costs nothing): only Acme Plumbing's.
    assert_eq!(
        idle,
        ["Called long ago", "Idle billboard", "Idle toll-free"]
    );
    assert_eq!(r.account.idle_trackers, 3);
    assert_eq!(r.account.saving, 3.0 + 3.0 + 5.0);
    assert_eq!(r.account.monthly, 5.0 * 3.0 + 5.0 + 3.0 * 3.0);
    assert_eq!(r.account.calls, 4);
    let called = r
        .trackers
        .iter()
        .find(|t| t.name == "Called billboard")
        .unwrap();
    assert_eq!((called.calls, called.answered), (2, 1));
    let pool = r
        .trackers
        .iter()
        .find(|t| t.name == "Website pool")
        .unwrap();
    assert_eq!(
        (
            pool.calls,
            pool.numbers.len(),
            pool.numbers_never_called.len()
        ),
        (2, 4, 3)
    );
    assert!(!pool.idle);
    assert_eq!(r.companies.len(), 1, "only the company asked for");

    // The whole account, at prices changed and kept.
    e.desk
        .set_usage_prices(desk_core::usage::Prices {
            local: 4.0,
            toll_free: 10.0,
        })
        .unwrap();
    let all = report(&e, &[], 30).await;
    assert_eq!(all.account.idle_trackers, 4);
    assert_eq!(all.account.saving, 4.0 + 4.0 + 10.0 + 4.0);
    let names: Vec<&str> = all.companies.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["Acme Plumbing", "Bright Dental"],
        "most to save first"
    );
    // Over 60 days, the call of 45 days ago counts: that tracker is no longer idle.
    let long = report(&e, &[], 60).await;
    assert!(
        !long
            .trackers
            .iter()
            .find(|t| t.name == "Called long ago")
            .unwrap()
            .idle
    );
    // A price out of range is refused, naming the field, and nothing changes.
    let err = e
        .desk
        .set_usage_prices(desk_core::usage::Prices {
            local: -1.0,
            toll_free: 10.0,
        })
        .unwrap_err();
    assert!(err.to_string().contains("local"), "{err}");
    assert_eq!(e.desk.usage_prices().unwrap().local, 4.0);
}

#[tokio::test]
async fn a_pool_is_judged_against_the_visitors_given_for_it() {
    let e = env(SimConfig {
        seed: Some(seed()),
        ..SimConfig::default()
    })
    .await;
    let r = report(&e, std::slice::from_ref(&e.company), 30).await;
    let pool = r
        .trackers
        .iter()
        .find(|t| t.name == "Website pool")
        .unwrap();
    assert!(pool
        .pool
        .as_ref()
        .unwrap()
        .advice
        .contains("3 of its 4 numbers took no call"));
    e.desk
        .set_pool_visitors(&e.account, &pool.id, Some(300))
        .unwrap();
    let r = report(&e, std::slice::from_ref(&e.company), 30).await;
    let advice = r
        .trackers
        .iter()
        .find(|t| t.name == "Website pool")
        .unwrap()
        .pool
        .clone()
        .unwrap();
    // 300 monthly visitors need the minimum of 5: a pool of 4 is not too big.
    assert_eq!((advice.suggested, advice.saving), (Some(5), 0.0));
    assert!(e
        .desk
        .set_pool_visitors(&e.account, &pool.id, Some(0))
        .is_err());
}

#[tokio::test]
async fn two_thousand_trackers_and_a_hundred_thousand_calls_within_the_request_budget() {
    let e = env(SimConfig {
        extra_trackers: 2_000,
        extra_calls: 100_000,
        rate_limit_per_hour: None,
        rate_limit_per_day: None,
        ..SimConfig::default()
    })
    .await;
    let first_day = (OffsetDateTime::now_utc().date() - Duration::days(89)).to_string();
    let calls = e.sim.calls_since(&e.account, &first_day);
    let trackers = e
        .sim
        .trackers(&e.account)
        .iter()
        .filter(|t| t["status"] == "active")
        .count();
    e.sim.clear_requests();
    let steps = std::sync::Mutex::new(Vec::new());
    let r = e
        .desk
        .usage(
            &e.conn,
            &e.account,
            &[],
            90,
            &|s: UsageStep| steps.lock().unwrap().push(s),
            None,
        )
        .await
        .unwrap();
    let requests = e.sim.requests().len() as u64;
    let budget = request_budget(trackers as u64, calls as u64);
    println!("{trackers} trackers, {calls} calls: {requests} requests (budget {budget})");
    assert!(
        requests <= budget,
        "{requests} requests, over the budget of {budget}"
    );
    assert_eq!(
        u64::from(r.requests),
        requests,
        "the report counts its requests"
    );
    // Every call counted once, although each page after the first repeats a call of the one before.
    assert_eq!(r.account.calls as usize, calls);
    assert_eq!(r.trackers.len(), trackers);
    // Every tenth generated tracker is never called, and all are older than the window.
    assert!(
        r.account.idle_trackers >= 200,
        "{}",
        r.account.idle_trackers
    );
    let last = *steps.lock().unwrap().last().unwrap();
    assert_eq!(
        u64::from(last.call_pages) + u64::from(last.tracker_pages),
        requests
    );
}

#[tokio::test]
async fn a_refresh_asks_only_for_the_days_since_the_last() {
    let e = env(SimConfig::default()).await;
    let first = report(&e, &[], 30).await;
    let asked = calls_asked(&e);
    let start = (OffsetDateTime::now_utc().date() - Duration::days(29)).to_string();
    assert!(asked.iter().all(|q| q.contains("time_zone=UTC")));
    assert!(
        asked[0].contains(&format!("start_date={start}")),
        "{asked:?}"
    );
    assert!(
        !asked[0].contains("company_id="),
        "one reading of the whole account: {asked:?}"
    );
    e.sim.clear_requests();
    let again = report(&e, &[], 30).await;
    let asked = calls_asked(&e);
    let today = OffsetDateTime::now_utc().date().to_string();
    assert_eq!(asked.len(), 1, "{asked:?}");
    assert!(
        asked[0].contains(&format!("start_date={today}")),
        "only today is read again: {asked:?}"
    );
    assert_eq!(again.account, first.account, "the counts kept are the same");
    // A longer window reads the days before what is kept, whole.
    e.sim.clear_requests();
    let longer = report(&e, &[], 90).await;
    let asked = calls_asked(&e);
    let start90 = (OffsetDateTime::now_utc().date() - Duration::days(89)).to_string();
    assert!(
        asked[0].contains(&format!("start_date={start90}")),
        "{asked:?}"
    );
    assert!(longer.account.calls >= first.account.calls);
}

#[tokio::test]
async fn a_reading_stopped_by_the_quota_reserve_goes_on_where_it_stopped() {
    let e = env(SimConfig {
        extra_trackers: 100,
        extra_calls: 60_000,
        rate_limit_per_hour: None,
        rate_limit_per_day: None,
        ..SimConfig::default()
    })
    .await;
    // 60 requests an hour: the reading may use 54 of them, and keeps 6 for the person.
    e.desk.set_tuning(Tuning {
        quota: RateLimits {
            per_hour: 60,
            per_day: 10_000,
        },
        ..Tuning::default()
    });
    let first_day = (OffsetDateTime::now_utc().date() - Duration::days(29)).to_string();
    let calls = e.sim.calls_since(&e.account, &first_day);
    let stopped = report(&e, &[], 30).await;
    assert!(stopped.incomplete.is_some(), "stopped short");
    assert_eq!(
        stopped.account.idle_trackers, 0,
        "nothing called idle on counts not all read"
    );
    assert!(stopped.trackers.iter().all(|t| !t.idle));
    let read = calls_asked(&e).len();
    assert!(
        (40..=54).contains(&read),
        "{read} pages read before the reserve"
    );

    // With room again, it goes on from its place: the next request is the page after the last read.
    e.desk.set_tuning(Tuning::default());
    e.sim.clear_requests();
    let done = report(&e, &[], 30).await;
    assert!(done.incomplete.is_none());
    let asked = calls_asked(&e);
    assert!(
        asked[0].contains(&format!("offset={read}")),
        "went on at page {read}: {:?}",
        &asked[0]
    );
    assert_eq!(
        done.account.calls as usize, calls,
        "every call counted once"
    );
}

#[tokio::test]
async fn two_readings_at_once_count_each_call_once() {
    let e = env(SimConfig {
        extra_trackers: 300,
        extra_calls: 3_000,
        latency: Some(std::time::Duration::from_millis(5)),
        ..SimConfig::default()
    })
    .await;
    // The app's reading and another at the same time (the command line's, on the same counts).
    let (a, b) = tokio::join!(report(&e, &[], 30), report(&e, &[], 30));
    let alone = {
        let dir = tempfile::tempdir().unwrap();
        let desk = desk_core::Desk::open(
            dir.path(),
            desk_core::SecretStore::with_service(format!(
                "com.trackerdesk.test.{:x}",
                fastrand::u64(..)
            )),
            e.sim.base_url(),
        )
        .unwrap();
        let conn = desk
            .add_connection("Alone", callrail_sim::DEMO_API_KEY)
            .await
            .unwrap();
        desk.usage(&conn.id, &e.account, &[], 30, &|_: UsageStep| {}, None)
            .await
            .unwrap()
    };
    assert!(alone.account.calls > 0);
    assert_eq!(a.account.calls, alone.account.calls, "each call once");
    assert_eq!(b.account.calls, alone.account.calls, "each call once");
}
