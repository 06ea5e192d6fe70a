//! The simulator's knobs.

use std::time::Duration;

use crate::faults::FaultSpec;
use crate::seed::Seed;

/// The API key the simulator accepts when no other key is configured.
pub const DEMO_API_KEY: &str = "sim-demo-key";

/// Default size of the number inventory of each area code.
pub const DEFAULT_NUMBERS_PER_AREA_CODE: usize = 60;

/// How a simulator instance behaves. `SimConfig::default()` is the demo agency, one full-access key
/// ([`DEMO_API_KEY`]), no rate limit, no latency and no faults.
#[derive(Debug, Clone)]
pub struct SimConfig {
    /// Keys accepted with full access.
    pub api_keys: Vec<String>,
    /// Keys accepted for GET only; POST/PUT/DELETE answer 403.
    pub read_only_keys: Vec<String>,
    /// The data to start with; `None` builds the built-in demo agency.
    pub seed: Option<Seed>,
    /// Extra active trackers generated in the first company (for benchmarks).
    pub extra_trackers: usize,
    /// Numbers available in each area code of the inventory.
    pub numbers_per_area_code: usize,
    /// Requests allowed per account in a rolling hour; `None` turns the limit off.
    pub rate_limit_per_hour: Option<u32>,
    /// Delay added to every response (emulates the network round trip).
    pub latency: Option<Duration>,
    /// Faults armed at start.
    pub faults: Vec<FaultSpec>,
    /// Leave `total_pages` out of list envelopes (as some real responses do).
    pub omit_total_pages: bool,
    /// DELETE answers 200 with the tracker instead of 204 with no body.
    pub delete_returns_body: bool,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            api_keys: vec![DEMO_API_KEY.to_string()],
            read_only_keys: Vec::new(),
            seed: None,
            extra_trackers: 0,
            numbers_per_area_code: DEFAULT_NUMBERS_PER_AREA_CODE,
            rate_limit_per_hour: None,
            latency: None,
            faults: Vec::new(),
            omit_total_pages: false,
            delete_returns_body: false,
        }
    }
}
