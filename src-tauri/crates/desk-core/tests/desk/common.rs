//! Shared by the desk's tests: a desk connected to a simulator.

use callrail_sim::{RunningSim, SimConfig, DEMO_API_KEY};
use desk_core::{Desk, SecretStore};
pub use test_support::{entry, source};

/// A desk with a connection to a simulator, its account and the Acme Plumbing company.
pub struct Env {
    pub sim: RunningSim,
    pub dir: tempfile::TempDir,
    pub service: String,
    pub desk: Desk,
    pub conn: String,
    pub account: String,
    pub company: String,
}

pub async fn env(config: SimConfig) -> Env {
    let sim = RunningSim::start(config).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let service = format!("com.trackerdesk.test.{:x}", fastrand::u64(..));
    let desk = Desk::open(
        dir.path(),
        SecretStore::with_service(&service),
        sim.base_url(),
    )
    .unwrap();
    let conn = desk
        .add_connection("Peachtree", DEMO_API_KEY)
        .await
        .unwrap();
    let account = conn.account_id.clone().unwrap();
    let company = desk
        .list_companies(&conn.id, &account)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.name == "Acme Plumbing")
        .unwrap()
        .id;
    Env {
        sim,
        dir,
        service,
        desk,
        conn: conn.id,
        account,
        company,
    }
}
