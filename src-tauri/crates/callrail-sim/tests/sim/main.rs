//! The simulator's tests: its HTTP API as CallRail's, its writes, its faults and quirks, and the
//! binary as the app's demo and the benchmarks start it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod binary;
mod common;
mod faults;
mod http_api;
mod http_writes;
mod quirks;
