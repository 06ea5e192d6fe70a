//! A bulk run's lease in the journal store: one desk applies a run at a time, across windows,
//! processes and computers. Its holder renews it while it applies; a desk that dies lets it expire,
//! and another may then take the run over (settling its open rows first, as any resumed run does).
//! On one computer a lock file beside it tells a holder that died at once, so a crashed run can be
//! resumed there without waiting for its lease to run out.

use crate::error::RunError;
use crate::host::{Host, Runner};
use journal::store::{LeaseAnswer, RunLease, Store};
use journal::JournalError;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

pub(crate) struct Lease {
    store: Arc<dyn Store>,
    run_id: String,
    /// This drive's own token: two windows of one person are two holders.
    holder: String,
    person: String,
    ttl: Duration,
    lost: AtomicBool,
    /// Held while this desk applies the run; a process that dies lets go of it.
    local: Option<(std::fs::File, std::path::PathBuf)>,
}

/// This computer's name, as a holder's begins.
fn this_host() -> String {
    gethostname::gethostname().to_string_lossy().into_owned()
}

fn of_this_host(holder: &str) -> bool {
    holder.split('/').next() == Some(this_host().as_str())
}

fn lock_name(run_id: &str) -> String {
    format!("run-{run_id}")
}

/// Whether `lease` is held by a desk that is alive, as far as this desk can tell: a holder of this
/// desk that died left its lock file unheld.
pub(crate) fn alive<H: Host>(desk: &Runner<'_, H>, lease: &RunLease) -> bool {
    !(of_this_host(&lease.holder)
        && desk
            .host
            .journal()
            .left_by_the_dead(&lock_name(&lease.run_id)))
}

impl Lease {
    /// Takes the run's lease, or says who holds it.
    pub(crate) async fn take<H: Host>(
        desk: &Runner<'_, H>,
        store: &Arc<dyn Store>,
        run_id: &str,
    ) -> Result<Self, H::Error> {
        let name = lock_name(run_id);
        let crashed_here = desk.host.journal().left_by_the_dead(&name);
        let Some(local) = desk.host.journal().hold(&name)? else {
            return Err(H::Error::from(RunError::Refused(
                "this run is being applied by another window or command of this computer".into(),
            )));
        };
        let lease = Self {
            store: store.clone(),
            run_id: run_id.to_owned(),
            holder: format!("{}/{:016x}", this_host(), fastrand::u64(..)),
            person: desk.host.journal().person(),
            ttl: desk.host.tuning().lease,
            lost: AtomicBool::new(false),
            local: Some(local),
        };
        let answer = match lease.renew(None).await? {
            // A holder of this desk that left its lock file died: taken over now.
            LeaseAnswer::Held(other) if crashed_here && of_this_host(&other.holder) => {
                lease.renew(Some(&other.holder)).await?
            }
            answer => answer,
        };
        match answer {
            LeaseAnswer::Granted => Ok(lease),
            LeaseAnswer::Held(other) => Err(H::Error::from(RunError::Refused(format!(
                "this run is being applied by {} (their lease runs until {} unless they renew it); it cannot be resumed here until they stop",
                other.person, other.expires_at
            )))),
        }
    }

    async fn renew(&self, replacing: Option<&str>) -> Result<LeaseAnswer, JournalError> {
        self.store
            .lease_run(
                &self.run_id,
                &self.holder,
                &self.person,
                self.ttl,
                replacing,
            )
            .await
    }

    /// Whether the lease was lost (another desk took the run over, or it could not be renewed in
    /// time): the drive stops before its next row.
    pub(crate) fn lost(&self) -> bool {
        self.lost.load(Ordering::SeqCst)
    }

    /// Runs `work`, renewing the lease every third of its length meanwhile.
    pub(crate) async fn hold_while<T>(&self, work: impl std::future::Future<Output = T>) -> T {
        let heartbeat = async {
            let mut renewed = tokio::time::Instant::now();
            loop {
                tokio::time::sleep(self.ttl / 3).await;
                match self.renew(None).await {
                    Ok(LeaseAnswer::Granted) => renewed = tokio::time::Instant::now(),
                    Ok(LeaseAnswer::Held(_)) => self.lost.store(true, Ordering::SeqCst),
                    // The store did not answer: the lease stands until it runs out.
                    Err(e) => {
                        tracing::warn!("a bulk run's lease could not be renewed: {e}");
                        if renewed.elapsed() >= self.ttl * 2 / 3 {
                            self.lost.store(true, Ordering::SeqCst);
                        }
                    }
                }
            }
        };
        tokio::select! {
            out = work => out,
            () = heartbeat => unreachable!("the heartbeat only ends with the work"),
        }
    }

    /// Lets go of the lease, so another desk need not wait for it to run out.
    pub(crate) async fn release(self) {
        if let Err(e) = self.store.release_run(&self.run_id, &self.holder).await {
            tracing::warn!(
                "a bulk run's lease could not be let go of (it runs out by itself): {e}"
            );
        }
    }
}

impl Drop for Lease {
    /// The lock file goes with the lease (a process that dies leaves it, unlocked).
    fn drop(&mut self) {
        if let Some((file, path)) = self.local.take() {
            drop(file);
            let _ = std::fs::remove_file(path);
        }
    }
}
