//! `callrail-sim`: serve the CallRail API v3 simulator on a local port.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use callrail_sim::{
    FaultSpec, Quirks, RunningSim, Seed, SimConfig, DEFAULT_NUMBERS_PER_AREA_CODE,
    RATE_LIMIT_PER_DAY, RATE_LIMIT_PER_HOUR,
};
use clap::Parser;

const SEED_HELP: &str = r#"Seed file format (JSON; ids are generated, every key sees every account):
  {"accounts":[{"name":"Agency A","companies":[{"name":"Co 1","time_zone":"America/New_York","status":"active",
    "trackers":[{"name":"Billboard","type":"source","source":{"type":"offline"},"area_code":"404",
                 "destination_number":"+14045550100","recording_enabled":true,"whisper_message":null,"status":"active"},
                {"name":"Website","type":"session","pool_size":5,"area_code":"404","destination_number":"+14045550100"}]}]}]}
  Optional: account outbound_recording_enabled, hipaa_account; company time_zone, status (active|disabled),
  main_number, created_at; tracker source, pool_size (4), area_code | toll_free:true (default: local to the
  destination), destination_number (company main number), recording_enabled, greeting_text, whisper_message,
  sms_enabled, swap_targets, campaign_name, call_flow (whole API object), status, created_at (RFC 3339).

Fault specs: ROUTE:KIND[:FLAG...]
  ROUTE  any get-accounts get-account get-companies get-company get-trackers get-tracker
         post-trackers put-tracker delete-tracker
  KIND   an HTTP status (400-599) | latency=MS | reset | truncate | malformed | timeout
  FLAG   once (default) | N | always | commit | retry-after=S
  e.g. --fault post-trackers:500:commit --fault any:429:2:retry-after=5"#;

/// A local simulator of the CallRail API v3 (accounts, companies, trackers).
#[derive(Debug, Parser)]
#[command(name = "callrail-sim", version, after_help = SEED_HELP)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8765")]
    listen: SocketAddr,
    /// An accepted API key with full access (repeatable); default: sim-demo-key.
    #[arg(long = "api-key", value_name = "KEY")]
    api_keys: Vec<String>,
    /// An accepted API key for GET requests only (repeatable).
    #[arg(long = "read-only-key", value_name = "KEY")]
    read_only_keys: Vec<String>,
    /// Start from this seed file instead of the demo agency.
    #[arg(long, value_name = "FILE.json")]
    seed: Option<PathBuf>,
    /// Generate N extra active trackers in the first company.
    #[arg(long = "trackers", value_name = "N", default_value_t = 0)]
    trackers: usize,
    /// Spread the generated trackers over N new companies ("Location 01" …) instead.
    #[arg(long = "companies", value_name = "N", default_value_t = 0)]
    companies: usize,
    /// N calls over the last 90 days, spread over the generated trackers (or the first account's).
    #[arg(long = "calls", value_name = "N", default_value_t = 0)]
    calls: usize,
    /// Numbers available in each area code.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_NUMBERS_PER_AREA_CODE)]
    numbers_per_area_code: usize,
    /// Requests allowed per account per rolling hour, as CallRail allows (0: no limit).
    #[arg(long, value_name = "N", default_value_t = RATE_LIMIT_PER_HOUR)]
    rate_limit_per_hour: u32,
    /// Requests allowed per account per rolling day, as CallRail allows (0: no limit).
    #[arg(long, value_name = "N", default_value_t = RATE_LIMIT_PER_DAY)]
    rate_limit_per_day: u32,
    /// Search matches whole words of a tracker's name only, as CallRail's does.
    #[arg(long)]
    search_whole_words: bool,
    /// Search does not show trackers created in the last SECS seconds (a lagging index).
    #[arg(long, value_name = "SECS")]
    search_lag: Option<u64>,
    /// A pool's new numbers show only SECS seconds after they were bought.
    #[arg(long, value_name = "SECS")]
    pool_number_delay: Option<u64>,
    /// DELETE of an already disabled tracker answers 400.
    #[arg(long)]
    refuse_delete_of_disabled: bool,
    /// CallRail's clock runs this many seconds ahead of this computer's (negative: behind).
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 0,
        allow_hyphen_values = true
    )]
    clock_offset: i64,
    /// Delay added to every response, in milliseconds.
    #[arg(long, value_name = "MS")]
    latency_ms: Option<u64>,
    /// Arm a fault (repeatable), see below.
    #[arg(long = "fault", value_name = "SPEC")]
    faults: Vec<String>,
    /// Leave total_pages out of list envelopes.
    #[arg(long)]
    omit_total_pages: bool,
    /// Answer DELETE with 200 and the tracker instead of 204.
    #[arg(long)]
    delete_returns_body: bool,
}

fn config(args: Args) -> Result<(SocketAddr, SimConfig), String> {
    // Parsed here rather than by clap, so a bad spec is one line on stderr.
    let faults = args
        .faults
        .iter()
        .map(|s| s.parse::<FaultSpec>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    let seed = match &args.seed {
        Some(path) => Some(Seed::from_file(path).map_err(|e| e.to_string())?),
        None => None,
    };
    let api_keys = if args.api_keys.is_empty() {
        SimConfig::default().api_keys
    } else {
        args.api_keys
    };
    let config = SimConfig {
        api_keys,
        read_only_keys: args.read_only_keys,
        seed,
        extra_trackers: args.trackers,
        extra_companies: args.companies,
        extra_calls: args.calls,
        numbers_per_area_code: args.numbers_per_area_code,
        rate_limit_per_hour: (args.rate_limit_per_hour > 0).then_some(args.rate_limit_per_hour),
        rate_limit_per_day: (args.rate_limit_per_day > 0).then_some(args.rate_limit_per_day),
        latency: args.latency_ms.map(Duration::from_millis),
        faults,
        omit_total_pages: args.omit_total_pages,
        delete_returns_body: args.delete_returns_body,
        quirks: Quirks {
            search_whole_words: args.search_whole_words,
            search_lag: args.search_lag.map(Duration::from_secs),
            pool_number_delay: args.pool_number_delay.map(Duration::from_secs),
            refuse_delete_of_disabled: args.refuse_delete_of_disabled,
            clock_offset_seconds: args.clock_offset,
        },
    };
    Ok((args.listen, config))
}

async fn wait_for_stop() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let (listen, config) = match config(args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("callrail-sim: {e}");
            return ExitCode::FAILURE;
        }
    };
    let sim = match RunningSim::start_on(listen, config).await {
        Ok(sim) => sim,
        Err(e) => {
            eprintln!("callrail-sim: cannot serve on {listen}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::stdout().lock();
    let printed = writeln!(out, "listening on {}", sim.base_url()).and_then(|()| out.flush());
    drop(out);
    if let Err(e) = printed {
        eprintln!("callrail-sim: cannot write to stdout: {e}");
        return ExitCode::FAILURE;
    }
    wait_for_stop().await;
    sim.shutdown().await;
    ExitCode::SUCCESS
}
