//! Shared set-up for the scenario tests: a simulator on loopback and a client pointed at it.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // test support: a failed set-up should stop the test

use callrail::{ApiKey, CheckPolicy, Client, ClientBuilder, Company, RetryPolicy};
use callrail_sim::{RunningSim, SimConfig, DEMO_API_KEY};
use std::time::Duration;

pub async fn start(config: SimConfig) -> RunningSim {
    RunningSim::start(config)
        .await
        .expect("the simulator starts on loopback")
}

pub async fn demo() -> RunningSim {
    start(SimConfig::default()).await
}

/// A lost write is looked for over one second, not a minute: tests stay quick.
pub fn quick_check() -> CheckPolicy {
    CheckPolicy {
        window: Duration::from_secs(1),
        first_interval: Duration::from_millis(100),
        max_interval: Duration::from_millis(400),
        ..CheckPolicy::default()
    }
}

/// Fast retries, no client-side limiter, a short check of lost writes: tests stay quick.
pub fn builder(sim: &RunningSim, key: &str) -> ClientBuilder {
    Client::builder(ApiKey::new(key).expect("a usable key"))
        .base_url(sim.base_url())
        .retry(RetryPolicy {
            max_retries: 2,
            base_delay: Duration::from_millis(5),
            max_delay: Duration::from_millis(20),
            max_retry_after: Duration::from_secs(2),
        })
        .rate_limits(None)
        .check_policy(quick_check())
        .timeout(Duration::from_secs(5))
}

pub fn client(sim: &RunningSim) -> Client {
    builder(sim, DEMO_API_KEY).build().expect("client")
}

pub async fn account(client: &Client) -> String {
    let accounts = client.list_accounts().await.expect("accounts");
    accounts[0].id.clone()
}

pub async fn company(client: &Client, account: &str, name: &str) -> Company {
    client
        .list_companies(account, None)
        .await
        .expect("companies")
        .into_iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("the demo agency has a company named {name}"))
}

/// How many requests of this method and path the simulator received.
pub fn count(sim: &RunningSim, method: &str, path_ends: &str) -> usize {
    sim.requests()
        .iter()
        .filter(|r| r.method == method && r.path.ends_with(path_ends))
        .count()
}

/// How many trackers with this name exist in the simulator (any status).
pub fn named(sim: &RunningSim, account: &str, name: &str) -> usize {
    sim.trackers(account)
        .iter()
        .filter(|t| t["name"] == name)
        .count()
}

/// The demo agency's simulator, a client, its account and the Acme Plumbing company.
pub async fn acme_env() -> (RunningSim, Client, String, Company) {
    let sim = demo().await;
    let c = client(&sim);
    let acc = account(&c).await;
    let acme = company(&c, &acc, "Acme Plumbing").await;
    (sim, c, acc, acme)
}
