//! Reading: accounts, companies, and trackers with every parameter and every page.

use super::*;

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
