//! The journal's tests: the store contract, run against SQLite here (and MongoDB where one runs),
//! with migrations, writes from two processes at once, and copying a journal up.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod store;
mod store_bulk;
mod two_processes;
