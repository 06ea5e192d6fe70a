//! `trackerdesk`: the command line over the same crates as the Tracker Desk app.

mod args;
mod bulk;
mod commands;
mod output;
mod usage;

use clap::Parser;
use std::process::ExitCode;

/// How a command ends when it does not succeed; each has its own exit code.
#[derive(Debug)]
pub enum Failure {
    /// CallRail or the network failed (1).
    Remote(String),
    /// Bad input; nothing was sent (2).
    Input(String),
    /// A create or disable that was only explained (3).
    NotConfirmed(String),
    /// A write whose outcome nobody can tell yet: it may have been carried out (4).
    Unknown(String),
}

impl From<desk_core::CoreError> for Failure {
    /// The exit code the core's outcome names (the app words the same outcome alike).
    fn from(e: desk_core::CoreError) -> Self {
        let message = e.to_string();
        match e.outcome() {
            desk_core::Outcome::Refused => Failure::Input(message),
            desk_core::Outcome::NotConfirmed => Failure::NotConfirmed(message),
            desk_core::Outcome::Unknown => Failure::Unknown(message),
            desk_core::Outcome::NotDone => Failure::Remote(message),
        }
    }
}

impl From<callrail::Error> for Failure {
    fn from(e: callrail::Error) -> Self {
        desk_core::CoreError::from(e).into()
    }
}

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: could not start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let json = cli.json;
    match runtime.block_on(commands::run(cli)) {
        Ok(out) => {
            match (out.is_empty(), json) {
                (true, _) => {}
                (false, true) => output::say_json(&out),
                (false, false) => output::say(&out),
            }
            ExitCode::SUCCESS
        }
        Err(failure) => {
            let (code, line) = match failure {
                Failure::Remote(m) => (1, m),
                Failure::Input(m) => (2, m),
                Failure::NotConfirmed(m) => (3, m),
                Failure::Unknown(m) => (4, m),
            };
            // One line, whatever the message holds.
            output::tell(&format!("error: {}", line.replace('\n', " ")));
            ExitCode::from(code)
        }
    }
}
