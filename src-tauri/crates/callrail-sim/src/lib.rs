//! A local simulator of the CallRail API v3 (accounts, companies, trackers, calls): an axum server over
//! in-memory state, for integration tests, benchmarks and the app's demo mode.
//!
//! It is an independent model of the real service (see `docs/callrail-api.md`), not a
//! mirror of the `callrail` client crate, so it catches client bugs: `.json` paths only, `Token`
//! auth (quoted or not), JSON bodies with a JSON content type (else 406), offset-paginated
//! envelopes, `fields=swap_targets,campaign_name`, pool sizes 4-50 that only grow, `call_flow`
//! replaced as a whole on PUT, DELETE that disables (204), a finite number inventory, per-account
//! hourly rate limits with bare 429s, and injectable faults.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use callrail_sim::{RunningSim, SimConfig, DEMO_API_KEY};
//! let sim = RunningSim::start(SimConfig::default()).await?;
//! // GET {base_url}/v3/a.json with `Authorization: Token token="sim-demo-key"`
//! println!("{} {}", sim.base_url(), DEMO_API_KEY);
//! sim.add_fault("post-trackers:500:commit".parse().map_err(std::io::Error::other)?);
//! sim.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! # Seed files
//!
//! Without a seed the simulator serves the built-in demo agency ("Peachtree Digital Agency").
//! A seed (`SimConfig::seed`, `callrail-sim --seed FILE.json`) replaces it:
//!
//! ```json
//! {"accounts": [
//!   {"name": "Agency A", "outbound_recording_enabled": false, "hipaa_account": false,
//!    "companies": [
//!      {"name": "Co 1", "time_zone": "America/New_York", "status": "active",
//!       "main_number": "+14045550100", "created_at": "2024-03-10T07:06:01Z",
//!       "trackers": [
//!         {"name": "Billboard", "type": "source", "source": {"type": "offline"},
//!          "area_code": "404", "destination_number": "+14045550100",
//!          "recording_enabled": true, "whisper_message": null, "status": "active"},
//!         {"name": "Website", "type": "session", "pool_size": 5, "area_code": "404",
//!          "destination_number": "+14045550100"}]}]},
//!   {"name": "Agency B", "companies": []}]}
//! ```
//!
//! Ids are generated (deterministically). Every key sees every account. Optional fields:
//! account `outbound_recording_enabled`/`hipaa_account` (false); company `time_zone`
//! (America/New_York), `status` (`active`; `disabled` also disables its trackers), `main_number`
//! (the default destination), `created_at`; tracker `source` (as in the API request; default
//! `{"type":"offline"}` for source trackers and `"all"` for sessions), `pool_size` (4),
//! `area_code` or `toll_free: true` (default: numbers local to the destination),
//! `destination_number` (the company's main number), `recording_enabled` (false),
//! `greeting_text`, `whisper_message`, `sms_enabled` (false), `swap_targets`, `campaign_name`,
//! `call_flow` (a whole API call_flow object, e.g. `{"type":"advanced","uuid":"..."}`), `status`
//! (`active`/`disabled`), `created_at` (RFC 3339), `calls` (`[{"start_time": RFC 3339,
//! "answered": true, "duration": 42, "number": "+1404…"}]`, all but `start_time` optional; the
//! tracker's first number by default). Trackers go through the API's create checks
//! and draw on the same number inventory, so a seed the API would refuse fails to load.
//!
//! # Fault specs
//!
//! `ROUTE:KIND[:FLAG...]`, see [`FaultSpec`]: routes `any`, `get-accounts`, `get-account`,
//! `get-companies`, `get-company`, `get-trackers`, `get-tracker`, `post-trackers`, `put-tracker`,
//! `delete-tracker`, `get-calls`; kinds an HTTP status (400-599), `latency=MS`, `reset`, `truncate`,
//! `malformed`, `timeout` (holds the answer far longer than any client waits); flags `once` (default), `N`, `always`, `commit`, `retry-after=S`.

mod api;
mod calls;
mod config;
mod demo;
mod error;
mod faults;
mod inventory;
mod model;
mod ops;
mod pipeline;
mod query;
mod render;
mod seed;
mod server;
mod sources;
mod state;
mod validate;
mod wire;
mod world;

pub use config::{
    Quirks, SimConfig, DEFAULT_NUMBERS_PER_AREA_CODE, DEMO_API_KEY, RATE_LIMIT_PER_DAY,
    RATE_LIMIT_PER_HOUR,
};
pub use error::SimError;
pub use faults::{FaultKind, FaultRoute, FaultSpec, FaultSpecError, FaultTimes};
pub use inventory::{LOCAL_AREA_CODES, TOLL_FREE_AREA_CODES};
pub use pipeline::RecordedRequest;
pub use seed::SeedCall;
pub use seed::{Seed, SeedAccount, SeedCompany, SeedTracker};
pub use server::RunningSim;
