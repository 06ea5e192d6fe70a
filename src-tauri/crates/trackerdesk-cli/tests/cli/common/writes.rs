//! The writes the fault matrix makes, through the command line and through the desk the app uses,
//! on an awkward simulator.

use super::Sim;
use callrail::{SourceInput, TrackerChanges, TrackerForm, TrackerKind};
use callrail_sim::{Quirks, SimConfig};
use desk_core::{CoreError, Desk};
use std::time::Duration;

/// How long a lost write is looked for here (a minute in the app), and how long a request may take.
pub const CHECK_SECONDS: &str = "2";
pub const TIMEOUT_SECONDS: &str = "1.5";
pub const NEW_NAME: &str = "Renamed by the matrix";

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Op {
    CreateSource,
    CreateSession,
    Update,
    Grow,
    Disable,
}

pub const OPS: [Op; 5] = [
    Op::CreateSource,
    Op::CreateSession,
    Op::Update,
    Op::Grow,
    Op::Disable,
];

impl Op {
    pub fn route(self) -> &'static str {
        match self {
            Op::CreateSource | Op::CreateSession => "post-trackers",
            Op::Update | Op::Grow => "put-tracker",
            Op::Disable => "delete-tracker",
        }
    }
    pub fn creates(self) -> bool {
        matches!(self, Op::CreateSource | Op::CreateSession)
    }
    pub fn label(self) -> &'static str {
        match self {
            Op::CreateSource => "create source",
            Op::CreateSession => "create session",
            Op::Update => "update",
            Op::Grow => "grow a pool",
            Op::Disable => "disable",
        }
    }
}

/// The simulator's awkward sides, all on.
pub fn awkward() -> SimConfig {
    SimConfig {
        quirks: Quirks {
            search_whole_words: true,
            search_lag: Some(Duration::from_secs(600)),
            pool_number_delay: Some(Duration::from_secs(1)),
            refuse_delete_of_disabled: true,
            // This computer's clock four minutes fast: a create must still be found as made.
            clock_offset_seconds: -240,
        },
        ..SimConfig::default()
    }
}

/// What a cell writes to: the company, and an active source and session tracker of the demo agency.
pub struct Targets {
    pub account: String,
    pub company: String,
    pub source: String,
    pub source_name: String,
    pub pool: String,
    pub pool_size: usize,
}

pub fn targets(s: &Sim) -> Targets {
    let account = s.sim.account_ids()[0].clone();
    let trackers = s.sim.trackers(&account);
    let active = |kind: &str| {
        trackers
            .iter()
            .find(|t| t["type"] == kind && t["status"] == "active")
            .unwrap()
            .clone()
    };
    let (source, pool) = (active("source"), active("session"));
    Targets {
        company: pool["company"]["id"].as_str().unwrap().to_owned(),
        source: source["id"].as_str().unwrap().to_owned(),
        source_name: source["name"].as_str().unwrap().to_owned(),
        pool_size: pool["tracking_numbers"].as_array().unwrap().len(),
        pool: pool["id"].as_str().unwrap().to_owned(),
        account,
    }
}

pub fn cli_args(op: Op, t: &Targets, name: &str) -> Vec<String> {
    let grown = (t.pool_size + 2).to_string();
    let args: Vec<&str> = match op {
        Op::CreateSource => vec![
            "trackers",
            "create-source",
            "--company",
            &t.company,
            "--name",
            name,
            "--destination",
            "404-555-0100",
            "--source-type",
            "offline",
            "--area-code",
            "404",
            "--yes",
        ],
        Op::CreateSession => return session_args(&t.company, name),
        Op::Update => vec!["trackers", "update", &t.source, "--name", NEW_NAME],
        Op::Grow => vec![
            "trackers",
            "update",
            &t.pool,
            "--pool-size",
            &grown,
            "--yes",
        ],
        Op::Disable => vec!["trackers", "disable", &t.source, "--yes"],
    };
    args.into_iter().map(str::to_owned).collect()
}

/// `trackers create-session` of a pool of 4 in area code 404, confirmed.
pub fn session_args(company: &str, name: &str) -> Vec<String> {
    [
        "trackers",
        "create-session",
        "--company",
        company,
        "--name",
        name,
        "--destination",
        "404-555-0100",
        "--pool-size",
        "4",
        "--area-code",
        "404",
        "--yes",
    ]
    .map(str::to_owned)
    .to_vec()
}

pub fn run_cli(s: &Sim, args: &[String]) -> i32 {
    let out = s
        .cmd()
        .env("TRACKERDESK_CHECK_SECONDS", CHECK_SECONDS)
        .env("TRACKERDESK_TIMEOUT_SECONDS", TIMEOUT_SECONDS)
        .args(args)
        .output()
        .unwrap();
    out.status.code().unwrap_or(-1)
}

pub fn form(op: Op, t: &Targets, name: &str) -> TrackerForm {
    TrackerForm {
        kind: if op == Op::CreateSession {
            TrackerKind::Session
        } else {
            TrackerKind::Source
        },
        company_id: t.company.clone(),
        name: name.into(),
        destination: "404-555-0100".into(),
        area_code: Some("404".into()),
        pool_size: (op == Op::CreateSession).then_some(4),
        source: (op == Op::CreateSource).then(|| SourceInput {
            kind: "offline".into(),
            ..SourceInput::default()
        }),
        ..TrackerForm::default()
    }
}

/// The app's path: one desk, the same calls the Tauri commands make, and the exit code the
/// command line would give the outcome.
pub async fn run_desk(desk: &Desk, conn: &str, op: Op, t: &Targets, name: &str) -> i32 {
    let result = match op {
        Op::CreateSource | Op::CreateSession => {
            let n = if op == Op::CreateSession { 4 } else { 1 };
            desk.create_tracker(conn, &t.account, &form(op, t, name), n)
                .await
        }
        Op::Update | Op::Grow => {
            let (id, changes) = if op == Op::Update {
                let c = TrackerChanges {
                    name: Some(NEW_NAME.into()),
                    ..TrackerChanges::default()
                };
                (t.source.clone(), c)
            } else {
                let c = TrackerChanges {
                    pool_size: Some(u32::try_from(t.pool_size + 2).unwrap()),
                    ..TrackerChanges::default()
                };
                (t.pool.clone(), c)
            };
            match desk.preview_update(conn, &t.account, &id, &changes).await {
                Ok(p) => {
                    desk.update_tracker(conn, &t.account, &id, &changes, p.extra_numbers)
                        .await
                }
                Err(e) => Err(e),
            }
        }
        Op::Disable => {
            desk.disable_tracker(conn, &t.account, &t.source, &t.source_name)
                .await
        }
    };
    match result {
        Ok(_) => 0,
        Err(CoreError::Callrail(e)) if e.outcome_unknown() => 4,
        Err(
            CoreError::Callrail(callrail::Error::Invalid(_))
            | CoreError::ConfirmationRequired { .. },
        ) => 2,
        Err(_) => 1,
    }
}
