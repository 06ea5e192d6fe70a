//! The desk's tests: every operation the app and the command line offer, against the CallRail
//! simulator over loopback, with keys in a real Secret Service and the journal in a real SQLite file.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
mod desk;
mod journal;
mod no_keyring;
mod runs;
mod search;
mod table;
mod usage;
mod writes;
