//! Thin adapters from IPC to `desk_core::Desk`: take the arguments, call the core, map the error.

pub mod connections;
pub mod dni;
pub mod history;
pub mod trackers;
