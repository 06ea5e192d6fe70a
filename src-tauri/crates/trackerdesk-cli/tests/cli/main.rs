//! The `trackerdesk` binary's tests: each runs the real binary against the CallRail simulator over
//! loopback, with keys in a real Secret Service and the journal in a real SQLite file (the team's
//! in MongoDB, for the `team` module's tests).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bulk;
mod bulk_faults;
mod bulk_run;
mod commands;
mod common;
mod crash;
mod fault_matrix;
mod team;
mod tracker_writes;
