//! The client's `tracing` events reach the `log` facade, which the app's log plugin writes to its
//! log file: a lost answer leaves a line there, and never the key.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use callrail_sim::{FaultSpec, DEMO_API_KEY};
use scenario_tests::*;
use std::sync::Mutex;

/// Keeps every record, as the app's log file would.
struct Kept(Mutex<Vec<String>>);

impl log::Log for Kept {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }
    fn log(&self, record: &log::Record<'_>) {
        self.0.lock().unwrap().push(format!(
            "{} {}: {}",
            record.level(),
            record.target(),
            record.args()
        ));
    }
    fn flush(&self) {}
}

static KEPT: Kept = Kept(Mutex::new(Vec::new()));

#[tokio::test]
async fn a_lost_answer_is_logged_without_the_key() {
    log::set_logger(&KEPT).unwrap();
    log::set_max_level(log::LevelFilter::Debug);
    let (sim, c, acc, acme) = acme_env().await;
    sim.add_fault(
        "post-trackers:502:once:commit"
            .parse::<FaultSpec>()
            .unwrap(),
    );
    let draft = test_support::source(&acme.id, "Logged").validate().unwrap();
    c.create_tracker(&acc, &draft).await.unwrap();
    let lines = KEPT.0.lock().unwrap().clone();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("WARN callrail") && l.contains("looking for it in CallRail")),
        "{lines:#?}"
    );
    assert!(
        lines.iter().all(|l| !l.contains(DEMO_API_KEY)),
        "{lines:#?}"
    );
}
