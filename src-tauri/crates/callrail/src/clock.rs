//! CallRail's clock, as its answers' `Date` headers tell it: what a write's time is matched against
//! (`created_at` is CallRail's) and what the age of a change is judged by, so that a computer whose
//! clock is minutes off never turns a create that was made into one that "failed".

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;
use time::OffsetDateTime;

/// How far CallRail's clock is ahead of this computer's, from the last answer.
#[derive(Debug, Default)]
pub struct Clock {
    offset_ms: AtomicI64,
    known: AtomicBool,
}

impl Clock {
    /// The clock of the server at `base`, one per process: every client of it (the command
    /// line's and its desk's) learns the time from any of their answers.
    pub(crate) fn for_base(base: &str) -> Arc<Clock> {
        static CLOCKS: OnceLock<Mutex<HashMap<String, Arc<Clock>>>> = OnceLock::new();
        CLOCKS
            .get_or_init(Mutex::default)
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .entry(base.to_owned())
            .or_default()
            .clone()
    }

    /// Takes the `Date` of an answer that has just arrived (whole seconds: the answer left
    /// CallRail within that second, so its middle is the best guess).
    pub(crate) fn observe(&self, date: &str) {
        let Ok(at) = httpdate::parse_http_date(date) else {
            return;
        };
        let server = OffsetDateTime::from(at) + time::Duration::milliseconds(500);
        let offset =
            i64::try_from((server - OffsetDateTime::from(SystemTime::now())).whole_milliseconds())
                .unwrap_or(0);
        // A header is only good to the second: the offset is kept in whole seconds and moves only
        // when it is off by more than one, so that times taken one after another (in this
        // process and the next) stay in order; within a second or so a clock is right, as far as
        // a `Date` can tell, and is left as it is.
        let rounded = match (offset + 500).div_euclid(1_000) * 1_000 {
            r if r.abs() <= 1_000 => 0,
            r => r,
        };
        let known = self.offset_ms.load(Ordering::Relaxed);
        if !self.known.swap(true, Ordering::Relaxed) || (rounded - known).abs() > 1_000 {
            self.offset_ms.store(rounded, Ordering::Relaxed);
        }
    }

    /// The time now by CallRail's clock; this computer's until CallRail has answered once.
    pub fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
            + time::Duration::milliseconds(self.offset_ms.load(Ordering::Relaxed))
    }

    /// Whether an answer has told CallRail's time yet.
    pub fn known(&self) -> bool {
        self.known.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_date_five_minutes_ahead_moves_the_clock_five_minutes_ahead() {
        let clock = Clock::default();
        assert!(!clock.known());
        let ahead = SystemTime::now() + std::time::Duration::from_secs(300);
        clock.observe(&httpdate::fmt_http_date(ahead));
        let off = (clock.now() - OffsetDateTime::now_utc()).whole_seconds();
        assert!((299..=301).contains(&off), "{off}");
        clock.observe("not a date");
        assert!(clock.known(), "a bad header changes nothing");
    }
}
