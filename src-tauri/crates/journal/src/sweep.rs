//! Lock files that settled entries left behind, removed so they do not pile up.

use crate::store::JournalEntry;
use crate::Journal;
use crate::JournalResult;

impl Journal {
    /// Removes the lock files that entries of this desk left and that nothing holds, once their
    /// entry is settled (or was never written): a crash's leftovers, settled by another desk or
    /// by a bulk run's check. A run's lease file is left to the next desk that takes the run.
    pub async fn sweep_locks(&self) -> JournalResult<u32> {
        let Ok(dir) = std::fs::read_dir(&self.locks) else {
            return Ok(0);
        };
        let mut left = Vec::new();
        for path in dir.flatten().map(|e| e.path()) {
            let Some(id) = path.file_stem().and_then(|s| s.to_str()).map(str::to_owned) else {
                continue;
            };
            if id.starts_with("run-") || path.extension().is_none_or(|e| e != "lock") {
                continue;
            }
            if self.left_by_the_dead(&id) {
                left.push((id, path));
            }
        }
        if left.is_empty() {
            return Ok(0);
        }
        let ids: Vec<String> = left.iter().map(|(id, _)| id.clone()).collect();
        let mut open = Vec::new();
        for store in [self.store(), self.local()] {
            open.extend(
                store
                    .entries(&ids)
                    .await?
                    .into_iter()
                    .filter(JournalEntry::unresolved)
                    .map(|e| e.id),
            );
        }
        let mut removed = 0;
        for (_, path) in left.into_iter().filter(|(id, _)| !open.contains(id)) {
            if std::fs::remove_file(path).is_ok() {
                removed += 1;
            }
        }
        Ok(removed)
    }
}
