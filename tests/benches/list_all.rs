//! Listing every tracker of a company with 10,000 trackers: page by page, one after another, against
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! the client's concurrent list-all, side by side in one run. `cargo bench -p scenario-tests` prints
//! the figures; under `cargo test` it runs a small smoke version that checks both give the same list.

use callrail::{ApiKey, Client, TrackerQuery};
use callrail_sim::{RunningSim, SimConfig, DEMO_API_KEY};
use std::time::{Duration, Instant};

const RUNS: usize = 3;

fn client(sim: &RunningSim, concurrency: usize) -> Client {
    Client::builder(ApiKey::new(DEMO_API_KEY).expect("key"))
        .base_url(sim.base_url())
        .rate_limits(None)
        .list_concurrency(concurrency)
        .build()
        .expect("client")
}

async fn sequential(c: &Client, account: &str, company: &str) -> usize {
    let mut n = 0;
    for page in 1.. {
        let q = TrackerQuery {
            page: Some(page),
            per_page: Some(250),
            ..TrackerQuery::company(company)
        };
        let got = c
            .list_trackers(account, &q)
            .await
            .expect("page")
            .items
            .len();
        n += got;
        if got < 250 {
            break;
        }
    }
    n
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

async fn measure(trackers: usize, latency_ms: u64, runs: usize) {
    let config = SimConfig {
        extra_trackers: trackers,
        latency: (latency_ms > 0).then(|| Duration::from_millis(latency_ms)),
        ..SimConfig::default()
    };
    let sim = RunningSim::start(config).await.expect("simulator");
    let c = client(&sim, 4);
    let account = c.list_accounts().await.expect("accounts")[0].id.clone();
    let company = c.list_companies(&account, None).await.expect("companies")[0]
        .id
        .clone();
    let c8 = client(&sim, 8);
    let (mut seq, mut par4, mut par8) = (Vec::new(), Vec::new(), Vec::new());
    let mut counts = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        counts.push(sequential(&c, &account, &company).await);
        seq.push(t.elapsed());
        let t = Instant::now();
        counts.push(
            c.list_all_trackers(&account, &TrackerQuery::company(&company))
                .await
                .expect("all")
                .len(),
        );
        par4.push(t.elapsed());
        let t = Instant::now();
        counts.push(
            c8.list_all_trackers(&account, &TrackerQuery::company(&company))
                .await
                .expect("all")
                .len(),
        );
        par8.push(t.elapsed());
    }
    assert!(
        counts.windows(2).all(|w| w[0] == w[1]),
        "every way of listing sees the same trackers: {counts:?}"
    );
    let (s, p4, p8) = (median(seq), median(par4), median(par8));
    println!(
        "{:>6} trackers, {:>3} ms simulated latency: sequential {:>8.1} ms | concurrent x4 {:>8.1} ms ({:.2}x) | concurrent x8 {:>8.1} ms ({:.2}x)",
        counts[0],
        latency_ms,
        s.as_secs_f64() * 1e3,
        p4.as_secs_f64() * 1e3,
        s.as_secs_f64() / p4.as_secs_f64(),
        p8.as_secs_f64() * 1e3,
        s.as_secs_f64() / p8.as_secs_f64(),
    );
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        if full {
            println!("list all trackers of one company, median of {RUNS} runs, pages of 250");
            measure(10_000, 0, RUNS).await;
            measure(10_000, 50, RUNS).await;
        } else {
            measure(600, 5, 1).await;
        }
    });
}
